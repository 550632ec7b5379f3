import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import type { RunContext } from '../../src/context.js';
import type { PipelineResult } from '../../src/pipeline/result.js';
import { companionRef, companionTag, digestFor, parseImageRef } from '../../src/record/companion.js';
import { buildRecord } from '../../src/record/build.js';
import { parseRecord } from '../../src/record/record.js';
import { configFromRecord, imageRefFor, planVerify } from '../../src/verify/plan.js';
import { renderVerdict } from '../../src/verify/report.js';
import { dockerRunLine, envFileText, renderSha256Sums } from '../../src/archive/readme.js';
import { VERSION } from '../../src/version.js';

const D = `sha256:${'ab'.repeat(32)}`;
const root = '/work/proj';
const config = parseConfig(
  [
    'name: mnist',
    'images: { train: train.dockerfile, evaluate: evaluate.dockerfile }',
    'steps:',
    '  - { name: train, image: train, env: { SEED: 42 }, mounts: ["models:/models"], network: none }',
    '  - { name: evaluate, image: evaluate, command: [python, eval.py], mounts: ["models:/models:ro", "data:/data:ro", "results:/results"] }',
    'metrics: results/metrics.json',
    'checks: { accuracy: { min: 0.8, reference: { atol: 0.005 } } }',
    '',
  ]
    .join('\n')
    .replace('checks:', 'checks:')
    .replace('metrics: results/metrics.json', 'metrics: { file: results/metrics.json, reference: ref.json }'),
  path.join(root, 'repro.yml'),
);
const context: RunContext = {
  eventName: 'push',
  sha: 'f'.repeat(40),
  ref: 'refs/heads/main',
  repository: 'o/mnist',
  isFork: false,
  runId: 'r1',
  commitTime: '2026-01-02T03:04:05Z',
};
const result: PipelineResult = {
  ok: true,
  resultsDir: `${root}/.repro-ci`,
  environment: {
    builder: 'buildx',
    clientVersion: '28.2.2',
    serverVersion: '20.10.24',
    buildxVersion: 'v0.13.1',
  } as PipelineResult['environment'],
  stages: [{ name: 'Build train', status: 'ok', seconds: 1.23456 }],
  images: [
    { key: 'train', id: 'sha256:1111', localTag: 'mnist-train:latest' },
    { key: 'evaluate', id: 'sha256:2222', localTag: 'mnist-evaluate:latest' },
  ],
  steps: [{ name: 'train', image: 'train', exitCode: 0, logFile: 'x', gpus: 'none' }],
  metrics: { accuracy: 0.91 },
  checks: [{ metric: 'accuracy', value: 0.91, rule: '≥ 0.8', ok: true, message: 'ok' }],
  push: { push: true, reason: 'r' },
  pushed: [{ key: 'evaluate', repository: 'ghcr.io/o/mnist/evaluate', tags: ['main'], digest: D }],
  warnings: [],
};
const facts = {
  train: {
    dockerfileSha256: 'aa',
    contextSha256: 'bb',
    contextFiles: 3,
    baseImages: [{ name: 'python:3.11-slim', id: 'sha256:py', resolved: 'local-image-id' as const }],
  },
};

