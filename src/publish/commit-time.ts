/** The commit's own time, from git (the `created` label when the event payload does not carry it). */
import type { Exec } from '../exec/exec.js';
import { gitOutput } from '../exec/git.js';

export async function gitCommitTime(exec: Exec, cwd: string, sha: string): Promise<string | undefined> {
  if (!/^[0-9a-f]{7,64}$/.test(sha)) return undefined;
  return gitOutput(exec, cwd, ['show', '--no-patch', '--format=%cI', sha]);
}
