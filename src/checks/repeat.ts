/**
 * Repeated runs: statistics per metric, the document rules see (means), rules applied to each run, and
 * whether the outputs were bit-identical. Pure.
 */
import type { RuleSpec } from '../config/config.js';
import type { MetricsDoc } from './metrics.js';
import { evaluateRules, type CheckResult, type RuleInputs } from './rules.js';

export interface MetricStats {
  mean: number;
  /** Sample standard deviation (n − 1); 0 for one run. */
  std: number;
  min: number;
  max: number;
  n: number;
}

export function stats(values: readonly number[]): MetricStats {
  const n = values.length;
  const min = Math.min(...values);
  const max = Math.max(...values);
  // Equal values have exactly that mean and no spread (summing 0.8 three times and dividing is not 0.8).
  if (min === max) return { mean: min, std: 0, min, max, n };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const std = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, std, min, max, n };
}

/** Every leaf (not only numbers) under its dotted path. */
export function leaves(doc: MetricsDoc, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, leaves(v as MetricsDoc, key));
    else out[key] = v;
  }
  return out;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Stats for metrics that are finite numbers in every run, and a flat document for the rules: the mean
 * where there is one, else the first run's odd value (so the rule says "NaN, not a finite number").
 */
export function summarizeRuns(docs: readonly MetricsDoc[]): { stats: Record<string, MetricStats>; mean: MetricsDoc } {
  const flat = docs.map((d) => leaves(d));
  const keys = [...new Set(flat.flatMap((f) => Object.keys(f)))];
  const out: Record<string, MetricStats> = {};
  const mean: MetricsDoc = {};
  for (const k of keys) {
    const values = flat.map((f) => f[k]);
    if (values.every(finite)) {
      out[k] = stats(values);
      mean[k] = out[k].mean;
    } else {
      const odd = values.find((v) => !finite(v));
      if (odd !== undefined) mean[k] = odd;
    }
  }
  return { stats: out, mean };
}

/** The rules applied to every run; a condition passes only when it passes in each run. */
export function evaluateEachRun(
  rules: readonly RuleSpec[],
  docs: readonly MetricsDoc[],
  inputs: RuleInputs = {},
): CheckResult[] {
  const perRun = docs.map((d) => evaluateRules(rules, d, inputs));
  return perRun[0].map((first, i) => {
    const runs = perRun.map((r) => r[i]);
    const values = runs.map((r) => r.value);
    const value = values.every((v) => v !== undefined) ? stats(values as number[]).mean : undefined;
    const failed = runs.map((r, k) => [r, k + 1] as const).filter(([r]) => !r.ok);
    const against = runs.find((r) => r.against)?.against;
    const combined: CheckResult = {
      metric: first.metric,
      ...(value === undefined ? {} : { value }),
      rule: `${first.rule}, each run`,
      ok: failed.length === 0,
      message:
        failed.length === 0
          ? first.skipped
            ? first.message
            : `ok in all ${runs.length} runs`
          : failed.map(([r, k]) => `run ${k}: ${r.message}`).join('; '),
    };
    if (against && value !== undefined) combined.against = { ...against, delta: value - against.value };
    if (runs.every((r) => r.skipped)) combined.skipped = true;
    return combined;
  });
}

/** Output fingerprints of each run (path → sha256): identical, or the paths that differ. */
export function compareOutputs(runs: readonly Record<string, string>[]): { identical: boolean; differing: string[] } {
  const paths = [...new Set(runs.flatMap((r) => Object.keys(r)))].sort();
  const differing = paths.filter((p) => runs.some((r) => r[p] !== runs[0][p]));
  return { identical: differing.length === 0, differing };
}

/** The seed of run `index` (0-based): the step's own integer value plus the index, else the index. */
export function seedFor(stepValue: string | undefined, index: number): string {
  const base = stepValue !== undefined && /^-?\d+$/.test(stepValue.trim()) ? Number(stepValue) : 0;
  return String(base + index);
}

/**
 * The step as run `index` (0-based) of a repeat: later runs get their own name (and so their own log
 * file and container), and the seed variable when one is configured.
 */
export function repeatedStep<S extends { name: string; env: Record<string, string> }>(
  step: S,
  repeat: { seedEnv?: string },
  index: number,
): S {
  const env = repeat.seedEnv ? { ...step.env, [repeat.seedEnv]: seedFor(step.env[repeat.seedEnv], index) } : step.env;
  return { ...step, name: index === 0 ? step.name : `${step.name}-run${index + 1}`, env };
}
