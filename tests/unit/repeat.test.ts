import { describe, expect, it } from 'vitest';
import {
  compareOutputs,
  evaluateEachRun,
  repeatedStep,
  seedFor,
  stats,
  summarizeRuns,
} from '../../src/checks/repeat.js';
import type { RuleSpec } from '../../src/config/config.js';

const where = { file: 'repro.yml', line: 1, column: 1 };

describe('stats', () => {
  it('mean, sample std, min, max', () => {
    const s = stats([0.942, 0.943, 0.944]);
    expect(s.mean).toBeCloseTo(0.943, 12);
    expect(s.std).toBeCloseTo(0.001, 12);
    expect([s.min, s.max, s.n]).toEqual([0.942, 0.944, 3]);
    expect(stats([2, 4, 4, 4, 5, 5, 7, 9])).toMatchObject({ mean: 5, min: 2, max: 9, n: 8 });
    expect(stats([2, 4, 4, 4, 5, 5, 7, 9]).std).toBeCloseTo(2.138089935299395, 12);
  });

  it('equal values: exactly that mean and no spread', () => {
    expect(stats([0.8, 0.8, 0.8])).toEqual({ mean: 0.8, std: 0, min: 0.8, max: 0.8, n: 3 });
    expect(stats([5])).toEqual({ mean: 5, std: 0, min: 5, max: 5, n: 1 });
  });
});

describe('summarizeRuns', () => {
  it('means for numbers in every run, the odd value otherwise', () => {
    const { stats: s, mean } = summarizeRuns([
      { acc: 0.9, t: { loss: 0.3 }, name: 'a', bad: 1 },
      { acc: 0.8, t: { loss: 0.5 }, name: 'a', bad: Number.NaN },
    ]);
    expect(Object.keys(s)).toEqual(['acc', 't.loss']);
    expect(mean.acc).toBeCloseTo(0.85, 12);
    expect(mean['t.loss']).toBeCloseTo(0.4, 12);
    expect(mean.name).toBe('a');
    expect(mean.bad).toBeNaN();
  });
});

describe('evaluateEachRun', () => {
  const rules: RuleSpec[] = [{ metric: 'acc', min: 0.85, where }];

  it('passes only when every run passes, naming the runs that failed', () => {
    const out = evaluateEachRun(rules, [{ acc: 0.9 }, { acc: 0.8 }, { acc: 0.84 }]);
    expect(out).toHaveLength(1);
    expect(out[0].ok).toBe(false);
    expect(out[0].rule).toBe('≥ 0.85, each run');
    expect(out[0].message).toBe('run 2: 0.8 is below the minimum 0.85; run 3: 0.84 is below the minimum 0.85');
    expect(out[0].value).toBeCloseTo(2.54 / 3, 12);
    expect(evaluateEachRun(rules, [{ acc: 0.9 }, { acc: 0.95 }])[0]).toMatchObject({
      ok: true,
      message: 'ok in all 2 runs',
    });
  });

  it('a run without the metric has no mean value', () => {
    const out = evaluateEachRun(rules, [{ acc: 0.9 }, {}]);
    expect(out[0].value).toBeUndefined();
    expect(out[0].message).toBe('run 2: metric "acc" is not in the metrics file; the file has no metrics');
  });

  it('keeps the comparison, with the delta of the mean', () => {
    const out = evaluateEachRun(
      [{ metric: 'acc', base: { direction: 'higher', allowedDrop: 0 }, where }],
      [{ acc: 0.9 }, { acc: 1 }],
      { base: { found: true, metrics: { acc: 0.9 }, label: 'main@1' } },
    );
    expect(out[0].ok).toBe(true);
    expect(out[0].against?.value).toBe(0.9);
    expect(out[0].against?.delta).toBeCloseTo(0.05, 12);
    const none = evaluateEachRun(
      [{ metric: 'acc', base: { direction: 'higher', allowedDrop: 0 }, where }],
      [{ acc: 0.9 }],
      { base: { found: false, reason: 'none yet' } },
    );
    expect(none[0]).toMatchObject({ ok: true, skipped: true, message: 'no baseline: none yet' });
  });
});

describe('compareOutputs', () => {
  it('identical, or the paths that differ (and those that exist in some runs only)', () => {
    expect(
      compareOutputs([
        { a: '1', b: '2' },
        { a: '1', b: '2' },
      ]),
    ).toEqual({ identical: true, differing: [] });
    expect(
      compareOutputs([
        { a: '1', b: '2' },
        { a: '1', b: '3' },
        { a: '1', b: '2', c: '4' },
      ]),
    ).toEqual({ identical: false, differing: ['b', 'c'] });
  });
});

describe('seeds and repeated steps', () => {
  it.each<[string | undefined, number, string]>([
    ['42', 0, '42'],
    ['42', 2, '44'],
    [undefined, 1, '1'],
    ['abc', 1, '1'],
    ['-3', 1, '-2'],
  ])('seedFor(%s, %i) = %s', (v, i, seed) => {
    expect(seedFor(v, i)).toBe(seed);
  });

  it('run 1 keeps the name; later runs get their own, and the seed', () => {
    const step = { name: 'evaluate', env: { SEED: '42', X: '1' } };
    expect(repeatedStep(step, { seedEnv: 'SEED' }, 0)).toEqual({ name: 'evaluate', env: { SEED: '42', X: '1' } });
    expect(repeatedStep(step, { seedEnv: 'SEED' }, 2)).toEqual({ name: 'evaluate-run3', env: { SEED: '44', X: '1' } });
    expect(repeatedStep(step, {}, 1)).toEqual({ name: 'evaluate-run2', env: { SEED: '42', X: '1' } });
  });
});
