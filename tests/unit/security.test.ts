/** The security edges (src/security): environments, trust, masking and paths (issue 19). */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { ConfigError, ReproError } from '../../src/errors.js';
import {
  clientEnvOverrides,
  containerEnv,
  RefusedEnv,
  refusedEnvName,
  withholdFromUntrusted,
} from '../../src/security/env.js';
import { readFileNoFollow, realPath, safePath, unsafePath, writeFileFresh } from '../../src/security/paths.js';
import { MASK, Secrets } from '../../src/security/redact.js';
import { decideTrust, type TrustInput } from '../../src/security/trust.js';
import { oneLine } from '../../src/util/text.js';

describe('environments', () => {
  test.each([
    'INPUT_PASSWORD',
    'INPUT_GITHUB-TOKEN',
    'ACTIONS_RUNTIME_TOKEN',
    'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
    'ACTIONS_ID_TOKEN_REQUEST_URL',
    'GITHUB_TOKEN',
    'STATE_dockerConfig',
    'DOCKER_HOST',
    'DOCKER_CONFIG',
    'BUILDX_BUILDER',
    'LD_PRELOAD',
    'LD_LIBRARY_PATH',
    'PATH',
  ])('%s never passes', (name) => {
    expect(refusedEnvName(name)).toBeDefined();
  });

  test.each(['HF_TOKEN', 'WANDB_API_KEY', 'DB_PASS', 'SEED', 'HOME', 'HTTP_PROXY', 'GITHUB_SHA'])(
    '%s may pass',
    (name) => {
      expect(refusedEnvName(name)).toBeUndefined();
    },
  );

  test('repro.yml naming a refused variable under env or pass-env is a config error that names it', () => {
    const yml = [
      'images: {app: Dockerfile}',
      'steps:',
      '  - name: train',
      '    env: { DOCKER_HOST: "tcp://127.0.0.1:5073", SEED: "1" }',
      '    pass-env: [INPUT_PASSWORD, ACTIONS_RUNTIME_TOKEN, HF_TOKEN]',
    ].join('\n');
    const err = (() => {
      try {
        parseConfig(yml, '/p/repro.yml');
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.problems.map((p) => `${p.path}: ${p.message.split(':')[0]}`)).toEqual([
      'steps[0].env.DOCKER_HOST: DOCKER_HOST is never passed to a container',
      'steps[0].pass-env[0]: INPUT_PASSWORD is never passed to a container',
      'steps[0].pass-env[1]: ACTIONS_RUNTIME_TOKEN is never passed to a container',
    ]);
    expect(err!.problems[0].fix).toMatch(/pass a secret under a name of your own/);
  });

  const base = {
    fixed: { SEED: '42', HOME: '/work' },
    passNames: ['HF_TOKEN', 'NOT_SET'],
    runner: { HF_TOKEN: 'hf_abcdef' },
    credentials: ['ghs_tok'],
    untrusted: false,
  };

  test('a container gets its env: and pass-env through the env file; HOME reaches the container only', () => {
    expect(containerEnv(base)).toEqual({
      names: ['SEED', 'HOME', 'HF_TOKEN'],
      fileLines: ['SEED=42', 'HOME=/work', 'HF_TOKEN=hf_abcdef'],
      clientEnv: {},
      passed: [{ name: 'HF_TOKEN', value: 'hf_abcdef' }],
      missing: ['NOT_SET'],
      withheld: [],
    });
  });

  test('untrusted code gets nothing from the runner', () => {
    const env = containerEnv({ ...base, untrusted: true });
    expect([env.names, env.withheld, env.passed]).toEqual([['SEED', 'HOME'], ['HF_TOKEN'], []]);
  });

  test('a pass-env variable holding the registry password or the GitHub token is refused', () => {
    expect(() => containerEnv({ ...base, runner: { HF_TOKEN: 'ghs_tok' } })).toThrow(RefusedEnv);
  });

  test('a multi-line value travels in the client environment, but never under a name the client reads', () => {
    expect(containerEnv({ ...base, fixed: {}, passNames: ['SSH_KEY'], runner: { SSH_KEY: 'a\nb' } }).clientEnv).toEqual(
      { SSH_KEY: 'a\nb' },
    );
    expect(() => containerEnv({ ...base, fixed: { HOME: 'a\nb' }, passNames: [] })).toThrow(
      /would steer the docker client/,
    );
    expect(() => containerEnv({ ...base, fixed: { HTTPS_PROXY: 'a\nb' }, passNames: [] })).toThrow(
      /would steer the docker client/,
    );
  });

  test('the docker client runs without the inputs, the state and the OIDC request token', () => {
    const runner = {
      INPUT_PASSWORD: 'p',
      'INPUT_GITHUB-TOKEN': 't',
      STATE_x: 's',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'o',
      ACTIONS_RUNTIME_TOKEN: 'r',
      PATH: '/bin',
    };
    expect(clientEnvOverrides(runner, { DOCKER_BUILDKIT: '1' })).toEqual({
      INPUT_PASSWORD: undefined,
      'INPUT_GITHUB-TOKEN': undefined,
      STATE_x: undefined,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined,
      DOCKER_BUILDKIT: '1',
    });
  });

  test('untrusted code: the cache and OIDC variables leave the process', () => {
    const env: NodeJS.ProcessEnv = {
      ACTIONS_RUNTIME_TOKEN: 'r',
      ACTIONS_RESULTS_URL: 'u',
      ACTIONS_CACHE_SERVICE_V2: 'True',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'o',
      GITHUB_SHA: 'x',
    };
    expect(withholdFromUntrusted(env).sort()).toEqual([
      'ACTIONS_CACHE_SERVICE_V2',
      'ACTIONS_ID_TOKEN_REQUEST_URL',
      'ACTIONS_RESULTS_URL',
      'ACTIONS_RUNTIME_TOKEN',
    ]);
    expect(env).toEqual({ GITHUB_SHA: 'x' });
  });
});

describe('trust, from the event (payload shapes as GitHub sends them)', () => {
  const SHA = 'a'.repeat(40);
  const HEAD = 'b'.repeat(40);
  const forkPr = { pull_request: { head: { sha: HEAD, repo: { full_name: 'mallory/mnist', fork: true } } } };
  const ownPr = { pull_request: { head: { sha: HEAD, repo: { full_name: 'octo-org/mnist', fork: false } } } };
  const t = (eventName: string, payload: TrustInput['payload'], checkedOut: string | undefined = HEAD): TrustInput => ({
    eventName,
    payload,
    repository: 'octo-org/mnist',
    sha: SHA,
    checkedOut,
  });
  test.each<[string, TrustInput, boolean, boolean]>([
    ['push', t('push', {}), true, false],
    ['pull_request from the repository', t('pull_request', ownPr), true, false],
    ['pull_request from a fork (no secrets: run, untrusted)', t('pull_request', forkPr), false, false],
    [
      'pull_request from a deleted fork',
      t('pull_request', { pull_request: { head: { sha: HEAD, repo: null } } }),
      false,
      false,
    ],
    ['pull_request_review from a fork', t('pull_request_review', forkPr), false, false],
    ['pull_request_target from a fork, head checked out', t('pull_request_target', forkPr), false, true],
    ['pull_request_target from a fork, not a git checkout', t('pull_request_target', forkPr, undefined), false, true],
    ['pull_request_target from a fork, base checked out', t('pull_request_target', forkPr, SHA), true, true],
    ['pull_request_target from the repository', t('pull_request_target', ownPr), true, false],
    [
      'workflow_run of a fork',
      t('workflow_run', {
        workflow_run: {
          event: 'pull_request',
          head_sha: HEAD,
          head_repository: { full_name: 'mallory/mnist', fork: true },
        },
      }),
      false,
      true,
    ],
    [
      'workflow_run of the repository',
      t('workflow_run', {
        workflow_run: { event: 'push', head_sha: HEAD, head_repository: { full_name: 'octo-org/mnist', fork: false } },
      }),
      true,
      false,
    ],
    [
      'issue_comment on a pull request, PR checked out',
      t('issue_comment', { issue: { pull_request: { url: 'https://api.github.com/repos/octo-org/mnist/pulls/7' } } }),
      false,
      true,
    ],
    [
      'issue_comment on a pull request, base checked out',
      t('issue_comment', { issue: { pull_request: {} } }, SHA),
      true,
      true,
    ],
    ['issue_comment on an issue', t('issue_comment', { issue: {} }), true, false],
  ])('%s', (_name, input, trusted, privileged) => {
    const d = decideTrust(input);
    expect([d.trusted, d.privileged]).toEqual([trusted, privileged]);
    expect(d.reason.length).toBeGreaterThan(10);
  });
});

describe('masking', () => {
  test('values are masked wherever they occur; short values only under secret-looking names', () => {
    const s = new Secrets();
    expect(s.add('hunter22', 'DB_PASS')).toBe(true);
    expect(s.add('0', 'CUDA_VISIBLE_DEVICES')).toBe(false);
    expect(s.add('xy', 'API_KEY')).toBe(true);
    expect(s.redact('pw=hunter22 gpu=0 k=xy')).toBe(`pw=${MASK} gpu=0 k=${MASK}`);
  });

  test('a secret split across chunks is masked in the stream, and nothing is lost', () => {
    const s = new Secrets();
    s.add('s3cr3t-value', 'TOKEN');
    let out = '';
    const w = s.stream((t) => (out += t));
    for (const c of ['line 1\nthe key is s3c', 'r3t-va', 'lue, twice: s3cr3t-value\nend']) w.write(c);
    w.end();
    expect(out).toBe(`line 1\nthe key is ${MASK}, twice: ${MASK}\nend`);
  });

  test('a multi-line secret is masked line by line too', () => {
    const s = new Secrets();
    s.add('-----BEGIN KEY-----\nMIIEvQIBADANBg\n-----END KEY-----', 'SSH_KEY');
    expect(s.redact('echo MIIEvQIBADANBg')).toBe(`echo ${MASK}`);
  });
});

describe('paths', () => {
  const project = () => {
    const root = realPath(mkdtempSync(path.join(os.tmpdir(), 'repro-ci-paths-')));
    const outside = realPath(mkdtempSync(path.join(os.tmpdir(), 'repro-ci-outside-')));
    mkdirSync(path.join(root, 'data'));
    writeFileSync(path.join(outside, 'config.json'), '{"auths":{"ghcr.io":{"auth":"c2VjcmV0"}}}');
    return { root, outside };
  };

  test('a link out of the project is refused, however deep; a link inside is followed', () => {
    const { root, outside } = project();
    symlinkSync(outside, path.join(root, 'ext'));
    symlinkSync(path.join(root, 'data'), path.join(root, 'alias'));
    expect(unsafePath(root, path.join(root, 'ext'))).toMatch(/leads through a link to .*outside the project/);
    expect(unsafePath(root, path.join(root, 'ext/not-yet/made'))).toMatch(/outside the project/);
    expect(unsafePath(root, path.join(root, 'alias'))).toBeUndefined();
    expect(safePath(root, path.join(root, 'alias/x'), 'mount')).toBe(path.join(root, 'data/x'));
    expect(() => safePath(root, path.join(root, 'ext'), 'step "train" mount')).toThrow(ReproError);
  });

  test("a socket (the Docker engine's, linked in) is refused", async () => {
    const { root, outside } = project();
    const sock = path.join(root, 'engine.sock');
    const server = net.createServer().listen(sock);
    await new Promise((r) => server.once('listening', r));
    try {
      expect(unsafePath(root, sock)).toMatch(/socket/);
      symlinkSync('/var/run/docker.sock', path.join(root, 'docker'));
      expect(unsafePath(root, path.join(root, 'docker'))).toMatch(/outside the project/);
    } finally {
      server.close();
    }
    void outside;
  });

  test('a metrics file that is a link is not read; a plain one is, up to a size', () => {
    const { root, outside } = project();
    symlinkSync(path.join(outside, 'config.json'), path.join(root, 'data/metrics.json'));
    expect(() => readFileNoFollow(path.join(root, 'data/metrics.json'), 1000, 'metrics file')).toThrow(/is a link/);
    writeFileSync(path.join(root, 'data/m.json'), '{"acc": 1}');
    expect(readFileNoFollow(path.join(root, 'data/m.json'), 1000, 'metrics file')).toBe('{"acc": 1}');
    expect(() => readFileNoFollow(path.join(root, 'data/m.json'), 5, 'metrics file')).toThrow(
      /more than the 5 repro-ci reads/,
    );
  });

  test('writing a file replaces a link a step planted under its name instead of writing through it', () => {
    const { root, outside } = project();
    symlinkSync(path.join(outside, 'config.json'), path.join(root, 'data/result.json'));
    writeFileFresh(path.join(root, 'data/result.json'), 'ours');
    expect(lstatSync(path.join(root, 'data/result.json')).isSymbolicLink()).toBe(false);
    expect(readFileSync(path.join(root, 'data/result.json'), 'utf8')).toBe('ours');
    expect(readFileSync(path.join(outside, 'config.json'), 'utf8')).toMatch(/auths/);
  });
});

test('oneLine: repro.yml text cannot start a line of its own (a workflow command)', () => {
  expect(oneLine('python train.py\n::error title=x::owned\r')).toBe('python train.py\\n::error title=x::owned\\r');
  expect(oneLine('a\u001b[31mb\u2028c')).toBe('a\\u001b[31mb\\u2028c');
});

test('the action logger: no line of a message can start a workflow command', async () => {
  const { inert } = await import('../../src/action/logger.js');
  expect(inert('check failed: acc\n::error title=x::owned\r::set-output name=a::b')).toBe(
    'check failed: acc\n ::error title=x::owned\r ::set-output name=a::b',
  );
  expect(inert('::warning::at the start')).toBe(' ::warning::at the start');
  expect(inert('a :: b')).toBe('a :: b');
});
