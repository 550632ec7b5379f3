/**
 * Publishing as a runner runs the action, against the real engine and registry: tags from the event,
 * OCI labels read back from the pushed image config, releases and pre-releases, a pull request that
 * pushes nothing, a registry that fails twice (retried), one that refuses (not retried), and a login.
 */
import http from 'node:http';
import net from 'node:net';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  docker,
  engineFacts,
  registryDigest,
  registryTags,
  REGISTRY,
  uniqueRepo,
  workspaceWith,
} from '../support/docker.js';
import {
  alwaysUnauthorized,
  basicAuth,
  failManifestPuts,
  stallUploads,
  startRegistryProxy,
  type RegistryProxy,
} from '../support/registry-proxy.js';
import { RunnerJob, type JobOptions } from '../support/runner.js';

const SHA = 'fedcba9876543210fedcba9876543210fedcba98';
const REPOSITORY = {
  full_name: 'octo-org/mnist',
  name: 'mnist',
  default_branch: 'main',
  description: 'Digits, reproducibly',
  html_url: 'https://github.com/octo-org/mnist',
  license: { spdx_id: 'MIT' },
};

function project(extra: string[] = []): string {
  return workspaceWith({
    Dockerfile: 'FROM busybox:latest\nCMD ["true"]\n',
    // No layer cache: its lookups in the registry would mix with the pushes the proxy tests count.
    'repro.yml': [
      'name: pubtest',
      'images:',
      '  app: Dockerfile',
      'steps:',
      '  - name: smoke',
      '    command: ["true"]',
      '    network: none',
      'lint: {level: off}',
      'cache: {layers: none}',
      ...extra,
      '',
    ].join('\n'),
  });
}

function job(opts: Omit<JobOptions, 'workspace'>, extra: string[] = []): RunnerJob {
  return new RunnerJob({ workspace: project(extra), sha: SHA, ...opts });
}

/** Labels from the image config as the registry serves it (not from the local engine). */
async function registryLabels(host: string, repo: string, digest: string): Promise<Record<string, string>> {
  // An image index (attestations, several platforms) is followed to its linux/amd64 image.
  const accept =
    'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json';
  type Manifest = {
    config: { digest: string };
    manifests?: { digest: string; platform?: { os: string; architecture: string } }[];
  };
  const get = async (ref: string) =>
    (await (
      await fetch(`http://${host}/v2/${repo}/manifests/${ref}`, { headers: { Accept: accept } })
    ).json()) as Manifest;
  let manifest = await get(digest);
  const image = manifest.manifests?.find((m) => m.platform?.os === 'linux' && m.platform.architecture === 'amd64');
  if (image) manifest = await get(image.digest);
  const config = (await (await fetch(`http://${host}/v2/${repo}/blobs/${manifest.config.digest}`)).json()) as {
    config: { Labels: Record<string, string> };
  };
  return config.config.Labels;
}

let proxy: RegistryProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

