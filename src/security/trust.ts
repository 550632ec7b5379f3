/**
 * Whose code a run builds, decided from the event (pure). A runner hands secrets to some events whose
 * code can come from a fork: `pull_request_target`, `workflow_run`, `issue_comment` on a pull request.
 * There the code is trusted only when the commit checked out is the event's own (`GITHUB_SHA`, the base
 * repository's); anything else (the fork's head, a merge of it, a commit git cannot name) is untrusted.
 * `pull_request` and its review events from a fork get no secrets from GitHub: untrusted, but run.
 * Untrusted code runs with no credentials, no cache writes and no push (src/main.ts); on a privileged
 * event it runs only when the `allow-untrusted-code` input says so.
 */

export interface TrustPayload {
  pull_request?: { head?: { sha?: string; repo?: { full_name?: string; fork?: boolean } | null } };
  workflow_run?: { event?: string; head_sha?: string; head_repository?: { full_name?: string; fork?: boolean } | null };
  issue?: { pull_request?: object };
}

export interface TrustInput {
  eventName: string;
  payload: TrustPayload;
  /** `owner/name` of the repository the workflow belongs to. */
  repository?: string;
  /** GITHUB_SHA: the commit the event itself names. */
  sha: string;
  /** The commit checked out in the workspace (`git rev-parse HEAD`), undefined when git could not tell. */
  checkedOut?: string;
}

export interface Trust {
  trusted: boolean;
  /** The runner gave this job the workflow's secrets: untrusted code there needs `allow-untrusted-code`. */
  privileged: boolean;
  /** One sentence: why the code is or is not trusted. */
  reason: string;
}

const SANDBOXED_PR_EVENTS = ['pull_request', 'pull_request_review', 'pull_request_review_comment'];

export function decideTrust(t: TrustInput): Trust {
  const fromFork = (repo: { full_name?: string; fork?: boolean } | null | undefined) =>
    repo === null ||
    repo?.fork === true ||
    (repo?.full_name !== undefined && t.repository !== undefined && repo.full_name !== t.repository);
  const pr = t.payload.pull_request;
  if (SANDBOXED_PR_EVENTS.includes(t.eventName)) {
    if (pr && fromFork(pr.head?.repo))
      return {
        trusted: false,
        privileged: false,
        reason: `the pull request comes from the fork ${pr.head?.repo?.full_name ?? '(deleted)'}`,
      };
    return {
      trusted: true,
      privileged: false,
      reason: `${t.eventName} from ${t.repository ?? 'this repository'} itself`,
    };
  }
  let source: string | undefined;
  if (t.eventName === 'pull_request_target' && pr && fromFork(pr.head?.repo))
    source = `a pull request from the fork ${pr.head?.repo?.full_name ?? '(deleted)'}`;
  const wr = t.payload.workflow_run;
  if (t.eventName === 'workflow_run' && wr && fromFork(wr.head_repository))
    source = `a workflow run of the fork ${wr.head_repository?.full_name ?? '(deleted)'}`;
  if (t.eventName === 'issue_comment' && t.payload.issue?.pull_request)
    source = 'a comment on a pull request, whose code may come from a fork';
  if (!source)
    return {
      trusted: true,
      privileged: false,
      reason: `${t.eventName} of ${t.repository ?? 'this repository'}'s own code`,
    };
  const checkedOut = t.checkedOut
    ? `the checked-out commit ${t.checkedOut.slice(0, 12)}`
    : 'a checkout git cannot name';
  if (t.checkedOut && t.sha && t.checkedOut === t.sha)
    return {
      trusted: true,
      privileged: true,
      reason: `${t.eventName} for ${source}, with the base commit ${t.sha.slice(0, 12)} checked out`,
    };
  return {
    trusted: false,
    privileged: true,
    reason: `${t.eventName} for ${source} runs with this repository's secrets, and ${checkedOut} is not the event's own commit ${t.sha.slice(0, 12) || '(none)'}`,
  };
}
