/**
 * The GitHub API client, loaded on first use: @actions/github (octokit, undici) is a large part of the
 * bundle, and most runs (every CLI run, an action run without a PR comment or badge) never call it.
 */
import type { getOctokit } from '@actions/github';

export type Octokit = ReturnType<typeof getOctokit>;

/** The client for `repository` (`owner/name`); `api` resolves once the module is loaded. */
export function lazyOctokit(token: string, repository: string): { api: Promise<Octokit>; owner: string; repo: string } {
  const [owner, repo] = repository.split('/');
  return { api: import('@actions/github').then((m) => m.getOctokit(token)), owner, repo };
}
