/**
 * What `repro-ci verify` re-runs and how, from the record alone. Pure.
 *
 * Which steps: those that write the metrics (or the ones asked for), plus every earlier step that
 * produces a folder they read (the model a training step saved is not in any image, so an evaluation
 * cannot be re-run without re-running the training). Inputs no step produces (data committed in the
 * repository) come from a checkout given with `--workspace`.
 *
 * How the metrics are judged: the recorded rules, with `reference` rules compared with the RECORDED
 * metrics (what was published), not with the reference file the run was checked against: a re-run must
 * give what the record claims, within the tolerance the authors chose.
 */
import path from 'node:path';
import {
  DEFAULT_LAYER_TIMEOUT_S,
  DEFAULT_SERVICE_TIMEOUT_S,
  type Config,
  type RuleSpec,
  type StepSpec,
} from '../config/config.js';
import { ReproError } from '../errors.js';
import { parsePushSettings } from '../publish/settings.js';
import type { RecordStep, ReproRecord } from '../record/record.js';
import { didYouMean } from '../util/text.js';

export const RECORDED_METRICS_FILE = 'recorded-metrics.json';

export interface VerifyPlan {
  steps: RecordStep[];
  /** Why steps beyond those asked for run, and where inputs come from. */
  notes: string[];
  /** Read-only inputs no step produces: host paths relative to the project, to be found in the workspace. */
  externalInputs: string[];
}

export function planVerify(record: ReproRecord, requested?: string[]): VerifyPlan {
  const names = record.steps.map((s) => s.name);
  if (names.length === 0)
    throw new ReproError(
      `the record of ${record.project} has no steps (a build-and-push-only run): there is nothing to re-run.`,
      {
        fix: 'verify checks a result by re-running the steps that made it; the image itself is named by its digest, which `docker pull IMAGE@DIGEST` checks.',
        exitCode: 2,
      },
    );
  for (const r of requested ?? [])
    if (!names.includes(r))
      throw new ReproError(`the record has no step "${r}".`, {
        fix: `${didYouMean(r, names)} (recorded steps: ${names.join(', ')})`,
        exitCode: 2,
      });
  const wanted = new Set(
    requested?.length ? requested : record.steps.filter((s) => s.writesMetrics).map((s) => s.name),
  );
  if (wanted.size === 0) for (const n of names) wanted.add(n);
  const notes: string[] = [];
  // Walk backwards so that a producer added for a later step brings in its own producers too.
  for (const s of [...record.steps].reverse()) {
    if (!wanted.has(s.name)) continue;
    for (const m of s.mounts.filter((m) => m.readOnly && m.producedBy)) {
      if (!wanted.has(m.producedBy!)) {
        wanted.add(m.producedBy!);
        notes.push(
          `${s.name} reads ${m.host}/ that ${m.producedBy} wrote (it is in no image): re-running ${m.producedBy} first.`,
        );
      }
    }
  }
  const steps = record.steps.filter((s) => wanted.has(s.name));
  const externalInputs = [
    ...new Set(steps.flatMap((s) => s.mounts.filter((m) => m.readOnly && !m.producedBy).map((m) => m.host))),
  ];
  return { steps, notes, externalInputs };
}

/**
 * A Config that re-runs the planned steps in `root` (a fresh folder): writable mounts there, read-only
 * inputs no step produces from `workspace`, the rules against the recorded metrics.
 */
export function configFromRecord(
  record: ReproRecord,
  plan: VerifyPlan,
  root: string,
  workspace: string | undefined,
  results: string,
): Config {
  const where = { file: 'record.json' };
  const external = new Set(plan.externalInputs);
  const steps: StepSpec[] = plan.steps.map((s) => ({
    name: s.name,
    image: s.image,
    command: s.command,
    args: s.args,
    env: s.env,
    mounts: s.mounts.map((m) => ({
      host: path.resolve(external.has(m.host) && workspace ? workspace : root, m.host),
      container: m.container,
      readOnly: m.readOnly,
    })),
    workdir: s.workdir,
    timeoutSeconds: s.timeoutSeconds,
    gpus: s.gpus,
    network: s.network,
    resources: s.resources,
    where,
  }));
  const checks: RuleSpec[] = record.rules.map((r) => ({ ...r, where }));
  const sources = record.metrics.sources.map((s) => ({
    file: path.resolve(root, s.path),
    format: s.format,
    row: s.row,
    prefix: s.prefix,
    where,
  }));
  return {
    file: path.join(root, 'record.json'),
    root,
    name: record.project,
    images: record.images.map((i) => ({
      key: i.key,
      dockerfile: path.resolve(root, i.dockerfile),
      context: path.resolve(root, i.context),
      target: i.target,
      buildArgs: i.buildArgs,
      where,
    })),
    steps,
    metrics: sources.length
      ? { file: sources[0].file, where, sources, reference: { file: path.join(root, RECORDED_METRICS_FILE), where } }
      : undefined,
    checks,
    push: parsePushSettings(undefined, () => undefined),
    results,
    lint: { level: 'off', ignore: [] },
    cache: {
      layers: 'none',
      layerTimeoutSeconds: DEFAULT_LAYER_TIMEOUT_S,
      serviceTimeoutSeconds: DEFAULT_SERVICE_TIMEOUT_S,
      mounts: {},
    },
  };
}

/** The image a step runs, as verify finds it: pushed images by digest, others by their local id. */
export function imageRefFor(record: ReproRecord, key: string, fromRegistry: boolean): string {
  const img = record.images.find((i) => i.key === key);
  if (!img)
    throw new ReproError(`the record names no image "${key}".`, {
      fix: 'the record is damaged: publish it again with `repro-ci run --push`.',
    });
  if (fromRegistry) {
    if (!img.pushed)
      throw new ReproError(`image "${key}" of the record was never pushed, so it cannot be pulled.`, {
        fix: 'verify from an archive (`repro-ci archive`, then `docker load` and `repro-ci verify --record`), or push the run.',
      });
    return `${img.pushed.repository}@${img.pushed.digest}`;
  }
  return img.localTag || img.id;
}
