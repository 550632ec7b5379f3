/**
 * `repro-ci init`, pure: what a repository holds (file list, file contents, remote) in, a commented
 * repro.yml and workflow out. Every guess is said in a comment so the user knows what to check.
 */
import path from 'node:path/posix';
import { parseConfig } from '../config/config.js';
import { parseDockerfile, splitWords } from '../dockerfile/parse.js';

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
}

export const CONFIG_FILE = 'repro.yml';
export const WORKFLOW_FILE = '.github/workflows/repro.yml';

interface ImageGuess {
  key: string;
  dockerfile: string;
  context: string;
  role?: 'train' | 'evaluate';
  /** The ENTRYPOINT/CMD words, when the Dockerfile has one. */
  entry?: string[];
}

interface StepGuess {
  name: string;
  image: string;
  command?: string;
  script?: string;
  env: Record<string, string>;
  mounts: string[];
}

const DOCKERFILE = /(^|\/)(Dockerfile(\.[\w.-]+)?|[\w.-]+\.[Dd]ockerfile)$/;
const TRAIN_SCRIPT = /(^|\/)train(ing)?[\w-]*\.py$/;
const EVAL_SCRIPT = /(^|\/)eval(uate|uation)?[\w-]*\.py$/;
const IN_TESTS = /(^|\/)(tests?|fixtures?|examples?)\//;
/** Container folders scripts commonly read and write, and whether a step only reads them. */
const DATA_DIRS = ['models', 'checkpoints', 'results', 'outputs', 'output', 'artifacts', 'data'];
const HIGHER_IS_BETTER = /(^|[._])(acc|accuracy|f1|auc|precision|recall|r2|bleu|rouge\w*|score|map)$/i;
const LOWER_IS_BETTER = /(^|[._])(loss|error|err|mse|mae|rmse|perplexity|wer|cer)$/i;

