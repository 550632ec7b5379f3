/**
 * The pipeline both the action and the CLI drive: build → run steps → check metrics → push.
 * It never stops early without leaving its results: every stage's outcome, the logs and the report
 * are written to the results folder whatever happens, and the caller decides how to end the run.
 */
import { existsSync } from 'node:fs';
import { anchorOf, makeResultsDir, makeSafeDir, safePath, writeFileFresh } from '../security/paths.js';
import { secrets } from '../security/redact.js';
import path from 'node:path';
import type { BaselineStore } from '../checks/baseline.js';
import { repeatedStep, seedFor } from '../checks/repeat.js';
import type { Config, ImageSpec, StepSpec } from '../config/config.js';
import { builtCommit, commitTimeUnknown, tagOf, type RunContext } from '../context.js';
import { LABEL_RUN, LABEL_STEP } from '../docker/argv.js';
import type { GpuRequest } from '../gpu/gpu.js';
import type { RunPlan } from './plan.js';
import type { DockerEnvironment } from '../docker/detect.js';
import type { Docker } from '../docker/docker.js';
import { explainRunFailure } from '../docker/explain.js';
import { ReproError } from '../errors.js';
import type { Logger } from '../log.js';
import { commitTag, findPassingImages, whyNotPromote, type Promotion } from '../publish/promote.js';
import {
  decidePublish,
  dirtyWords,
  loggedIn,
  PartialPush,
  pushImages,
  type PublishPlan,
  type RegistryLogin,
} from '../publish/publish.js';
import type { ResolvedPublish } from '../publish/settings.js';
import { registryDown } from '../publish/registry-probe.js';
import { renderTextReport } from '../report/text.js';
import { oneLine } from '../util/text.js';
import { renderMarkdownReport } from '../report/markdown.js';
import type { Cancellation } from './cancel.js';
import { lockResults } from './lock.js';
import { currentUser, Machine } from './machine.js';
import { lintProject, reportLint } from '../lint/stage.js';
import type { LintReport } from '../lint/run.js';
import { settle, unwrap, type Settled } from '../util/settle.js';
import { BuildCache } from '../cache/build-cache.js';
import { discardRestore, restoreOptions, startRestore, type MountRestore } from '../cache/download.js';
import { LayerCacheWatch, layerCacheFaultWarning, layerCacheMissNote, type LayerFlags } from '../cache/layers.js';
import type { CacheStore } from '../cache/store.js';
import { RECORD_FILE, type SourceFacts } from '../record/record.js';
import { gatherSourceFacts } from '../record/sources.js';
import { publishRecord, writeRecord } from '../record/stage.js';
import { planDeterminism, determinismBuildArgs, type DeterminismPlan } from '../determinism/compare.js';
import { rebuildCheck } from '../determinism/stage.js';
import { annotationsDropped, ANNOTATIONS_FIX } from '../publish/annotations.js';
import { checkMetrics, collectRun, saveBaseline, type RunOutputs } from './metrics-stage.js';
import { REPORT_FILE, RESULT_FILE, type BuiltImage, type PipelineResult } from './result.js';

export interface PipelineOptions {
  config: Config;
  context: RunContext;
  docker: Docker;
  log: Logger;
  /** What to build, run and push, as resolveRun planned it from repro.yml and the entry point's inputs. */
  plan: RunPlan;
  /** The logins of `plan.logins`, in a private DOCKER_CONFIG (the entry point creates and removes it). */
  login?: RegistryLogin;
  /** Values no container may get under any name: the registry password, the GitHub token. */
  credentials?: string[];
  /** Where `no-worse-than-base` rules find (and passing push runs keep) baseline metrics. */
  baseline?: BaselineStore;
  /** Keeps BuildKit cache mounts between runs (src/cache); without it they stay in the local builder. */
  buildCacheStore?: CacheStore;
  /** The runner's cache service failed its first lookup (then there is no `buildCacheStore`): why. */
  cacheServiceFault?: string;
  /** Where a cancelled run writes what it has (src/pipeline/cancel.ts). */
  cancellation?: Cancellation;
  /** Images already there (`repro-ci verify` pulled them): no lint, cache or build stages, and no record. */
  prebuilt?: BuiltImage[];
  now?: () => number;
}

