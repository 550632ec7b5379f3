/**
 * Issue 15: what is published is exactly the commit. A `COPY . .` project in a git checkout, as the
 * seeds write them, through the bundled CLI and through the action harness on the real engine:
 * - repro-ci's own files (.repro-ci: logs, metrics, record, SARIF) never enter the image, whatever the
 *   user's .dockerignore says, so one commit gives one image id on every run (before: three runs, three ids,
 *   and the pushed image held the previous run's logs and record);
 * - uncommitted edits to tracked files are built, said in the log, the summary and the record, and never
 *   pushed under the commit's tags; `push.dirty: tag` pushes them as `dirty-<sha7>-<diff12>` only.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { ReproRecord } from '../../src/record/record.js';
import { cli, docker, REGISTRY, registryDigest, registryTags, uniqueRepo, workspaceWith } from '../support/docker.js';
import { RunnerJob } from '../support/runner.js';

const made: string[] = [];
afterAll(() => {
  for (const ref of made) spawnSync('docker', ['image', 'rm', '--force', ref], { stdio: 'ignore' });
});

/** A committed `COPY . .` project; its step lists what the image holds under /app into results. */
function seedProject(
  name: string,
  extra: Record<string, string> = {},
  pushLines: string[] = [],
): { ws: string; sha: string } {
  const ws = workspaceWith({
    Dockerfile: 'FROM busybox:latest\nWORKDIR /app\nCOPY . .\nCMD ["true"]\n',
    'train.py': 'print("training")\n',
    'repro.yml': [
      'version: 1',
      `name: ${name}`,
      'images: {app: Dockerfile}',
      'steps:',
      '  - name: train',
      "    command: [sh, -c, 'ls -a /app > /out/listing.txt']",
      '    mounts: ["listing:/out"]',
      '    network: none',
      'cache: {layers: none}',
      ...(pushLines.length ? ['push:', ...pushLines.map((l) => `  ${l}`)] : []),
      '',
    ].join('\n'),
    '.gitignore': 'listing/\n',
    ...extra,
  });
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
      cwd: ws,
      encoding: 'utf8',
    }).trim();
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'seed');
  made.push(`${name}:latest`);
  return { ws, sha: git('rev-parse', 'HEAD') };
}

const imageId = (ref: string) => docker('image', 'inspect', '--format', '{{.Id}}', ref);
const listing = (ws: string) => readFileSync(path.join(ws, 'listing/listing.txt'), 'utf8').split('\n').filter(Boolean);
const record = (ws: string) => JSON.parse(readFileSync(path.join(ws, '.repro-ci/record.json'), 'utf8')) as ReproRecord;

describe("the tool's own files never enter a build context", () => {
  test('CLI: run, run --push, run --push of one commit give one image id, and the image holds none of .repro-ci', async () => {
    const name = `pc-cli-${Date.now().toString(36)}`;
    // A user rule that would send the results folder back in: ours come last and win.
    const { ws } = seedProject(name, { '.dockerignore': 'listing\n!.repro-ci\n' });
    const image = `${REGISTRY}/${uniqueRepo('pc')}`;
    const ids: string[] = [];
    for (const args of [
      ['run'],
      ['run', '--push-any-branch', '--image', image],
      ['run', '--push-any-branch', '--image', image],
    ]) {
      const r = await cli(ws, args);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(listing(ws)).not.toContain('.repro-ci');
      ids.push(imageId(`${name}:latest`));
    }
    expect(new Set(ids).size, ids.join(' ')).toBe(1);
    expect(listing(ws)).toEqual(expect.arrayContaining(['Dockerfile', 'train.py', 'repro.yml']));
    expect(record(ws).source.dirty).toBe(false);
  });

  test("action: three runs of one commit (the lint's SARIF written before each build) give one image id", async () => {
    const name = `pc-act-${Date.now().toString(36)}`;
    const { ws, sha } = seedProject(name, { '.dockerignore': 'listing\n' });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const main = await new RunnerJob({ workspace: ws, sha, inputs: { push: 'never' } }).main();
      expect(main.exitCode, main.stdout + main.stderr).toBe(0);
      expect(listing(ws)).not.toContain('.repro-ci');
      ids.push(imageId(`${name}:latest`));
    }
    expect(new Set(ids).size, ids.join(' ')).toBe(1);
  });
});

