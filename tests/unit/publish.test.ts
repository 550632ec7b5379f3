import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunContext } from '../../src/context.js';
import { loginArgv } from '../../src/docker/argv.js';
import { Docker } from '../../src/docker/docker.js';

/** No engine API here: the Docker class asks its (fake) CLI, as it does for a remote engine. */
const NO_ENGINE_API = { socket: () => undefined, info: async () => undefined };
import type { Exec, ExecOptions } from '../../src/exec/exec.js';
import { MemoryLogger } from '../../src/log.js';
import { annotationsDropped, type AnnotationFacts } from '../../src/publish/annotations.js';
import { ociLabels, parseLabelLines } from '../../src/publish/labels.js';
import { createDockerConfig, privateDockerConfig, removeDockerConfig, resolveLogins } from '../../src/publish/login.js';
import { decidePublish, PartialPush, planPublish, pushImages } from '../../src/publish/publish.js';
import { backoffDelays, withRetries } from '../../src/publish/retry.js';
import {
  DEFAULT_PUSH_RETRIES,
  parsePushSettings,
  pushRepositoriesFor,
  resolvePublish,
  type PushSettings,
} from '../../src/publish/settings.js';
import { DEFAULT_FLAVOR, DEFAULT_TAG_SPECS, parseTagSpec } from '../../src/publish/tags.js';
import { ReproError } from '../../src/errors.js';

const SHA = '860c1904a1ce19322e91ac35af1ab07466440c37';
const ctx = (over: Partial<RunContext> = {}): RunContext => ({
  eventName: 'push',
  sha: SHA,
  ref: 'refs/heads/main',
  defaultBranch: 'main',
  isFork: false,
  runId: 'r1',
  repository: 'octo/mnist',
  ...over,
});
const REPO = { name: 'mnist', description: 'A small model', htmlUrl: 'https://github.com/octo/mnist', license: 'MIT' };

describe('ociLabels', () => {
  it('from the repository, the event and the commit, sorted', () => {
    expect(ociLabels(ctx({ repo: REPO, commitTime: '2024-05-01T12:00:00+02:00' }), '1.2.3')).toEqual({
      'org.opencontainers.image.created': '2024-05-01T10:00:00Z',
      'org.opencontainers.image.description': 'A small model',
      'org.opencontainers.image.licenses': 'MIT',
      'org.opencontainers.image.revision': SHA,
      'org.opencontainers.image.source': 'https://github.com/octo/mnist',
      'org.opencontainers.image.title': 'mnist',
      'org.opencontainers.image.url': 'https://github.com/octo/mnist',
      'org.opencontainers.image.version': '1.2.3',
    });
  });

  it('leaves out what is unknown: no wall-clock `created`, no NOASSERTION license', () => {
    expect(ociLabels(ctx({ repo: { ...REPO, description: undefined, license: 'NOASSERTION' } }), undefined)).toEqual({
      'org.opencontainers.image.revision': SHA,
      'org.opencontainers.image.source': 'https://github.com/octo/mnist',
      'org.opencontainers.image.title': 'mnist',
      'org.opencontainers.image.url': 'https://github.com/octo/mnist',
    });
  });

  it('without a payload, from GITHUB_REPOSITORY; a local run without git has none', () => {
    expect(ociLabels(ctx(), 'main')['org.opencontainers.image.source']).toBe('https://github.com/octo/mnist');
    expect(ociLabels(ctx({ repository: undefined, sha: '' }), undefined)).toEqual({});
  });

  it('user labels win', () => {
    const l = ociLabels(ctx({ repo: REPO }), '1.2.3', {
      'org.opencontainers.image.title': 'MNIST baseline',
      'org.example.paper': 'arXiv:2401.00001',
    });
    expect([l['org.opencontainers.image.title'], l['org.example.paper']]).toEqual([
      'MNIST baseline',
      'arXiv:2401.00001',
    ]);
  });

  it('the same commit gives the same labels whenever it is built', () => {
    const c = ctx({ repo: REPO, commitTime: '2024-05-01T10:00:00Z' });
    expect(planPublish(c, undefined, new Date('2024-06-01')).labels).toEqual(
      planPublish(c, undefined, new Date('2025-01-01')).labels,
    );
  });

  it("parses metadata-action's labels output", () => {
    expect(parseLabelLines('org.opencontainers.image.title=My=model\n\n# note\n a = b ')).toEqual({
      labels: { 'org.opencontainers.image.title': 'My=model', a: 'b' },
      ignored: [],
    });
    // A line without `=` is left out, as metadata-action does (its json01 case), and named for a warning.
    expect(parseLabelLines('just text\na=1')).toEqual({ labels: { a: '1' }, ignored: ['just text'] });
    expect(
      resolvePublish(
        parsePushSettings(undefined, () => undefined),
        { labels: 'just text' },
      ).warnings,
    ).toEqual([
      'input labels: "just text" is not KEY=VALUE, so it is left out (as metadata-action does); write e.g. `org.opencontainers.image.title=My model`.',
    ]);
  });
});

