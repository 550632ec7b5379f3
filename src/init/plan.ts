/**
 * `repro-ci init`, pure: what a repository holds (file list, file contents, remote) in, a commented
 * repro.yml and workflow(s) out. It reads the Dockerfiles (src/init/image.ts) and the scripts they run
 * (src/init/python.ts) to find steps that can run as they are, the folders they write (mounted, so
 * outputs outlive the container and reach the next step), the metrics file, and what needs a GPU. Every
 * guess is said in a comment, and what was left out is said with the reason.
 */
import path from 'node:path/posix';
import { parseConfig } from '../config/config.js';
import { containerPath, imageFacts, pathInImage, type ImageFacts } from './image.js';
import type { CheckPlan, ImagePlan, MountPlan, RunTarget, StepPlan } from './types.js';
import { scriptFacts, type ScriptFacts } from './python.js';
import { renderConfig, renderGpuWorkflow, renderWorkflow } from './render.js';

export interface RepoScan {
  /** Repository-relative `/`-separated paths (heavy folders such as data/ and .git/ left out). */
  files: string[];
  read: (rel: string) => string | undefined;
  /** Folder name of the repository. */
  name: string;
  /** `owner/repo` of a GitHub remote, when there is one. */
  github?: string;
}

export interface InitPlan {
  files: { path: string; text: string }[];
  /** What the user should check or do next. */
  notes: string[];
  summary: { images: number; steps: number; checks: number };
  /** The metrics file the config names (host path, relative to repro.yml), when one was found. */
  metrics?: string;
}

export const CONFIG_FILE = 'repro.yml';
export const WORKFLOW_FILE = '.github/workflows/repro.yml';
export const GPU_WORKFLOW_FILE = '.github/workflows/repro-gpu.yml';

const DOCKERFILE = /(^|\/)(Dockerfile(\.[\w.-]+)?|[\w.-]+\.[Dd]ockerfile)$/;
const IN_TESTS = /(^|\/)(tests?|fixtures?|examples?|docs?)\//;
const TRAIN = /(^|[\s/_.-])(train(ing)?|fit|finetune)([_.-]|$)/i;
const EVALUATE = /(^|[\s/_.-])(eval(uate|uation)?|test|score|predict|inference|validate)([_.-]|$)/i;
const TRAIN_SCRIPT = /(^|\/)(train(ing)?|fit|finetune)[\w-]*\.py$/;
const EVAL_SCRIPT = /(^|\/)(eval(uate|uation)?[\w-]*|test|score|predict)\.py$/;
const GPU_NAME = /(^|[/_.-])(gpu|cuda)([_.-]|$)/i;
const CLOUD_NAME = /(^|[/_.-])(cloud|gcp|aws|azure|vertex|sagemaker)([_.-]|$)/i;
const SEED = /^(\w+_)?SEED$/;
const SECRET = /TOKEN|KEY|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH/;
const METRICS_EXT = /\.(json|ya?ml|csv|tsv)$/;
/** Folders a script may name that are the system's, never the project's. */
const SYSTEM = /^\/(usr|proc|sys|dev|etc|tmp|var|bin|lib|opt|root\/\.cache|home\/[^/]+\/\.cache)(\/|$)/;

/** What `init --run` measured: the metrics of one run, kept as the committed reference file. */
export interface Measured {
  reference: string;
  metrics: Record<string, number>;
}

/** Relative tolerance of the checks `init --run` writes: a guard, wide enough for another machine's BLAS. */
export const MEASURED_RTOL = 0.01;