/** Runs one stage of the pipeline in its log group, unless an earlier one stopped the run. */
type Stage = (name: string, fn: () => Promise<void | 'failed'>, since?: number) => Promise<boolean>;

export async function runPipeline(opts: PipelineOptions): Promise<PipelineResult> {
  makeResultsDir(opts.config.root, opts.config.results, path.join(opts.config.results, 'logs'));
  // One run at a time writes a results folder (src/pipeline/lock.ts).
  const lock = lockResults(opts.config.results, opts.context.runId, (m) => opts.log.info(m));
  // A cancelled run exits from its signal handler: it writes what it has there, and lets go of the lock.
  const live: LiveRun = {};
  const undo = opts.cancellation?.whenCancelled((signal) => {
    if (live.result) writeCancelled(live, opts.config, signal);
    lock.release();
  });
  try {
    return await runStages(opts, live);
  } finally {
    undo?.();
    lock.release();
  }
}

/** The run as it stands, for the cancel handler: its result so far and the stage it is in. */
interface LiveRun {
  result?: PipelineResult;
  stage?: { name: string; start: number; now: () => number };
}

/** result.json and report.md of a cancelled run: what finished, the stage it stopped in, and that it was cancelled. */
function writeCancelled(live: LiveRun, config: Config, signal: NodeJS.Signals): void {
  const result = live.result!;
  const s = live.stage;
  if (s) result.stages.push({ name: s.name, status: 'cancelled', seconds: s.now() - s.start });
  result.ok = false;
  result.error = new ReproError(
    `the run was cancelled (${signal})${s ? ` during "${s.name}"` : ''}; the stages it finished are in the table.`,
    {
      fix: 'run it again; nothing was pushed after the cancel, and the logs of the steps that ran are in the results folder.',
    },
  );
  writeResults(result, config);
}

/**
 * One run as its stages fill it in: what they share (the result, the machine, the work started early)
 * and `stage`, which runs one named stage in its log group and writes its row.
 */
interface Run {
  opts: PipelineOptions;
  result: PipelineResult;
  machine: Machine;
  stage: Stage;
  warn: (msg: string) => void;
  now: () => number;
  /** Started before the first stage (detection, the cache mounts' downloads, the lint), awaited in theirs. */
  detected: Promise<Settled<DockerEnvironment>>;
  restoring?: MountRestore;
  linting?: Promise<Settled<LintReport>>;
  detectStart: number;
  dockerMissing: boolean;
  buildCache?: BuildCache;
  determinism?: DeterminismPlan;
  annotations?: Record<string, string>;
  /** The record's source facts, gathered once the builds are done (src/record/sources.ts). */
  sourceFacts?: Promise<SourceFacts>;
  /** With `repeat`: each run's outputs, read before the next. */
  runs: RunOutputs[];
  /** Set by a stage that ends the run early (a promotion publishes and writes its own results). */
  ended?: boolean;
}

/** A stage of the pipeline: `when` false leaves it out of this run (no row); `run` opens its stage(s). */
export interface PipelineStage {
  name: string;
  when?: (r: Run) => boolean;
  run: (r: Run) => Promise<void>;
}

const built = (r: Run) => !!r.result.environment && !r.opts.prebuilt;

/**
 * The stages, in order. Rules the order keeps: the lint reports before the builds (so `lint: error` stops
 * them) and first of all without a Docker; caches are saved right after the builds and before the
 * --no-cache rebuild (which empties the mounts); the push comes after the checks; the record last, so it
 * holds every stage.
 */
export const STAGES: readonly PipelineStage[] = [
  // Without a usable Docker the findings come first: they are all this run can give.
  { name: 'Lint', when: (r) => r.dockerMissing && !!r.linting, run: lintStage },
  { name: 'Detect Docker', run: detectStage },
  // A tag or release of a commit whose images already passed publishes them: no build, no re-run.
  { name: 'Promote', when: built, run: promoteStage },
  { name: 'Restore caches', when: (r) => !!r.restoring, run: restoreStage },
  { name: 'Lint', when: (r) => !r.dockerMissing && !!r.linting, run: lintStage },
  { name: 'Build', when: (r) => !r.opts.prebuilt, run: buildStages },
  { name: 'Save caches', when: (r) => !!r.buildCache, run: saveCachesStage },
  { name: 'Rebuild check', when: (r) => !!r.determinism && !!r.result.environment, run: rebuildStage },
  { name: 'Steps', run: stepStages },
  { name: 'Check metrics', when: (r) => !!r.opts.config.metrics, run: checkStage },
  { name: 'Push', run: pushDecisionStage },
  { name: 'Publish record', when: (r) => !r.opts.prebuilt, run: recordStage },
];

