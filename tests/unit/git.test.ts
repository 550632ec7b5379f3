/**
 * The git helpers the action asks before its pipeline, against real repositories made here.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { exec } from '../../src/exec/exec.js';
import { gitHeadCommit } from '../../src/exec/git.js';

const repo = (commit: boolean) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-git-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@localhost', ...args], {
      cwd: dir,
      env: { ...process.env, GIT_COMMITTER_DATE: '2026-03-04T05:06:07+02:00' },
    });
  git('init', '-q', '-b', 'main');
  if (commit) {
    writeFileSync(path.join(dir, 'train.py'), 'print(1)\n');
    git('add', '.');
    git('commit', '-qm', 'one');
  }
  return {
    dir,
    git: (...a: string[]) =>
      git(...a)
        .toString()
        .trim(),
  };
};

describe('gitHeadCommit', () => {
  test('the commit checked out and its committer time, in one call', async () => {
    const { dir, git } = repo(true);
    expect(await gitHeadCommit(exec, dir)).toEqual({
      sha: git('rev-parse', 'HEAD'),
      time: '2026-03-04T05:06:07+02:00',
    });
  });

  test('the same where a file of the checkout is called HEAD (git would find the name ambiguous)', async () => {
    const { dir, git } = repo(true);
    writeFileSync(path.join(dir, 'HEAD'), 'not a ref\n');
    expect((await gitHeadCommit(exec, dir))?.sha).toBe(git('rev-parse', 'HEAD'));
  });

  test('nothing before the first commit, and nothing outside a repository', async () => {
    expect(await gitHeadCommit(exec, repo(false).dir)).toBeUndefined();
    expect(await gitHeadCommit(exec, mkdtempSync(path.join(os.tmpdir(), 'repro-ci-nogit-')))).toBeUndefined();
  });
});
