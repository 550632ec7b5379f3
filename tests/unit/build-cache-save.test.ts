/**
 * Saving several cache mounts (src/cache/build-cache.ts): one after another, each extracted then uploaded,
 * and a failing upload costs only its own mount. Docker is a stand-in whose extract builds write a real
 * tar where the build would export it; the store records its calls.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { BuildCache } from '../../src/cache/build-cache.js';
import { restoreOptions, startRestore } from '../../src/cache/download.js';
import type { CacheStore } from '../../src/cache/store.js';
import type { Docker } from '../../src/docker/docker.js';
import type { HelperBuildRequest } from '../../src/docker/argv.js';
import { MemoryLogger } from '../../src/log.js';
import { twoMountProject } from '../support/projects.js';

/** Extract builds (build-context transport) that export a one-file tar, named after their mount; inject builds that fail. */
function fakeDocker(events: string[]): Docker {
  return {
    async helperBuild(_kind: string, req: HelperBuildRequest) {
      const dockerfile = readFileSync(req.dockerfile, 'utf8');
      const id = /id=(\w+)/.exec(dockerfile)?.[1];
      if (dockerfile.includes('/repro-ci-in/')) {
        events.push(`inject ${id}`);
        return { exitCode: 1, tail: ['tar: Unexpected EOF in archive\n'], log: '' };
      }
      events.push(`extract ${id}`);
      const content = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-save-content-'));
      writeFileSync(path.join(content, `${id}.bin`), `content of ${id}\n`);
      mkdirSync(req.outputDir, { recursive: true });
      execFileSync('tar', ['-cf', path.join(req.outputDir, 'cache.tar'), '-C', content, '.']);
      return { exitCode: 0, tail: [], log: '' };
    },
  } as unknown as Docker;
}

const mountOf = (key: string) => /-(pip|objs)-/.exec(key)?.[1];

/**
 * Misses on restore, but for the mount `hit` (an entry under its exact key); each save records its start
 * and end, the mount `fail` is refused for quota, the mount `taken` was saved by another job first.
 */
function recordingStore(
  events: string[],
  o: { workdir: string; fail?: string; taken?: string; hit?: string },
): CacheStore {
  return {
    async restore(paths, key) {
      if (mountOf(key) !== o.hit) return {};
      mkdirSync(path.join(o.workdir, paths[0]!), { recursive: true });
      execFileSync('tar', ['-cf', path.join(o.workdir, paths[0]!, 'cache.tar'), '-C', o.workdir, 'repro.yml']);
      return { key };
    },
    async save(paths, key) {
      const id = mountOf(key);
      events.push(
        `save ${id} start${existsSync(path.join(o.workdir, paths[0]!, 'cache.tar')) ? '' : ' (nothing staged)'}`,
      );
      await new Promise((r) => setTimeout(r, 5));
      events.push(`save ${id} end`);
      if (id === o.taken) return { problem: 'Unable to reserve cache', exists: true };
      return id === o.fail ? { problem: 'quota reached' } : { key };
    },
  };
}

/** The project's BuildCache as the pipeline makes it, its downloads begun, on a builder that cannot stream. */
function buildCache(dir: string, store: CacheStore, events: string[], docker = fakeDocker(events)) {
  const config = loadConfig(path.join(dir, 'repro.yml'));
  const restoring = startRestore({
    ...restoreOptions({ config, store, commit: 'abc123', workdir: dir }),
    os: 'Linux',
    arch: 'X64',
  });
  const log = new MemoryLogger();
  // Not the docker driver: archives go as build context and exported files.
  const bc = new BuildCache({
    config,
    docker,
    log,
    builder: 'buildx',
    driver: 'docker-container',
    store,
    restoring,
    localTag: () => 'sv:latest',
    layers: config.cache.layers,
    cacheService: true,
  });
  return { bc, log };
}

async function saveTwoMounts(store: { fail?: string; taken?: string; hit?: string } = {}) {
  const dir = twoMountProject('sv');
  const events: string[] = [];
  const { bc, log } = buildCache(dir, recordingStore(events, { workdir: dir, ...store }), events);
  await bc.restore();
  await bc.save([{ key: 'app', id: 'sha256:1' }]);
  return { dir, events, log, report: bc.report };
}

