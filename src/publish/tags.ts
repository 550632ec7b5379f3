/**
 * Image references to push, and whether to push at all. Pure: the run context in, decisions out.
 */
import type { PushWhen } from '../config/config.js';
import { branchOf, tagOf, type RunContext } from '../context.js';

export const SHORT_SHA_LENGTH = 7;

/** A docker tag: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`; anything else becomes `-`. */
export function sanitizeTag(value: string): string {
  const s = value.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[.-]+/, '').slice(0, 128);
  return s.toLowerCase();
}

/**
 * Tags for this run: the short sha, plus the branch, git tag or `pr-N`. Outside git (no sha, no ref)
 * the image gets `latest`, as `docker push` would.
 */
export function computeTags(ctx: RunContext): string[] {
  const tags = ctx.sha ? [`sha-${ctx.sha.slice(0, SHORT_SHA_LENGTH)}`] : [];
  const branch = branchOf(ctx.ref);
  const tag = tagOf(ctx.ref);
  if (ctx.prNumber !== undefined) tags.push(`pr-${ctx.prNumber}`);
  else if (branch) tags.push(sanitizeTag(branch));
  else if (tag) tags.push(sanitizeTag(tag));
  const unique = [...new Set(tags.filter(Boolean))];
  return unique.length > 0 ? unique : ['latest'];
}

export interface PushDecision {
  push: boolean;
  reason: string;
}

/**
 * `auto` pushes for pushes to branches, tags and releases; never for pull requests. No policy pushes
 * from a fork (its code is untrusted and the token is read-only) or after a failed check.
 */
export function decidePush(when: PushWhen, ctx: RunContext, checksPassed: boolean, image: string | undefined): PushDecision {
  if (when === 'never') return { push: false, reason: 'push is set to never' };
  if (!image) return { push: false, reason: 'no image to push to (set `push.image` in repro.yml or the `image` input)' };
  if (!checksPassed) return { push: false, reason: 'a step or check failed, and only images that passed are pushed' };
  if (ctx.isFork) return { push: false, reason: 'this run comes from a fork, and images are never pushed from forks' };
  if (when === 'always') return { push: true, reason: 'push is set to always' };
  if (ctx.eventName === 'pull_request' || ctx.eventName === 'pull_request_target') return { push: false, reason: 'pull requests do not push with push: auto' };
  if (ctx.eventName === 'local') return { push: false, reason: 'local runs push only with --push' };
  if (['push', 'release', 'workflow_dispatch', 'schedule'].includes(ctx.eventName)) return { push: true, reason: `${ctx.eventName} event with push: auto` };
  return { push: false, reason: `${ctx.eventName} events do not push with push: auto` };
}

/** Where image `key` goes: the repository itself for a single image, `repository/key` for several. */
export function repositoryFor(repository: string, key: string, imageCount: number): string {
  return imageCount > 1 ? `${repository}/${key}` : repository;
}

/** Applies the `registry` override: replaces the registry host of `image`, or prefixes it when absent. */
export function withRegistry(image: string, registry: string | undefined): string {
  if (!registry) return image;
  const first = image.split('/')[0];
  const hasHost = image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const rest = hasHost ? image.slice(first.length + 1) : image;
  return `${registry.replace(/\/+$/, '')}/${rest}`;
}
