/**
 * The lint checks, pure: a parsed Dockerfile plus what the edge read (context files, .dockerignore,
 * context sizes, digests the engine knows) in, findings out. Suppression comments are honoured here.
 */
import path from 'node:path/posix';
import {
  baseImage,
  expandVars,
  globalArgs,
  instructionScopes,
  keyValuePairs,
  parseDockerfile,
  runMounts,
  splitWords,
  type Instruction,
  type RunMount,
  type Scope,
} from '../dockerfile/parse.js';
import { formatBytes } from '../util/bytes.js';
import {
  isExplicitCondaSpec,
  isPinnedCondaSpec,
  isPinnedSpec,
  parseCondaEnvironment,
  parseRequirements,
} from './requirements.js';
import type { RuleId } from './rules.js';
import { programName, shellCommands } from './shell.js';

export interface Finding {
  rule: RuleId;
  message: string;
  /** Path as shown to users and in annotations/SARIF (relative to the repository root). */
  file: string;
  line: number;
}

export interface ContextEntry {
  /** Top-level name in the build context. */
  name: string;
  dir: boolean;
  bytes: number;
  files: number;
  /** Excluded by .dockerignore. */
  ignored: boolean;
}

/** A folder a step of repro.yml writes into: its context-relative path and the step. */
export interface StepOutput {
  path: string;
  step: string;
}

export interface LintInput {
  dockerfile: { path: string; text: string };
  /** A build context file by context-relative path (`/`-separated), undefined when absent or not a file. */
  readContext: (rel: string) => string | undefined;
  /** How a context file is shown (repository-relative path). */
  contextPath: (rel: string) => string;
  buildArgs?: Record<string, string>;
  /** null: the context has no .dockerignore. Undefined: not checked. */
  dockerignore?: { path: string; text: string } | null;
  /** Whether a context path exists and reaches the build (.dockerignore applied); undefined: not checked. */
  contextHas?: (rel: string) => boolean;
  /** Top-level entries of the build context with their sizes (undefined: not measured). */
  context?: ContextEntry[];
  /** Folders steps write into (writable mounts) that lie in the context and that .dockerignore lets through. */
  outputsSent?: StepOutput[];
  /** Registry digests the engine knows for a base image reference (`python:3.11-slim` → `sha256:...`). */
  digests?: Record<string, string | undefined>;
  /** Rules switched off for this run (repro.yml `lint.ignore`). */
  ignore?: readonly string[];
}

export interface LintOutcome {
  findings: Finding[];
  /** Findings silenced by `# repro-ci: ignore=` comments or `lint.ignore`. */
  suppressed: number;
}

/** Folders that belong in .dockerignore whenever they are in a build context. */
export const HEAVY_FOLDERS = ['.git', 'data', 'models', 'venv', '.venv', 'wandb', 'mlruns', 'checkpoints'] as const;
/** Above this, the context size is reported as RC304. */
export const LARGE_CONTEXT_BYTES = 500 * 1024 * 1024;

interface Stage {
  name?: string;
  line: number;
  env: Map<string, string>;
  workdir: string;
  /** COPY/ADD from the build context, in order. */
  copies: { sources: string[]; dest: string; workdir: string; line: number }[];
  copyAll?: Instruction;
  copyAllReported: boolean;
  /** A dependency install ran before any `COPY . .`: the deps-first pattern, whose later installs are the project's. */
  depsFirst?: boolean;
  entrypoints: Instruction[];
}

const SUPPRESS = /repro-ci:\s*ignore=([A-Z0-9, ]+)/i;
const SUPPRESS_FILE = /repro-ci:\s*ignore-file=([A-Z0-9, ]+)/i;

function ids(list: string): string[] {
  return list
    .split(/[,\s]+/)
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
}

