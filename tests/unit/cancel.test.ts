/** Finding and stopping what a killed run left running (src/pipeline/cancel.ts). */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { stopProcesses } from '../../src/exec/processes.js';
import { processesOfRun, RUN_ENV } from '../../src/pipeline/cancel.js';

test("the run's processes are found by the variable in their environment, and no others", () => {
  const proc = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-proc-'));
  const add = (pid: number, env: string[]) => {
    mkdirSync(path.join(proc, String(pid)));
    writeFileSync(path.join(proc, String(pid), 'environ'), env.join('\0') + '\0');
  };
  add(101, ['PATH=/bin', `${RUN_ENV}=r-1`]);
  add(102, ['PATH=/bin', `${RUN_ENV}=r-10`]);
  add(103, ['PATH=/bin']);
  mkdirSync(path.join(proc, 'self'));
  expect(processesOfRun('r-1', proc)).toEqual([101]);
  expect(processesOfRun('r-1', path.join(proc, 'absent'))).toEqual([]);
});

test('a process of the run is stopped (SIGINT first), and the count says so', async () => {
  const child = spawn('sleep', ['30'], { env: { ...process.env, [RUN_ENV]: 'r-2' } });
  await new Promise((r) => child.once('spawn', r));
  const exited = new Promise((r) => child.once('exit', (_code, signal) => r(signal)));
  expect(processesOfRun('r-2')).toEqual([child.pid]);
  expect(await stopProcesses([child.pid!], 2000)).toBe(1);
  expect(await exited).toBe('SIGINT');
  expect(await stopProcesses([child.pid!], 100)).toBe(0);
});
