/**
 * The pipeline both the action and the CLI drive: build → run steps → check metrics → push.
 * It never stops early without leaving its results: every stage's outcome, the logs and the report
 * are written to the results folder whatever happens, and the caller decides how to end the run.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { flattenNumbers, parseMetricsJson, type MetricsDoc } from '../checks/metrics.js';
import { evaluateRules, type CheckResult } from '../checks/rules.js';
import type { Config, ImageSpec, PushWhen, StepSpec } from '../config/config.js';
import type { RunContext } from '../context.js';
import { LABEL_RUN, LABEL_STEP } from '../docker/argv.js';
import type { BuilderPreference, DockerEnvironment } from '../docker/detect.js';
import type { Docker } from '../docker/docker.js';
import { explainRunFailure } from '../docker/explain.js';
import { ReproError } from '../errors.js';
import type { Logger } from '../log.js';
import { computeTags, decidePush, repositoryFor, type PushDecision } from '../publish/tags.js';
import { renderTextReport } from '../report/text.js';
import { renderMarkdownReport } from '../report/markdown.js';

export interface PipelineOptions {
  config: Config;
  context: RunContext;
  docker: Docker;
  log: Logger;
  builder: BuilderPreference;
  /** Effective push policy and repository (inputs/flags override repro.yml). */
  push: PushWhen;
  pushImage?: string;
  /** Overrides `gpus` of every step when set. */
  gpus?: string;
  now?: () => number;
}

export type StageStatus = 'ok' | 'failed' | 'skipped';

export interface StageResult {
  name: string;
  status: StageStatus;
  seconds: number;
}

export interface BuiltImage {
  key: string;
  id: string;
  localTag: string;
}

export interface StepResult {
  name: string;
  image: string;
  exitCode: number;
  logFile: string;
  gpus: string;
}

export interface PushedImage {
  key: string;
  repository: string;
  tags: string[];
  digest: string;
}

export interface PipelineResult {
  ok: boolean;
  resultsDir: string;
  environment?: DockerEnvironment;
  stages: StageResult[];
  images: BuiltImage[];
  steps: StepResult[];
  /** Every numeric metric, flattened to dotted paths. */
  metrics?: Record<string, number>;
  checks: CheckResult[];
  push: PushDecision;
  pushed: PushedImage[];
  /** The error that stopped the run, if one did. Failed checks alone are not errors. */
  error?: ReproError;
  warnings: string[];
}

export const RESULT_FILE = 'result.json';
export const REPORT_FILE = 'report.md';

export async function runPipeline(opts: PipelineOptions): Promise<PipelineResult> {
  const { config, docker, log } = opts;
  const now = opts.now ?? (() => performance.now() / 1000);
  mkdirSync(path.join(config.results, 'logs'), { recursive: true });
  const result: PipelineResult = {
    ok: false,
    resultsDir: config.results,
    stages: [],
    images: [],
    steps: [],
    checks: [],
    push: { push: false, reason: 'the run stopped before the push stage' },
    pushed: [],
    warnings: [],
  };

  const stage = async (name: string, fn: () => Promise<void>): Promise<boolean> => {
    if (result.error) {
      result.stages.push({ name, status: 'skipped', seconds: 0 });
      return false;
    }
    const start = now();
    try {
      await log.group(name, fn);
      result.stages.push({ name, status: 'ok', seconds: now() - start });
      return true;
    } catch (e) {
      result.error = e instanceof ReproError ? e : new ReproError((e as Error).message ?? String(e), { cause: e });
      result.stages.push({ name, status: 'failed', seconds: now() - start });
      return false;
    }
  };

  await stage('Detect Docker', async () => {
    result.environment = await docker.detect(opts.builder);
    const env = result.environment;
    log.info(`engine ${env.serverVersion}, client ${env.clientVersion}, building with ${env.builder === 'buildx' ? `buildx (${env.buildxVersion})` : 'the classic client with BuildKit'}`);
  });

  for (const image of config.images) {
    await stage(`Build ${image.key}`, async () => {
      result.images.push(await buildImage(opts, image, result.environment!));
    });
  }

  const gpuRuntime = lazy(() => docker.hasGpuRuntime());
  for (const step of config.steps) {
    await stage(`Step ${step.name}`, async () => {
      result.steps.push(await runStep(opts, step, result, gpuRuntime));
    });
  }

  let metricsDoc: MetricsDoc | undefined;
  if (config.metrics) {
    await stage('Check metrics', async () => {
      metricsDoc = readMetrics(config);
      copyFileSync(config.metrics!.file, path.join(config.results, 'metrics.json'));
      result.metrics = flattenNumbers(metricsDoc);
      result.checks = evaluateRules(config.checks, metricsDoc);
      log.info(renderTextReport({ ...result, stages: [] }, { sections: ['checks'] }));
      for (const c of result.checks.filter((c) => !c.ok)) log.error(`check failed: ${c.metric} ${c.rule}: ${c.message}`, config.checks.find((r) => r.metric === c.metric)?.where);
    });
  }

  const passed = !result.error && result.checks.every((c) => c.ok);
  result.push = decidePush(opts.push, opts.context, passed, opts.pushImage);
  if (result.push.push) {
    await stage('Push', async () => {
      log.info(`pushing: ${result.push.reason}`);
      for (const img of result.images) result.pushed.push(await pushImage(opts, img));
    });
  } else {
    log.info(`not pushing: ${result.push.reason}`);
  }

  result.ok = !result.error && result.checks.every((c) => c.ok);
  writeResults(result, config);
  return result;
}