async function runStages(opts: PipelineOptions, live: LiveRun): Promise<PipelineResult> {
  const r = startRun(opts, live);
  r.dockerMissing = 'error' in (await r.detected);
  // Once cancelled, the signal handler writes the results and ends the process: no stage starts after it,
  // and nothing here overwrites what it wrote (settled() then never resolves).
  for (const s of STAGES) {
    await opts.cancellation?.settled();
    if (r.ended) break;
    if (s.when?.(r) ?? true) await s.run(r);
  }
  // Step containers are removed while the run goes on: none is left when it says it has ended.
  await opts.docker.removalsDone();
  await opts.cancellation?.settled();
  // A promoted run published an earlier run's images: this commit's metrics are no baseline.
  if (!r.ended) await saveBaseline(opts.config, opts.context, opts.log, opts.baseline, r.result.ok, r.result.metrics);
  writeResults(r.result, opts.config);
  return r.result;
}

/** Images a config with steps builds but no step runs (a config without steps builds to push: all are used). */
export function unusedImages(config: Config): string[] {
  if (config.steps.length === 0) return [];
  return config.images.map((i) => i.key).filter((k) => !config.steps.some((s) => s.image === k));
}

/** The run's result and machine, its opening notes, and the work that needs no Docker started at once. */
function startRun(opts: PipelineOptions, live: LiveRun): Run {
  const { config, docker, log } = opts;
  const now = opts.now ?? (() => performance.now() / 1000);
  const result: PipelineResult = (live.result = {
    ok: false,
    resultsDir: config.results,
    stages: [],
    images: opts.prebuilt ? [...opts.prebuilt] : [],
    steps: [],
    checks: [],
    push: { push: false, reason: 'the run stopped before the push stage' },
    pushed: [],
    warnings: [],
  });
  const { untrusted } = opts.context;
  const machine = new Machine({
    docker,
    log,
    runId: opts.context.runId,
    project: config.name,
    runCacheStore: opts.buildCacheStore,
    runnerUser: currentUser(),
    warnings: result.warnings,
    credentials: opts.credentials,
    untrusted,
  });
  /** A warning in the log and in the report. */
  const warn = (msg: string) => {
    log.warning(msg);
    result.warnings.push(msg);
  };
  if (untrusted)
    warn(
      `untrusted code: ${untrusted}. It is built and run with no credentials, nothing passed from the runner, no cache writes and no push.`,
    );
  if (!opts.context.commitTime)
    log.info(`${commitTimeUnknown(opts.context)}: the image gets no created label, and the record says why.`);
  if (opts.cacheServiceFault)
    warn(
      `cache service: the Actions cache service failed a first lookup (${opts.cacheServiceFault}), so no cache mount, run-time cache or baseline is restored or saved this run; the builds go on cold.`,
    );
  if (opts.context.dirty)
    warn(
      `${dirtyWords(opts.context)}: the image holds those edits, the record says so (source.dirty), and it is never pushed under the commit's tags.`,
    );
  const unused = opts.prebuilt ? [] : unusedImages(config);
  if (unused.length > 0) {
    const [it, is] = unused.length === 1 ? ['it', 'is'] : ['them', 'are'];
    warn(
      `${unused.map((k) => `image "${k}"`).join(', ')} ${is} built, but no step runs ${it}: remove ${it} from \`images:\` in ${path.basename(config.file)} unless ${it} ${is} meant to be pushed.`,
    );
  }
  result.publish = opts.plan.meta;
  for (const w of opts.plan.meta.warnings) log.info(w);

  /**
   * Runs one stage in its log group; `since` counts work started before the group opened. `fn` may return
   * `failed` for a stage that failed without stopping the run (the checks).
   */
  const stage: Stage = async (name, fn, since) => {
    if (result.error) {
      result.stages.push({ name, status: 'skipped', seconds: 0 });
      return false;
    }
    const start = since ?? now();
    live.stage = { name, start, now };
    try {
      const failed = (await log.group(name, fn)) === 'failed';
      result.stages.push({ name, status: failed ? 'failed' : 'ok', seconds: now() - start });
      return !failed;
    } catch (e) {
      result.error = e instanceof ReproError ? e : new ReproError((e as Error).message ?? String(e), { cause: e });
      result.stages.push({ name, status: 'failed', seconds: now() - start });
      return false;
    } finally {
      live.stage = undefined;
    }
  };

  // Detection and the lint start at once. The lint only reads, so it works while Docker is detected and
  // the caches are restored, and reports in its own section just before the builds, where `lint: error`
  // still stops the run (~0.2 s less per run). A failure waits to be reported in its own stage.
  const detected = settle(docker.detect(opts.plan.builder));
  docker.prefetchBuilderFacts();
  // The cache mounts' downloads need no Docker either: they start now (src/cache/download.ts).
  const restoring = opts.prebuilt
    ? undefined
    : startRestore(restoreOptions({ config, store: opts.buildCacheStore, commit: opts.context.sha }));
  const level = opts.plan.lint;
  const linting = level === 'off' ? undefined : settle(lintProject(config, docker, level));
  return {
    opts,
    result,
    machine,
    stage,
    warn,
    now,
    detected,
    restoring,
    linting,
    detectStart: now(),
    dockerMissing: false,
    runs: [],
  };
}

