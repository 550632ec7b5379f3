import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { buildArgv } from '../../src/docker/argv.js';
import {
  compareImages,
  determinismBuildArgs,
  determinismHeadline,
  epochSeconds,
  failedRebuild,
  layerInstructions,
  planDeterminism,
  summarizeDeterminism,
  supportsSourceDateEpoch,
} from '../../src/determinism/compare.js';
import { determinismSection } from '../../src/determinism/report.js';
import { markdownTable } from '../../src/report/markdown.js';
import { ConfigError } from '../../src/errors.js';

const V08_NOTE =
  'this builder (BuildKit v0.8) does not support SOURCE_DATE_EPOCH; image ids will differ by their timestamps even when the content is identical';
const L = (c: string) => `sha256:${c.repeat(64)}`;

describe('SOURCE_DATE_EPOCH support', () => {
  it.each([
    ['v0.8+unknown', false],
    ['v0.10.6', false],
    ['v0.11.0', true],
    ['v0.20.1', true],
    ['0.12.5', true],
    ['v1.0.0', true],
    // Debian's dockerd 28 reports its BuildKit (v0.25 upstream) unstamped (issue 22).
    ['v0.0.0+unknown', true],
    [undefined, false],
    ['garbage', false],
  ] as const)('%s → %s', (v, ok) => expect(supportsSourceDateEpoch(v)).toBe(ok));

  it('plans the commit time in seconds where supported', () => {
    expect(planDeterminism('v0.12.5', '2026-11-23T10:00:00+01:00')).toEqual({
      buildkit: 'v0.12.5',
      sourceDateEpoch: 1795424400,
    });
    expect(epochSeconds('2026-11-23T09:00:00.900Z')).toBe(1795424400);
    expect(determinismBuildArgs(planDeterminism('v0.12.5', '2026-11-23T09:00:00Z'))).toEqual({
      SOURCE_DATE_EPOCH: '1795424400',
    });
  });

  it('an unstamped BuildKit is taken as current, and says so without a warning', () => {
    expect(planDeterminism('v0.0.0+unknown', '2026-11-23T09:00:00Z')).toEqual({
      buildkit: 'v0.0.0+unknown',
      sourceDateEpoch: 1795424400,
      assumed:
        'this builder reports no BuildKit version (v0.0.0+unknown, built without the version stamp); taken as current, so SOURCE_DATE_EPOCH is set',
    });
  });

  it('says plainly when BuildKit v0.8 cannot, and passes nothing', () => {
    const plan = planDeterminism('v0.8+unknown', '2026-11-23T09:00:00Z');
    expect(plan).toEqual({ buildkit: 'v0.8+unknown', note: V08_NOTE });
    expect(determinismBuildArgs(plan)).toEqual({});
    expect(planDeterminism(undefined, undefined).note).toBe(
      'this builder (BuildKit of unknown version) does not support SOURCE_DATE_EPOCH; image ids will differ by their timestamps even when the content is identical',
    );
    expect(planDeterminism('v0.13.0', undefined).note).toBe(
      'no commit time is known, so SOURCE_DATE_EPOCH is not set; image ids will differ by their timestamps even when the content is identical',
    );
  });
});

describe('buildArgv for the rebuild', () => {
  it('adds --no-cache, no tag, and SOURCE_DATE_EPOCH as a build arg', () => {
    const req = {
      dockerfile: 'Dockerfile',
      context: '.',
      tags: [],
      buildArgs: { A: '1', ...determinismBuildArgs({ sourceDateEpoch: 1795424400 }) },
      labels: {},
      iidFile: '/tmp/iid2',
      noCache: true,
    };
    expect(buildArgv('buildx', req)).toEqual([
      'buildx',
      'build',
      '--progress',
      'plain',
      '--file',
      'Dockerfile',
      '--iidfile',
      '/tmp/iid2',
      '--load',
      '--no-cache',
      '--build-arg',
      'A=1',
      '--build-arg',
      'SOURCE_DATE_EPOCH=1795424400',
      '.',
    ]);
    expect(buildArgv('classic', { ...req, buildArgs: {} })).toEqual([
      'build',
      '--progress',
      'plain',
      '--file',
      'Dockerfile',
      '--iidfile',
      '/tmp/iid2',
      '--no-cache',
      '.',
    ]);
    expect(buildArgv('classic', { ...req, noCache: false, buildArgs: {} })).not.toContain('--no-cache');
  });
});