async function buildImage(opts: PipelineOptions, image: ImageSpec, env: DockerEnvironment): Promise<BuiltImage> {
  const { config, context } = opts;
  const localTag = localTagFor(config, image.key);
  const labels: Record<string, string> = { 'org.opencontainers.image.revision': context.sha };
  if (context.repository) labels['org.opencontainers.image.source'] = `https://github.com/${context.repository}`;
  const id = await opts.docker.build(
    env.builder,
    { dockerfile: image.dockerfile, context: image.context, tags: [localTag], target: image.target, buildArgs: image.buildArgs, labels },
    path.relative(process.cwd(), image.dockerfile) || image.dockerfile,
  );
  opts.log.info(`built ${image.key}: ${localTag} (${id})`);
  return { key: image.key, id, localTag };
}

/** Local tag of a built image: `<name>:latest` for one image, `<name>-<key>:latest` for several. */
export function localTagFor(config: Config, key: string): string {
  return config.images.length > 1 ? `${config.name}-${key}:latest` : `${config.name}:latest`;
}

/** Container names must be unique per run and valid for docker: `[a-zA-Z0-9][a-zA-Z0-9_.-]*`. */
export function containerName(runId: string, step: string): string {
  return `repro-ci-${runId}-${step}`.replace(/[^a-zA-Z0-9_.-]/g, '-');
}

async function runStep(opts: PipelineOptions, step: StepSpec, result: PipelineResult, gpuRuntime: () => Promise<boolean>): Promise<StepResult> {
  const { config, docker, log, context } = opts;
  const image = result.images.find((i) => i.key === step.image);
  if (!image) throw new ReproError(`step "${step.name}" needs image "${step.image}", which was not built.`);
  for (const m of step.mounts) {
    if (m.readOnly) {
      if (!existsSync(m.host)) {
        throw new ReproError(`step "${step.name}" mounts ${path.relative(config.root, m.host)} read-only, but it does not exist.`, {
          location: step.where,
          fix: 'create it (an earlier step, a checkout or a download must put the data there), or drop `:ro` to have it created empty.',
        });
      }
    } else {
      mkdirSync(m.host, { recursive: true });
    }
  }
  const gpus = await resolveGpus(opts.gpus ?? step.gpus, step.name, log, gpuRuntime, result);
  const name = containerName(context.runId, step.name);
  const logFile = path.join(config.results, 'logs', `${step.name}.log`);
  const entrypoint = step.command?.[0];
  const args = step.command ? [...step.command.slice(1), ...(step.args ?? [])] : step.args ?? [];
  log.info(`running ${image.localTag}${step.command ? ` ${step.command.join(' ')}` : ''}${step.args ? ` ${step.args.join(' ')}` : ''}`);
  const outcome = await docker.run(
    {
      name,
      image: image.id,
      labels: { [LABEL_RUN]: context.runId, [LABEL_STEP]: step.name },
      envNames: Object.keys(step.env),
      mounts: step.mounts,
      workdir: step.workdir,
      gpus,
      network: step.network,
      entrypoint,
      args,
    },
    { envValues: step.env, timeoutSeconds: step.timeoutSeconds, logFile },
  );
  if (outcome.exitCode !== 0 || outcome.timedOut) {
    // --rm removes it once stopped; this makes sure even when the engine was slow to stop it.
    if (outcome.timedOut) await docker.removeContainers([name]);
    result.steps.push({ name: step.name, image: step.image, exitCode: outcome.exitCode, logFile, gpus });
    throw explainRunFailure(step.name, outcome, step.timeoutSeconds, path.relative(process.cwd(), logFile));
  }
  return { name: step.name, image: step.image, exitCode: 0, logFile, gpus };
}

async function resolveGpus(gpus: string, step: string, log: Logger, gpuRuntime: () => Promise<boolean>, result: PipelineResult): Promise<string> {
  if (gpus !== 'optional') return gpus;
  if (await gpuRuntime()) return 'all';
  const msg = `step "${step}" runs on the CPU: \`gpus: optional\` and this machine has no GPU container runtime.`;
  log.warning(msg);
  result.warnings.push(msg);
  return 'none';
}

function readMetrics(config: Config): MetricsDoc {
  const file = config.metrics!.file;
  const shown = path.relative(config.root, file);
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new ReproError(`metrics file ${shown} was not written by the steps.`, {
      location: config.metrics!.where,
      fix: `make a step write it into a mounted folder (e.g. mount \`${path.dirname(shown) || '.'}:/results\` and write /results/${path.basename(shown)}), or fix \`metrics:\` in repro.yml.`,
    });
  }
  return parseMetricsJson(readFileSync(file, 'utf8'), shown);
}

async function pushImage(opts: PipelineOptions, img: BuiltImage): Promise<PushedImage> {
  const repository = repositoryFor(opts.pushImage!, img.key, opts.config.images.length);
  const tags = computeTags(opts.context);
  let digest = '';
  for (const tag of tags) {
    const ref = `${repository}:${tag}`;
    await opts.docker.tag(img.id, ref);
    digest = await opts.docker.push(ref);
    opts.log.info(`pushed ${ref} (${digest})`);
  }
  return { key: img.key, repository, tags, digest };
}

function writeResults(result: PipelineResult, config: Config): void {
  const serializable = { ...result, error: result.error ? { message: result.error.message, fix: result.error.fix, location: result.error.location } : undefined };
  writeFileSync(path.join(config.results, RESULT_FILE), JSON.stringify(serializable, null, 2) + '\n');
  writeFileSync(path.join(config.results, REPORT_FILE), renderMarkdownReport(result));
}

function lazy<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= fn());
}