async function lintStage(r: Run): Promise<void> {
  const { config, log } = r.opts;
  await r.stage('Lint', async () => {
    const lint = reportLint(config, log, unwrap(await r.linting!));
    [r.result.lint, r.result.sarif] = [lint.report, lint.sarif];
    if (lint.error) throw lint.error;
  });
}

async function detectStage(r: Run): Promise<void> {
  const { result, opts } = r;
  await r.stage(
    'Detect Docker',
    async () => {
      const env = unwrap(await r.detected);
      result.environment = env;
      const builder = env.builder === 'buildx' ? `buildx (${env.buildxVersion})` : 'the classic client with BuildKit';
      opts.log.info(`engine ${env.serverVersion}, client ${env.clientVersion}, building with ${builder}`);
      result.hardware = await r.machine.inspect(opts.config.root);
    },
    r.detectStart,
  );
}

async function promoteStage(r: Run): Promise<void> {
  const promotion = await promotionFor(r.opts, r.stage);
  if (!promotion) return;
  if (r.restoring) await discardRestore(r.restoring);
  await publishPromotion(r.opts, r.result, promotion, r.opts.plan.meta, r.stage);
  r.ended = true;
}

async function restoreStage(r: Run): Promise<void> {
  const { opts, result } = r;
  if (!result.environment) return discardRestore(r.restoring!);
  const bc = (r.buildCache = BuildCache.forPipeline({
    ...opts,
    pushImage: mainRepository(opts),
    environment: result.environment,
    restoring: r.restoring!,
    localTag: (key) => localTagFor(opts.config, key),
  }));
  result.cache = bc.report;
  await r.stage('Restore caches', () => bc.restore());
}

/**
 * One stage per image, one after another: measured here, two warm builds at once took longer than in turn
 * (BuildKit serialises on shared cache keys) and their logs would interleave.
 */
async function buildStages(r: Run): Promise<void> {
  const { opts, result } = r;
  const env = result.environment;
  const meta = opts.plan.meta;
  // Awaited before the first build (the hardware record fills it in later): SOURCE_DATE_EPOCH must go to both builds.
  if (opts.config.determinism && env)
    r.determinism = planDeterminism(await opts.docker.buildkitVersion(), opts.context.commitTime);
  if (env) r.annotations = await manifestAnnotations(opts, env, meta);
  for (const image of opts.config.images) {
    await r.stage(`Build ${image.key}`, async () => {
      const spec = { ...image, buildArgs: { ...image.buildArgs, ...determinismBuildArgs(r.determinism) } };
      const labels = { labels: meta.labels, annotations: r.annotations };
      result.images.push(await buildImage(opts, spec, env!, r.buildCache, labels, r.warn));
    });
  }
  // The record's facts: the contexts as the builds sent them (before any step writes into one), and the
  // base images as the builds left them. Gathered while the steps run, not after them.
  const gathering = new Promise<void>((go) => setImmediate(go)).then(() => gatherSourceFacts(opts.config, opts.docker));
  gathering.catch(() => undefined);
  r.sourceFacts = gathering;
}

