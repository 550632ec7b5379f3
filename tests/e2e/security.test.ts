/**
 * Issue 19, as an attacker tries it: the action run as a runner runs it, with realistic event payloads
 * and a repro.yml written by the attacker. Every secret (registry password, github-token, the runtime and
 * OIDC request tokens, pass-env values) is looked for in every output, the summary, the results folder,
 * the record, the local and pushed images, and the whole log: absent, or masked (`::add-mask::` first).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CacheService } from '../support/cache-service.js';
import { docker, registryTags, REGISTRY, uniqueRepo, workspaceWith } from '../support/docker.js';
import { basicAuth, startRegistryProxy, type RegistryProxy } from '../support/registry-proxy.js';
import { RunnerJob, type JobOptions, type StepRun } from '../support/runner.js';

const SHA = '5ec0de5ec0de5ec0de5ec0de5ec0de5ec0de5ec0';
const REPOSITORY = { full_name: 'octo-org/mnist', name: 'mnist', default_branch: 'main' };
const service = new CacheService();
const SECRETS = {
  password: 'pw-Zq81xk-registry',
  githubToken: 'ghs_e2eSecretToken1234567890',
  runtimeToken: service.token,
  oidc: 'oidc-request-token-9931',
  hf: 'hf_e2eSecretValue42',
  dbPass: 'db-pass-77xq',
};
/** A file on the runner outside the project, shaped like ~/.docker/config.json. */
const HOST_AUTH = 'c2VjcmV0LWhvc3QtYXV0aA==';

let proxy: RegistryProxy;
let outside: string;

beforeAll(async () => {
  await service.start();
  proxy = await startRegistryProxy(basicAuth('researcher', SECRETS.password));
  outside = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-outside-'));
  writeFileSync(path.join(outside, 'config.json'), JSON.stringify({ auths: { 'ghcr.io': { auth: HOST_AUTH } } }));
});

afterAll(async () => {
  await service.stop();
  await proxy.close();
});

/** A busybox project; `step` is YAML lines of the one step after its name. */
function project(stepLines: string[], extra: string[] = [], files: Record<string, string> = {}): string {
  const yml = [
    'name: sectest',
    'images:',
    '  app: Dockerfile',
    'steps:',
    '  - name: train',
    ...stepLines.map((l) => `    ${l}`),
    'lint: {level: off}',
    'cache: {layers: none}',
    ...extra,
    '',
  ];
  return workspaceWith({ Dockerfile: 'FROM busybox:latest\nCMD ["true"]\n', 'repro.yml': yml.join('\n'), ...files });
}

function job(workspace: string, opts: Omit<JobOptions, 'workspace'> = {}): RunnerJob {
  return new RunnerJob({
    workspace,
    sha: SHA,
    payload: { repository: REPOSITORY },
    ...opts,
    inputs: { 'github-token': SECRETS.githubToken, ...opts.inputs },
    env: {
      ...service.env(),
      GITHUB_SERVER_URL: 'https://github.com',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: SECRETS.oidc,
      ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/oidc',
      HF_TOKEN: SECRETS.hf,
      DB_PASS: SECRETS.dbPass,
      ...opts.env,
    },
  });
}

/** Every file under `dir`, as text. */
function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { recursive: true }) as string[]) {
    const p = path.join(dir, e);
    if (statSync(p).isFile()) out[path.relative(dir, p)] = readFileSync(p, 'latin1');
  }
  return out;
}

/** Places where `secret` shows unmasked: log lines other than its `::add-mask::`, outputs, summary, files. */
function leaks(run: StepRun, secret: string, files: Record<string, string>): string[] {
  const found: string[] = [];
  for (const line of (run.stdout + run.stderr).split('\n'))
    if (line.includes(secret) && line !== `::add-mask::${secret}`) found.push(`log: ${line}`);
  for (const [k, v] of Object.entries(run.outputs)) if (v.includes(secret)) found.push(`output ${k}`);
  if (run.summary.includes(secret)) found.push('summary');
  for (const [f, v] of Object.entries(files)) if (v.includes(secret)) found.push(`file ${f}`);
  return found;
}

/** The image's whole content, history and config as one string. */
function imageText(ref: string): string {
  const saved = execFileSync('docker', ['save', ref], { maxBuffer: 64 * 1024 * 1024 }).toString('latin1');
  return [saved, docker('history', '--no-trunc', ref), docker('image', 'inspect', ref)].join('\n');
}

const stepThatLooks = [
  // It prints and keeps what it was given, and looks for everything it should not have.
  "command: [sh, -c, 'echo token=$HF_TOKEN db=$DB_PASS; env > /out/env.txt']",
  'mounts: ["out:/out"]',
  'network: none',
  'pass-env: [HF_TOKEN, DB_PASS]',
];

