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
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config/config.js';
import type { BuilderKind } from '../docker/argv.js';
import type { DockerEnvironment } from '../docker/detect.js';
import { branchOf, type RunContext } from '../context.js';
import {
  discardDownloads,
  readDockerfile,
  emptyMarkerPath,
  removeStagingRoot,
  restoreSeconds,
  type Downloaded,
  type MountDownload,
  type MountRestore,
} from './download.js';
import { ImageLayers } from './image-layers.js';
import { baseImages } from '../lint/checks.js';
import { repositoryFor } from '../publish/naming.js';
import { registryDown } from '../publish/registry-probe.js';
import type { Docker } from '../docker/docker.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import { ArchiveChannel } from './channel.js';
import {
  ARCHIVE,
  extractDockerfile,
  extractStreamed,
  injectDockerfile,
  injectOutcome,
  STREAM_ARGS,
  streamPossible,
  streamUnavailable,
  WORK_STAGE,
  type Transport,
} from './dance.js';
import { DEFAULT_IDLE_MS, ServiceDeadline } from './service-deadline.js';
import {
  builderOnLoopback,
  chooseLayerCache,
  layerFallback,
  layerFlags,
  type LayerChoice,
  type LayerFlags,
  type LayerPlan,
} from './layers.js';
import type { CacheMount } from './mounts.js';
import type { CacheReport } from './report.js';
import { indexTarFile, type TarIndex } from './tarindex.js';
import { keyTakenReason, type CacheStore } from './store.js';

/** GitHub keeps 10 GB of caches per repository; past that it evicts the oldest entries. */
export const REPO_LIMIT_BYTES = 10 * 1024 ** 3;
const NEAR_LIMIT = 0.8;

export interface BuildCacheOptions {
  config: Config;
  docker: Docker;
  log: Logger;
  builder: BuilderKind;
  store?: CacheStore;
  /** The mounts, their keys and their downloads, started before Docker was detected (download.ts). */
  restoring: MountRestore;
  /** Local tag of each image (the `image` layer cache is saved beside it). */
  localTag: (imageKey: string) => string;
  layers?: LayerChoice;
  /** The buildx driver, or its promise: it is only needed once the mounts are restored. */
  driver?: string | Promise<string | undefined>;
  /** Whether the engine keeps images in the containerd store (its docker driver then exports caches). */
  containerdStore?: boolean | Promise<boolean>;
  /** The buildx builder's endpoint: whether its BuildKit reaches this machine's loopback (builderOnLoopback). */
  endpoint?: Promise<string | undefined>;
  repository?: string;
  cacheService: boolean;
  /** The service failed its first lookup (service-probe.ts, asked once per run by the action): why. */
  serviceFault?: string;
  context?: RunContext;
}

/** Whether a download came back with nothing to inject (a miss, or a failure). */
const emptyHanded = (g: { key?: string; problem?: string }) => !!g.problem || !g.key;

/** What a helper build did: inject's `injected`/`kept`, `extracted`, or `unavailable` when its stream could not connect. */
type HelperOutcome = 'injected' | 'kept' | 'extracted' | 'unavailable';

/** How long an early inject waits for the download to show it is a miss or an empty mount before starting its helper. */
const EARLY_INJECT_GRACE_MS = 250;

interface MountState extends MountDownload {
  restored?: TarIndex;
  /** The early inject's helper build, once one started (waiting for none would wait on the driver's answer). */
  injecting?: Promise<HelperOutcome | Error>;
}

export class BuildCache {
  readonly report: CacheReport;
  private states: MountState[] = [];
  private imageLayers?: ImageLayers;
  /** Whether helper builds stream their archives (decided with the first one; see dance.ts). */
  private stream?: boolean;
  /** The deadline in front of the cache service for type=gha, and the URL attribute that points BuildKit at it. */
  private deadline?: { proxy: ServiceDeadline; attr: string };

  constructor(private readonly o: BuildCacheOptions) {
    this.report = {
      backend: o.store ? 'actions' : 'builder',
      layers: this.chooseLayers(typeof o.driver === 'string' ? o.driver : undefined, o.containerdStore === true),
      mounts: [],
      warnings: [],
    };
  }