/** Saved here, right after the builds and not in the post step: see src/cache/build-cache.ts. */
async function saveCachesStage(r: Run): Promise<void> {
  const bc = r.buildCache!;
  await bc.endBuilds();
  if (bc.report.backend === 'actions') await r.stage('Save caches', () => bc.save(r.result.images));
  r.result.warnings.push(...bc.report.warnings);
}

/**
 * After "Save caches", never before: a --no-cache rebuild starts BuildKit cache mounts empty and replaces
 * their content, so it must come after that content was saved.
 */
async function rebuildStage(r: Run): Promise<void> {
  const { opts, result } = r;
  const { config } = opts;
  await r.stage('Rebuild check', async () => {
    const d = (result.determinism = await rebuildCheck({
      docker: opts.docker,
      log: opts.log,
      builder: result.environment!.builder,
      plan: r.determinism!,
      images: config.images,
      built: result.images,
      labels: opts.plan.meta.labels,
      annotations: r.annotations,
      warnings: result.warnings,
    }));
    if (config.determinism!.failOnDifference && !d.contentIdentical) {
      const differ = d.images.filter((i) => i.verdict === 'content-differs').map((i) => i.key);
      throw new ReproError(`the rebuild made images with different content: ${differ.join(', ')}.`, {
        fix: 'see the Rebuild check section: pin what the first differing layer fetches or writes (versions, timestamps), or set `determinism.fail-on-difference: false`.',
      });
    }
  });
}

/** One stage per step; with `repeat`, run 1 runs every step and runs 2..N the repeated ones. */
async function stepStages(r: Run): Promise<void> {
  const { opts, result, machine } = r;
  const { config } = opts;
  if (!result.error) await machine.checkDisk(config.root);
  const repeat = config.repeat;
  for (let k = 0; k < (repeat?.count ?? 1); k++) {
    for (const step of config.steps) {
      const repeated = repeat?.steps.includes(step.name);
      if (k > 0 && !repeated) continue;
      const name = repeated ? `Step ${step.name} (run ${k + 1}/${repeat!.count})` : `Step ${step.name}`;
      // The plan's GPUs are by the config's step name: a repeated run is renamed (`train-run2`).
      const gpus = opts.plan.gpus[step.name];
      const run = repeated ? repeatedStep(step, repeat!, k) : step;
      await r.stage(name, () => runStep(opts, run, gpus, result, machine));
    }
    // Each run's metrics are read before the next one overwrites them.
    if (repeat && config.metrics && !result.error) r.runs.push(collectRun(config, k));
  }
  if (machine.caches.used) result.runCaches = await machine.saveCaches();
}

async function checkStage(r: Run): Promise<void> {
  const { opts, result } = r;
  const { config, log } = opts;
  const repeat = config.repeat;
  await r.stage('Check metrics', async () => {
    const seedStep = repeat?.seedEnv ? config.steps.find((s) => repeat.steps.includes(s.name)) : undefined;
    const seeds = seedStep ? r.runs.map((_, k) => seedFor(seedStep.env[repeat!.seedEnv!], k)) : undefined;
    const runs = repeat ? r.runs : undefined;
    Object.assign(result, await checkMetrics(config, opts.context, log, opts.baseline, runs, seeds));
    log.info(renderTextReport({ ...result, stages: [] }, { sections: ['checks'] }));
    const failed = result.checks.filter((c) => !c.ok);
    for (const c of failed) {
      const where = config.checks.find((rule) => rule.metric === c.metric)?.where;
      log.error(`check failed: ${c.metric} ${c.rule}: ${c.message}`, where);
    }
    return failed.length > 0 ? 'failed' : undefined;
  });
}

