/**
 * The half of restoring caches that needs no Docker: find the mounts in the Dockerfiles, compute their
 * keys and download their entries, then those of the `image` layer cache when repro.yml asks for it. It
 * starts with the run, beside Docker's detection, and downloads one entry after another while earlier
 * ones are being injected or loaded. What it logs meanwhile is held, and replayed in the Restore caches
 * section when its mount's turn comes, so the log reads in order.
 */
import { readFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/config.js';
import { errorMessage } from '../errors.js';
import { HeldLogger } from '../log.js';
import type { MountReport } from './report.js';
import { findKeyFiles, layerKeys, mountKeys, slug, type KeyFile, type MountKeys } from './keys.js';
import { discoverMounts, mountIdentity, type CacheMount, type MountOverride } from './mounts.js';
import type { CacheStore, StoreResult } from './store.js';

const STAGING_ROOT = '.repro-ci-cache';

export interface RestoreOptions {
  config: Config;
  store?: CacheStore;
  /** Working directory of the cache client (the workspace): staging folders live under it. */
  workdir: string;
  os: string;
  arch: string;
  /** Key part when no file decides a mount's content (the commit). */
  fallback: string;
  mountOverrides?: Record<string, MountOverride>;
  /** Images whose `image` layer cache entries to download after the mounts' (`cache.layers: image`). */
  layerImages?: string[];
}

/** A download's outcome: what the store said, its own seconds, when it ended, and whether the entry records an empty mount. */
export type Downloaded = StoreResult & { seconds: number; endedAt: number; empty?: boolean };

/**
 * Where the marker of an empty mount lives (issue 18): an entry of its own path, so of its own cache
 * version, under the mount's key. Found by a lookup alone, it tells the next run that the build leaves
 * this mount empty: nothing to download, inject or extract.
 */
export const emptyMarkerPath = (stagingRel: string) => `${stagingRel}-empty`;

/** One entry's download. */
export interface EntryDownload {
  keys: MountKeys;
  /** Where the entry lands: relative to the workspace, so cache versions match on every runner. */
  staging: { rel: string; abs: string };
  /** What was logged while it downloaded. */
  log: HeldLogger;
  /** Settles when the download is over (never rejects); undefined without a cache service. */
  got?: Promise<Downloaded>;
}

export interface MountDownload extends EntryDownload {
  mount: CacheMount;
  keyFiles: KeyFile[];
  report: MountReport;
}

/** An image's `image` layer cache entry (image-layers.ts loads it). */
export interface LayerDownload extends EntryDownload {
  image: string;
}

export interface MountRestore extends Pick<RestoreOptions, 'os' | 'arch' | 'fallback'> {
  /** What finding the mounts logged (skipped mounts are warnings). */
  log: HeldLogger;
  mounts: MountDownload[];
  layers: LayerDownload[];
  store?: CacheStore;
  workdir: string;
  /** Settles when every download is over. */
  settled: Promise<void>;
}

/** Options from the run: platform from the runner (or this machine), the commit as the fallback key part. */
export function restoreOptions(p: {
  config: Config;
  store?: CacheStore;
  commit: string;
  workdir?: string;
}): RestoreOptions {
  return {
    config: p.config,
    store: p.store,
    workdir: p.workdir ?? process.cwd(),
    os:
      process.env.RUNNER_OS ||
      ({ linux: 'Linux', darwin: 'macOS', win32: 'Windows' } as Record<string, string>)[process.platform] ||
      process.platform,
    arch:
      process.env.RUNNER_ARCH ||
      ({ x64: 'X64', arm64: 'ARM64' } as Record<string, string>)[process.arch] ||
      process.arch,
    fallback: p.commit,
    mountOverrides: p.config.cache.mounts,
    // Only where asked for: the builder may still turn it down (see layers.ts), and then the download is discarded.
    layerImages: p.config.cache.layers === 'image' ? p.config.images.map((i) => i.key) : [],
  };
}

/** Finds the mounts and starts their downloads, one after another; returns at once. */
export function startRestore(o: RestoreOptions): MountRestore {
  const { config } = o;
  const log = new HeldLogger();
  const discovery = discoverMounts(
    config.images.map((img) => ({
      image: img.key,
      label: path.relative(config.root, img.dockerfile) || img.dockerfile,
      text: readDockerfile(img.dockerfile),
      buildArgs: img.buildArgs,
    })),
    o.mountOverrides,
  );
  for (const s of discovery.skipped)
    log.warning(`cache mount ${s.id} (${s.use.dockerfile}:${s.use.line}) is not kept between runs: ${s.reason}.`);
  if (discovery.mounts.length === 0) log.info('no RUN --mount=type=cache in the Dockerfiles: no cache mount to keep.');
  const mounts = discovery.mounts.map((mount): MountDownload => {
    const contexts = [...new Set(config.images.filter((i) => mount.images.includes(i.key)).map((i) => i.context))];
    const keyFiles = mount.files
      ? findKeyFiles(config.root, mount.files)
      : contexts.flatMap((c) =>
          findKeyFiles(c).map((f) => ({
            ...f,
            path: path.relative(config.root, path.join(c, f.path)).split(path.sep).join('/'),
          })),
        );
    const keys = mountKeys({ os: o.os, arch: o.arch, mount, files: keyFiles, fallback: o.fallback });
    const report: MountReport = {
      id: mount.id,
      images: mount.images,
      key: keys.key,
      keyFiles: keyFiles.map((f) => f.path),
      restore: { status: 'off', files: 0, bytes: 0, seconds: 0 },
      save: { status: 'off', files: 0, bytes: 0, seconds: 0 },
    };
    const uses = mount.uses.map((u) => `${u.dockerfile}:${u.line}`).join(', ') || 'added in repro.yml';
    log.info(
      `cache mount ${mount.id} (${uses}); key ${keys.key}${keyFiles.length ? ` from ${report.keyFiles.join(', ')}` : ''}`,
    );
    return { mount, keys, keyFiles, report, staging: stagingFor(o.workdir, mount), log: new HeldLogger() };
  });
  if (mounts.length > 0 && !o.store)
    log.info(
      'no cache service here: cache mounts stay in the local BuildKit cache (kept between runs on this machine only).',
    );
  const layers = (o.layerImages ?? []).map((image): LayerDownload => ({
    image,
    keys: layerKeys({ os: o.os, arch: o.arch, project: config.name, image, commit: o.fallback }),
    staging: layerStaging(o.workdir, image),
    log: new HeldLogger(),
  }));
  let chain = Promise.resolve();
  const store = o.store;
  if (store) {
    for (const d of [...mounts, ...layers]) {
      d.got = chain.then(() => download(store, d, mounts.includes(d as MountDownload)));
      chain = d.got.then(() => undefined);
    }
  }
  return {
    log,
    mounts,
    layers,
    store: o.store,
    workdir: o.workdir,
    os: o.os,
    arch: o.arch,
    fallback: o.fallback,
    settled: chain,
  };
}

/**
 * Seconds a restore took: the download's own time, plus what came after it ended (the inject or load).
 * A wait that overlapped the download is not counted again (`since`: when the waiting began, performance.now()).
 */
export function restoreSeconds(got: Downloaded | undefined, since: number): number {
  if (!got) return (performance.now() - since) / 1000;
  return got.seconds + (performance.now() - Math.max(since, got.endedAt)) / 1000;
}

/** The download's result, its own seconds and when it ended (performance.now()), so waits on it are not counted twice. */
async function download(store: CacheStore, d: EntryDownload, mount: boolean): Promise<Downloaded> {
  const start = performance.now();
  const timing = () => ({ seconds: (performance.now() - start) / 1000, endedAt: performance.now() });
  try {
    rmSync(d.staging.abs, { recursive: true, force: true });
    // The marker is looked up beside the restore: an empty mount's marker, and no content entry under the
    // same key (a service that answers every lookup with a hit is not believed), means nothing to inject.
    const marker = mount ? store.lookup?.([emptyMarkerPath(d.staging.rel)], d.keys.key) : undefined;
    const got = await store.restore([d.staging.rel], d.keys.key, d.keys.restoreKeys, (text) => d.log.output(text));
    const empty = await marker;
    if (empty?.key && !got.problem && got.key !== d.keys.key) {
      // An older entry that came under a prefix key is not what this key's build leaves: it goes.
      rmSync(d.staging.abs, { recursive: true, force: true });
      return { key: empty.key, empty: true, ...timing() };
    }
    return { ...got, ...timing() };
  } catch (e) {
    return { problem: errorMessage(e), ...timing() };
  }
}

/** For a run that will not inject them (no Docker): waits for the downloads and removes what they left. */
export async function discardRestore(r: MountRestore): Promise<void> {
  await discardDownloads([...r.mounts, ...r.layers], r.workdir);
}

/** Waits for these downloads and removes what they brought. */
export async function discardDownloads(entries: EntryDownload[], workdir: string): Promise<void> {
  await Promise.all(entries.map((d) => d.got));
  for (const d of entries) rmSync(d.staging.abs, { recursive: true, force: true });
  removeStagingRoot(workdir);
}

export function stagingFor(workdir: string, mount: CacheMount): { rel: string; abs: string } {
  return stagingIn(workdir, slug(mountIdentity(mount.id, mount.perms)));
}

export function layerStaging(workdir: string, image: string): { rel: string; abs: string } {
  return stagingIn(workdir, `layers-${slug(image)}`);
}

/** A staging folder under the workspace's staging root: relative, so cache versions match on every runner. */
export function stagingIn(workdir: string, name: string): { rel: string; abs: string } {
  const rel = `${STAGING_ROOT}/${name}`;
  return { rel, abs: path.join(workdir, rel) };
}

/** The workspace is the user's checkout: leave no trace of the staging folders. */
export function removeStagingRoot(workdir: string): void {
  const root = path.join(workdir, STAGING_ROOT);
  if (existsSync(root) && readdirSync(root).length === 0) rmSync(root, { recursive: true, force: true });
}

/** A Dockerfile's text; empty when it cannot be read (the build reports that, with the fix). */
export function readDockerfile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
