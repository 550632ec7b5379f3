/**
 * The run context from the runner's environment and event payload. Pure: env and payload in.
 * Payload strings (branch names, titles) are only ever used as data, never reach a shell.
 */
import type { RunContext } from '../context.js';

interface Payload {
  repository?: { full_name?: string; default_branch?: string; name?: string; description?: string | null; html_url?: string; license?: { spdx_id?: string } | null };
  action?: string;
  release?: { tag_name?: string; prerelease?: boolean };
  head_commit?: { timestamp?: string } | null;
  pull_request?: { number?: number; base?: { ref?: string; sha?: string }; head?: { sha?: string; repo?: { full_name?: string; fork?: boolean } | null } };
}

export function contextFromEnv(env: NodeJS.ProcessEnv, payload: Payload, randomSuffix: string): RunContext {
  const pr = payload.pull_request;
  const repository = env.GITHUB_REPOSITORY || payload.repository?.full_name;
  const headRepo = pr?.head?.repo?.full_name;
  return {
    eventName: env.GITHUB_EVENT_NAME || 'unknown',
    // For pull requests, GITHUB_SHA is the merge commit; the head sha names what the author pushed.
    sha: pr?.head?.sha || env.GITHUB_SHA || '',
    // What the runner checked out (main.ts replaces it with `git rev-parse HEAD` of the workspace).
    ...(pr?.head?.sha && env.GITHUB_SHA && env.GITHUB_SHA !== pr.head.sha ? { built: env.GITHUB_SHA } : {}),
    prBase: pr?.base?.sha,
    // A release runs on refs/tags/<tag_name>; the payload says so when the variable does not.
    ref: env.GITHUB_REF || (payload.release?.tag_name ? `refs/tags/${payload.release.tag_name}` : ''),
    repository,
    defaultBranch: payload.repository?.default_branch,
    isFork: pr !== undefined && (pr.head?.repo === null || (headRepo !== undefined && repository !== undefined && headRepo !== repository) || pr.head?.repo?.fork === true),
    prNumber: pr?.number,
    baseRef: pr ? env.GITHUB_BASE_REF || pr.base?.ref || undefined : undefined,
    action: payload.action,
    prerelease: payload.release?.prerelease,
    commitTime: payload.head_commit?.timestamp,
    repo: payload.repository && { name: payload.repository.name, description: payload.repository.description ?? undefined, htmlUrl: payload.repository.html_url, license: payload.repository.license?.spdx_id },
    runId: `${env.GITHUB_RUN_ID || 'local'}-${env.GITHUB_RUN_ATTEMPT || '1'}-${randomSuffix}`,
  };
}
