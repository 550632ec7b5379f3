/**
 * repro.yml → a typed, normalized Config. `parseConfig` is pure (text in, config or ConfigError out);
 * `loadConfig` adds the file-system edge: reading the file and checking that referenced files exist.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isMap, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { formatOf, FORMAT_FIX, type MetricsFormat } from '../checks/metrics.js';
import { ConfigError, ReproError, type ConfigProblem, type SourceLocation } from '../errors.js';
import { didYouMean } from '../util/text.js';
import { contextCopyWords, parseDockerfile } from '../dockerfile/parse.js';
import { parseStepResources, type StepResources } from './resources.js';
import { RULE_IDS } from '../lint/rules.js';
import { configSchema, type LintLevel, type RawConfig } from './schema.js';
import type { LayerChoice } from '../cache/layers.js';
import type { MountOverride } from '../cache/mounts.js';
import { Validator } from './validate.js';
import { escapesLexically, unsafePath } from '../security/paths.js';
import { parsePushSettings, type PushSettings } from '../publish/settings.js';

export interface ImageSpec {
  /** Key under `images`, e.g. `train`. */
  key: string;
  /** Absolute paths. */
  dockerfile: string;
  context: string;
  target?: string;
  buildArgs: Record<string, string>;
  where: SourceLocation;
  /**
   * Paths in the context (relative, `/`-separated) that hold repro-ci's own files (the results folder:
   * logs, metrics, record, SARIF): never sent to the build, whatever .dockerignore says (src/docker/ignore.ts).
   */
  exclude?: string[];
}

export interface MountSpec {
  /** Absolute host path, inside the project root. */
  host: string;
  container: string;
  readOnly: boolean;
}

export interface StepSpec {
  name: string;
  /** Key of the image to run. */
  image: string;
  command?: string[];
  args?: string[];
  env: Record<string, string>;
  mounts: MountSpec[];
  workdir?: string;
  timeoutSeconds: number;
  gpus: string;
  network?: string;
  resources: StepResources;
  where: SourceLocation;
}

export interface RuleSpec {
  metric: string;
  min?: number;
  max?: number;
  /** Closeness to the reference file's value: |value - ref| <= atol + rtol * |ref|. */
  reference?: { atol: number; rtol: number };
  /** No worse than the base branch's last successful run, by at most `allowedDrop`. */
  base?: { direction: 'higher' | 'lower'; allowedDrop: number };
  where: SourceLocation;
}

export interface MetricsSourceSpec {
  /** Absolute path on the host. */
  file: string;
  format: MetricsFormat;
  /** CSV/TSV row: a value of the first column, or `last`. */
  row?: string;
  prefix?: string;
  where: SourceLocation;
}

export interface RepeatSpec {
  count: number;
  /** Names of the steps run again in runs 2..count. */
  steps: string[];
  seedEnv?: string;
  checks: 'mean' | 'each';
  where: SourceLocation;
}

export interface Config {
  /** Absolute path of repro.yml, and the folder every relative path starts from. */
  file: string;
  root: string;
  name: string;
  images: ImageSpec[];
  steps: StepSpec[];
  /** `file` is the first source, kept for callers that know one file. */
  metrics?: {
    file: string;
    where: SourceLocation;
    sources: MetricsSourceSpec[];
    reference?: { file: string; where: SourceLocation };
  };
  checks: RuleSpec[];
  repeat?: RepeatSpec;
  push: PushSettings;
  /** Absolute results folder. */
  results: string;
  lint: { level: LintLevel; ignore: string[] };
  /** Build caches kept between CI runs (src/cache). */
  cache: {
    layers: LayerChoice;
    layerTimeoutSeconds: number;
    serviceTimeoutSeconds: number;
    mounts: Record<string, MountOverride>;
  };
  /** Rebuild determinism (src/determinism); absent unless `determinism.rebuild` is true. */
  determinism?: { rebuild: true; failOnDifference: boolean };
}

export const DEFAULT_STEP_TIMEOUT_S = 6 * 3600;
/** A gha layer cache import or export past this goes on without the cache (BuildKit's own default is 10m). */
export const DEFAULT_LAYER_TIMEOUT_S = 5 * 60;
export const DEFAULT_SERVICE_TIMEOUT_S = 10 * 60;

