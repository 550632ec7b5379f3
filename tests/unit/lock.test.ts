/** One run at a time per results folder (src/pipeline/lock.ts). */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { LOCK_FILE, lockResults } from '../../src/pipeline/lock.js';

const dir = () => mkdtempSync(path.join(os.tmpdir(), 'repro-ci-lock-'));

test('a second run is refused while the first holds the folder, naming it; after release it may start', () => {
  const d = dir();
  const first = lockResults(d, 'run-1', () => undefined);
  // Another live process holds it (the parent of this test runner stands in for it).
  writeFileSync(
    path.join(d, LOCK_FILE),
    JSON.stringify({ pid: process.ppid, runId: 'run-1', startedAt: '2026-12-02T05:00:00Z' }),
  );
  expect(() => lockResults(d, 'run-2', () => undefined)).toThrow(
    `another repro-ci run (pid ${process.ppid}, run run-1, started 2026-12-02T05:00:00Z) is writing ${d}`,
  );
  // Not ours any more: releasing leaves the other run's lock alone.
  first.release();
  expect(existsSync(path.join(d, LOCK_FILE))).toBe(true);
});

test('a lock left by a run that is gone is taken over, with a note; release removes our own', () => {
  const d = dir();
  writeFileSync(path.join(d, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 12345, runId: 'killed', startedAt: 'x' }));
  const notes: string[] = [];
  const lock = lockResults(d, 'run-3', (m) => notes.push(m));
  expect(notes).toEqual([
    `taking over ${path.join(d, LOCK_FILE)}: the run that held it (pid ${2 ** 22 + 12345}, run killed) is gone.`,
  ]);
  expect(JSON.parse(readFileSync(path.join(d, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, runId: 'run-3' });
  lock.release();
  expect(existsSync(path.join(d, LOCK_FILE))).toBe(false);
});
