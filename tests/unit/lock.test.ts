/** One run at a time per results folder (src/pipeline/lock.ts). */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

test('the lock appears whole: it holds this run from the moment it exists, and no draft is left beside it', () => {
  const d = dir();
  const lock = lockResults(d, 'run-4', () => undefined);
  expect(readdirSync(d)).toEqual([LOCK_FILE]);
  expect(JSON.parse(readFileSync(path.join(d, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, runId: 'run-4' });
  lock.release();
  expect(readdirSync(d)).toEqual([]);
});

// CI saw two runs started together both go on: the second read the first's lock between its creation and
// its content, took the empty file as stale and removed it.
test('a lock found empty is being written by the run that created it: it is read again, not taken over', async () => {
  const d = dir();
  const file = path.join(d, LOCK_FILE);
  writeFileSync(file, '');
  // The creator, a live process, writes its holder 30 ms after this test starts waiting on it.
  const creator = spawn(
    process.execPath,
    [
      '-e',
      `process.stdout.write('ready'); setTimeout(() => require('fs').writeFileSync(${JSON.stringify(file)},
        JSON.stringify({ pid: process.pid, runId: 'starting', startedAt: '2026-12-07T01:00:00Z' })), 30);
       setTimeout(() => {}, 10000);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    await new Promise((resolve) => creator.stdout.once('data', resolve));
    expect(() => lockResults(d, 'run-5', () => undefined)).toThrow(
      `another repro-ci run (pid ${creator.pid}, run starting, started 2026-12-07T01:00:00Z) is writing ${d}`,
    );
  } finally {
    creator.kill();
  }
});

test('a lock that stays empty (its run killed before writing it) is taken over as unreadable', () => {
  const d = dir();
  writeFileSync(path.join(d, LOCK_FILE), '');
  const notes: string[] = [];
  lockResults(d, 'run-6', (m) => notes.push(m)).release();
  expect(notes).toEqual([`taking over ${path.join(d, LOCK_FILE)}: the run that held it (unreadable) is gone.`]);
});
