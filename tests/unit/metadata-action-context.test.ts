/**
 * docker/metadata-action's `__tests__/context.test.ts`, re-expressed: its getInputs rows (the `images`
 * lines with a comment, the `sep-*` inputs) through the action's input parsing and repository resolution,
 * and its two getContext cases: the workflow context from the create-branch event's variables, and the git
 * context, here from a real repository (the peer mocks git; the CLI reads it). The facts are in
 * tests/fixtures/metadata-action/context.json, which names the peer's files and commit.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contextFromEnv } from '../../src/action/github-context.js';
import { parseInputs } from '../../src/action/inputs.js';
import { localContext } from '../../src/cli/git-context.js';
import { exec } from '../../src/exec/exec.js';
import { parsePushSettings, pushRepositoriesFor, resolvePublish } from '../../src/publish/settings.js';

interface ContextCases {
  inputs: { id: string; inputs: Record<string, string>; images: string[]; separators: Record<string, string> }[];
  workflow: { id: string; env: Record<string, string>; payload: object; ref: string; sha: string };
  git: { id: string; branch: string; commitDate: string };
}
const CASES = JSON.parse(
  readFileSync(new URL('../fixtures/metadata-action/context.json', import.meta.url), 'utf8'),
) as ContextCases;

describe('metadata-action context.test.ts: getInputs', () => {
  it.each(CASES.inputs.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    // As the runner gives inputs: every one a string, unset ones empty.
    const inputs = parseInputs((name) => c.inputs[name] ?? '');
    expect(inputs.separators).toEqual(c.separators);
    const settings = parsePushSettings(undefined, () => undefined);
    expect(
      pushRepositoriesFor(
        { image: inputs.image, images: inputs.images },
        settings,
        resolvePublish(settings),
        undefined,
      ),
    ).toEqual(c.images);
  });
});

describe('metadata-action context.test.ts: getContext', () => {
  it(CASES.workflow.id, () => {
    const ctx = contextFromEnv(CASES.workflow.env, CASES.workflow.payload as never, 'ctx');
    expect(ctx.ref).toBe(CASES.workflow.ref);
    expect(ctx.sha).toBe(CASES.workflow.sha);
    // A create event carries no commit time: main asks git for it (the peer asks its toolkit), never the clock.
    expect(ctx.commitTime).toBeUndefined();
  });

  it(CASES.git.id, async () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-gitctx-'));
    const date = CASES.git.commitDate;
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: repo,
        env: {
          ...process.env,
          GIT_AUTHOR_DATE: date,
          GIT_COMMITTER_DATE: date,
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@e',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@e',
        },
        encoding: 'utf8',
      }).trim();
    git('init', '--quiet', '--initial-branch', CASES.git.branch);
    writeFileSync(path.join(repo, 'f'), 'x\n');
    git('add', 'f');
    git('commit', '--quiet', '-m', 'test');
    const ctx = await localContext(exec, repo);
    expect(ctx.ref).toBe(`refs/heads/${CASES.git.branch}`);
    expect(ctx.sha).toBe(git('rev-parse', 'HEAD'));
    expect(new Date(ctx.commitTime!).toISOString()).toBe(date);
  });
});
