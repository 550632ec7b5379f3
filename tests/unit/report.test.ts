import { describe, expect, it, test } from 'vitest';
import { ReproError } from '../../src/errors.js';
import type { PipelineResult } from '../../src/pipeline/result.js';
import {
  fitOutput,
  fitSummary,
  markdownTable,
  MAX_SUMMARY_BYTES,
  renderMarkdownReport,
} from '../../src/report/markdown.js';
import { checkRows, formatNumber, imageRows, shortId, stageRows } from '../../src/report/table.js';
import { renderTextReport, textTable } from '../../src/report/text.js';

const DIGEST = 'sha256:1111111111111111111111111111111111111111111111111111111111111111';

const result: PipelineResult = {
  ok: false,
  resultsDir: '/p/.repro-ci',
  environment: { builder: 'buildx', clientVersion: '28.2.2', serverVersion: '28.2.2', buildxVersion: 'v0.24.0' },
  stages: [
    { name: 'build', status: 'ok', seconds: 12.34 },
    { name: 'run train', status: 'ok', seconds: 65 },
    { name: 'check', status: 'failed', seconds: 0.01 },
    { name: 'push', status: 'skipped', seconds: 0 },
  ],
  images: [{ key: 'train', id: 'sha256:0123456789abcdef0123', localTag: 'p-train:r1' }],
  steps: [],
  metrics: { accuracy: 0.912345678, loss: 0.3, epochs: 3 },
  checks: [
    { metric: 'accuracy', value: 0.912345678, rule: '≥ 0.9', ok: true, message: 'ok' },
    { metric: 'loss', value: 0.3, rule: '≤ 0.2', ok: false, message: '0.3 is above the maximum 0.2' },
    { metric: 'f1', rule: '≥ 0.5', ok: false, message: 'metric "f1" is not in the metrics file; did you mean "f2"?' },
  ],
  push: { push: false, reason: 'a step or check failed, and only images that passed are pushed' },
  pushed: [],
  warnings: ['step "train" runs on the CPU: `gpus: optional` and this machine has no GPU container runtime.'],
};

describe('markdownTable', () => {
  it('renders a header, a separator and rows', () => {
    expect(
      markdownTable(
        ['a', 'b'],
        [
          ['1', '2'],
          ['3', '4'],
        ],
      ),
    ).toBe('| a | b |\n| --- | --- |\n| 1 | 2 |\n| 3 | 4 |');
  });

  it('escapes | and flattens newlines', () => {
    expect(markdownTable(['x|y'], [['a | b'], ['line1\nline2'], ['||']])).toBe(
      '| x\\|y |\n| --- |\n| a \\| b |\n| line1 line2 |\n| \\|\\| |',
    );
  });

  it('renders a header alone', () => {
    expect(markdownTable(['only'], [])).toBe('| only |\n| --- |');
  });
});

describe('table rows', () => {
  it('checkRows: rules first, then the other metrics', () => {
    expect(checkRows(result)).toEqual({
      head: ['metric', 'value', 'rule', 'status'],
      rows: [
        ['accuracy', '0.912346', '≥ 0.9', '✅ pass'],
        ['loss', '0.3', '≤ 0.2', '❌ fail: 0.3 is above the maximum 0.2'],
        ['f1', '—', '≥ 0.5', '❌ fail: metric "f1" is not in the metrics file; did you mean "f2"?'],
        ['epochs', '3', '', ''],
      ],
    });
  });

  it('stageRows', () => {
    expect(stageRows(result).rows).toEqual([
      ['build', '✅ ok', '12.3s'],
      ['run train', '✅ ok', '1m05s'],
      ['check', '❌ failed', '0.0s'],
      ['push', '⏭️ skipped', ''],
    ]);
  });

  it('imageRows, pushed and not pushed', () => {
    expect(imageRows(result).rows).toEqual([['train', '0123456789ab', '—']]);
    expect(
      imageRows({
        images: result.images,
        pushed: [{ key: 'train', repository: 'ghcr.io/o/p', tags: ['sha-1', 'main'], digest: DIGEST }],
      }).rows,
    ).toEqual([['train', '0123456789ab', 'ghcr.io/o/p:sha-1,main @ 111111111111']]);
  });

  it.each<[string, string]>([
    ['sha256:0123456789abcdef', '0123456789ab'],
    ['0123456789abcdef', '0123456789ab'],
    ['sha256:abc', 'abc'],
  ])('shortId(%s) = %s', (id, short) => {
    expect(shortId(id)).toBe(short);
  });

  it.each<[number, string]>([
    [3, '3'],
    [0, '0'],
    [-2, '-2'],
    [0.3, '0.3'],
    [0.912345678, '0.912346'],
    [0.1 + 0.2, '0.3'],
    [123456.789, '123457'],
    [0.00001234, '1.2340e-5'],
    [1.5e9, '1500000000'],
    [1.5e9 + 0.5, '1.5000e+9'],
    [-0.5, '-0.5'],
  ])('formatNumber(%f) = %s', (n, text) => {
    expect(formatNumber(n)).toBe(text);
  });
});