  /** The pipeline's way in: facts from the run (driver, platform, commit) filled in. */
  static forPipeline(p: {
    config: Config;
    docker: Docker;
    log: Logger;
    environment: DockerEnvironment;
    restoring: MountRestore;
    localTag: (imageKey: string) => string;
    context: RunContext;
    pushImage?: string;
    cacheServiceFault?: string;
  }): BuildCache {
    // The driver only matters where a gha layer cache is possible (a cache service); asking costs ~0.5 s,
    // so it is asked while the mounts are restored.
    const store = p.restoring.store;
    const service = !!store || !!p.cacheServiceFault;
    const driver = p.environment.builder === 'buildx' && service ? p.docker.buildxDriver() : undefined;
    const endpoint = driver ? p.docker.buildxEndpoint() : undefined;
    const containerdStore = service ? p.docker.info().then((i) => i.containerdStore) : false;
    return new BuildCache({
      config: p.config,
      docker: p.docker,
      log: p.log,
      builder: p.environment.builder,
      store,
      restoring: p.restoring,
      localTag: p.localTag,
      layers: p.config.cache.layers,
      driver,
      endpoint,
      containerdStore,
      repository: p.pushImage,
      cacheService: service,
      serviceFault: p.cacheServiceFault,
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
      loaded: this.imageLayers?.loaded(imageKey),
      timeoutSeconds: o.config.cache.layerTimeoutSeconds,
      service: this.deadline?.attr,
    });
  }

  private chooseLayers(driver: string | undefined, containerdStore: boolean): LayerPlan {
    const o = this.o;
    return chooseLayerCache(o.layers ?? 'auto', {
      builder: o.builder,
      driver,
      containerdStore,
      cacheService: o.cacheService,
      repository: o.repository,
    });
  }

  /** Finds the mounts, computes keys, restores and injects; settles the layer cache meanwhile. */
  async restore(): Promise<void> {
    const layers = (async () => {
      const { driver, containerdStore } = this.o;
      if (
        (driver !== undefined && typeof driver !== 'string') ||
        (containerdStore !== undefined && typeof containerdStore !== 'boolean')
      ) {
        this.report.layers = this.chooseLayers(await driver, (await containerdStore) ?? false);
      }
      // BuildKit gets the service only once it answered (src/cache/service-probe.ts, asked by the action at
      // the start of the run): a hung one would hold the build.
      const fault = this.report.layers.strategy === 'gha' ? this.o.serviceFault : undefined;
      if (fault) {
        this.report.layers = layerFallback(
          { repository: this.o.repository },
          `the Actions cache service failed a first lookup (${fault}), and type=gha would hold the build up or fail its cache steps`,
        );
        this.warn(`layer cache (type=gha): ${this.report.layers.reason}.`);
      }
      if (this.report.layers.strategy === 'gha') await this.startDeadline();
      // BuildKit's --cache-from waits for ever on a registry that never answers (src/publish/registry-probe.ts).
      const down =
        this.report.layers.strategy === 'registry' && this.o.repository
          ? await registryDown(this.o.repository)
          : undefined;
      if (down) {
        this.report.layers = {
          strategy: 'builder',
          reason: `${down}, and --cache-from would hold the build up; local BuildKit cache only`,
        };
        this.warn(`layer cache (registry): ${this.report.layers.reason}.`);
      }
    })();
    try {
      await this.restoreMounts();
    } finally {
      await layers;
      this.o.log.info(`layer cache: ${this.report.layers.reason}`);
    }
    if (this.report.layers.strategy === 'image' && this.o.store) await this.restoreImageLayers(this.o.store);
    // Asked for, but this builder cannot use it (layers.ts said why): what came is not loaded.
    else await discardDownloads(this.o.restoring.layers, this.o.restoring.workdir);
  }

