/** git through the exec edge: its trimmed output, or undefined where git is missing or says no. */
import { createHash } from 'node:crypto';
import type { DirtyTree } from '../context.js';
import type { Exec } from './exec.js';

export async function gitOutput(exec: Exec, cwd: string, args: string[]): Promise<string | undefined> {
  try {
    const r = await exec('git', args, { cwd });
    return r.exitCode === 0 ? r.stdout.trim() || undefined : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The commit checked out in `cwd` and its committer time (ISO 8601) in one call; undefined outside a git
 * checkout or before its first commit. `--`: a file of the checkout called HEAD would make the name ambiguous.
 */
export async function gitHeadCommit(exec: Exec, cwd: string): Promise<{ sha: string; time?: string } | undefined> {
  const args = ['-c', 'log.showSignature=false', 'show', '--no-patch', '--format=%H%n%cI', 'HEAD', '--'];
  const [sha, time] = (await gitOutput(exec, cwd, args))?.split('\n') ?? [];
  return sha && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha) ? { sha, time: time || undefined } : undefined;
}

/** Tracked files of the checkout in `cwd` that differ from HEAD; undefined when clean or outside git. */
export async function gitDirty(exec: Exec, cwd: string): Promise<DirtyTree | undefined> {
  let status: string;
  try {
    const r = await exec('git', ['status', '--porcelain=v1', '--untracked-files=no', '--no-renames'], { cwd });
    if (r.exitCode !== 0 || !r.stdout.trim()) return undefined;
    status = r.stdout;
  } catch {
    return undefined;
  }
  // `XY path`, the path quoted by git when it holds odd characters.
  const paths = [
    ...new Set(
      status
        .split('\n')
        .map((l) => l.slice(3).trim())
        .filter(Boolean),
    ),
  ].sort();
  const diff = (await gitOutput(exec, cwd, ['diff', '--binary', '--no-color', '--no-ext-diff', 'HEAD'])) ?? '';
  return { paths, diffSha256: createHash('sha256').update(diff).digest('hex') };
}