describe('renderMarkdownReport', () => {
  it('shows the verdict, warnings, metrics, stages, images, push and environment', () => {
    const md = renderMarkdownReport(result);
    expect(md.split('\n')[0]).toBe('## repro-ci: ❌ 2 checks failed');
    expect(md).toContain('> [!WARNING]\n> step "train" runs on the CPU');
    expect(md).toContain(
      [
        '### Metrics',
        '',
        '| metric | value | rule | status |',
        '| --- | --- | --- | --- |',
        '| accuracy | 0.912346 | ≥ 0.9 | ✅ pass |',
        '| loss | 0.3 | ≤ 0.2 | ❌ fail: 0.3 is above the maximum 0.2 |',
        '| f1 | — | ≥ 0.5 | ❌ fail: metric "f1" is not in the metrics file; did you mean "f2"? |',
        '| epochs | 3 |  |  |',
      ].join('\n'),
    );
    expect(md).toContain('### Stages\n\n| stage | status | time |\n| --- | --- | --- |\n| build | ✅ ok | 12.3s |');
    expect(md).toContain('### Images\n\n| image | id | pushed |\n| --- | --- | --- |\n| train | 0123456789ab | — |');
    expect(md).toContain('Push: not pushed (a step or check failed, and only images that passed are pushed).');
    expect(md).toContain('Docker engine 28.2.2, client 28.2.2, buildx v0.24.0. Results and logs: `/p/.repro-ci`.');
  });

  it.each<[string, Partial<PipelineResult>, string]>([
    [
      'passed',
      { ok: true, checks: [{ metric: 'a', value: 1, rule: '≥ 0', ok: true, message: 'ok' }] },
      '## repro-ci: ✅ passed',
    ],
    [
      'one check failed',
      { checks: [{ metric: 'a', value: 1, rule: '≥ 2', ok: false, message: '1 is below the minimum 2' }] },
      '## repro-ci: ❌ 1 check failed',
    ],
    [
      'an error',
      { error: new ReproError('step "train" failed with exit code 1.', { fix: 'read the log.' }) },
      '## repro-ci: ❌ failed',
    ],
  ])('verdict: %s', (_name, over, heading) => {
    expect(renderMarkdownReport({ ...result, ...over }).split('\n')[0]).toBe(heading);
  });

  it('puts the error in a text block', () => {
    const md = renderMarkdownReport({
      ...result,
      error: new ReproError('boom', { fix: 'do this', location: { file: 'repro.yml', line: 3, column: 5 } }),
    });
    expect(md).toContain('```text\nrepro.yml:3:5: boom\n  Fix: do this\n```');
  });

  it('leaves out empty sections and describes the classic builder', () => {
    const md = renderMarkdownReport({
      ...result,
      ok: true,
      checks: [],
      metrics: undefined,
      images: [],
      warnings: [],
      push: { push: true, reason: 'push event with push: auto' },
      environment: { builder: 'classic', clientVersion: '20.10.24', serverVersion: '20.10.24' },
    });
    expect(md).not.toContain('### Metrics');
    expect(md).not.toContain('### Images');
    expect(md).not.toContain('[!WARNING]');
    expect(md).toContain('Push: pushed (push event with push: auto).');
    expect(md).toContain('Docker engine 20.10.24, client 20.10.24, classic BuildKit builder.');
  });

  it('escapes | in metric messages', () => {
    const md = renderMarkdownReport({
      ...result,
      checks: [{ metric: 'a|b', rule: '≥ 1', ok: false, message: 'x | y' }],
      metrics: {},
    });
    expect(md).toContain('| a\\|b | — | ≥ 1 | ❌ fail: x \\| y |');
  });
});

