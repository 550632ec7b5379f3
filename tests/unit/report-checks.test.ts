/** The metrics table with reference/base comparisons, repeat statistics and the notes under them. */
import { describe, expect, it } from 'vitest';
import type { PipelineResult } from '../../src/pipeline/result.js';
import { renderMarkdownReport } from '../../src/report/markdown.js';
import { checkNotes, checkRows, formatDelta, repeatRows } from '../../src/report/table.js';
import { renderTextReport } from '../../src/report/text.js';

const result: PipelineResult = {
  ok: false,
  resultsDir: '/p/.repro-ci',
  stages: [{ name: 'Check metrics', status: 'ok', seconds: 0.01 }],
  images: [],
  steps: [],
  metrics: { accuracy: 0.95, loss: 0.3, epochs: 3 },
  checks: [
    { metric: 'accuracy', value: 0.95, rule: '≥ 0.5', ok: true, message: 'ok' },
    {
      metric: 'accuracy',
      value: 0.95,
      rule: 'no worse than base (higher is better)',
      ok: true,
      message: 'ok',
      against: { kind: 'base', value: 0.9, delta: 0.95 - 0.9 },
    },
    {
      metric: 'loss',
      value: 0.3,
      rule: '≈ reference (atol 0.01, rtol 0)',
      ok: false,
      message: '|0.3 - 0.2| = 0.1 exceeds the tolerance 0.01 (atol 0.01 + rtol 0 × |0.2|)',
      against: { kind: 'reference', value: 0.2, delta: 0.3 - 0.2 },
    },
    {
      metric: 'loss',
      value: 0.3,
      rule: 'no worse than base (lower is better)',
      ok: true,
      skipped: true,
      message: 'no baseline: "loss" is not in the metrics of main@0123456',
    },
  ],
  repeat: {
    count: 3,
    checks: 'mean',
    seeds: ['42', '43', '44'],
    stats: { accuracy: { mean: 0.95, std: 0.01, min: 0.94, max: 0.96, n: 3 } },
    identical: false,
    differing: ['results/metrics.json'],
  },
  baseline: { branch: 'main', found: true, label: 'main@0123456' },
  push: { push: false, reason: 'a step or check failed, and only images that passed are pushed' },
  pushed: [],
  warnings: [],
};

describe('checkRows with comparisons', () => {
  it('adds reference/base and delta columns', () => {
    expect(checkRows(result)).toEqual({
      head: ['metric', 'value', 'reference/base', 'delta', 'rule', 'status'],
      rows: [
        ['accuracy', '0.95', '', '', '≥ 0.5', '✅ pass'],
        ['accuracy', '0.95', '0.9', '+0.05', 'no worse than base (higher is better)', '✅ pass'],
        [
          'loss',
          '0.3',
          '0.2',
          '+0.1',
          '≈ reference (atol 0.01, rtol 0)',
          '❌ fail: |0.3 - 0.2| = 0.1 exceeds the tolerance 0.01 (atol 0.01 + rtol 0 × |0.2|)',
        ],
        [
          'loss',
          '0.3',
          '',
          '',
          'no worse than base (lower is better)',
          'ℹ️ no baseline: "loss" is not in the metrics of main@0123456',
        ],
        ['epochs', '3', '', '', '', ''],
      ],
    });
  });

  it.each<[number, string]>([
    [0.05, '+0.05'],
    [-0.05, '-0.05'],
    [0, '0'],
    [0.95 - 0.9, '+0.05'],
    [1e-17, '+1.0000e-17'],
    [-2, '-2'],
  ])('formatDelta(%f) = %s', (n, text) => {
    expect(formatDelta(n)).toBe(text);
  });
});

describe('repeats and notes', () => {
  it('repeatRows', () => {
    expect(repeatRows(result.repeat!)).toEqual({
      head: ['metric', 'mean', 'std', 'min', 'max'],
      rows: [['accuracy', '0.95', '0.01', '0.94', '0.96']],
    });
  });

  it.each<[string, Pick<PipelineResult, 'repeat' | 'baseline'>, string[]]>([
    ['nothing', {}, []],
    ['a baseline', { baseline: result.baseline }, ['Baseline: main@0123456 (last successful run of main).']],
    [
      'no baseline',
      { baseline: { branch: 'main', found: false, reason: 'no successful run of main has saved metrics yet' } },
      ['No baseline: no successful run of main has saved metrics yet.'],
    ],
    [
      'seeded repeats that differ',
      { repeat: result.repeat },
      [
        '3 runs with seeds 42, 43, 44; rules applied to the mean.',
        'Outputs differ between runs: results/metrics.json.',
      ],
    ],
    [
      'identical repeats, rules on each',
      { repeat: { ...result.repeat!, seeds: undefined, checks: 'each', identical: true, differing: [] } },
      ['3 runs with the same inputs; rules applied to each run.', 'Outputs bit-identical across the 3 runs.'],
    ],
    [
      'many differing files',
      { repeat: { ...result.repeat!, differing: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] } },
      [
        '3 runs with seeds 42, 43, 44; rules applied to the mean.',
        'Outputs differ between runs: a, b, c, d, e, and 2 more.',
      ],
    ],
  ])('%s', (_name, r, notes) => {
    expect(checkNotes(r)).toEqual(notes);
  });
});

describe('both reports show the same facts', () => {
  it('Markdown: the table with escaped pipes, the repeats and the notes', () => {
    const md = renderMarkdownReport(result);
    expect(md).toContain(
      '| metric | value | reference/base | delta | rule | status |\n| --- | --- | --- | --- | --- | --- |\n| accuracy | 0.95 |  |  | ≥ 0.5 | ✅ pass |',
    );
    expect(md).toContain(
      '| loss | 0.3 | 0.2 | +0.1 | ≈ reference (atol 0.01, rtol 0) | ❌ fail: \\|0.3 - 0.2\\| = 0.1 exceeds',
    );
    expect(md).toContain(
      '### Repeats (3 runs)\n\n| metric | mean | std | min | max |\n| --- | --- | --- | --- | --- |\n| accuracy | 0.95 | 0.01 | 0.94 | 0.96 |',
    );
    expect(md).toContain(
      'Baseline: main@0123456 (last successful run of main).\n3 runs with seeds 42, 43, 44; rules applied to the mean.\nOutputs differ between runs: results/metrics.json.',
    );
  });

  it('text: the same rows and notes', () => {
    const text = renderTextReport(result, { sections: ['checks'] });
    expect(text).toMatch(/^metric +value +reference\/base +delta +rule +status\n/);
    expect(text).toMatch(/\naccuracy +0\.95 +0\.9 +\+0\.05 +no worse than base \(higher is better\) +✅ pass\n/);
    expect(text).toMatch(/\nmetric +mean +std +min +max\n[─ ]+\naccuracy +0\.95 +0\.01 +0\.94 +0\.96\n/);
    expect(
      text.endsWith(
        'Baseline: main@0123456 (last successful run of main).\n3 runs with seeds 42, 43, 44; rules applied to the mean.\nOutputs differ between runs: results/metrics.json.',
      ),
    ).toBe(true);
  });
});