  /** Puts service-deadline.ts between BuildKit and the cache service, where the builder can reach it. */
  private async startDeadline(): Promise<void> {
    const env = process.env;
    const v2 = /^(true|1)$/i.test(env.ACTIONS_CACHE_SERVICE_V2 ?? '');
    const upstream = v2 ? env.ACTIONS_RESULTS_URL : env.ACTIONS_CACHE_URL;
    if (!upstream) return;
    const where = {
      builder: this.o.builder,
      driver: await this.o.driver,
      endpoint: await this.o.endpoint,
      dockerHost: env.DOCKER_HOST,
    };
    if (!builderOnLoopback(where)) {
      this.o.log.info(
        "layer cache: this builder runs off this machine; its type=gha requests have only BuildKit's own time limits",
      );
      return;
    }
    const idleMs = Math.min(DEFAULT_IDLE_MS, this.o.config.cache.layerTimeoutSeconds * 1000);
    const proxy = new ServiceDeadline(upstream, idleMs);
    try {
      this.deadline = { proxy, attr: `${v2 ? 'url_v2' : 'url'}=${await proxy.start()}` };
    } catch (e) {
      this.o.log.info(`layer cache: no deadline in front of the cache service (${errorMessage(e)})`);
    }
  }

  /** After the builds: the deadline stops, and each time it cut the service off is a warning. */
  async endBuilds(): Promise<void> {
    const d = this.deadline;
    this.deadline = undefined;
    if (!d) return;
    await d.proxy.close();
    for (const fault of d.proxy.faults) this.warn(`layer cache (type=gha): ${fault}; the builds went on without it.`);
  }

  private async restoreImageLayers(store: CacheStore): Promise<void> {
    const { config, docker, log, restoring, localTag } = this.o;
    const bases = (image: string) => {
      const img = config.images.find((i) => i.key === image);
      return img ? baseImages(readDockerfile(img.dockerfile), img.buildArgs) : [];
    };
    const il = (this.imageLayers = new ImageLayers({
      docker,
      store,
      bases,
      workdir: restoring.workdir,
      warn: (m) => this.warn(m),
      log,
    }));
    this.report.layerImages = il.reports;
    await il.restore(restoring.layers.map((d) => ({ key: d.image, localTag: localTag(d.image), download: d })));
    removeStagingRoot(restoring.workdir);
  }

  private async restoreMounts(): Promise<void> {
    const { restoring, log } = this.o;
    restoring.log.replay(log, (m) => this.warn(m));
    for (const d of restoring.mounts) {
      this.states.push(d);
      this.report.mounts.push(d.report);
    }
    for (const st of this.states) await this.restoreOne(st);
    removeStagingRoot(restoring.workdir);
  }

