/** Applying the rules of repro.yml to the metrics. Pure. */
import type { RuleSpec } from '../config/config.js';
import { didYouMean } from '../util/text.js';
import { flattenNumbers, lookup, type MetricsDoc } from './metrics.js';

export interface CheckResult {
  metric: string;
  /** The value read, when it was a number. */
  value?: number;
  /** The rule in words, e.g. `≥ 0.9`, `≤ 0.5`, `between 0.1 and 0.2`. */
  rule: string;
  ok: boolean;
  /** Why it failed (or a short note when it passed). */
  message: string;
  /** What the value was compared with (the reference file or the base run) and value − that. */
  against?: { kind: 'reference' | 'base'; value: number; delta: number };
  /** The rule could not be applied (no baseline yet): shown, never a failure. */
  skipped?: boolean;
}

/** The reference file, read or not: a missing or malformed file fails each reference rule with the reason. */
export interface ReferenceInput {
  file: string;
  doc?: MetricsDoc;
  error?: string;
}

/** The base run's metrics, or why there are none. */
export type BaseInput =
  { found: true; metrics: Record<string, number>; label: string } | { found: false; reason: string };

export interface RuleInputs {
  reference?: ReferenceInput;
  base?: BaseInput;
}

export function describeRule(rule: Pick<RuleSpec, 'min' | 'max'>): string {
  if (rule.min !== undefined && rule.max !== undefined) return `between ${rule.min} and ${rule.max}`;
  if (rule.min !== undefined) return `≥ ${rule.min}`;
  return `≤ ${rule.max}`;
}

export function describeReference(tol: { atol: number; rtol: number }): string {
  return `≈ reference (atol ${tol.atol}, rtol ${tol.rtol})`;
}

export function describeBase(base: NonNullable<RuleSpec['base']>): string {
  return `no worse than base (${base.direction} is better${base.allowedDrop ? `, drop ≤ ${base.allowedDrop}` : ''})`;
}

/** Every condition of every rule, in order: range, then reference, then base. */
export function evaluateRules(rules: readonly RuleSpec[], doc: MetricsDoc, inputs: RuleInputs = {}): CheckResult[] {
  return rules.flatMap((r) => {
    const out: CheckResult[] = [];
    if (r.min !== undefined || r.max !== undefined || (!r.reference && !r.base)) out.push(evaluateRule(r, doc));
    if (r.reference) out.push(evaluateReference(r.metric, r.reference, doc, inputs.reference));
    if (r.base) out.push(evaluateBase(r.metric, r.base, doc, inputs.base));
    return out;
  });
}

type Numeric = { value: number } | { message: string };

/** The metric as a finite number, or why it is not one. */
export function numericMetric(doc: MetricsDoc, metric: string, where = 'the metrics file'): Numeric {
  const raw = lookup(doc, metric);
  if (raw === undefined) {
    // Only what a rule can judge: numbers (an object such as `metrics` is no metric to choose).
    const paths = Object.keys(flattenNumbers(doc));
    return {
      message: `metric "${metric}" is not in ${where}; ${paths.length ? didYouMean(metric, paths) : `${where === 'the metrics file' ? 'the file' : where} has no metrics`}`,
    };
  }
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    // Never the value itself: a step (or a link it made) may have put anything there, a credential included.
    const quotedNumber = typeof raw === 'string' && raw.trim() !== '' && !Number.isNaN(Number(raw));
    const kind =
      raw === null ? 'null' : Array.isArray(raw) ? 'a list' : typeof raw === 'object' ? 'an object' : `a ${typeof raw}`;
    const shown =
      typeof raw === 'number' ? String(raw) : quotedNumber ? 'a number in quotes (write it without them)' : kind;
    return {
      message: `metric "${metric}" is ${shown}, not a finite number${where === 'the metrics file' ? '' : ` in ${where}`}`,
    };
  }
  return { value: raw };
}

