/**
 * The `image` layer cache, for builders that cannot export one (the docker driver, the classic client):
 * the built image, tagged `<repository>:repro-ci-layers`, is saved with `docker save` into the Actions
 * cache after the builds and loaded with `docker load` on the next runner, where the inline cache metadata
 * it was built with lets `--cache-from` reuse every layer that still matches (measured: see layers.ts).
 * One entry per image and commit; a run restores the newest its branch can see. Like the mounts, a problem
 * is a warning naming the image, and the build goes on without it.
 *
 * The entry leaves out the base image's layers (the FROM image whose layers the built image starts with):
 * `docker load` skips a layer the engine already has, so the base is made present first (pulled when
 * missing, as the build would) and checked to still be the one the entry was built on.
 */
import type { LayerImageReport } from './report.js';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Docker } from '../docker/docker.js';
import type { Logger } from '../log.js';
import { errorMessage } from '../errors.js';
import { formatBytes } from '../util/bytes.js';
import { layerStaging, restoreSeconds, type LayerDownload } from './download.js';
import type { MountKeys } from './keys.js';
import { keyTakenReason, type CacheStore, type StoreResult } from './store.js';
import { copyTarWithout, readTarFile } from './tarindex.js';

const ARCHIVE = 'image.tar';
/** The base image the entry leaves out: its reference and layer diff ids. */
const BASE = 'base.json';

export interface BaseLayers {
  ref: string;
  layers: string[];
}

/** Whether `layers` begins with every layer of `prefix`, in order (pure). */
function startsWith(layers: string[], prefix: string[]): boolean {
  return prefix.length <= layers.length && prefix.every((l, i) => layers[i] === l);
}

/** The candidate whose layers the built image starts with; the longest when several do (pure). */
export function baseOf(built: string[], candidates: BaseLayers[]): BaseLayers | undefined {
  const prefixes = candidates.filter(
    (c) => c.layers.length > 0 && c.layers.length < built.length && startsWith(built, c.layers),
  );
  return prefixes.sort((a, b) => b.layers.length - a.layers.length)[0];
}

/** The layer files of a `docker save` manifest that only the first `n` layers use (pure). */
export function baseLayerFiles(manifest: unknown, n: number): Set<string> {
  const layers = (manifest as { Layers?: string[] }[])[0]?.Layers ?? [];
  const above = new Set(layers.slice(n));
  return new Set(layers.slice(0, n).filter((f) => !above.has(f)));
}

/** The tag the cache is saved, loaded and read back under: beside the image's own tags, never one of them (pure). */
export function layerCacheTag(localTag: string): string {
  const colon = localTag.lastIndexOf(':');
  const repo = colon > localTag.lastIndexOf('/') ? localTag.slice(0, colon) : localTag;
  return `${repo}:repro-ci-layers`;
}

export interface ImageLayerOptions {
  docker: Docker;
  /** The registry images each image's Dockerfile builds FROM: where its base layers come from. */
  bases: (image: string) => string[];
  store: CacheStore;
  /** The workspace: the staging folder lives under it, so cache versions match on every runner. */
  workdir: string;
  /** Warnings go to `warn` (the cache report keeps them), the rest to `log`. */
  warn: (message: string) => void;
  log: Logger;
}

interface Entry {
  report: LayerImageReport;
  keys: MountKeys;
  tag: string;
  /** The loaded image's id, when the restore brought one. */
  loadedId?: string;
}

export class ImageLayers {
  private readonly entries = new Map<string, Entry>();
  /** One per image, in build order (the cache report shows this array). */
  readonly reports: LayerImageReport[] = [];
  constructor(private readonly o: ImageLayerOptions) {}

  /** The loaded image to read the cache back from, for `--cache-from`. */
  loaded(image: string): string | undefined {
    const e = this.entries.get(image);
    return e?.loadedId ? e.tag : undefined;
  }

  /** Loads each image's entry, whose download (download.ts) began with the run. */
  async restore(images: { key: string; localTag: string; download: LayerDownload }[]): Promise<void> {
    for (const img of images) {
      const { keys, staging } = img.download;
      const e: Entry = {
        keys,
        tag: layerCacheTag(img.localTag),
        report: {
          image: img.key,
          key: keys.key,
          restore: { status: 'miss', bytes: 0, seconds: 0 },
          save: { status: 'skipped', bytes: 0, seconds: 0 },
        },
      };
      this.entries.set(img.key, e);
      this.reports.push(e.report);
      const r = e.report.restore;
      const start = performance.now();
      await this.staged(img.key, staging, r, 'building without it', async () => {
        const got: StoreResult = (await img.download.got) ?? { problem: 'it was never downloaded' };
        img.download.log.replay(this.o.log, (m) => this.o.warn(m));
        if (got.problem) throw new Error(`restore failed (${got.problem})`);
        if (!got.key) return this.o.log.info(`layer cache of ${img.key}: miss (no entry for ${keys.restoreKeys[0]}*).`);
        const archive = path.join(staging.abs, ARCHIVE);
        if (!existsSync(archive)) throw new Error(`the restored entry ${got.key} holds no ${ARCHIVE}`);
        r.bytes = statSync(archive).size;
        const base = path.join(staging.abs, BASE);
        if (existsSync(base)) await this.ensureBase(JSON.parse(readFileSync(base, 'utf8')) as BaseLayers);
        await this.o.docker.load(archive);
        e.loadedId = (await this.o.docker.imageInspect(e.tag))?.id;
        if (!e.loadedId) throw new Error(`docker load did not bring back ${e.tag}`);
        r.matchedKey = got.key;
        r.status = got.key === keys.key ? 'hit' : 'older';
        this.o.log.info(
          `layer cache of ${img.key}: loaded ${e.tag} from ${got.key} (${formatBytes(r.bytes)}); builds read it back with --cache-from.`,
        );
      });
      // The download's own time too, though it ran beside other work (as for the mounts), and the load after it.
      r.seconds = restoreSeconds(await img.download.got, start);
    }
  }

