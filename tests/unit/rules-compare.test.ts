import { describe, expect, it } from 'vitest';
import {
  evaluateBase,
  evaluateReference,
  evaluateRules,
  type BaseInput,
  type ReferenceInput,
} from '../../src/checks/rules.js';
import type { RuleSpec } from '../../src/config/config.js';

const where = { file: 'repro.yml', line: 1, column: 1 };
const ref = (doc: Record<string, unknown>): ReferenceInput => ({ file: 'reference/metrics.json', doc });
const REF_RULE = '≈ reference (atol 0.01, rtol 0)';

describe('reference: |value - ref| <= atol + rtol * |ref|', () => {
  it.each<[string, number, { atol: number; rtol: number }, number, boolean]>([
    ['exact', 0.9, { atol: 0, rtol: 0 }, 0.9, true],
    ['inside atol', 0.905, { atol: 0.01, rtol: 0 }, 0.9, true],
    // 0.91 - 0.9 is 0.010000000000000009 in binary: the boundary still passes.
    ['on the atol boundary', 0.91, { atol: 0.01, rtol: 0 }, 0.9, true],
    ['below, on the boundary', 0.89, { atol: 0.01, rtol: 0 }, 0.9, true],
    ['just outside atol', 0.9101, { atol: 0.01, rtol: 0 }, 0.9, false],
    ['inside rtol', 105, { atol: 0, rtol: 0.05 }, 100, true],
    ['outside rtol', 106, { atol: 0, rtol: 0.05 }, 100, false],
    ['negative reference uses |ref|', -105, { atol: 0, rtol: 0.05 }, -100, true],
    ['atol and rtol add up', 107, { atol: 2, rtol: 0.05 }, 100, true],
  ])('%s', (_name, value, tol, reference, ok) => {
    const r = evaluateReference('m', tol, { m: value }, ref({ m: reference }));
    expect(r.ok).toBe(ok);
    expect(r.against).toEqual({ kind: 'reference', value: reference, delta: value - reference });
  });

  it('says how far off and what was allowed', () => {
    expect(evaluateReference('acc', { atol: 0.001, rtol: 0.01 }, { acc: 0.8 }, ref({ acc: 0.9 }))).toEqual({
      metric: 'acc',
      value: 0.8,
      rule: '≈ reference (atol 0.001, rtol 0.01)',
      ok: false,
      message: '|0.8 - 0.9| = 0.1 exceeds the tolerance 0.01 (atol 0.001 + rtol 0.01 × |0.9|)',
      against: { kind: 'reference', value: 0.9, delta: 0.8 - 0.9 },
    });
  });

  it('a zero reference with only rtol allows nothing, and says so', () => {
    const r = evaluateReference('err', { atol: 0, rtol: 0.1 }, { err: 0.001 }, ref({ err: 0 }));
    expect(r.ok).toBe(false);
    expect(r.message).toBe(
      '|0.001 - 0| = 0.001 exceeds the tolerance 0 (atol 0 + rtol 0.1 × |0|); rtol allows nothing around a reference of 0: set atol',
    );
    expect(evaluateReference('err', { atol: 0, rtol: 0.1 }, { err: 0 }, ref({ err: 0 })).ok).toBe(true);
    expect(evaluateReference('err', { atol: 0.01, rtol: 0.1 }, { err: 0.001 }, ref({ err: 0 })).ok).toBe(true);
  });

  it.each<[string, Record<string, unknown>, ReferenceInput | undefined, string]>([
    [
      'metric missing from the run',
      {},
      ref({ acc: 0.9 }),
      'metric "acc" is not in the metrics file; the file has no metrics',
    ],
    ['metric NaN in the run', { acc: Number.NaN }, ref({ acc: 0.9 }), 'metric "acc" is NaN, not a finite number'],
    [
      'metric missing from the reference',
      { acc: 0.9 },
      ref({ acu: 0.9 }),
      'metric "acc" is not in the reference file reference/metrics.json; did you mean "acu"?',
    ],
    [
      'empty reference',
      { acc: 0.9 },
      ref({}),
      'metric "acc" is not in the reference file reference/metrics.json; the reference file reference/metrics.json has no metrics',
    ],
    [
      'non-numeric reference',
      { acc: 0.9 },
      ref({ acc: 'high' }),
      'metric "acc" is a string, not a finite number in the reference file reference/metrics.json',
    ],
    [
      'unreadable reference',
      { acc: 0.9 },
      {
        file: 'reference/metrics.json',
        error: 'reference file reference/metrics.json is not valid JSON: Unexpected end of JSON input',
      },
      'reference file reference/metrics.json is not valid JSON: Unexpected end of JSON input',
    ],
    ['no reference configured', { acc: 0.9 }, undefined, 'no reference file is configured (metrics.reference)'],
  ])('fails: %s', (_name, doc, reference, message) => {
    const r = evaluateReference('acc', { atol: 0.01, rtol: 0 }, doc, reference);
    expect(r.ok).toBe(false);
    expect(r.message).toBe(message);
    expect(r.rule).toBe(REF_RULE);
    expect(r.against).toBeUndefined();
  });
});

