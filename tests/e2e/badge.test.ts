/**
 * Badges through the bundled action as a runner runs it: a push to the default branch commits the
 * shields.io endpoint JSON and the SVG to a dedicated branch (created from the default branch) on a
 * loopback GitHub API; the scheduled `mode: verify` re-runs the pushed image against its record and
 * updates the same files in place; pull requests leave the badge alone.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { shieldsProblems } from '../../src/badge/badge.js';
import { renderBadgeSvg } from '../../src/badge/badge.js';
import { copyMetricsProject, REGISTRY, uniqueRepo } from '../support/docker.js';
import { GitHubApi } from '../support/github-api.js';
import { RunnerJob } from '../support/runner.js';

const name = `badge-${Date.now().toString(36)}`;
const today = new Date().toISOString().slice(0, 10);
const image = `${REGISTRY}/${uniqueRepo('badge')}`;
const ws = copyMetricsProject(
  name,
  ['  accuracy: { min: 0.8 }', '  loss: { max: 0.5 }', 'lint: off', 'cache: { layers: none }'].join('\n'),
  {
    'data/metrics.json': JSON.stringify({ accuracy: 0.9123, loss: 0.3 }),
  },
);
const api = new GitHubApi();
const env = () => ({ GITHUB_API_URL: api.url });
const json = `badges/${name}.json`;

beforeAll(async () => {
  await api.start();
});
afterAll(async () => {
  await api.stop();
});

describe.sequential('badge branch', () => {
  test('a push to main commits badges/NAME.json and .svg to a new repro-badges branch made from main', async () => {
    const r = await new RunnerJob({
      workspace: ws,
      inputs: { image, push: 'always', 'badge-branch': 'repro-badges' },
      env: env(),
    }).main();
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    const message = `checks passed 2/2 · accuracy 0.9123 · ${today}`;
    expect(r.outputs.badge, r.stdout).toBe(message);
    expect(JSON.parse(r.outputs.record)).toMatchObject({
      schemaVersion: 1,
      project: name,
      source: { event: 'push', ref: 'refs/heads/main', repository: 'octo-org/mnist' },
    });
    expect(r.outputs['record-refs']).toMatch(
      new RegExp(`^${image.replace(/[.]/g, '\\.')}:sha256-[0-9a-f]{64}\\.repro$`),
    );
    const writes = api.calls.filter((c) => c.method !== 'GET');
    expect(writes.map((c) => `${c.method} ${c.path}`)).toEqual([
      'POST /repos/octo-org/mnist/git/refs',
      `PUT /repos/octo-org/mnist/contents/${json}`,
      `PUT /repos/octo-org/mnist/contents/badges/${name}.svg`,
    ]);
    expect(writes[0].body).toEqual({ ref: 'refs/heads/repro-badges', sha: 'c0ffee0000000000000000000000000000000000' });
    expect(writes[1].body).toMatchObject({ branch: 'repro-badges', message: `repro-ci: ${message}` });
    expect(writes[1].body!.sha).toBeUndefined();
    const badge = { schemaVersion: 1, label: 'repro-ci', message, color: 'brightgreen' };
    expect(api.files.get(`repro-badges:${json}`)!.content).toBe(JSON.stringify(badge) + '\n');
    expect(shieldsProblems(JSON.parse(api.files.get(`repro-badges:${json}`)!.content))).toEqual([]);
    expect(api.files.get(`repro-badges:badges/${name}.svg`)!.content).toBe(
      renderBadgeSvg(badge as Parameters<typeof renderBadgeSvg>[0]),
    );
    expect([...api.files.keys()].filter((k) => k.startsWith('main:'))).toEqual([]);
    const raw = encodeURIComponent(`https://raw.githubusercontent.com/octo-org/mnist/repro-badges/${json}`);
    expect(r.summary).toContain(
      `[![repro-ci](https://img.shields.io/endpoint?url=${raw})](https://github.com/octo-org/mnist)`,
    );
  });

  test('mode: verify (a scheduled run) re-runs the pushed image and updates the badge in place', async () => {
    api.calls.length = 0;
    const blob = api.files.get(`repro-badges:${json}`)!.sha;
    const r = await new RunnerJob({
      workspace: ws,
      eventName: 'schedule',
      inputs: { mode: 'verify', 'verify-image': `${image}:main`, 'badge-branch': 'repro-badges' },
      env: env(),
    }).main();
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.outputs.passed).toBe('true');
    expect(r.outputs.badge).toBe(`reproduced 2/2 · accuracy 0.9123 · ${today}`);
    expect(r.summary).toContain('**reproduced (2/2 checks pass)**');
    expect(r.summary).toContain('| accuracy | 0.9123 | 0.9123 | 0 | ≥ 0.8 | pass |');
    const put = api.calls.find((c) => c.method === 'PUT' && c.path.endsWith(json))!;
    expect(put.body).toMatchObject({ branch: 'repro-badges', sha: blob });
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);
  });

  test('mode: verify of an image without a record: the job fails and the badge says since when it was last verified', async () => {
    api.calls.length = 0;
    const r = await new RunnerJob({
      workspace: ws,
      eventName: 'schedule',
      inputs: {
        mode: 'verify',
        'verify-image': `${REGISTRY}/${uniqueRepo(name)}:gone`,
        'badge-branch': 'repro-badges',
      },
      env: env(),
    }).main();
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/::error::docker pull .*:gone failed/);
    // The image's last path segment names the badge when no record could be read.
    expect(api.calls.filter((c) => c.method === 'PUT').map((c) => c.path)).toEqual([
      `/repos/octo-org/mnist/contents/badges/${name}.json`,
      `/repos/octo-org/mnist/contents/badges/${name}.svg`,
    ]);
    expect(JSON.parse(api.files.get(`repro-badges:${json}`)!.content)).toEqual({
      schemaVersion: 1,
      label: 'repro-ci',
      message: `not verified since ${today}`,
      color: 'lightgrey',
    });
  });

  test('a pull request never touches the badge', async () => {
    api.calls.length = 0;
    const r = await new RunnerJob({
      workspace: ws,
      eventName: 'pull_request',
      ref: 'refs/pull/3/merge',
      payload: {
        pull_request: {
          number: 3,
          head: { sha: 'a'.repeat(40), repo: { full_name: 'octo-org/mnist' } },
          base: { ref: 'main' },
        },
      },
      inputs: { 'badge-branch': 'repro-badges', comment: 'false' },
      env: env(),
    }).main();
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.outputs.badge).toBe('');
    expect(api.calls).toEqual([]);
  });
});