export function planInit(scan: RepoScan, measured?: Measured): InitPlan {
  const notes: string[] = [];
  const images = scanImages(scan);
  const steps = planSteps(scan, images, notes);
  if (images.length === 0) {
    notes.push(
      'no Dockerfile was found: write one (dependencies first, then the code; see docs/lint.md), then run `repro-ci init --force`.',
    );
    images.push(placeholderImage());
    steps.push(stepFor('app', images[0], undefined));
  }
  leaveOutUnused(images, steps);
  const metrics = findMetrics(steps);
  const checks = measured ? measuredChecks(measured.metrics) : metrics ? guessChecks(scan.read(metrics.host)) : [];
  if (measured && checks.length === 0)
    notes.push(
      `the run wrote no metric worth checking (${Object.keys(measured.metrics).join(', ') || 'none'}): write \`checks:\` yourself.`,
    );
  else if (metrics && checks.length === 0)
    notes.push(
      `this config checks nothing yet: \`repro-ci init --run --force\` runs it once and writes the measured metrics as the reference with checks, or write \`checks:\` for ${metrics.host} yourself.`,
    );
  if (!metrics && steps.length > 0)
    notes.push(
      'no metrics file was found, so this config checks nothing: make the evaluation write a JSON file into a mounted folder, then name it under `metrics:` and add `checks:`.',
    );
  const pushImage = scan.github ? `ghcr.io/${scan.github.toLowerCase()}` : undefined;
  if (!pushImage)
    notes.push('no GitHub remote was found: set `push.image` (e.g. ghcr.io/OWNER/REPO) to publish the images.');
  for (const s of steps) for (const c of s.comments) notes.push(`${s.name}: ${c}`);
  const gpu = steps.some((s) => s.gpu);
  if (gpu)
    notes.push(
      `${GPU_WORKFLOW_FILE} runs the same config on a self-hosted GPU runner (labels self-hosted, gpu) with every GPU.`,
    );

  const yml = renderConfig({
    name: scan.name,
    images,
    steps,
    metrics: metrics?.host,
    metricsWhy: metrics?.why,
    checks,
    pushImage,
    ...(measured
      ? {
          reference: measured.reference,
          checksWhy: `measured by \`repro-ci init --run\`; reference: within ${MEASURED_RTOL * 100}% of ${measured.reference} (widen rtol where runs vary: GPU, threads)`,
        }
      : {}),
  });
  // Generated configs must always validate: a failure here is a bug in this planner, not in the repo.
  const config = parseConfig(yml, CONFIG_FILE);
  const files = [
    { path: CONFIG_FILE, text: yml },
    { path: WORKFLOW_FILE, text: renderWorkflow(pushImage !== undefined) },
  ];
  if (gpu) files.push({ path: GPU_WORKFLOW_FILE, text: renderGpuWorkflow() });
  return {
    files,
    notes,
    summary: { images: config.images.length, steps: config.steps.length, checks: config.checks.length },
    ...(metrics ? { metrics: metrics.host } : {}),
  };
}

/**
 * Images no step runs are not built, each with the reason; without steps the config builds to push
 * (release-time publishing), so then every image is, a server or cloud variant included.
 */
function leaveOutUnused(images: ImagePlan[], steps: StepPlan[]): void {
  if (steps.length === 0) for (const i of images.filter((x) => x.left)) [i.noStep, i.left] = [i.left, undefined];
  const used = new Set(steps.length > 0 ? steps.map((s) => s.image) : images.map((i) => i.key));
  const words = (x: ImagePlan) => (x.facts.entry ?? []).join(' ');
  for (const i of images.filter((x) => !used.has(x.key) && !x.left)) {
    const twin = images.find((u) => used.has(u.key) && words(i) !== '' && words(u) === words(i));
    i.left = twin
      ? `it runs what ${twin.key} runs (${words(i)}), built another way`
      : 'no step runs it (a step would need a command for it)';
  }
}

function placeholderImage(): ImagePlan {
  return {
    key: 'app',
    facts: {
      dockerfile: 'Dockerfile',
      context: '.',
      missing: [],
      workdir: '/',
      copies: [],
      exposes: false,
      pythonPath: [],
    },
  };
}

function byDepth(a: string, b: string): number {
  return a.split('/').length - b.split('/').length || a.length - b.length || a.localeCompare(b);
}

