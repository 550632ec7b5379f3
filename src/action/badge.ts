/**
 * The action's badge step: after a run (or a scheduled `verify`), write the badge to `badge-dir` and/or
 * commit it to `badge-branch` through the contents API, and return the README snippet for the summary.
 * Pull requests never move the badge: it describes the default branch's published state.
 */
import type { RunContext } from '../context.js';
import { errorMessage } from '../errors.js';
import { badgeFor, lastVerifiedDate, readmeSnippet, type BadgeOutcome } from '../badge/badge.js';
import { commitBadge, octokitBranchApi, previousBadge, writeBadgeDir, type BranchApi } from '../badge/publish.js';

export interface BadgeTarget {
  branch?: string;
  dir?: string;
  token?: string;
}

export interface BadgeStepOutcome {
  message?: string;
  snippet?: string;
  skipped?: string;
  failed?: string;
}

export function badgeSkipReason(context: RunContext, target: BadgeTarget): string | undefined {
  if (!target.branch && !target.dir) return 'neither badge-branch nor badge-dir is set';
  if (context.prNumber !== undefined || context.eventName.startsWith('pull_request'))
    return 'pull requests do not update the badge';
  if (target.branch && !target.token) return 'no github-token to commit the badge with';
  if (target.branch && !context.repository) return 'GITHUB_REPOSITORY is not set';
  return undefined;
}

export async function publishBadge(
  context: RunContext,
  target: BadgeTarget,
  project: string,
  outcome: BadgeOutcome,
  api: (token: string, repository: string) => BranchApi = octokitBranchApi,
): Promise<BadgeStepOutcome> {
  const skip = badgeSkipReason(context, target);
  if (skip) return { skipped: skip };
  try {
    const branchApi = target.branch ? api(target.token!, context.repository!) : undefined;
    let o = outcome;
    // "not verified since" carries the date of the last badge that said it passed.
    if (o.kind === 'error' && branchApi && !o.lastVerified)
      o = { ...o, lastVerified: lastVerifiedDate(await previousBadge(branchApi, target.branch!, project)) };
    const badge = badgeFor(o);
    if (target.dir) writeBadgeDir(target.dir, project, badge);
    if (branchApi) await commitBadge(branchApi, target.branch!, project, badge);
    const snippet = target.branch ? readmeSnippet(context.repository!, target.branch, project) : undefined;
    return { message: badge.message, snippet };
  } catch (e) {
    const status = (e as { status?: number }).status;
    if (status === 403)
      return {
        failed: `the token cannot write to the badge branch (HTTP 403); give the job \`permissions: contents: write\``,
      };
    return { failed: `could not publish the badge: ${errorMessage(e)}` };
  }
}