/** What the run checked, said before the push decision that rests on it; then the push. */
async function pushDecisionStage(r: Run): Promise<void> {
  const { opts, result } = r;
  const { config } = opts;
  if (!result.error && config.steps.length === 0 && !opts.prebuilt) {
    opts.log.info(
      'no steps: a build-and-push-only config, so no container runs and no result is checked (the record and the badge say so).',
    );
  } else if (!result.error && result.checks.filter((c) => !c.skipped).length === 0) {
    r.warn(
      config.metrics
        ? `no checks: ${path.relative(config.root, config.metrics.file)} is read, but no rule in \`checks:\` judges it, so this run passes without checking a result. Add a rule (e.g. \`checks: { accuracy: { min: 0.9 } }\`).`
        : 'no checks: this run built and ran its steps and checked no result, so passing means only that nothing failed. Add `metrics:` (the file a step writes) and `checks:` to repro.yml.',
    );
  }
  const passed = !result.error && result.checks.every((c) => c.ok);
  result.push = decidePublish(opts.plan.push, opts.context, passed, mainRepository(opts), opts.plan.meta.tags);
  await pushStage(opts, result, opts.plan.meta, r.stage);
  result.ok = !result.error && result.checks.every((c) => c.ok);
  await r.machine.finish();
}

/** The record goes to the results folder on every run; after a push, next to each pushed image too. */
async function recordStage(r: Run): Promise<void> {
  const { opts, result } = r;
  const rec = (result.record = await writeRecord(
    opts.config,
    opts.context,
    opts.docker,
    opts.log,
    result,
    r.sourceFacts,
  ));
  if (result.pushed.length === 0 || !result.environment) return;
  const req = { runId: opts.context.runId, ...pushLimits(opts.plan.publish), login: opts.login };
  const publish = async () => void rec.companions.push(...(await publishRecord(opts.docker, opts.log, rec, req)));
  if (!(await r.stage('Publish record', publish))) result.ok = false;
}

/** The repository the layer cache, the record and promotion go with: the first one pushed to. */
function mainRepository(opts: PipelineOptions): string | undefined {
  return opts.plan.repositories[0];
}

/** Retries and the time budget of every push of the run (images and records alike). */
function pushLimits(publish: ResolvedPublish): { retries: number; timeoutMs: number } {
  return { retries: publish.retries, timeoutMs: publish.timeoutSeconds * 1000 };
}

/**
 * The push, as `result.push` decided it. What reached the registry is in `result.pushed` even when a later
 * push failed (src/publish/publish.ts PartialPush), so the outputs and the summary name what was published.
 * False when nothing was to be pushed.
 */
async function pushStage(
  opts: PipelineOptions,
  result: PipelineResult,
  plan: PublishPlan,
  stage: Stage,
): Promise<boolean> {
  const { log } = opts;
  if (!result.push.push) {
    log.info(`not pushing: ${result.push.reason}`);
    return false;
  }
  await stage('Push', async () => {
    log.info(`pushing: ${result.push.reason}`);
    // Docker would wait for ever on a registry that never answers (src/publish/registry-probe.ts).
    const repositories = opts.plan.repositories;
    const down = (await Promise.all(repositories.map(registryDown))).find((d) => d);
    if (down)
      throw new ReproError(`${down} (GET /v2/), so nothing was pushed.`, {
        fix: 'check that the registry is up and that this runner reaches it (the host in `push.image`, `push.images` or the `image`/`images` input), then run again.',
      });
    const req = {
      repositories,
      imageCount: opts.config.images.length,
      tags: plan.tags,
      ...pushLimits(opts.plan.publish),
      login: opts.login,
    };
    try {
      result.pushed.push(...(await pushImages(opts.docker, log, result.images, req)));
    } catch (e) {
      if (e instanceof PartialPush) result.pushed.push(...e.pushed);
      throw e;
    }
  });
  return true;
}

/** The commit's passing images, when this run may promote and they exist (src/publish/promote.ts). */
async function promotionFor(opts: PipelineOptions, stage: Stage): Promise<Promotion | undefined> {
  const { context, log } = opts;
  const repository = mainRepository(opts);
  const why = whyNotPromote(context, repository);
  if (why) {
    if (tagOf(context.ref) !== undefined) log.info(`not promoting an earlier image: ${why}.`);
    return undefined;
  }
  let found: Promotion | undefined;
  await stage('Promote', async () => {
    const down = await registryDown(repository!);
    if (down) return log.info(`not promoting: ${down}; building and checking this commit instead.`);
    const docker = await loggedIn(opts.docker, log, opts.login);
    const r = await findPassingImages({
      repository: repository!,
      keys: opts.config.images.map((i) => i.key),
      context,
      docker,
      log,
    });
    if ('why' in r) return log.info(`not promoting: ${r.why}; building and checking this commit instead.`);
    found = r;
    log.info(
      `promoting ${commitTag(context)}: the images of commit ${builtCommit(context).slice(0, 12)} passed in the run recorded ${r.record.createdAt}, and are published as they are (no rebuild, no re-run).`,
    );
  });
  return found;
}