function imageKey(file: string): string {
  const base = path.basename(file);
  const m = /^Dockerfile\.(.+)$/i.exec(base) ?? /^(.+)\.dockerfile$/i.exec(base);
  const raw = m ? m[1] : path.dirname(file) === '.' ? 'app' : path.basename(path.dirname(file));
  return (
    raw
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^[^a-z0-9]+/, '') || 'app'
  );
}

/** Every Dockerfile (not fixtures), its facts, what it runs, and whether it can be a step at all. */
function scanImages(scan: RepoScan): ImagePlan[] {
  const out: ImagePlan[] = [];
  for (const file of scan.files.filter((f) => DOCKERFILE.test(f) && !IN_TESTS.test(f)).sort(byDepth)) {
    const facts = imageFacts(file, scan.read(file) ?? '', scan.files, scan.read);
    let key = imageKey(file);
    for (let n = 2; out.some((i) => i.key === key); n++) key = `${imageKey(file)}-${n}`;
    const img: ImagePlan = { key, facts };
    img.runs = entryTarget(scan, facts);
    const shellText = entryShellScript(scan, facts);
    const shell = shellText === undefined ? undefined : scriptFacts(shellText);
    const script = img.runs ? scriptFacts(scan.read(img.runs.script) ?? '') : undefined;
    const server = facts.server ?? script?.server ?? shell?.server;
    const cloud =
      facts.cloud ?? script?.cloud ?? shell?.cloud ?? (CLOUD_NAME.test(path.basename(file)) ? 'its name' : undefined);
    if (server) img.left = `it starts a server (${server}), which runs until stopped: a step must end`;
    else if (cloud) img.left = `it needs the cloud or remote data (${cloud}) to run: CI runs what the repository holds`;
    const hint = `${key} ${img.runs?.module ?? img.runs?.script ?? ''}`;
    img.role = TRAIN.test(hint) ? 'train' : EVALUATE.test(hint) ? 'evaluate' : undefined;
    out.push(img);
  }
  return out;
}

/** The text of a shell script the entry point runs (entrypoint.sh), when it runs one from the repository. */
function entryShellScript(scan: RepoScan, facts: ImageFacts): string | undefined {
  const sh = facts.entry?.find((w) => /\.sh$/.test(w));
  if (!sh) return undefined;
  const host = hostFileAt(scan, facts, path.resolve(facts.workdir, sh));
  return host ? scan.read(host) : undefined;
}

/** Files of the repository inside an image's context, context-relative, with their repository paths. */
function contextFiles(scan: RepoScan, facts: ImageFacts): { rel: string; file: string }[] {
  const prefix = facts.context === '.' ? '' : `${facts.context}/`;
  return scan.files.filter((f) => f.startsWith(prefix)).map((f) => ({ rel: f.slice(prefix.length), file: f }));
}

/** The repository file that lands at `container` in the image, if any. */
function hostFileAt(scan: RepoScan, facts: ImageFacts, container: string): string | undefined {
  return contextFiles(scan, facts).find(({ rel }) => containerPath(facts, rel) === container)?.file;
}

/** The Python script an image's default command runs, found in the repository through its COPY lines. */
function entryTarget(scan: RepoScan, facts: ImageFacts): RunTarget | undefined {
  const words = facts.entry ?? [];
  const shell = words[0] === '/bin/sh' && words[1] === '-c' ? words[2].split(/\s+/) : words;
  const pyAt = shell.findIndex((w) => /(^|\/)python[\d.]*$/.test(w));
  const python = pyAt >= 0 ? path.basename(shell[pyAt]) : 'python';
  const m = shell.indexOf('-m');
  if (m >= 0 && shell[m + 1]) {
    const module = shell[m + 1];
    const script = moduleFile(scan, facts, module);
    return script ? { script, module, python } : undefined;
  }
  const py = shell.find((w) => w.endsWith('.py'));
  if (!py) return undefined;
  const script = hostFileAt(scan, facts, path.resolve(facts.workdir, py));
  return script ? { script, python } : undefined;
}

