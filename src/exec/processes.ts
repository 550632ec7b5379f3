/**
 * Processes found by a variable in their environment, and stopped as Ctrl-C would stop them. The exec
 * edge runs programs through @actions/exec, which gives no handle on the child, so a call that must be
 * cut short (a push past its deadline) and the post step (a run killed mid-build) find theirs this way.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Processes of this machine whose environment holds `NAME=value` (Linux: /proc; elsewhere none are found). */
export function processesWithEnv(marker: string, proc = '/proc'): number[] {
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync(proc).filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  for (const e of entries) {
    const pid = Number(e);
    if (pid === process.pid) continue;
    try {
      if (readFileSync(`${proc}/${e}/environ`, 'latin1').split('\0').includes(marker)) pids.push(pid);
    } catch {
      /* gone, or not ours to read */
    }
  }
  return pids;
}

/**
 * Stops them as Ctrl-C would (buildx cancels its build on SIGINT, docker push its upload), then SIGKILL
 * whatever is left after `graceMs`. Returns how many there were.
 */
export async function stopProcesses(
  pids: number[],
  graceMs = 10_000,
  wait = (ms: number) => new Promise((r) => setTimeout(r, ms)),
): Promise<number> {
  const signal = (pid: number, s: NodeJS.Signals | 0) => {
    try {
      process.kill(pid, s);
      return true;
    } catch {
      return false;
    }
  };
  const live = pids.filter((p) => signal(p, 'SIGINT'));
  for (let waited = 0; waited < graceMs && live.some((p) => signal(p, 0)); waited += 250) await wait(250);
  for (const p of live) signal(p, 'SIGKILL');
  return live.length;
}