/** Parses and validates repro.yml text. `file` is used for messages and to resolve relative paths. */
export function parseConfig(text: string, file: string, displayName = path.basename(file)): Config {
  const root = path.dirname(path.resolve(file));
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const v = new Validator(displayName, lines);
  if (doc.errors.length > 0) {
    const problems: ConfigProblem[] = doc.errors.map((e) => {
      const pos = e.linePos?.[0] ?? lines.linePos(e.pos[0]);
      return {
        location: { file: displayName, line: pos?.line, column: pos?.col },
        path: '',
        message: `is not valid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}.`,
        fix: 'check the indentation and quoting on that line (YAML uses spaces, not tabs).',
      };
    });
    throw new ConfigError(problems);
  }
  if (!isMap(doc.contents)) {
    throw new ConfigError([
      {
        location: { file: displayName, line: 1, column: 1 },
        path: '',
        message: 'is empty or not a mapping.',
        fix: 'start from the example in the README: `images:` and `steps:` at the top level.',
      },
    ]);
  }
  const raw = v.validate(doc.contents as Node, configSchema, '') as RawConfig;
  const at = (p: (string | number)[]): SourceLocation => {
    const node = doc.getIn(p, true) as Node | undefined;
    const offset = node?.range?.[0];
    const pos = offset === undefined ? undefined : lines.linePos(offset);
    return { file: displayName, line: pos?.line, column: pos?.col };
  };
  const problem = (p: (string | number)[], message: string, fix: string): void => {
    v.problems.push({ location: at(p), path: formatPath(p), message, fix });
  };
  if (v.problems.length > 0) throw new ConfigError(v.problems);

  if (raw.version !== undefined && raw.version !== 1)
    problem(['version'], `version ${raw.version} is not supported.`, 'write `version: 1`.');

  const s: Section = { raw, root, doc, at, problem };
  const images = parseImages(s);
  const steps = parseSteps(s, images);
  const checks = parseChecks(s);
  const metrics = parseMetrics(s, steps);
  const repeat = parseRepeat(s, steps);
  const resultsDir = parseResults(s);
  const lint = parseLint(s);
  const push = parsePushSettings(raw.push, problem);
  for (const img of images) img.exclude = ownFilesIn(img.context, resultsDir);

  if (v.problems.length > 0) throw new ConfigError(v.problems);
  return {
    file: path.resolve(file),
    root,
    name: raw.name ?? sanitizeName(path.basename(root)),
    images,
    steps,
    metrics,
    checks,
    repeat,
    push,
    results: resultsDir,
    lint,
    cache: {
      layers: raw.cache?.layers ?? 'auto',
      layerTimeoutSeconds: raw.cache?.['layer-timeout'] ?? DEFAULT_LAYER_TIMEOUT_S,
      serviceTimeoutSeconds: raw.cache?.['service-timeout'] ?? DEFAULT_SERVICE_TIMEOUT_S,
      mounts: raw.cache?.mounts ?? {},
    },
    ...(raw.determinism?.rebuild
      ? { determinism: { rebuild: true as const, failOnDifference: raw.determinism['fail-on-difference'] ?? false } }
      : {}),
  };
}

/** What each section's parser reads: the validated document, and where to report a problem. */
interface Section {
  raw: RawConfig;
  root: string;
  doc: Document;
  at: (p: (string | number)[]) => SourceLocation;
  problem: (p: (string | number)[], message: string, fix: string) => void;
}

function parseImages({ raw, root, at, problem }: Section): ImageSpec[] {
  const images: ImageSpec[] = Object.entries(raw.images ?? {}).map(([key, img]) => ({
    key,
    dockerfile: path.resolve(root, img.dockerfile ?? 'Dockerfile'),
    context: path.resolve(root, img.context ?? '.'),
    target: img.target,
    buildArgs: img['build-args'] ?? {},
    where: at(['images', key]),
  }));
  if (images.length === 0) problem(['images'], 'lists no image.', 'add one, e.g. `images: { app: Dockerfile }`.');
  return images;
}