describe('restoring with `cache.layers: image` on a builder that cannot use it', () => {
  test('the entry downloaded with the run is not loaded, and nothing of it stays in the workspace', async () => {
    const dir = twoMountProject('sv', { layers: 'image' });
    const restored: string[] = [];
    const store: CacheStore = {
      async restore(paths, key) {
        restored.push(paths[0]!);
        if (!key.startsWith('repro-ci-layers-')) return {};
        mkdirSync(path.join(dir, paths[0]!), { recursive: true });
        writeFileSync(path.join(dir, paths[0]!, 'image.tar'), 'x');
        return { key };
      },
      async save() {
        return {};
      },
    };
    const { bc } = buildCache(dir, store, []);
    await bc.restore();
    expect(restored).toEqual(['.repro-ci-cache/pip', '.repro-ci-cache/objs', '.repro-ci-cache/layers-app']);
    expect(bc.report.layers.strategy).not.toBe('image');
    expect(bc.report.layerImages).toBeUndefined();
    expect(existsSync(path.join(dir, '.repro-ci-cache'))).toBe(false);
  });
});

describe('saving cache mounts', () => {
  // Tried: extracting the next mount while one uploads. On this 2-core machine two 200 MB mounts saved in
  // 10.1-10.9 s against 10.8-11.0 s one after another: the client's zstd -T0 takes every core anyway.
  test('each mount is extracted, then uploaded from its staging folder, which is gone afterwards', async () => {
    const { dir, events, report } = await saveTwoMounts();
    expect(events).toEqual([
      'extract pip',
      'save pip start',
      'save pip end',
      'extract objs',
      'save objs start',
      'save objs end',
    ]);
    expect(report.mounts.map((m) => [m.id, m.save.status, m.save.files, m.save.transport])).toEqual([
      ['pip', 'saved', 1, 'context'],
      ['objs', 'saved', 1, 'context'],
    ]);
    expect(report.mounts.every((m) => m.save.seconds >= (m.save.extractSeconds ?? Infinity))).toBe(true);
    // The staging folders (inside the workspace) are gone once everything is saved.
    expect(existsSync(path.join(dir, '.repro-ci-cache'))).toBe(false);
  });

  test('an upload the service refuses costs its own mount only: a warning naming it, the other is saved', async () => {
    const { events, log, report } = await saveTwoMounts({ fail: 'pip' });
    expect(events).toContain('save objs end');
    expect(report.mounts.map((m) => [m.id, m.save.status])).toEqual([
      ['pip', 'failed'],
      ['objs', 'saved'],
    ]);
    expect(report.warnings).toEqual(['cache mount pip: could not save (quota reached); the next run builds it cold.']);
    expect(log.lines).toContain(
      'warning: cache mount pip: could not save (quota reached); the next run builds it cold.',
    );
  });

  test('a key another job saved first is no failure: status exists, said in the log, no warning', async () => {
    const { log, report } = await saveTwoMounts({ taken: 'pip' });
    expect(report.mounts.map((m) => [m.id, m.save.status])).toEqual([
      ['pip', 'exists'],
      ['objs', 'saved'],
    ]);
    expect(report.warnings).toEqual([]);
    expect(log.lines).toContain(
      `cache mount pip: another run saved ${report.mounts[0]!.key} first (entries cannot be replaced); the next run restores that.`,
    );
  });

  test('an entry under the exact key whose inject failed is not extracted or saved again (the service would refuse it)', async () => {
    const { events, log, report } = await saveTwoMounts({ hit: 'objs' });
    expect(events).toEqual(['inject objs', 'extract pip', 'save pip start', 'save pip end']);
    const objs = report.mounts[1]!;
    expect([objs.restore.status, objs.save.status]).toEqual(['failed', 'exists']);
    expect(report.warnings).toEqual([
      expect.stringMatching(
        /^cache mount objs: could not restore \(the inject build from python:3\.11-slim failed \(exit 1\): tar: Unexpected EOF in archive\); building without it\.$/,
      ),
    ]);
    expect(log.lines).toContain(
      `cache mount objs: ${objs.key} exists (its restore failed, see above); nothing to save.`,
    );
  });
});