describe('secrets on a trusted push', () => {
  test('pass-env works, and no secret shows anywhere: log, outputs, summary, results, record, images', async () => {
    const ws = project(stepThatLooks);
    const repo = uniqueRepo('sec');
    const j = job(ws, {
      inputs: { image: `${proxy.host}/${repo}`, tags: 'type=sha', username: 'researcher', password: SECRETS.password },
    });
    const main = await j.main();
    expect(main.exitCode, main.stdout + main.stderr).toBe(0);
    expect(main.outputs.pushed).toBe('true');
    // The container got what pass-env names, and nothing of the runner's.
    const env = readFileSync(path.join(ws, 'out/env.txt'), 'utf8');
    expect(env).toContain(`HF_TOKEN=${SECRETS.hf}`);
    expect(env).toContain(`DB_PASS=${SECRETS.dbPass}`);
    expect(env).not.toMatch(/^(INPUT_|ACTIONS_|GITHUB_TOKEN|STATE_)/m);
    for (const s of [SECRETS.password, SECRETS.githubToken, SECRETS.runtimeToken, SECRETS.oidc])
      expect(env).not.toContain(s);
    // Masked first, then never printed: the step's own log file included.
    for (const s of [SECRETS.password, SECRETS.githubToken, SECRETS.hf, SECRETS.dbPass])
      expect(main.stdout).toContain(`::add-mask::${s}`);
    expect(main.stdout).toContain('token=*** db=***');
    const results = filesUnder(path.join(ws, '.repro-ci'));
    expect(results['logs/train.log']).toBe('token=*** db=***\n');
    expect(Object.keys(results)).toContain('record.json');
    const images = JSON.parse(main.outputs.images) as Record<string, { id: string; digest: string }>;
    const local = imageText(images.app.id);
    const post = await j.post();
    expect(post.exitCode).toBe(0);
    // Pulled from the registry behind the login proxy (the same storage), not from the engine's store.
    const pushedRef = `${REGISTRY}/${repo}@${images.app.digest}`;
    docker('image', 'rm', '--force', images.app.id);
    docker('pull', pushedRef);
    const pushed = imageText(pushedRef);
    for (const s of Object.values(SECRETS)) {
      expect(leaks(main, s, results), s).toEqual([]);
      expect(local.includes(s), `local image holds ${s}`).toBe(false);
      expect(pushed.includes(s), `pushed image holds ${s}`).toBe(false);
    }
    expect(await registryTags(repo)).toEqual([`sha-${SHA.slice(0, 7)}`]);
  });

  test.each([
    ['env', 'env: { DOCKER_HOST: "tcp://127.0.0.1:PORT" }', 'steps[0].env.DOCKER_HOST'],
    ['env', 'env: { LD_PRELOAD: "/tmp/evil.so" }', 'steps[0].env.LD_PRELOAD'],
    [
      'pass-env',
      'pass-env: [INPUT_PASSWORD, ACTIONS_RUNTIME_TOKEN, ACTIONS_ID_TOKEN_REQUEST_TOKEN]',
      'steps[0].pass-env[0]',
    ],
  ])(
    'repro.yml cannot set %s %s: a config error on its line, and the docker client is never steered',
    async (_field, line, field) => {
      // A listener where DOCKER_HOST would send the client: it must see no connection.
      let connections = 0;
      const listener = net.createServer((s) => {
        connections++;
        s.destroy();
      });
      await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
      const port = String((listener.address() as net.AddressInfo).port);
      try {
        const ws = project(['command: ["true"]', 'network: none', line.replace('PORT', port)]);
        const main = await job(ws, { inputs: { password: SECRETS.password, username: 'researcher' } }).main();
        expect(main.exitCode).toBe(1);
        expect(main.stdout).toMatch(
          new RegExp(
            `::error title=repro\\.yml,file=repro\\.yml,line=\\d+,col=\\d+::${field.replace(/[.[\]]/g, '\\$&')}: \\w+ is never passed to a container`,
          ),
        );
        expect(connections).toBe(0);
        expect(leaks(main, SECRETS.password, {})).toEqual([]);
      } finally {
        listener.close();
      }
    },
  );

  test('a command word with a newline cannot inject a workflow command', async () => {
    const ws = project(['command: ["echo", "hi\\n::error title=owned::injected"]', 'network: none']);
    const main = await job(ws).main();
    expect(main.exitCode, main.stdout).toBe(0);
    expect(main.stdout).toContain('running sectest:latest echo hi\\n::error title=owned::injected');
    // The container's own output is fenced by ::stop-commands::, so its echo is inert too.
    const lines = main.stdout.split('\n');
    const fenced = lines.findIndex((l) => l.startsWith('::stop-commands::'));
    expect(lines.findIndex((l) => l.startsWith('::error title=owned'))).toBeGreaterThan(fenced);
    expect(fenced).toBeGreaterThan(-1);
  });
});

