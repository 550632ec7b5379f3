/**
 * Caches that survive ephemeral runners: before the builds, each BuildKit cache mount's content is
 * restored from the cache store and injected into the builder; after them it is extracted and saved when
 * it changed. Every problem (service down, quota, corrupt archive, a helper build failing, a full disk)
 * becomes a warning naming the mount, and the build goes on cold: nothing here throws.
 *
 * Saving happens in main, right after the builds, not in the post step: the mount content is final once
 * the builds are done, a failing training step or check must not lose a good dependency cache, and the
 * post step stays a cleanup that needs nothing but the run id.
 */
import { formatBytes } from '../util/bytes.js';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config/config.js';
import type { BuilderKind } from '../docker/argv.js';
import type { DockerEnvironment } from '../docker/detect.js';
import { branchOf, type RunContext } from '../context.js';
import { repositoryFor } from '../publish/tags.js';
import type { Docker } from '../docker/docker.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import { ARCHIVE, extractDockerfile, INJECT_STAGE, injectDockerfile, injectOutcome } from './dance.js';
import { findKeyFiles, mountKeys, slug, type KeyFile, type MountKeys } from './keys.js';
import { chooseLayerCache, layerFlags, type LayerChoice, type LayerFlags, type LayerPlan } from './layers.js';
import { discoverMounts, mountIdentity, type CacheMount, type MountOverride } from './mounts.js';
import { indexTarFile, type TarIndex } from './tarindex.js';
import type { CacheStore } from './store.js';

/** GitHub keeps 10 GB of caches per repository; past that it evicts the oldest entries. */
export const REPO_LIMIT_BYTES = 10 * 1024 ** 3;
const NEAR_LIMIT = 0.8;
const STAGING_ROOT = '.repro-ci-cache';

export interface MountReport {
  id: string;
  images: string[];
  key: string;
  /** `seconds` is the whole step (download/upload included); `injectSeconds`/`extractSeconds` the helper build alone. */
  restore: { status: 'hit' | 'partial' | 'miss' | 'kept' | 'failed' | 'off'; matchedKey?: string; files: number; bytes: number; seconds: number; injectSeconds?: number };
  save: { status: 'saved' | 'unchanged' | 'exists' | 'empty' | 'failed' | 'skipped' | 'off'; files: number; bytes: number; archiveBytes?: number; seconds: number; extractSeconds?: number; reason?: string };
  keyFiles: string[];
}

export interface CacheReport {
  /** `actions` when a cache service keeps mount content between runs, `builder` when only the local BuildKit cache does. */
  backend: 'actions' | 'builder';
  layers: LayerPlan;
  mounts: MountReport[];
  warnings: string[];
}

export interface BuildCacheOptions {
  config: Config;
  docker: Docker;
  log: Logger;
  builder: BuilderKind;
  store?: CacheStore;
  /** Working directory of the cache client (the workspace): staging folders live under it. */
  workdir: string;
  os: string;
  arch: string;
  /** Key part when no file decides a mount's content (the commit). */
  fallback: string;
  mountOverrides?: Record<string, MountOverride>;
  layers?: LayerChoice;
  /** The buildx driver, or its promise: it is only needed once the mounts are restored. */
  driver?: string | Promise<string | undefined>;
  repository?: string;
  cacheService: boolean;
  context?: RunContext;
}

interface MountState {
  mount: CacheMount;
  keys: MountKeys;
  keyFiles: KeyFile[];
  restored?: TarIndex;
  report: MountReport;
}

export class BuildCache {
  readonly report: CacheReport;
  private states: MountState[] = [];

  constructor(private readonly o: BuildCacheOptions) {
    this.report = {
      backend: o.store ? 'actions' : 'builder',
      layers: this.chooseLayers(typeof o.driver === 'string' ? o.driver : undefined),
      mounts: [],
      warnings: [],
    };
  }