function parseSteps({ raw, root, at, problem }: Section, images: ImageSpec[]): StepSpec[] {
  const imageKeys = images.map((i) => i.key);
  const seen = new Set<string>();
  const steps: StepSpec[] = (raw.steps ?? []).map((s, i) => {
    if (seen.has(s.name))
      problem(['steps', i, 'name'], `step name "${s.name}" is used twice.`, 'give every step its own name.');
    seen.add(s.name);
    let image = s.image;
    if (image === undefined) {
      if (images.length === 1) image = images[0].key;
      else if (images.length > 1)
        problem(
          ['steps', i],
          `step "${s.name}" does not say which image it runs.`,
          `add \`image:\` with one of: ${imageKeys.join(', ')}.`,
        );
    } else if (!imageKeys.includes(image)) {
      problem(['steps', i, 'image'], `no image named "${image}" under images.`, `${didYouMean(image, imageKeys)}`);
    }
    const mounts = (s.mounts ?? []).map((m, j) => {
      const mount = parseMount(m, root);
      if (mount.escapes)
        problem(
          ['steps', i, 'mounts', j],
          `host path "${m.split(':')[0]}" is outside the project folder ${root}.`,
          'use a folder inside the project (paths are relative to repro.yml); move or copy the data there.',
        );
      return mount.spec;
    });
    return {
      name: s.name,
      image: image ?? '',
      command: s.command,
      args: s.args,
      env: s.env ?? {},
      mounts,
      workdir: s.workdir,
      timeoutSeconds: s.timeout ?? DEFAULT_STEP_TIMEOUT_S,
      gpus: s.gpus ?? 'none',
      network: s.network,
      resources: parseStepResources(
        s,
        { env: s.env ?? {}, mountTargets: mounts.map((m) => m.container.replace(/\/+$/, '')) },
        (p, message, fix) => problem(['steps', i, ...p], message, fix),
      ),
      where: at(['steps', i]),
    };
  });
  if (steps.length === 0 && raw.steps !== undefined)
    problem(['steps'], 'lists no step.', 'add at least one step, e.g. `- name: train`.');
  return steps;
}

function parseChecks({ raw, at, problem }: Section): RuleSpec[] {
  const checks: RuleSpec[] = Object.entries(raw.checks ?? {}).map(([metric, rule]) => {
    const base = rule['no-worse-than-base'];
    if (rule.min === undefined && rule.max === undefined && !rule.reference && !base)
      problem(
        ['checks', metric],
        `rule for "${metric}" has no condition.`,
        'add `min:`, `max:`, `reference:` or `no-worse-than-base:`.',
      );
    if (rule.min !== undefined && rule.max !== undefined && rule.min > rule.max)
      problem(
        ['checks', metric],
        `min ${rule.min} is above max ${rule.max}, so the rule can never pass.`,
        'swap them.',
      );
    for (const tol of ['atol', 'rtol'] as const) {
      if ((rule.reference?.[tol] ?? 0) < 0)
        problem(
          ['checks', metric, 'reference', tol],
          `${tol} ${rule.reference![tol]} is negative.`,
          `write a tolerance of 0 or more, e.g. \`${tol}: 0.01\`.`,
        );
    }
    if (rule.reference && !raw.metrics?.reference)
      problem(
        ['checks', metric, 'reference'],
        `rule for "${metric}" compares with a reference, but no reference file is configured.`,
        'add `reference: reference/metrics.json` under `metrics:` (a file committed in the repo).',
      );
    if ((base?.['allowed-drop'] ?? 0) < 0)
      problem(
        ['checks', metric, 'no-worse-than-base', 'allowed-drop'],
        `allowed-drop ${base!['allowed-drop']} is negative.`,
        'write how much worse the value may be, as 0 or more.',
      );
    return {
      metric,
      min: rule.min,
      max: rule.max,
      reference: rule.reference ? { atol: rule.reference.atol ?? 0, rtol: rule.reference.rtol ?? 0 } : undefined,
      base: base ? { direction: base.direction, allowedDrop: base['allowed-drop'] ?? 0 } : undefined,
      where: at(['checks', metric]),
    };
  });
  if (checks.length > 0 && !raw.metrics)
    problem(
      ['checks'],
      'has rules but no metrics file is configured.',
      'add `metrics: results/metrics.json` (where a step writes its metrics on the host).',
    );
  return checks;
}

