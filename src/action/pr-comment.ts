/**
 * Posting the report as a sticky pull request comment through @actions/github (the edge). The logic
 * (find the marked comment, update it or create one) runs over a three-call interface so that tests
 * can drive it against a loopback server standing in for the GitHub API (GITHUB_API_URL).
 */
import { lazyOctokit } from './octokit.js';
import type { RunContext } from '../context.js';
import { errorMessage } from '../errors.js';

export interface CommentApi {
  list(): Promise<{ id: number; body?: string | null }[]>;
  create(body: string): Promise<number>;
  update(id: number, body: string): Promise<void>;
}

export async function upsertComment(
  api: CommentApi,
  marker: string,
  body: string,
): Promise<{ action: 'created' | 'updated'; id: number }> {
  const mine = (await api.list()).find((c) => c.body?.includes(marker));
  if (mine) {
    await api.update(mine.id, body);
    return { action: 'updated', id: mine.id };
  }
  return { action: 'created', id: await api.create(body) };
}

export function octokitCommentApi(token: string, repository: string, issue: number): CommentApi {
  const { api, owner, repo } = lazyOctokit(token, repository);
  return {
    list: async () => {
      const octokit = await api;
      return octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: issue, per_page: 100 });
    },
    create: async (body) =>
      (await (await api).rest.issues.createComment({ owner, repo, issue_number: issue, body })).data.id,
    update: async (id, body) =>
      void (await (await api).rest.issues.updateComment({ owner, repo, comment_id: id, body })),
  };
}

/** Why the comment is not posted on this run, or undefined when it should be. */
export function commentSkipReason(
  context: RunContext,
  token: string | undefined,
  enabled: boolean,
): string | undefined {
  if (!enabled) return 'the `comment` input is false';
  if (context.prNumber === undefined) return 'not a pull request';
  if (context.isFork)
    return 'the pull request comes from a fork, whose token cannot write comments (the report is in the job summary)';
  if (!token) return 'no github-token';
  if (!context.repository) return 'GITHUB_REPOSITORY is not set';
  return undefined;
}

export interface CommentOutcome {
  posted?: 'created' | 'updated';
  /** A notice: the comment was skipped for a reason that is not a fault (forks, read-only tokens). */
  skipped?: string;
  /** A warning: something went wrong; the run still does not fail over a comment. */
  failed?: string;
}

/** Posts or updates the comment; a token that cannot write (403, or 404 on a private repository) is a skip. */
export async function postComment(api: CommentApi, marker: string, body: string): Promise<CommentOutcome> {
  try {
    return { posted: (await upsertComment(api, marker, body)).action };
  } catch (e) {
    const status = (e as { status?: number }).status;
    if (status === 403 || status === 404)
      return {
        skipped: `the token cannot write pull request comments (HTTP ${status}); give the job \`permissions: pull-requests: write\``,
      };
    return { failed: `could not post the pull request comment: ${errorMessage(e)}` };
  }
}

/** The action's step: decide, post, and say what happened (notice on skip, warning on failure). */
export async function commentOnPullRequest(
  context: RunContext,
  opts: { token?: string; enabled: boolean; marker: string; body: string },
  say: { info(m: string): void; notice(m: string): void; warning(m: string): void },
  api: (token: string, repository: string, issue: number) => CommentApi = octokitCommentApi,
): Promise<CommentOutcome> {
  const skip = commentSkipReason(context, opts.token, opts.enabled);
  if (skip) {
    // Only a pull request where the comment was expected deserves a notice.
    if (context.prNumber !== undefined && opts.enabled) say.notice(`PR comment skipped: ${skip}.`);
    return { skipped: skip };
  }
  const outcome = await postComment(api(opts.token!, context.repository!, context.prNumber!), opts.marker, opts.body);
  if (outcome.posted) say.info(`${outcome.posted} the report comment on pull request #${context.prNumber}`);
  if (outcome.skipped) say.notice(`PR comment skipped: ${outcome.skipped}.`);
  if (outcome.failed) say.warning(outcome.failed);
  return outcome;
}