  /** The pipeline's way in: facts from the run (driver, platform, commit) filled in. */
  static async forPipeline(p: { config: Config; docker: Docker; log: Logger; environment: DockerEnvironment; store?: CacheStore; context: RunContext; pushImage?: string; workdir?: string }): Promise<BuildCache> {
    // The driver only matters where a gha layer cache is possible (a cache service); asking costs ~0.5 s,
    // so it is asked while the mounts are restored.
    const driver = p.environment.builder === 'buildx' && p.store ? p.docker.buildxDriver() : undefined;
    return new BuildCache({
      config: p.config,
      docker: p.docker,
      log: p.log,
      builder: p.environment.builder,
      store: p.store,
      workdir: p.workdir ?? process.cwd(),
      os: process.env.RUNNER_OS || ({ linux: 'Linux', darwin: 'macOS', win32: 'Windows' } as Record<string, string>)[process.platform] || process.platform,
      arch: process.env.RUNNER_ARCH || ({ x64: 'X64', arm64: 'ARM64' } as Record<string, string>)[process.arch] || process.arch,
      fallback: p.context.sha,
      mountOverrides: p.config.cache.mounts,
      layers: p.config.cache.layers,
      driver,
      repository: p.pushImage,
      cacheService: !!p.store,
      context: p.context,
    });
  }

  /** Layer-cache flags for one image's build. */
  flagsFor(imageKey: string): LayerFlags {
    const o = this.o;
    const ctx = o.context;
    const branches = [ctx && branchOf(ctx.ref), ctx?.baseRef, ctx?.defaultBranch].filter((b): b is string => !!b);
    return layerFlags(this.report.layers, {
      builder: o.builder,
      scope: `repro-ci-${o.config.name}-${imageKey}`,
      repository: o.repository ? repositoryFor(o.repository, imageKey, o.config.images.length) : undefined,
      branches,
    });
  }

  private chooseLayers(driver: string | undefined): LayerPlan {
    const o = this.o;
    return chooseLayerCache(o.layers ?? 'auto', { builder: o.builder, driver, cacheService: o.cacheService, repository: o.repository });
  }

  /** Finds the mounts, computes keys, restores and injects; settles the layer cache meanwhile. */
  async restore(): Promise<void> {
    const layers = (async () => {
      if (this.o.driver !== undefined && typeof this.o.driver !== 'string') this.report.layers = this.chooseLayers(await this.o.driver);
    })();
    try {
      await this.restoreMounts();
    } finally {
      await layers;
      this.o.log.info(`layer cache: ${this.report.layers.reason}`);
    }
  }

  private async restoreMounts(): Promise<void> {
    const { config, log } = this.o;
    const discovery = discoverMounts(
      config.images.map((img) => ({ image: img.key, label: path.relative(config.root, img.dockerfile) || img.dockerfile, text: safeRead(img.dockerfile), buildArgs: img.buildArgs })),
      this.o.mountOverrides,
    );
    for (const s of discovery.skipped) this.warn(`cache mount ${s.id} (${s.use.dockerfile}:${s.use.line}) is not kept between runs: ${s.reason}.`);
    if (discovery.mounts.length === 0) {
      log.info('no RUN --mount=type=cache in the Dockerfiles: no cache mount to keep.');
      return;
    }
    for (const mount of discovery.mounts) {
      const contexts = [...new Set(config.images.filter((i) => mount.images.includes(i.key)).map((i) => i.context))];
      const keyFiles = mount.files ? findKeyFiles(config.root, mount.files) : contexts.flatMap((c) => findKeyFiles(c).map((f) => ({ ...f, path: path.relative(config.root, path.join(c, f.path)).split(path.sep).join('/') })));
      const keys = mountKeys({ os: this.o.os, arch: this.o.arch, mount, files: keyFiles, fallback: this.o.fallback });
      const report: MountReport = {
        id: mount.id,
        images: mount.images,
        key: keys.key,
        keyFiles: keyFiles.map((f) => f.path),
        restore: { status: 'off', files: 0, bytes: 0, seconds: 0 },
        save: { status: 'off', files: 0, bytes: 0, seconds: 0 },
      };
      this.states.push({ mount, keys, keyFiles, report });
      this.report.mounts.push(report);
      const uses = mount.uses.map((u) => `${u.dockerfile}:${u.line}`).join(', ') || 'added in repro.yml';
      log.info(`cache mount ${mount.id} (${uses}); key ${keys.key}${keyFiles.length ? ` from ${report.keyFiles.join(', ')}` : ''}`);
    }
    if (!this.o.store) {
      log.info('no cache service here: cache mounts stay in the local BuildKit cache (kept between runs on this machine only).');
      return;
    }
    for (const st of this.states) await this.restoreOne(st);
    this.removeStagingRoot();
  }

