/**
 * The publish stage: what to tag and label (pure `planPublish`), whether to push (`decidePublish`), and
 * the pushes themselves (`pushImages`: log in, tag, push with retries) through the Docker class.
 */
import type { PushWhen } from '../config/schema.js';
import { dirtyTag, type RunContext } from '../context.js';
import type { Docker } from '../docker/docker.js';
import { PushError } from '../docker/explain.js';
import { errorMessage, ReproError } from '../errors.js';
import type { Logger } from '../log.js';
import type { BuiltImage } from '../docker/docker.js';
import type { LoginCredentials } from './login.js';
import { ociLabels } from './labels.js';
import { withRetries } from './retry.js';
import { DEFAULT_PUSH_TIMEOUT_S, parsePushSettings, resolvePublish, type ResolvedPublish } from './settings.js';
import { DEFAULT_TAG_SPECS, globalVars, planTags, unquotedWarnings } from './tags.js';
import { decidePush, type PushDecision } from './policy.js';
import { repositoryFor } from './naming.js';
import { renderTemplate, templateNames } from './template.js';

/** What one image became in one repository: its tags and the digest the registry answered. */
export interface PushedImage {
  key: string;
  repository: string;
  tags: string[];
  digest: string;
}

export interface PublishPlan {
  tags: string[];
  /** The first tag, also the `org.opencontainers.image.version` label. */
  version?: string;
  labels: Record<string, string>;
  /** OCI annotations for the pushed manifests: the OCI labels' values with the `annotations` input over them. */
  annotations: Record<string, string>;
  warnings: string[];
}

export const DEFAULT_PUBLISH: ResolvedPublish = resolvePublish(parsePushSettings(undefined, () => undefined));

export function planPublish(
  ctx: RunContext,
  publish: ResolvedPublish = DEFAULT_PUBLISH,
  now = new Date(),
): PublishPlan {
  const user = renderLabels(ctx, publish.labels, now);
  const notes = renderLabels(ctx, publish.annotations, now);
  const warnings = [...publish.warnings, ...user.warnings, ...notes.warnings];
  const plan = (tags: string[], version: string | undefined, more: string[] = []): PublishPlan => ({
    tags,
    version,
    labels: ociLabels(ctx, version, user.labels),
    annotations: ociLabels(ctx, version, notes.labels),
    warnings: [...warnings, ...more],
  });
  // Uncommitted edits never get a tag or a version that names the commit (or a release of it).
  if (ctx.dirty) return plan(publish.dirty === 'tag' ? [dirtyTag(ctx)] : [], undefined);
  const t = planTags(ctx, publish.tags, publish.flavor, now);
  // Outside git (a local run in a plain folder: no commit, no ref) the default rules give nothing; the
  // image then gets `latest`, as a bare `docker push` would. Rules the user wrote are taken as written.
  if (t.tags.length === 0 && publish.tags === DEFAULT_TAG_SPECS && !ctx.sha && !ctx.ref) {
    return plan(['latest'], undefined, [
      ...t.warnings,
      'no git commit or ref to tag from: the image is tagged latest.',
    ]);
  }
  return plan(t.tags, t.version, t.warnings);
}

/**
 * User label values with their {{expressions}} rendered, as metadata-action renders its `labels` input
 * (`created={{commit_date 'YYYY-MM-DD'}}`). Labels go on at build time, so `{{date}}` (the wall clock)
 * makes every build a new image id: it is rendered, with a warning.
 */
export function renderLabels(
  ctx: RunContext,
  labels: Record<string, string>,
  now: Date,
): { labels: Record<string, string>; warnings: string[] } {
  const vars = globalVars(ctx, now);
  const warnings: string[] = [];
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) {
    warnings.push(...unquotedWarnings(`label ${key}`, value));
    if (templateNames(value).includes('date'))
      warnings.push(
        `label ${key} uses {{date}}, the time of the build: each build of the same commit gets a new image id (use {{commit_date}}).`,
      );
    out[key] = renderTemplate(value, vars);
  }
  return { labels: out, warnings };
}

/** decidePush, and no push when the tag rules give no tag for this run. */
export function decidePublish(
  when: PushWhen,
  ctx: RunContext,
  checksPassed: boolean,
  image: string | undefined,
  tags: string[],
): PushDecision {
  const d = decidePush(when, ctx, checksPassed, image);
  if (d.push && ctx.dirty && tags.length === 0)
    return {
      push: false,
      reason: `${dirtyWords(ctx)}: uncommitted edits are never pushed under the commit's tags (\`push.dirty: tag\` in repro.yml pushes them as ${dirtyTag(ctx)} only)`,
    };
  if (d.push && ctx.dirty)
    return {
      push: true,
      reason: `${d.reason}; ${dirtyWords(ctx)}, so only as ${tags.join(', ')} (\`push.dirty: tag\`)`,
    };
  if (d.push && tags.length === 0)
    return {
      push: false,
      reason:
        'no tag rule gives a tag for this run (add one that applies, e.g. `type=sha` or `type=raw,value=stable`, to push.tags or the `tags` input)',
    };
  return d;
}

/** `the checkout differs from commit 1a2b3c4 in 2 tracked file(s) (train.py, ...)`. */
export function dirtyWords(ctx: Pick<RunContext, 'sha' | 'dirty'>): string {
  const paths = ctx.dirty?.paths ?? [];
  const list = paths.length > 5 ? `${paths.slice(0, 5).join(', ')}, …` : paths.join(', ');
  return `the checkout differs from commit ${ctx.sha.slice(0, 7) || '(none)'} in ${paths.length} tracked file(s) (${list})`;
}

