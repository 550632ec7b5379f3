/** The exec edge's deadline (src/exec/exec.ts): a program past it is stopped, and the result says so. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { ReproError } from '../../src/errors.js';
import { exec } from '../../src/exec/exec.js';

test('a program past its deadline is stopped (SIGINT first) and the result has timedOut', async () => {
  const started = Date.now();
  const res = await exec('sleep', ['30'], { deadlineMs: 300 });
  expect(res.timedOut).toBe(true);
  expect(res.exitCode).not.toBe(0);
  expect(Date.now() - started).toBeLessThan(5000);
});

test('a program that ends in time has no timedOut, and its timer does not outlive it', async () => {
  const res = await exec('sh', ['-c', 'echo done'], { deadlineMs: 60_000 });
  expect(res).toEqual({ exitCode: 0, stdout: 'done\n', stderr: '' });
});

test('a program that ignores SIGINT is killed after the grace time', async () => {
  const started = Date.now();
  const res = await exec('sh', ['-c', 'trap "" INT; sleep 30'], { deadlineMs: 200 });
  expect(res.timedOut).toBe(true);
  expect(Date.now() - started).toBeLessThan(9000);
}, 15_000);

test('a program is found on the PATH the call gets: not a folder or a file that cannot run of that name', async () => {
  const dir = (name: string) => mkdtempSync(path.join(os.tmpdir(), `repro-ci-path-${name}-`));
  const [folder, plain, real] = [dir('folder'), dir('plain'), dir('real')];
  mkdirSync(path.join(folder, 'repro-ci-hello'));
  writeFileSync(path.join(plain, 'repro-ci-hello'), 'echo plain\n', { mode: 0o644 });
  writeFileSync(path.join(real, 'repro-ci-hello'), '#!/bin/sh\necho "hello from $0"\n', { mode: 0o755 });
  const PATH = [folder, plain, real, process.env.PATH].join(path.delimiter);
  const res = await exec('repro-ci-hello', [], { env: { PATH } });
  expect(res.stdout).toBe(`hello from ${path.join(real, 'repro-ci-hello')}\n`);
  // Asked again with a PATH that lacks it: not found, whatever the first call found.
  const err = await exec('repro-ci-hello', [], { env: { PATH: folder } }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ReproError);
  expect((err as ReproError).message).toBe(`"repro-ci-hello" was not found on this machine (PATH=${folder}).`);
});