  private async restoreOne(st: MountState): Promise<void> {
    const { log } = this.o;
    const start = performance.now();
    const r = st.report.restore;
    const staging = this.staging(st.mount);
    try {
      rmSync(staging.abs, { recursive: true, force: true });
      const got = await this.o.store!.restore([staging.rel], st.keys.key, st.keys.restoreKeys);
      if (got.problem) {
        r.status = 'failed';
        this.warn(`cache mount ${st.mount.id}: restore failed (${got.problem}); building without it.`);
        return;
      }
      if (!got.key) {
        r.status = 'miss';
        log.info(`cache mount ${st.mount.id}: miss (no entry for ${st.keys.restoreKeys[0]}*); building cold.`);
        return;
      }
      const archive = path.join(staging.abs, ARCHIVE);
      if (!existsSync(archive)) throw new Error(`the restored entry ${got.key} holds no ${ARCHIVE}`);
      const index = indexTarFile(archive);
      const injectStart = performance.now();
      const outcome = await this.dance(st.mount, 'inject', staging.abs);
      r.injectSeconds = (performance.now() - injectStart) / 1000;
      st.restored = index;
      r.matchedKey = got.key;
      r.files = index.files;
      r.bytes = index.bytes;
      r.status = outcome === 'kept' ? 'kept' : got.key === st.keys.key ? 'hit' : 'partial';
      log.info(`cache mount ${st.mount.id}: ${r.status === 'kept' ? 'the builder already had content; kept it' : `${r.status === 'hit' ? 'hit' : 'restored older content'} ${got.key}`}: ${r.files} files, ${formatBytes(r.bytes)}.`);
    } catch (e) {
      r.status = 'failed';
      this.warn(`cache mount ${st.mount.id}: could not restore (${errorMessage(e)}); building without it.`);
    } finally {
      rmSync(staging.abs, { recursive: true, force: true });
      r.seconds = (performance.now() - start) / 1000;
    }
  }

  /** Extracts and saves the mounts whose images all built. */
  async save(built: string[]): Promise<void> {
    if (!this.o.store) return;
    for (const st of this.states) {
      if (!st.mount.images.every((i) => built.includes(i))) {
        st.report.save.status = 'skipped';
        st.report.save.reason = 'an image using it did not build';
        continue;
      }
      if (st.report.restore.matchedKey === st.keys.key) {
        // Entries cannot be replaced: after an exact hit there is nothing to save, so no extraction either.
        st.report.save.status = 'exists';
        st.report.save.reason = `restored from ${st.keys.key}; it is saved again when its key files change`;
        this.o.log.info(`cache mount ${st.mount.id}: restored from its exact key; nothing to save.`);
        continue;
      }
      await this.saveOne(st);
    }
    this.removeStagingRoot();
    const total = this.report.mounts.reduce((a, m) => a + Math.max(m.save.bytes, m.restore.bytes), 0);
    if (total > REPO_LIMIT_BYTES * NEAR_LIMIT) {
      this.warn(`cache mounts hold ${formatBytes(total)}, near GitHub's 10 GB cache limit per repository: older entries (other branches' too) will be evicted. Exclude large mounts under \`cache.mounts\` in repro.yml.`);
    }
  }

