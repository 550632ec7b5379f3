/**
 * Metrics files: parsing (pure) and lookup by dotted path. A key that itself contains dots
 * (`"test.acc": 0.9`) is found before nested objects are walked. Formats: JSON, YAML, CSV/TSV (one
 * row) and DVC's dvc.yaml (which only names the files). Values are kept as written; only a rule that
 * needs a number insists on one, so a NaN nobody checks does not fail a run.
 */
import { parse as parseYaml } from 'yaml';
import { ReproError } from '../errors.js';
import { splitDelimited } from '../util/text.js';

export type MetricsDoc = Record<string, unknown>;

export type MetricsFormat = 'json' | 'yaml' | 'csv' | 'tsv' | 'dvc';

/** The format a file's name implies; dvc.yaml is DVC's pipeline file, which lists metrics files. */
export function formatOf(file: string): MetricsFormat | undefined {
  const base = file.split(/[\\/]/).pop()!.toLowerCase();
  if (base === 'dvc.yaml' || base === 'dvc.yml') return 'dvc';
  const ext = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1) : '';
  return ({ json: 'json', yaml: 'yaml', yml: 'yaml', csv: 'csv', tsv: 'tsv' } as const)[ext as 'json'];
}

export const FORMAT_FIX =
  'name it *.json, *.yaml, *.yml, *.csv, *.tsv or dvc.yaml, or set `format:` (json, yaml, csv, tsv, dvc).';

/** Parses one metrics file. `row` picks a CSV/TSV row by the value of its first column (default: the last row). */
export function parseMetrics(
  text: string,
  file: string,
  format: Exclude<MetricsFormat, 'dvc'>,
  row?: string,
): MetricsDoc {
  switch (format) {
    case 'json':
      return parseMetricsJson(text, file);
    case 'yaml':
      return parseMetricsYaml(text, file);
    case 'csv':
    case 'tsv':
      return parseMetricsTable(text, file, format === 'csv' ? ',' : '\t', row);
  }
}

// Python's json.dump writes these bare tokens for float('nan') and float('inf'); JSON has no such values.
const PY_TOKENS: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
};
const SENTINEL = '\u0000repro-ci:';

/** Replaces Python's bare NaN/Infinity tokens (outside strings) with sentinel strings, so JSON.parse accepts them. */
export function quotePythonTokens(text: string): { text: string; replaced: boolean } {
  let out = '';
  let replaced = false;
  for (let i = 0; i < text.length;) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const m = /^(-Infinity|Infinity|NaN)(?![A-Za-z0-9_])/.exec(text.slice(i, i + 9));
    if (m && !/[A-Za-z0-9_.]/.test(text[i - 1] ?? '')) {
      out += JSON.stringify(SENTINEL + m[1]);
      i += m[1].length;
      replaced = true;
      continue;
    }
    out += c;
    i++;
  }
  return { text: out, replaced };
}

export function parseMetricsJson(text: string, file: string): MetricsDoc {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    // Python writes NaN/Infinity unless told allow_nan=False: keep them as non-finite numbers, which a
    // rule then reports on its own metric instead of the whole file failing.
    const quoted = quotePythonTokens(text);
    try {
      if (!quoted.replaced) throw e;
      doc = JSON.parse(quoted.text, (_k, v: unknown) =>
        typeof v === 'string' && v.startsWith(SENTINEL) ? PY_TOKENS[v.slice(SENTINEL.length)] : v,
      );
    } catch {
      throw new ReproError(`metrics file ${file} is not valid JSON: ${(e as Error).message}`, {
        location: { file },
        fix: 'make the evaluation write JSON, e.g. `json.dump({"accuracy": acc}, f)` in Python.',
      });
    }
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ReproError(
      `metrics file ${file} holds ${Array.isArray(doc) ? 'a list' : doc === null ? 'null' : typeof doc}, not an object of metrics.`,
      {
        location: { file },
        fix: 'write an object such as {"accuracy": 0.91, "loss": 0.3}.',
      },
    );
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
    if (typeof v === 'number' && Number.isFinite(v)) out[key] = v;
    else if (v !== null && typeof v === 'object' && !Array.isArray(v))
      Object.assign(out, flattenNumbers(v as MetricsDoc, key));
  }
  return out;
}

export function parseMetricsYaml(text: string, file: string): MetricsDoc {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new ReproError(`metrics file ${file} is not valid YAML: ${(e as Error).message.split('\n')[0]}`, {
      location: { file },
      fix: 'make the evaluation write YAML, e.g. `yaml.safe_dump({"accuracy": acc}, f)` in Python.',
    });
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ReproError(
      `metrics file ${file} holds ${Array.isArray(doc) ? 'a list' : doc === null ? 'nothing' : typeof doc}, not a mapping of metrics.`,
      {
        location: { file },
        fix: 'write a mapping such as `accuracy: 0.91`.',
      },
    );
  }
  return doc as MetricsDoc;
}

