import { describe, expect, it } from 'vitest';
import type { RuleSpec } from '../../src/config/config.js';
import { describeRule, evaluateRule, evaluateRules, type CheckResult } from '../../src/checks/rules.js';
import type { MetricsDoc } from '../../src/checks/metrics.js';

const where = { file: 'repro.yml', line: 1, column: 1 };
const rule = (metric: string, min?: number, max?: number) => ({ metric, min, max, where });

describe('describeRule', () => {
  it.each<[number | undefined, number | undefined, string]>([
    [0.9, undefined, '≥ 0.9'],
    [undefined, 0.5, '≤ 0.5'],
    [0.1, 0.2, 'between 0.1 and 0.2'],
    [0, undefined, '≥ 0'],
    [undefined, 0, '≤ 0'],
    [-1, 1, 'between -1 and 1'],
  ])('min %s max %s → %s', (min, max, text) => {
    expect(describeRule({ min, max })).toBe(text);
  });
});

describe('evaluateRule', () => {
  const doc: MetricsDoc = {
    accuracy: 0.9,
    loss: 0.5,
    zero: 0,
    neg: -2,
    test: { f1: 0.75 },
    'val.acc': 0.6,
    name: 'model',
    text_nan: 'NaN',
    text_num: '0.95',
    text_inf: 'Infinity',
    nothing: null,
    flag: true,
    list: [0.9],
    obj: { a: 1 },
  };

  it.each<[string, number | undefined, number | undefined, CheckResult]>([
    // min: equal to min passes, just below fails.
    ['accuracy', 0.9, undefined, { metric: 'accuracy', value: 0.9, rule: '≥ 0.9', ok: true, message: 'ok' }],
    ['accuracy', 0.89, undefined, { metric: 'accuracy', value: 0.9, rule: '≥ 0.89', ok: true, message: 'ok' }],
    [
      'accuracy',
      0.9000001,
      undefined,
      { metric: 'accuracy', value: 0.9, rule: '≥ 0.9000001', ok: false, message: '0.9 is below the minimum 0.9000001' },
    ],
    // max: equal to max passes, just above fails.
    ['loss', undefined, 0.5, { metric: 'loss', value: 0.5, rule: '≤ 0.5', ok: true, message: 'ok' }],
    [
      'loss',
      undefined,
      0.4999,
      { metric: 'loss', value: 0.5, rule: '≤ 0.4999', ok: false, message: '0.5 is above the maximum 0.4999' },
    ],
    // between: both ends inclusive.
    ['test.f1', 0.75, 0.75, { metric: 'test.f1', value: 0.75, rule: 'between 0.75 and 0.75', ok: true, message: 'ok' }],
    ['test.f1', 0.5, 1, { metric: 'test.f1', value: 0.75, rule: 'between 0.5 and 1', ok: true, message: 'ok' }],
    [
      'test.f1',
      0.8,
      1,
      {
        metric: 'test.f1',
        value: 0.75,
        rule: 'between 0.8 and 1',
        ok: false,
        message: '0.75 is below the minimum 0.8',
      },
    ],
    [
      'test.f1',
      0,
      0.7,
      {
        metric: 'test.f1',
        value: 0.75,
        rule: 'between 0 and 0.7',
        ok: false,
        message: '0.75 is above the maximum 0.7',
      },
    ],
    // zero and negative values are values, not missing.
    ['zero', 0, undefined, { metric: 'zero', value: 0, rule: '≥ 0', ok: true, message: 'ok' }],
    [
      'zero',
      undefined,
      -1,
      { metric: 'zero', value: 0, rule: '≤ -1', ok: false, message: '0 is above the maximum -1' },
    ],
    ['neg', -3, -1, { metric: 'neg', value: -2, rule: 'between -3 and -1', ok: true, message: 'ok' }],
    ['val.acc', 0.5, undefined, { metric: 'val.acc', value: 0.6, rule: '≥ 0.5', ok: true, message: 'ok' }],
  ])('%s min=%s max=%s', (metric, min, max, result) => {
    expect(evaluateRule(rule(metric, min, max), doc)).toEqual(result);
  });

  it.each<[string, string]>([
    // The value itself is never shown: a step may have put anything there, a credential included (issue 19).
    ['name', 'metric "name" is a string, not a finite number'],
    ['text_nan', 'metric "text_nan" is a string, not a finite number'],
    ['text_num', 'metric "text_num" is a number in quotes (write it without them), not a finite number'],
    ['text_inf', 'metric "text_inf" is a number in quotes (write it without them), not a finite number'],
    ['nothing', 'metric "nothing" is null, not a finite number'],
    ['flag', 'metric "flag" is a boolean, not a finite number'],
    ['list', 'metric "list" is a list, not a finite number'],
    ['obj', 'metric "obj" is an object, not a finite number'],
  ])('non-numeric %s fails', (metric, message) => {
    expect(evaluateRule(rule(metric, 0), doc)).toEqual({ metric, rule: '≥ 0', ok: false, message });
  });

  it('fails on non-finite numbers', () => {
    const r = evaluateRule(rule('x', 0), { x: Number.NaN });
    expect([r.ok, r.value]).toEqual([false, undefined]);
    expect(r.message).toMatch(/^metric "x" is .*, not a finite number$/);
    expect(evaluateRule(rule('x', undefined, 1), { x: Number.POSITIVE_INFINITY }).ok).toBe(false);
  });

  it.each<[string, MetricsDoc, string]>([
    ['acuracy', doc, 'metric "acuracy" is not in the metrics file; did you mean "accuracy"?'],
    ['test.f2', doc, 'metric "test.f2" is not in the metrics file; did you mean "test.f1"?'],
    [
      'completely_else',
      { a: 1, b: { c: 2 } },
      'metric "completely_else" is not in the metrics file; expected one of: a, b.c',
    ],
    // Objects and strings are no metrics to choose from (issue 21: `metrics` was offered).
    [
      'score',
      { metrics: { accuracy: 0.9, loss: 0.1 }, model: 'cnn' },
      'metric "score" is not in the metrics file; expected one of: metrics.accuracy, metrics.loss',
    ],
    ['accuracy', {}, 'metric "accuracy" is not in the metrics file; the file has no metrics'],
  ])('missing metric %s', (metric, d, message) => {
    expect(evaluateRule(rule(metric, 0.5), d)).toEqual({ metric, rule: '≥ 0.5', ok: false, message });
  });
});

describe('evaluateRules', () => {
  it('evaluates every rule in order', () => {
    const rules: RuleSpec[] = [rule('a', 1), rule('b', undefined, 1), rule('c', 0)];
    expect(evaluateRules(rules, { a: 2, b: 2 }).map((r) => [r.metric, r.ok])).toEqual([
      ['a', true],
      ['b', false],
      ['c', false],
    ]);
    expect(evaluateRules([], { a: 1 })).toEqual([]);
  });
});