export function planInit(scan: RepoScan): InitPlan {
  const notes: string[] = [];
  const images = guessImages(scan);
  const scripts = {
    train: scan.files.filter((f) => TRAIN_SCRIPT.test(f) && !IN_TESTS.test(f)).sort(byDepth)[0],
    evaluate: scan.files.filter((f) => EVAL_SCRIPT.test(f) && !IN_TESTS.test(f)).sort(byDepth)[0],
  };
  if (images.length === 0) {
    images.push({ key: 'app', dockerfile: 'Dockerfile', context: '.' });
    notes.push(
      'no Dockerfile was found: write one (dependencies first, then the code; see docs/lint.md), then run `repro-ci lint`.',
    );
  }
  const steps = guessSteps(scan, images, scripts);
  const metricsFile = guessMetrics(scan, steps);
  const checks = metricsFile ? guessChecks(scan.read(metricsFile.replace(/^\.\//, ''))) : [];
  if (metricsFile && checks.length === 0)
    notes.push(
      `set the thresholds under \`checks:\` in ${CONFIG_FILE} (the metrics file ${metricsFile} is written by a step; no values were found to start from).`,
    );
  if (!metricsFile)
    notes.push(
      `no metrics file was found: make the evaluation step write a JSON file into a mounted folder and name it under \`metrics:\` in ${CONFIG_FILE}.`,
    );
  const pushImage = scan.github ? `ghcr.io/${scan.github.toLowerCase()}` : undefined;
  if (!pushImage)
    notes.push('no GitHub remote was found: set `push.image` (e.g. ghcr.io/OWNER/REPO) to publish the images.');

  const yml = renderConfig(scan, images, steps, metricsFile, checks, pushImage);
  // Generated configs must always validate: a failure here is a bug in this planner, not in the repo.
  const config = parseConfig(yml, CONFIG_FILE);
  return {
    files: [
      { path: CONFIG_FILE, text: yml },
      { path: WORKFLOW_FILE, text: renderWorkflow(pushImage !== undefined) },
    ],
    notes,
    summary: { images: config.images.length, steps: config.steps.length, checks: config.checks.length },
  };
}

function byDepth(a: string, b: string): number {
  return a.split('/').length - b.split('/').length || a.localeCompare(b);
}

function imageKey(file: string): string {
  const base = path.basename(file);
  const m = /^Dockerfile\.(.+)$/i.exec(base) ?? /^(.+)\.dockerfile$/i.exec(base);
  const raw = m ? m[1] : path.basename(path.dirname(file)) === '.' ? 'app' : path.basename(path.dirname(file));
  return (
    raw
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^[^a-z0-9]+/, '') || 'app'
  );
}

function guessImages(scan: RepoScan): ImageGuess[] {
  const out: ImageGuess[] = [];
  for (const file of scan.files.filter((f) => DOCKERFILE.test(f) && !IN_TESTS.test(f)).sort(byDepth)) {
    const text = scan.read(file) ?? '';
    const df = parseDockerfile(text);
    let key = imageKey(file);
    for (let n = 2; out.some((i) => i.key === key); n++) key = `${imageKey(file)}-${n}`;
    // The context is the Dockerfile's folder unless what it copies is only found from the repository root.
    const dir = path.dirname(file);
    const sources = df.instructions
      .filter((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && !i.flags.some((f) => f.name === 'from'))
      .flatMap((i) => (i.json ?? splitWords(i.body)).slice(0, -1));
    const exists = (base: string, s: string) =>
      s === '.' ||
      scan.files.some((f) => f === path.join(base, s) || f.startsWith(`${path.join(base, s).replace(/\/$/, '')}/`));
    const context =
      dir !== '.' && sources.length > 0 && !sources.every((s) => exists(dir, s)) && sources.every((s) => exists('.', s))
        ? '.'
        : dir;
    const entryIns = [...df.instructions].reverse().find((i) => i.keyword === 'ENTRYPOINT' || i.keyword === 'CMD');
    const entry = entryIns ? (entryIns.json ?? splitWords(entryIns.body)) : undefined;
    const hint = `${key} ${(entry ?? []).join(' ')}`;
    const role = /train/i.test(hint) ? 'train' : /eval|score/i.test(hint) ? 'evaluate' : undefined;
    out.push({ key, dockerfile: file, context, role, entry });
  }
  const rank = (i: ImageGuess) => (i.role === 'train' ? 0 : i.role === 'evaluate' ? 1 : 2);
  return out.sort((a, b) => rank(a) - rank(b));
}

function guessSteps(scan: RepoScan, images: ImageGuess[], scripts: { train?: string; evaluate?: string }): StepGuess[] {
  const steps: StepGuess[] = [];
  const roles = (['train', 'evaluate'] as const).filter((r) => images.some((i) => i.role === r) || scripts[r]);
  for (const role of roles) {
    const image =
      images.find((i) => i.role === role) ??
      (images.length === 1 ? images[0] : images.find((i) => !i.role)) ??
      images[0];
    const entryScript = image.entry?.find((w) => w.endsWith('.py'));
    const script =
      scripts[role] ??
      (entryScript ? scan.files.find((f) => f.endsWith(entryScript.replace(/^\.?\//, ''))) : undefined);
    // Keep the image's own entry point when it already runs this role; otherwise name the script.
    const command =
      image.role === role && image.entry
        ? undefined
        : script
          ? `python -u ${path.relative(image.context, script)}`
          : undefined;
    steps.push({ name: role, image: image.key, command, script, env: {}, mounts: [] });
  }
  if (steps.length === 0) for (const i of images) steps.push({ name: i.key, image: i.key, env: {}, mounts: [] });
  for (const s of steps) {
    const text = s.script ? (scan.read(s.script) ?? '') : '';
    if (/environ(\.get)?\(\s*["']SEED["']|environ\[\s*["']SEED["']\s*\]|getenv\(\s*["']SEED["']/.test(text))
      s.env.SEED = '42';
    for (const dir of DATA_DIRS) {
      if (!new RegExp(`["']/${dir}(/[^"']*)?["']`).test(text)) continue;
      const readOnly = dir === 'data' || (s.name === 'evaluate' && (dir === 'models' || dir === 'checkpoints'));
      s.mounts.push(`${dir}:/${dir}${readOnly ? ':ro' : ''}`);
    }
  }
  return steps;
}

function guessMetrics(scan: RepoScan, steps: StepGuess[]): string | undefined {
  for (const s of [...steps].reverse()) {
    const text = s.script ? (scan.read(s.script) ?? '') : '';
    const name = /["'](?:[\w/.-]*\/)?(metrics\.(?:json|ya?ml|csv))["']/.exec(text)?.[1];
    if (!name) continue;
    // Written into a mounted folder: the file appears on the host under the mount's host side.
    const mount = s.mounts.find((m) => !m.endsWith(':ro') && text.includes(`/${m.split(':')[0]}`));
    if (mount) return `${mount.split(':')[0]}/${name}`;
  }
  return scan.files.filter((f) => /(^|\/)metrics\.(json|ya?ml)$/.test(f) && !IN_TESTS.test(f)).sort(byDepth)[0];
}

/** Thresholds a little below (above, for losses) what the committed metrics file shows. */
function guessChecks(text: string | undefined): { metric: string; rule: string; seen: number }[] {
  if (!text) return [];
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return [];
  }
  const out: { metric: string; rule: string; seen: number }[] = [];
  const visit = (v: unknown, key: string) => {
    if (typeof v === 'number' && Number.isFinite(v)) {
      if (HIGHER_IS_BETTER.test(key)) out.push({ metric: key, rule: `{ min: ${round(v * 0.95)} }`, seen: v });
      else if (LOWER_IS_BETTER.test(key)) out.push({ metric: key, rule: `{ max: ${round(v * 1.05)} }`, seen: v });
    } else if (v && typeof v === 'object' && !Array.isArray(v) && key.split('.').length < 3) {
      for (const [k, x] of Object.entries(v)) visit(x, key ? `${key}.${k}` : k);
    }
  };
  visit(doc, '');
  return out;
}

function round(n: number): number {
  return Number(n.toPrecision(3));
}

function renderConfig(
  scan: RepoScan,
  images: ImageGuess[],
  steps: StepGuess[],
  metrics: string | undefined,
  checks: { metric: string; rule: string; seen: number }[],
  pushImage: string | undefined,
): string {
  const q = (s: string) => (/^[\w./-]+$/.test(s) ? s : JSON.stringify(s));
  const name =
    scan.name
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[^a-z0-9]+/, '') || 'project';
  const out = [
    '# repro-ci config, written by `repro-ci init`: check every line marked "guessed".',
    '# Reference: docs/config.md. Validate with `repro-ci validate`, run locally with `repro-ci run`.',
    'version: 1',
    `name: ${name}`,
    '',
    '# Images to build with BuildKit (RUN --mount=type=cache works), by name.',
    'images:',
  ];
  for (const i of images) {
    const guessed =
      i.context !== path.dirname(i.dockerfile)
        ? '  # guessed: its COPY sources are found from the repository root'
        : '';
    if (i.context === '.' && path.dirname(i.dockerfile) === '.') out.push(`  ${i.key}: ${q(i.dockerfile)}`);
    else out.push(`  ${i.key}:`, `    dockerfile: ${q(i.dockerfile)}`, `    context: ${q(i.context)}${guessed}`);
  }
  out.push(
    '',
    '# Containers to run, in order. Host folders in `mounts` are relative to this file and created when missing.',
    'steps:',
  );
  for (const s of steps) {
    out.push(`  - name: ${s.name}`, `    image: ${s.image}`);
    if (s.command) out.push(`    command: [${s.command.split(' ').map(q).join(', ')}]  # guessed from ${s.script}`);
    if (Object.keys(s.env).length > 0)
      out.push(
        `    env: { ${Object.entries(s.env)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ')} }  # ${s.script} reads SEED: a fixed seed makes runs comparable`,
      );
    if (s.mounts.length > 0)
      out.push(
        `    mounts: [${s.mounts.map((m) => JSON.stringify(m)).join(', ')}]  # guessed from the paths ${s.script} uses`,
      );
    out.push(
      '    # network: none      # cut the container off the network once it needs nothing from outside',
      '    timeout: 1h',
    );
  }
  out.push('');
  if (metrics) {
    out.push(
      '# The metrics file a step writes (host path), and the rules that decide pass or fail.',
      `metrics: ${q(metrics)}`,
    );
    if (checks.length > 0) {
      out.push('checks:  # guessed: a margin around the values in the metrics file found in the repository');
      for (const c of checks) out.push(`  ${q(c.metric)}: ${c.rule}  # seen: ${c.seen}`);
    } else {
      out.push('# checks:', '#   accuracy: { min: 0.9 }', '#   loss: { max: 0.5 }');
    }
  } else {
    out.push(
      '# metrics: results/metrics.json   # a JSON file a step writes into a mounted folder',
      '# checks:',
      '#   accuracy: { min: 0.9 }',
    );
  }
  out.push('', '# Where to push the images that passed (on pushes and tags; never on pull requests).');
  if (pushImage) out.push('push:', `  image: ${pushImage}`);
  else out.push('# push:', '#   image: ghcr.io/OWNER/REPO');
  out.push(
    '',
    '# The Dockerfile lint before the build (docs/lint.md): warn, error (fail on findings) or off.',
    'lint: warn',
    '',
  );
  return out.join('\n');
}

function renderWorkflow(push: boolean): string {
  return [
    '# Written by `repro-ci init`. Builds the images, runs the steps, checks the metrics on every push and',
    '# pull request, and pushes the images that passed (never from pull requests). More: workflows-examples/.',
    'name: repro',
    'on:',
    '  push:',
    '    branches: [main]',
    '    tags: ["v*"]',
    '  pull_request:',
    '',
    'permissions:',
    '  contents: read',
    `  packages: write          # ${push ? 'push to ghcr.io' : 'needed once push.image names ghcr.io'}`,
    '  pull-requests: write     # the report as a pull request comment',
    '',
    'concurrency:',
    '  group: repro-${{ github.ref }}',
    '  cancel-in-progress: true',
    '',
    'jobs:',
    '  repro:',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 120',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: docker/setup-buildx-action@v3',
    '      - uses: docker/login-action@v3',
    "        if: github.event_name != 'pull_request'",
    '        with:',
    '          registry: ghcr.io',
    '          username: ${{ github.actor }}',
    '          password: ${{ secrets.GITHUB_TOKEN }}',
    '      - uses: repro-ci/repro-ci@v1',
    '        id: repro',
    '        with:',
    `          config: ${CONFIG_FILE}`,
    '      # Lint findings in code scanning (needs `security-events: write`):',
    '      # - uses: github/codeql-action/upload-sarif@v3',
    "      #   if: always() && steps.repro.outputs.sarif != ''",
    '      #   with: { sarif_file: "${{ steps.repro.outputs.sarif }}" }',
    '',
  ].join('\n');
}