describe('tags and labels', () => {
  test('a push to the default branch: branch and sha tags, OCI labels in the pushed image, outputs', async () => {
    const repo = uniqueRepo('pub');
    const payload = { repository: REPOSITORY, head_commit: { timestamp: '2024-05-01T12:00:00+02:00' } };
    const main = await job({
      inputs: { image: `${REGISTRY}/${repo}`, labels: 'org.example.paper=arXiv:2401.00001' },
      ref: 'refs/heads/main',
      payload,
    }).main();
    expect(main.exitCode, main.stdout + main.stderr).toBe(0);
    expect(main.stdout).toMatch(/pushing: push to the default branch main, with push: auto/);

    const o = main.outputs;
    expect(o.tags.split('\n')).toEqual([`${REGISTRY}/${repo}:main`, `${REGISTRY}/${repo}:sha-fedcba9`]);
    expect(o.image).toBe(`${REGISTRY}/${repo}@${o.digest}`);
    expect(await registryTags(repo)).toEqual(['main', 'sha-fedcba9']);

    const labels = {
      'org.example.paper': 'arXiv:2401.00001',
      'org.opencontainers.image.created': '2024-05-01T10:00:00Z',
      'org.opencontainers.image.description': 'Digits, reproducibly',
      'org.opencontainers.image.licenses': 'MIT',
      'org.opencontainers.image.revision': SHA,
      'org.opencontainers.image.source': 'https://github.com/octo-org/mnist',
      'org.opencontainers.image.title': 'mnist',
      'org.opencontainers.image.url': 'https://github.com/octo-org/mnist',
      'org.opencontainers.image.version': 'main',
    };
    expect(JSON.parse(o.metadata)).toEqual({
      tags: [`${REGISTRY}/${repo}:main`, `${REGISTRY}/${repo}:sha-fedcba9`],
      labels,
      version: 'main',
      digest: o.digest,
      image: o.image,
    });
    // Read back from the registry, and pulled by digest: the image that was built and checked.
    const got = await registryLabels(REGISTRY, repo, o.digest);
    expect(Object.fromEntries(Object.entries(got).filter(([k]) => !k.startsWith('io.github.repro-ci')))).toEqual(
      labels,
    );
    docker('pull', `${REGISTRY}/${repo}@${o.digest}`);
    expect(docker('image', 'inspect', '--format', '{{.Id}}', `${REGISTRY}/${repo}@${o.digest}`)).toBe(o['image-id']);
  });

  test('a push to another branch builds and checks but pushes nothing, and says why', async () => {
    const repo = uniqueRepo('pub');
    const main = await job({
      inputs: { image: `${REGISTRY}/${repo}` },
      ref: 'refs/heads/feature/x',
      payload: { repository: REPOSITORY },
    }).main();
    expect(main.exitCode, main.stdout + main.stderr).toBe(0);
    expect(main.stdout).toMatch(
      /not pushing: branch feature\/x is not the default branch main, and push: auto pushes only the default branch, tags and releases/,
    );
    expect([main.outputs.pushed, main.outputs.tags]).toEqual(['false', '']);
    expect(await registryTags(repo)).toEqual([]);
  });

  test('a pull request, and one from a fork, push nothing', async () => {
    const repo = uniqueRepo('pub');
    for (const [headRepo, reason] of [
      ['octo-org/mnist', 'pull requests do not push with push: auto'],
      ['someone/mnist', 'this run comes from a fork, and images are never pushed from forks'],
    ]) {
      const payload = {
        repository: REPOSITORY,
        pull_request: { number: 7, head: { sha: SHA, repo: { full_name: headRepo } } },
      };
      const main = await job({
        inputs: { image: `${REGISTRY}/${repo}`, push: headRepo === 'someone/mnist' ? 'always' : '' },
        eventName: 'pull_request',
        ref: 'refs/pull/7/merge',
        payload,
      }).main();
      expect(main.exitCode, main.stdout + main.stderr).toBe(0);
      expect(main.stdout).toContain(`not pushing: ${reason}`);
      expect(main.outputs.pushed).toBe('false');
    }
    expect(await registryTags(repo)).toEqual([]);
  });
});

