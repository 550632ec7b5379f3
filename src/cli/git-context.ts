/** The run context of a local checkout, read from git (nothing required: a folder without git works). */
import { randomBytes } from 'node:crypto';
import type { RunContext } from '../context.js';
import type { Exec } from '../exec/exec.js';
import { gitDirty, gitHead, gitOutput } from '../exec/git.js';

export async function localContext(exec: Exec, cwd: string): Promise<RunContext> {
  const [sha, branch, dirty] = await Promise.all([gitHead(exec, cwd), gitOutput(exec, cwd, ['symbolic-ref', '--quiet', 'HEAD']), gitDirty(exec, cwd)]);
  return {
    eventName: 'local',
    sha: sha ?? '',
    ref: branch ?? '',
    isFork: false,
    ...(dirty ? { dirty } : {}),
    runId: `local-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`,
  };
}