describe('buildRecord', () => {
  const r = buildRecord(result, config, context, facts, new Date('2026-11-23T10:00:00Z'));

  it('a pull request: the merge commit that was built, its time, and the head and base beside it', () => {
    const pr: RunContext = {
      ...context,
      eventName: 'pull_request',
      ref: 'refs/pull/7/merge',
      sha: 'a'.repeat(40),
      built: 'm'.repeat(40),
      prNumber: 7,
      prBase: 'b'.repeat(40),
    };
    expect(buildRecord(result, config, pr, facts, new Date()).source).toEqual({
      repository: 'o/mnist',
      sha: 'm'.repeat(40),
      ref: 'refs/pull/7/merge',
      event: 'pull_request',
      commitTime: '2026-01-02T03:04:05Z',
      pullRequest: 7,
      head: 'a'.repeat(40),
      base: 'b'.repeat(40),
      dirty: false,
    });
  });

  it('no commit time: the record says why', () => {
    expect(
      buildRecord(result, config, { ...context, commitTime: undefined }, facts, new Date()).source.commitTimeUnknown,
    ).toBe(`git could not read the time of commit ${'f'.repeat(12)} in this checkout`);
  });
  it('source, tool and images with relative paths, hashes, base images and pushed digests', () => {
    expect(r.schemaVersion).toBe(1);
    expect(r.tool).toEqual({ name: 'repro-ci', version: VERSION });
    expect(r.createdAt).toBe('2026-11-23T10:00:00.000Z');
    expect(r.source).toEqual({
      repository: 'o/mnist',
      sha: 'f'.repeat(40),
      ref: 'refs/heads/main',
      event: 'push',
      commitTime: '2026-01-02T03:04:05Z',
      pullRequest: undefined,
      dirty: false,
    });
    expect(r.images[0]).toEqual({
      key: 'train',
      dockerfile: 'train.dockerfile',
      context: '.',
      buildArgs: {},
      dockerfileSha256: 'aa',
      contextSha256: 'bb',
      contextFiles: 3,
      baseImages: facts.train.baseImages,
      id: 'sha256:1111',
      localTag: 'mnist-train:latest',
    });
    expect(r.images[1].pushed).toEqual({ repository: 'ghcr.io/o/mnist/evaluate', tags: ['main'], digest: D });
    expect(r.images[1].baseImages).toEqual([]);
  });
  it('steps: env, mounts with their producer, which step writes the metrics, exit codes', () => {
    expect(r.steps.map((s) => [s.name, s.writesMetrics, s.exitCode, s.mounts])).toEqual([
      ['train', false, 0, [{ host: 'models', container: '/models', readOnly: false }]],
      [
        'evaluate',
        true,
        undefined,
        [
          { host: 'models', container: '/models', readOnly: true, producedBy: 'train' },
          { host: 'data', container: '/data', readOnly: true },
          { host: 'results', container: '/results', readOnly: false },
        ],
      ],
    ]);
    expect(r.steps[0].env).toEqual({ SEED: '42' });
    expect(r.steps[1].command).toEqual(['python', 'eval.py']);
  });
  it('metrics, rules without source locations, verdicts, environment, timings', () => {
    expect(r.metrics).toEqual({
      sources: [{ path: 'results/metrics.json', format: 'json' }],
      reference: 'ref.json',
      values: { accuracy: 0.91 },
    });
    expect(r.rules).toEqual([{ metric: 'accuracy', min: 0.8, reference: { atol: 0.005, rtol: 0 } }]);
    expect(r.verdicts).toBe(result.checks);
    expect(r.environment).toEqual({
      builder: 'buildx',
      client: '28.2.2',
      engine: '20.10.24',
      buildx: 'v0.13.1',
      buildkit: undefined,
    });
    expect(r.timings).toEqual([{ stage: 'Build train', status: 'ok', seconds: 1.235 }]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(parseRecord(JSON.stringify(r), 'x'));
  });
  it('parseRecord refuses what it cannot read, saying why', () => {
    expect(() => parseRecord('{', 'c')).toThrow(/^c is not JSON/);
    expect(() => parseRecord('{}', 'c')).toThrow('c is not a repro-ci record (no schemaVersion).');
    expect(() => parseRecord(JSON.stringify({ ...r, schemaVersion: 2 }), 'c')).toThrow(
      `c has schemaVersion 2; this repro-ci (${VERSION}) reads up to 1. Use a newer repro-ci.`,
    );
    expect(() => parseRecord(JSON.stringify({ ...r, steps: undefined }), 'c')).toThrow(
      'c: `steps` is missing or not a list.',
    );
  });

  it('verify plan: the metric-writing step and the producer of its model; data from the workspace', () => {
    const plan = planVerify(r);
    expect(plan.steps.map((s) => s.name)).toEqual(['train', 'evaluate']);
    expect(plan.notes).toEqual([
      'evaluate reads models/ that train wrote (it is in no image): re-running train first.',
    ]);
    expect(plan.externalInputs).toEqual(['data']);
    expect(planVerify(r, ['train']).steps.map((s) => s.name)).toEqual(['train']);
    expect(() => planVerify(r, ['evaluat'])).toThrow('the record has no step "evaluat".');
    // A build-and-push-only run recorded no step: nothing to re-run, said as such (exit code 2).
    expect(() => planVerify({ ...r, steps: [] })).toThrow(
      `the record of ${r.project} has no steps (a build-and-push-only run): there is nothing to re-run.`,
    );
    const c = configFromRecord(r, plan, '/tmp/v', '/src/checkout', '/tmp/v/.repro-ci');
    expect(c.steps[1].mounts).toEqual([
      { host: '/tmp/v/models', container: '/models', readOnly: true },
      { host: '/src/checkout/data', container: '/data', readOnly: true },
      { host: '/tmp/v/results', container: '/results', readOnly: false },
    ]);
    expect(c.metrics?.reference?.file).toBe('/tmp/v/recorded-metrics.json');
    expect(c.checks.map((x) => x.metric)).toEqual(['accuracy']);
    expect(imageRefFor(r, 'evaluate', true)).toBe(`ghcr.io/o/mnist/evaluate@${D}`);
    expect(imageRefFor(r, 'train', false)).toBe('mnist-train:latest');
    expect(() => imageRefFor(r, 'train', true)).toThrow(
      'image "train" of the record was never pushed, so it cannot be pulled.',
    );
  });

  it('verdict table: recorded vs re-run, the failing rule in words', () => {
    const checks = [
      { metric: 'accuracy', value: 0.91, rule: '≥ 0.8', ok: true, message: 'ok' },
      {
        metric: 'accuracy',
        value: 0.91,
        rule: '≈ reference (atol 0.005, rtol 0)',
        ok: false,
        message: '|0.91 - 0.5| = 0.41 exceeds the tolerance 0.005 (atol 0.005 + rtol 0 × |0.5|)',
        against: { kind: 'reference' as const, value: 0.5, delta: 0.41 },
      },
    ];
    expect(renderVerdict(r, checks)).toBe(
      [
        'metric    recorded  re-run  delta  rule                             verdict',
        '────────  ────────  ──────  ─────  ───────────────────────────────  ───────────────────────────────────────────────────────────────────────────────────',
        'accuracy  0.91      0.91    0      ≥ 0.8                            pass',
        'accuracy  0.5       0.91    +0.41  ≈ recorded (atol 0.005, rtol 0)  FAIL: |0.91 - 0.5| = 0.41 exceeds the tolerance 0.005 (atol 0.005 + rtol 0 × |0.5|)',
        'verdict: NOT reproduced (1 of 2 checks fail)',
      ].join('\n'),
    );
    expect(renderVerdict(r, checks.slice(0, 1))).toMatch(/\nverdict: reproduced \(1\/1 checks pass\)$/);
  });

  it("archive README lines: the run's own argv builder, every recorded flag; checksums", () => {
    expect(dockerRunLine(r.steps[0], 'mnist-train:latest', 'mnist')).toBe(
      'docker run --rm --name mnist-train --init --network none --env-file env/train.env --mount "type=bind,source=$PWD/work/models,target=/models" mnist-train:latest',
    );
    expect(dockerRunLine(r.steps[1], 'img', 'mnist')).toBe(
      'docker run --rm --name mnist-evaluate --init --mount "type=bind,source=$PWD/work/models,target=/models,readonly" --mount "type=bind,source=$PWD/work/data,target=/data,readonly" --mount "type=bind,source=$PWD/work/results,target=/results" --entrypoint python img eval.py',
    );
    // A GPU step as it ran: --gpus, the GPU shm default, ulimits, ipc, and the reader's own uid:gid for `user: runner`.
    const gpu = {
      ...r.steps[0],
      env: {},
      gpus: 'all',
      resources: {
        ...r.steps[0].resources,
        ulimits: { memlock: '-1' },
        ipc: 'host',
        user: 'runner',
        passEnv: ['HF_TOKEN'],
      },
    };
    expect(dockerRunLine(gpu, 'img', 'p')).toBe(
      'docker run --rm --name p-train --init --network none --env HF_TOKEN --mount "type=bind,source=$PWD/work/models,target=/models" --gpus all --ulimit memlock=-1 --ipc host --user "$(id -u):$(id -g)" img',
    );
    expect(envFileText(r.steps[0])).toBe('SEED=42\n');
    expect(renderSha256Sums({ 'b.txt': '02', 'a.txt': '01' })).toBe('01  a.txt\n02  b.txt\n');
  });
});

describe('companion tags', () => {
  it('named after the digest, as cosign names signatures', () => {
    expect(companionTag(D)).toBe(`sha256-${'ab'.repeat(32)}.repro`);
    expect(companionTag(D).length).toBeLessThanOrEqual(128);
    expect(companionRef('127.0.0.1:5000/o/p', D)).toBe(`127.0.0.1:5000/o/p:sha256-${'ab'.repeat(32)}.repro`);
    expect(() => companionTag('sha256:abc')).toThrow(
      '"sha256:abc" is not a sha256 digest (sha256: and 64 hex digits).',
    );
  });
  it.each([
    ['127.0.0.1:5000/o/p', { repository: '127.0.0.1:5000/o/p' }],
    ['127.0.0.1:5000/o/p:main', { repository: '127.0.0.1:5000/o/p', tag: 'main' }],
    [`ghcr.io/o/p@${D}`, { repository: 'ghcr.io/o/p', digest: D }],
    [`ghcr.io/o/p:v1@${D}`, { repository: 'ghcr.io/o/p', tag: 'v1', digest: D }],
  ])('parseImageRef(%s)', (ref, want) => {
    expect(parseImageRef(ref)).toEqual(want);
  });
  it('rejects malformed references', () => {
    expect(() => parseImageRef('ghcr.io/o/p@sha256:12')).toThrow(
      '"ghcr.io/o/p@sha256:12": the part after @ must be sha256: and 64 hex digits.',
    );
    expect(() => parseImageRef('Ghcr.io/O/P')).toThrow(/is not an image reference/);
  });
  it('digestFor picks the repository among RepoDigests', () => {
    expect(digestFor('ghcr.io/o/p', [`other/x@sha256:1`, `ghcr.io/o/p@${D}`])).toBe(D);
    expect(digestFor('python', [`docker.io/library/python@${D}`])).toBe(D);
    expect(digestFor('python', [])).toBeUndefined();
  });
});
