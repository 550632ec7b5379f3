/**
 * Paths from repro.yml, resolved with their links. A lexical check (`data/../..`) is not enough: a link
 * committed in the repository, or made by a step, can point anywhere (`data -> /`, `m.json ->
 * ~/.docker/config.json`, `sock -> /var/run/docker.sock`). Every path is resolved with `realpath` and
 * refused when it leaves the project or names a socket or a device, when repro.yml is loaded and again
 * just before it is used. Files repro-ci reads from steps' folders are opened without following a link;
 * files it writes replace whatever a step left under that name instead of writing through it.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readSync,
  realpathSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { ReproError, type SourceLocation } from '../errors.js';

/** True when `p`, taken as written, leaves `root` (`..`, another absolute path). */
export function escapesLexically(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
}

/** `p` with every link resolved; for a path that does not exist yet, its nearest existing folder's. */
export function realPath(p: string): string {
  const missing: string[] = [];
  let cur = path.resolve(p);
  for (;;) {
    try {
      return path.join(realpathSync(cur), ...missing.reverse());
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && (e as NodeJS.ErrnoException).code !== 'ENOTDIR') throw e;
      const parent = path.dirname(cur);
      if (parent === cur) return path.resolve(p);
      missing.push(path.basename(cur));
      cur = parent;
    }
  }
}

/** Why `p` may not be used, or undefined: it leaves `root` once its links are resolved, or is a socket or a device. */
export function unsafePath(root: string, p: string): string | undefined {
  if (escapesLexically(root, p)) return `it is outside the project folder ${root}`;
  const real = realPath(p);
  const realRoot = realPath(root);
  if (escapesLexically(realRoot, real)) return `it leads through a link to ${real}, outside the project folder`;
  let st;
  try {
    st = statSync(real);
  } catch {
    return undefined;
  }
  if (st.isSocket()) return "it is a socket (the Docker engine's, say), which no step may reach";
  if (st.isBlockDevice() || st.isCharacterDevice() || st.isFIFO())
    return 'it is a device or a pipe, not a file or folder';
  return undefined;
}

/**
 * The resolved path of `p`, checked just before use; a ReproError naming `what` and `where` otherwise.
 * Callers pass the result on (to docker, say), so a link swapped in later is not followed.
 */
export function safePath(root: string, p: string, what: string, where?: SourceLocation): string {
  const why = unsafePath(root, p);
  if (why) {
    throw new ReproError(`${what} ${path.relative(root, p) || p} cannot be used: ${why}.`, {
      location: where,
      fix: 'keep data, models and results in real folders inside the project (paths are relative to repro.yml); copy data in instead of linking to it.',
    });
  }
  return realPath(p);
}

/** Creates folder `dir` (inside `root`, checked with its links) and returns its real path. */
export function makeSafeDir(root: string, dir: string, what: string, where?: SourceLocation): string {
  const real = safePath(root, dir, what, where);
  mkdirSync(real, { recursive: true });
  return safePath(root, real, what, where);
}

/**
 * The folder a path is checked against: the project, for everything repro.yml names (its loader refuses
 * paths outside). A config made in code may put a path elsewhere on purpose (`repro-ci verify` runs a
 * recorded config from a temp folder, with inputs from the user's workspace): such a path is checked
 * against its own parent, so it still cannot be a link out.
 */
export function anchorOf(root: string, p: string): string {
  return escapesLexically(root, p) ? path.dirname(p) : root;
}

/** The results folder (or `dir` below it), made and checked. */
export function makeResultsDir(root: string, results: string, dir = results): string {
  return makeSafeDir(anchorOf(root, results), dir, 'the results folder');
}

/**
 * Reads a file a step may have written, without following a link at its last component (the folders
 * above it are checked by `safePath`), and no more than `maxBytes`.
 */
export function readFileNoFollow(file: string, maxBytes: number, what: string, where?: SourceLocation): string {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP')
      throw new ReproError(`${what} ${file} is a link; repro-ci reads only files the steps wrote themselves.`, {
        location: where,
        fix: 'write the file itself, not a link to it.',
      });
    throw e;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile())
      throw new ReproError(`${what} ${file} is not a regular file.`, {
        location: where,
        fix: 'write a plain file there.',
      });
    if (st.size > maxBytes)
      throw new ReproError(`${what} ${file} is ${st.size} bytes, more than the ${maxBytes} repro-ci reads.`, {
        location: where,
        fix: 'write only the metrics there (a few numbers), and keep large outputs in their own files.',
      });
    const buf = Buffer.alloc(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, buf, got, st.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Writes `file`, replacing whatever is there (a link a step planted included) instead of writing through it. */
export function writeFileFresh(file: string, data: string | Buffer): void {
  try {
    const st = lstatSync(file);
    if (!st.isDirectory()) unlinkSync(file);
  } catch {
    /* nothing there */
  }
  writeFileSync(file, data, { flag: 'wx' });
}
