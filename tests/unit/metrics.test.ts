import { describe, expect, it } from 'vitest';
import { flattenNumbers, lookup, parseMetricsJson, type MetricsDoc } from '../../src/checks/metrics.js';
import { ReproError } from '../../src/errors.js';

const FILE = 'results/metrics.json';

function parseError(text: string): ReproError {
  try {
    parseMetricsJson(text, FILE);
  } catch (e) {
    expect(e).toBeInstanceOf(ReproError);
    return e as ReproError;
  }
  throw new Error('expected parseMetricsJson to throw');
}

describe('parseMetricsJson', () => {
  it('parses an object', () => {
    expect(parseMetricsJson('{"accuracy": 0.91, "test": {"loss": 0.3}}', FILE)).toEqual({
      accuracy: 0.91,
      test: { loss: 0.3 },
    });
    expect(parseMetricsJson('{}', FILE)).toEqual({});
  });

  it.each<[string, string]>([
    ['{"accuracy": 0.9', 'metrics file results/metrics.json is not valid JSON: '],
    ['', 'metrics file results/metrics.json is not valid JSON: '],
    // Python's NaN token is accepted (see quotePythonTokens); a NaN inside a broken file is still an error.
    ['{"loss": NaN', 'metrics file results/metrics.json is not valid JSON: '],
  ])('rejects invalid JSON %j', (text, start) => {
    const e = parseError(text);
    expect(e.message.startsWith(start)).toBe(true);
    expect(e.message.length).toBeGreaterThan(start.length);
    expect(e.location).toEqual({ file: FILE });
    expect(e.fix).toBe('make the evaluation write JSON, e.g. `json.dump({"accuracy": acc}, f)` in Python.');
  });

  it.each<[string, string]>([
    ['[0.9, 0.8]', 'a list'],
    ['0.9', 'number'],
    ['"0.9"', 'string'],
    ['true', 'boolean'],
    ['null', 'null'],
  ])('rejects %s, which is not an object', (text, what) => {
    const e = parseError(text);
    expect(e.message).toBe(`metrics file results/metrics.json holds ${what}, not an object of metrics.`);
    expect(e.fix).toBe('write an object such as {"accuracy": 0.91, "loss": 0.3}.');
    expect(e.location).toEqual({ file: FILE });
  });
});

describe('lookup', () => {
  const doc: MetricsDoc = {
    accuracy: 0.91,
    'test.acc': 0.8,
    test: { acc: 0.7, f1: 0.6, deep: { x: 1 } },
    'a.b': { c: 3 },
    a: { 'b.d': 4 },
    zero: 0,
    nothing: null,
    list: [1, 2],
  };

  it.each<[string, unknown]>([
    ['accuracy', 0.91],
    // A key with a dot wins over the nested path.
    ['test.acc', 0.8],
    ['test.f1', 0.6],
    ['test.deep.x', 1],
    ['test.deep', { x: 1 }],
    ['a.b.c', 3],
    ['a.b.d', 4],
    ['zero', 0],
    ['nothing', null],
    ['list', [1, 2]],
    ['list.0', undefined],
    ['missing', undefined],
    ['test.missing', undefined],
    ['accuracy.x', undefined],
    ['', undefined],
    ['.', undefined],
  ])('%j → %j', (path, value) => {
    expect(lookup(doc, path)).toEqual(value);
  });
});

describe('flattenNumbers', () => {
  it('keeps numeric leaves under dotted paths', () => {
    expect(
      flattenNumbers({
        accuracy: 0.91,
        test: { loss: 0.3, deep: { n: 2 }, name: 'x' },
        'k.dot': 5,
        s: '0.5',
        b: true,
        n: null,
        l: [1, 2],
        e: {},
      }),
    ).toEqual({ accuracy: 0.91, 'test.loss': 0.3, 'test.deep.n': 2, 'k.dot': 5 });
  });

  it('is empty for no numbers', () => {
    expect(flattenNumbers({})).toEqual({});
    expect(flattenNumbers({ a: 'x' })).toEqual({});
  });
});
