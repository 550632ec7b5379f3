/**
 * Metrics files: parsing (pure) and lookup by dotted path. A key that itself contains dots
 * (`"test.acc": 0.9`) is found before nested objects are walked.
 */
import { ReproError } from '../errors.js';

export type MetricsDoc = Record<string, unknown>;

export function parseMetricsJson(text: string, file: string): MetricsDoc {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ReproError(`metrics file ${file} is not valid JSON: ${(e as Error).message}`, {
      location: { file },
      fix: 'make the evaluation write JSON, e.g. `json.dump({"accuracy": acc}, f)` in Python.',
    });
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ReproError(`metrics file ${file} holds ${Array.isArray(doc) ? 'a list' : typeof doc}, not an object of metrics.`, {
      location: { file },
      fix: 'write an object such as {"accuracy": 0.91, "loss": 0.3}.',
    });
  }
  return doc as MetricsDoc;
}

/** The value at a dotted path, or undefined. */
export function lookup(doc: MetricsDoc, dotted: string): unknown {
  if (Object.prototype.hasOwnProperty.call(doc, dotted)) return doc[dotted];
  const dot = dotted.indexOf('.');
  if (dot < 0) return undefined;
  // Try every split point so that keys with dots inside nested objects also resolve.
  for (let i = dot; i >= 0; i = dotted.indexOf('.', i + 1)) {
    const head = dotted.slice(0, i);
    const child = doc[head];
    if (child !== null && typeof child === 'object' && !Array.isArray(child)) {
      const found = lookup(child as MetricsDoc, dotted.slice(i + 1));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Every numeric leaf as `dotted.path → number`, for outputs and reports. */
export function flattenNumbers(doc: MetricsDoc, prefix = ''): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(doc)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'number') out[key] = v;
    else if (v !== null && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, flattenNumbers(v as MetricsDoc, key));
  }
  return out;
}

/** Every dotted path in the document, for "did you mean" when a rule names a missing metric. */
export function metricPaths(doc: MetricsDoc, prefix = ''): string[] {
  return Object.entries(doc).flatMap(([k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? [key, ...metricPaths(v as MetricsDoc, key)] : [key];
  });
}