describe('untrusted code, decided from the event', () => {
  const forkPr = {
    number: 7,
    base: { ref: 'main' },
    head: {
      sha: 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0',
      ref: 'evil',
      repo: { full_name: 'mallory/mnist', fork: true },
    },
  };

  test.each([
    ['pull_request_target', { pull_request: forkPr }],
    [
      'workflow_run',
      {
        workflow_run: {
          event: 'pull_request',
          head_sha: forkPr.head.sha,
          head_branch: 'evil',
          head_repository: { full_name: 'mallory/mnist', fork: true },
        },
      },
    ],
    [
      'issue_comment',
      {
        issue: { number: 7, pull_request: { url: 'https://api.github.com/repos/octo-org/mnist/pulls/7' } },
        comment: { body: '/repro' },
      },
    ],
  ])(
    "%s with a fork's code checked out: refused before anything is built, even with push: always",
    async (eventName, payload) => {
      const ws = project(stepThatLooks);
      const before = service.calls.length;
      const main = await job(ws, {
        eventName,
        payload: { ...payload, repository: REPOSITORY },
        inputs: {
          push: 'always',
          image: `${proxy.host}/${uniqueRepo('sec')}`,
          username: 'researcher',
          password: SECRETS.password,
        },
      }).main();
      expect(main.exitCode).toBe(1);
      expect(main.stdout).toMatch(
        /::error::not building or running untrusted code: .* runs with this repository's secrets/,
      );
      expect(main.stdout).toContain('allow-untrusted-code');
      expect(main.stdout).not.toContain('::group::Build');
      expect(existsSync(path.join(ws, 'out'))).toBe(false);
      // Not even the cache service's first lookup: the run stopped before it.
      expect(service.calls.slice(before)).toEqual([]);
    },
  );

  test("pull_request_target with the base commit checked out is the repository's own code", async () => {
    const ws = project(['command: ["true"]', 'network: none']);
    const git = (...a: string[]) =>
      execFileSync('git', a, {
        cwd: ws,
        encoding: 'utf8',
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@t',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@t',
        },
      }).trim();
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    const main = await job(ws, {
      eventName: 'pull_request_target',
      sha: git('rev-parse', 'HEAD'),
      payload: { pull_request: forkPr, repository: REPOSITORY },
    }).main();
    expect(main.exitCode, main.stdout).toBe(0);
    expect(main.stdout).not.toContain('untrusted code');
  });

  test.each([
    ['pull_request (GitHub gives it no secrets)', 'pull_request', {}],
    ['pull_request_target with allow-untrusted-code', 'pull_request_target', { 'allow-untrusted-code': 'true' }],
  ])(
    "a fork's %s runs with no credentials, no pass-env, no cache writes and no push",
    async (_name, eventName, inputs) => {
      const calls = service.calls.length;
      const ws = project(stepThatLooks);
      const repo = uniqueRepo('sec');
      const main = await job(ws, {
        eventName,
        ref: 'refs/pull/7/merge',
        payload: { pull_request: forkPr, repository: REPOSITORY },
        inputs: {
          ...inputs,
          push: 'always',
          image: `${proxy.host}/${repo}`,
          username: 'researcher',
          password: SECRETS.password,
        },
      }).main();
      expect(main.exitCode, main.stdout + main.stderr).toBe(0);
      expect(main.stdout).toMatch(
        /::warning::untrusted code: the pull request comes from the fork mallory\/mnist|::warning::untrusted code: pull_request_target for a pull request from the fork mallory\/mnist/,
      );
      expect(main.summary).toContain('untrusted code');
      expect(main.stdout).toContain('HF_TOKEN, DB_PASS are not passed to the container');
      expect(main.stdout).not.toContain('registry login for');
      expect(main.outputs.pushed).toBe('false');
      expect(await registryTags(repo)).toEqual([]);
      const env = readFileSync(path.join(ws, 'out/env.txt'), 'utf8');
      for (const s of Object.values(SECRETS)) expect(env).not.toContain(s);
      // The cache service was never called: its token left the job before anything ran.
      expect(service.calls.length).toBe(calls);
      for (const s of Object.values(SECRETS))
        expect(leaks(main, s, filesUnder(path.join(ws, '.repro-ci'))), s).toEqual([]);
    },
  );
});

