/** The reproduction record of a run (src/record/record.ts), built from the run's result and its config. */
import path from 'node:path';
import type { Config, StepSpec } from '../config/config.js';
import { builtCommit, commitTimeUnknown, type RunContext } from '../context.js';
import type { PipelineResult } from '../pipeline/result.js';
import { VERSION } from '../version.js';
import {
  RECORD_SCHEMA_VERSION,
  type RecordImage,
  type RecordMount,
  type RecordStep,
  type ReproRecord,
  type SourceFacts,
} from './record.js';

export function buildRecord(
  result: PipelineResult,
  config: Config,
  context: RunContext,
  facts: SourceFacts,
  now: Date,
): ReproRecord {
  const rel = (p: string) => path.relative(config.root, p).split(path.sep).join('/') || '.';
  const metricFiles = (config.metrics?.sources ?? []).map((s) => s.file);
  const images = config.images.map((spec): RecordImage => {
    const built = result.images.find((i) => i.key === spec.key);
    const pushed = result.pushed.find((p) => p.key === spec.key);
    const f = facts[spec.key];
    return {
      key: spec.key,
      dockerfile: rel(spec.dockerfile),
      context: rel(spec.context),
      ...(spec.target ? { target: spec.target } : {}),
      buildArgs: spec.buildArgs,
      ...(f
        ? { dockerfileSha256: f.dockerfileSha256, contextSha256: f.contextSha256, contextFiles: f.contextFiles }
        : {}),
      baseImages: f?.baseImages ?? [],
      id: built?.id ?? '',
      localTag: built?.localTag ?? '',
      ...(pushed ? { pushed: { repository: pushed.repository, tags: pushed.tags, digest: pushed.digest } } : {}),
    };
  });
  const steps = config.steps.map((s, i) =>
    recordStep(s, config.steps.slice(0, i), rel, metricFiles, result.steps.find((r) => r.name === s.name)?.exitCode),
  );
  const env = result.environment;
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    tool: { name: 'repro-ci', version: VERSION },
    createdAt: now.toISOString(),
    project: config.name,
    source: {
      repository: context.repository,
      sha: builtCommit(context),
      ref: context.ref,
      event: context.eventName,
      ...(context.commitTime ? { commitTime: context.commitTime } : { commitTimeUnknown: commitTimeUnknown(context) }),
      ...(context.prNumber !== undefined
        ? { pullRequest: context.prNumber, head: context.sha, base: context.prBase }
        : {}),
      dirty: context.dirty ?? false,
    },
    passed: result.ok,
    images,
    steps,
    metrics: {
      sources: (config.metrics?.sources ?? []).map((s) => ({
        path: rel(s.file),
        format: s.format,
        ...(s.row ? { row: s.row } : {}),
        ...(s.prefix ? { prefix: s.prefix } : {}),
      })),
      ...(config.metrics?.reference ? { reference: rel(config.metrics.reference.file) } : {}),
      values: result.metrics ?? {},
    },
    rules: config.checks.map(({ where: _where, ...r }) => stripUndefined(r)),
    verdicts: result.checks,
    ...(result.repeat ? { repeat: result.repeat } : {}),
    environment: {
      builder: env?.builder,
      client: env?.clientVersion,
      engine: env?.serverVersion,
      buildx: env?.buildxVersion,
      buildkit: result.hardware?.buildkit,
    },
    ...(result.hardware ? { hardware: result.hardware } : {}),
    timings: result.stages.map((s) => ({
      stage: s.name,
      status: s.status,
      seconds: Math.round(s.seconds * 1000) / 1000,
    })),
    ...(result.determinism ? { determinism: result.determinism } : {}),
    ...(result.error ? { error: result.error.message } : {}),
  };
}

function recordStep(
  s: StepSpec,
  earlier: StepSpec[],
  rel: (p: string) => string,
  metricFiles: string[],
  exitCode: number | undefined,
): RecordStep {
  const mounts = s.mounts.map((m): RecordMount => {
    // The last earlier step that writes the same host folder (or one containing it) produced it.
    const producer = [...earlier].reverse().find((e) => e.mounts.some((w) => !w.readOnly && within(w.host, m.host)));
    return {
      host: rel(m.host),
      container: m.container,
      readOnly: m.readOnly,
      ...(producer ? { producedBy: producer.name } : {}),
    };
  });
  return {
    name: s.name,
    image: s.image,
    ...(s.command ? { command: s.command } : {}),
    ...(s.args ? { args: s.args } : {}),
    env: s.env,
    mounts,
    ...(s.workdir ? { workdir: s.workdir } : {}),
    ...(s.network ? { network: s.network } : {}),
    gpus: s.gpus,
    timeoutSeconds: s.timeoutSeconds,
    resources: s.resources,
    ...(exitCode === undefined ? {} : { exitCode }),
    writesMetrics: s.mounts.some((m) => !m.readOnly && metricFiles.some((f) => within(m.host, f))),
  };
}

function within(dir: string, p: string): boolean {
  const r = path.relative(dir, p);
  return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