describe('textTable', () => {
  it('aligns columns and trims the line ends', () => {
    expect(
      textTable(
        ['metric', 'value'],
        [
          ['accuracy', '0.91'],
          ['f1', '0.5'],
        ],
      ),
    ).toBe(['metric    value', '────────  ─────', 'accuracy  0.91', 'f1        0.5'].join('\n'));
  });

  it('counts code points, not UTF-16 units', () => {
    expect(
      textTable(
        ['a', 'b'],
        [
          ['≥ 0.9', 'x'],
          ['𝔸', 'y'],
        ],
      ),
    ).toBe(['a      b', '─────  ─', '≥ 0.9  x', '𝔸      y'].join('\n'));
  });

  it('handles short rows', () => {
    expect(textTable(['a', 'b'], [['1']])).toBe(['a  b', '─  ─', '1'].join('\n'));
  });
});

describe('renderTextReport', () => {
  it('renders the sections separated by a blank line', () => {
    const text = renderTextReport(result);
    const parts = text.split('\n\n');
    expect(parts).toHaveLength(3);
    expect(parts[0].split('\n')[0]).toBe('metric    value     rule   status');
    expect(parts[0]).toContain('loss      0.3       ≤ 0.2  ❌ fail: 0.3 is above the maximum 0.2');
    expect(parts[1].split('\n')).toEqual([
      'stage      status      time',
      '─────────  ──────────  ─────',
      'build      ✅ ok        12.3s',
      'run train  ✅ ok        1m05s',
      'check      ❌ failed    0.0s',
      'push       ⏭️ skipped',
    ]);
    expect(parts[2].split('\n')[2]).toBe('train  0123456789ab  —');
  });

  it('renders only the sections asked for', () => {
    expect(renderTextReport(result, { sections: ['images'] })).toBe(
      ['image  id            pushed', '─────  ────────────  ──────', 'train  0123456789ab  —'].join('\n'),
    );
    expect(renderTextReport({ ...result, checks: [], metrics: {}, stages: [], images: [] })).toBe('');
  });
});

describe("within GitHub's limits (issue 20: a 50 MB metrics file made a 74 MB summary)", () => {
  test('a summary over 1 MiB is cut at a line, with a note naming the full report', () => {
    const big = Array.from({ length: 40_000 }, (_, i) => `| metric_${i} | ${i / 7} |`).join('\n');
    const fit = fitSummary(big, '.repro-ci/report.md');
    expect(Buffer.byteLength(fit)).toBeLessThanOrEqual(MAX_SUMMARY_BYTES);
    expect(fit).toMatch(
      /\| metric_\d+ \| [\d.]+ \|\n\n> The summary stops here: GitHub takes at most 1024 KiB\. The whole report is in `\.repro-ci\/report\.md`\.\n$/,
    );
    expect(fitSummary('small', 'x')).toBe('small');
  });

  test('an output over 1 MB says where the data is, as valid JSON', () => {
    const value = JSON.stringify({ a: 'x'.repeat(1_100_000) });
    expect(JSON.parse(fitOutput('metrics', value, '.repro-ci/result.json'))).toEqual({
      omitted: `metrics is ${value.length} bytes, more than GitHub takes in an output (1000000); see .repro-ci/result.json`,
    });
    expect(fitOutput('metrics', '{}', 'f')).toBe('{}');
  });
});