describe('a local --push pushes what CI would push (issue 21)', () => {
  test('on the default branch (origin/HEAD) it pushes; on another branch it says why not and how; --push-any-branch pushes it', async () => {
    const name = `pc-local-${Date.now().toString(36)}`;
    const { ws } = seedProject(name);
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: ws,
        encoding: 'utf8',
      }).trim();
    // As a clone leaves it: the remote's default branch is known through refs/remotes/origin/HEAD.
    git('branch', '-M', 'main');
    git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
    const repo = uniqueRepo('pcl');
    const main = await cli(ws, ['run', '--push', '--image', `${REGISTRY}/${repo}`]);
    expect(main.code, main.stdout + main.stderr).toBe(0);
    expect(main.stdout + main.stderr).toContain(
      'pushing: --push on the default branch main: the tag rules apply as on a push to it',
    );
    const onMain = await registryTags(repo);
    expect(onMain).toContain('main');

    git('checkout', '-qb', 'feature/x');
    const feature = await cli(ws, ['run', '--push', '--image', `${REGISTRY}/${repo}`]);
    expect(feature.code, feature.stdout + feature.stderr).toBe(0);
    expect(feature.stdout).toContain(
      'not pushed: --push pushes the default branch main and tags, as CI does, and this is branch feature/x; pass --push-any-branch to push it anyway',
    );
    expect(await registryTags(repo)).toEqual(onMain);

    const any = await cli(ws, ['run', '--push-any-branch', '--image', `${REGISTRY}/${repo}`]);
    expect(any.code, any.stdout + any.stderr).toBe(0);
    expect(any.stdout + any.stderr).toContain(
      'pushing: --push-any-branch: pushing branch feature/x as asked (CI would push only the default branch and tags)',
    );
    expect(await registryTags(repo)).toContain('feature-x');
  });
});