export function lintDockerfile(input: LintInput): LintOutcome {
  const df = parseDockerfile(input.dockerfile.text);
  const file = input.dockerfile.path;
  const raw: { finding: Finding; anchor?: number; silenced?: boolean }[] = [];
  const add = (
    rule: RuleId,
    line: number,
    message: string,
    opts: { file?: string; anchor?: number; silenced?: boolean } = {},
  ) =>
    raw.push({
      finding: { rule, message, file: opts.file ?? file, line },
      anchor: opts.anchor ?? (opts.file ? undefined : line),
      silenced: opts.silenced,
    });

  for (const e of df.errors) add('RC001', e.line, `${e.message}.`);
  for (const d of df.directives) {
    if (d.name === 'syntax')
      add(
        'RC103',
        d.line,
        `\`# syntax=${d.value}\` makes BuildKit pull the frontend image ${d.value} before it reads this file; offline, behind a mirror, or on BuildKit v0.8 (dockerd 20.10) the build fails with "failed to resolve source metadata for docker.io/${d.value.replace(/^docker\.io\//, '')}".`,
      );
  }

  const globals = globalArgs(df, input.buildArgs);
  const scopes = instructionScopes(df, input.buildArgs);
  const redeclared = new Set(
    df.instructions
      .filter((i) => i.stage >= 0 && i.keyword === 'ARG')
      .flatMap((i) => keyValuePairs(i.body, 'ARG').map(([n]) => n)),
  );
  const stages: Stage[] = [];
  let stage: Stage | undefined;
  const finishStage = () => {
    if (stage) checkEntrypoints(stage, add);
  };

  for (const ins of df.instructions) {
    const kw = ins.keyword;
    if (kw === 'ARG') {
      for (const [name, value] of keyValuePairs(ins.body, 'ARG')) {
        // A global ARG reaches an image's history only through a stage that declares it again.
        if (ins.stage < 0 && !redeclared.has(name)) continue;
        checkSecret('ARG', name, value, ins.line, add);
      }
      continue;
    }
    if (kw === 'FROM') {
      finishStage();
      const from = df.stages[ins.stage];
      const ref = expandKnown(from.from, globals);
      const base = stages.find((s) => s.name !== undefined && s.name === ref?.toLowerCase());
      stage = {
        name: from.name,
        line: ins.line,
        env: new Map(base?.env ?? []),
        workdir: base?.workdir ?? '/',
        copies: [],
        copyAllReported: false,
        entrypoints: [],
      };
      stages.push(stage);
      if (!base && ref !== undefined) checkFrom(ref, ins.line, input.digests ?? {}, add);
      continue;
    }
    if (!stage) continue;
    switch (kw) {
      case 'ENV':
        for (const [name, value] of keyValuePairs(ins.body, 'ENV')) {
          stage.env.set(name, value ?? '');
          checkSecret('ENV', name, value, ins.line, add);
        }
        break;
      case 'WORKDIR':
        stage.workdir = path.resolve(stage.workdir, expandVars(ins.body, Object.fromEntries(stage.env)));
        break;
      case 'COPY':
      case 'ADD': {
        const from = ins.flags.find((f) => f.name === 'from')?.value;
        if (from !== undefined) {
          checkCopyFrom(from, ins, stages, add);
          break;
        }
        const words = ins.json ?? splitWords(ins.body);
        if (words.length < 2) break;
        checkCopySources(ins, words.slice(0, -1), input, add);
        const sources = words.slice(0, -1).map((s) => s.replace(/^\.\/+/, '') || '.');
        stage.copies.push({ sources, dest: words[words.length - 1], workdir: stage.workdir, line: ins.line });
        if (!stage.copyAll && sources.some((s) => s === '.' || s === '*')) stage.copyAll = ins;
        break;
      }
      case 'RUN':
        checkRun(ins, stage, input, add, scopes.get(ins));
        break;
      case 'CMD':
      case 'ENTRYPOINT':
        stage.entrypoints.push(ins);
        break;
    }
  }
  finishStage();
  checkContext(input, df.instructions[0]?.line ?? 1, add);

  const fileIgnores = new Set((input.ignore ?? []).map((s) => s.toUpperCase()));
  for (const c of df.comments) {
    const m = SUPPRESS_FILE.exec(c.text);
    if (m) for (const id of ids(m[1])) fileIgnores.add(id);
  }
  const suppressedAt = (anchor: number | undefined): Set<string> => {
    const out = new Set<string>();
    if (anchor === undefined) return out;
    // The comment lines directly above the instruction (hadolint's convention).
    const start = df.instructions.find((i) => i.line <= anchor && anchor <= i.endLine)?.line ?? anchor;
    for (let l = start - 1; l >= 1; l--) {
      const c = df.comments.find((x) => x.line === l);
      if (!c) break;
      const m = SUPPRESS.exec(c.text);
      if (m) for (const id of ids(m[1])) out.add(id);
    }
    return out;
  };
  const findings: Finding[] = [];
  let suppressed = 0;
  for (const r of raw) {
    if (r.silenced || fileIgnores.has(r.finding.rule) || suppressedAt(r.anchor).has(r.finding.rule)) suppressed++;
    else findings.push(r.finding);
  }
  return { findings, suppressed };
}

