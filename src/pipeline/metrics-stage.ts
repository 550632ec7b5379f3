/**
 * The "Check metrics" stage and what repeats collect between runs: metrics in, check results, repeat
 * statistics and the baseline comparison out. The pipeline calls it; the rules themselves are pure.
 */
import path from 'node:path';
import { baseInput, baselineBranch, shouldSaveBaseline, type BaselineStore } from '../checks/baseline.js';
import { flattenNumbers, type MetricsDoc } from '../checks/metrics.js';
import { compareOutputs, evaluateEachRun, summarizeRuns, type MetricStats } from '../checks/repeat.js';
import { evaluateRules, type BaseInput, type CheckResult } from '../checks/rules.js';
import { fingerprint, keepMetrics, readMetricsSources, readReference } from '../checks/sources.js';
import type { Config } from '../config/config.js';
import type { RunContext } from '../context.js';
import { errorMessage, ReproError } from '../errors.js';
import type { Logger } from '../log.js';

/** What one run of a repeat left: its metrics (or why they could not be read) and output fingerprints. */
export interface RunOutputs {
  doc?: MetricsDoc;
  error?: ReproError;
  outputs: Record<string, string>;
}

export interface RepeatSummary {
  count: number;
  checks: 'mean' | 'each';
  seeds?: string[];
  stats: Record<string, MetricStats>;
  /** True when every output file (metrics and the repeated steps' writable mounts) was bit-identical. */
  identical: boolean;
  differing: string[];
}

export interface BaselineInfo {
  branch?: string;
  found: boolean;
  /** `branch@sha` of the run compared with, or why there was none. */
  label?: string;
  reason?: string;
}

export interface MetricsOutcome {
  metrics: Record<string, number>;
  checks: CheckResult[];
  repeat?: RepeatSummary;
  baseline?: BaselineInfo;
}

/** Reads run `index`'s metrics and fingerprints its outputs; copies go to results/runs/<index+1>/. */
export function collectRun(config: Config, index: number): RunOutputs {
  const repeated = new Set(config.repeat?.steps ?? []);
  const mounts = config.steps
    .filter((s) => repeated.has(s.name))
    .flatMap((s) => s.mounts.filter((m) => !m.readOnly).map((m) => m.host));
  const files = (config.metrics?.sources ?? []).map((s) => s.file);
  const outputs = fingerprint([...new Set([...mounts, ...files])], config.root, [config.results]);
  try {
    const read = readMetricsSources(config);
    keepMetrics(config, read, path.join(config.results, 'runs', String(index + 1)));
    return { doc: read.doc, outputs };
  } catch (e) {
    return { error: e instanceof ReproError ? e : new ReproError(errorMessage(e)), outputs };
  }
}

export async function checkMetrics(
  config: Config,
  context: RunContext,
  log: Logger,
  store: BaselineStore | undefined,
  runs?: RunOutputs[],
  seeds?: string[],
): Promise<MetricsOutcome> {
  let doc: MetricsDoc;
  let repeat: RepeatSummary | undefined;
  const docs: MetricsDoc[] = [];
  if (runs && config.repeat) {
    for (const r of runs) {
      if (r.error) throw r.error;
      docs.push(r.doc!);
    }
    const summary = summarizeRuns(docs);
    const cmp = compareOutputs(runs.map((r) => r.outputs));
    repeat = {
      count: runs.length,
      checks: config.repeat.checks,
      seeds,
      stats: summary.stats,
      identical: cmp.identical,
      differing: cmp.differing,
    };
    doc = summary.mean;
    keepMetrics(config, { doc, files: [] });
  } else {
    const read = readMetricsSources(config);
    keepMetrics(config, read);
    doc = read.doc;
  }

  const baseRules = config.checks.some((r) => r.base);
  let base: BaseInput | undefined;
  let baseline: BaselineInfo | undefined;
  if (baseRules) {
    const branch = baselineBranch(context);
    let why: string | undefined = store
      ? undefined
      : 'no baseline store on this run (the Actions cache is not available)';
    let record;
    if (store && branch) {
      try {
        record = await store.load(config.name, branch);
      } catch (e) {
        why = `the baseline of ${branch} could not be read (${errorMessage(e)})`;
        log.warning(why);
      }
    }
    base = baseInput(record, branch, why);
    baseline = base.found ? { branch, found: true, label: base.label } : { branch, found: false, reason: base.reason };
    log.info(base.found ? `comparing with the baseline ${base.label}` : `no baseline: ${base.reason}`);
  }

  const inputs = { reference: readReference(config), base };
  const checks =
    repeat?.checks === 'each'
      ? evaluateEachRun(config.checks, docs, inputs)
      : evaluateRules(config.checks, doc, inputs);
  return { metrics: flattenNumbers(doc), checks, repeat, baseline };
}

/** After a passing push run: keep its metrics as the branch's baseline. Never fails the run. */
export async function saveBaseline(
  config: Config,
  context: RunContext,
  log: Logger,
  store: BaselineStore | undefined,
  passed: boolean,
  metrics: Record<string, number> | undefined,
): Promise<void> {
  const branch = shouldSaveBaseline(context, passed);
  if (!store || !branch || !metrics || !config.checks.some((r) => r.base)) return;
  try {
    await store.save({
      version: 1,
      project: config.name,
      branch,
      sha: context.sha,
      savedAt: new Date().toISOString(),
      metrics,
    });
    log.info(`saved the metrics as the baseline of ${branch}`);
  } catch (e) {
    log.warning(`could not save the baseline of ${branch}: ${errorMessage(e)}`);
  }
}