  /**
   * Waits for the mount's download (begun with the run), shows what it logged, and injects what came. A
   * streamed inject starts before that, beside the download (earlyInject).
   */
  private async restoreOne(st: MountState): Promise<void> {
    if (!st.got) return;
    const { log } = this.o;
    const start = performance.now();
    const r = st.report.restore;
    const archive = path.join(st.staging.abs, ARCHIVE);
    // The downloaded archive, read whole before anything of it goes into the builder (a cut-short archive would leave half a cache).
    const checked = st.got
      .then((g) => {
        if (emptyHanded(g) || g.empty) return undefined;
        if (!existsSync(archive)) throw new Error(`the restored entry ${g.key} holds no ${ARCHIVE}`);
        return indexTarFile(archive);
      })
      .catch((e: unknown) => new Error(errorMessage(e)));
    const early = this.earlyInject(
      st,
      checked.then((c) => (c && !(c instanceof Error) ? archive : undefined)),
    );
    // Not awaited where no helper started (an empty or missing entry): a failure of it is no one's.
    early.catch(() => undefined);
    const got = await st.got;
    st.log.replay(log, (m) => this.warn(m));
    try {
      if (got.empty) {
        // Found by a lookup alone: an early inject, if one started before that was known, got nothing.
        await st.injecting;
        [r.status, r.matchedKey] = ['hit', got.key];
        log.info(
          `cache mount ${st.mount.id}: the build left it empty last time (${got.key}); nothing to restore, inject or extract.`,
        );
        return;
      }
      if (emptyHanded(got)) {
        // The early inject, if one started, got an empty archive: nothing changed, it only has to be over.
        if ((await st.injecting) === 'unavailable') this.noStream(st.mount);
        if (got.problem) {
          r.status = 'failed';
          this.warn(`cache mount ${st.mount.id}: restore failed (${got.problem}); building without it.`);
        } else {
          r.status = 'miss';
          // Said before the build: whether its RUN steps run at all (or come CACHED with their layer) is not known yet.
          log.info(
            `cache mount ${st.mount.id}: miss (no entry for ${st.keys.restoreKeys[0]}*); a RUN step that uses it starts with it empty, if the step runs (a CACHED layer does not).`,
          );
        }
        return;
      }
      const index = await checked;
      if (index instanceof Error || !index) throw index;
      const injected = await this.inject(st.mount, archive, early);
      r.injectSeconds = injected.seconds;
      r.transport = injected.transport;
      st.restored = index;
      r.matchedKey = got.key;
      r.files = index.files;
      r.bytes = index.bytes;
      r.status = injected.outcome === 'kept' ? 'kept' : got.key === st.keys.key ? 'hit' : 'partial';
      log.info(
        `cache mount ${st.mount.id}: ${r.status === 'kept' ? 'the builder already had content; kept it' : `${r.status === 'hit' ? 'hit' : 'restored older content'} ${got.key}`}: ${r.files} files, ${formatBytes(r.bytes)}.`,
      );
    } catch (e) {
      await early;
      r.status = 'failed';
      this.warn(`cache mount ${st.mount.id}: could not restore (${errorMessage(e)}); building without it.`);
    } finally {
      rmSync(st.staging.abs, { recursive: true, force: true });
      // The download's own time, though it ran beside other work, plus what followed it (the inject).
      r.seconds = restoreSeconds(got, start);
    }
  }

  /**
   * The streamed inject, started before the download is over: its RUN waits on the socket for `content`
   * (an empty archive when that comes to nothing), so the helper build's start is hidden behind the
   * download. Not started (undefined at once) where it cannot stream, or when the download has already come
   * back empty. Never rejects: a failure is the Error it resolves to.
   */
  private async earlyInject(
    st: MountState,
    content: Promise<string | undefined>,
  ): Promise<HelperOutcome | Error | undefined> {
    let settled: Downloaded | undefined;
    void st.got?.then((g) => (settled = g));
    if (!(await this.streaming())) return undefined;
    // A miss or an empty mount's marker answers within a lookup or two: a helper started before that would
    // only inject nothing (~0.2 s). A download worth overlapping takes seconds, so waiting this long costs it little.
    await Promise.race([st.got, new Promise((resolve) => setTimeout(resolve, EARLY_INJECT_GRACE_MS).unref())]);
    if (settled && (emptyHanded(settled) || settled.empty)) return undefined;
    return (st.injecting = this.helper(st.mount, 'inject', { send: content }, 'stream').catch(
      (e: unknown) => new Error(errorMessage(e)),
    ));
  }

  /** Finishes the inject: the early stream's outcome, or an inject with the archive as build context where it could not stream. */
  private async inject(
    mount: CacheMount,
    archive: string,
    early: Promise<HelperOutcome | Error | undefined>,
  ): Promise<{ outcome: HelperOutcome; transport: Transport; seconds: number }> {
    // Timed from the archive being here to its content being in the mount.
    let start = performance.now();
    const streamed = await early;
    if (streamed instanceof Error) throw streamed;
    if (streamed && streamed !== 'unavailable')
      return { outcome: streamed, transport: 'stream', seconds: (performance.now() - start) / 1000 };
    if (streamed) this.noStream(mount);
    start = performance.now();
    const outcome = await this.helper(mount, 'inject', { send: archive }, 'context');
    return { outcome, transport: 'context', seconds: (performance.now() - start) / 1000 };
  }