/** The repository file of module `a.b.c` as the image would import it (WORKDIR, PYTHONPATH, an installed package). */
function moduleFile(scan: RepoScan, facts: ImageFacts, module: string): string | undefined {
  const rel = module.replace(/\./g, '/');
  const inImage = contextFiles(scan, facts).filter(({ rel: r }) => containerPath(facts, r) !== undefined);
  for (const dir of [facts.workdir, ...facts.pythonPath]) {
    for (const tail of [`${rel}.py`, `${rel}/__main__.py`]) {
      const hit = inImage.find(({ rel: r }) => containerPath(facts, r) === path.join(dir, tail));
      if (hit) return hit.file;
    }
  }
  // A package installed with `pip install .` (src layout): found by its path's tail.
  return inImage.find(({ file }) => file.endsWith(`/${rel}.py`) || file.endsWith(`/${rel}/__main__.py`))?.file;
}

/** The steps: train then evaluate when the repository has them, else one per image that runs something. */
function planSteps(scan: RepoScan, images: ImagePlan[], notes: string[]): StepPlan[] {
  const runnable = images.filter((i) => !i.left);
  const steps: StepPlan[] = [];
  const scripts = (re: RegExp) =>
    scan.files.filter((f) => re.test(f) && !IN_TESTS.test(f) && !/(^|\/)test_/.test(f)).sort(byDepth);
  for (const role of ['train', 'evaluate'] as const) {
    const own = runnable.filter((i) => i.role === role && i.runs).sort(preferCpu);
    const alt = own.slice(1);
    for (const a of alt) {
      a.left = `an alternative to ${own[0].key} (${describeAlt(a, own[0])}), which the steps use`;
      a.alternative = true;
    }
    let image = own[0];
    let target = image?.runs;
    if (!image) {
      // A script of this role that an image holds: that image runs it with a command.
      for (const script of scripts(role === 'train' ? TRAIN_SCRIPT : EVAL_SCRIPT)) {
        const holder = [...runnable].sort(preferCpu).find((i) => inImage(i.facts, script));
        if (!holder) continue;
        image = holder;
        target = { script, python: holder.runs?.python ?? 'python', module: moduleOf(holder, script) };
        break;
      }
    }
    if (!image || !target) continue;
    if (steps.some((s) => s.script === target.script)) continue;
    steps.push(stepFor(role, image, target));
  }
  if (steps.length === 0)
    for (const i of runnable.filter((x) => x.facts.entry)) {
      steps.push(stepFor(i.key, i, i.runs));
    }
  const leftGpu = images.filter((i) => i.alternative && i.facts.gpu);
  for (const g of leftGpu)
    notes.push(`${g.key} (${g.facts.dockerfile}) is the GPU variant: the CPU one runs here; see ${GPU_WORKFLOW_FILE}.`);
  wireFolders(scan, images, steps);
  return steps;
}

/** CPU images before GPU ones, then the plainest name. */
function preferCpu(a: ImagePlan, b: ImagePlan): number {
  const gpu = (i: ImagePlan) => (i.facts.gpu || GPU_NAME.test(i.facts.dockerfile) ? 1 : 0);
  return gpu(a) - gpu(b) || a.key.length - b.key.length || a.key.localeCompare(b.key);
}

function describeAlt(a: ImagePlan, chosen: ImagePlan): string {
  if (a.facts.gpu || GPU_NAME.test(a.facts.dockerfile))
    return `made for a GPU: ${a.facts.gpu ?? 'its name'}; the CPU image runs on any runner`;
  return `it runs ${a.runs?.module ?? a.runs?.script} too; ${chosen.facts.dockerfile} is the plainer one`;
}

const inImage = (facts: ImageFacts, file: string) => pathInImage(facts, file) !== undefined;

