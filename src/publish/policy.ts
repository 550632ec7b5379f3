/** Whether a run pushes, and why (logged either way). Pure: the push policy and the run context in. */
import type { PushWhen } from '../config/schema.js';
import { branchOf, tagOf, type RunContext } from '../context.js';

export interface PushDecision {
  push: boolean;
  reason: string;
}

/** Release actions that publish; `created` drafts and `edited`/`deleted` releases push nothing. */
const PUBLISHING_RELEASE_ACTIONS = ['published'];

/**
 * `auto` pushes a push to the default branch (and schedule or workflow_dispatch runs on it), a pushed
 * git tag, and a published release; never a pull request. No policy pushes from a fork (its code is
 * untrusted and the token is read-only) or after a failed check. The reason is logged either way.
 */
export function decidePush(
  when: PushWhen,
  ctx: RunContext,
  checksPassed: boolean,
  image: string | undefined,
): PushDecision {
  if (when === 'never') return { push: false, reason: 'push is set to never' };
  if (!image)
    return { push: false, reason: 'no image to push to (set `push.image` in repro.yml or the `image` input)' };
  if (!checksPassed) return { push: false, reason: 'a step or check failed, and only images that passed are pushed' };
  if (ctx.isFork) return { push: false, reason: 'this run comes from a fork, and images are never pushed from forks' };
  if (ctx.untrusted)
    return { push: false, reason: `the code is untrusted (${ctx.untrusted}), and untrusted code is never pushed` };
  const ev = ctx.eventName;
  if (ev === 'local') return decideLocalPush(ctx);
  if (when === 'always') return { push: true, reason: 'push is set to always' };
  if (ev === 'pull_request' || ev === 'pull_request_target')
    return { push: false, reason: 'pull requests do not push with push: auto' };
  const tag = tagOf(ctx.ref);
  if (ev === 'release') {
    if (ctx.action !== undefined && !PUBLISHING_RELEASE_ACTIONS.includes(ctx.action))
      return { push: false, reason: `release events push when published, and this one is "${ctx.action}"` };
    return { push: true, reason: `release ${tag ?? ctx.ref} published, with push: auto` };
  }
  if (!['push', 'workflow_dispatch', 'schedule'].includes(ev))
    return { push: false, reason: `${ev} events do not push with push: auto` };
  if (tag !== undefined) return { push: true, reason: `${ev} of tag ${tag}, with push: auto` };
  const branch = branchOf(ctx.ref);
  if (branch === undefined)
    return {
      push: false,
      reason: `${ctx.ref || 'no ref'} is neither a branch nor a tag, and push: auto pushes only those`,
    };
  if (ctx.defaultBranch === undefined)
    return {
      push: true,
      reason: `${ev} to branch ${branch} with push: auto (the event gives no default branch to compare with)`,
    };
  if (branch !== ctx.defaultBranch)
    return {
      push: false,
      reason: `branch ${branch} is not the default branch ${ctx.defaultBranch}, and push: auto pushes only the default branch, tags and releases`,
    };
  return { push: true, reason: `${ev} to the default branch ${branch}, with push: auto` };
}

/**
 * A local run pushes only as its command line says: `--push` what a push to the repository would (a tag,
 * or the default branch, origin/HEAD), `--push-any-branch` whatever is checked out.
 */
function decideLocalPush(ctx: RunContext): PushDecision {
  if (!ctx.localPush)
    return { push: false, reason: 'local runs push only with --push (what CI would push) or --push-any-branch' };
  if (ctx.localPush === 'any-branch')
    return {
      push: true,
      reason: `--push-any-branch: pushing ${describeRef(ctx.ref)} as asked (CI would push only the default branch and tags)`,
    };
  // Outside git there is no branch or tag to follow: the image is pushed as `latest` (planPublish).
  if (!ctx.sha && !ctx.ref)
    return { push: true, reason: '--push outside git: no branch or tag rules to follow, pushed as asked' };
  const tag = tagOf(ctx.ref);
  if (tag !== undefined) return { push: true, reason: `--push at tag ${tag}: the tag rules apply as on a tag push` };
  const branch = branchOf(ctx.ref);
  const anyway = 'pass --push-any-branch to push it anyway';
  if (branch === undefined)
    return {
      push: false,
      reason: `--push pushes the default branch and tags, as CI does, and the checkout is on neither (${ctx.ref || 'a detached HEAD'}); ${anyway}`,
    };
  if (ctx.defaultBranch === undefined)
    return {
      push: false,
      reason: `--push pushes the default branch and tags, as CI does, and this clone does not say which branch is the default (no origin/HEAD: \`git remote set-head origin --auto\` sets it); ${anyway}`,
    };
  if (branch !== ctx.defaultBranch)
    return {
      push: false,
      reason: `--push pushes the default branch ${ctx.defaultBranch} and tags, as CI does, and this is branch ${branch}; ${anyway}`,
    };
  return { push: true, reason: `--push on the default branch ${branch}: the tag rules apply as on a push to it` };
}

function describeRef(ref: string): string {
  const tag = tagOf(ref);
  const branch = branchOf(ref);
  return tag !== undefined ? `tag ${tag}` : branch !== undefined ? `branch ${branch}` : ref || 'a detached HEAD';
}