  /** Extracts and saves the mounts whose images all built, then the `image` layer cache. */
  async save(images: { key: string; id: string }[]): Promise<void> {
    if (!this.o.store) return;
    const built = images.map((i) => i.key);
    for (const st of this.states) {
      if (!st.mount.images.every((i) => built.includes(i))) {
        st.report.save.status = 'skipped';
        st.report.save.reason = 'an image using it did not build';
        continue;
      }
      const got = await st.got;
      if (got && !emptyHanded(got) && got.key === st.keys.key) {
        // Entries cannot be replaced: with one under the exact key (even if its inject failed) there is nothing to save, so no extraction either.
        if (got.empty) {
          st.report.save.status = 'exists';
          st.report.save.reason = `remembered as empty under ${st.keys.key}`;
          this.o.log.info(`cache mount ${st.mount.id}: remembered as empty; nothing to extract or save.`);
          continue;
        }
        const restored = st.report.restore.matchedKey === st.keys.key;
        st.report.save.status = 'exists';
        st.report.save.reason = `${restored ? 'restored from' : 'an entry exists under'} ${st.keys.key}; it is saved again when its key files change`;
        this.o.log.info(
          `cache mount ${st.mount.id}: ${restored ? 'restored from its exact key' : `${st.keys.key} exists (its restore failed, see above)`}; nothing to save.`,
        );
        continue;
      }
      await this.saveOne(st);
    }
    await this.imageLayers?.save(images);
    removeStagingRoot(this.o.restoring.workdir);
    const total =
      this.report.mounts.reduce((a, m) => a + Math.max(m.save.bytes, m.restore.bytes), 0) +
      (this.report.layerImages ?? []).reduce((a, l) => a + Math.max(l.save.bytes, l.restore.bytes), 0);
    if (total > REPO_LIMIT_BYTES * NEAR_LIMIT) {
      this.warn(
        `cache mounts hold ${formatBytes(total)}, near GitHub's 10 GB cache limit per repository: older entries (other branches' too) will be evicted. Exclude large mounts under \`cache.mounts\` in repro.yml.`,
      );
    }
  }