function parseMetrics({ raw, root, doc, at, problem }: Section, steps: StepSpec[]): Config['metrics'] {
  const sources: MetricsSourceSpec[] = [];
  if (raw.metrics && steps.length === 0)
    problem(
      ['metrics'],
      'is read after the steps, and there is no step to write it.',
      'add the step that writes it under `steps:`, or remove `metrics:` and `checks:` for a build-and-push-only config.',
    );
  if (raw.metrics) {
    const entries: { path: string; format?: MetricsFormat; row?: string; prefix?: string; at: (string | number)[] }[] =
      [];
    if (raw.metrics.file !== undefined)
      entries.push({
        path: raw.metrics.file,
        at: typeof doc.getIn(['metrics']) === 'string' ? ['metrics'] : ['metrics', 'file'],
      });
    (raw.metrics.files ?? []).forEach((f, i) => entries.push({ ...f, at: ['metrics', 'files', i] }));
    if (entries.length === 0)
      problem(['metrics'], 'names no metrics file.', 'add `file: results/metrics.json` or a `files:` list.');
    for (const e of entries) {
      const format = e.format ?? formatOf(e.path);
      if (!format) problem(e.at, `cannot tell the format of "${e.path}".`, FORMAT_FIX);
      sources.push({
        file: path.resolve(root, e.path),
        format: format ?? 'json',
        row: e.row,
        prefix: e.prefix,
        where: at(e.at),
      });
    }
    if (raw.metrics.reference !== undefined && !formatOf(raw.metrics.reference))
      problem(
        ['metrics', 'reference'],
        `cannot tell the format of "${raw.metrics.reference}".`,
        'name it *.json, *.yaml, *.yml, *.csv or *.tsv.',
      );
  }
  return raw.metrics
    ? {
        file: sources[0]?.file ?? '',
        where: at(['metrics']),
        sources,
        reference:
          raw.metrics.reference === undefined
            ? undefined
            : { file: path.resolve(root, raw.metrics.reference), where: at(['metrics', 'reference']) },
      }
    : undefined;
}

function parseRepeat({ raw, doc, at, problem }: Section, steps: StepSpec[]): RepeatSpec | undefined {
  let repeat: RepeatSpec | undefined;
  if (raw.repeat) {
    const r = raw.repeat;
    if (!Number.isInteger(r.count) || r.count < 1 || r.count > 100)
      problem(
        ['repeat', ...(typeof doc.getIn(['repeat']) === 'number' ? [] : ['count'])],
        `count ${r.count} is not a whole number from 1 to 100.`,
        'write how many runs, e.g. `repeat: 3`.',
      );
    (r.steps ?? []).forEach((name, i) => {
      if (!steps.some((s) => s.name === name))
        problem(
          ['repeat', 'steps', i],
          `no step named "${name}".`,
          `${didYouMean(
            name,
            steps.map((s) => s.name),
          )}`,
        );
    });
    repeat = {
      count: r.count,
      steps: r.steps ?? steps.map((s) => s.name),
      seedEnv: r['seed-env'],
      checks: r.checks ?? 'mean',
      where: at(['repeat']),
    };
  }
  return repeat;
}

function parseResults({ raw, root, problem }: Section): string {
  const resultsDir = path.resolve(root, raw.results ?? '.repro-ci');
  if (escapesLexically(root, resultsDir))
    problem(
      ['results'],
      `"${raw.results}" is outside the project folder.`,
      'use a folder inside the project, e.g. `.repro-ci`.',
    );
  return resultsDir;
}

function parseLint({ raw, problem }: Section): Config['lint'] {
  (raw.lint?.ignore ?? []).forEach((id, i) => {
    if (!RULE_IDS.includes(id.toUpperCase()))
      problem(
        ['lint', 'ignore', i],
        `there is no lint rule ${id}.`,
        `${didYouMean(id.toUpperCase(), RULE_IDS)} (docs/lint.md lists them)`,
      );
  });
  return { level: raw.lint?.level ?? 'warn', ignore: (raw.lint?.ignore ?? []).map((id) => id.toUpperCase()) };
}

