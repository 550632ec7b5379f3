/**
 * One run at a time per results folder. Two runs of one checkout at once (two jobs on one self-hosted
 * runner, a CLI run beside the action) would write the same logs, result.json and record, each truncating
 * the other's. The first takes `run.lock` (created exclusively, holding its pid and run id); the second
 * stops at once and says who holds it. A lock whose process is gone (killed, the machine rebooted) is
 * taken over with a note.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
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
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      writeSync(fd, JSON.stringify(me) + '\n');
      closeSync(fd);
      return { release: () => release(file, runId) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let holder: Holder | undefined;
    try {
      holder = JSON.parse(readFileSync(file, 'utf8')) as Holder;
    } catch {
      /* half-written or unreadable: taken as stale */
    }
    if (holder && holder.pid !== process.pid && alive(holder.pid)) {
      throw new ReproError(
        `another repro-ci run (pid ${holder.pid}, run ${holder.runId}, started ${holder.startedAt}) is writing ${resultsDir}; two runs there at once would mix their logs, results and record.`,
        {
          fix: 'wait for it to end, or give this checkout another results folder (`results:` in repro.yml) or another checkout.',
        },
      );
    }
    note(
      `taking over ${file}: the run that held it (${holder ? `pid ${holder.pid}, run ${holder.runId}` : 'unreadable'}) is gone.`,
    );
    try {
      unlinkSync(file);
    } catch {
      /* another run took it over first: the next attempt says so */
    }
  }
  throw new ReproError(`could not take ${file}.`, { fix: 'remove it if no repro-ci run is writing there.' });
}

function release(file: string, runId: string): void {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as Holder;
    if (holder.runId === runId && holder.pid === process.pid) unlinkSync(file);
  } catch {
    /* gone already */
  }
}