describe('host paths through links', () => {
  test.each([
    [
      'a mount through a committed link out of the project',
      (ws: string) => symlinkSync(outside, path.join(ws, 'data')),
      ['command: ["true"]', 'mounts: ["data:/data"]'],
      [],
      /steps\.train\.mounts\[0\]: "data" cannot be used: it leads through a link to/,
    ],
    [
      "a link to the Docker engine's socket",
      (ws: string) => symlinkSync('/var/run/docker.sock', path.join(ws, 'docker.sock')),
      ['command: ["true"]', 'mounts: ["docker.sock:/var/run/docker.sock"]'],
      [],
      /mounts\[0\]: "docker\.sock" cannot be used/,
    ],
    [
      'a results folder that is a link out',
      (ws: string) => symlinkSync(outside, path.join(ws, 'out')),
      ['command: ["true"]'],
      ['results: out'],
      /results: "out" cannot be used: it leads through a link/,
    ],
    [
      "a reference file that is a link to the runner's docker config",
      (ws: string) => symlinkSync(path.join(outside, 'config.json'), path.join(ws, 'reference.json')),
      ['command: ["true"]'],
      ['metrics: {file: m.json, reference: reference.json}', 'checks: {auth: {reference: {atol: 0}}}'],
      /metrics\.reference: "reference\.json" cannot be used/,
    ],
  ])('%s: refused when repro.yml is loaded', async (_name, plant, stepLines, extra, message) => {
    const ws = project([...stepLines, 'network: none'], extra);
    plant(ws);
    const main = await job(ws).main();
    expect(main.exitCode).toBe(1);
    expect(main.stdout).toMatch(message);
    expect(main.stdout).not.toContain('::group::Build');
    expect(readdirSync(outside).sort()).toEqual(['config.json']);
    expect(leaks(main, HOST_AUTH, filesUnder(path.join(ws, '.repro-ci')))).toEqual([]);
  });

  test("a link one step makes is not followed by the next step's mount", async () => {
    const yml = [
      'name: sectest',
      'images: {app: Dockerfile}',
      'steps:',
      "  - {name: one, command: [ln, -s, /, /work/root], mounts: ['work:/work'], network: none}",
      "  - {name: two, command: [ls, /host], mounts: ['work/root:/host'], network: none}",
      'lint: {level: off}',
      '',
    ].join('\n');
    const ws = workspaceWith({ Dockerfile: 'FROM busybox:latest\n', 'repro.yml': yml });
    const main = await job(ws).main();
    expect(main.exitCode).toBe(1);
    expect(main.stdout).toMatch(
      /::error.*step "two" mount work\/root cannot be used: it leads through a link to \/, outside the project folder/,
    );
    expect(main.stdout).not.toMatch(/^(bin|etc|proc)$/m);
    // The results and the first step's log are kept.
    expect(existsSync(path.join(ws, '.repro-ci/result.json'))).toBe(true);
  });

  test.each([
    [
      "out of the project (the runner's docker config)",
      () => path.join(outside, 'config.json'),
      /metrics file results\/metrics\.json cannot be used: it leads through a link to .*config\.json, outside the project folder/,
    ],
    [
      'to a file inside the project',
      () => '../repro.yml',
      /metrics file .*metrics\.json is a link; repro-ci reads only files the steps wrote themselves/,
    ],
  ])('a metrics file a step turned into a link %s is not read, and no secret shows', async (_name, target, message) => {
    const ws = project(
      [`command: [ln, -sf, "${target()}", /results/metrics.json]`, 'mounts: ["results:/results"]', 'network: none'],
      ['metrics: results/metrics.json', 'checks: {auths.ghcr\\.io.auth: {min: 0}}'],
    );
    const main = await job(ws).main();
    expect(main.exitCode).toBe(1);
    expect(main.stdout).toMatch(message);
    expect(leaks(main, HOST_AUTH, filesUnder(path.join(ws, '.repro-ci')))).toEqual([]);
  });

  test('a metric that is not a number fails, naming the key, and its value is printed nowhere', async () => {
    const value = 'ghp_notANumberButASecret99';
    const ws = project(
      [
        'command: [cp, /data/metrics.json, /results/metrics.json]',
        'mounts: ["data:/data:ro", "results:/results"]',
        'network: none',
      ],
      ['metrics: results/metrics.json', 'checks: {accuracy: {min: 0.5}}'],
      { 'data/metrics.json': JSON.stringify({ accuracy: value }) },
    );
    const main = await job(ws).main();
    expect(main.exitCode).toBe(1);
    expect(main.stdout).toContain('metric "accuracy" is a string, not a finite number');
    const files = filesUnder(path.join(ws, '.repro-ci'));
    // The copy of the step's own metrics file holds what the step wrote; nothing repro-ci says does.
    delete files['metrics.json'];
    expect(leaks(main, value, files)).toEqual([]);
  });
});