describe('push settings', () => {
  const problems: string[] = [];
  const problem = (p: (string | number)[], m: string, f: string) => problems.push(`${p.join('.')}: ${m} Fix: ${f}`);

  it('defaults', () => {
    expect(parsePushSettings(undefined, problem)).toEqual({
      image: undefined,
      when: 'auto',
      tags: undefined,
      flavor: DEFAULT_FLAVOR,
      labels: {},
      annotations: {},
      retries: DEFAULT_PUSH_RETRIES,
      timeoutSeconds: 600,
      dirty: 'refuse',
    });
  });

  it('label and annotation expressions checked at validate time (repro.yml) and before the build (inputs)', () => {
    const found: string[] = [];
    parsePushSettings(
      { labels: { 'org.example.v': '{{branh}}', ok: '{{sha}}' }, annotations: { a: 'x{{sha' } },
      (p, m) => found.push(`${p.join('.')}: ${m}`),
    );
    expect(found).toEqual([
      'push.labels.org.example.v: {{branh}} is not available in the value.',
      'push.annotations.a: the value has a malformed {{expression}} near "x{{sha".',
    ]);
    const settings = parsePushSettings(undefined, () => undefined);
    expect(() => resolvePublish(settings, { labels: 'org.example.v={{version}}' })).toThrow(
      'input labels: org.example.v: {{version}} is not available in the value.',
    );
    expect(() => resolvePublish(settings, { annotations: 'a={{date}}' })).not.toThrow();
  });

  it('every problem reported with its field', () => {
    problems.length = 0;
    parsePushSettings({ tags: ['type=sha', 'type=semver'], flavor: { latest: 'sometimes' }, retries: 20 }, problem);
    expect(problems).toEqual([
      'push.tags.1: "type=semver": type=semver needs pattern=. Fix: add it, e.g. `type=semver,pattern={{version}}`.',
      'push.flavor.latest: "sometimes" is not auto, true or false. Fix: write `latest: auto` (releases that are not pre-releases), `latest: true` or `latest: false`.',
      'push.retries: 20 is not a whole number from 0 to 10. Fix: write e.g. `retries: 3` (0 turns retries off).',
    ]);
  });

  const settings: PushSettings = {
    when: 'auto',
    tags: [parseTagSpec('type=sha')],
    flavor: { ...DEFAULT_FLAVOR, suffix: '-cpu' },
    labels: { a: '1', b: '2' },
    annotations: {},
    retries: 2,
    timeoutSeconds: 600,
    dirty: 'refuse',
  };
  it('inputs override repro.yml', () => {
    const r = resolvePublish(settings, {
      tags: 'ghcr.io/Octo/p:1.2.3\nghcr.io/octo/p:latest',
      flavor: 'latest=false',
      labels: 'b=3',
    });
    expect(r.tags.map((t) => t.attrs.value)).toEqual(['1.2.3', 'latest']);
    expect(r.flavor).toEqual({ ...DEFAULT_FLAVOR, suffix: '-cpu', latest: 'false' });
    expect(r.labels).toEqual({ a: '1', b: '3' });
    expect(r.retries).toBe(2);
    expect(r.imageFromTags).toBe('ghcr.io/octo/p');
  });

  it('without inputs, repro.yml; without either, the defaults', () => {
    expect(resolvePublish(settings).tags.map((t) => t.source)).toEqual(['type=sha']);
    expect(resolvePublish({ ...settings, tags: undefined }).tags).toBe(DEFAULT_TAG_SPECS);
  });

  it.each<[string, string | undefined, string | undefined, string | undefined, string | undefined]>([
    ['the image input first', 'ghcr.io/Octo/Mnist', 'ghcr.io/o/cfg', undefined, 'ghcr.io/octo/mnist'],
    ['then repro.yml', undefined, 'ghcr.io/o/cfg', undefined, 'ghcr.io/o/cfg'],
    ['the registry input replaces the host', undefined, 'ghcr.io/o/cfg', '127.0.0.1:5000', '127.0.0.1:5000/o/cfg'],
    ['a registry alone: registry/owner/repo', undefined, undefined, 'ghcr.io', 'ghcr.io/octo-org/mnist'],
    ['nothing', undefined, undefined, undefined, undefined],
  ])('push image: %s', (_name, input, cfg, registry, image) => {
    expect(
      pushRepositoriesFor({ image: input, registry }, { image: cfg }, resolvePublish(settings), 'Octo-Org/MNIST'),
    ).toEqual(image ? [image] : []);
  });

  it('the repository of references passed as tags', () => {
    expect(pushRepositoriesFor({}, {}, resolvePublish(settings, { tags: 'ghcr.io/o/p:1.2.3' }), 'x/y')).toEqual([
      'ghcr.io/o/p',
    ]);
  });

  it('several repositories: the images input over push.images, disabled ones left out, the first is the main one', () => {
    const cfg = { images: [{ name: 'ghcr.io/o/cfg', enable: true }] };
    const notices: string[] = [];
    const lines = 'ghcr.io/Octo/MNIST\nname=docker.io/octo/mnist,enable=true\nname=quay.io/octo/mnist,enable=false';
    expect(pushRepositoriesFor({ images: lines }, cfg, resolvePublish(settings), 'x/y', notices)).toEqual([
      'ghcr.io/octo/mnist',
      'docker.io/octo/mnist',
    ]);
    expect(notices).toEqual([
      'images: "ghcr.io/Octo/MNIST" is pushed as "ghcr.io/octo/mnist": docker repository names are lower case (tags keep their case).',
    ]);
    expect(pushRepositoriesFor({}, cfg, resolvePublish(settings), 'x/y')).toEqual(['ghcr.io/o/cfg']);
    // The image input names one repository, over the list.
    expect(pushRepositoriesFor({ image: 'ghcr.io/o/one' }, cfg, resolvePublish(settings), 'x/y')).toEqual([
      'ghcr.io/o/one',
    ]);
    expect(
      pushRepositoriesFor({ images: 'name=ghcr.io/o/p,enable=false' }, cfg, resolvePublish(settings), 'x/y'),
    ).toEqual([]);
  });

  it('several repositories: conflicting inputs are errors that name them', () => {
    expect(() => pushRepositoriesFor({ image: 'a/b', images: 'c/d' }, {}, resolvePublish(settings), 'x/y')).toThrow(
      'inputs image and images are both set.',
    );
    expect(() =>
      pushRepositoriesFor(
        { images: 'ghcr.io/a/b\ndocker.io/a/b', registry: 'quay.io' },
        {},
        resolvePublish(settings),
        'x/y',
      ),
    ).toThrow(
      'the registry input replaces the host of one repository, and 2 are pushed to (ghcr.io/a/b, docker.io/a/b).',
    );
    expect(() =>
      pushRepositoriesFor({ images: 'name=ghcr.io/a/b,enable=maybe' }, {}, resolvePublish(settings), 'x/y'),
    ).toThrow('input images: images: "name=ghcr.io/a/b,enable=maybe": enable=maybe is not true or false.');
  });

  it('push.images is checked at validate: beside push.image, or enabling nothing', () => {
    const problems: string[] = [];
    const problem = (p: (string | number)[], m: string) => void problems.push(`${p.join('.')}: ${m}`);
    parsePushSettings({ image: 'a/b', images: ['c/d'] }, problem);
    parsePushSettings({ images: ['name=c/d,enable=false'] }, problem);
    parsePushSettings({ images: ['name=c/d,colour=red'] }, problem);
    expect(problems).toEqual([
      'push.images: is set beside push.image.',
      'push.images: enables no repository, so nothing could be pushed.',
      'push.images: "name=c/d,colour=red": unknown attribute "colour".',
    ]);
    expect(parsePushSettings({ images: ['ghcr.io/o/p', 'name=docker.io/o/p,enable=false'] }, problem).images).toEqual([
      { name: 'ghcr.io/o/p', enable: true },
      { name: 'docker.io/o/p', enable: false },
    ]);
  });

  it('a bad input is named', () => {
    expect(() => resolvePublish(settings, { tags: 'type=nope' })).toThrow(
      'input tags: "type=nope": unknown type "nope".',
    );
    expect(() => resolvePublish(settings, { flavor: 'latest=sometimes' })).toThrow(
      'input flavor: flavor "latest=sometimes": latest=sometimes is not auto, true or false.',
    );
  });

  it('outside git, the default rules tag latest; rules the user wrote are taken as written', () => {
    const bare = ctx({ eventName: 'local', sha: '', ref: '', repository: undefined });
    expect(planPublish(bare)).toEqual({
      tags: ['latest'],
      version: undefined,
      labels: {},
      annotations: {},
      warnings: ['no git commit or ref to tag from: the image is tagged latest.'],
    });
    expect(planPublish(bare, resolvePublish(parsePushSettings({ tags: ['type=sha'] }, () => undefined))).tags).toEqual(
      [],
    );
  });

  it('no tag for this run: no push, and the log says why', () => {
    expect(decidePublish('auto', ctx(), true, 'ghcr.io/o/p', [])).toEqual({
      push: false,
      reason:
        'no tag rule gives a tag for this run (add one that applies, e.g. `type=sha` or `type=raw,value=stable`, to push.tags or the `tags` input)',
    });
  });
});

