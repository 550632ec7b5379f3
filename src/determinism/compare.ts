/**
 * Rebuild determinism, the pure half: whether the builder honours SOURCE_DATE_EPOCH, and what two builds
 * of the same sources tell apart. An image id is the digest of the image config, which covers the layer
 * diff ids, env, labels and the created timestamps; the diff ids alone tell "same file content,
 * different metadata" from "different content".
 */

export type DeterminismVerdict = 'identical' | 'metadata-only' | 'content-differs' | 'failed';

export interface FirstDifferentLayer {
  /** 0-based position in RootFS.Layers. */
  index: number;
  original: string;
  rebuilt: string;
  /** The Dockerfile instruction (`RUN /bin/sh -c ...`, `COPY ...`) that made the layer, when history maps onto layers. */
  instruction?: string;
}

export interface ImageDeterminism {
  key: string;
  id: string;
  rebuiltId?: string;
  verdict: DeterminismVerdict;
  layers?: { original: number; rebuilt: number; matching: number; firstDifferent?: FirstDifferentLayer };
  message: string;
}

export interface DeterminismPlan {
  buildkit?: string;
  /** Passed as `--build-arg SOURCE_DATE_EPOCH=` to both builds; absent when the builder cannot use it or no commit time is known. */
  sourceDateEpoch?: number;
  /** Why SOURCE_DATE_EPOCH is not used, in plain words. */
  note?: string;
  /** What was assumed to use it (an unstamped BuildKit taken as current): said, not warned. */
  assumed?: string;
}

export interface DeterminismReport extends DeterminismPlan {
  images: ImageDeterminism[];
  /** No image's content differed (metadata-only differences and failed rebuilds do not count). */
  contentIdentical: boolean;
}

/**
 * BuildKit took SOURCE_DATE_EPOCH as a build arg from v0.11 on; `v0.8+unknown` (dockerd 20.10) did not.
 * `v0.0.0+unknown` is no version at all: Debian builds dockerd 28's BuildKit (v0.25 upstream) without
 * the stamp. Every stamped BuildKit says v0.1 or more, so an unstamped one is taken as current.
 */
export function supportsSourceDateEpoch(buildkit: string | undefined): boolean {
  if (unstampedBuildkit(buildkit)) return true;
  const m = /^v?(\d+)\.(\d+)/.exec(buildkit ?? '');
  return !!m && (Number(m[1]) > 0 || Number(m[2]) >= 11);
}

/** A BuildKit built without its version stamp (`v0.0.0+unknown`). */
export function unstampedBuildkit(buildkit: string | undefined): boolean {
  return /^v?0\.0\.0(\+|$)/.test(buildkit ?? '');
}

