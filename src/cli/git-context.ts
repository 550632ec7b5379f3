/** The run context of a local checkout, read from git (nothing required: a folder without git works). */
import { randomBytes } from 'node:crypto';
import type { RunContext } from '../context.js';
import type { Exec } from '../exec/exec.js';

export async function localContext(exec: Exec, cwd: string): Promise<RunContext> {
  const git = async (...args: string[]) => {
    try {
      const r = await exec('git', args, { cwd });
      return r.exitCode === 0 ? r.stdout.trim() : undefined;
    } catch {
      return undefined;
    }
  };
  const [sha, branch] = await Promise.all([git('rev-parse', 'HEAD'), git('symbolic-ref', '--quiet', 'HEAD')]);
  return {
    eventName: 'local',
    sha: sha ?? '',
    ref: branch ?? '',
    isFork: false,
    runId: `local-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`,
  };
}