it('a pull request: the revision label is the merge commit that was built, tags keep the head', () => {
  const pr = ctx({ eventName: 'pull_request', ref: 'refs/pull/7/merge', built: 'm'.repeat(40), prNumber: 7 });
  expect(ociLabels(pr, undefined)['org.opencontainers.image.revision']).toBe('m'.repeat(40));
  expect(planPublish(pr, resolvePublish(parsePushSettings({ tags: ['type=sha'] }, () => undefined))).tags).toEqual([
    `sha-${SHA.slice(0, 7)}`,
  ]);
});

describe('a dirty tree (tracked files differ from the commit)', () => {
  const dirty = { paths: ['train.py'], diffSha256: 'ab'.repeat(32) };
  const release = ctx({ eventName: 'release', ref: 'refs/tags/v1.2.0', action: 'published', dirty });

  it("gets none of the commit's tags, no version and a -dirty revision; no push by default, and the log says why", () => {
    const plan = planPublish(release);
    expect(plan.tags).toEqual([]);
    expect(plan.version).toBeUndefined();
    expect(plan.labels['org.opencontainers.image.revision']).toBe(`${SHA}-dirty`);
    expect(plan.labels['org.opencontainers.image.version']).toBeUndefined();
    expect(decidePublish('auto', release, true, 'ghcr.io/o/p', plan.tags)).toEqual({
      push: false,
      reason: `the checkout differs from commit ${SHA.slice(0, 7)} in 1 tracked file(s) (train.py): uncommitted edits are never pushed under the commit's tags (\`push.dirty: tag\` in repro.yml pushes them as dirty-${SHA.slice(0, 7)}-abababababab only)`,
    });
  });

  it('with `push.dirty: tag`, only its own dirty- tag', () => {
    const publish = resolvePublish(
      parsePushSettings({ dirty: 'tag', tags: ['type=sha', 'type=semver,pattern={{version}}'] }, () => undefined),
    );
    const plan = planPublish(release, publish);
    expect(plan.tags).toEqual([`dirty-${SHA.slice(0, 7)}-abababababab`]);
    const d = decidePublish('auto', release, true, 'ghcr.io/o/p', plan.tags);
    expect(d.push).toBe(true);
    expect(d.reason).toMatch(/, so only as dirty-\w+-abababababab \(`push.dirty: tag`\)$/);
  });
});