/** The registry images the Dockerfile builds FROM (args expanded; stages, `scratch` and refs with unknown args left out). */
export function baseImages(text: string, buildArgs: Record<string, string>): string[] {
  const df = parseDockerfile(text);
  const globals = globalArgs(df, buildArgs);
  const out = new Set<string>();
  for (const st of df.stages) {
    if (expandKnown(st.from, globals) === undefined) continue;
    const ref = baseImage(df, st, buildArgs);
    if (ref) out.add(ref);
  }
  return [...out];
}

/** A FROM reference with its ARGs expanded; undefined when it names an ARG that has no value. */
function expandKnown(ref: string, vars: Record<string, string>): string | undefined {
  for (const m of ref.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)(:?[-+][^}]*)?\}?/g))
    if (vars[m[1]] === undefined && !m[2]) return undefined;
  return expandVars(ref, vars);
}

type Add = (
  rule: RuleId,
  line: number,
  message: string,
  opts?: { file?: string; anchor?: number; silenced?: boolean },
) => void;

export interface ImageRef {
  name: string;
  tag?: string;
  digest?: string;
}

/** Splits `registry:5000/name:tag@sha256:...` into name, tag and digest. */
export function parseImageRef(ref: string): ImageRef {
  const [beforeDigest, digest] = ref.split('@', 2);
  const slash = beforeDigest.lastIndexOf('/');
  const colon = beforeDigest.lastIndexOf(':');
  if (colon > slash) return { name: beforeDigest.slice(0, colon), tag: beforeDigest.slice(colon + 1), digest };
  return { name: beforeDigest, digest };
}

/** `COPY --from=X`: a stage (by name or index) is fine; an image must be pinned by digest. */
function checkCopyFrom(from: string, ins: Instruction, stages: Stage[], add: Add): void {
  if (from.includes('$') || /^\d+$/.test(from) || stages.some((s) => s.name === from.toLowerCase())) return;
  if (parseImageRef(from).digest) return;
  add(
    'RC104',
    ins.line,
    `\`${ins.keyword} --from=${from}\` copies from an image by its tag: the files change when the tag is pushed again.`,
  );
}