  private async saveOne(st: MountState): Promise<void> {
    const { log } = this.o;
    const start = performance.now();
    const s = st.report.save;
    const staging = this.staging(st.mount);
    try {
      rmSync(staging.abs, { recursive: true, force: true });
      mkdirSync(staging.abs, { recursive: true });
      const extractStart = performance.now();
      await this.dance(st.mount, 'extract', staging.abs);
      s.extractSeconds = (performance.now() - extractStart) / 1000;
      const archive = path.join(staging.abs, ARCHIVE);
      const index = indexTarFile(archive);
      s.files = index.files;
      s.bytes = index.bytes;
      if (index.files === 0) {
        s.status = 'empty';
        log.info(`cache mount ${st.mount.id}: empty after the build; nothing to save.`);
      } else if (st.restored && st.restored.fingerprint === index.fingerprint) {
        s.status = 'unchanged';
        log.info(`cache mount ${st.mount.id}: unchanged since ${st.report.restore.matchedKey}; not saving.`);
      } else {
        s.archiveBytes = statSync(archive).size;
        const got = await this.o.store!.save([staging.rel], st.keys.key);
        if (got.key) {
          s.status = 'saved';
          log.info(`cache mount ${st.mount.id}: saved ${st.keys.key}: ${index.files} files, ${formatBytes(index.bytes)}.`);
        } else {
          s.status = 'failed';
          this.warn(`cache mount ${st.mount.id}: could not save (${got.problem}); the next run builds it cold.`);
        }
      }
    } catch (e) {
      s.status = 'failed';
      this.warn(`cache mount ${st.mount.id}: could not save (${errorMessage(e)}); the next run builds it cold.`);
    } finally {
      rmSync(staging.abs, { recursive: true, force: true });
      s.seconds = (performance.now() - start) / 1000;
    }
  }

  /** Runs the inject or extract helper build; returns what inject did (`injected` or `kept`). Throws on failure. */
  private async dance(mount: CacheMount, kind: 'inject' | 'extract', staging: string): Promise<string> {
    const image = mount.helperImages[0];
    if (!image) throw new Error('no stage using it starts from an image with a shell (FROM scratch)');
    const tmp = mkdtempSync(path.join(os.tmpdir(), `repro-ci-${kind}-`));
    try {
      const nonce = randomBytes(6).toString('hex');
      const dockerfile = path.join(tmp, 'Dockerfile');
      writeFileSync(dockerfile, kind === 'inject' ? injectDockerfile(mount, image, nonce) : extractDockerfile(mount, image, nonce));
      const out = kind === 'inject' ? path.join(tmp, 'out') : staging;
      const context = kind === 'inject' ? staging : path.join(tmp, 'empty');
      mkdirSync(context, { recursive: true });
      const res = await this.o.docker.helperBuild(this.o.builder, { dockerfile, context, outputDir: out, discardTarget: kind === 'inject' ? INJECT_STAGE : undefined });
      if (res.exitCode !== 0) {
        const tail = res.tail.join('').trim().split('\n').slice(-6).join(' | ');
        throw new Error(`the ${kind} build from ${image} failed (exit ${res.exitCode}): ${tail}`);
      }
      if (kind === 'extract') return 'extracted';
      const outcome = injectOutcome(res.log);
      if (!outcome) throw new Error(`the inject build from ${image} did not say what it did (no repro-ci-inject= line in its log)`);
      return outcome;
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }

  /** Staging folder of one mount: a path relative to the workspace, so cache versions match on every runner. */
  private staging(mount: CacheMount): { rel: string; abs: string } {
    const rel = `${STAGING_ROOT}/${slug(mountIdentity(mount.id, mount.perms))}`;
    return { rel, abs: path.join(this.o.workdir, rel) };
  }

  /** The workspace is the user's checkout: leave no trace of the staging folders. */
  private removeStagingRoot(): void {
    const root = path.join(this.o.workdir, STAGING_ROOT);
    if (existsSync(root) && readdirSync(root).length === 0) rmSync(root, { recursive: true, force: true });
  }

  private warn(message: string): void {
    this.o.log.warning(message);
    this.report.warnings.push(message);
  }
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
