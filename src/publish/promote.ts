/**
 * Promotion: a git tag or a release of a commit whose images already passed in an earlier run (the
 * push to the default branch, usually) publishes those very images under the new tags, with no rebuild.
 * So the released image is the one that was checked and can be verified, and the commit's own tag
 * (`sha-<short>`) never moves to a new digest.
 *
 * The earlier image is found by the commit's tag (type=sha's default spelling) and taken only when the
 * record published beside its digest (the `.repro` companion, src/record/fetch.ts) names this commit,
 * was clean and passed. Anything else (no such tag, no record, another commit, a failed run) builds and
 * checks as usual, and the log says why.
 */
import { builtCommit, tagOf, type RunContext } from '../context.js';
import type { Docker } from '../docker/docker.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import type { BuiltImage } from '../pipeline/result.js';
import { digestFor } from '../record/companion.js';
import { fetchRecord } from '../record/fetch.js';
import type { ReproRecord } from '../record/record.js';
import { SHORT_SHA_LENGTH } from './tags.js';
import { repositoryFor } from './naming.js';

/** The commit's tag, as type=sha writes it by default. */
export function commitTag(ctx: Pick<RunContext, 'sha' | 'built'>): string {
  return `sha-${builtCommit(ctx).slice(0, SHORT_SHA_LENGTH)}`;
}

/** Why this run cannot promote (then it builds as usual), or undefined when it may look for images to promote. */
export function whyNotPromote(ctx: RunContext, pushImage: string | undefined): string | undefined {
  if (!pushImage) return 'no image repository is configured';
  if (tagOf(ctx.ref) === undefined) return 'only git tags and releases promote';
  if (ctx.dirty) return 'the checkout differs from its commit';
  if (ctx.untrusted || ctx.isFork) return 'the code is untrusted';
  if (!builtCommit(ctx)) return 'there is no commit';
  return undefined;
}

/** Whether the record says this commit's images passed, clean: undefined when so, else why not. */
export function recordRefuses(record: ReproRecord, commit: string): string | undefined {
  if (record.source.sha !== commit)
    return `its record names commit ${record.source.sha.slice(0, 12) || '(none)'}, not ${commit.slice(0, 12)}`;
  if (record.source.dirty) return 'its record says the checkout was dirty';
  if (!record.passed) return 'its record says the run did not pass';
  return undefined;
}

export interface Promotion {
  /** The earlier images, pulled: they are pushed under this run's tags. */
  images: BuiltImage[];
  /** Their digests in the registry, by image key: the pushes must give the same. */
  digests: Record<string, string>;
  /** The record each came with: the run's own record is this one, not a new one. */
  record: ReproRecord;
}

export interface PromotionRequest {
  repository: string;
  keys: string[];
  context: RunContext;
  /** A client logged in to the registry (pulls of private images). */
  docker: Docker;
  log: Logger;
}

/** The commit's passing images, pulled, or why there are none (the run then builds). */
export async function findPassingImages(req: PromotionRequest): Promise<Promotion | { why: string }> {
  const commit = builtCommit(req.context);
  const tag = commitTag(req.context);
  const images: BuiltImage[] = [];
  const digests: Record<string, string> = {};
  let record: ReproRecord | undefined;
  for (const key of req.keys) {
    const repository = repositoryFor(req.repository, key, req.keys.length);
    const ref = `${repository}:${tag}`;
    try {
      await req.docker.pull(ref);
    } catch (e) {
      return { why: `${ref} could not be pulled (${errorMessage(e).split('\n')[0].replace(/\.$/, '')})` };
    }
    const found = await req.docker.imageInspect(ref);
    const digest = found && digestFor(repository, found.repoDigests);
    if (!found || !digest) return { why: `${ref} has no registry digest in this engine` };
    let fetched: ReproRecord;
    try {
      fetched = (await fetchRecord(req.docker, repository, digest, req.context.runId)).record;
    } catch (e) {
      return { why: `${ref} has no readable record (${errorMessage(e).split('\n')[0]})` };
    }
    const refused = recordRefuses(fetched, commit);
    if (refused) return { why: `${ref}: ${refused}` };
    images.push({ key, id: found.id, localTag: ref });
    digests[key] = digest;
    record ??= fetched;
  }
  return { images, digests, record: record! };
}
