/** The build-cache report as table rows and as the `cache` output (pure). */
import { formatBytes } from '../util/bytes.js';
import type { Transport } from './dance.js';
import type { LayerPlan } from './layers.js';

/** The `image` layer cache of one image: restored and saved as an image beside it (image-layers.ts). */
export interface LayerImageReport {
  image: string;
  key: string;
  restore: { status: 'hit' | 'older' | 'miss' | 'failed'; matchedKey?: string; bytes: number; seconds: number };
  save: {
    status: 'saved' | 'unchanged' | 'exists' | 'failed' | 'skipped';
    bytes: number;
    seconds: number;
    reason?: string;
  };
}

export interface MountReport {
  id: string;
  images: string[];
  key: string;
  /** `seconds` is the whole step (download/upload included); `injectSeconds`/`extractSeconds` the helper build alone. */
  restore: {
    status: 'hit' | 'partial' | 'miss' | 'kept' | 'failed' | 'off';
    matchedKey?: string;
    files: number;
    bytes: number;
    seconds: number;
    injectSeconds?: number;
    transport?: Transport;
  };
  save: {
    status: 'saved' | 'unchanged' | 'exists' | 'empty' | 'failed' | 'skipped' | 'off';
    files: number;
    bytes: number;
    archiveBytes?: number;
    seconds: number;
    extractSeconds?: number;
    transport?: Transport;
    reason?: string;
  };
  keyFiles: string[];
}

export interface CacheReport {
  /** `actions` when a cache service keeps mount content between runs, `builder` when only the local BuildKit cache does. */
  backend: 'actions' | 'builder';
  layers: LayerPlan;
  /** The `image` layer cache, per image (that strategy only). */
  layerImages?: LayerImageReport[];
  mounts: MountReport[];
  warnings: string[];
}

type Row = string[];

const RESTORE_TEXT = {
  hit: '✅ hit',
  partial: '🟡 older content',
  miss: '⚪ miss',
  kept: '✅ builder had it',
  failed: '⚠️ failed',
  off: '— local only',
} as const;
const LAYER_RESTORE_TEXT = { hit: '✅ hit', older: '🟡 older image', miss: '⚪ miss', failed: '⚠️ failed' } as const;
const SAVE_TEXT = {
  saved: '✅ saved',
  unchanged: 'unchanged',
  exists: 'key exists',
  empty: 'empty',
  failed: '⚠️ failed',
  skipped: 'skipped',
  off: '—',
} as const;

export function cacheRows(report: CacheReport): { head: Row; rows: Row[] } {
  return {
    head: ['Cache', 'Restore', 'Key', 'Restored', 'Save', 'Saved', 'Time'],
    rows: report.mounts
      .map((m) => [
        m.id,
        RESTORE_TEXT[m.restore.status],
        m.restore.matchedKey ?? m.key,
        m.restore.files > 0 ? `${m.restore.files} files, ${formatBytes(m.restore.bytes)}` : '—',
        SAVE_TEXT[m.save.status],
        m.save.status === 'saved' ? `${m.save.files} files, ${formatBytes(m.save.bytes)}` : '—',
        `${(m.restore.seconds + m.save.seconds).toFixed(1)}s`,
      ])
      .concat(
        (report.layerImages ?? []).map((l) => [
          `layers of ${l.image}`,
          LAYER_RESTORE_TEXT[l.restore.status],
          l.restore.matchedKey ?? l.key,
          l.restore.bytes > 0 ? formatBytes(l.restore.bytes) : '—',
          SAVE_TEXT[l.save.status],
          l.save.status === 'saved' ? formatBytes(l.save.bytes) : '—',
          `${(l.restore.seconds + l.save.seconds).toFixed(1)}s`,
        ]),
      ),
  };
}

/** One line on where cache mount content lives and which layer cache builds use. */
export function cacheSummaryLine(report: CacheReport): string {
  const mounts =
    report.backend === 'actions'
      ? 'cache mounts are kept in the Actions cache'
      : 'cache mounts stay in the local BuildKit cache (no cache service)';
  return `Layer cache: ${report.layers.strategy} (${report.layers.reason}); ${mounts}.`;
}

/** The `cache` action output: the report with times rounded to 0.1 s. */
export function cacheOutput(report: CacheReport | undefined): string {
  if (!report) return '{}';
  const round = (s: number) => Math.round(s * 10) / 10;
  return JSON.stringify({
    ...report,
    mounts: report.mounts.map((m) => ({
      ...m,
      restore: {
        ...m.restore,
        seconds: round(m.restore.seconds),
        ...(m.restore.injectSeconds === undefined ? {} : { injectSeconds: round(m.restore.injectSeconds) }),
      },
      save: {
        ...m.save,
        seconds: round(m.save.seconds),
        ...(m.save.extractSeconds === undefined ? {} : { extractSeconds: round(m.save.extractSeconds) }),
      },
    })),
    ...(report.layerImages
      ? {
          layerImages: report.layerImages.map((l) => ({
            ...l,
            restore: { ...l.restore, seconds: round(l.restore.seconds) },
            save: { ...l.save, seconds: round(l.save.seconds) },
          })),
        }
      : {}),
  });
}