/**
 * One row of a CSV/TSV file as `{column: value}`: the row whose first column equals `row`, else the
 * last row (a training log appends one per epoch). Numeric cells become numbers, `nan`/`inf` included.
 */
export function parseMetricsTable(text: string, file: string, sep: string, row?: string): MetricsDoc {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const kind = sep === ',' ? 'CSV' : 'TSV';
  if (lines.length === 0)
    throw new ReproError(`metrics file ${file} is empty.`, {
      location: { file },
      fix: `write a header line of metric names and a line of values, e.g. \`accuracy${sep}loss\` then \`0.91${sep}0.3\`.`,
    });
  const head = splitDelimited(lines[0], sep);
  if (lines.length === 1)
    throw new ReproError(`metrics file ${file} has a header (${head.join(', ')}) but no rows.`, {
      location: { file },
      fix: 'make sure the evaluation writes a line of values under the header (and flushes the file before it exits).',
    });
  const rows = lines.slice(1).map((l) => splitDelimited(l, sep));
  let cells: string[];
  if (row === undefined || row === 'last') {
    cells = rows[rows.length - 1];
  } else {
    const found = rows.filter((r) => r[0] === row);
    if (found.length === 0) {
      throw new ReproError(
        `metrics file ${file} has no row whose ${head[0] || 'first column'} is "${row}" (rows: ${rows.map((r) => r[0]).join(', ')}).`,
        { location: { file }, fix: 'set `row:` to a value of the first column, or to `last`.' },
      );
    }
    cells = found[found.length - 1];
  }
  if (cells.length !== head.length)
    throw new ReproError(
      `metrics file ${file}: a ${kind} row has ${cells.length} cells but the header has ${head.length} columns.`,
      {
        location: { file },
        fix: `write one value per header column${sep === ',' ? ' (quote values that contain commas)' : ''}.`,
      },
    );
  const doc: MetricsDoc = {};
  head.forEach((name, i) => (doc[name] = tableCell(cells[i])));
  return doc;
}

function tableCell(cell: string): unknown {
  if (cell === '') return null;
  const special: Record<string, number> = {
    nan: Number.NaN,
    inf: Infinity,
    '+inf': Infinity,
    '-inf': -Infinity,
    infinity: Infinity,
    '-infinity': -Infinity,
  };
  if (cell.toLowerCase() in special) return special[cell.toLowerCase()];
  const n = Number(cell);
  return Number.isNaN(n) ? cell : n;
}

/** The metrics files dvc.yaml names: top-level `metrics:` and each stage's `metrics:` (paths relative to dvc.yaml). */
export function dvcMetricsFiles(text: string, file: string): string[] {
  const doc = parseMetricsYaml(text, file) as { metrics?: unknown; stages?: Record<string, { metrics?: unknown }> };
  const entries = (list: unknown): string[] =>
    Array.isArray(list)
      ? list.flatMap((m) => (typeof m === 'string' ? [m] : m && typeof m === 'object' ? Object.keys(m as object) : []))
      : [];
  const files = [...entries(doc.metrics), ...Object.values(doc.stages ?? {}).flatMap((s) => entries(s?.metrics))];
  if (files.length === 0)
    throw new ReproError(`${file} names no metrics files.`, {
      location: { file },
      fix: 'list them under `metrics:` (top level or in a stage), as `dvc metrics show` expects, or point `metrics:` in repro.yml at the metrics file itself.',
    });
  return [...new Set(files)];
}

/**
 * Merges the documents of several files. A later file may not silently replace a metric of an earlier
 * one; give the sources a `prefix` to keep both.
 */
export function mergeMetrics(docs: { file: string; doc: MetricsDoc; prefix?: string }[]): MetricsDoc {
  const out: MetricsDoc = {};
  const from: Record<string, string> = {};
  for (const { file, doc, prefix } of docs) {
    const scoped = prefix ? { [prefix]: doc } : doc;
    for (const [k, v] of Object.entries(scoped)) {
      if (k in out) {
        throw new ReproError(`metric "${k}" is in both ${from[k]} and ${file}.`, {
          location: { file },
          fix: 'give one of the files a `prefix:` under `metrics.files` (its metrics then read `PREFIX.name`), or drop the duplicate.',
        });
      }
      out[k] = v;
      from[k] = file;
    }
  }
  return out;
}