describe('withRetries', () => {
  const transient = (e: unknown) => (e as Error).message.startsWith('503');

  it('backs off 1 s, 2 s, 4 s', () => {
    expect(backoffDelays(3)).toEqual([1000, 2000, 4000]);
    expect(backoffDelays(0)).toEqual([]);
  });

  it('retries passing faults, then succeeds', async () => {
    const slept: number[] = [];
    let calls = 0;
    const out = await withRetries(
      'push x',
      async () => (++calls <= 2 ? Promise.reject(new ReproError('503 busy')) : 'ok'),
      transient,
      { retries: 3, sleep: async (ms) => void slept.push(ms) },
    );
    expect([out, calls, slept]).toEqual(['ok', 3, [1000, 2000]]);
  });

  it('gives up with the attempt count and the last error', async () => {
    let calls = 0;
    const run = withRetries(
      'docker push r:1',
      async () => Promise.reject(new ReproError(`503 busy #${++calls}`, { fix: 'wait' })),
      transient,
      { retries: 2, sleep: async () => undefined },
    );
    await expect(run).rejects.toMatchObject({
      message: 'docker push r:1 failed 3 times (retried with backoff); the last attempt: 503 busy #3',
      fix: 'wait',
    });
    expect(calls).toBe(3);
  });

  it('never retries what is not passing', async () => {
    let calls = 0;
    const run = withRetries('push', async () => Promise.reject(new ReproError(`401 #${++calls}`)), transient, {
      retries: 3,
      sleep: async () => undefined,
    });
    await expect(run).rejects.toThrow('401 #1');
    expect(calls).toBe(1);
  });
});