describe('a mount the build leaves empty (issue 18)', () => {
  /** Extracts that give an empty archive; injects recorded. */
  function emptyDocker(events: string[]): Docker {
    return {
      async helperBuild(_kind: string, req: HelperBuildRequest) {
        const id = /id=(\w+)/.exec(readFileSync(req.dockerfile, 'utf8'))?.[1];
        if (readFileSync(req.dockerfile, 'utf8').includes('/repro-ci-in/')) {
          events.push(`inject ${id}`);
          return { exitCode: 0, tail: [], log: '' };
        }
        events.push(`extract ${id}`);
        const empty = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-save-empty-'));
        mkdirSync(req.outputDir, { recursive: true });
        execFileSync('tar', ['-cf', path.join(req.outputDir, 'cache.tar'), '-C', empty, '.']);
        return { exitCode: 0, tail: [], log: '' };
      },
    } as unknown as Docker;
  }

  test('is remembered under its key; the next run finds that with a lookup, and downloads, injects and extracts nothing', async () => {
    const dir = twoMountProject('ev');
    // Entries by path (the cache version) and key, as the service keeps them.
    const saved = new Map<string, string>();
    const calls: string[] = [];
    const store: CacheStore = {
      async restore(paths, key) {
        calls.push(`restore ${paths[0]}`);
        return saved.has(`${paths[0]} ${key}`) ? { key } : {};
      },
      async lookup(paths, key) {
        calls.push(`lookup ${paths[0]}`);
        return saved.has(`${paths[0]} ${key}`) ? { key } : {};
      },
      async save(paths, key) {
        calls.push(`save ${paths[0]}`);
        expect(readFileSync(path.join(dir, paths[0]!, 'EMPTY'), 'utf8')).toBe(
          'the build left this cache mount empty\n',
        );
        saved.set(`${paths[0]} ${key}`, 'marker');
        return { key };
      },
    };
    const run = async () => {
      const events: string[] = [];
      const { bc, log } = buildCache(dir, store, events, emptyDocker(events));
      await bc.restore();
      await bc.save([{ key: 'app', id: 'sha256:1' }]);
      return { events, log, report: bc.report };
    };
    const first = await run();
    expect(first.events).toEqual(['extract pip', 'extract objs']);
    expect(calls).toEqual([
      'lookup .repro-ci-cache/pip-empty',
      'restore .repro-ci-cache/pip',
      'lookup .repro-ci-cache/objs-empty',
      'restore .repro-ci-cache/objs',
      'save .repro-ci-cache/pip-empty',
      'save .repro-ci-cache/objs-empty',
    ]);
    expect(first.report.mounts.map((m) => [m.restore.status, m.save.status])).toEqual([
      ['miss', 'empty'],
      ['miss', 'empty'],
    ]);
    expect(first.log.lines).toContain(
      `cache mount pip: empty after the build; remembered as empty under ${first.report.mounts[0]!.key}, so the next run skips it.`,
    );
    expect(existsSync(path.join(dir, '.repro-ci-cache'))).toBe(false);
    calls.length = 0;
    const second = await run();
    expect(second.events).toEqual([]);
    expect(calls).toEqual([
      'lookup .repro-ci-cache/pip-empty',
      'restore .repro-ci-cache/pip',
      'lookup .repro-ci-cache/objs-empty',
      'restore .repro-ci-cache/objs',
    ]);
    expect(second.report.mounts.map((m) => [m.restore.status, m.save.status])).toEqual([
      ['hit', 'exists'],
      ['hit', 'exists'],
    ]);
    expect(second.log.lines).toContain('cache mount pip: remembered as empty; nothing to extract or save.');
    expect(second.log.lines).toContain(
      `cache mount pip: the build left it empty last time (${second.report.mounts[0]!.key}); nothing to restore, inject or extract.`,
    );
  });
});