export function evaluateRule(r: RuleSpec, doc: MetricsDoc): CheckResult {
  const rule = describeRule(r);
  const n = numericMetric(doc, r.metric);
  if (!('value' in n)) return { metric: r.metric, rule, ok: false, message: n.message };
  const raw = n.value;
  const failures: string[] = [];
  if (r.min !== undefined && raw < r.min) failures.push(`${raw} is below the minimum ${r.min}`);
  if (r.max !== undefined && raw > r.max) failures.push(`${raw} is above the maximum ${r.max}`);
  return { metric: r.metric, value: raw, rule, ok: failures.length === 0, message: failures.join('; ') || 'ok' };
}

/** Room for binary rounding: 0.91 - 0.9 is 0.010000000000000009, which a tolerance of 0.01 must accept. */
function slack(...xs: number[]): number {
  return 8 * Number.EPSILON * Math.max(1, ...xs.map(Math.abs));
}

/** |value − ref| ≤ atol + rtol·|ref|, the two-sided closeness a reproduction needs. */
export function evaluateReference(
  metric: string,
  tol: { atol: number; rtol: number },
  doc: MetricsDoc,
  ref: ReferenceInput | undefined,
): CheckResult {
  const rule = describeReference(tol);
  const n = numericMetric(doc, metric);
  const value = 'value' in n ? n.value : undefined;
  const fail = (message: string): CheckResult => ({
    metric,
    ...(value === undefined ? {} : { value }),
    rule,
    ok: false,
    message,
  });
  if (!ref?.doc) return fail(ref?.error ?? 'no reference file is configured (metrics.reference)');
  const r = numericMetric(ref.doc, metric, `the reference file ${ref.file}`);
  if (!('value' in r)) return fail(r.message);
  if (value === undefined) return fail((n as { message: string }).message);
  const delta = value - r.value;
  const allowed = tol.atol + tol.rtol * Math.abs(r.value);
  const against = { kind: 'reference' as const, value: r.value, delta };
  if (Math.abs(delta) <= allowed + slack(value, r.value))
    return { metric, value, rule, ok: true, message: 'ok', against };
  const zeroNote =
    r.value === 0 && tol.rtol > 0 && tol.atol === 0 ? '; rtol allows nothing around a reference of 0: set atol' : '';
  return {
    metric,
    value,
    rule,
    ok: false,
    message: `|${value} - ${r.value}| = ${round(Math.abs(delta))} exceeds the tolerance ${round(allowed)} (atol ${tol.atol} + rtol ${tol.rtol} × |${r.value}|)${zeroNote}`,
    against,
  };
}

/** One-sided: no worse than the base run by more than the allowed drop; no base is a notice, not a failure. */
export function evaluateBase(
  metric: string,
  spec: NonNullable<RuleSpec['base']>,
  doc: MetricsDoc,
  base: BaseInput | undefined,
): CheckResult {
  const rule = describeBase(spec);
  const n = numericMetric(doc, metric);
  if (!('value' in n)) return { metric, rule, ok: false, message: n.message };
  const value = n.value;
  if (!base || !base.found)
    return {
      metric,
      value,
      rule,
      ok: true,
      skipped: true,
      message: `no baseline: ${base?.reason ?? 'no baseline store on this run'}`,
    };
  const old = base.metrics[metric];
  if (old === undefined || !Number.isFinite(old))
    return {
      metric,
      value,
      rule,
      ok: true,
      skipped: true,
      message: `no baseline: "${metric}" is not in the metrics of ${base.label}`,
    };
  const delta = value - old;
  const worse = spec.direction === 'higher' ? -delta : delta;
  const against = { kind: 'base' as const, value: old, delta };
  if (worse <= spec.allowedDrop + slack(value, old)) return { metric, value, rule, ok: true, message: 'ok', against };
  return {
    metric,
    value,
    rule,
    ok: false,
    message: `${value} is ${round(worse)} ${spec.direction === 'higher' ? 'below' : 'above'} the base ${old} (${base.label}), more than the allowed drop ${spec.allowedDrop}`,
    against,
  };
}

/** Differences as people read them: 0.1 + 0.2 − 0.3 shows as 0, not 5.55e-17. */
function round(n: number): number {
  return Number(n.toPrecision(6));
}
