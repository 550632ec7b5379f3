/** git through the exec edge: its trimmed output, or undefined where git is missing or says no. */
import type { Exec } from './exec.js';

export async function gitOutput(exec: Exec, cwd: string, args: string[]): Promise<string | undefined> {
  try {
    const r = await exec('git', args, { cwd });
    return r.exitCode === 0 ? r.stdout.trim() || undefined : undefined;
  } catch {
    return undefined;
  }
}

/** The commit checked out in `cwd`, undefined outside a git checkout. */
export function gitHead(exec: Exec, cwd: string): Promise<string | undefined> {
  return gitOutput(exec, cwd, ['rev-parse', '--verify', '--quiet', 'HEAD']);
}
