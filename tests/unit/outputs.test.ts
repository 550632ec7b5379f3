import { describe, expect, it } from 'vitest';
import { computeOutputs } from '../../src/action/outputs.js';
import type { PipelineResult } from '../../src/pipeline/result.js';

const TRAIN_DIGEST = 'sha256:1111111111111111111111111111111111111111111111111111111111111111';
const EVAL_DIGEST = 'sha256:2222222222222222222222222222222222222222222222222222222222222222';

const base: PipelineResult = {
  ok: true,
  resultsDir: '/p/.repro-ci',
  stages: [],
  images: [
    { key: 'train', id: 'sha256:aaaa', localTag: 'proj-train:r1' },
    { key: 'eval', id: 'sha256:bbbb', localTag: 'proj-eval:r1' },
  ],
  steps: [],
  metrics: { accuracy: 0.91, 'test.loss': 0.3 },
  checks: [{ metric: 'accuracy', value: 0.91, rule: '≥ 0.9', ok: true, message: 'ok' }],
  push: { push: true, reason: 'push event with push: auto' },
  pushed: [
    { key: 'train', repository: 'ghcr.io/o/p/train', tags: ['sha-0123456', 'main'], digest: TRAIN_DIGEST },
    { key: 'eval', repository: 'ghcr.io/o/p/eval', tags: ['sha-0123456', 'main'], digest: EVAL_DIGEST },
  ],
  publish: {
    tags: ['sha-0123456', 'main'],
    version: 'sha-0123456',
    labels: { 'org.opencontainers.image.revision': '0123456789', 'org.opencontainers.image.version': 'sha-0123456' },
    annotations: {},
    warnings: [],
  },
  warnings: [],
};

describe('computeOutputs', () => {
  it('two images pushed', () => {
    const out = computeOutputs(base);
    expect(out).toEqual({
      'image-id': 'sha256:aaaa',
      digest: TRAIN_DIGEST,
      image: `ghcr.io/o/p/train@${TRAIN_DIGEST}`,
      tags: [
        'ghcr.io/o/p/train:sha-0123456',
        'ghcr.io/o/p/train:main',
        'ghcr.io/o/p/eval:sha-0123456',
        'ghcr.io/o/p/eval:main',
      ].join('\n'),
      images: JSON.stringify({
        train: {
          id: 'sha256:aaaa',
          local: 'proj-train:r1',
          digest: TRAIN_DIGEST,
          tags: ['ghcr.io/o/p/train:sha-0123456', 'ghcr.io/o/p/train:main'],
          image: `ghcr.io/o/p/train@${TRAIN_DIGEST}`,
        },
        eval: {
          id: 'sha256:bbbb',
          local: 'proj-eval:r1',
          digest: EVAL_DIGEST,
          tags: ['ghcr.io/o/p/eval:sha-0123456', 'ghcr.io/o/p/eval:main'],
          image: `ghcr.io/o/p/eval@${EVAL_DIGEST}`,
        },
      }),
      metadata: JSON.stringify({
        tags: ['ghcr.io/o/p/train:sha-0123456', 'ghcr.io/o/p/train:main'],
        labels: {
          'org.opencontainers.image.revision': '0123456789',
          'org.opencontainers.image.version': 'sha-0123456',
        },
        version: 'sha-0123456',
        digest: TRAIN_DIGEST,
        image: `ghcr.io/o/p/train@${TRAIN_DIGEST}`,
      }),
      labels: 'org.opencontainers.image.revision=0123456789\norg.opencontainers.image.version=sha-0123456',
      annotations: '',
      metrics: '{"accuracy":0.91,"test.loss":0.3}',
      checks: '[{"metric":"accuracy","value":0.91,"rule":"≥ 0.9","ok":true,"message":"ok"}]',
      passed: 'true',
      pushed: 'true',
      promoted: 'false',
      'results-dir': '/p/.repro-ci',
      hardware: '{}',
      cache: '{}',
      record: '',
      'record-refs': '',
      determinism: '',
      sarif: '',
    });
    expect(JSON.parse(out.images).eval.digest).toBe(EVAL_DIGEST);
  });

  it('nothing pushed', () => {
    const out = computeOutputs({
      ...base,
      ok: false,
      metrics: undefined,
      checks: [{ metric: 'accuracy', value: 0.5, rule: '≥ 0.9', ok: false, message: '0.5 is below the minimum 0.9' }],
      push: { push: false, reason: 'a step or check failed, and only images that passed are pushed' },
      pushed: [],
    });
    expect(out).toEqual({
      'image-id': 'sha256:aaaa',
      digest: '',
      image: '',
      tags: '',
      images: JSON.stringify({
        train: { id: 'sha256:aaaa', local: 'proj-train:r1', digest: null, tags: [], image: null },
        eval: { id: 'sha256:bbbb', local: 'proj-eval:r1', digest: null, tags: [], image: null },
      }),
      // Labels were put on at build time, pushed or not.
      metadata: JSON.stringify({
        tags: [],
        labels: {
          'org.opencontainers.image.revision': '0123456789',
          'org.opencontainers.image.version': 'sha-0123456',
        },
        version: 'sha-0123456',
        digest: null,
        image: null,
      }),
      labels: 'org.opencontainers.image.revision=0123456789\norg.opencontainers.image.version=sha-0123456',
      annotations: '',
      metrics: '{}',
      checks: '[{"metric":"accuracy","value":0.5,"rule":"≥ 0.9","ok":false,"message":"0.5 is below the minimum 0.9"}]',
      passed: 'false',
      pushed: 'false',
      promoted: 'false',
      'results-dir': '/p/.repro-ci',
      hardware: '{}',
      cache: '{}',
      record: '',
      'record-refs': '',
      determinism: '',
      sarif: '',
    });
  });

  it("tags, labels and annotations joined with the sep-* inputs, as metadata-action's outputs", () => {
    const out = computeOutputs(
      { ...base, publish: { ...base.publish!, annotations: { 'org.opencontainers.image.title': 'MNIST' } } },
      { tags: ',', labels: ' ', annotations: ';' },
    );
    expect(out.tags).toBe(
      'ghcr.io/o/p/train:sha-0123456,ghcr.io/o/p/train:main,ghcr.io/o/p/eval:sha-0123456,ghcr.io/o/p/eval:main',
    );
    expect(out.labels).toBe(
      'org.opencontainers.image.revision=0123456789 org.opencontainers.image.version=sha-0123456',
    );
    expect(out.annotations).toBe('org.opencontainers.image.title=MNIST');
  });

  it('hardware is the typed record as JSON', () => {
    const hardware = {
      cpu: { model: 'AMD EPYC', count: 2 },
      engine: { version: '20.10.24', runtimes: ['runc'] },
      steps: { train: { gpus: 'none', mode: 'cpu-fallback' as const } },
    };
    expect(JSON.parse(computeOutputs({ ...base, hardware }).hardware)).toEqual(hardware);
  });

  it('nothing built', () => {
    const out = computeOutputs({ ...base, ok: false, images: [], pushed: [], checks: [], metrics: undefined });
    expect(out['image-id']).toBe('');
    expect(out.images).toBe('{}');
    expect(out.checks).toBe('[]');
  });
});