describe("uncommitted edits are never published under the commit's name", () => {
  test('CLI: a dirty tree is built, said in the log and the record, and not pushed', async () => {
    const name = `pc-dirty-${Date.now().toString(36)}`;
    const { ws, sha } = seedProject(name);
    appendFileSync(path.join(ws, 'train.py'), 'print("an edit nobody committed")\n');
    const repo = uniqueRepo('pcd');
    const r = await cli(ws, ['run', '--push-any-branch', '--image', `${REGISTRY}/${repo}`]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const out = r.stdout + r.stderr;
    expect(out).toContain(
      `the checkout differs from commit ${sha.slice(0, 7)} in 1 tracked file(s) (train.py): the image holds those edits`,
    );
    expect(out).toContain('not pushing: the checkout differs from commit');
    expect(await registryTags(repo)).toEqual([]);
    const src = record(ws).source;
    expect(src.sha).toBe(sha);
    expect(src.dirty).toMatchObject({ paths: ['train.py'], diffSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(
      docker(
        'image',
        'inspect',
        '--format',
        '{{index .Config.Labels "org.opencontainers.image.revision"}}',
        `${name}:latest`,
      ),
    ).toBe(`${sha}-dirty`);
  });

  test('action with `push.dirty: tag`: pushed as dirty-<sha7>-<diff12> only, with the warning in the summary', async () => {
    const name = `pc-dtag-${Date.now().toString(36)}`;
    const repo = uniqueRepo('pcdt');
    const { ws, sha } = seedProject(name, {}, [`image: ${REGISTRY}/${repo}`, 'when: always', 'dirty: tag']);
    appendFileSync(path.join(ws, 'train.py'), 'print("edited")\n');
    const main = await new RunnerJob({ workspace: ws, sha }).main();
    expect(main.exitCode, main.stdout + main.stderr).toBe(0);
    expect(main.outputs.pushed).toBe('true');
    const diff = (record(ws).source.dirty as { diffSha256: string }).diffSha256;
    expect(await registryTags(repo)).toEqual([`dirty-${sha.slice(0, 7)}-${diff.slice(0, 12)}`]);
    expect(main.summary).toContain(
      `the checkout differs from commit ${sha.slice(0, 7)} in 1 tracked file(s) (train.py)`,
    );
  });
});

describe('a pull request records the commit that was built', () => {
  test('the merge commit checked out (the head not even in the clone): record, revision and created name it', async () => {
    const name = `pc-pr-${Date.now().toString(36)}`;
    const { ws, sha: merge } = seedProject(name, { '.dockerignore': 'listing\n' });
    // As actions/checkout leaves a pull request at depth 1: the merge commit only.
    const head = 'feedc0de'.repeat(5);
    const base = 'ba5eba11'.repeat(5);
    const payload = {
      repository: { full_name: 'octo/seed', default_branch: 'main' },
      pull_request: {
        number: 12,
        head: { sha: head, repo: { full_name: 'octo/seed', fork: false } },
        base: { ref: 'main', sha: base },
      },
    };
    const main = await new RunnerJob({
      workspace: ws,
      sha: merge,
      eventName: 'pull_request',
      ref: 'refs/pull/12/merge',
      repository: 'octo/seed',
      payload,
      inputs: { push: 'never' },
    }).main();
    expect(main.exitCode, main.stdout + main.stderr).toBe(0);
    const src = record(ws).source;
    const time = execFileSync('git', ['show', '--no-patch', '--format=%cI', merge], {
      cwd: ws,
      encoding: 'utf8',
    }).trim();
    expect(src).toMatchObject({
      sha: merge,
      event: 'pull_request',
      pullRequest: 12,
      head,
      base,
      commitTime: time,
      dirty: false,
    });
    const labels = JSON.parse(
      docker('image', 'inspect', '--format', '{{json .Config.Labels}}', `${name}:latest`),
    ) as Record<string, string>;
    expect(labels['org.opencontainers.image.revision']).toBe(merge);
    expect(labels['org.opencontainers.image.created']).toBe(new Date(time).toISOString().replace(/\.000Z$/, 'Z'));
  });
});

describe('a release of a commit that already passed is promoted, not rebuilt', () => {
  test('push to main, then a release of that commit: the same digest under the release tags; the commit tag never moves', async () => {
    const name = `pc-rel-${Date.now().toString(36)}`;
    const repo = uniqueRepo('pcrel');
    const { ws, sha } = seedProject(name, { '.dockerignore': 'listing\n' }, [`image: ${REGISTRY}/${repo}`]);
    const repository = { full_name: 'octo/seed', name: 'seed', default_branch: 'main' };
    const first = await new RunnerJob({
      workspace: ws,
      sha,
      eventName: 'push',
      ref: 'refs/heads/main',
      repository: 'octo/seed',
      payload: { repository },
    }).main();
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    const commitTag = `sha-${sha.slice(0, 7)}`;
    const digest = await registryDigest(repo, commitTag);
    expect(digest).toMatch(/^sha256:/);
    // The release job runs on another (fresh) runner: nothing of the first run's is local.
    docker('image', 'rm', '--force', `${name}:latest`);
    const payload = { repository, action: 'published', release: { tag_name: 'v1.2.0', prerelease: false } };
    const release = await new RunnerJob({
      workspace: ws,
      sha,
      eventName: 'release',
      ref: 'refs/tags/v1.2.0',
      repository: 'octo/seed',
      payload,
    }).main();
    expect(release.exitCode, release.stdout + release.stderr).toBe(0);
    expect(release.outputs.promoted).toBe('true');
    expect(release.stdout).toContain(
      `promoting ${commitTag}: the images of commit ${sha.slice(0, 12)} passed in the run recorded`,
    );
    expect(release.stdout).not.toMatch(/Build app|Step train/);
    expect(release.outputs.digest).toBe(digest);
    expect(release.outputs.tags.split('\n').map((r) => r.split(':').pop())).toEqual(
      expect.arrayContaining(['1.2.0', '1.2', 'v1.2.0', 'latest', commitTag]),
    );
    for (const tag of ['1.2.0', '1.2', 'v1.2.0', 'latest', commitTag, 'main'])
      expect(await registryDigest(repo, tag), tag).toBe(digest);
    // A tag of a commit with no passing image builds and checks as before, and says why.
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: ws,
        encoding: 'utf8',
      }).trim();
    appendFileSync(path.join(ws, 'train.py'), 'print("v1.3")\n');
    git('commit', '-qam', 'next');
    const next = git('rev-parse', 'HEAD');
    const tagPush = await new RunnerJob({
      workspace: ws,
      sha: next,
      eventName: 'push',
      ref: 'refs/tags/v1.3.0',
      repository: 'octo/seed',
      payload: { repository },
    }).main();
    expect(tagPush.exitCode, tagPush.stdout + tagPush.stderr).toBe(0);
    expect(tagPush.outputs.promoted).toBe('false');
    expect(tagPush.stdout).toContain(`not promoting: ${REGISTRY}/${repo}:sha-${next.slice(0, 7)} could not be pulled`);
    expect(tagPush.stdout).toContain('Build app');
    expect(await registryDigest(repo, '1.3.0')).toBe(await registryDigest(repo, `sha-${next.slice(0, 7)}`));
  });
});
