import { describe, expect, it } from 'vitest';
import {
  commentOnPullRequest,
  commentSkipReason,
  postComment,
  upsertComment,
  type CommentApi,
} from '../../src/action/pr-comment.js';
import type { RunContext } from '../../src/context.js';
import type { PipelineResult } from '../../src/pipeline/result.js';
import { commentMarker, MAX_COMMENT, renderComment } from '../../src/report/comment.js';

/** An in-memory CommentApi that records calls. */
function fakeApi(existing: { id: number; body?: string | null }[] = [], fail?: { status?: number; message: string }) {
  const calls: string[] = [];
  const api: CommentApi = {
    list: async () => {
      calls.push('list');
      return existing;
    },
    create: async (body) => {
      calls.push(`create ${body}`);
      if (fail) throw Object.assign(new Error(fail.message), { status: fail.status });
      return 42;
    },
    update: async (id, body) => {
      calls.push(`update ${id} ${body}`);
      if (fail) throw Object.assign(new Error(fail.message), { status: fail.status });
    },
  };
  return { api, calls };
}

const MARK = commentMarker('mnist');

describe('marker and body', () => {
  it('one hidden marker per project, first in the body', () => {
    expect(MARK).toBe('<!-- repro-ci:report project=mnist -->');
    const result = {
      ok: true,
      resultsDir: '/r',
      stages: [],
      images: [],
      steps: [],
      checks: [],
      push: { push: false, reason: 'x' },
      pushed: [],
      warnings: [],
    } as PipelineResult;
    const body = renderComment(result, 'mnist', 'https://github.com/o/r/actions/runs/1');
    expect(body.split('\n').slice(0, 2)).toEqual([MARK, '## repro-ci: ✅ passed']);
    expect(body.endsWith('\n[Workflow run](https://github.com/o/r/actions/runs/1) · updated for each push.')).toBe(
      true,
    );
  });

  it('stays under GitHub’s comment limit', () => {
    const warnings = Array.from({ length: 2000 }, (_, i) => `warning ${i} ${'x'.repeat(40)}`);
    const result = {
      ok: true,
      resultsDir: '/r',
      stages: [],
      images: [],
      steps: [],
      checks: [],
      push: { push: false, reason: 'x' },
      pushed: [],
      warnings,
    } as PipelineResult;
    const body = renderComment(result, 'mnist');
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT);
    expect(body).toContain('… (cut: the full report is in the job summary)');
  });
});

describe('upsertComment', () => {
  it('creates when no comment has the marker', async () => {
    const { api, calls } = fakeApi([
      { id: 1, body: 'someone else' },
      { id: 2, body: null },
    ]);
    expect(await upsertComment(api, MARK, `${MARK}\nnew`)).toEqual({ action: 'created', id: 42 });
    expect(calls).toEqual(['list', `create ${MARK}\nnew`]);
  });

  it('updates the marked comment in place', async () => {
    const { api, calls } = fakeApi([
      { id: 1, body: 'hi' },
      { id: 7, body: `${MARK}\nold` },
    ]);
    expect(await upsertComment(api, MARK, `${MARK}\nnew`)).toEqual({ action: 'updated', id: 7 });
    expect(calls).toEqual(['list', `update 7 ${MARK}\nnew`]);
  });

  it("does not take another project's comment", async () => {
    const { api, calls } = fakeApi([{ id: 7, body: `${commentMarker('other')}\nold` }]);
    expect((await upsertComment(api, MARK, 'b')).action).toBe('created');
    expect(calls[1]).toBe('create b');
  });
});

describe('postComment', () => {
  it.each([403, 404])('HTTP %i: skipped, not failed', async (status) => {
    const { api } = fakeApi([], { status, message: 'Resource not accessible by integration' });
    expect(await postComment(api, MARK, 'b')).toEqual({
      skipped: `the token cannot write pull request comments (HTTP ${status}); give the job \`permissions: pull-requests: write\``,
    });
  });

  it('other errors: a failure to warn about', async () => {
    const { api } = fakeApi([], { status: 500, message: 'boom' });
    expect(await postComment(api, MARK, 'b')).toEqual({ failed: 'could not post the pull request comment: boom' });
  });
});

describe('when to comment', () => {
  const pr: RunContext = {
    eventName: 'pull_request',
    sha: 'a',
    ref: 'refs/pull/7/merge',
    repository: 'o/r',
    isFork: false,
    prNumber: 7,
    runId: 'x',
  };
  it.each<[string, RunContext, string | undefined, boolean, string | undefined]>([
    ['a pull request', pr, 'tok', true, undefined],
    ['disabled', pr, 'tok', false, 'the `comment` input is false'],
    ['a push', { ...pr, eventName: 'push', prNumber: undefined }, 'tok', true, 'not a pull request'],
    [
      'a fork',
      { ...pr, isFork: true },
      'tok',
      true,
      'the pull request comes from a fork, whose token cannot write comments (the report is in the job summary)',
    ],
    ['no token', pr, undefined, true, 'no github-token'],
    ['no repository', { ...pr, repository: undefined }, 'tok', true, 'GITHUB_REPOSITORY is not set'],
  ])('%s', (_name, context, token, enabled, reason) => {
    expect(commentSkipReason(context, token, enabled)).toBe(reason);
  });

  it('says what happened: info when posted, a notice when skipped, a warning when it failed', async () => {
    const said: string[] = [];
    const say = {
      info: (m: string) => said.push(`info ${m}`),
      notice: (m: string) => said.push(`notice ${m}`),
      warning: (m: string) => said.push(`warning ${m}`),
    };
    await commentOnPullRequest(pr, { token: 't', enabled: true, marker: MARK, body: 'b' }, say, () => fakeApi().api);
    await commentOnPullRequest(
      { ...pr, isFork: true },
      { token: 't', enabled: true, marker: MARK, body: 'b' },
      say,
      () => fakeApi().api,
    );
    await commentOnPullRequest(
      { ...pr, prNumber: undefined },
      { token: 't', enabled: true, marker: MARK, body: 'b' },
      say,
      () => fakeApi().api,
    );
    await commentOnPullRequest(
      pr,
      { token: 't', enabled: true, marker: MARK, body: 'b' },
      say,
      () => fakeApi([], { status: 502, message: 'bad gateway' }).api,
    );
    expect(said).toEqual([
      'info created the report comment on pull request #7',
      'notice PR comment skipped: the pull request comes from a fork, whose token cannot write comments (the report is in the job summary).',
      'warning could not post the pull request comment: bad gateway',
    ]);
  });
});
