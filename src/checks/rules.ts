/** Applying the rules of repro.yml to the metrics. Pure. */
import type { RuleSpec } from '../config/config.js';
import { didYouMean } from '../util/text.js';
import { lookup, metricPaths, type MetricsDoc } from './metrics.js';

export interface CheckResult {
  metric: string;
  /** The value read, when it was a number. */
  value?: number;
  /** The rule in words, e.g. `≥ 0.9`, `≤ 0.5`, `between 0.1 and 0.2`. */
  rule: string;
  ok: boolean;
  /** Why it failed (or a short note when it passed). */
  message: string;
}

export function describeRule(rule: Pick<RuleSpec, 'min' | 'max'>): string {
  if (rule.min !== undefined && rule.max !== undefined) return `between ${rule.min} and ${rule.max}`;
  if (rule.min !== undefined) return `≥ ${rule.min}`;
  return `≤ ${rule.max}`;
}

export function evaluateRules(rules: readonly RuleSpec[], doc: MetricsDoc): CheckResult[] {
  return rules.map((r) => evaluateRule(r, doc));
}

export function evaluateRule(r: RuleSpec, doc: MetricsDoc): CheckResult {
  const rule = describeRule(r);
  const raw = lookup(doc, r.metric);
  if (raw === undefined) {
    const paths = metricPaths(doc);
    return { metric: r.metric, rule, ok: false, message: `metric "${r.metric}" is not in the metrics file; ${paths.length ? didYouMean(r.metric, paths) : 'the file has no metrics'}` };
  }
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    const shown = typeof raw === 'string' ? `"${raw}"` : JSON.stringify(raw) ?? String(raw);
    return { metric: r.metric, rule, ok: false, message: `metric "${r.metric}" is ${shown}, not a finite number` };
  }
  const failures: string[] = [];
  if (r.min !== undefined && raw < r.min) failures.push(`${raw} is below the minimum ${r.min}`);
  if (r.max !== undefined && raw > r.max) failures.push(`${raw} is above the maximum ${r.max}`);
  return { metric: r.metric, value: raw, rule, ok: failures.length === 0, message: failures.join('; ') || 'ok' };
}
