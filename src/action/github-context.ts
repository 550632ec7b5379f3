/**
 * The run context from the runner's environment and event payload. Pure: env and payload in.
 * Payload strings (branch names, titles) are only ever used as data, never reach a shell.
 */
import type { RunContext } from '../context.js';

interface Payload {
  repository?: {
    full_name?: string;
    default_branch?: string;
    name?: string;
    description?: string | null;
    html_url?: string;
    license?: { spdx_id?: string } | null;
  };
  action?: string;
  /** Pull request events: the number (pull_request_target's ref is the base branch, so it comes from here). */
  number?: number;
  /** Tag pushes: the branch the tagged commit was on, when GitHub names it (`refs/heads/main`). */
  base_ref?: string | null;
  release?: { tag_name?: string; prerelease?: boolean };
  head_commit?: { timestamp?: string } | null;
  pull_request?: {
    number?: number;
    base?: { ref?: string; sha?: string };
    head?: { sha?: string; repo?: { full_name?: string; fork?: boolean } | null };
  };
}

export function contextFromEnv(env: NodeJS.ProcessEnv, payload: Payload, randomSuffix: string): RunContext {
  const pr = payload.pull_request;
  const repository = env.GITHUB_REPOSITORY || payload.repository?.full_name;
  const headRepo = pr?.head?.repo?.full_name;
  return {
    eventName: env.GITHUB_EVENT_NAME || 'unknown',
    // For pull requests, GITHUB_SHA is the merge commit; the head sha names what the author pushed.
    sha: pr?.head?.sha || env.GITHUB_SHA || '',
    // What the runner checked out (main.ts replaces it with the workspace's HEAD, from git).
    ...(pr?.head?.sha && env.GITHUB_SHA && env.GITHUB_SHA !== pr.head.sha ? { built: env.GITHUB_SHA } : {}),
    prBase: pr?.base?.sha,
    ref: refOf(env, payload),
    repository,
    defaultBranch: payload.repository?.default_branch,
    isFork:
      pr !== undefined &&
      (pr.head?.repo === null ||
        (headRepo !== undefined && repository !== undefined && headRepo !== repository) ||
        pr.head?.repo?.fork === true),
    prNumber: pr?.number,
    baseRef: pr ? env.GITHUB_BASE_REF || pr.base?.ref || undefined : tagBaseRef(env, payload),
    action: payload.action,
    prerelease: payload.release?.prerelease,
    commitTime: payload.head_commit?.timestamp,
    repo: payload.repository && {
      name: payload.repository.name,
      description: payload.repository.description ?? undefined,
      htmlUrl: payload.repository.html_url,
      license: payload.repository.license?.spdx_id,
    },
    runId: `${env.GITHUB_RUN_ID || 'local'}-${env.GITHUB_RUN_ATTEMPT || '1'}-${randomSuffix}`,
  };
}

/**
 * The ref tags are made from. A release runs on refs/tags/<tag_name>; the payload says so when the
 * variable does not. pull_request_target runs on the base branch's ref, but its image is the pull
 * request's: `refs/pull/<n>/merge`, as metadata-action does, so no branch rule or `{{is_default_branch}}`
 * takes it for the default branch.
 */
function refOf(env: NodeJS.ProcessEnv, payload: Payload): string {
  const pr = payload.number ?? payload.pull_request?.number;
  if (env.GITHUB_EVENT_NAME === 'pull_request_target' && pr !== undefined) return `refs/pull/${pr}/merge`;
  return env.GITHUB_REF || (payload.release?.tag_name ? `refs/tags/${payload.release.tag_name}` : '');
}

/** Tag pushes name the branch of the tagged commit in `base_ref` (metadata-action's `{{base_ref}}`). */
function tagBaseRef(env: NodeJS.ProcessEnv, payload: Payload): string | undefined {
  if (!(env.GITHUB_REF ?? '').startsWith('refs/tags/') || !payload.base_ref) return undefined;
  return payload.base_ref.replace(/^refs\/heads\//, '');
}