/** Pushes the promoted images under this run's tags; the result carries their record's metrics and verdicts. */
async function publishPromotion(
  opts: PipelineOptions,
  result: PipelineResult,
  p: Promotion,
  plan: PublishPlan,
  stage: Stage,
): Promise<PipelineResult> {
  const { config, log } = opts;
  result.images = p.images;
  result.promoted = { tag: commitTag(opts.context), recordedAt: p.record.createdAt, digests: p.digests };
  result.metrics = p.record.metrics.values;
  result.checks = p.record.verdicts;
  result.push = decidePublish(opts.plan.push, opts.context, p.record.passed, mainRepository(opts), plan.tags);
  if (await pushStage(opts, result, plan, stage)) {
    for (const pushed of result.pushed) {
      const want = p.digests[pushed.key];
      if (pushed.digest !== want) {
        const msg = `promotion of ${pushed.repository}: the registry answered ${pushed.digest}, not the promoted ${want}.`;
        log.warning(msg);
        result.warnings.push(msg);
      }
    }
  }
  result.ok = !result.error && p.record.passed;
  // The record of these images is the one published beside them, from the run that checked them.
  const file = path.join(config.results, RECORD_FILE);
  writeFileFresh(file, JSON.stringify(p.record, null, 2) + '\n');
  result.record = { file, companions: [], record: p.record };
  return result;
}

/**
 * The OCI annotations to build with (src/publish/annotations.ts), on a builder that writes them onto the
 * pushed manifest; elsewhere the log says why they stay in the outputs. Like the labels, on every build
 * whether it pushes or not: on the containerd store an image's id is its manifest's digest, so a build
 * with them and one without would give one commit two ids (measured: `run` then `run --push`).
 */
async function manifestAnnotations(
  opts: PipelineOptions,
  env: DockerEnvironment,
  plan: PublishPlan,
): Promise<Record<string, string> | undefined> {
  if (Object.keys(plan.annotations).length === 0) return undefined;
  const driver = env.builder === 'buildx' ? await opts.docker.buildxDriver() : undefined;
  const dropped = annotationsDropped({ ...env, driver, containerdStore: (await opts.docker.info()).containerdStore });
  if (!dropped) return plan.annotations;
  // The OCI ones are the labels' values, which the image carries anyway: only annotations the user asked for are worth a line.
  const asked = Object.keys(opts.plan.publish.annotations);
  if (asked.length)
    opts.log.info(
      `annotations (${asked.join(', ')}) are not written onto the pushed manifests: ${dropped}. ${ANNOTATIONS_FIX}.`,
    );
  return undefined;
}

/** `meta.labels`: the OCI labels, put on at build time (see src/publish/labels.ts for why), and the manifest's annotations. */
async function buildImage(
  opts: PipelineOptions,
  image: ImageSpec,
  env: DockerEnvironment,
  buildCache: BuildCache | undefined,
  meta: { labels: Record<string, string>; annotations?: Record<string, string> },
  warn: (msg: string) => void,
): Promise<BuiltImage> {
  const { config } = opts;
  const localTag = localTagFor(config, image.key);
  const flags = buildCache?.flagsFor(image.key);
  const watch = new LayerCacheWatch();
  const id = await opts.docker.build(
    env.builder,
    {
      dockerfile: image.dockerfile,
      context: image.context,
      exclude: image.exclude,
      tags: [localTag],
      target: image.target,
      ...meta,
      ...layerCache(flags, image.buildArgs),
    },
    path.relative(process.cwd(), image.dockerfile) || image.dockerfile,
    watch,
  );
  // A layer cache fault never fails the build (ignore-error=true); it is a warning naming the cache.
  for (const fault of flags ? watch.faults : []) warn(layerCacheFaultWarning(image.key, flags!, fault));
  for (const ref of flags ? watch.misses : []) opts.log.info(layerCacheMissNote(image.key, ref));
  opts.log.info(`built ${image.key}: ${localTag} (${id})`);
  return { key: image.key, id, localTag };
}