describe('registry login', () => {
  const env = { GITHUB_ACTOR: 'octocat' };
  type Inputs = { username?: string; password?: string; githubToken?: string };
  const up = { username: 'u', password: 'p', githubToken: 'ghs_x' };
  const token = { registry: 'ghcr.io', username: 'octocat', password: 'ghs_x', source: 'github-token' } as const;
  it.each<[string, string[], Inputs, ReturnType<typeof resolveLogins>]>([
    [
      'inputs',
      ['127.0.0.1:5000/p'],
      up,
      [{ registry: '127.0.0.1:5000', username: 'u', password: 'p', source: 'inputs' }],
    ],
    ['ghcr.io from the token', ['ghcr.io/octo/mnist'], { githubToken: 'ghs_x' }, [token]],
    [
      'ghcr.io alone takes the inputs',
      ['ghcr.io/octo/mnist'],
      up,
      [{ registry: 'ghcr.io', username: 'u', password: 'p', source: 'inputs' }],
    ],
    ['another registry without inputs: the ambient login', ['registry.example.com/p'], { githubToken: 'ghs_x' }, []],
    ['no image', [], up, []],
    [
      'ghcr.io and Docker Hub: the token for ghcr.io, the inputs for Docker Hub',
      ['ghcr.io/o/p', 'docker.io/o/p'],
      up,
      [token, { registry: 'docker.io', username: 'u', password: 'p', source: 'inputs' }],
    ],
    [
      'two registries besides ghcr.io: the inputs for the first, the ambient login for the other',
      ['quay.io/o/p', 'docker.io/o/p', 'ghcr.io/o/p'],
      up,
      [{ registry: 'quay.io', username: 'u', password: 'p', source: 'inputs' }, token],
    ],
    ['one registry twice: one login', ['ghcr.io/o/p', 'ghcr.io/o/q'], { githubToken: 'ghs_x' }, [token]],
  ])('%s', (_name, repositories, inputs, out) => {
    expect(resolveLogins(repositories, inputs, env)).toEqual(out);
  });

  it('half a login is an error', () => {
    expect(() => resolveLogins(['ghcr.io/o/p'], { username: 'u' }, env)).toThrow(
      'input password is empty, but username is set.',
    );
  });

  it("the private config keeps the job's other logins, and leaves the run's own to its docker login", () => {
    // What docker/login-action leaves: a base64 auth, a login held by a credential store, a helper per registry.
    const user = {
      auths: {
        'quay.io': { auth: 'cXU6cHc=' },
        'https://index.docker.io/v1/': { auth: 'aHViOnB3' },
        'registry.example.com': {},
        'ghcr.io': { auth: 'b2xkOm9sZA==' },
      },
      credsStore: 'pass',
      credHelpers: { 'gcr.io': 'gcloud', 'ghcr.io': 'ghcr-helper' },
      proxies: { default: { httpProxy: 'http://proxy:3128' } },
    };
    expect(privateDockerConfig(user, ['ghcr.io', 'docker.io'])).toEqual({
      auths: { 'quay.io': { auth: 'cXU6cHc=' } },
      credHelpers: { 'registry.example.com': 'pass', 'gcr.io': 'gcloud' },
      proxies: { default: { httpProxy: 'http://proxy:3128' } },
    });
    expect(privateDockerConfig({}, ['ghcr.io'])).toEqual({ auths: {}, credHelpers: {} });
  });

  it('a private DOCKER_CONFIG that keeps the CLI plugins reachable, and is removed whole', () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-home-'));
    mkdirSync(path.join(home, '.docker', 'cli-plugins'), { recursive: true });
    writeFileSync(path.join(home, '.docker', 'cli-plugins', 'docker-buildx'), '#!/bin/sh\n');
    writeFileSync(
      path.join(home, '.docker', 'config.json'),
      '{"auths":{"quay.io":{"auth":"cXU6cHc="},"ghcr.io":{"auth":"b2xkOm9sZA=="}},"credsStore":"desktop"}',
    );
    const dir = createDockerConfig(os.tmpdir(), ['ghcr.io'], { HOME: home });
    expect(JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8'))).toEqual({
      auths: { 'quay.io': { auth: 'cXU6cHc=' } },
      credHelpers: {},
    });
    expect(statSync(path.join(dir, 'config.json')).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(lstatSync(path.join(dir, 'cli-plugins')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(dir, 'cli-plugins'))).toBe(path.join(home, '.docker', 'cli-plugins'));
    expect(removeDockerConfig(dir)).toBe(true);
    expect(existsSync(dir)).toBe(false);
    // The plugins the link pointed to are untouched.
    expect(existsSync(path.join(home, '.docker', 'cli-plugins', 'docker-buildx'))).toBe(true);
    expect(removeDockerConfig(dir)).toBe(false);
  });

  it('the password goes on stdin, never in argv', () => {
    expect(loginArgv('ghcr.io', 'octocat')).toEqual(['login', '--username', 'octocat', '--password-stdin', 'ghcr.io']);
  });
});

