/**
 * The `image` layer cache's restore against fakes of the engine and the store: the entry's base image is
 * made present (pulled when missing) and must be the one the entry left out; every problem is a warning
 * naming the image, and nothing is loaded then.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { restoreOptions, startRestore } from '../../src/cache/download.js';
import { ImageLayers } from '../../src/cache/image-layers.js';
import { MemoryLogger } from '../../src/log.js';
import type { CacheStore } from '../../src/cache/store.js';
import type { Docker } from '../../src/docker/docker.js';

/** A store holding one entry: image.tar, and base.json naming `base` when given. */
function storeWith(
  workdir: string,
  base?: { ref: string; layers: string[] },
  opts: { noImage?: boolean } = {},
): CacheStore {
  return {
    async restore(paths, key) {
      const dir = path.join(workdir, paths[0]);
      mkdirSync(dir, { recursive: true });
      if (!opts.noImage) writeFileSync(path.join(dir, 'image.tar'), 'tar');
      if (base) writeFileSync(path.join(dir, 'base.json'), JSON.stringify(base));
      return { key };
    },
    async save() {
      return {};
    },
  };
}

/** An engine with the given images (ref → layers); records pulls and loads. */
function engine(images: Record<string, string[]>, onPull: Record<string, string[]> = {}) {
  const calls: string[] = [];
  const docker = {
    async layers(ref: string) {
      if (!images[ref]) throw new Error(`No such image: ${ref}`);
      return images[ref];
    },
    async pull(ref: string) {
      calls.push(`pull ${ref}`);
      images[ref] = onPull[ref];
    },
    async load(file: string) {
      calls.push(`load ${path.basename(file)}`);
      images['p:repro-ci-layers'] = ['sha256:a', 'sha256:b', 'sha256:app'];
      return '';
    },
    async imageInspect(ref: string) {
      return images[ref] ? { id: `id-of-${ref}`, repoDigests: [] } : undefined;
    },
  };
  return { docker: docker as unknown as Docker, calls };
}

/** A project asking for the `image` layer cache, and its entry's download begun as the run begins it (download.ts). */
function downloading(storeFor: (workdir: string) => CacheStore) {
  const workdir = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-layers-'));
  writeFileSync(path.join(workdir, 'Dockerfile'), 'FROM python:3.11-slim\n');
  writeFileSync(
    path.join(workdir, 'repro.yml'),
    'version: 1\nname: p\ncache:\n  layers: image\nimages:\n  app: Dockerfile\nsteps:\n  - name: s\n    command: ["true"]\n',
  );
  const store = storeFor(workdir);
  const restoring = startRestore(
    restoreOptions({ config: loadConfig(path.join(workdir, 'repro.yml')), store, commit: 'k1', workdir }),
  );
  return { workdir, store, download: restoring.layers[0]! };
}

async function restore(
  base: { ref: string; layers: string[] } | undefined,
  images: Record<string, string[]>,
  onPull?: Record<string, string[]>,
  noImage = false,
) {
  const { workdir, store, download } = downloading((dir) => storeWith(dir, base, { noImage }));
  const { docker, calls } = engine(images, onPull);
  const warnings: string[] = [];
  const il = new ImageLayers({
    docker,
    store,
    bases: () => [],
    workdir,
    warn: (m) => warnings.push(m),
    log: new MemoryLogger(),
  });
  await il.restore([{ key: 'app', localTag: 'p:latest', download }]);
  return { il, calls, warnings, key: download.keys.key, workdir };
}

