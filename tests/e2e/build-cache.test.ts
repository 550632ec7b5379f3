/**
 * Cache mounts that survive a fresh runner, through the runner harness, the real @actions/cache client
 * and the loopback cache service: run 1 builds cold and saves the mount; the builder and the built image
 * are wiped (only this test's records: the base image and other tests' caches stay); run 2 restores,
 * and the build's compile step finds every object in its cache mount.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { CacheService } from '../support/cache-service.js';
import { classicClientEnv, docker, dockerOk, engineFacts, workspaceWith } from '../support/docker.js';
import { REPO_ROOT, RunnerJob } from '../support/runner.js';

/**
 * How archives reach the helper builds: streamed where the builder runs in this machine's engine, as
 * build context through the remote driver (src/cache/dance.ts).
 */
const TRANSPORT = engineFacts().driver === 'remote' ? 'context' : 'stream';
/** tools/build.py: ceil(6e6 / 4096) = 1465 digests of 32 bytes, written 8 times. */
const OBJECT_BYTES = 1465 * 32 * 8;
const services: CacheService[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) await s.stop();
});

function fixture(token: string): string {
  const ws = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-ws-'));
  cpSync(path.join(REPO_ROOT, 'tests/fixtures/cache-mount'), ws, { recursive: true });
  for (const f of ['Dockerfile', 'repro.yml'])
    writeFileSync(path.join(ws, f), readFileSync(path.join(ws, f), 'utf8').replaceAll('__TOKEN__', token));
  return ws;
}

/** A fresh runner for this test: its image and every builder record that names its token are removed. */
/**
 * How BuildKit's plain progress log shows one step (its vertex, found by `header`): `cached`, `imported`
 * (only blob transfers and DONE: its layer was taken from an imported cache), or `ran` (the command printed).
 */
