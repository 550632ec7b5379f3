/** The exec edge's deadline (src/exec/exec.ts): a program past it is stopped, and the result says so. */
import { expect, test } from 'vitest';
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
