import { describe, expect, it } from 'vitest';
import {
  dvcMetricsFiles,
  formatOf,
  mergeMetrics,
  parseMetrics,
  parseMetricsJson,
  quotePythonTokens,
} from '../../src/checks/metrics.js';
import { ReproError } from '../../src/errors.js';

function error(fn: () => unknown): ReproError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ReproError);
    return e as ReproError;
  }
  throw new Error('expected a ReproError');
}

describe('formatOf', () => {
  it.each<[string, string | undefined]>([
    ['results/metrics.json', 'json'],
    ['m.JSON', 'json'],
    ['m.yaml', 'yaml'],
    ['m.yml', 'yaml'],
    ['log.csv', 'csv'],
    ['log.tsv', 'tsv'],
    ['sub/dvc.yaml', 'dvc'],
    ['dvc.yml', 'dvc'],
    ['metrics.txt', undefined],
    ['metrics', undefined],
  ])('%s → %s', (file, format) => {
    expect(formatOf(file)).toBe(format);
  });
});

describe('JSON with Python tokens', () => {
  it('reads NaN, Infinity and -Infinity as non-finite numbers', () => {
    const doc = parseMetricsJson(
      '{"loss": NaN, "up": Infinity, "down": -Infinity, "acc": 0.9, "t": {"x": NaN}}',
      'm.json',
    );
    expect(doc).toEqual({ loss: Number.NaN, up: Infinity, down: -Infinity, acc: 0.9, t: { x: Number.NaN } });
  });

  it('leaves the tokens inside strings and names alone', () => {
    expect(parseMetricsJson('{"note": "NaN is not Infinity", "NaN": 1, "esc": "a\\"NaN"}', 'm.json')).toEqual({
      note: 'NaN is not Infinity',
      NaN: 1,
      esc: 'a"NaN',
    });
    expect(quotePythonTokens('{"a": "NaN"}')).toEqual({ text: '{"a": "NaN"}', replaced: false });
  });

  it('still rejects JSON that is broken elsewhere, with the JSON error', () => {
    const e = error(() => parseMetricsJson('{"loss": NaN,}', 'm.json'));
    expect(e.message).toMatch(/^metrics file m\.json is not valid JSON: /);
    expect(e.fix).toBe('make the evaluation write JSON, e.g. `json.dump({"accuracy": acc}, f)` in Python.');
    // Words that merely start like a token are not tokens.
    expect(error(() => parseMetricsJson('{"a": NaNa}', 'm.json')).message).toMatch(/not valid JSON/);
  });
});

describe('YAML', () => {
  it('parses a mapping, .nan and .inf included', () => {
    expect(parseMetrics('accuracy: 0.9\ntest:\n  loss: .nan\n  big: .inf\n', 'm.yaml', 'yaml')).toEqual({
      accuracy: 0.9,
      test: { loss: Number.NaN, big: Infinity },
    });
  });

  it.each<[string, string]>([
    ['- 0.9\n', 'metrics file m.yaml holds a list, not a mapping of metrics.'],
    ['', 'metrics file m.yaml holds nothing, not a mapping of metrics.'],
    ['0.9', 'metrics file m.yaml holds number, not a mapping of metrics.'],
  ])('rejects %j', (text, message) => {
    const e = error(() => parseMetrics(text, 'm.yaml', 'yaml'));
    expect(e.message).toBe(message);
    expect(e.fix).toBe('write a mapping such as `accuracy: 0.91`.');
  });

  it('rejects invalid YAML with the parser message', () => {
    const e = error(() => parseMetrics('a: [1, 2\n', 'm.yaml', 'yaml'));
    expect(e.message).toMatch(/^metrics file m\.yaml is not valid YAML: \S/);
    expect(e.location).toEqual({ file: 'm.yaml' });
  });
});

