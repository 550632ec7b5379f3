/** The run context of a local checkout, read from git (nothing required: a folder without git works). */
import { randomBytes } from 'node:crypto';
import type { RunContext } from '../context.js';
import type { Exec } from '../exec/exec.js';
import { gitDirty, gitHeadCommit, gitOutput } from '../exec/git.js';

export async function localContext(exec: Exec, cwd: string): Promise<RunContext> {
  const [head, branch, tag, originHead, dirty] = await Promise.all([
    gitHeadCommit(exec, cwd),
    gitOutput(exec, cwd, ['symbolic-ref', '--quiet', 'HEAD']),
    gitOutput(exec, cwd, ['describe', '--exact-match', '--tags', 'HEAD']),
    // What the clone knows of the remote's default branch (set by `git clone`, or `git remote set-head origin --auto`).
    gitOutput(exec, cwd, ['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD']),
    gitDirty(exec, cwd),
  ]);
  return {
    eventName: 'local',
    sha: head?.sha ?? '',
    // The commit's own time (the `created` label, SOURCE_DATE_EPOCH), as the action reads it: one git call.
    ...(head?.time ? { commitTime: head.time } : {}),
    // On a branch, the branch (as a push to it); on a detached HEAD at a tag, the tag (as a tag push).
    ref: branch ?? (tag ? `refs/tags/${tag}` : ''),
    ...(originHead?.startsWith('refs/remotes/origin/')
      ? { defaultBranch: originHead.slice('refs/remotes/origin/'.length) }
      : {}),
    isFork: false,
    ...(dirty ? { dirty } : {}),
    runId: `local-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`,
  };
}