function layerCache(
  f: LayerFlags | undefined,
  buildArgs: Record<string, string>,
): { cacheFrom?: string[]; cacheTo?: string[]; buildArgs: Record<string, string> } {
  return f
    ? { cacheFrom: f.cacheFrom, cacheTo: f.cacheTo, buildArgs: { ...buildArgs, ...f.buildArgs } }
    : { buildArgs };
}

/** Local tag of a built image: `<name>:latest` for one image, `<name>-<key>:latest` for several. */
export function localTagFor(config: Config, key: string): string {
  return config.images.length > 1 ? `${config.name}-${key}:latest` : `${config.name}:latest`;
}

/** Container names must be unique per run and valid for docker: `[a-zA-Z0-9][a-zA-Z0-9_.-]*`. */
export function containerName(runId: string, step: string): string {
  return `repro-ci-${runId}-${step}`.replace(/[^a-zA-Z0-9_.-]/g, '-');
}

async function runStep(
  opts: PipelineOptions,
  step: StepSpec,
  request: GpuRequest,
  result: PipelineResult,
  machine: Machine,
): Promise<void> {
  const { config, docker, log, context } = opts;
  const image = result.images.find((i) => i.key === step.image);
  if (!image) throw new ReproError(`step "${step.name}" needs image "${step.image}", which was not built.`);
  // Resolved again now, links included: an earlier step may have made one (src/security/paths.ts).
  const mounts = step.mounts.map((m) => {
    const what = `step "${step.name}" mount`;
    if (!m.readOnly) return { ...m, host: makeSafeDir(anchorOf(config.root, m.host), m.host, what, step.where) };
    if (!existsSync(m.host)) {
      throw new ReproError(
        `step "${step.name}" mounts ${path.relative(config.root, m.host)} read-only, but it does not exist.`,
        {
          location: step.where,
          fix: 'create it (an earlier step, a checkout or a download must put the data there), or drop `:ro` to have it created empty.',
        },
      );
    }
    return { ...m, host: safePath(anchorOf(config.root, m.host), m.host, what, step.where) };
  });
  const prep = await machine.prepareStep(step, image.id, request);
  const gpus = prep.gpus;
  const name = containerName(context.runId, step.name);
  const logFile = path.join(config.results, 'logs', `${step.name}.log`);
  const entrypoint = step.command?.[0];
  const args = step.command ? [...step.command.slice(1), ...(step.args ?? [])] : (step.args ?? []);
  // Words from repro.yml: one line, control characters escaped, so none can start a workflow command.
  log.info(
    `running ${image.localTag}${[...(step.command ?? []), ...(step.args ?? [])].map((w) => ` ${oneLine(w)}`).join('')}`,
  );
  const outcome = await docker.run(
    {
      name,
      image: image.id,
      labels: { [LABEL_RUN]: context.runId, [LABEL_STEP]: step.name },
      mounts: [...mounts, ...prep.cacheMounts],
      workdir: step.workdir,
      gpus,
      network: step.network,
      resources: prep.resources,
      entrypoint,
      args,
    },
    {
      env: prep.env,
      timeoutSeconds: step.timeoutSeconds,
      logFile,
      heartbeat: {
        everySeconds: prep.heartbeatSeconds,
        say: (elapsed, silent) => log.info(Machine.heartbeatLine(step.name, elapsed, silent)),
      },
    },
  );
  // The step's row, written here once, whether it passed or not.
  result.steps.push({ name: step.name, image: step.image, exitCode: outcome.exitCode, logFile, gpus });
  if (outcome.exitCode !== 0 || outcome.timedOut) {
    // --rm removes it once stopped; this makes sure even when the engine was slow to stop it.
    if (outcome.timedOut) await docker.removeContainers([name]);
    throw explainRunFailure(step.name, outcome, step.timeoutSeconds, path.relative(process.cwd(), logFile));
  }
}

function writeResults(result: PipelineResult, config: Config): void {
  const serializable = {
    ...result,
    error: result.error
      ? { message: result.error.message, fix: result.error.fix, location: result.error.location }
      : undefined,
  };
  const dir = makeResultsDir(config.root, config.results);
  writeFileFresh(path.join(dir, RESULT_FILE), secrets.redact(JSON.stringify(serializable, null, 2) + '\n'));
  writeFileFresh(path.join(dir, REPORT_FILE), secrets.redact(renderMarkdownReport(result)));
}
