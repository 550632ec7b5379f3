/**
 * One run at a time per results folder. Two runs of one checkout at once (two jobs on one self-hosted
 * runner, a CLI run beside the action) would write the same logs, result.json and record, each truncating
 * the other's. The first takes `run.lock` (created exclusively, holding its pid and run id); the second
 * stops at once and says who holds it. A lock whose process is gone (killed, the machine rebooted) is
 * taken over with a note.
 *
 * The lock appears whole: it is written beside its name and hard-linked into place, so a run that finds it
 * never reads it half-written (an empty lock read as stale let two runs started together both go on).
 */
import { closeSync, linkSync, openSync, readFileSync, rmSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { ReproError } from '../errors.js';

export const LOCK_FILE = 'run.lock';

interface Holder {
  pid: number;
  runId: string;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the results folder's lock for this run; `release` gives it back (only if it is still ours). */
export function lockResults(resultsDir: string, runId: string, note: (msg: string) => void): { release: () => void } {
  const file = path.join(resultsDir, LOCK_FILE);
  const me: Holder = { pid: process.pid, runId, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (create(file, JSON.stringify(me) + '\n')) return { release: () => release(file, runId) };
    const seen = readHolder(file);
    if (seen === 'gone') continue;
    const { holder, text } = seen;
    if (holder && holder.pid !== process.pid && alive(holder.pid)) {
      throw new ReproError(
        `another repro-ci run (pid ${holder.pid}, run ${holder.runId}, started ${holder.startedAt}) is writing ${resultsDir}; two runs there at once would mix their logs, results and record.`,
        {
          fix: 'wait for it to end, or give this checkout another results folder (`results:` in repro.yml) or another checkout.',
        },
      );
    }
    // Another run may have taken it over since it was read: only the lock judged stale is removed.
    if (readText(file) !== text) continue;
    note(
      `taking over ${file}: the run that held it (${holder ? `pid ${holder.pid}, run ${holder.runId}` : 'unreadable'}) is gone.`,
    );
    rmSync(file, { force: true });
  }
  throw new ReproError(`could not take ${file}.`, { fix: 'remove it if no repro-ci run is writing there.' });
}

/** Whether `file` was created holding `text`; false when it exists already. */
function create(file: string, text: string): boolean {
  const draft = `${file}.${process.pid}.${Date.now()}`;
  try {
    writeFileSync(draft, text, { mode: 0o644, flag: 'wx' });
    linkSync(draft, file);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (!NO_HARD_LINKS.has(code ?? '')) throw e;
  } finally {
    rmSync(draft, { force: true });
  }
  // A folder without hard links (some network and FUSE mounts): created empty, then written.
  try {
    const fd = openSync(file, 'wx', 0o644);
    writeSync(fd, text);
    closeSync(fd);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The lock's holder. An unreadable lock is read again for a second (one created empty, where hard links
 * are missing, is being written); then it is taken as left by a run killed before it wrote it.
 */
function readHolder(file: string): { holder?: Holder; text: string } | 'gone' {
  for (let look = 0; ; look++) {
    const text = readText(file);
    if (text === undefined) return 'gone';
    try {
      return { holder: JSON.parse(text) as Holder, text };
    } catch {
      if (look === 20) return { text };
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
}

function release(file: string, runId: string): void {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as Holder;
    if (holder.runId === runId && holder.pid === process.pid) unlinkSync(file);
  } catch {
    /* gone already */
  }
}