/** Seconds since the epoch of an ISO commit time; undefined when absent or unreadable. */
export function epochSeconds(iso: string | undefined): number | undefined {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

export function planDeterminism(buildkit: string | undefined, commitTime: string | undefined): DeterminismPlan {
  if (!supportsSourceDateEpoch(buildkit)) {
    const which = buildkit ? `BuildKit ${shortVersion(buildkit)}` : 'BuildKit of unknown version';
    return {
      buildkit,
      note: `this builder (${which}) does not support SOURCE_DATE_EPOCH; image ids will differ by their timestamps even when the content is identical`,
    };
  }
  const sourceDateEpoch = epochSeconds(commitTime);
  if (sourceDateEpoch === undefined)
    return {
      buildkit,
      note: 'no commit time is known, so SOURCE_DATE_EPOCH is not set; image ids will differ by their timestamps even when the content is identical',
    };
  if (unstampedBuildkit(buildkit))
    return {
      buildkit,
      sourceDateEpoch,
      assumed: `this builder reports no BuildKit version (${buildkit}, built without the version stamp); taken as current, so SOURCE_DATE_EPOCH is set`,
    };
  return { buildkit, sourceDateEpoch };
}

/** `v0.8+unknown` → `v0.8`. */
function shortVersion(v: string): string {
  return /^v?\d+\.\d+(\.\d+)?/.exec(v)?.[0].replace(/^(\d)/, 'v$1') ?? v;
}

/** The build args that both builds get. */
export function determinismBuildArgs(plan: DeterminismPlan | undefined): Record<string, string> {
  return plan?.sourceDateEpoch === undefined ? {} : { SOURCE_DATE_EPOCH: String(plan.sourceDateEpoch) };
}

/**
 * History entries (oldest first, `docker history --no-trunc` reversed) that made a filesystem layer.
 * BuildKit writes `RUN ...`/`COPY ...`/`ADD ...`; the classic builder writes `/bin/sh -c cmd` for RUN and
 * `/bin/sh -c #(nop) ...` for the rest, of which only ADD/COPY make layers. Undefined when the count does
 * not match the layers (WORKDIR sometimes makes one), rather than name the wrong instruction.
 */
export function layerInstructions(historyOldestFirst: string[], layerCount: number): string[] | undefined {
  const makesLayer = (c: string) => {
    const s = c.trim();
    const nop = /^\/bin\/sh -c #\(nop\)\s*(.*)$/.exec(s);
    if (nop) return /^(ADD|COPY)\b/.test(nop[1]);
    if (/^\/bin\/sh -c /.test(s)) return true;
    return /^(RUN|COPY|ADD)\b/.test(s);
  };
  const layers = historyOldestFirst.filter(makesLayer).map((c) =>
    c
      .replace(/^\/bin\/sh -c #\(nop\)\s*/, '')
      .replace(/\s*# buildkit$/, '')
      .trim(),
  );
  return layers.length === layerCount ? layers : undefined;
}

export interface CompareInput {
  key: string;
  id: string;
  rebuiltId: string;
  layers: string[];
  rebuiltLayers: string[];
  /** Instruction per layer of the rebuilt image (layerInstructions), when known. */
  instructions?: string[];
  plan: DeterminismPlan;
}

export function compareImages(c: CompareInput): ImageDeterminism {
  const base = { key: c.key, id: c.id, rebuiltId: c.rebuiltId };
  const n = Math.min(c.layers.length, c.rebuiltLayers.length);
  let matching = 0;
  while (matching < n && c.layers[matching] === c.rebuiltLayers[matching]) matching++;
  const sameLayers = matching === c.layers.length && matching === c.rebuiltLayers.length;
  const layers = { original: c.layers.length, rebuilt: c.rebuiltLayers.length, matching };
  if (c.id === c.rebuiltId)
    return {
      ...base,
      verdict: 'identical',
      layers,
      message: `${c.key}: identical: the rebuild has the same image id ${short(c.id)}`,
    };
  if (sameLayers) {
    const why = c.plan.sourceDateEpoch === undefined ? 'the created timestamps' : 'metadata (the image config)';
    return {
      ...base,
      verdict: 'metadata-only',
      layers,
      message: `${c.key}: same file content (all ${matching} layers match), different image id (${short(c.id)} vs ${short(c.rebuiltId)}): they differ only in ${why}`,
    };
  }
  const index = matching;
  const firstDifferent: FirstDifferentLayer = {
    index,
    original: c.layers[index] ?? '(none)',
    rebuilt: c.rebuiltLayers[index] ?? '(none)',
    ...(c.instructions?.[index] ? { instruction: c.instructions[index] } : {}),
  };
  const where = firstDifferent.instruction ? ` (${truncate(firstDifferent.instruction, 80)})` : '';
  const timestamps = timestampHint(firstDifferent.instruction);
  return {
    ...base,
    verdict: 'content-differs',
    layers: { ...layers, firstDifferent },
    message: `${c.key}: different content: layer ${index + 1} of ${c.rebuiltLayers.length}${where} differs first, ${matching} layer${matching === 1 ? '' : 's'} before it match${timestamps}`,
  };
}

/**
 * File times are part of a layer's diff id. Measured on BuildKit v0.8: a file a RUN writes carries the
 * build time; COPY/ADD keep the source files' times, which a fresh checkout sets anew (and a layer taken
 * from the cache keeps the times of the checkout that first built it).
 */
function timestampHint(instruction: string | undefined): string {
  if (!instruction) return '';
  if (/^(COPY|ADD)\b/.test(instruction))
    return "; COPY and ADD keep the source files' modification times, which differ between checkouts (or between a cached layer and a fresh one)";
  return '; files written during the build carry their build time, which alone changes a layer';
}

export function failedRebuild(key: string, id: string, error: string): ImageDeterminism {
  return { key, id, verdict: 'failed', message: `${key}: the rebuild failed, so determinism is unknown: ${error}` };
}

export function summarizeDeterminism(plan: DeterminismPlan, images: ImageDeterminism[]): DeterminismReport {
  return { ...plan, images, contentIdentical: images.every((i) => i.verdict !== 'content-differs') };
}

/** One line for the log and the summary's heading. */
export function determinismHeadline(r: DeterminismReport): string {
  const count = (v: DeterminismVerdict) => r.images.filter((i) => i.verdict === v).length;
  const parts = [`${count('identical')}/${r.images.length} identical`];
  if (count('metadata-only')) parts.push(`${count('metadata-only')} same content with different metadata`);
  if (count('content-differs')) parts.push(`${count('content-differs')} with different content`);
  if (count('failed')) parts.push(`${count('failed')} rebuild${count('failed') > 1 ? 's' : ''} failed`);
  const sde = r.sourceDateEpoch === undefined ? '' : ` (SOURCE_DATE_EPOCH=${r.sourceDateEpoch})`;
  return `rebuild check: ${parts.join(', ')}${sde}`;
}

function short(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