const URL = /^[a-z][a-z0-9+.-]*:\/\//i;
const GLOB = /[*?[]/;

/** COPY/ADD sources that do not reach the build, and ADD URLs without a checksum. */
function checkCopySources(ins: Instruction, sources: string[], input: LintInput, add: Add): void {
  if (ins.heredocs.length > 0) return;
  for (const src of sources) {
    if (URL.test(src)) {
      if (
        ins.keyword === 'ADD' &&
        !src.startsWith('git@') &&
        !ins.flags.some((f) => f.name === 'checksum') &&
        !/\.git(#|$)/.test(src)
      ) {
        add(
          'RC204',
          ins.line,
          `\`ADD ${src}\` downloads whatever the server has at build time; give \`--checksum=sha256:...\`.`,
        );
      }
      continue;
    }
    if (!input.contextHas || src.includes('$') || GLOB.test(src)) continue;
    const rel = path.normalize(src.replace(/^\/+/, '')).replace(/\/$/, '') || '.';
    if (rel === '.' || rel.startsWith('..')) continue;
    if (!input.contextHas(rel))
      add(
        'RC305',
        ins.line,
        `\`${ins.keyword} ${src}\`: ${input.contextPath(rel)} is not in the build context (or .dockerignore excludes it): BuildKit fails with "${rel}: not found".`,
      );
  }
}

const LATEST_RELEASE = /https?:\/\/\S*(\/releases\/latest\b|\/latest\/download\/)\S*/;
const PIPE_TO_SHELL =
  /\b(curl|wget)\b[^|;&\n]*\|\s*(sudo\s+(-\S+\s+)*)?(ba|z|da|k)?sh\b|\b(ba)?sh\s+(-s\s+)?(-c\s+)?["']?(\$\(|<\()\s*(curl|wget)\b/;

/** RUN lines that fetch by a moving name, or run what they download. */
function checkFetches(ins: Instruction, text: string, commands: string[][], add: Add): void {
  const latest = LATEST_RELEASE.exec(text);
  if (latest)
    add(
      'RC204',
      ins.line,
      `${latest[0]} is the latest release at build time, not one version; name the release (\`releases/download/vX.Y.Z/...\`).`,
    );
  if (PIPE_TO_SHELL.test(text))
    add(
      'RC205',
      ins.line,
      'a downloaded script is run straight from the network (`curl ... | sh`): nothing checks what it is.',
    );
  const git = commands.filter((w) => programName(w[0] ?? '') === 'git');
  const clones = git.filter((w) => w.includes('clone'));
  // A commit, or a version tag (`git checkout 1.2.2`, as the message itself suggests cloning one).
  const pinned = git.some(
    (w) =>
      (w.includes('checkout') || (w.includes('reset') && w.includes('--hard'))) &&
      /^([0-9a-f]{7,40}|v?\d+(\.\d+)+)$/.test(w[w.length - 1]),
  );
  for (const clone of clones) {
    const at = clone.findIndex((w) => w === '--branch' || w === '-b');
    const branch = at >= 0 ? clone[at + 1] : clone.find((w) => w.startsWith('--branch='))?.slice(9);
    if (pinned || (branch && /^v?\d+(\.\d+)+/.test(branch))) continue;
    const url = clone.find((w) => URL.test(w) || w.startsWith('git@')) ?? 'the repository';
    add(
      'RC204',
      ins.line,
      `\`git clone\` of ${url} takes ${branch ? `branch ${branch}` : 'its default branch'} as it is at build time; \`git checkout <commit>\` after it (or clone a version tag).`,
    );
    break;
  }
}

function checkFrom(ref: string, line: number, digests: Record<string, string | undefined>, add: Add): void {
  if (ref === '' || ref.toLowerCase() === 'scratch' || ref.includes('$')) return;
  const img = parseImageRef(ref);
  if (img.digest) return;
  if (!img.tag || img.tag === 'latest') {
    add(
      'RC101',
      line,
      img.tag
        ? `\`FROM ${ref}\` uses the \`latest\` tag.`
        : `\`FROM ${ref}\` has no tag, so it means \`${ref}:latest\`.`,
    );
  }
  const known = digests[ref];
  add(
    'RC102',
    line,
    known
      ? `\`FROM ${ref}\` is not pinned by digest; the engine has it as ${img.name}@${known}: write \`FROM ${ref}@${known}\`.`
      : `\`FROM ${ref}\` is not pinned by digest, and this engine knows no registry digest for it (it was imported or built locally, or not pulled yet): pull it and run \`docker image inspect --format "{{index .RepoDigests 0}}" ${ref}\`.`,
  );
}

const SECRET_NAME =
  /(^|_)(PASSWORD|PASSWD|PASS|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|AUTH)(_|$)/i;
const NOT_A_SECRET = /_(FILE|PATH|DIR|URL|ENDPOINT|HOST|NAME|ID)$/i;
const SECRET_VALUE =
  /\b(ghp_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|hf_[A-Za-z0-9]{30,}|AKIA[0-9A-Z]{16}|sk-[A-Za-z0-9_-]{20,}|xox[bpas]-[A-Za-z0-9-]{10,}|glpat-[A-Za-z0-9_-]{20,})\b/;

function checkSecret(kind: 'ENV' | 'ARG', name: string, value: string | undefined, line: number, add: Add): void {
  const byName = SECRET_NAME.test(name) && !NOT_A_SECRET.test(name) && (kind === 'ARG' || (value ?? '') !== '');
  const byValue = value !== undefined && SECRET_VALUE.test(value);
  if (!byName && !byValue) return;
  const why = byValue ? 'its value looks like an access token' : 'its name says it holds a secret';
  const where =
    kind === 'ARG'
      ? 'build args are recorded in the image history (`docker history`)'
      : 'ENV values are stored in the image config';
  add('RC601', line, `${kind} ${name}: ${why}, and ${where}.`);
}

function checkEntrypoints(stage: Stage, add: Add): void {
  const unbuffered = (stage.env.get('PYTHONUNBUFFERED') ?? '') !== '';
  if (unbuffered) return;
  for (const ins of stage.entrypoints) {
    const words = ins.json ?? shellCommands(ins.body)[0] ?? [];
    if (!/^python(\d+(\.\d+)?)?$/.test(programName(words[0] ?? ''))) continue;
    // Interpreter options come before the script, `-m module` or `-c code`.
    const end = words.findIndex((w, i) => i > 0 && (!w.startsWith('-') || w === '-m' || w === '-c'));
    // No script, module or code: the REPL (`CMD ["python3"]`) or `python --version`, nothing to buffer.
    if (end < 0) continue;
    const opts = words.slice(1, end);
    if (opts.some((o) => /^-[a-zA-Z]*u[a-zA-Z]*$/.test(o))) continue;
    add(
      'RC501',
      ins.line,
      `${ins.keyword} runs ${words[0]} without \`-u\` and the image does not set PYTHONUNBUFFERED: its output is block-buffered in a container.`,
    );
  }
}

// --- RUN --------------------------------------------------------------------------------------

const PIP_VALUE_OPTIONS = new Set([
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '-t',
  '--target',
  '--prefix',
  '--root',
  '--platform',
  '--python-version',
  '--implementation',
  '--abi',
  '--trusted-host',
  '--cache-dir',
  '--src',
  '--upgrade-strategy',
  '--progress-bar',
  '--log',
  '--timeout',
  '--retries',
  '--python',
  '-p',
  '--only-binary',
  '--no-binary',
  '--config-settings',
  '-C',
  '--global-option',
  '--index-strategy',
  '--extra',
  '--group',
]);
const CONDA_VALUE_OPTIONS = new Set([
  '-n',
  '--name',
  '-p',
  '--prefix',
  '-c',
  '--channel',
  '--override-channels',
  '--file',
  '-f',
  '--solver',
  '--repodata-fn',
]);

interface InstallCommand {
  tool: 'pip' | 'uv-sync' | 'poetry' | 'pipenv' | 'conda' | 'apt' | 'npm';
  words: string[];
  /** The words after the subcommand. */
  args: string[];
  sub: string;
}

/** Recognizes the package-manager commands the rules care about. */
export function installCommand(words: string[]): InstallCommand | undefined {
  const prog = programName(words[0] ?? '');
  let rest = words.slice(1);
  if (/^python(\d+(\.\d+)?)?$/.test(prog) && rest[0] === '-m') {
    return installCommand(rest.slice(1));
  }
  if (/^pip(\d+(\.\d+)?)?$/.test(prog) && rest[0] === 'install')
    return { tool: 'pip', words, sub: 'install', args: rest.slice(1) };
  if (prog === 'uv') {
    if (rest[0] === 'pip' && (rest[1] === 'install' || rest[1] === 'sync'))
      return { tool: 'pip', words, sub: rest[1], args: rest.slice(2) };
    if (rest[0] === 'sync') return { tool: 'uv-sync', words, sub: 'sync', args: rest.slice(1) };
    return undefined;
  }
  if (prog === 'poetry' && ['install', 'lock', 'update', 'add'].includes(rest[0]))
    return { tool: 'poetry', words, sub: rest[0], args: rest.slice(1) };
  if (prog === 'pipenv' && rest[0] === 'install') return { tool: 'pipenv', words, sub: 'install', args: rest.slice(1) };
  if (['conda', 'mamba', 'micromamba'].includes(prog)) {
    if (rest[0] === 'env') rest = rest.slice(1).map((w, i) => (i === 0 ? `env ${w}` : w));
    if (['install', 'create', 'update', 'env create', 'env update'].includes(rest[0]))
      return { tool: 'conda', words, sub: rest[0], args: rest.slice(1) };
    return undefined;
  }
  if ((prog === 'apt-get' || prog === 'apt') && rest.includes('install'))
    return { tool: 'apt', words, sub: 'install', args: rest.filter((w) => w !== 'install') };
  if (prog === 'npm' && ['ci', 'install', 'i'].includes(rest[0]))
    return { tool: 'npm', words, sub: rest[0], args: rest.slice(1) };
  return undefined;
}

/** Splits install arguments into options (with their values) and positional package specs. */
function splitArgs(
  args: string[],
  valueOptions: Set<string>,
): { options: Map<string, string[]>; positional: string[] } {
  const options = new Map<string, string[]>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('-') && a !== '-') {
      const eq = a.indexOf('=');
      const name = eq > 0 && a.startsWith('--') ? a.slice(0, eq) : a;
      let value = eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : undefined;
      const takesValue =
        valueOptions.has(name) || ['-r', '--requirement', '-c', '--constraint', '-e', '--editable'].includes(name);
      if (value === undefined && takesValue) value = args[++i];
      options.set(name, [...(options.get(name) ?? []), value ?? '']);
    } else positional.push(a);
  }
  return { options, positional };
}

const PIP_CACHE_TARGET = /(^|\/)\.cache(\/pip)?\/?$|\/pip-cache|\/pip\/?$/;

function checkRun(ins: Instruction, stage: Stage, input: LintInput, add: Add, scope?: Scope): void {
  const text = ins.json ? ins.json.join(' ') : [ins.body, ...ins.heredocs.map((h) => h.content)].join('\n');
  const mounts = runMounts(ins, scope);
  for (const m of mounts) {
    if (m.error) add('RC001', ins.line, `\`${m.raw}\`: ${m.error}.`);
    else if (m.type === 'cache' && m.unresolved) {
      const names = m.unresolved.map((n) => '$' + n).join(', ');
      add(
        'RC404',
        ins.line,
        `\`${m.raw}\` uses ${names}, which no ARG or ENV of this Dockerfile sets before line ${ins.line}: its cache id and options depend on the base image, and repro-ci does not keep this cache between runs.`,
      );
    }
  }
  const cacheTargets = mounts.filter((m) => m.type === 'cache').map((m) => m.target ?? '');
  const binds = mounts.filter((m) => m.type === 'bind' && !m.from);
  const commands = shellCommands(text);
  checkFetches(ins, text, commands, add);
  let aptSeen = false;

  for (const words of commands) {
    const cmd = installCommand(words);
    if (!cmd) {
      if (programName(words[0] ?? '') === 'apt-get' && words.includes('update')) aptSeen = true;
      continue;
    }
    const shown = words.join(' ');
    if (cmd.tool !== 'apt' && !stage.copyAll) stage.depsFirst = true;
    if (cmd.tool !== 'apt' && stage.copyAll && !stage.copyAllReported && !stage.depsFirst) {
      stage.copyAllReported = true;
      add(
        'RC301',
        stage.copyAll.line,
        `\`${stage.copyAll.keyword} ${stage.copyAll.body}\` (line ${stage.copyAll.line}) comes before the dependency install on line ${ins.line} (\`${shown}\`): any code change re-runs the install.`,
      );
    }
    if (cmd.tool === 'pip') {
      const { options, positional } = splitArgs(cmd.args, PIP_VALUE_OPTIONS);
      const noCache =
        options.has('--no-cache-dir') ||
        options.has('--no-cache') ||
        truthy(stage.env.get('PIP_NO_CACHE_DIR')) ||
        truthy(stage.env.get('UV_NO_CACHE'));
      const pipCache = cacheTargets.find((t) => PIP_CACHE_TARGET.test(t) || /\/uv\/?$/.test(t));
      if (noCache && pipCache)
        add(
          'RC403',
          ins.line,
          `\`${shown}\` disables pip's cache while the RUN mounts a cache at ${pipCache}: the mount is never used.`,
        );
      const files =
        cmd.sub === 'sync'
          ? positional
          : [
              ...(options.get('-r') ?? []),
              ...(options.get('--requirement') ?? []),
              ...(options.get('-c') ?? []),
              ...(options.get('--constraint') ?? []),
            ];
      const specs =
        cmd.sub === 'sync' ? [] : [...positional, ...(options.get('-e') ?? []), ...(options.get('--editable') ?? [])];
      // --no-index: only local archives (--find-links folders the build put there) can be installed.
      const loose = options.has('--no-index') ? [] : specs.filter((s) => !s.includes('$') && !isPinnedSpec(s));
      if (loose.length > 0)
        add(
          'RC202',
          ins.line,
          `\`${shown}\` installs ${loose.map((s) => `\`${s}\``).join(', ')} without an exact version.`,
        );
      for (const f of files) checkRequirementsFile(f, ins, stage, binds, input, add, new Set());
    } else if (cmd.tool === 'uv-sync') {
      if (!cmd.args.some((a) => a === '--locked' || a === '--frozen'))
        add(
          'RC203',
          ins.line,
          `\`${shown}\` may re-resolve and rewrite uv.lock; add \`--locked\` (fail when uv.lock is stale) or \`--frozen\`.`,
        );
    } else if (cmd.tool === 'poetry') {
      if (cmd.sub === 'install' && !copiesFile(stage, binds, input, 'poetry.lock'))
        add(
          'RC203',
          ins.line,
          `\`${shown}\` runs without poetry.lock in the image, so Poetry resolves versions again; copy poetry.lock next to pyproject.toml first.`,
        );
      else if (cmd.sub !== 'install')
        add(
          'RC203',
          ins.line,
          `\`${shown}\` resolves versions at build time; run it on your machine, commit poetry.lock and use \`poetry install\` in the image.`,
        );
    } else if (cmd.tool === 'pipenv') {
      if (!cmd.args.some((a) => a === '--deploy' || a === '--ignore-pipfile'))
        add(
          'RC203',
          ins.line,
          `\`${shown}\` may ignore Pipfile.lock; use \`pipenv install --deploy\` (or \`pipenv sync\`).`,
        );
    } else if (cmd.tool === 'conda') {
      checkConda(cmd, shown, ins, stage, binds, input, add);
    } else if (cmd.tool === 'apt') {
      aptSeen = true;
      if (
        !cmd.args.includes('--no-install-recommends') &&
        !cmd.args.some((a) => /Install-Recommends=(false|0|no)/i.test(a))
      )
        add('RC401', ins.line, `\`${shown}\` also installs recommended packages.`);
    }
  }
  if (aptSeen) {
    const cleaned = /rm\s+(-\w+\s+)*\/var\/lib\/apt\/lists/.test(text);
    const cached = cacheTargets.some((t) => /^\/var\/lib\/apt(\/lists)?\/?$/.test(t));
    if (!cleaned && !cached)
      add(
        'RC402',
        ins.line,
        'apt package lists stay in this layer: no `rm -rf /var/lib/apt/lists/*` and no cache mount at /var/lib/apt.',
      );
  }
}