describe('pushImages', () => {
  const DIGEST = `sha256:${'ab'.repeat(32)}`;
  /** An exec edge that answers like docker: pushes fail with `failures` (in order) before they succeed. */
  function fakeDocker(failures: string[], pushMs: (ref: string) => number = () => 0) {
    const calls: {
      args: readonly string[];
      env?: Record<string, string | undefined>;
      input?: string;
      deadlineMs?: number;
    }[] = [];
    const exec: Exec = async (_file, args, opts: ExecOptions = {}) => {
      calls.push({ args, env: opts.env, input: opts.input?.toString(), deadlineMs: opts.deadlineMs });
      if (args[0] === 'push') {
        await new Promise((resolve) => setTimeout(resolve, pushMs(args[1])));
        const failure = failures.shift();
        // The exec edge stopped the push at its deadline (tests/unit/exec.test.ts).
        if (failure === 'stalled') return { exitCode: 130, stdout: '', stderr: '', timedOut: true };
        if (failure) {
          opts.onStderr?.(failure);
          return { exitCode: 1, stdout: '', stderr: failure };
        }
        const out = `${args[1].split(':').pop()}: digest: ${DIGEST} size: 735\n`;
        opts.onStdout?.(out);
        return { exitCode: 0, stdout: out, stderr: '' };
      }
      return { exitCode: 0, stdout: '', stderr: '' };
    };
    return { docker: new Docker(exec, new MemoryLogger(), 'docker', {}, NO_ENGINE_API), calls };
  }
  const images = [
    { key: 'train', id: 'sha256:aaa', localTag: 'p-train:latest' },
    { key: 'evaluate', id: 'sha256:bbb', localTag: 'p-evaluate:latest' },
  ];

  it('logs in with a private DOCKER_CONFIG, tags and pushes every image, retrying a 503', async () => {
    const { docker, calls } = fakeDocker(['received unexpected HTTP status: 503 Service Unavailable']);
    const log = new MemoryLogger();
    const slept: number[] = [];
    const pushed = await pushImages(docker, log, images, {
      repositories: ['127.0.0.1:5000/o/p'],
      imageCount: 2,
      tags: ['main', 'sha-860c190'],
      retries: 3,
      login: {
        accounts: [{ registry: '127.0.0.1:5000', username: 'u', password: 's3cret', source: 'inputs' }],
        dockerConfig: '/tmp/cfg',
      },
      sleep: async (ms) => void slept.push(ms),
    });
    expect(pushed).toEqual([
      { key: 'train', repository: '127.0.0.1:5000/o/p/train', tags: ['main', 'sha-860c190'], digest: DIGEST },
      { key: 'evaluate', repository: '127.0.0.1:5000/o/p/evaluate', tags: ['main', 'sha-860c190'], digest: DIGEST },
    ]);
    // The images go at once; each one's calls keep their order (the first tag before the others).
    const argvs = calls.map((c) => c.args.join(' '));
    expect(argvs[0]).toBe('login --username u --password-stdin 127.0.0.1:5000');
    expect(argvs.filter((a) => a.includes('/train:'))).toEqual([
      'tag sha256:aaa 127.0.0.1:5000/o/p/train:main',
      'push 127.0.0.1:5000/o/p/train:main',
      'push 127.0.0.1:5000/o/p/train:main',
      'tag sha256:aaa 127.0.0.1:5000/o/p/train:sha-860c190',
      'push 127.0.0.1:5000/o/p/train:sha-860c190',
    ]);
    expect(argvs.filter((a) => a.includes('/evaluate:'))).toEqual([
      'tag sha256:bbb 127.0.0.1:5000/o/p/evaluate:main',
      'push 127.0.0.1:5000/o/p/evaluate:main',
      'tag sha256:bbb 127.0.0.1:5000/o/p/evaluate:sha-860c190',
      'push 127.0.0.1:5000/o/p/evaluate:sha-860c190',
    ]);
    // Both first pushes start before either image's second tag.
    expect(argvs.indexOf('push 127.0.0.1:5000/o/p/evaluate:main')).toBeLessThan(
      argvs.indexOf('tag sha256:aaa 127.0.0.1:5000/o/p/train:sha-860c190'),
    );
    expect(argvs).toHaveLength(10);
    expect(calls[0].input).toBe('s3cret');
    expect(calls.every((c) => c.env?.DOCKER_CONFIG === '/tmp/cfg')).toBe(true);
    expect(JSON.stringify(calls.map((c) => c.args))).not.toContain('s3cret');
    expect(slept).toEqual([1000]);
    expect(log.text()).toContain(
      'warning: push of 127.0.0.1:5000/o/p/train:main failed (attempt 1 of 4): the registry 127.0.0.1:5000 failed the push of 127.0.0.1:5000/o/p/train:main with a passing fault. Retrying in 1s.',
    );
  });

  it('every attempt gets what is left of the one budget; a push stopped at it is not retried', async () => {
    const { docker, calls } = fakeDocker(
      ['received unexpected HTTP status: 503 Service Unavailable', 'stalled'],
      () => 20,
    );
    const run = pushImages(docker, new MemoryLogger(), images.slice(0, 1), {
      repositories: ['r.example.com/p'],
      imageCount: 1,
      tags: ['main'],
      retries: 3,
      timeoutMs: 5000,
      sleep: async () => undefined,
    });
    await expect(run).rejects.toThrow(
      'docker push r.example.com/p:main did not finish within 5 s, so it was stopped: the registry r.example.com stopped answering during the upload',
    );
    const pushes = calls.filter((c) => c.args[0] === 'push');
    expect(pushes).toHaveLength(2);
    expect(pushes[0].deadlineMs).toBeLessThanOrEqual(5000);
    expect(pushes[0].deadlineMs).toBeGreaterThan(4900);
    expect(pushes[1].deadlineMs).toBeLessThan(pushes[0].deadlineMs!);
    const e = (await run.catch((x: unknown) => x)) as PartialPush;
    expect(e.fix).toContain('raise `push.timeout` in repro.yml');
  });

  it('a refused push is not retried', async () => {
    const { docker, calls } = fakeDocker([
      'unauthorized: authentication required',
      'unauthorized: authentication required',
    ]);
    const run = pushImages(docker, new MemoryLogger(), images.slice(0, 1), {
      repositories: ['r.example.com/p'],
      imageCount: 1,
      tags: ['main'],
      retries: 3,
      sleep: async () => undefined,
    });
    await expect(run).rejects.toThrow(
      'the registry r.example.com refused the push of r.example.com/p:main: not logged in or not allowed.',
    );
    expect(calls.filter((c) => c.args[0] === 'push')).toHaveLength(1);
    // No login asked: the user's own docker config.
    expect(calls[0].env?.DOCKER_CONFIG).toBeUndefined();
  });

  it('a tag refused after the first one was pushed: that first tag is reported as published', async () => {
    const { docker } = fakeDocker(['', 'denied: requested access to the resource is denied']);
    const e = (await pushImages(docker, new MemoryLogger(), images.slice(0, 1), {
      repositories: ['r.example.com/p'],
      imageCount: 1,
      tags: ['main', 'v1'],
      retries: 0,
      sleep: async () => undefined,
    }).catch((x: unknown) => x)) as PartialPush;
    expect(e.pushed).toEqual([{ key: 'train', repository: 'r.example.com/p', tags: ['main'], digest: DIGEST }]);
  });

  it('one image refused: the pushes of the other image finish before the error is reported', async () => {
    // evaluate's pushes take a while: the refusal of train's first push comes long before they end.
    const { docker, calls } = fakeDocker(['unauthorized: authentication required'], (ref) =>
      ref.includes('evaluate') ? 30 : 0,
    );
    let settled = false;
    const run = pushImages(docker, new MemoryLogger(), images, {
      repositories: ['r.example.com/p'],
      imageCount: 2,
      tags: ['main', 'v1'],
      retries: 3,
      sleep: async () => undefined,
    }).finally(() => (settled = true));
    await expect(run).rejects.toThrow('refused the push of r.example.com/p/train:main');
    expect(settled).toBe(true);
    // What did reach the registry is named, in the error and for the outputs (issue 20: they said nothing was pushed).
    const e = (await run.catch((x: unknown) => x)) as PartialPush;
    expect(e).toBeInstanceOf(PartialPush);
    expect(e.pushed).toEqual([
      { key: 'evaluate', repository: 'r.example.com/p/evaluate', tags: ['main', 'v1'], digest: DIGEST },
    ]);
    expect(e.message).toContain(
      '\n  Already in the registry: r.example.com/p/evaluate:main, r.example.com/p/evaluate:v1.',
    );
    expect(calls.filter((c) => c.args[0] === 'push').map((c) => c.args[1])).toEqual([
      'r.example.com/p/train:main',
      'r.example.com/p/evaluate:main',
      'r.example.com/p/evaluate:v1',
    ]);
  });
});