describe('CSV and TSV', () => {
  const csv = 'split,acc,loss,note\ntrain,0.99,0.1,ok\ntest,0.88,0.3,"a, b"\n';

  it('takes the last row by default, numbers as numbers, quoted cells whole', () => {
    expect(parseMetrics(csv, 'm.csv', 'csv')).toEqual({ split: 'test', acc: 0.88, loss: 0.3, note: 'a, b' });
    expect(parseMetrics(csv, 'm.csv', 'csv', 'last')).toEqual({ split: 'test', acc: 0.88, loss: 0.3, note: 'a, b' });
  });

  it('picks a row by the value of its first column', () => {
    expect(parseMetrics(csv, 'm.csv', 'csv', 'train')).toEqual({ split: 'train', acc: 0.99, loss: 0.1, note: 'ok' });
  });

  it('reads nan, inf and empty cells, and CRLF lines', () => {
    expect(parseMetrics('a,b,c,d,e\r\nnan,-inf,,"x ""y""",Infinity\r\n', 'm.csv', 'csv')).toEqual({
      a: Number.NaN,
      b: -Infinity,
      c: null,
      d: 'x "y"',
      e: Infinity,
    });
  });

  it('reads TSV', () => {
    expect(parseMetrics('epoch\tacc\n1\t0.5\n2\t0.75\n', 'm.tsv', 'tsv')).toEqual({ epoch: 2, acc: 0.75 });
  });

  it.each<[string, string | undefined, string, string]>([
    [
      '',
      undefined,
      'metrics file m.csv is empty.',
      'write a header line of metric names and a line of values, e.g. `accuracy,loss` then `0.91,0.3`.',
    ],
    [
      '\n\n',
      undefined,
      'metrics file m.csv is empty.',
      'write a header line of metric names and a line of values, e.g. `accuracy,loss` then `0.91,0.3`.',
    ],
    [
      'acc,loss\n',
      undefined,
      'metrics file m.csv has a header (acc, loss) but no rows.',
      'make sure the evaluation writes a line of values under the header (and flushes the file before it exits).',
    ],
    [
      'split,acc\ntrain,1\nval,2\n',
      'test',
      'metrics file m.csv has no row whose split is "test" (rows: train, val).',
      'set `row:` to a value of the first column, or to `last`.',
    ],
    [
      'a,b\n1,2,3\n',
      undefined,
      'metrics file m.csv: a CSV row has 3 cells but the header has 2 columns.',
      'write one value per header column (quote values that contain commas).',
    ],
  ])('rejects %j (row %s)', (text, row, message, fix) => {
    const e = error(() => parseMetrics(text, 'm.csv', 'csv', row));
    expect(e.message).toBe(message);
    expect(e.fix).toBe(fix);
    expect(e.location).toEqual({ file: 'm.csv' });
  });
});

describe('dvc.yaml', () => {
  it('lists top-level and stage metrics, once each', () => {
    const text =
      'stages:\n  train:\n    cmd: python train.py\n    metrics:\n      - train.json:\n          cache: false\n  eval:\n    metrics: [eval.json, train.json]\nmetrics:\n  - summary.yaml\n';
    expect(dvcMetricsFiles(text, 'dvc.yaml')).toEqual(['summary.yaml', 'train.json', 'eval.json']);
  });

  it('rejects a dvc.yaml without metrics', () => {
    const e = error(() => dvcMetricsFiles('stages:\n  train:\n    cmd: x\n', 'dvc.yaml'));
    expect(e.message).toBe('dvc.yaml names no metrics files.');
    expect(e.fix).toMatch(/^list them under `metrics:`/);
  });
});

describe('mergeMetrics', () => {
  it('merges files and scopes prefixed ones', () => {
    expect(
      mergeMetrics([
        { file: 'a.json', doc: { acc: 1 } },
        { file: 'b.csv', doc: { acc: 2 }, prefix: 'b' },
      ]),
    ).toEqual({ acc: 1, b: { acc: 2 } });
  });

  it('refuses a metric defined twice', () => {
    const e = error(() =>
      mergeMetrics([
        { file: 'a.json', doc: { acc: 1 } },
        { file: 'b.json', doc: { acc: 2 } },
      ]),
    );
    expect(e.message).toBe('metric "acc" is in both a.json and b.json.');
    expect(e.fix).toBe(
      'give one of the files a `prefix:` under `metrics.files` (its metrics then read `PREFIX.name`), or drop the duplicate.',
    );
  });
});