describe('layerInstructions', () => {
  it('maps BuildKit history (CMD makes no layer) onto the layers', () => {
    const h = [
      'COPY busybox /bin/busybox # buildkit',
      'RUN /bin/busybox --install -s /bin # buildkit',
      'CMD ["sh"]',
      'COPY a.txt /a.txt # buildkit',
      'RUN /bin/sh -c echo hello > /b.txt # buildkit',
    ];
    expect(layerInstructions(h, 4)).toEqual([
      'COPY busybox /bin/busybox',
      'RUN /bin/busybox --install -s /bin',
      'COPY a.txt /a.txt',
      'RUN /bin/sh -c echo hello > /b.txt',
    ]);
  });
  it('maps classic-builder history', () => {
    const h = [
      '/bin/sh -c #(nop) ADD file:abc in / ',
      '/bin/sh -c #(nop)  CMD ["bash"]',
      '/bin/sh -c #(nop)  ENV A=1',
      '/bin/sh -c apt-get update',
    ];
    expect(layerInstructions(h, 2)).toEqual(['ADD file:abc in /', '/bin/sh -c apt-get update']);
  });
  it('gives up when the counts disagree rather than name the wrong instruction', () => {
    expect(layerInstructions(['RUN a # buildkit', 'WORKDIR /x'], 2)).toBeUndefined();
  });
});

