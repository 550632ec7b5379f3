/**
 * The run context from the runner's environment and event payload. Pure: env and payload in.
 * Payload strings (branch names, titles) are only ever used as data, never reach a shell.
 */
import type { RunContext } from '../context.js';

interface Payload {
  repository?: { full_name?: string; default_branch?: string };
  pull_request?: { number?: number; base?: { ref?: string }; head?: { sha?: string; repo?: { full_name?: string; fork?: boolean } | null } };
}

export function contextFromEnv(env: NodeJS.ProcessEnv, payload: Payload, randomSuffix: string): RunContext {
  const pr = payload.pull_request;
  const repository = env.GITHUB_REPOSITORY || payload.repository?.full_name;
  const headRepo = pr?.head?.repo?.full_name;
  return {
    eventName: env.GITHUB_EVENT_NAME || 'unknown',
    // For pull requests, GITHUB_SHA is the merge commit; the head sha names what the author pushed.
    sha: pr?.head?.sha || env.GITHUB_SHA || '',
    ref: env.GITHUB_REF || '',
    repository,
    defaultBranch: payload.repository?.default_branch,
    isFork: pr !== undefined && (pr.head?.repo === null || (headRepo !== undefined && repository !== undefined && headRepo !== repository) || pr.head?.repo?.fork === true),
    prNumber: pr?.number,
    baseRef: pr ? env.GITHUB_BASE_REF || pr.base?.ref || undefined : undefined,
    runId: `${env.GITHUB_RUN_ID || 'local'}-${env.GITHUB_RUN_ATTEMPT || '1'}-${randomSuffix}`,
  };
}