function truthy(v: string | undefined): boolean {
  return v !== undefined && v !== '' && !/^(0|false|no|off)$/i.test(v);
}

function checkConda(
  cmd: InstallCommand,
  shown: string,
  ins: Instruction,
  stage: Stage,
  binds: RunMount[],
  input: LintInput,
  add: Add,
): void {
  const { options, positional } = splitArgs(cmd.args, CONDA_VALUE_OPTIONS);
  const envFiles = [...(options.get('-f') ?? []), ...(options.get('--file') ?? [])];
  for (const f of envFiles) {
    if (/lock/i.test(path.basename(f))) continue;
    const rel = contextSource(f, stage, binds);
    const text = rel === undefined ? undefined : input.readContext(rel);
    if (text === undefined || isExplicitCondaSpec(text)) continue;
    const loose = parseCondaEnvironment(text).filter((d) => !d.pinned);
    if (loose.length > 0)
      add(
        'RC203',
        ins.line,
        `\`${shown}\` solves ${f} at build time and ${loose.length} of its dependencies are not pinned (${loose
          .slice(0, 5)
          .map((d) => d.spec)
          .join(
            ', ',
          )}${loose.length > 5 ? ', ...' : ''}); build from a lock (\`conda-lock\`, or \`conda list --explicit\` → \`conda create --file\`).`,
      );
  }
  const loose = positional.filter((s) => !s.includes('$') && !isPinnedCondaSpec(s));
  if (loose.length > 0 && cmd.sub !== 'env create' && cmd.sub !== 'env update')
    add(
      'RC202',
      ins.line,
      `\`${shown}\` installs ${loose.map((s) => `\`${s}\``).join(', ')} without an exact version.`,
    );
}

/**
 * Where a file the RUN reads came from in the build context: a bind mount of the RUN, or the last
 * COPY/ADD whose destination covers it. Undefined when it cannot be told.
 */
export function contextSource(
  file: string,
  stage: Pick<Stage, 'copies' | 'workdir'>,
  binds: RunMount[],
): string | undefined {
  const target = path.resolve(stage.workdir, file);
  for (const b of binds) {
    const mountAt = path.resolve(stage.workdir, b.target ?? '');
    const src = (b.source ?? '.').replace(/^\.\/+/, '') || '.';
    if (mountAt === target) return src;
    if (target.startsWith(`${mountAt}/`)) return path.join(src, path.relative(mountAt, target));
  }
  for (const c of [...stage.copies].reverse()) {
    const destAbs = path.resolve(c.workdir, c.dest);
    const destIsDir = c.dest.endsWith('/') || c.sources.length > 1 || c.dest === '.';
    for (const src of c.sources) {
      const srcIsDir = src === '.' || src.endsWith('/');
      if (srcIsDir) {
        if (target.startsWith(`${destAbs}/`)) return path.join(src, path.relative(destAbs, target));
        continue;
      }
      const landed = destIsDir ? path.join(destAbs, path.basename(src)) : destAbs;
      if (src.includes('*') || src.includes('?')) {
        const glob = new RegExp(
          `^${path
            .basename(src)
            .replace(/[.+^${}()|\\]/g, '\\$&')
            .replace(/\*/g, '[^/]*')
            .replace(/\?/g, '[^/]')}$`,
        );
        if (path.dirname(target) === destAbs && glob.test(path.basename(target)))
          return path.join(path.dirname(src), path.basename(target));
      } else if (landed === target) return src;
    }
  }
  return undefined;
}

function copiesFile(stage: Stage, binds: RunMount[], input: LintInput, name: string): boolean {
  for (const c of stage.copies) {
    for (const src of c.sources) {
      if (path.basename(src) === name) return true;
      // A whole folder of a context that was not looked at (no contextHas) may hold it: never claim it does not.
      if (
        (src === '.' || src.endsWith('/')) &&
        (input.contextHas === undefined || input.readContext(path.join(src, name)) !== undefined)
      )
        return true;
      if (
        src.includes('*') &&
        new RegExp(`^${path.basename(src).replace(/\./g, '\\.').replace(/\*/g, '.*')}$`).test(name)
      )
        return true;
    }
  }
  return binds.some(
    (b) =>
      path.basename(b.source ?? '') === name || ((b.source ?? '.') === '.' && input.readContext(name) !== undefined),
  );
}

function checkRequirementsFile(
  file: string,
  ins: Instruction,
  stage: Stage,
  binds: RunMount[],
  input: LintInput,
  add: Add,
  seen: Set<string>,
  rel = contextSource(file, stage, binds),
): void {
  if (rel === undefined || seen.has(rel)) return;
  seen.add(rel);
  const text = input.readContext(rel);
  if (text === undefined) return;
  const parsed = parseRequirements(text);
  const lines = text.split(/\r?\n/);
  const loose = parsed.requirements.filter((r) => !r.pinned);
  for (const r of loose) {
    const ignored = SUPPRESS.exec(lines[r.line - 1] ?? '');
    add(
      'RC201',
      r.line,
      `\`${r.text}\` in ${input.contextPath(rel)} (installed on ${input.dockerfile.path} line ${ins.line}) is not pinned to one version.`,
      {
        file: input.contextPath(rel),
        anchor: ins.line,
        silenced: ignored !== null && ids(ignored[1]).includes('RC201'),
      },
    );
  }
  for (const inc of parsed.includes)
    checkRequirementsFile(inc.path, ins, stage, binds, input, add, seen, path.join(path.dirname(rel), inc.path));
}

