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

/** Extract builds (build-context transport) that export a one-file tar, named after their mount. */
function fakeDocker(events: string[]): Docker {
  return {
    async helperBuild(_kind: string, req: HelperBuildRequest) {
      const id = /id=(\w+)/.exec(readFileSync(req.dockerfile, 'utf8'))?.[1];
      events.push(`extract ${id}`);
      const content = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-save-content-'));
      writeFileSync(path.join(content, `${id}.bin`), `content of ${id}\n`);
      mkdirSync(req.outputDir, { recursive: true });
      execFileSync('tar', ['-cf', path.join(req.outputDir, 'cache.tar'), '-C', content, '.']);
      return { exitCode: 0, tail: [], log: '' };
    },
  } as unknown as Docker;
}

/** Misses on restore; each save records its start and end. */
function recordingStore(events: string[], o: { workdir: string; fail?: string }): CacheStore {
  return {
    async restore() {
      return {};
    },
    async save(paths, key) {
      const id = /-(pip|objs)-/.exec(key)?.[1];
      events.push(`save ${id} start${existsSync(path.join(o.workdir, paths[0]!, 'cache.tar')) ? '' : ' (nothing staged)'}`);
      await new Promise((r) => setTimeout(r, 5));
      events.push(`save ${id} end`);
      return id === o.fail ? { problem: 'quota reached' } : { key };
    },
  };
}

/** The project's BuildCache as the pipeline makes it, its downloads begun, on a builder that cannot stream. */
function buildCache(dir: string, store: CacheStore, events: string[]) {
  const config = loadConfig(path.join(dir, 'repro.yml'));
  const restoring = startRestore({ ...restoreOptions({ config, store, commit: 'abc123', workdir: dir }), os: 'Linux', arch: 'X64' });
  const log = new MemoryLogger();
  // Not the docker driver: archives go as build context and exported files.
  const bc = new BuildCache({ config, docker: fakeDocker(events), log, builder: 'buildx', driver: 'docker-container', store, restoring, localTag: () => 'sv:latest', layers: config.cache.layers, cacheService: true });
  return { bc, log };
}

async function saveTwoMounts(fail?: string) {
  const dir = twoMountProject('sv');
  const events: string[] = [];
  const { bc, log } = buildCache(dir, recordingStore(events, { workdir: dir, fail }), events);
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
    expect(events).toEqual(['extract pip', 'save pip start', 'save pip end', 'extract objs', 'save objs start', 'save objs end']);
    expect(report.mounts.map((m) => [m.id, m.save.status, m.save.files, m.save.transport])).toEqual([
      ['pip', 'saved', 1, 'context'],
      ['objs', 'saved', 1, 'context'],
    ]);
    expect(report.mounts.every((m) => m.save.seconds >= (m.save.extractSeconds ?? Infinity))).toBe(true);
    // The staging folders (inside the workspace) are gone once everything is saved.
    expect(existsSync(path.join(dir, '.repro-ci-cache'))).toBe(false);
  });

  test('an upload the service refuses costs its own mount only: a warning naming it, the other is saved', async () => {
    const { events, log, report } = await saveTwoMounts('pip');
    expect(events).toContain('save objs end');
    expect(report.mounts.map((m) => [m.id, m.save.status])).toEqual([
      ['pip', 'failed'],
      ['objs', 'saved'],
    ]);
    expect(report.warnings).toEqual(['cache mount pip: could not save (quota reached); the next run builds it cold.']);
    expect(log.lines).toContain('warning: cache mount pip: could not save (quota reached); the next run builds it cold.');
  });
});