function vertexOutcome(log: string, header: RegExp): 'cached' | 'imported' | 'ran' | 'absent' {
  const head = log.split('\n').find((line) => /^#\d+ \[/.test(line) && header.test(line));
  if (!head) return 'absent';
  const id = head.split(' ')[0];
  const lines = log.split('\n').filter((line) => line.startsWith(id + ' ') && line !== head);
  if (lines.some((line) => line === `${id} CACHED`)) return 'cached';
  // BuildKit 0.8 (dockerd 20.10) also prints the vertex digest alone on a line: `#9 sha256:590e...`.
  const transfer = /^#\d+ (DONE [\d.]+s|sha256:[0-9a-f]+( .*)?|extracting sha256:.*|resolve .*)$/;
  return lines.every((line) => transfer.test(line)) ? 'imported' : 'ran';
}

function wipe(token: string): void {
  if (dockerOk('image', 'inspect', `cachefix-${token}:latest`)) docker('rmi', '--force', `cachefix-${token}:latest`);
  const du = docker('builder', 'du', '--verbose');
  const ids = du
    .split(/\n(?=ID:)/)
    .filter((rec) => rec.includes(token))
    .map((rec) => /^ID:\s*(\S+)/m.exec(rec)?.[1])
    .filter((id): id is string => !!id);
  for (const id of ids)
    execFileSync('docker', ['builder', 'prune', '--all', '--force', '--filter', `id=${id}`], { stdio: 'ignore' });
  expect(docker('builder', 'du', '--verbose')).not.toContain(token);
}

interface MountOut {
  id: string;
  key: string;
  restore: {
    status: string;
    matchedKey?: string;
    files: number;
    bytes: number;
    seconds: number;
    transport?: string;
    injectSeconds?: number;
  };
  save: { status: string; files: number; bytes: number; seconds: number; transport?: string; extractSeconds?: number };
}

async function service(): Promise<CacheService> {
  const s = await new CacheService().start();
  services.push(s);
  return s;
}

describe('cache mounts on fresh runners', () => {
  test('run 1 misses and saves; after a wipe, run 2 restores and the build finds its objects', async () => {
    const token = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const svc = await service();
    const run = async (client: { builder?: string; env?: Record<string, string> } = {}) => {
      // The mounts alone: a layer cache (gha, where the builder exports one) would skip the compile step.
      const ws = fixture(token);
      writeFileSync(
        path.join(ws, 'repro.yml'),
        readFileSync(path.join(ws, 'repro.yml'), 'utf8').replace('cache:\n', 'cache:\n  layers: builder\n'),
      );
      const job = new RunnerJob({
        workspace: ws,
        inputs: { push: 'never', ...(client.builder ? { builder: client.builder } : {}) },
        env: { ...svc.env(), ...client.env },
      });
      const main = await job.main();
      expect(main.exitCode, main.stdout + main.stderr).toBe(0);
      return {
        main,
        cache: JSON.parse(main.outputs.cache) as {
          backend: string;
          layers: { strategy: string };
          mounts: MountOut[];
          warnings: string[];
        },
      };
    };

    const first = await run();
    expect(first.main.stdout).toContain(`object cache before the build (${token}): 0 objects`);
    expect(first.main.stdout).toContain('object cache: 0 hits, 6 compiled');
    expect(first.cache.backend).toBe('actions');
    expect(first.cache.layers.strategy).toBe('builder');
    expect(first.cache.mounts).toHaveLength(1);
    const m1 = first.cache.mounts[0];
    expect(m1.id).toBe(`objs-${token}`);
    expect(m1.key).toMatch(new RegExp(`^repro-ci-mount-v1-Linux-X64-objs-${token}-[0-9a-f]{8}-[0-9a-f]{16}$`));
    expect(m1.restore).toMatchObject({ status: 'miss', files: 0, bytes: 0 });
    // Not "building cold": when the log says it, whether the RUN step runs at all is not known (issue 21).
    expect(first.main.stdout).toContain(`cache mount objs-${token}: miss (no entry for `);
    expect(first.main.stdout).toContain(
      'a RUN step that uses it starts with it empty, if the step runs (a CACHED layer does not).',
    );
    // Streamed out through a loopback socket (python:3.11-slim has bash; the docker driver is this machine's).
    expect(m1.save).toMatchObject({ status: 'saved', files: 6, bytes: 6 * OBJECT_BYTES, transport: TRANSPORT });
    expect(first.main.stdout).toContain(`cache mount objs-${token}: saved ${m1.key}: 6 files, 2.1 MiB.`);
    expect(svc.entries.map((e) => e.key)).toEqual([m1.key]);
    expect(first.main.stdout).not.toMatch(/::warning::(?!no checks:)/);

    wipe(token);

    const second = await run();
    const m2 = second.cache.mounts[0];
    expect(m2.key).toBe(m1.key);
    expect(m2.restore).toMatchObject({
      status: 'hit',
      matchedKey: m1.key,
      files: 6,
      bytes: 6 * OBJECT_BYTES,
      transport: TRANSPORT,
    });
    // The compile step ran (no layer cache) and found every object in the restored mount.
    expect(second.main.stdout).toContain(`object cache before the build (${token}): 6 objects`);
    expect(second.main.stdout).toContain('object cache: 6 hits, 0 compiled');
    // An exact hit: the entry cannot be replaced, so the mount is not even extracted.
    expect(m2.save).toMatchObject({ status: 'exists', files: 0, bytes: 0 });
    expect(second.main.stdout).toContain(`cache mount objs-${token}: restored from its exact key; nothing to save.`);
    expect(svc.entries).toHaveLength(1);
    expect(second.main.summary).toContain('### Build caches');
    expect(second.main.summary).toContain(`| objs-${token} | ✅ hit | ${m1.key} | 6 files, 2.1 MiB | key exists | — |`);
    expect(second.main.summary).toMatch(/\| Restore caches \| ✅ ok \|/);
    // Nothing of the dance is left in the workspace or the image store.
    expect(readdirSync(path.join(second.main.outputs['results-dir'], '..'))).not.toContain('.repro-ci-cache');

    // The classic 20.10 client (no `type=cacheonly`: its inject exports a small stage) restores the same way.
    wipe(token);
    const classic = await run({ builder: 'classic', env: classicClientEnv() });
    expect(classic.main.stdout).toMatch(/building with the classic client with BuildKit/);
    // The classic client builds in this machine's engine: it streams on every row.
    expect(classic.cache.mounts[0].restore).toMatchObject({
      status: 'hit',
      files: 6,
      bytes: 6 * OBJECT_BYTES,
      transport: 'stream',
    });
    expect(classic.main.stdout).toContain('object cache: 6 hits, 0 compiled');

    // A builder that still holds the mount (a self-hosted runner) keeps its own content over the restored one.
    const kept = await run();
    expect(kept.cache.mounts[0].restore).toMatchObject({ status: 'kept', matchedKey: m1.key });
    expect(kept.main.stdout).toContain(`cache mount objs-${token}: the builder already had content; kept it`);

    // Another job saves the key between this run's lookup (a miss) and its save: no failure, no warning.
    wipe(token);
    svc.fault = 'miss';
    const raced = await run();
    expect(raced.cache.mounts[0].restore.status).toBe('miss');
    expect(raced.cache.mounts[0].save).toMatchObject({ status: 'exists', files: 6 });
    expect(raced.main.stdout).toContain(
      `cache mount objs-${token}: another run saved ${m1.key} first (entries cannot be replaced); the next run restores that.`,
    );
    expect(raced.main.stdout).not.toMatch(/::warning::(?!no checks:)/);
    expect(raced.main.summary).toContain(`| objs-${token} | ⚪ miss | ${m1.key} | — | key exists | — |`);
    expect(svc.entries).toHaveLength(1);
  });

  test('`cache.layers: image`: run 1 saves the built image; after a wipe, run 2 loads it and every step is CACHED', async () => {
    const token = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const svc = await service();
    const run = async (client: { builder?: string; env?: Record<string, string> } = {}) => {
      const ws = fixture(token);
      writeFileSync(
        path.join(ws, 'repro.yml'),
        readFileSync(path.join(ws, 'repro.yml'), 'utf8').replace('cache:\n', 'cache:\n  layers: image\n'),
      );
      const job = new RunnerJob({
        workspace: ws,
        inputs: { push: 'never', ...(client.builder ? { builder: client.builder } : {}) },
        env: { ...svc.env(), ...client.env },
      });
      const main = await job.main();
      expect(main.exitCode, main.stdout + main.stderr).toBe(0);
      type Layers = {
        image: string;
        key: string;
        restore: { status: string; matchedKey?: string; bytes: number };
        save: { status: string; bytes: number; reason?: string };
      };
      return {
        main,
        cache: JSON.parse(main.outputs.cache) as {
          layers: { strategy: string; reason: string };
          layerImages: Layers[];
          mounts: MountOut[];
        },
      };
    };
    const tag = `cachefix-${token}:repro-ci-layers`;

    const first = await run();
    if (engineFacts().exportsLayerCache) {
      // A builder that exports (remote driver, or the docker driver on the containerd store) keeps its
      // layer cache in the service itself: type=gha, read back after the builder was wiped.
      expect(first.cache.layers).toMatchObject({
        strategy: 'gha',
        reason: expect.stringContaining('`cache.layers: image` is for builders that cannot export a layer cache'),
      });
      expect(first.main.stdout).toMatch(/--cache-to|exporting to GitHub Actions Cache|writing layer|exporting cache/i);
      const gha = svc.entries.filter((e) => !e.key.startsWith('repro-ci-'));
      expect(gha.length, svc.calls.join(' ')).toBeGreaterThan(0);
      wipe(token);
      const second = await run();
      expect(second.main.stdout).toMatch(/importing cache manifest from gha/);
      expect(vertexOutcome(second.main.stdout, /COPY src\/ src\//)).toBe('cached');
      // The RUN that holds the cache mount comes back from the gha cache in one of three ways (all seen with
      // buildx 0.29 on dockerd 28.5): CACHED, its layer blob downloaded from the service with no command run,
      // or run again; when it runs again, the restored mount serves it: every object is a hit.
      const outcome = vertexOutcome(second.main.stdout, /RUN --mount=type=cache,id=objs-/);
      if (outcome === 'ran') expect(second.main.stdout).toContain('object cache: 6 hits, 0 compiled');
      else expect(['cached', 'imported']).toContain(outcome);
      if (engineFacts().containerdStore) {
        // The classic client there cannot export, and --cache-from an image would ask a registry: it says so.
        const classic = await run({ builder: 'classic', env: classicClientEnv() });
        expect(classic.cache.layers).toMatchObject({
          strategy: 'builder',
          reason: expect.stringContaining('the containerd image store looks up in a registry only'),
        });
      }
      wipe(token);
      return;
    }
    expect(first.cache.layers.strategy).toBe('image');
    const l1 = first.cache.layerImages[0];
    expect(l1.key).toBe(
      'repro-ci-layers-v1-Linux-X64-cachefix-' + token + '-app-0123456789abcdef0123456789abcdef01234567',
    );
    expect(l1.restore.status).toBe('miss');
    expect(l1.save.status).toBe('saved');
    // Without the base image's layers (python:3.11-slim alone is over 100 MiB).
    expect(l1.save).toMatchObject({ reason: expect.stringMatching(/^without the \d+ layers of python:3\.11-slim$/) });
    expect(l1.save.bytes).toBeGreaterThan(0);
    expect(l1.save.bytes).toBeLessThan(20 * 1024 ** 2);
    expect(svc.entries.map((e) => e.key).sort()).toEqual([first.cache.mounts[0].key, l1.key].sort());
    expect(first.main.stdout).toContain('object cache: 0 hits, 6 compiled');
    // Our tag was only for `docker save`: the image keeps its own tag alone.
    expect(dockerOk('image', 'inspect', tag)).toBe(false);

    wipe(token);

    const second = await run();
    const l2 = second.cache.layerImages[0];
    expect(l2.restore).toMatchObject({ status: 'hit', matchedKey: l1.key });
    expect(second.main.stdout).toContain(`layer cache of app: loaded ${tag} from ${l1.key}`);
    // Its download began with the run; what the client printed meanwhile shows in the Restore caches section.
    const restoreSection = second.main.stdout.split('::group::Restore caches')[1]?.split('::endgroup::')[0] ?? '';
    expect(restoreSection).toContain(`Cache hit for: ${l1.key}`);
    expect(second.main.stdout).toContain(`importing cache manifest from ${tag}`);
    // The compile step's layer came back: it did not run at all.
    expect(vertexOutcome(second.main.stdout, /RUN --mount=type=cache,id=objs-/)).toBe('cached');
    expect(second.main.stdout).not.toContain('object cache:');
    expect(['unchanged', 'exists']).toContain(l2.save.status);
    expect(second.main.summary).toContain(`| layers of app | ✅ hit | ${l1.key} |`);
    expect(dockerOk('image', 'inspect', tag)).toBe(false);

    // The classic 20.10 client reads the same entry back (inline metadata through BUILDKIT_INLINE_CACHE).
    wipe(token);
    const classic = await run({ builder: 'classic', env: classicClientEnv() });
    expect(classic.cache.layerImages[0].restore.status).toBe('hit');
    expect(classic.main.stdout).not.toContain('object cache:');
    wipe(token);
  });

  test('a helper image with neither bash nor python3 (busybox): the stream says so and the archive goes as build context', async () => {
    const token = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const svc = await service();
    const files = {
      Dockerfile: `FROM busybox\nRUN --mount=type=cache,id=bb-${token},target=/cache sh -c 'echo "files before (${token}): $(ls /cache | wc -l)"; [ -f /cache/data ] || head -c 300000 /dev/urandom > /cache/data'\n`,
      'repro.yml': `version: 1\nname: cachebb-${token}\nimages:\n  app: Dockerfile\nsteps:\n  - name: noop\n    command: ["true"]\n    network: none\ncache: {layers: builder}\n`,
    };
    const run = async () => {
      const main = await new RunnerJob({
        workspace: workspaceWith(files),
        inputs: { push: 'never' },
        env: svc.env(),
      }).main();
      expect(main.exitCode, main.stdout + main.stderr).toBe(0);
      return { main, mount: (JSON.parse(main.outputs.cache) as { mounts: MountOut[] }).mounts[0] };
    };
    const fallback =
      "cannot reach this machine's loopback (no bash or python3 in it, or the engine runs elsewhere); sending archives as build context instead.";
    const first = await run();
    expect(first.mount.save).toMatchObject({ status: 'saved', files: 1, bytes: 300_000, transport: 'context' });
    // Through the remote driver archives always go as build context: there is no stream to fall back from.
    if (engineFacts().driver !== 'remote')
      expect(first.main.stdout).toContain(`cache mounts: the helper build from busybox ${fallback}`);
    expect(first.main.stdout).not.toMatch(/::warning::(?!no checks:)/);
    // Its one step checks nothing: the action says so (issue 15), in the log and the summary.
    expect(first.main.stdout).toContain('::warning::no checks: this run built and ran its steps and checked no result');
    expect(first.main.summary).toContain('no checks: this run built and ran its steps');
    if (dockerOk('image', 'inspect', `cachebb-${token}:latest`)) docker('rmi', '--force', `cachebb-${token}:latest`);
    wipe(token);
    const second = await run();
    expect(second.mount.restore, second.main.stdout).toMatchObject({
      status: 'hit',
      files: 1,
      bytes: 300_000,
      transport: 'context',
    });
    expect(second.main.stdout).toContain(`files before (${token}): 1`);
    expect(second.main.stdout).not.toMatch(/::warning::(?!no checks:)/);
    if (dockerOk('image', 'inspect', `cachebb-${token}:latest`)) docker('rmi', '--force', `cachebb-${token}:latest`);
    wipe(token);
  });

  test('a cache service that hangs from the start: asked once within 10 s, then used by nothing; the build stays green', async () => {
    const token = `h${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const svc = await service();
    svc.fault = 'hang';
    const started = Date.now();
    const main = await new RunnerJob({
      workspace: fixture(token),
      inputs: { push: 'never' },
      env: svc.env(),
      timeoutMs: 240_000,
    }).main();
    expect(main.exitCode, main.stdout + main.stderr).toBe(0);
    expect(main.stdout).toContain(
      '::warning::cache service: the Actions cache service failed a first lookup (it did not answer within 10 s), so no cache mount, run-time cache or baseline is restored or saved this run; the builds go on cold.',
    );
    // One call (the lookup), never a second one waiting on the same service.
    expect(svc.calls).toEqual(['hang']);
    expect(Date.now() - started).toBeLessThan(90_000);
    wipe(token);
  });

  test('a cache service that hangs after its first answer: each restore and save is given up on within its budget, and the step ends', async () => {
    const token = `b${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const svc = await service();
    // The first lookup (the action's own) is answered; every call after it hangs.
    svc.afterCall = (call) => void (call === 'GetCacheEntryDownloadURL' && (svc.fault = 'hang'));
    const ws = fixture(token);
    writeFileSync(
      path.join(ws, 'repro.yml'),
      readFileSync(path.join(ws, 'repro.yml'), 'utf8').replace('cache:\n', 'cache:\n  service-timeout: 15s\n'),
    );
    const started = Date.now();
    const main = await new RunnerJob({
      workspace: ws,
      inputs: { push: 'never' },
      env: svc.env(),
      timeoutMs: 240_000,
    }).main();
    expect(main.exitCode, main.stdout + main.stderr).toBe(0);
    expect(main.stdout).toMatch(
      new RegExp(
        `::warning::cache mount objs-${token}: restore failed \\(the cache service did not finish within 15 s \\(\`cache.service-timeout\`\\), so the run goes on without it\\); building without it\\.`,
      ),
    );
    expect(main.stdout).toMatch(
      new RegExp(
        `::warning::cache mount objs-${token}: could not save \\(the cache service did not finish within 15 s`,
      ),
    );
    expect(Date.now() - started).toBeLessThan(120_000);
    wipe(token);
  });

  test('a mount the build leaves empty is remembered: the next fresh runner neither downloads, injects nor extracts it (issue 18)', async () => {
    const token = `e${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const ws = workspaceWith({
      // pip finds every requirement in the base image: the RUN runs, and its cache mount stays empty.
      Dockerfile: `FROM python:3.11-slim\nCOPY requirements.txt .\nRUN --mount=type=cache,id=pip-${token},target=/root/.cache/pip pip install -r requirements.txt && echo ${token}\n`,
      'requirements.txt': 'numpy\n',
      'repro.yml': `version: 1\nname: cachefix-${token}\nimages:\n  app: Dockerfile\nsteps:\n  - name: noop\n    command: ["true"]\n    network: none\nlint: off\ncache: { layers: builder }\n`,
    });
    const svc = await service();
    const run = async () => {
      const from = svc.calls.length;
      const main = await new RunnerJob({ workspace: ws, inputs: { push: 'never' }, env: svc.env() }).main();
      expect(main.exitCode, main.stdout + main.stderr).toBe(0);
      const m = (JSON.parse(main.outputs.cache) as { mounts: MountOut[] }).mounts[0];
      return { main, m, calls: svc.calls.slice(from) };
    };
    const first = await run();
    expect([first.m.restore.status, first.m.save.status, first.m.save.files]).toEqual(['miss', 'empty', 0]);
    expect(first.main.stdout).toContain(
      `cache mount pip-${token}: empty after the build; remembered as empty under ${first.m.key}, so the next run skips it.`,
    );
    wipe(token);
    const second = await run();
    expect([second.m.restore.status, second.m.save.status]).toEqual(['hit', 'exists']);
    expect(second.main.stdout).toContain(`cache mount pip-${token}: remembered as empty; nothing to extract or save.`);
    // The run's probe of the service, then two lookups (the marker, and no content under the key): no
    // download, no upload.
    expect(second.calls).toEqual(['GetCacheEntryDownloadURL', 'GetCacheEntryDownloadURL', 'GetCacheEntryDownloadURL']);
    // No helper build ran (inject or extract), where the first run needed an extract to learn it was empty.
    const helpers = (m: MountOut) => [m.restore.injectSeconds !== undefined, m.save.extractSeconds !== undefined];
    expect(helpers(first.m)).toEqual([false, true]);
    expect(helpers(second.m)).toEqual([false, false]);
    wipe(token);
  });

  test('a corrupt download and a service stopped mid-run: warnings naming the mount, the build stays green', async () => {
    const token = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const svc = await service();
    svc.fault = 'corrupt';
    svc.afterCall = (call) => {
      if (call === 'GET blob') void svc.stop();
    };
    const job = new RunnerJob({ workspace: fixture(token), inputs: { push: 'never' }, env: svc.env() });
    const main = await job.main();
    expect(main.exitCode, main.stdout + main.stderr).toBe(0);
    expect(main.outputs.passed).toBe('true');
    const m = (JSON.parse(main.outputs.cache) as { mounts: MountOut[] }).mounts[0];
    expect(m.restore.status).toBe('failed');
    expect(m.save.status).toBe('failed');
    expect(main.stdout).toMatch(
      new RegExp(
        `::warning::cache mount objs-${token}: restore failed \\(Failed to restore: .*\\); building without it\\.`,
      ),
    );
    expect(main.stdout).toMatch(
      new RegExp(`::warning::cache mount objs-${token}: could not save \\(.*\\); the next run builds it cold\\.`),
    );
    // The client's own annotations were turned into ours: no unnamed warning, no error annotation.
    expect(main.stdout).not.toMatch(/::(warning|error)::Failed to (save|restore)/);
    expect(main.stdout).toContain('object cache: 0 hits, 6 compiled');
    expect(main.summary).toContain(`> cache mount objs-${token}: could not save (`);
    wipe(token);
  });
});

describe('type=gha layer cache', () => {
  const project = (token: string) =>
    workspaceWith({
      Dockerfile: `FROM busybox:latest\nRUN echo "layer ${token}" > /layer && sleep 1\n`,
      'repro.yml': `version: 1\nname: ghafix-${token}\nimages:\n  app: Dockerfile\nsteps:\n  - name: noop\n    command: ["true"]\n    network: none\ncache: {layers: gha, layer-timeout: 20s}\nlint: {level: off}\n`,
    });
  const run = async (ws: string, svc: CacheService) => {
    const main = await new RunnerJob({
      workspace: ws,
      inputs: { push: 'never' },
      env: svc.env(),
      timeoutMs: 240_000,
    }).main();
    return {
      main,
      cache: JSON.parse(main.outputs.cache ?? '{}') as {
        layers: { strategy: string; reason: string };
        warnings: string[];
      },
    };
  };

  test('where the builder exports: run 1 exports, the builder is pruned, run 2 is all CACHED; elsewhere the fallback says why', async () => {
    const token = `g${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const svc = await service();
    const ws = project(token);
    const first = await run(ws, svc);
    expect(first.main.exitCode, first.main.stdout).toBe(0);
    if (!engineFacts().exportsLayerCache) {
      expect(first.cache.layers).toMatchObject({
        strategy: 'builder',
        reason: expect.stringContaining('`cache.layers: gha` needs a builder that can export caches, and this one is'),
      });
      return;
    }
    expect(first.cache.layers.strategy).toBe('gha');
    expect(svc.calls).toContain('FinalizeCacheEntryUpload');
    wipe(token);
    const second = await run(ws, svc);
    expect(second.main.exitCode, second.main.stdout).toBe(0);
    expect(second.main.stdout).toMatch(/importing cache manifest from gha/);
    expect(vertexOutcome(second.main.stdout, /RUN echo "layer /)).toBe('cached');
    wipe(token);
  });

  test.each([
    ['down', /the Actions cache service failed a first lookup \(it could not be reached/],
    ['answering 500', /the Actions cache service failed a first lookup \(it answered HTTP 500\)/],
    ['hanging', /the Actions cache service failed a first lookup \(it did not answer within 10 s\)/],
    // Past repro-ci's own lookup: BuildKit meets the fault itself, and ignore-error keeps the build going.
    ['answering 500 once BuildKit uses it', /layer cache \(type=gha\) of app: importing cache manifest from gha:\d+: /],
    // BuildKit bounds none of its own requests there: repro-ci's deadline (layer-timeout: 20s) answers for the service.
    [
      'hanging once BuildKit uses it',
      /layer cache \(type=gha\): the Actions cache service hung \(POST GetCacheEntryDownloadURL made no progress within 20 s\)/,
    ],
  ] as const)(
    'a cache service %s: the build stays green, with a warning naming the layer cache, in bounded time',
    async (fault, warning) => {
      if (!engineFacts().exportsLayerCache) return;
      const token = `g${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
      const svc = await service();
      const env = svc.env();
      if (fault === 'down') await svc.stop();
      else if (fault === 'answering 500') svc.fault = 'error500';
      else if (fault === 'hanging') svc.fault = 'hang';
      else {
        const next = fault === 'hanging once BuildKit uses it' ? 'hang' : 'error500';
        svc.afterCall = (call) => void (call === 'GetCacheEntryDownloadURL' && (svc.fault = next));
      }
      const started = Date.now();
      const main = await new RunnerJob({
        workspace: project(token),
        inputs: { push: 'never' },
        env,
        timeoutMs: 240_000,
      }).main();
      expect(main.exitCode, main.stdout + main.stderr).toBe(0);
      expect(main.stdout).toMatch(/::warning::layer cache \(type=gha\)/);
      expect(main.stdout).toMatch(warning);
      expect(main.summary).toContain('layer cache (type=gha)');
      expect(Date.now() - started).toBeLessThan(90_000);
      wipe(token);
    },
  );
});