export interface RegistryLogin {
  /** One account per registry it logs in to (src/publish/login.ts resolveLogins). */
  accounts: LoginCredentials[];
  /** A private DOCKER_CONFIG folder that receives the credentials (removed after the run). */
  dockerConfig: string;
}

export interface PushRequest {
  /** Every image goes to each, under every tag; the first is the main one. */
  repositories: string[];
  imageCount: number;
  tags: string[];
  retries: number;
  /** Longest the push of one tag may take, retries included (default DEFAULT_PUSH_TIMEOUT_S). */
  timeoutMs?: number;
  login?: RegistryLogin;
  retryBaseMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** The client that pulls and pushes: with a login, one on its private DOCKER_CONFIG, logged in to each registry. */
export async function loggedIn(docker: Docker, log: Logger, login: RegistryLogin | undefined): Promise<Docker> {
  if (!login) return docker;
  // Only the logins, pulls and pushes see the private config: builds keep the user's buildx builder settings.
  const pusher = docker.withEnv({ DOCKER_CONFIG: login.dockerConfig });
  // One after another: each `docker login` rewrites the same config.json.
  for (const a of login.accounts) {
    await pusher.login(a.registry, a.username, a.password);
    log.info(`logged in to ${a.registry} as ${a.username} (credentials kept in a temporary DOCKER_CONFIG)`);
  }
  return pusher;
}

/** Logs in (when asked), then tags and pushes every image under every tag, each push with retries. */
export async function pushImages(
  docker: Docker,
  log: Logger,
  images: BuiltImage[],
  req: PushRequest,
): Promise<PushedImage[]> {
  const pusher = await loggedIn(docker, log, req.login);
  const budgetMs = req.timeoutMs ?? DEFAULT_PUSH_TIMEOUT_S * 1000;
  // Images go to their own repositories at once (measured: 2 images x 2 tags, 0.8 s in turn, ~0.45 s at
  // once); within an image the first tag uploads the layers and the others only add a manifest tag.
  // Settled, not raced: a failing push is reported once the others are done, never while they still run.
  const targets = req.repositories.flatMap((repo) =>
    images.map((img) => ({ img, repository: repositoryFor(repo, img.key, req.imageCount) })),
  );
  const results = await Promise.allSettled(
    targets.map(async ({ img, repository }): Promise<PushedImage> => {
      const pushOne = async (tag: string): Promise<string> => {
        const ref = `${repository}:${tag}`;
        await pusher.tag(img.id, ref);
        // One budget for all attempts: a registry failing for ever, or stalling mid-upload, is given up on within it.
        const started = Date.now();
        const attempt = () => pusher.push(ref, Math.max(1000, budgetMs - (Date.now() - started)));
        const digest = await withRetries(`docker push ${ref}`, attempt, (e) => e instanceof PushError && e.transient, {
          retries: req.retries,
          baseDelayMs: req.retryBaseMs,
          budgetMs,
          sleep: req.sleep,
          onRetry: ({ attempt, attempts, delayMs, error }) =>
            log.warning(
              `push of ${ref} failed (attempt ${attempt} of ${attempts}): ${(error as Error).message.split('\n')[0]} Retrying in ${delayMs / 1000}s.`,
            ),
        });
        log.info(`pushed ${ref} (${digest})`);
        return digest;
      };
      const [first, ...rest] = req.tags;
      const digest = await pushOne(first);
      const others = await Promise.allSettled(rest.map(pushOne));
      const done = rest.filter((_, i) => others[i].status === 'fulfilled');
      const digests = others.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      if (digests.some((d) => d !== digest))
        log.warning(
          `the tags of ${repository} got different digests (${[digest, ...digests].join(', ')}): the image changed during the push.`,
        );
      const pushed = { key: img.key, repository, tags: [first, ...done], digest };
      const failedTag = others.find((o) => o.status === 'rejected');
      if (failedTag) throw new PartialPush((failedTag as PromiseRejectedResult).reason, [pushed]);
      return pushed;
    }),
  );
  const pushed = results.flatMap((r) =>
    r.status === 'fulfilled' ? [r.value] : r.reason instanceof PartialPush ? r.reason.pushed : [],
  );
  const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
  warnDifferentDigests(log, pushed);
  if (failed)
    throw new PartialPush(failed.reason instanceof PartialPush ? failed.reason.failure : failed.reason, pushed);
  return pushed;
}

/** The same image is the same manifest in every repository; a registry that answers otherwise changed it. */
function warnDifferentDigests(log: Logger, pushed: PushedImage[]): void {
  for (const key of new Set(pushed.map((p) => p.key))) {
    const of = pushed.filter((p) => p.key === key);
    if (new Set(of.map((p) => p.digest)).size > 1)
      log.warning(
        `image ${key} has different digests in its repositories (${of.map((p) => `${p.repository}@${p.digest}`).join(', ')}): the record names the first.`,
      );
  }
}

/**
 * A push that failed after other pushes of the run reached the registry: `pushed` says exactly which
 * (repository, tags, digest), so the outputs and the summary can name what was published.
 */
export class PartialPush extends ReproError {
  constructor(
    readonly failure: unknown,
    readonly pushed: PushedImage[],
  ) {
    const e = failure instanceof ReproError ? failure : new ReproError(errorMessage(failure));
    const note = pushed.length
      ? `\n  Already in the registry: ${pushed.map((p) => p.tags.map((t) => `${p.repository}:${t}`).join(', ')).join(', ')}.`
      : '';
    super(`${e.message}${note}`, { fix: e.fix, location: e.location, exitCode: e.exitCode, cause: failure });
    this.name = 'PartialPush';
  }
}