/** `-m` module name for a script, when the image runs its own script as a module (same package). */
function moduleOf(image: ImagePlan, script: string): string | undefined {
  const own = image.runs;
  if (!own?.module) return undefined;
  const root = own.script.slice(0, own.script.length - `${own.module.replace(/\./g, '/')}.py`.length);
  if (!script.startsWith(root)) return undefined;
  return script
    .slice(root.length)
    .replace(/\.py$/, '')
    .replace(/\/__main__$/, '')
    .replace(/\//g, '.');
}

function stepFor(name: string, image: ImagePlan, target: RunTarget | undefined): StepPlan {
  const f = image.facts;
  const step: StepPlan = {
    name,
    image: image.key,
    why: '',
    env: [],
    defaults: [],
    mounts: [],
    writes: [],
    comments: [],
    ...(target ? { script: target.script } : {}),
  };
  const entryRuns = target && image.runs?.script === target.script;
  if (!target) step.why = `runs the image's own command${f.entry ? ` (${f.entry.join(' ')})` : ''}`;
  else if (entryRuns) step.why = `the image's own command runs ${target.module ?? target.script}`;
  else if (target) {
    const where = pathInImage(f, target.script)!;
    const rel = path.relative(f.workdir, where);
    const arg = target.module ? ['-m', target.module] : [rel.startsWith('..') ? where : rel];
    step.command = [target.python, '-u', ...arg];
    step.why = `runs ${target.script} (at ${where} in the image)`;
  }
  if (f.gpu) step.gpu = f.gpu;
  return step;
}

/**
 * Folders: what each step's script writes (mounted, so it outlives the container), what a later step
 * reads of it (the same host folder, read-only), and inputs the image lacks. Also the environment the
 * code needs and the GPU use it shows.
 */
function wireFolders(scan: RepoScan, images: ImagePlan[], steps: StepPlan[]): void {
  /** Host files the earlier steps write (host path → container path), by host path. */
  const written = new Map<string, { step: string; host: string }>();
  for (const step of steps) {
    const image = images.find((i) => i.key === step.image)!;
    const f = image.facts;
    if (!step.script) continue;
    const sources = [step.script, ...localImports(scan, step.script, image)];
    const facts = sources.map((s) => ({ file: s, facts: scriptFacts(scan.read(s) ?? '', pathInImage(f, s)) }));
    const cwd = f.workdir;
    const code = codeFolders(scan, f);
    const mount = (m: MountPlan) => {
      const same = step.mounts.find((x) => x.container === m.container);
      if (same) same.readOnly &&= m.readOnly;
      else step.mounts.push(m);
    };
    for (const { file, facts: sf } of facts) {
      addEnv(step, file, sf);
      if (!step.gpu && sf.gpu) step.gpu = `${file} uses ${sf.gpu}`;
      for (const use of sf.paths.filter((p) => p.mode === 'write')) {
        const abs = path.resolve(cwd, use.path);
        if (SYSTEM.test(abs) || abs === cwd) continue;
        const folder = outputFolder(abs, cwd, code, use.folder);
        if (!folder) {
          step.comments.push(
            `${file}:${use.line} writes ${use.path} straight into the working directory ${cwd}, where it is lost with the container: write it into a folder (e.g. out/${path.basename(use.path)}) and run init again.`,
          );
          continue;
        }
        const host = hostFolderFor(folder, cwd);
        mount({
          host,
          container: folder,
          readOnly: false,
          why: `${file}:${use.line} ${use.folder ? 'makes the folder' : 'writes'} ${use.path}`,
        });
        const hostFile = path.join(host, path.relative(folder, abs));
        if (use.folder) continue;
        written.set(hostFile, { step: step.name, host });
        step.writes.push({ host: hostFile, source: `${file}:${use.line}` });
      }
    }
    for (const { file, facts: sf } of facts) {
      for (const use of sf.paths.filter((p) => p.mode === 'read')) {
        const abs = path.resolve(cwd, use.path);
        if (SYSTEM.test(abs)) continue;
        if (step.mounts.some((m) => isUnder(abs, m.container))) continue;
        // Made by an earlier step: the same host folder, read-only, where this script looks.
        const rel = abs.startsWith(`${cwd}/`) ? path.relative(cwd, abs) : abs.slice(1);
        const earlier = [...written.entries()].find(([hostFile]) => hostFile === rel || rel.endsWith(`/${hostFile}`));
        if (earlier) {
          const [hostFile, w] = earlier;
          const hostRelInMount = path.relative(w.host, hostFile);
          const container = abs.slice(0, abs.length - hostRelInMount.length).replace(/\/$/, '');
          mount({ host: w.host, container, readOnly: true, why: `${file}:${use.line} reads what ${w.step} wrote` });
          continue;
        }
        if (hostFileAt(scan, f, abs) || imageHolds(f, abs)) continue;
        const onHost = scan.files.find((x) => x === rel || x.startsWith(`${rel}/`));
        if (onHost && rel.split('/').length > 1) {
          const top = rel.split('/')[0];
          const container = abs.startsWith(`${cwd}/`) ? path.join(cwd, top) : `/${top}`;
          mount({ host: top, container, readOnly: true, why: `${file}:${use.line} reads ${use.path}` });
        } else if (!onHost)
          step.comments.push(
            `${file}:${use.line} reads ${use.path}, which is neither in the image, nor in the repository, nor written by an earlier step: add it (or the step that makes it).`,
          );
      }
    }
  }
}

/** Whether a path is at or under a folder. */
const isUnder = (p: string, dir: string) => p === dir || p.startsWith(`${dir}/`);

/** Whether a COPY puts something at or under `abs` (a folder the image already holds, e.g. COPY data/ data/). */
function imageHolds(f: ImageFacts, abs: string): boolean {
  return f.copies.some((c) => isUnder(abs, c.dest) && c.sources.some((s) => s !== '.') && abs !== c.dest);
}

/** Folders in the image that hold the code (a mount there would hide it). */
function codeFolders(scan: RepoScan, f: ImageFacts): string[] {
  return scan.files
    .filter((x) => /(\.(py|pyx|sh|toml|cfg|ipynb)|(^|\/)requirements[\w.-]*\.txt)$/.test(x))
    .map((x) => pathInImage(f, x))
    .filter((p): p is string => !!p)
    .map((p) => path.dirname(p));
}

/**
 * The folder to mount for a file written at `abs` (or a folder made there): the file's own folder, so a
 * folder the image made (RUN mkdir) is not hidden by a mount above it. Undefined for a file written
 * straight into the working directory or /, or into a folder of the image's code (a mount would hide it).
 */
function outputFolder(abs: string, cwd: string, code: string[], isFolder?: boolean): string | undefined {
  const folder = isFolder ? abs : path.dirname(abs);
  if (folder === cwd || folder === '/' || isUnder(cwd, folder)) return undefined;
  return code.some((c) => isUnder(c, folder)) ? undefined : folder;
}

/** The host folder (relative to repro.yml) for a container folder: its path below the working directory or /. */
function hostFolderFor(folder: string, cwd: string): string {
  return folder.startsWith(`${cwd}/`) ? path.relative(cwd, folder) : folder.slice(1);
}

/** Repository modules a script imports (one level), which may do its writing. */
function localImports(scan: RepoScan, script: string, image: ImagePlan): string[] {
  const facts = scriptFacts(scan.read(script) ?? '');
  const dir = path.dirname(script);
  const out: string[] = [];
  for (const mod of facts.imports) {
    const rel = mod.replace(/\./g, '/');
    const hits = [`${dir}/${rel}.py`, ...scan.files.filter((f) => f.endsWith(`/${rel}.py`) || f === `${rel}.py`)];
    const hit = hits.find((h) => scan.files.includes(h.replace(/^\.\//, '')) && inImage(image.facts, h));
    if (hit && hit !== script && !out.includes(hit)) out.push(hit.replace(/^\.\//, ''));
  }
  return out;
}

function addEnv(step: StepPlan, file: string, sf: ScriptFacts): void {
  for (const e of sf.env) {
    if (step.env.some((x) => x.name === e.name) || step.defaults.includes(e.name)) continue;
    if (e.hasDefault) step.defaults.push(e.name);
    else if (SEED.test(e.name))
      step.env.push({
        name: e.name,
        value: '42',
        why: `guessed: ${file}:${e.line} reads ${e.name} and has no default; any fixed value makes runs comparable`,
      });
    else if (SECRET.test(e.name))
      step.comments.push(
        `${file}:${e.line} reads ${e.name}, which has no default: pass it with \`pass-env: [${e.name}]\` (a secret, set in the workflow's env), never in repro.yml.`,
      );
    else
      step.env.push({
        name: e.name,
        why: `${file}:${e.line} reads ${e.name} and has no default: set its value`,
      });
  }
}

interface MetricsGuess {
  host: string;
  why: string;
}

/** The metrics file: a JSON/YAML/CSV file a step writes into a mounted folder, the last step's first. */
function findMetrics(steps: StepPlan[]): MetricsGuess | undefined {
  const score = (p: string) => (/metric/i.test(p) ? 3 : /result|score|eval|test/i.test(p) ? 2 : 1);
  for (const step of [...steps].reverse()) {
    const best = step.writes.filter((w) => METRICS_EXT.test(w.host)).sort((a, b) => score(b.host) - score(a.host))[0];
    if (best) return { host: best.host, why: `${best.source} writes it (step ${step.name})` };
  }
  return undefined;
}

const HIGHER_IS_BETTER = /(^|[._])(acc|accuracy|f1|auc|precision|recall|r2|bleu|rouge\w*|score|map)$/i;
const LOWER_IS_BETTER = /(^|[._])(loss|error|err|mse|mae|rmse|perplexity|wer|cer)$/i;

/** Thresholds a little below (above, for losses) what a committed metrics file shows. */
function guessChecks(text: string | undefined): CheckPlan[] {
  if (!text) return [];
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return [];
  }
  const out: CheckPlan[] = [];
  const visit = (v: unknown, key: string) => {
    if (typeof v === 'number' && Number.isFinite(v)) {
      const bound = boundFor(key, v);
      if (bound) out.push({ metric: key, rule: `{ ${bound} }`, comment: `seen: ${v}` });
    } else if (v && typeof v === 'object' && !Array.isArray(v) && key.split('.').length < 3) {
      for (const [k, x] of Object.entries(v)) visit(x, key ? `${key}.${k}` : k);
    }
  };
  visit(doc, '');
  return out;
}

/** A floor 5% below a higher-is-better metric, or a ceiling 5% above a lower-is-better one, by its name. */
function boundFor(metric: string, v: number): string | undefined {
  if (HIGHER_IS_BETTER.test(metric)) return `min: ${round(v - 0.05 * Math.abs(v))}`;
  if (LOWER_IS_BETTER.test(metric)) return `max: ${round(v + 0.05 * Math.abs(v))}`;
  return undefined;
}

/** Metrics that say how a run went, not what it found: never checked against a reference. */
const NOT_A_RESULT =
  /(^|[._])(seconds?|secs?|time|duration|elapsed|runtime|timestamp|date|epochs?|seed|steps?|iters?|iterations|n|n_\w+|num_\w+|count|samples|size|version)$/i;

/** Checks from a measured run: every result within MEASURED_RTOL of the reference, and a floor or ceiling by name. */
function measuredChecks(metrics: Record<string, number>): CheckPlan[] {
  const out: CheckPlan[] = [];
  for (const [metric, v] of Object.entries(metrics)) {
    if (NOT_A_RESULT.test(metric) || !Number.isFinite(v)) continue;
    const ref = v === 0 ? 'reference: { atol: 1e-6 }' : `reference: { rtol: ${MEASURED_RTOL} }`;
    const bound = boundFor(metric, v);
    out.push({ metric, rule: `{ ${bound ? `${bound}, ` : ''}${ref} }`, comment: `measured: ${v}` });
  }
  return out;
}

export function round(n: number): number {
  return Number(n.toPrecision(3));
}

export { HIGHER_IS_BETTER, LOWER_IS_BETTER };