describe('no-worse-than-base', () => {
  const base = (metrics: Record<string, number>): BaseInput => ({ found: true, metrics, label: 'main@0123456' });

  it.each<[string, 'higher' | 'lower', number, number, number, boolean]>([
    ['higher: better', 'higher', 0.95, 0.9, 0, true],
    ['higher: equal', 'higher', 0.9, 0.9, 0, true],
    ['higher: worse', 'higher', 0.89, 0.9, 0, false],
    ['higher: worse within the allowed drop', 'higher', 0.89, 0.9, 0.01, true],
    ['higher: worse past the allowed drop', 'higher', 0.889, 0.9, 0.01, false],
    ['lower: better', 'lower', 0.2, 0.3, 0, true],
    ['lower: worse', 'lower', 0.31, 0.3, 0, false],
    ['lower: worse within the allowed drop', 'lower', 0.31, 0.3, 0.01, true],
  ])('%s', (_name, direction, value, old, allowedDrop, ok) => {
    const r = evaluateBase('m', { direction, allowedDrop }, { m: value }, base({ m: old }));
    expect(r.ok).toBe(ok);
    expect(r.skipped).toBeUndefined();
    expect(r.against).toEqual({ kind: 'base', value: old, delta: value - old });
  });

  it('names the base run and the allowed drop when it fails', () => {
    expect(
      evaluateBase('loss', { direction: 'lower', allowedDrop: 0.01 }, { loss: 0.5 }, base({ loss: 0.3 })).message,
    ).toBe('0.5 is 0.2 above the base 0.3 (main@0123456), more than the allowed drop 0.01');
    expect(evaluateBase('acc', { direction: 'higher', allowedDrop: 0 }, { acc: 0.8 }, base({ acc: 0.9 })).rule).toBe(
      'no worse than base (higher is better)',
    );
  });

  it('no baseline is a notice, not a failure', () => {
    expect(
      evaluateBase(
        'acc',
        { direction: 'higher', allowedDrop: 0.01 },
        { acc: 0.8 },
        { found: false, reason: 'no successful run of main has saved metrics yet' },
      ),
    ).toEqual({
      metric: 'acc',
      value: 0.8,
      rule: 'no worse than base (higher is better, drop ≤ 0.01)',
      ok: true,
      skipped: true,
      message: 'no baseline: no successful run of main has saved metrics yet',
    });
    const missing = evaluateBase('acc', { direction: 'higher', allowedDrop: 0 }, { acc: 0.8 }, base({ loss: 1 }));
    expect([missing.ok, missing.skipped, missing.message]).toEqual([
      true,
      true,
      'no baseline: "acc" is not in the metrics of main@0123456',
    ]);
  });

  it('a missing metric still fails, baseline or not', () => {
    const r = evaluateBase('acc', { direction: 'higher', allowedDrop: 0 }, {}, { found: false, reason: 'x' });
    expect([r.ok, r.skipped, r.message]).toEqual([
      false,
      undefined,
      'metric "acc" is not in the metrics file; the file has no metrics',
    ]);
  });
});

describe('evaluateRules with several conditions on one metric', () => {
  it('gives one result per condition: range, reference, base', () => {
    const rules: RuleSpec[] = [
      {
        metric: 'acc',
        min: 0.5,
        reference: { atol: 0.1, rtol: 0 },
        base: { direction: 'higher', allowedDrop: 0 },
        where,
      },
      { metric: 'loss', reference: { atol: 0, rtol: 0 }, where },
    ];
    const out = evaluateRules(
      rules,
      { acc: 0.9, loss: 0.3 },
      { reference: ref({ acc: 0.85, loss: 0.3 }), base: { found: true, metrics: { acc: 0.95 }, label: 'main@1' } },
    );
    expect(out.map((c) => [c.metric, c.rule, c.ok])).toEqual([
      ['acc', '≥ 0.5', true],
      ['acc', '≈ reference (atol 0.1, rtol 0)', true],
      ['acc', 'no worse than base (higher is better)', false],
      ['loss', '≈ reference (atol 0, rtol 0)', true],
    ]);
  });
});