// --- build context ----------------------------------------------------------------------------

function checkContext(input: LintInput, firstLine: number, add: Add): void {
  for (const o of input.outputsSent ?? []) {
    add(
      'RC306',
      firstLine,
      `${o.path}/ is where step "${o.step}" writes, and it is in the build context: each run's image would hold the outputs of the run before it.`,
    );
  }
  if (input.dockerignore === null) {
    add('RC302', firstLine, 'the build context has no .dockerignore: every file in it is sent to the builder.');
  }
  const entries = input.context ?? [];
  const heavy = entries.filter((e) => !e.ignored && (HEAVY_FOLDERS as readonly string[]).includes(e.name));
  if (heavy.length > 0) {
    const list = heavy.map((e) => `${e.name}/ (${formatBytes(e.bytes)})`).join(', ');
    if (input.dockerignore)
      add('RC303', 1, `${input.dockerignore.path} does not exclude ${list}.`, {
        file: input.dockerignore.path,
        anchor: undefined,
      });
    else add('RC303', firstLine, `the build context holds ${list}, and nothing excludes it.`);
  }
  const sent = entries.filter((e) => !e.ignored);
  const total = sent.reduce((n, e) => n + e.bytes, 0);
  if (total > LARGE_CONTEXT_BYTES) {
    const top = [...sent]
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 3)
      .map((e) => `${e.name}${e.dir ? '/' : ''} ${formatBytes(e.bytes)}`);
    add(
      'RC304',
      firstLine,
      `the build context is ${formatBytes(total)} after .dockerignore; largest: ${top.join(', ')}.`,
    );
  }
}