/** Reads repro.yml from disk and checks that the files it names exist. */
export function loadConfig(file: string): Config {
  const abs = path.resolve(file);
  const display = path.relative(process.cwd(), abs) || abs;
  if (!existsSync(abs)) {
    throw new ReproError(`config file ${display} not found.`, {
      fix: 'create repro.yml (see the README quick start), or point the `config` input / `--config` option at yours.',
      location: { file: display },
    });
  }
  const config = parseConfig(readFileSync(abs, 'utf8'), abs, display);
  const problems: ConfigProblem[] = [];
  for (const img of config.images) {
    const rel = (p: string) => path.relative(config.root, p) || '.';
    if (!existsSync(img.context) || !statSync(img.context).isDirectory()) {
      problems.push({
        location: img.where,
        path: `images.${img.key}.context`,
        message: `build context folder "${rel(img.context)}" does not exist.`,
        fix: 'point `context:` at an existing folder, relative to repro.yml.',
      });
    }
    if (!existsSync(img.dockerfile)) {
      problems.push({
        location: img.where,
        path: `images.${img.key}.dockerfile`,
        message: `Dockerfile "${rel(img.dockerfile)}" not found.`,
        fix: 'write the path relative to repro.yml, e.g. `dockerfile: train.dockerfile`.',
      });
    }
  }
  problems.push(...linkProblems(config));
  const ref = config.metrics?.reference;
  if (ref && (!existsSync(ref.file) || !statSync(ref.file).isFile())) {
    problems.push({
      location: ref.where,
      path: 'metrics.reference',
      message: `reference file "${path.relative(config.root, ref.file)}" not found.`,
      fix: "commit the reference metrics (e.g. copy a trusted run's metrics file there), or fix the path, relative to repro.yml.",
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  for (const img of config.images)
    img.exclude = [
      ...new Set([...(img.exclude ?? []), ...stepOutputsIn(img, config.steps, readFileSync(img.dockerfile, 'utf8'))]),
    ];
  return config;
}

/**
 * Host folders the steps write (writable mounts) that lie in an image's build context, context-relative:
 * they are kept out of the build, so a run's outputs never enter the next image (a `COPY . .` would bake
 * them in, and the image would no longer be the commit). A folder the Dockerfile COPYs or ADDs by name
 * stays in: the user asked for it.
 */
export function stepOutputsIn(img: ImageSpec, steps: readonly StepSpec[], dockerfile: string): string[] {
  const named = parseDockerfile(dockerfile)
    .instructions.flatMap((i) => contextCopyWords(i)?.slice(0, -1) ?? [])
    .map((s) => s.replace(/^(\.\/)+/, '').replace(/\/+$/, ''));
  const out: string[] = [];
  for (const m of steps.flatMap((s) => s.mounts)) {
    const rel = path.relative(img.context, m.host).split(path.sep).join('/');
    if (m.readOnly || rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) continue;
    if (named.some((s) => s === rel || s.startsWith(`${rel}/`)) || out.includes(rel)) continue;
    out.push(rel);
  }
  return out;
}

/**
 * Every path repro.yml names, checked with its links resolved (src/security/paths.ts): none may lead
 * outside the project or to a socket. Checked again just before each is used (a step can make links).
 */
function linkProblems(config: Config): ConfigProblem[] {
  const paths: { p: string; field: string; where: SourceLocation }[] = [
    ...config.images.flatMap((img) => [
      { p: img.context, field: `images.${img.key}.context`, where: img.where },
      { p: img.dockerfile, field: `images.${img.key}.dockerfile`, where: img.where },
    ]),
    ...config.steps.flatMap((s) =>
      s.mounts.map((m, j) => ({ p: m.host, field: `steps.${s.name}.mounts[${j}]`, where: s.where })),
    ),
    ...(config.metrics?.sources ?? []).map((m) => ({ p: m.file, field: 'metrics', where: m.where })),
    ...(config.metrics?.reference
      ? [{ p: config.metrics.reference.file, field: 'metrics.reference', where: config.metrics.reference.where }]
      : []),
    { p: config.results, field: 'results', where: { file: path.relative(process.cwd(), config.file) || config.file } },
  ];
  const problems: ConfigProblem[] = [];
  for (const { p, field, where } of paths) {
    const why = unsafePath(config.root, p);
    if (why)
      problems.push({
        location: where,
        path: field,
        message: `"${path.relative(config.root, p) || '.'}" cannot be used: ${why}.`,
        fix: 'use a real folder or file inside the project (paths are relative to repro.yml); copy data in instead of linking to it.',
      });
  }
  return problems;
}

export function parseMount(text: string, root: string): { spec: MountSpec; escapes: boolean } {
  const parts = text.split(':');
  const readOnly = parts.length === 3 && parts[2] === 'ro';
  const host = path.resolve(root, parts[0]);
  return { spec: { host, container: parts[1], readOnly }, escapes: escapesLexically(root, host) };
}

function sanitizeName(name: string): string {
  // Docker's grammar (IMAGE_NAME_PART): no separator at either end, none doubled but `__` and dashes.
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/[._-]{2,}/g, (m) => (/^-+$/.test(m) ? m : '-'));
  return s.replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '') || 'project';
}

function formatPath(p: (string | number)[]): string {
  return p.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** The context-relative path of repro-ci's results folder when it lies in `context` (see ImageSpec.exclude). */
export function ownFilesIn(context: string, resultsDir: string): string[] {
  const rel = path.relative(context, resultsDir);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return [];
  return [rel.split(path.sep).join('/')];
}