  private async saveOne(st: MountState): Promise<void> {
    const { log } = this.o;
    const start = performance.now();
    const s = st.report.save;
    const staging = st.staging;
    try {
      rmSync(staging.abs, { recursive: true, force: true });
      mkdirSync(staging.abs, { recursive: true });
      const extractStart = performance.now();
      const archive = path.join(staging.abs, ARCHIVE);
      s.transport = await this.extract(st.mount, archive);
      s.extractSeconds = (performance.now() - extractStart) / 1000;
      const index = indexTarFile(archive);
      s.files = index.files;
      s.bytes = index.bytes;
      if (index.files === 0) {
        // Remembered (issue 18): a marker under the key, which the next run finds with a lookup alone and
        // then neither downloads, injects nor extracts anything. Without it: miss and extract, every run.
        const marker = emptyMarkerPath(staging.rel);
        mkdirSync(path.join(this.o.restoring.workdir, marker), { recursive: true });
        writeFileSync(path.join(this.o.restoring.workdir, marker, 'EMPTY'), 'the build left this cache mount empty\n');
        const got = await this.o.store!.save([marker], st.keys.key);
        rmSync(path.join(this.o.restoring.workdir, marker), { recursive: true, force: true });
        s.status = 'empty';
        log.info(
          `cache mount ${st.mount.id}: empty after the build; ${got.key ? `remembered as empty under ${got.key}, so the next run skips it` : 'nothing to save'}.`,
        );
      } else if (st.restored && st.restored.fingerprint === index.fingerprint) {
        s.status = 'unchanged';
        log.info(`cache mount ${st.mount.id}: unchanged since ${st.report.restore.matchedKey}; not saving.`);
      } else {
        s.archiveBytes = statSync(archive).size;
        const got = await this.o.store!.save([staging.rel], st.keys.key);
        if (got.key) {
          s.status = 'saved';
          log.info(
            `cache mount ${st.mount.id}: saved ${st.keys.key}: ${index.files} files, ${formatBytes(index.bytes)}.`,
          );
        } else if (got.exists) {
          s.status = 'exists';
          s.reason = keyTakenReason(st.keys.key);
          log.info(`cache mount ${st.mount.id}: ${s.reason}; the next run restores that.`);
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

  /** Whether helper builds stream (decided once; see dance.ts). */
  private async streaming(): Promise<boolean> {
    return (this.stream ??= streamPossible({
      builder: this.o.builder,
      driver: await this.o.driver,
      dockerHost: process.env.DOCKER_HOST,
    }));
  }

  /** Extracts the mount's content into `archive`: streamed where possible, else exported from the build. */
  private async extract(mount: CacheMount, archive: string): Promise<Transport> {
    if (await this.streaming()) {
      if ((await this.helper(mount, 'extract', { receive: archive }, 'stream')) !== 'unavailable') return 'stream';
      this.noStream(mount);
    }
    await this.helper(mount, 'extract', { receive: archive }, 'context');
    return 'context';
  }

  /** After a stream found it could not connect: the rest of the run sends archives as build context. */
  private noStream(mount: CacheMount): void {
    this.stream = false;
    this.o.log.info(
      `cache mounts: the helper build from ${mount.helperImages[0]} cannot reach this machine's loopback (no bash or python3 in it, or the engine runs elsewhere); sending archives as build context instead.`,
    );
  }

  /**
   * One inject or extract helper build. `archive` is what to send (inject; maybe still downloading when
   * streamed) or where the extracted archive goes. Returns what inject did (`injected` or `kept`),
   * `extracted`, or `unavailable` when a stream could not connect. Throws on failure.
   */
  private async helper(
    mount: CacheMount,
    kind: 'inject' | 'extract',
    archive: { send: string | Promise<string | undefined> } | { receive: string },
    transport: Transport,
  ): Promise<HelperOutcome> {
    const image = mount.helperImages[0];
    if (!image) throw new Error('no stage using it starts from an image with a shell (FROM scratch)');
    const tmp = mkdtempSync(path.join(os.tmpdir(), `repro-ci-${kind}-`));
    const channel =
      transport === 'context'
        ? undefined
        : 'send' in archive
          ? await ArchiveChannel.sending(archive.send)
          : await ArchiveChannel.receiving(archive.receive);
    try {
      const nonce = randomBytes(6).toString('hex');
      const dockerfile = path.join(tmp, 'Dockerfile');
      writeFileSync(
        dockerfile,
        kind === 'inject'
          ? injectDockerfile(mount, image, nonce, transport)
          : extractDockerfile(mount, image, nonce, transport),
      );
      // Without a channel the archive is the build context (inject) or the exported file (extract).
      let context = path.join(tmp, 'empty');
      mkdirSync(context);
      if (!channel && 'send' in archive) {
        const file = await archive.send;
        if (!file) throw new Error('there is no archive to inject');
        context = path.dirname(file);
      }
      const out = !channel && 'receive' in archive ? path.dirname(archive.receive) : path.join(tmp, 'out');
      const discardTarget = kind === 'inject' || channel ? WORK_STAGE : undefined;
      const req = {
        dockerfile,
        context,
        outputDir: out,
        discardTarget,
        ...(channel && { network: 'host' as const, buildArgsFromEnv: Object.values(STREAM_ARGS) }),
      };
      const res = await this.o.docker.helperBuild(this.o.builder, req, channel?.env());
      if (res.exitCode !== 0) {
        const tail = res.tail.join('').trim().split('\n').slice(-6).join(' | ');
        throw new Error(`the ${kind} build from ${image} failed (exit ${res.exitCode}): ${tail}`);
      }
      if (channel && streamUnavailable(res.log)) return 'unavailable';
      const outcome: HelperOutcome | undefined =
        kind === 'extract' ? (channel && !extractStreamed(res.log) ? undefined : 'extracted') : injectOutcome(res.log);
      if (!outcome)
        throw new Error(
          `the ${kind} build from ${image} did not say what it did (no repro-ci-${kind}= line in its log)`,
        );
      if (channel && outcome !== 'kept' && !(await channel.finished()))
        throw new Error(`the ${kind} build from ${image} never connected to this machine`);
      return outcome;
    } finally {
      channel?.close();
      rmSync(tmp, { recursive: true, force: true });
    }
  }

  private warn(message: string): void {
    this.o.log.warning(message);
    this.report.warnings.push(message);
  }
}
