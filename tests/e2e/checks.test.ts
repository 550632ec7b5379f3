/**
 * Result checks end to end, through the bundled action and CLI against the real engine: a baseline saved
 * by a push run (through @actions/cache and the loopback cache service) compared by pull request runs,
 * the sticky PR comment on a loopback GitHub API, a failing reference check that keeps its results and
 * pushes nothing, repeats, and every metrics format.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CacheService } from '../support/cache-service.js';
import { cli, copyMetricsProject, registryTags, REGISTRY, uniqueRepo, workspaceWith } from '../support/docker.js';
import { GitHubApi } from '../support/github-api.js';
import { RunnerJob } from '../support/runner.js';

const BUSYBOX = 'FROM busybox:latest\n';
const PUSH_SHA = '0123456789abcdef0123456789abcdef01234567';
const HEAD_SHA = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const TOKEN = 'ghs_faketoken0000000000000000000000000000';

const project = copyMetricsProject;

const setAccuracy = (ws: string, acc: number) =>
  writeFileSync(path.join(ws, 'data/metrics.json'), JSON.stringify({ accuracy: acc, loss: 0.3 }));

function prPayload(base: string, headRepo = 'octo-org/mnist') {
  return {
    repository: { full_name: 'octo-org/mnist', default_branch: 'main' },
    pull_request: {
      number: 7,
      base: { ref: base },
      head: { sha: HEAD_SHA, repo: { full_name: headRepo, fork: headRepo !== 'octo-org/mnist' } },
    },
  };
}

describe('baseline from an earlier push run, PR comment updated in place', () => {
  const cache = new CacheService();
  const baselines = () => cache.entries.filter((e) => e.key.startsWith('repro-ci-metrics-v1/'));
  const api = new GitHubApi();
  let ws: string;
  const env = () => ({ ...cache.env(), GITHUB_API_URL: api.url });
  const prJob = (base = 'main', headRepo?: string) =>
    new RunnerJob({
      workspace: ws,
      eventName: 'pull_request',
      ref: 'refs/pull/7/merge',
      sha: 'cccccccccccccccccccccccccccccccccccccccc',
      payload: prPayload(base, headRepo),
      env: env(),
    });

  beforeAll(async () => {
    await cache.start();
    await api.start();
    ws = project(
      'baseline-e2e',
      '  accuracy: { min: 0.5, no-worse-than-base: { direction: higher, allowed-drop: 0.01 } }',
      { 'data/metrics.json': '' },
    );
  });
  afterAll(async () => {
    await cache.stop();
    await api.stop();
  });

  test('the first push run has no baseline (a notice) and saves one', async () => {
    setAccuracy(ws, 0.9);
    const main = await new RunnerJob({
      workspace: ws,
      eventName: 'push',
      ref: 'refs/heads/main',
      sha: PUSH_SHA,
      payload: { repository: { full_name: 'octo-org/mnist', default_branch: 'main' } },
      env: env(),
    }).main();
    expect(main.exitCode, main.stdout + main.stderr).toBe(0);
    expect(main.stdout).toContain(
      '::notice title=repro-ci::accuracy no worse than base (higher is better, drop ≤ 0.01): no baseline: no successful run of main has saved metrics yet',
    );
    expect(main.summary).toContain(
      '| accuracy | 0.9 |  |  | no worse than base (higher is better, drop ≤ 0.01) | ℹ️ no baseline: no successful run of main has saved metrics yet |',
    );
    expect(main.summary).toContain('No baseline: no successful run of main has saved metrics yet.');
    expect(main.stdout).toContain('saved the metrics as the baseline of main');
    // Baselines only (a builder that exports keeps its type=gha layer cache in the same service).
    expect(baselines().map((e) => e.key)).toEqual([`repro-ci-metrics-v1/baseline-e2e/main/${PUSH_SHA}`]);
    // Not a pull request: no comment, and no notice about one.
    expect(api.calls).toEqual([]);
    expect(main.stdout).not.toContain('PR comment skipped');
    expect(existsSync(path.join(ws, '.repro-ci-baseline'))).toBe(false);
  });

  test('a pull request compares with it: deltas in the summary, and a new comment', async () => {
    setAccuracy(ws, 0.95);
    const main = await prJob().main();
    expect(main.exitCode, main.stdout + main.stderr).toBe(0);
    const row = '| accuracy | 0.95 | 0.9 | +0.05 | no worse than base (higher is better, drop ≤ 0.01) | ✅ pass |';
    expect(main.summary).toContain('| metric | value | reference/base | delta | rule | status |');
    expect(main.summary).toContain('| accuracy | 0.95 |  |  | ≥ 0.5 | ✅ pass |');
    expect(main.summary).toContain(row);
    expect(main.summary).toContain('| loss | 0.3 |  |  |  |  |');
    expect(main.summary).toContain('Baseline: main@0123456 (last successful run of main).');
    expect(api.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'GET /repos/octo-org/mnist/issues/7/comments',
      'POST /repos/octo-org/mnist/issues/7/comments',
    ]);
    expect(api.calls[1].authorization).toBe(`token ${TOKEN}`);
    expect(api.comments).toHaveLength(1);
    const body = api.comments[0].body;
    expect(body.split('\n').slice(0, 2)).toEqual([
      '<!-- repro-ci:report project=baseline-e2e -->',
      '## repro-ci: ✅ passed',
    ]);
    expect(body).toContain(row);
    expect(main.stdout).toContain('created the report comment on pull request #7');
    // A pull request never becomes a baseline.
    expect(baselines()).toHaveLength(1);
  });

  test('a regression fails the PR run, annotates the rule and updates the same comment', async () => {
    setAccuracy(ws, 0.85);
    api.calls.length = 0;
    const main = await prJob().main();
    expect(main.exitCode).toBe(1);
    const msg = '0.85 is 0.05 below the base 0.9 (main@0123456), more than the allowed drop 0.01';
    expect(main.stdout).toContain(
      `::error file=repro.yml,line=11,col=13::check failed: accuracy no worse than base (higher is better, drop ≤ 0.01): ${msg}`,
    );
    expect(main.stdout).toContain('::error::1 check(s) failed; results kept in');
    expect(main.summary.split('\n')[0]).toBe('## repro-ci: ❌ 1 check failed');
    expect(main.summary).toContain(
      `| accuracy | 0.85 | 0.9 | -0.05 | no worse than base (higher is better, drop ≤ 0.01) | ❌ fail: ${msg} |`,
    );
    expect(api.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'GET /repos/octo-org/mnist/issues/7/comments',
      'PATCH /repos/octo-org/mnist/issues/comments/9001',
    ]);
    expect(api.comments).toHaveLength(1);
    expect(api.comments[0].body).toContain('## repro-ci: ❌ 1 check failed');
    expect(api.comments[0].body).toContain(msg);
    expect(main.outputs.passed).toBe('false');
    expect(JSON.parse(main.outputs.checks)[1]).toEqual({
      metric: 'accuracy',
      value: 0.85,
      rule: 'no worse than base (higher is better, drop ≤ 0.01)',
      ok: false,
      message: msg,
      against: { kind: 'base', value: 0.9, delta: 0.85 - 0.9 },
    });
  });

  test('a pull request into a branch with no saved run passes with a notice', async () => {
    setAccuracy(ws, 0.6);
    const main = await prJob('develop').main();
    expect(main.exitCode, main.stdout).toBe(0);
    expect(main.stdout).toContain(
      '::notice title=repro-ci::accuracy no worse than base (higher is better, drop ≤ 0.01): no baseline: no successful run of develop has saved metrics yet',
    );
  });

  test('a fork: no API call, a notice', async () => {
    setAccuracy(ws, 0.95);
    api.calls.length = 0;
    const main = await prJob('main', 'someone/mnist').main();
    expect(main.exitCode, main.stdout).toBe(0);
    expect(main.stdout).toContain(
      '::notice::PR comment skipped: the pull request comes from a fork, whose token cannot write comments (the report is in the job summary).',
    );
    expect(api.calls).toEqual([]);
  });

  test('a token that cannot write (403): a notice, the run still passes', async () => {
    api.calls.length = 0;
    api.writeStatus = 403;
    const main = await prJob().main();
    api.writeStatus = undefined;
    expect(main.exitCode, main.stdout).toBe(0);
    expect(main.stdout).toContain(
      '::notice::PR comment skipped: the token cannot write pull request comments (HTTP 403); give the job `permissions: pull-requests: write`.',
    );
    expect(api.calls.map((c) => c.method)).toEqual(['GET', 'PATCH']);
  });
});

test('a failing reference check keeps every result on disk and pushes nothing', async () => {
  const repo = uniqueRepo('refcheck');
  const ws = project('refcheck', '  accuracy: { reference: { atol: 0.001 } }\n  loss: { max: 1 }', {
    'data/metrics.json': JSON.stringify({ accuracy: 0.9, loss: 0.3 }),
    'reference/metrics.json': JSON.stringify({ accuracy: 0.99, loss: 0.3 }),
  });
  writeFileSync(
    path.join(ws, 'repro.yml'),
    readFileSync(path.join(ws, 'repro.yml'), 'utf8').replace(
      'metrics: results/metrics.json',
      'metrics: { file: results/metrics.json, reference: reference/metrics.json }',
    ),
  );
  const main = await new RunnerJob({ workspace: ws, inputs: { push: 'always', image: `${REGISTRY}/${repo}` } }).main();
  expect(main.exitCode).toBe(1);
  const msg = '|0.9 - 0.99| = 0.09 exceeds the tolerance 0.001 (atol 0.001 + rtol 0 × |0.99|)';
  expect(main.summary).toContain(
    `| accuracy | 0.9 | 0.99 | -0.09 | ≈ reference (atol 0.001, rtol 0) | ❌ fail: ${msg.replace(/\|/g, '\\|')} |`,
  );
  expect(main.summary).toContain('| loss | 0.3 |  |  | ≤ 1 | ✅ pass |');
  expect(main.summary).toContain('Push: not pushed (a step or check failed, and only images that passed are pushed).');
  expect(main.outputs.pushed).toBe('false');
  const results = main.outputs['results-dir'];
  expect(results).toBe(path.join(ws, '.repro-ci'));
  for (const f of ['metrics.json', 'result.json', 'report.md', 'logs/evaluate.log'])
    expect(existsSync(path.join(results, f)), f).toBe(true);
  expect(readFileSync(path.join(results, 'report.md'), 'utf8')).toContain(msg.replace(/\|/g, '\\|'));
  expect(JSON.parse(readFileSync(path.join(results, 'metrics.json'), 'utf8'))).toEqual({ accuracy: 0.9, loss: 0.3 });
  expect(await registryTags(repo)).toEqual([]);
});

describe('repeats through the CLI', () => {
  const yml = (repeat: string, script: string) =>
    [
      'images:',
      '  app: Dockerfile',
      'steps:',
      '  - name: prepare',
      "    command: [sh, -c, 'echo once > /results/prepared']",
      '    mounts: ["results:/results"]',
      '  - name: evaluate',
      `    command: [sh, -c, '${script}']`,
      '    env: { SEED: 42 }',
      '    mounts: ["results:/results"]',
      '    network: none',
      'metrics: results/metrics.json',
      `repeat: ${repeat}`,
      'checks:',
      '  accuracy: { min: 0.9 }',
      '',
    ].join('\n');

  test('the same inputs three times: bit-identical, rules on each run', async () => {
    const ws = workspaceWith({
      'repro.yml': yml(
        '{ count: 3, steps: [evaluate], checks: each }',
        'echo "{\\"accuracy\\": 0.95}" > /results/metrics.json',
      ),
      Dockerfile: BUSYBOX,
    });
    const r = await cli(ws, ['run']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/accuracy +0\.95 +≥ 0\.9, each run +✅ pass/);
    expect(r.stdout).toMatch(/metric +mean +std +min +max\n[─ ]+\naccuracy +0\.95 +0 +0\.95 +0\.95/);
    expect(r.stdout).toContain(
      '3 runs with the same inputs; rules applied to each run.\nOutputs bit-identical across the 3 runs.',
    );
    expect(r.stdout).toMatch(/Step prepare +✅ ok/);
    expect(r.stdout).toMatch(/Step evaluate \(run 3\/3\) +✅ ok/);
    for (const f of [
      'logs/prepare.log',
      'logs/evaluate.log',
      'logs/evaluate-run2.log',
      'logs/evaluate-run3.log',
      'runs/1/metrics.json',
      'runs/3/metrics.json',
    ])
      expect(existsSync(path.join(ws, '.repro-ci', f)), f).toBe(true);
    expect(existsSync(path.join(ws, '.repro-ci/logs/prepare-run2.log'))).toBe(false);
  });

  test('a seed per run: statistics, the rule on the mean, outputs that differ', async () => {
    const ws = workspaceWith({
      'repro.yml': yml(
        '{ count: 3, steps: [evaluate], seed-env: SEED }',
        'echo "{\\"accuracy\\": 0.9$SEED}" > /results/metrics.json',
      ),
      Dockerfile: BUSYBOX,
    });
    const r = await cli(ws, ['run']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/accuracy +0\.943 +0\.001 +0\.942 +0\.944/);
    expect(r.stdout).toContain(
      '3 runs with seeds 42, 43, 44; rules applied to the mean.\nOutputs differ between runs: results/metrics.json.',
    );
    const result = JSON.parse(readFileSync(path.join(ws, '.repro-ci/result.json'), 'utf8'));
    expect(result.repeat).toMatchObject({
      count: 3,
      seeds: ['42', '43', '44'],
      identical: false,
      differing: ['results/metrics.json'],
    });
    expect(result.metrics.accuracy).toBeCloseTo(0.943, 12);
  });
});

test('every metrics format in one run: JSON with NaN, YAML, CSV rows, dvc.yaml', async () => {
  const script = [
    'echo "{\\"accuracy\\": 0.91, \\"loss\\": NaN}" > /results/eval.json',
    'printf "f1: 0.8\\nnested:\\n  auc: 0.7\\n" > /results/extra.yaml',
    'printf "epoch,acc\\n1,0.5\\n2,0.75\\n" > /results/history.csv',
    'printf "split,acc\\ntrain,0.99\\ntest,0.88\\n" > /results/splits.csv',
    'printf "metrics:\\n  - dvc_scores.json\\n" > /results/dvc.yaml',
    'echo "{\\"bleu\\": 31.5}" > /results/dvc_scores.json',
  ].join('; ');
  const yml = [
    'images:',
    '  app: Dockerfile',
    'steps:',
    '  - name: evaluate',
    `    command: [sh, -c, '${script}']`,
    '    mounts: ["results:/results"]',
    'metrics:',
    '  files:',
    '    - results/eval.json',
    '    - results/extra.yaml',
    '    - { path: results/history.csv, prefix: history }',
    '    - { path: results/splits.csv, row: test, prefix: splits }',
    '    - results/dvc.yaml',
    'checks:',
    '  accuracy: { min: 0.9 }',
    '  nested.auc: { min: 0.6 }',
    '  history.acc: { min: 0.7 }',
    '  splits.acc: { min: 0.85 }',
    '  bleu: { min: 30 }',
    '  loss: { max: 1 }',
    '',
  ].join('\n');
  const ws = workspaceWith({ 'repro.yml': yml, Dockerfile: BUSYBOX });
  const r = await cli(ws, ['run']);
  expect(r.code).toBe(1);
  for (const line of [
    /accuracy +0\.91 +≥ 0\.9 +✅ pass/,
    /nested\.auc +0\.7 +≥ 0\.6 +✅ pass/,
    /history\.acc +0\.75 +≥ 0\.7 +✅ pass/,
    /splits\.acc +0\.88 +≥ 0\.85 +✅ pass/,
    /bleu +31\.5 +≥ 30 +✅ pass/,
    /f1 +0\.8\n/,
    /history\.epoch +2\n/,
  ])
    expect(r.stdout).toMatch(line);
  expect(r.stdout).toMatch(/loss +— +≤ 1 +❌ fail: metric "loss" is NaN, not a finite number/);
  expect(r.stderr).toContain('1 check(s) failed.');
  const kept = JSON.parse(readFileSync(path.join(ws, '.repro-ci/metrics.json'), 'utf8'));
  expect(kept).toEqual({
    accuracy: 0.91,
    loss: 'NaN',
    f1: 0.8,
    nested: { auc: 0.7 },
    history: { epoch: 2, acc: 0.75 },
    splits: { split: 'test', acc: 0.88 },
    bleu: 31.5,
  });
  for (const f of ['eval.json', 'extra.yaml', 'history.csv', 'splits.csv', 'dvc.yaml', 'dvc_scores.json'])
    expect(existsSync(path.join(ws, '.repro-ci/metrics/results', f)), f).toBe(true);
});