describe('releases', () => {
  test('a published release pushes its semver tags and latest; a pre-release does not move latest', async () => {
    const repo = uniqueRepo('pub');
    const release = (tag: string, prerelease: boolean) =>
      job({
        inputs: { image: `${REGISTRY}/${repo}` },
        eventName: 'release',
        ref: `refs/tags/${tag}`,
        payload: { action: 'published', release: { tag_name: tag, prerelease }, repository: REPOSITORY },
      }).main();

    const v1 = await release('v1.2.3', false);
    expect(v1.exitCode, v1.stdout + v1.stderr).toBe(0);
    expect(v1.stdout).toMatch(/pushing: release v1\.2\.3 published, with push: auto/);
    expect(v1.outputs.tags.split('\n').map((r) => r.split(':').pop())).toEqual([
      '1.2.3',
      '1.2',
      'v1.2.3',
      'sha-fedcba9',
      'latest',
    ]);
    expect(JSON.parse(v1.outputs.metadata).labels['org.opencontainers.image.version']).toBe('1.2.3');

    const rc = await release('v2.0.0-rc.1', true);
    expect(rc.exitCode, rc.stdout + rc.stderr).toBe(0);
    expect(rc.outputs.tags.split('\n').map((r) => r.split(':').pop())).toEqual([
      '2.0.0-rc.1',
      'v2.0.0-rc.1',
      'sha-fedcba9',
    ]);

    expect(await registryTags(repo)).toEqual([
      '1.2',
      '1.2.3',
      '2.0.0-rc.1',
      'latest',
      'sha-fedcba9',
      'v1.2.3',
      'v2.0.0-rc.1',
    ]);
    // One commit, one image: the pre-release of the same commit is the release's image, re-tagged
    // (src/publish/promote.ts), so neither `latest` nor the commit's tag moved.
    expect(rc.outputs.promoted).toBe('true');
    expect(rc.outputs.digest).toBe(v1.outputs.digest);
    expect(await registryDigest(repo, 'latest')).toBe(v1.outputs.digest);
    expect(await registryDigest(repo, 'sha-fedcba9')).toBe(v1.outputs.digest);
  });

  test("metadata-action's outputs passed in as the tags and labels inputs", async () => {
    const repo = uniqueRepo('pub');
    const inputs = {
      tags: `${REGISTRY}/${repo}:1.2.3\n${REGISTRY}/${repo}:latest\n`,
      labels: 'org.opencontainers.image.title=MNIST baseline\n',
      flavor: 'latest=false',
    };
    const main = await job({
      inputs,
      eventName: 'release',
      ref: 'refs/tags/v1.2.3',
      payload: { action: 'published', release: { tag_name: 'v1.2.3' }, repository: REPOSITORY },
    }).main();
    expect(main.exitCode, main.stdout + main.stderr).toBe(0);
    // The repository comes from the references, as no image is configured.
    expect(main.outputs.tags.split('\n')).toEqual([`${REGISTRY}/${repo}:1.2.3`, `${REGISTRY}/${repo}:latest`]);
    expect((await registryLabels(REGISTRY, repo, main.outputs.digest))['org.opencontainers.image.title']).toBe(
      'MNIST baseline',
    );
  });

  test('sep-tags, sep-labels and sep-annotations join the outputs as metadata-action joins them', async () => {
    const repo = uniqueRepo('pub');
    const inputs = {
      image: `${REGISTRY}/${repo}`,
      tags: 'type=sha\ntype=raw,value=stable',
      annotations: 'org.opencontainers.image.title=MNIST',
      'sep-tags': ',',
      'sep-labels': ' ',
      'sep-annotations': ';',
    };
    const main = await job({ inputs, payload: { repository: REPOSITORY } }).main();
    expect(main.exitCode, main.stdout + main.stderr).toBe(0);
    // metadata-action's priorities: raw (200) before sha (100).
    expect(main.outputs.tags).toBe(`${REGISTRY}/${repo}:stable,${REGISTRY}/${repo}:sha-fedcba9`);
    // A space separator survives the runner's input (read untrimmed); label values with spaces stay whole.
    expect(main.outputs.labels).toContain('org.opencontainers.image.revision=fedcba9876543210fedcba9876543210fedcba98');
    expect(main.outputs.labels.split(' org.opencontainers.image.').length).toBeGreaterThan(3);
    expect(main.outputs.labels).not.toContain('\n');
    expect(main.outputs.annotations.split(';')).toContain('org.opencontainers.image.title=MNIST');
  });

  test('annotations go onto the pushed manifest where the builder writes them, and the log says where not', async () => {
    const repo = uniqueRepo('pub');
    const inputs = {
      image: `${REGISTRY}/${repo}`,
      tags: 'type=sha',
      annotations: 'org.example.paper=arXiv:2401.00001',
    };
    const main = await job({ inputs, payload: { repository: REPOSITORY } }).main();
    expect(main.exitCode, main.stdout + main.stderr).toBe(0);
    const accept = 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json';
    const res = await fetch(`http://${REGISTRY}/v2/${repo}/manifests/${main.outputs.digest}`, {
      headers: { Accept: accept },
    });
    const manifest = (await res.json()) as { mediaType: string; annotations?: Record<string, string> };
    // Measured (src/publish/annotations.ts): only a non-docker buildx driver loading into the containerd store keeps them.
    const f = engineFacts();
    if (f.driver && f.driver !== 'docker' && f.containerdStore) {
      expect(manifest.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
      expect(manifest.annotations).toMatchObject({
        'org.example.paper': 'arXiv:2401.00001',
        'org.opencontainers.image.revision': SHA,
        'org.opencontainers.image.title': 'mnist',
      });
      expect(main.stdout).not.toContain('annotations are not written');
    } else {
      expect(manifest.annotations).toBeUndefined();
      expect(main.stdout).toMatch(
        /annotations \(org\.example\.paper\) are not written onto the pushed manifests: (the classic client|the buildx docker driver)/,
      );
    }
    expect(main.outputs.annotations.split('\n')).toContain('org.example.paper=arXiv:2401.00001');
  });

  test('a build-and-push-only config (no steps) builds, pushes and records, and says that nothing was checked', async () => {
    const repo = uniqueRepo('pub');
    const workspace = workspaceWith({
      Dockerfile: 'FROM busybox:latest\nRUN echo release > /r\n',
      'repro.yml': [
        'name: releaseonly',
        'images:',
        '  app: Dockerfile',
        'lint: {level: off}',
        'cache: {layers: none}',
        '',
      ].join('\n'),
    });
    const main = await new RunnerJob({
      workspace,
      sha: SHA,
      inputs: { image: `${REGISTRY}/${repo}`, tags: 'type=sha' },
      payload: { repository: REPOSITORY },
    }).main();
    expect(main.exitCode, main.stdout + main.stderr).toBe(0);
    expect(main.stdout).toContain(
      'no steps: a build-and-push-only config, so no container runs and no result is checked',
    );
    expect(main.stdout).not.toMatch(/::warning::no checks/);
    expect(main.stdout).not.toMatch(/::group::Run /);
    expect(await registryTags(repo)).toEqual(['sha-fedcba9']);
    expect(await registryTags(repo, { companions: true })).toContain(`sha256-${main.outputs.digest.slice(7)}.repro`);
    expect(JSON.parse(main.outputs.record)).toMatchObject({ steps: [], passed: true });
  });

  test('a bad tags input fails before anything is built, naming the input', async () => {
    const main = await job({
      inputs: { image: `${REGISTRY}/${uniqueRepo('pub')}`, tags: 'type=semver,pattern={{verison}}' },
      payload: { repository: REPOSITORY },
    }).main();
    expect(main.exitCode).toBe(1);
    expect(main.stdout).toContain(
      '::error::input tags: "type=semver,pattern={{verison}}": {{verison}} is not available in pattern=.',
    );
    expect(main.stdout).not.toMatch(/::group::Build/);
  });
});

describe('registry faults and logins', () => {
  test('a registry that answers 503 twice: the push is retried with backoff, and succeeds', async () => {
    proxy = await startRegistryProxy(failManifestPuts(2));
    const repo = uniqueRepo('pub');
    const main = await job({
      inputs: { image: `${proxy.host}/${repo}`, tags: 'type=sha' },
      payload: { repository: REPOSITORY },
    }).main();
    expect(main.exitCode, main.stdout + main.stderr).toBe(0);
    const warnings = main.stdout.split('\n').filter((l) => l.startsWith('::warning::push of'));
    const retries = [
      `::warning::push of ${proxy.host}/${repo}:sha-fedcba9 failed (attempt 1 of 4): … Retrying in 1s.`,
      `::warning::push of ${proxy.host}/${repo}:sha-fedcba9 failed (attempt 2 of 4): … Retrying in 2s.`,
    ];
    // One docker push sends one manifest PUT, or (an OCI image pushed through the remote driver) two at
    // once: then both 503s fall in the first attempt.
    const puts = proxy.requests
      .filter((r) => r.method === 'PUT' && r.url.includes('/manifests/') && !r.url.endsWith('.repro'))
      .map((r) => r.status);
    expect(puts.slice(0, 2)).toEqual([503, 503]);
    expect(puts.slice(2).length).toBeGreaterThan(0);
    expect(puts.slice(2).every((st) => st === 201)).toBe(true);
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.map((l) => l.replace(/: the registry .*? (Retrying)/, ': … $1'))).toEqual(
      retries.slice(0, warnings.length),
    );
    expect(await registryTags(repo)).toEqual(['sha-fedcba9']);
    expect(main.outputs.digest).toBe(await registryDigest(repo, 'sha-fedcba9'));
  });

  test('a registry that refuses: a clear error, and no retry storm', async () => {
    proxy = await startRegistryProxy(alwaysUnauthorized);
    const main = await job({
      inputs: { image: `${proxy.host}/${uniqueRepo('pub')}`, tags: 'type=sha' },
      payload: { repository: REPOSITORY },
    }).main();
    expect(main.exitCode).toBe(1);
    expect(main.stdout).toContain(`::error::the registry ${proxy.host} refused the push of ${proxy.host}/`);
    expect(main.stdout).toMatch(/log in before pushing \(the `username`\/`password` inputs/);
    expect(main.stdout).not.toContain('Retrying');
    // repro-ci's own ping (src/publish/registry-probe.ts), then one docker push, which stops at the registry's
    // first refusal: on 20.10 and overlay2 its `GET /v2/`; the containerd store's pusher asks for its blobs
    // in parallel first, each refused once.
    const asked = proxy.requests.map((r) => `${r.method} ${r.url} ${r.status}`);
    expect(asked[0]).toBe('GET /v2/ 401');
    if (engineFacts().containerdStore) {
      expect(
        asked.every((a) => a.endsWith(' 401')),
        asked.join('\n'),
      ).toBe(true);
      expect(asked.length).toBeLessThanOrEqual(11);
    } else {
      expect(asked).toEqual(['GET /v2/ 401', 'GET /v2/ 401']);
    }
    expect(main.outputs.pushed).toBe('false');
  });

  test('one image of two refused: the outputs and the summary name what did reach the registry', async () => {
    // The registry refuses train's manifest only (a refusal, so no retry); evaluate's pushes go through.
    proxy = await startRegistryProxy((req) =>
      req.method === 'PUT' && /\/train\/manifests\//.test(req.url ?? '')
        ? { status: 403, body: '{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}' }
        : undefined,
    );
    const repo = uniqueRepo('partial');
    const ws = workspaceWith({
      Dockerfile: 'FROM busybox:latest\nCMD ["true"]\n',
      'repro.yml': [
        'name: partial',
        'images:',
        '  train: Dockerfile',
        '  evaluate: Dockerfile',
        'steps:',
        '  - name: smoke',
        '    image: train',
        '    command: ["true"]',
        '    network: none',
        'lint: {level: off}',
        'cache: {layers: none}',
        '',
      ].join('\n'),
    });
    const main = await new RunnerJob({
      workspace: ws,
      sha: SHA,
      inputs: { image: `${proxy.host}/${repo}`, tags: 'type=sha' },
      payload: { repository: REPOSITORY },
    }).main();
    expect(main.exitCode).toBe(1);
    const published = `${proxy.host}/${repo}/evaluate:sha-fedcba9`;
    expect(main.outputs.pushed).toBe('true');
    expect(main.outputs.tags).toBe(published);
    expect(main.stdout).toContain(`Already in the registry: ${published}.`);
    expect(main.summary).toContain(published);
    expect(await registryTags(`${repo}/evaluate`)).toEqual(['sha-fedcba9']);
  });

  /** A registry on loopback that accepts connections and never answers, or answers 500 to everything. */
  async function badRegistry(kind: 'silent' | '500'): Promise<{ host: string; close: () => Promise<void> }> {
    const sockets = new Set<net.Socket>();
    const server =
      kind === 'silent'
        ? net.createServer((s) => void sockets.add(s))
        : http.createServer((_req, res) => res.writeHead(500).end('{"errors":[{"code":"UNKNOWN"}]}'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const close = async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    };
    return { host: `127.0.0.1:${(server.address() as net.AddressInfo).port}`, close };
  }

  test.each([
    ['accepts connections and never answers', 'silent', 'did not answer within 10 s'],
    ['answers 500 to everything', '500', 'answered HTTP 500'],
  ] as const)(
    'a registry that %s: the push fails in seconds, naming it, the time and the fix',
    async (_name, kind, said) => {
      const reg = await badRegistry(kind);
      try {
        const started = Date.now();
        const main = await job({
          inputs: { image: `${reg.host}/${uniqueRepo('dead')}`, tags: 'type=sha' },
          payload: { repository: REPOSITORY },
          timeoutMs: 120_000,
        }).main();
        expect(main.exitCode).toBe(1);
        expect(main.stdout).toContain(`::error::the registry ${reg.host} ${said} (GET /v2/), so nothing was pushed.`);
        expect(main.stdout).toContain('check that the registry is up and that this runner reaches it');
        expect(Date.now() - started).toBeLessThan(60_000);
        expect(main.outputs.pushed).toBe('false');
      } finally {
        await reg.close();
      }
    },
  );

  test('a registry that answers its ping, then stalls mid-upload: the push is stopped at push.timeout, naming it', async () => {
    proxy = await startRegistryProxy(stallUploads);
    const started = Date.now();
    const main = await job(
      {
        inputs: { image: `${proxy.host}/${uniqueRepo('stall')}`, tags: 'type=sha' },
        payload: { repository: REPOSITORY },
        timeoutMs: 120_000,
      },
      ['push: {timeout: 8s}'],
    ).main();
    expect(main.exitCode, main.stdout + main.stderr).toBe(1);
    expect(main.stdout).toMatch(
      /::error::docker push 127\.0\.0\.1:\d+\/e2e-\S+:sha-fedcba9 did not finish within 8 s, so it was stopped: the registry 127\.0\.0\.1:\d+ stopped answering during the upload/,
    );
    expect(main.stdout).toContain('raise `push.timeout` in repro.yml');
    // The upload really was under way when it was stopped, and it was not retried.
    expect(proxy.requests.some((r) => /\/blobs\/uploads\//.test(r.url))).toBe(true);
    expect(main.stdout).not.toContain('Retrying in');
    expect(main.outputs.pushed).toBe('false');
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  test('a registry layer cache on a registry that never answers: the build goes on without it, with a warning', async () => {
    const reg = await badRegistry('silent');
    try {
      const ws = workspaceWith({
        Dockerfile: 'FROM busybox:latest\nRUN echo layer > /l\n',
        'repro.yml': [
          'name: deadcache',
          'images:',
          '  app: Dockerfile',
          'steps:',
          '  - name: smoke',
          '    command: ["true"]',
          '    network: none',
          'lint: {level: off}',
          'cache: {layers: registry}',
          '',
        ].join('\n'),
      });
      const started = Date.now();
      const main = await new RunnerJob({
        workspace: ws,
        sha: SHA,
        inputs: { image: `${reg.host}/${uniqueRepo('deadcache')}`, push: 'never' },
        payload: { repository: REPOSITORY },
        timeoutMs: 120_000,
      }).main();
      expect(main.exitCode, main.stdout + main.stderr).toBe(0);
      expect(main.stdout).toContain(
        `::warning::layer cache (registry): the registry ${reg.host} did not answer within 10 s, and --cache-from would hold the build up; local BuildKit cache only.`,
      );
      expect(Date.now() - started).toBeLessThan(60_000);
    } finally {
      await reg.close();
    }
  });

  test('username/password log in through a temporary DOCKER_CONFIG that is gone after the job', async () => {
    proxy = await startRegistryProxy(basicAuth('researcher', 'tok-3f9a1c'));
    const repo = uniqueRepo('pub');
    const userConfig = path.join(os.homedir(), '.docker', 'config.json');
    const before = existsSync(userConfig) ? readFileSync(userConfig, 'utf8') : undefined;
    const j = job({
      inputs: { image: `${proxy.host}/${repo}`, tags: 'type=sha', username: 'researcher', password: 'tok-3f9a1c' },
      payload: { repository: REPOSITORY },
    });
    const main = await j.main();
    expect(main.exitCode, main.stdout + main.stderr).toBe(0);
    // Masked before use; never printed otherwise.
    expect(main.stdout.split('\n').filter((l) => l.includes('tok-3f9a1c'))).toEqual(['::add-mask::tok-3f9a1c']);
    expect(main.stdout).toContain(
      `logged in to ${proxy.host} as researcher (credentials kept in a temporary DOCKER_CONFIG)`,
    );
    expect(await registryTags(repo)).toEqual(['sha-fedcba9']);
    // Authenticated requests only past the first challenge.
    expect(proxy.requests.filter((r) => r.status === 201).length).toBeGreaterThan(0);

    const dir = main.state.dockerConfig;
    expect(dir.startsWith(path.join(j.temp, 'repro-ci-docker-config-'))).toBe(true);
    expect(existsSync(dir)).toBe(false);
    // The user's own docker config never saw the credentials.
    expect(existsSync(userConfig) ? readFileSync(userConfig, 'utf8') : undefined).toBe(before);
    const post = await j.post();
    expect(post.exitCode, post.stdout + post.stderr).toBe(0);
  });

  test("images: one image to two registries with a login each (the inputs', and the job's own kept), a disabled one left out", async () => {
    proxy = await startRegistryProxy(basicAuth('researcher', 'tok-a'));
    const other = await startRegistryProxy(basicAuth('ci-bot', 'tok-b'));
    try {
      // The job's DOCKER_CONFIG as docker/login-action leaves it: a login to the second registry (and buildx's state, kept).
      const ambient = process.env.DOCKER_CONFIG || path.join(os.homedir(), '.docker');
      const config = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-jobcfg-'));
      if (existsSync(ambient))
        cpSync(ambient, config, { recursive: true, filter: (src) => !src.endsWith('config.json') });
      const auths = { [other.host]: { auth: Buffer.from('ci-bot:tok-b').toString('base64') } };
      writeFileSync(path.join(config, 'config.json'), JSON.stringify({ auths }));
      const before = readFileSync(path.join(config, 'config.json'), 'utf8');
      const [a, b, off] = [uniqueRepo('pub'), uniqueRepo('pub'), uniqueRepo('pub')];
      const images = [
        `${proxy.host}/${a}`,
        `name=${other.host}/${b},enable=true`,
        `name=${REGISTRY}/${off},enable=false`,
      ].join('\n');
      const inputs = { images, tags: 'type=sha', username: 'researcher', password: 'tok-a' };
      const main = await job({ inputs, payload: { repository: REPOSITORY }, env: { DOCKER_CONFIG: config } }).main();
      expect(main.exitCode, main.stdout + main.stderr).toBe(0);
      expect(main.stdout).toContain(`logged in to ${proxy.host} as researcher`);
      expect(main.stdout).toContain(`no login given for ${other.host}: pushed there with the job's own docker login`);
      expect(main.outputs.tags.split('\n')).toEqual([
        `${proxy.host}/${a}:sha-fedcba9`,
        `${other.host}/${b}:sha-fedcba9`,
      ]);
      expect(await registryTags(a)).toEqual(['sha-fedcba9']);
      expect(await registryTags(b)).toEqual(['sha-fedcba9']);
      expect(await registryTags(off)).toEqual([]);
      // One image, one manifest: the same digest in both; the outputs name the main (first) repository.
      expect(await registryDigest(b, 'sha-fedcba9')).toBe(main.outputs.digest);
      expect(main.outputs.image).toBe(`${proxy.host}/${a}@${main.outputs.digest}`);
      // Each registry saw its own credentials (uploads past the challenge), and the job's config is untouched.
      expect(proxy.requests.some((r) => r.status === 201)).toBe(true);
      expect(other.requests.some((r) => r.status === 201)).toBe(true);
      expect(readFileSync(path.join(config, 'config.json'), 'utf8')).toBe(before);
      // The record went to the main repository straight through the registry API (no docker import), with its login.
      expect(main.stdout).toContain('published the reproduction record');
      expect(main.stdout).not.toContain('the registry API did not take the record');
      const companion = `sha256-${main.outputs.digest.slice('sha256:'.length)}.repro`;
      expect(await registryTags(a, { companions: true })).toContain(companion);
    } finally {
      await other.close();
    }
  });

  test('wrong credentials: the login is refused, explained, and the password never shows', async () => {
    proxy = await startRegistryProxy(basicAuth('researcher', 'right'));
    const j = job({
      inputs: {
        image: `${proxy.host}/${uniqueRepo('pub')}`,
        tags: 'type=sha',
        username: 'researcher',
        password: 'wrong-pw-77',
      },
      payload: { repository: REPOSITORY },
    });
    const main = await j.main();
    expect(main.exitCode).toBe(1);
    expect(main.stdout).toContain(`::error::the registry ${proxy.host} refused the login of researcher.`);
    expect((main.stdout + main.stderr).split('\n').filter((l) => l.includes('wrong-pw-77'))).toEqual([
      '::add-mask::wrong-pw-77',
    ]);
    expect(existsSync(main.state.dockerConfig)).toBe(false);
  });
});
