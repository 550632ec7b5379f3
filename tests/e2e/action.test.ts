/**
 * The action as a runner runs it, on examples/mnist, against the real engine and registry, through
 * both build paths: buildx (client 28 + plugin) and the classic 20.10 client with BuildKit.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  classicClientEnv,
  containersWithLabel,
  docker,
  engineFacts,
  registryTags,
  REGISTRY,
  uniqueRepo,
  workspaceFrom,
} from '../support/docker.js';
import { RunnerJob } from '../support/runner.js';

const SHA = 'abcdef0123456789abcdef0123456789abcdef01';

describe.each([
  // Where the product finds no buildx (the classic-client row of .ci/run), `auto` builds with the classic client.
  {
    path: 'auto',
    env: {} as Record<string, string>,
    builder: 'auto',
    expectBuilder: engineFacts().driver ? /building with buildx/ : /building with the classic client with BuildKit/,
  },
  {
    path: 'classic',
    env: classicClientEnv(),
    builder: 'classic',
    expectBuilder: /building with the classic client with BuildKit/,
  },
])('push to main through $path', ({ env, builder, expectBuilder }) => {
  test('builds, trains, evaluates, checks, pushes; post cleans up', async () => {
    const ws = workspaceFrom('examples/mnist');
    const repo = uniqueRepo('mnist');
    const job = new RunnerJob({
      workspace: ws,
      inputs: { image: `${REGISTRY}/${repo}`, builder },
      sha: SHA,
      ref: 'refs/heads/main',
      env,
    });
    const main = await job.main();
    expect(main.exitCode, main.stdout + main.stderr).toBe(0);
    expect(main.stdout).toMatch(expectBuilder);
    // Stage logs are collapsible groups; container output streams inside them.
    expect(main.stdout).toMatch(/::group::Build train/);
    expect(main.stdout).toMatch(/::group::Step train/);
    expect(main.stdout).toMatch(/epoch 60\/60: train loss/);

    const o = main.outputs;
    expect(o['image-id']).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(o.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(o.image).toBe(`${REGISTRY}/${repo}/train@${o.digest}`);
    expect(o.tags.split('\n').sort()).toEqual(
      [
        `${REGISTRY}/${repo}/evaluate:main`,
        `${REGISTRY}/${repo}/evaluate:sha-abcdef0`,
        `${REGISTRY}/${repo}/train:main`,
        `${REGISTRY}/${repo}/train:sha-abcdef0`,
      ].sort(),
    );
    const metrics = JSON.parse(o.metrics) as Record<string, number>;
    expect(metrics.accuracy).toBeGreaterThanOrEqual(0.8);
    expect(metrics.test_samples).toBe(2000);
    expect(o.passed).toBe('true');
    expect(o.pushed).toBe('true');
    const checks = JSON.parse(o.checks) as { metric: string; rule: string; ok: boolean }[];
    expect(checks.map((c) => [c.metric, c.rule, c.ok])).toEqual([
      ['accuracy', '≥ 0.8', true],
      ['accuracy', '≈ reference (atol 0.005, rtol 0)', true],
      ['loss', '≤ 0.6', true],
      ['loss', '≈ reference (atol 0.005, rtol 0)', true],
    ]);

    // What was pushed is in the registry, and pulling by digest gives the image we built.
    expect(await registryTags(`${repo}/train`)).toEqual(['main', 'sha-abcdef0']);
    expect(await registryTags(`${repo}/evaluate`)).toEqual(['main', 'sha-abcdef0']);
    const images = JSON.parse(o.images) as Record<string, { id: string; digest: string }>;
    expect(
      docker('image', 'inspect', '--format', '{{.Id}}', `${REGISTRY}/${repo}/evaluate@${images.evaluate.digest}`),
    ).toBe(images.evaluate.id);
    expect(
      docker(
        'image',
        'inspect',
        '--format',
        '{{index .Config.Labels "org.opencontainers.image.revision"}}',
        images.train.id,
      ),
    ).toBe(SHA);

    // Job summary: verdict, metrics table, stage timings.
    expect(main.summary).toMatch(/## repro-ci: ✅ passed/);
    expect(main.summary).toMatch(/\| accuracy \| 0\.\d+ \| {2}\| {2}\| ≥ 0\.8 \| ✅ pass \|/);
    // SEED=42 reproduces the committed reference (examples/mnist/reference/metrics.json).
    expect(main.summary).toMatch(
      /\| accuracy \| 0\.\d+ \| 0\.8985 \| [-+]?[\d.e-]+ \| ≈ reference \(atol 0\.005, rtol 0\) \| ✅ pass \|/,
    );
    expect(main.summary).toMatch(/\| Step evaluate \| ✅ ok \| \d+\.\ds \|/);

    // Results kept on disk.
    const results = o['results-dir'];
    expect(results).toBe(path.join(ws, '.repro-ci'));
    for (const f of ['metrics.json', 'result.json', 'report.md', 'logs/train.log', 'logs/evaluate.log'])
      expect(existsSync(path.join(results, f)), f).toBe(true);
    expect(readFileSync(path.join(results, 'logs/train.log'), 'utf8')).toMatch(/saved model to \/models\/model\.npz/);
    expect(existsSync(path.join(ws, 'models/model.npz'))).toBe(true);

    // No container of this run is left, and post runs cleanly.
    const runId = main.state.runId;
    expect(runId).toMatch(/^\d+-1-[0-9a-f]{6}$/);
    expect(containersWithLabel(`io.github.repro-ci.run=${runId}`)).toEqual([]);
    const post = await job.post();
    expect(post.exitCode, post.stdout + post.stderr).toBe(0);
    // Main ended its run and every removal went through (checked above): post has nothing to list.
    expect(main.state.cleanEnd).toBe('true');
    expect(post.stdout).toContain(
      `repro-ci: main ended its run ${runId} and removed every container it started; nothing to look for.`,
    );
  });
});

test('a pull request builds and checks but pushes nothing', async () => {
  const ws = workspaceFrom('examples/mnist');
  const repo = uniqueRepo('mnist');
  const job = new RunnerJob({
    workspace: ws,
    inputs: { image: `${REGISTRY}/${repo}` },
    eventName: 'pull_request',
    ref: 'refs/pull/7/merge',
    payload: {
      pull_request: { number: 7, head: { sha: SHA, repo: { full_name: 'octo-org/mnist' } } },
      repository: { full_name: 'octo-org/mnist' },
    },
  });
  const main = await job.main();
  expect(main.exitCode, main.stdout + main.stderr).toBe(0);
  expect(main.outputs.passed).toBe('true');
  expect(main.outputs.pushed).toBe('false');
  expect(main.outputs.digest).toBe('');
  expect(main.stdout).toMatch(/not pushing: pull requests do not push with push: auto/);
  expect(await registryTags(`${repo}/train`)).toEqual([]);
});