describe('ImageLayers.restore', () => {
  const base = { ref: 'python:3.11-slim', layers: ['sha256:a', 'sha256:b'] };

  test('the base is here and the same: the entry is loaded and read back from its tag', async () => {
    const r = await restore(base, { 'python:3.11-slim': ['sha256:a', 'sha256:b'] });
    expect(r.calls).toEqual(['load image.tar']);
    expect(r.il.loaded('app')).toBe('p:repro-ci-layers');
    expect(r.il.reports[0].restore).toMatchObject({ status: 'hit', matchedKey: r.key });
    expect(r.key).toMatch(/^repro-ci-layers-v1-\w+-\w+-p-app-k1$/);
    expect(r.warnings).toEqual([]);
    // The staging folder inside the workspace goes once the entry is loaded.
    expect(existsSync(path.join(r.workdir, '.repro-ci-cache', 'layers-app'))).toBe(false);
  });

  test('the base is missing: it is pulled first, as the build would', async () => {
    const r = await restore(base, {}, { 'python:3.11-slim': ['sha256:a', 'sha256:b'] });
    expect(r.calls).toEqual(['pull python:3.11-slim', 'load image.tar']);
    expect(r.il.reports[0].restore.status).toBe('hit');
  });

  test('the base changed since the entry was saved: a warning, nothing loaded, no --cache-from', async () => {
    const r = await restore(base, { 'python:3.11-slim': ['sha256:a', 'sha256:new'] });
    expect(r.calls).toEqual([]);
    expect(r.il.loaded('app')).toBeUndefined();
    expect(r.il.reports[0].restore.status).toBe('failed');
    expect(r.warnings).toEqual([
      'layer cache of app: python:3.11-slim is not the image the entry was built on (its layers changed since); building without it.',
    ]);
  });

  test('an entry without its image.tar: a warning naming the image, nothing loaded', async () => {
    const r = await restore(base, { 'python:3.11-slim': ['sha256:a', 'sha256:b'] }, undefined, true);
    expect(r.calls).toEqual([]);
    expect(r.il.loaded('app')).toBeUndefined();
    expect(r.il.reports[0].restore.status).toBe('failed');
    expect(r.warnings).toEqual([
      `layer cache of app: the restored entry ${r.key} holds no image.tar; building without it.`,
    ]);
  });

  test('an entry without a base (no FROM image was here when it was saved) loads as it is', async () => {
    const r = await restore(undefined, {});
    expect(r.calls).toEqual(['load image.tar']);
    expect(r.il.loaded('app')).toBe('p:repro-ci-layers');
  });
});

describe('ImageLayers.save', () => {
  test('docker save writing no manifest.json: a warning, our tag removed, nothing saved', async () => {
    const calls: string[] = [];
    const docker = {
      async removeImages(refs: string[]) {
        calls.push(`rmi ${refs.join(' ')}`);
      },
      async tag(id: string, ref: string) {
        calls.push(`tag ${id} ${ref}`);
      },
      async save(refs: string[], file: string) {
        // A tar that holds a layer but no manifest.json (an engine that wrote something else).
        const dir = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-save-'));
        writeFileSync(path.join(dir, 'layer.tar'), 'x');
        execFileSync('tar', ['-cf', file, '-C', dir, 'layer.tar']);
        calls.push(`save ${refs.join(' ')}`);
      },
      async layers(ref: string) {
        return ref === 'python:3.11-slim' ? ['sha256:a'] : ['sha256:a', 'sha256:app'];
      },
    } as unknown as Docker;
    const saved: string[] = [];
    const warnings: string[] = [];
    // The restore misses (the store has no entry); the save would be accepted.
    const store: CacheStore = { restore: async () => ({}), save: async (_paths, key) => (saved.push(key), { key }) };
    const { workdir, download } = downloading(() => store);
    const il = new ImageLayers({
      docker,
      store,
      bases: () => ['python:3.11-slim'],
      workdir,
      warn: (m) => warnings.push(m),
      log: new MemoryLogger(),
    });
    await il.restore([{ key: 'app', localTag: 'p:latest', download }]);
    await il.save([{ key: 'app', id: 'sha256:built' }]);
    expect(warnings).toEqual([
      'layer cache of app: docker save wrote no manifest.json; the next run builds without it.',
    ]);
    expect(il.reports[0].save.status).toBe('failed');
    expect(saved).toEqual([]);
    expect(calls).toEqual([
      'rmi p:repro-ci-layers',
      'tag sha256:built p:repro-ci-layers',
      'save p:repro-ci-layers',
      'rmi p:repro-ci-layers',
    ]);
  });
});
