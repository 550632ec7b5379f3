/**
 * Where a run happens: the event and git facts the pipeline decides with (tags, push policy). The
 * action fills it from the runner's environment and event payload, the CLI from the local git checkout.
 */
export interface RunContext {
  /** `push`, `pull_request`, `release`, `schedule`, `workflow_dispatch`, ... or `local` for the CLI. */
  eventName: string;
  /** The commit tags are named after (for pull requests: the head commit, as metadata-action names it). */
  sha: string;
  /**
   * The commit checked out, which is what is built, when it is not `sha`: on a pull request the merge
   * commit (GITHUB_SHA; the head is not even in a depth-1 clone). The record and the `revision` label name it.
   */
  built?: string;
  /** Pull requests: the base commit the merge commit was made on. */
  prBase?: string;
  /** Full ref, e.g. `refs/heads/main`, `refs/tags/v1.2.3`, `refs/pull/7/merge`. */
  ref: string;
  /** `owner/name` when known. */
  repository?: string;
  defaultBranch?: string;
  /** True when the pull request comes from another repository. */
  isFork: boolean;
  /**
   * What a local run was told to push (decidePush): `ci` with `--push`, what CI would (the default branch,
   * tags); `any-branch` with `--push-any-branch`. A local run without either pushes nothing, whatever
   * repro.yml's `push.when` says.
   */
  localPush?: 'ci' | 'any-branch';
  /** Why the code built is untrusted, when it is (src/security/trust.ts): then no credentials, cache writes or push. */
  untrusted?: string;
  prNumber?: number;
  /**
   * Pull requests: the branch they merge into (baseline metrics come from its last successful run).
   * Tag pushes: the branch of the tagged commit, when the payload names it (`{{base_ref}}`).
   */
  baseRef?: string;
  /** Unique id of this run, used in container names and labels. */
  runId: string;
  /** The event's `action` (a release: `published`, `created`, ...). */
  action?: string;
  /** A release marked as pre-release: it never moves `latest`. */
  prerelease?: boolean;
  /** ISO time of the commit when known: the `created` label, so rebuilding a commit gives the same image. */
  commitTime?: string;
  /** Repository facts from the event payload, for the OCI labels. */
  repo?: { name?: string; description?: string; htmlUrl?: string; license?: string };
  /** Tracked files that differ from `sha` in the checkout (src/exec/git.ts): what is built is not the commit. */
  dirty?: DirtyTree;
}

/**
 * A checkout whose tracked files differ from its commit (staged or not). Untracked files (a data pull by
 * an earlier workflow step, say) do not count: .dockerignore decides whether they reach a build.
 */
export interface DirtyTree {
  /** Changed paths, relative to the repository root, sorted. */
  paths: string[];
  /** sha256 of `git diff --binary HEAD`: names the edits, so two builds of the same edits can be told apart from others. */
  diffSha256: string;
}

/** The commit that was built: `built` where the event names another one in `sha`. */
export function builtCommit(ctx: Pick<RunContext, 'sha' | 'built'>): string {
  return ctx.built || ctx.sha;
}

/** Why a run has no commit time (then no `created` label), for the record and the log. */
export function commitTimeUnknown(ctx: Pick<RunContext, 'sha' | 'built'>): string {
  const sha = builtCommit(ctx);
  return sha
    ? `git could not read the time of commit ${sha.slice(0, 12)} in this checkout`
    : 'no git commit: the run was not in a git checkout';
}

/** The tag a dirty tree is pushed under when `push.dirty: tag` allows it: never one a commit could have. */
export function dirtyTag(ctx: Pick<RunContext, 'sha' | 'dirty'>): string {
  return `dirty-${ctx.sha.slice(0, 7) || 'nogit'}-${ctx.dirty?.diffSha256.slice(0, 12) ?? ''}`;
}

export function branchOf(ref: string): string | undefined {
  return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
}

export function tagOf(ref: string): string | undefined {
  return ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined;
}
