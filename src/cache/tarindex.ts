/**
 * Reads the headers of a tar archive (ustar, GNU long names, pax) without its data: how many files, how
 * many bytes, and a fingerprint of the listing (name, type, size, mode, mtime) that does not depend on
 * the order tar walked the folder in. The fingerprint tells whether a cache mount's content changed.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, writeSync } from 'node:fs';

export interface TarIndex {
  /** Regular files (hard links and folders not counted). */
  files: number;
  /** Sum of regular file sizes. */
  bytes: number;
  fingerprint: string;
}

export interface TarEntry {
  name: string;
  type: string;
  size: number;
  mode: number;
  mtime: number;
  /** Where the entry's first header (a pax or long-name header, when it has one) starts. */
  start: number;
  /** Where its data starts, and where the next entry starts. */
  dataAt: number;
  end: number;
}

/** Reads a header block; `read(offset, length)` returns the bytes there (shorter at the end of the archive). */
export function indexTar(read: (offset: number, length: number) => Buffer): TarIndex {
  const entries = listTar(read);
  const files = entries.filter((e) => e.type === '0');
  const lines = entries
    // A folder's mtime changes whenever a tool creates and deletes a temp file in it: not a content change.
    .map(
      (e) =>
        `${e.name.replace(/^\.\//, '').replace(/\/$/, '')}\t${e.type}\t${e.size}\t${e.mode.toString(8)}\t${e.type === '5' ? '' : e.mtime}`,
    )
    .filter((l) => !l.startsWith('.\t') && !l.startsWith('\t'))
    .sort();
  return {
    files: files.length,
    bytes: files.reduce((a, e) => a + e.size, 0),
    fingerprint: createHash('sha256').update(lines.join('\n')).digest('hex'),
  };
}

export function listTar(read: (offset: number, length: number) => Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  let pax: Record<string, string> = {};
  let start = 0;
  for (;;) {
    const h = read(offset, 512);
    // A tar ends with zero blocks; running out before them means the archive was cut short.
    if (h.length < 512)
      throw new Error(`tar archive is truncated (it stops at byte ${offset}, before its end-of-archive blocks)`);
    if (h.every((b) => b === 0)) break;
    if (!checksumOk(h)) throw new Error(`not a tar archive (bad header checksum at byte ${offset})`);
    const size = octal(h.subarray(124, 136));
    const type = String.fromCharCode(h[156] || 0x30);
    const dataAt = offset + 512;
    offset = dataAt + Math.ceil(size / 512) * 512;
    if (type === 'L' || type === 'x' || type === 'g') {
      const data = read(dataAt, size);
      if (data.length < size) throw new Error('tar archive is truncated');
      if (type === 'L') longName = cstring(data);
      else if (type === 'x') pax = parsePax(data);
      continue;
    }
    const prefix = h.subarray(257, 263).toString('latin1').startsWith('ustar') ? cstring(h.subarray(345, 500)) : '';
    const base = cstring(h.subarray(0, 100));
    const name = pax.path ?? longName ?? (prefix ? `${prefix}/${base}` : base);
    entries.push({
      name,
      type,
      size: pax.size ? Number(pax.size) : size,
      mode: octal(h.subarray(100, 108)),
      mtime: pax.mtime ? Math.floor(Number(pax.mtime)) : octal(h.subarray(136, 148)),
      start,
      dataAt,
      end: offset,
    });
    longName = undefined;
    pax = {};
    start = offset;
  }
  return entries;
}

/** Index of a tar file on disk, reading only its headers. */
export function indexTarFile(file: string): TarIndex {
  return withReader(file, indexTar);
}

/** The entries of a tar file on disk, and a way to read one entry's data (small entries: manifests). */
export function readTarFile<T>(file: string, fn: (entries: TarEntry[], data: (e: TarEntry) => Buffer) => T): T {
  return withReader(file, (read) => fn(listTar(read), (e) => read(e.dataAt, e.size)));
}

/** Copies a tar file without the entries named in `drop` (their pax/long-name headers go with them). */
export function copyTarWithout(src: string, dest: string, drop: Set<string>): void {
  const entries = readTarFile(src, (list) => list);
  const inFd = openSync(src, 'r');
  const outFd = openSync(dest, 'w');
  try {
    const buf = Buffer.alloc(1024 * 1024);
    for (const e of entries.filter((x) => !drop.has(x.name))) {
      for (let at = e.start; at < e.end;) {
        const n = readSync(inFd, buf, 0, Math.min(buf.length, e.end - at), at);
        if (n <= 0) throw new Error(`tar archive ${src} is truncated`);
        writeSync(outFd, buf, 0, n);
        at += n;
      }
    }
    writeSync(outFd, Buffer.alloc(1024));
  } finally {
    closeSync(inFd);
    closeSync(outFd);
  }
}

function withReader<T>(file: string, fn: (read: (offset: number, length: number) => Buffer) => T): T {
  const fd = openSync(file, 'r');
  try {
    return fn((offset, length) => {
      const buf = Buffer.alloc(length);
      const n = readSync(fd, buf, 0, length, offset);
      return buf.subarray(0, n);
    });
  } finally {
    closeSync(fd);
  }
}

function cstring(b: Buffer): string {
  const nul = b.indexOf(0);
  return b.subarray(0, nul < 0 ? b.length : nul).toString('utf8');
}

/** Octal number field, or GNU base-256 when the high bit is set (sizes of 8 GiB and more). */
function octal(b: Buffer): number {
  if (b[0] & 0x80) {
    let n = 0;
    for (let i = 1; i < b.length; i++) n = n * 256 + b[i];
    return n;
  }
  const s = b.toString('latin1').replace(/\0.*$/s, '').trim();
  return s ? parseInt(s, 8) : 0;
}

function checksumOk(h: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
  return sum === octal(h.subarray(148, 156));
}

function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    if (space < 0) break;
    const len = Number(data.subarray(pos, space).toString('latin1'));
    if (!len) break;
    const rec = data.subarray(space + 1, pos + len - 1).toString('utf8');
    const eq = rec.indexOf('=');
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    pos += len;
  }
  return out;
}