  /** Saves each built image whose content is not what was loaded. */
  async save(built: { key: string; id: string }[]): Promise<void> {
    for (const img of built) {
      const e = this.entries.get(img.key);
      if (!e) continue;
      const s = e.report.save;
      const unchanged = e.loadedId === img.id;
      if (unchanged || e.report.restore.matchedKey === e.keys.key) {
        s.status = unchanged ? 'unchanged' : 'exists';
        s.reason = unchanged
          ? 'the build made the image that was loaded'
          : `${e.keys.key} is taken (entries cannot be replaced)`;
        // Our tag goes; the loaded image with it when the build made another (it has no tag of its own).
        if (e.loadedId) await this.o.docker.removeImages([e.tag]);
        continue;
      }
      const staging = layerStaging(this.o.workdir, img.key);
      rmSync(staging.abs, { recursive: true, force: true });
      await this.staged(img.key, staging, s, 'the next run builds without it', async () => {
        // The tag leaves the loaded image first: that image, which has no other tag, goes with it.
        await this.o.docker.removeImages([e.tag]);
        await this.o.docker.tag(img.id, e.tag);
        try {
          mkdirSync(staging.abs, { recursive: true });
          const archive = path.join(staging.abs, ARCHIVE);
          const whole = path.join(staging.abs, 'whole.tar');
          await this.o.docker.save([e.tag], whole);
          const base = baseOf(await this.o.docker.layers(img.id), await this.candidates(img.key));
          if (base) {
            const drop = readTarFile(whole, (entries, data) => {
              const manifest = entries.find((x) => x.name === 'manifest.json');
              if (!manifest) throw new Error('docker save wrote no manifest.json');
              return baseLayerFiles(JSON.parse(data(manifest).toString('utf8')), base.layers.length);
            });
            copyTarWithout(whole, archive, drop);
            rmSync(whole);
            writeFileSync(path.join(staging.abs, BASE), JSON.stringify(base));
          } else {
            renameSync(whole, archive);
          }
          s.bytes = statSync(archive).size;
          s.reason = base
            ? `without the ${base.layers.length} layers of ${base.ref}`
            : 'the whole image (no FROM image it starts with is here)';
        } finally {
          // Only the tag goes: the image keeps its own.
          await this.o.docker.removeImages([e.tag]);
        }
        const got = await this.o.store.save([staging.rel], e.keys.key);
        if (got.exists) {
          s.status = 'exists';
          s.reason = keyTakenReason(e.keys.key);
          this.o.log.info(`layer cache of ${img.key}: ${s.reason}.`);
          return;
        }
        if (!got.key) throw new Error(`could not save (${got.problem})`);
        s.status = 'saved';
        this.o.log.info(`layer cache of ${img.key}: saved ${e.keys.key} (${formatBytes(s.bytes)}).`);
      });
    }
  }

  /** The FROM images of an image that are in the engine, with their layers. */
  private async candidates(image: string): Promise<BaseLayers[]> {
    const out: BaseLayers[] = [];
    for (const ref of this.o.bases(image)) {
      const layers = await this.o.docker.layers(ref).catch(() => undefined);
      if (layers) out.push({ ref, layers });
    }
    return out;
  }

  /** Makes the entry's base present (pulled when missing) and checks it is the one the entry left out. */
  private async ensureBase(base: BaseLayers): Promise<void> {
    let layers = await this.o.docker.layers(base.ref).catch(() => undefined);
    if (!layers) {
      this.o.log.info(
        `layer cache: pulling the base image ${base.ref} first (the entry leaves its layers out; the build would pull it anyway).`,
      );
      await this.o.docker.pull(base.ref);
      layers = await this.o.docker.layers(base.ref);
    }
    if (layers.length !== base.layers.length || !startsWith(layers, base.layers)) {
      throw new Error(`${base.ref} is not the image the entry was built on (its layers changed since)`);
    }
  }

  /** Runs one restore or save in the image's staging folder; a failure is a warning, and the folder goes. */
  private async staged(
    image: string,
    staging: { abs: string },
    r: { status: string; seconds: number },
    otherwise: string,
    fn: () => Promise<void>,
  ): Promise<void> {
    const start = performance.now();
    try {
      await fn();
    } catch (e) {
      r.status = 'failed';
      this.o.warn(`layer cache of ${image}: ${errorMessage(e)}; ${otherwise}.`);
    } finally {
      rmSync(staging.abs, { recursive: true, force: true });
      r.seconds = (performance.now() - start) / 1000;
    }
  }
}
