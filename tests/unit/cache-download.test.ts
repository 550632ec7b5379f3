/**
 * The downloads that start with the run (src/cache/download.ts): one mount after another, each one's log
 * held until its turn, staging folders inside the workspace, and nothing left behind when a run that
 * cannot inject them (no Docker) discards them.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import {
  discardRestore,
  restoreOptions,
  restoreSeconds,
  startRestore,
  type RestoreOptions,
} from '../../src/cache/download.js';
import type { CacheStore } from '../../src/cache/store.js';
import { MemoryLogger } from '../../src/log.js';
import { twoMountProject } from '../support/projects.js';

function options(dir: string, store?: CacheStore): RestoreOptions {
  return {
    ...restoreOptions({ config: loadConfig(path.join(dir, 'repro.yml')), store, commit: 'abc123', workdir: dir }),
    os: 'Linux',
    arch: 'X64',
  };
}

/** A store whose downloads take turns we can see: each records when it started and ended. */
function slowStore(events: string[]): CacheStore {
  return {
    async restore(paths, key, _restoreKeys, out) {
      events.push(`start ${paths[0]}`);
      out?.(`Cache hit for: ${key}\n`);
      await new Promise((r) => setTimeout(r, 10));
      events.push(`end ${paths[0]}`);
      return key.includes('objs') ? { key } : { problem: 'quota reached' };
    },
    async save() {
      return {};
    },
  };
}

describe('startRestore', () => {
  test('returns at once; downloads run one after another; each mount holds its own log', async () => {
    const dir = twoMountProject('dl');
    const events: string[] = [];
    const r = startRestore(options(dir, slowStore(events)));
    expect(events).toEqual([]);
    expect(r.mounts.map((m) => [m.mount.id, m.staging.rel])).toEqual([
      ['pip', '.repro-ci-cache/pip'],
      ['objs', '.repro-ci-cache/objs'],
    ]);
    const [pip, objs] = await Promise.all(r.mounts.map((m) => m.got));
    expect(events).toEqual([
      'start .repro-ci-cache/pip',
      'end .repro-ci-cache/pip',
      'start .repro-ci-cache/objs',
      'end .repro-ci-cache/objs',
    ]);
    expect(pip).toMatchObject({ problem: 'quota reached' });
    expect(objs).toMatchObject({ key: r.mounts[1].keys.key });
    expect(objs!.seconds).toBeGreaterThan(0);
    const log = new MemoryLogger();
    r.log.replay(log);
    expect(log.lines.map((l) => l.split(';')[0])).toEqual([
      'cache mount pip (Dockerfile:2)',
      'cache mount objs (Dockerfile:3)',
    ]);
    r.mounts[1].log.replay(log);
    expect(log.lines.at(-1)).toBe(`Cache hit for: ${r.mounts[1].keys.key}\n`);
  });

  test('without a cache service: the mounts and keys are still listed, nothing is downloaded', () => {
    const r = startRestore(options(twoMountProject('dl')));
    expect(r.mounts.every((m) => m.got === undefined)).toBe(true);
    const log = new MemoryLogger();
    r.log.replay(log);
    expect(log.lines.at(-1)).toMatch(/^no cache service here/);
  });

  test("`cache.layers: image`: each image's layer entry is downloaded after the mounts, holding its own log", async () => {
    const dir = twoMountProject('dl', { layers: 'image' });
    const events: string[] = [];
    const o = options(dir, slowStore(events));
    expect(o.layerImages).toEqual(['app']);
    const r = startRestore(o);
    expect(r.layers.map((l) => [l.image, l.staging.rel, l.keys.key])).toEqual([
      ['app', '.repro-ci-cache/layers-app', 'repro-ci-layers-v1-Linux-X64-dl-app-abc123'],
    ]);
    await r.layers[0]!.got;
    expect(events).toEqual([
      'start .repro-ci-cache/pip',
      'end .repro-ci-cache/pip',
      'start .repro-ci-cache/objs',
      'end .repro-ci-cache/objs',
      'start .repro-ci-cache/layers-app',
      'end .repro-ci-cache/layers-app',
    ]);
    const log = new MemoryLogger();
    r.layers[0]!.log.replay(log);
    expect(log.lines).toEqual(['Cache hit for: repro-ci-layers-v1-Linux-X64-dl-app-abc123\n']);
    // Without it in repro.yml (auto never picks it), nothing of the sort is downloaded.
    expect(startRestore(options(twoMountProject('dl'), slowStore([]))).layers).toEqual([]);
  });

  test('discardRestore waits for the downloads and leaves no staging folder in the workspace', async () => {
    const dir = twoMountProject('dl', { layers: 'image' });
    const store: CacheStore = {
      async restore(paths, key) {
        mkdirSync(path.join(dir, paths[0]), { recursive: true });
        writeFileSync(path.join(dir, paths[0], 'cache.tar'), 'x');
        return { key };
      },
      async save() {
        return {};
      },
    };
    const r = startRestore(options(dir, store));
    await discardRestore(r);
    expect(existsSync(path.join(dir, '.repro-ci-cache'))).toBe(false);
  });
});

describe('restoreSeconds (issue 18: waits counted twice)', () => {
  test('a wait that overlapped the download is in the download time already: only what followed it is added', () => {
    const now = performance.now();
    // The download took 3 s and ended 0.2 s ago; the restore began waiting for it 1 s ago.
    const s = restoreSeconds({ seconds: 3, endedAt: now - 200 }, now - 1000);
    expect(s).toBeGreaterThanOrEqual(3.2);
    expect(s).toBeLessThan(3.3);
    // Waiting began after the download ended: that whole wait (the inject) is added.
    const t = restoreSeconds({ seconds: 3, endedAt: now - 1000 }, now - 500);
    expect(t).toBeGreaterThanOrEqual(3.5);
    expect(t).toBeLessThan(3.6);
  });
});
