/**
 * Free-space check before building and running: a full disk makes docker fail in confusing ways
 * (`no space left on device` mid-layer, a truncated checkpoint), so warn up front with the numbers.
 */
import { statfsSync } from 'node:fs';
import { formatBytes } from '../util/bytes.js';

export interface DiskSpace {
  /** What the folder is, for the message: `Docker's data folder`, `the workspace`. */
  label: string;
  path: string;
  freeBytes: number;
  totalBytes: number;
}

/** Below these, a warning: images with CUDA are several GiB, checkpoints and datasets land in the workspace. */
export const MIN_FREE_BYTES = { docker: 10 * 2 ** 30, workspace: 2 * 2 ** 30 } as const;

export function diskWarning(d: DiskSpace, minFreeBytes: number): string | undefined {
  if (d.freeBytes >= minFreeBytes) return undefined;
  return `low disk space: ${d.label} (${d.path}) has ${formatBytes(d.freeBytes)} free of ${formatBytes(d.totalBytes)}, below ${formatBytes(minFreeBytes)}; builds and steps may fail with "no space left on device". Free space with \`docker system prune\` or \`docker builder prune\`, or remove old results.`;
}

/** statfs of a folder; undefined when it cannot be read (a remote engine's folder, no permission). */
export function diskSpace(label: string, path: string): DiskSpace | undefined {
  try {
    const s = statfsSync(path);
    return { label, path, freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
  } catch {
    return undefined;
  }
}