describe('compareImages', () => {
  const v08 = planDeterminism('v0.8+unknown', undefined);
  const base = { key: 'app', id: 'sha256:aaaaaaaaaaaa1111', rebuiltId: 'sha256:bbbbbbbbbbbb2222', plan: v08 };

  it('identical ids', () => {
    const r = compareImages({ ...base, rebuiltId: base.id, layers: [L('1')], rebuiltLayers: [L('1')] });
    expect(r.verdict).toBe('identical');
    expect(r.message).toBe('app: identical: the rebuild has the same image id aaaaaaaaaaaa');
  });

  it('same layers, different ids: metadata only', () => {
    const r = compareImages({ ...base, layers: [L('1'), L('2')], rebuiltLayers: [L('1'), L('2')] });
    expect(r).toMatchObject({ verdict: 'metadata-only', layers: { original: 2, rebuilt: 2, matching: 2 } });
    expect(r.message).toBe(
      'app: same file content (all 2 layers match), different image id (aaaaaaaaaaaa vs bbbbbbbbbbbb): they differ only in the created timestamps',
    );
    expect(
      compareImages({ ...base, plan: { sourceDateEpoch: 1 }, layers: [L('1')], rebuiltLayers: [L('1')] }).message,
    ).toMatch(/differ only in metadata \(the image config\)$/);
  });

  it('different content: the first differing layer and its instruction', () => {
    const r = compareImages({
      ...base,
      layers: [L('1'), L('2'), L('3')],
      rebuiltLayers: [L('1'), L('2'), L('4')],
      instructions: ['COPY busybox /bin/busybox', 'COPY a.txt /a.txt', 'RUN /bin/sh -c echo hello > /b.txt'],
    });
    expect(r.verdict).toBe('content-differs');
    expect(r.layers).toEqual({
      original: 3,
      rebuilt: 3,
      matching: 2,
      firstDifferent: {
        index: 2,
        original: L('3'),
        rebuilt: L('4'),
        instruction: 'RUN /bin/sh -c echo hello > /b.txt',
      },
    });
    expect(r.message).toBe(
      'app: different content: layer 3 of 3 (RUN /bin/sh -c echo hello > /b.txt) differs first, 2 layers before it match; files written during the build carry their build time, which alone changes a layer',
    );
  });

  it('a rebuild with fewer layers differs where the shorter ends', () => {
    const r = compareImages({
      ...base,
      plan: { sourceDateEpoch: 5 },
      layers: [L('1'), L('2')],
      rebuiltLayers: [L('1')],
    });
    expect(r.layers?.firstDifferent).toEqual({ index: 1, original: L('2'), rebuilt: '(none)' });
    expect(r.message).toBe('app: different content: layer 2 of 1 differs first, 1 layer before it match');
    const copy = compareImages({
      ...base,
      layers: [L('1'), L('2')],
      rebuiltLayers: [L('1'), L('3')],
      instructions: ['COPY busybox /bin/busybox', 'COPY a.txt /a.txt'],
    });
    expect(copy.message).toBe(
      "app: different content: layer 2 of 2 (COPY a.txt /a.txt) differs first, 1 layer before it match; COPY and ADD keep the source files' modification times, which differ between checkouts (or between a cached layer and a fresh one)",
    );
  });

  it('summary, headline and the Markdown section', () => {
    const imgs = [
      compareImages({
        ...base,
        layers: [L('1'), L('3')],
        rebuiltLayers: [L('1'), L('4')],
        instructions: ['COPY a b', 'RUN echo | tee x'],
      }),
      compareImages({ ...base, key: 'eval', layers: [L('1')], rebuiltLayers: [L('1')] }),
      failedRebuild('gpu', 'sha256:c', 'exit code 1'),
    ];
    const r = summarizeDeterminism(v08, imgs);
    expect(r.contentIdentical).toBe(false);
    expect(summarizeDeterminism(v08, imgs.slice(1)).contentIdentical).toBe(true);
    expect(imgs[2].message).toBe('gpu: the rebuild failed, so determinism is unknown: exit code 1');
    expect(determinismHeadline(r)).toBe(
      'rebuild check: 0/3 identical, 1 same content with different metadata, 1 with different content, 1 rebuild failed',
    );
    expect(determinismSection(r, markdownTable).join('\n')).toBe(
      [
        '### Rebuild check',
        '',
        '0/3 identical, 1 same content with different metadata, 1 with different content, 1 rebuild failed.',
        '',
        `> This builder (BuildKit v0.8) does not support SOURCE_DATE_EPOCH; image ids will differ by their timestamps even when the content is identical.`,
        '',
        '| Image | Verdict | Layers matching | First differing layer |',
        '| --- | --- | --- | --- |',
        '| app | ❌ different content | 1/2 | layer 2: `RUN echo \\| tee x` |',
        '| eval | 🟡 same content, different metadata | 1/1 |  |',
        '| gpu | ⚠️ rebuild failed |  |  |',
        '',
      ].join('\n'),
    );
  });
});

describe('config: determinism', () => {
  const base = 'images:\n  app: Dockerfile\nsteps:\n  - name: run\n';
  it('is absent by default and off with rebuild: false', () => {
    expect(parseConfig(base, '/p/repro.yml').determinism).toBeUndefined();
    expect(parseConfig(`${base}determinism: { rebuild: false }\n`, '/p/repro.yml').determinism).toBeUndefined();
  });
  it('rebuild and fail-on-difference', () => {
    expect(parseConfig(`${base}determinism: { rebuild: true }\n`, '/p/repro.yml').determinism).toEqual({
      rebuild: true,
      failOnDifference: false,
    });
    expect(
      parseConfig(`${base}determinism:\n  rebuild: true\n  fail-on-difference: true\n`, '/p/repro.yml').determinism,
    ).toEqual({ rebuild: true, failOnDifference: true });
  });
  it('a wrong type names the line, the field and the fix', () => {
    let err: unknown;
    try {
      parseConfig(`${base}determinism: { rebuild: twice }\n`, '/p/repro.yml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems).toEqual([
      {
        location: { file: 'repro.yml', line: 5, column: 25 },
        path: 'determinism.rebuild',
        message: 'expected true or false, got the string "twice".',
        fix: 'write `true` or `false`.',
      },
    ]);
  });
});