describe('the retry budget', () => {
  it('no retry starts once the attempts would pass the budget, and the error says so', async () => {
    let t = 0;
    let calls = 0;
    const run = withRetries(
      'docker push r/p:1',
      async () => {
        calls++;
        t += 50_000;
        throw new ReproError('503 busy');
      },
      () => true,
      { retries: 5, budgetMs: 120_000, now: () => t, sleep: async (ms) => void (t += ms) },
    );
    await expect(run).rejects.toThrow(
      'docker push r/p:1 failed 3 time(s), and another try would pass its time budget of 120 s; the last attempt: 503 busy',
    );
    expect(calls).toBe(3);
  });
});

describe('annotationsDropped (measured on 20.10 and 28.5, both stores: src/publish/annotations.ts)', () => {
  const modern = { builder: 'buildx', buildxVersion: 'github.com/docker/buildx 0.29.1 abc' } as const;
  it.each<[string, AnnotationFacts, RegExp | undefined]>([
    ['remote driver, containerd store: kept', { ...modern, driver: 'remote', containerdStore: true }, undefined],
    [
      'docker-container driver, containerd store: kept',
      { ...modern, driver: 'docker-container', containerdStore: true },
      undefined,
    ],
    [
      'docker driver, containerd store: dropped',
      { ...modern, driver: 'docker', containerdStore: true },
      /docker driver pushes a Docker schema 2 manifest/,
    ],
    [
      'docker driver, 20.10 with buildx 0.13',
      { builder: 'buildx', buildxVersion: '0.13.1+ds1', driver: 'docker', containerdStore: false },
      /docker driver/,
    ],
    [
      'remote driver, overlay2 store: dropped',
      { ...modern, driver: 'remote', containerdStore: false },
      /overlay2 image store/,
    ],
    [
      'buildx 0.11: no flag',
      { builder: 'buildx', buildxVersion: 'v0.11.2', driver: 'remote', containerdStore: true },
      /buildx v0.11.2 has no --annotation/,
    ],
    ['classic client', { builder: 'classic', containerdStore: true }, /classic client/],
    ['driver unknown: dropped, never guessed', { ...modern, containerdStore: true }, /docker driver/],
  ])('%s', (_name, facts, why) => {
    const got = annotationsDropped(facts);
    if (why) expect(got).toMatch(why);
    else expect(got).toBeUndefined();
  });
});
