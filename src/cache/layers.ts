/**
 * Which layer cache a build uses, pure over what the machine offers. Measured on BuildKit v0.8 (dockerd
 * 20.10, docker driver, buildx 0.13 and the classic client): `--cache-to type=local|registry|gha` fail
 * ("Cache export is not supported for the docker driver"); inline cache metadata (`--cache-to
 * type=inline`, or BUILDKIT_INLINE_CACHE=1 for the classic client) plus `--cache-from` an image in a
 * registry gets hits after the builder was pruned, and so does `--cache-from` an image with that metadata that is
 * only in the engine's image store (moby reads its inline cache locally): after `docker builder prune -af`,
 * removing the image and `docker load`-ing it back, every step was CACHED. So:
 * - `gha`: buildx with a driver that can export caches (not `docker`, or `docker` on the containerd image
 *   store: measured on dockerd 28.5, `--cache-to type=gha|registry|local` work there) and a cache service;
 * - `registry`: an image repository is configured: inline metadata in what we push, `--cache-from` its
 *   branch and default-branch tags (missing tags are skipped by BuildKit);
 * - `image` (asked for, not picked by `auto`: `docker save` writes the whole image after every build that
 *   changed it): the built image, less its base's layers, kept in the Actions cache with docker save/load,
 *   read back with `--cache-from`
 *   (src/cache/image-layers.ts); for the docker driver and the classic client on the overlay2 store, which
 *   build from that store. A builder that can export gets `gha` instead; the containerd store's
 *   `--cache-from IMAGE` asks a registry, so there it falls back;
 * - `builder`: otherwise the builder's own cache, which survives only on a kept (self-hosted) machine.
 */
import type { BuilderKind } from '../docker/argv.js';
import { sanitizeTag } from '../publish/tags.js';

export type LayerStrategy = 'gha' | 'registry' | 'image' | 'builder' | 'none';
export type LayerChoice = 'auto' | LayerStrategy;

export interface LayerPlan {
  strategy: LayerStrategy;
  /** One line for the log and the summary. */
  reason: string;
}

export interface LayerFacts {
  builder: BuilderKind;
  /** buildx driver (`docker`, `docker-container`, `kubernetes`, `remote`); undefined for the classic client. */
  driver?: string;
  /** The engine keeps images in the containerd store: its docker driver can export caches. */
  containerdStore?: boolean;
  cacheService: boolean;
  /** Repository images are pushed to (undefined when none is configured). */
  repository?: string;
}

export function chooseLayerCache(choice: LayerChoice, f: LayerFacts): LayerPlan {
  const canExport = f.builder === 'buildx' && !!f.driver && (f.driver !== 'docker' || !!f.containerdStore);
  const builderName =
    f.builder === 'classic'
      ? 'the classic client'
      : `the buildx ${f.driver ?? 'unknown'} driver${f.driver === 'docker' ? ` on the ${f.containerdStore ? 'containerd' : 'overlay2'} image store` : ''}`;
  if (choice === 'none') return { strategy: 'none', reason: 'layer caching is off (`cache.layers: none`)' };
  if (choice === 'gha' || (choice === 'auto' && canExport && f.cacheService)) {
    if (!canExport)
      return layerFallback(
        f,
        `\`cache.layers: gha\` needs a builder that can export caches, and this one is ${builderName}`,
      );
    if (!f.cacheService)
      return layerFallback(f, '`cache.layers: gha` needs the Actions cache service, and this job has none');
    return { strategy: 'gha', reason: `type=gha through the Actions cache (${builderName})` };
  }
  if (choice === 'image') {
    if (!f.cacheService)
      return layerFallback(f, '`cache.layers: image` needs the Actions cache service, and this job has none');
    // Kept images are for builders that cannot export a cache; one that can keeps it in the same service itself.
    if (canExport)
      return {
        strategy: 'gha',
        reason: `type=gha through the Actions cache: \`cache.layers: image\` is for builders that cannot export a layer cache, and ${builderName} can`,
      };
    // Measured on dockerd 28.5: there `--cache-from IMAGE` looks the image up in a registry, never in the store.
    if (f.containerdStore)
      return layerFallback(
        f,
        `\`cache.layers: image\` reads the kept image back with --cache-from, which the containerd image store looks up in a registry only, and ${builderName} cannot export a cache`,
      );
    return {
      strategy: 'image',
      reason: 'the last built image, kept in the Actions cache (docker save/load) and read back with --cache-from',
    };
  }
  if (choice === 'registry' || (choice === 'auto' && f.repository)) {
    if (!f.repository)
      return {
        strategy: 'builder',
        reason: '`cache.layers: registry` needs `push.image`; using the local BuildKit cache only',
      };
    return { strategy: 'registry', reason: `inline cache in ${f.repository}, read back with --cache-from` };
  }
  return {
    strategy: 'builder',
    reason: f.cacheService
      ? `the local BuildKit cache only: ${builderName} cannot export a layer cache and no push.image is set for an inline cache (\`cache.layers: image\` keeps the built image in the Actions cache instead)`
      : 'the local BuildKit cache only (no cache service here)',
  };
}

/** The plan when the wanted layer cache cannot be had: inline cache in the repository, else the builder's own. */
export function layerFallback(f: Pick<LayerFacts, 'repository'>, why: string): LayerPlan {
  return f.repository
    ? { strategy: 'registry', reason: `${why}; inline cache in ${f.repository} instead` }
    : { strategy: 'builder', reason: `${why}; local BuildKit cache only` };
}

export interface LayerFlags {
  cacheFrom: string[];
  cacheTo: string[];
  buildArgs: Record<string, string>;
}

/**
 * Build flags for one image. `repository` is the image's own repository; `branches` are tried newest first;
 * `loaded` is the image the `image` strategy restored (none on a miss: nothing to read back, but the new
 * image still gets the inline metadata the next run reads).
 */
export function layerFlags(
  plan: LayerPlan,
  f: {
    builder: BuilderKind;
    scope: string;
    repository?: string;
    branches: string[];
    loaded?: string;
    timeoutSeconds?: number;
    service?: string;
  },
): LayerFlags {
  // ignore-error: a cache service that is down or failing must never fail the build (BuildKit's default
  // fails it); timeout: nor hold it up for long when the service hangs. `service`: the service's URL
  // attribute when its requests go through repro-ci's deadline (service-deadline.ts).
  const bounded = `${f.service ? `${f.service},` : ''}ignore-error=true${f.timeoutSeconds ? `,timeout=${f.timeoutSeconds}s` : ''}`;
  if (plan.strategy === 'gha')
    return {
      cacheFrom: [`type=gha,scope=${f.scope},${bounded}`],
      cacheTo: [`type=gha,mode=max,scope=${f.scope},${bounded}`],
      buildArgs: {},
    };
  if (plan.strategy === 'image') return inlineCache(f.builder, f.loaded ? [f.loaded] : []);
  if (plan.strategy === 'registry' && f.repository) {
    const tags = [...new Set(f.branches.map(sanitizeTag).filter(Boolean))];
    return inlineCache(
      f.builder,
      tags.map((t) => `${f.repository}:${t}`),
    );
  }
  return { cacheFrom: [], cacheTo: [], buildArgs: {} };
}

/**
 * Whether the builder's own requests (a `type=gha` import, say) reach this machine's loopback: BuildKit
 * inside a local engine (the docker driver, DOCKER_HOST unset or a unix socket), or a remote driver
 * reached through a unix socket or a loopback address. A docker-container builder has a network of its own.
 */
export function builderOnLoopback(f: {
  builder: BuilderKind;
  driver?: string;
  endpoint?: string;
  dockerHost?: string;
}): boolean {
  const local = (addr: string | undefined) =>
    !addr || addr.startsWith('unix://') || /^tcp:\/\/(127\.[\d.]+|localhost|\[::1\])(:|\/|$)/.test(addr);
  if (f.builder === 'buildx' && f.driver === 'remote') return !!f.endpoint && local(f.endpoint);
  if (f.builder === 'buildx' && f.driver !== 'docker') return false;
  return local(f.dockerHost);
}

/** Inline cache metadata in the built image, and `--cache-from` the given images. */
function inlineCache(builder: BuilderKind, cacheFrom: string[]): LayerFlags {
  // The classic client has no --cache-to; the build arg asks BuildKit for inline metadata there.
  return builder === 'buildx'
    ? { cacheFrom, cacheTo: ['type=inline'], buildArgs: {} }
    : { cacheFrom, cacheTo: [], buildArgs: { BUILDKIT_INLINE_CACHE: '1' } };
}

/**
 * Watches a build's plain progress for layer cache imports and exports that failed. With
 * `ignore-error=true` BuildKit goes on without them (`#5 importing cache manifest from gha:…` then
 * `#5 ERROR: …`), and the build stays green: the run says so in a warning instead.
 */
export class LayerCacheWatch {
  private readonly steps = new Map<string, string>();
  private partial = '';
  readonly faults: string[] = [];
  /** Cache references the registry does not hold yet (a branch's first push): expected, not a fault. */
  readonly misses: string[] = [];

  push(chunk: string): void {
    const lines = (this.partial + chunk).split(/\r?\n/);
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  private line(line: string): void {
    const m = /^#(\d+) (.*)$/.exec(line);
    if (!m) return;
    const [, id, text] = m;
    if (
      /^(importing cache manifest from |exporting to GitHub Actions Cache|exporting cache to |writing cache )/.test(
        text,
      ) &&
      !this.steps.has(id)
    )
      this.steps.set(id, text.trim());
    const error = /^ERROR: (.*)$/.exec(text);
    if (!error || !this.steps.has(id)) return;
    const step = this.steps.get(id)!;
    const miss = /^importing cache manifest from (\S+)$/.exec(step);
    if (miss && /: not found$/.test(error[1])) this.misses.push(miss[1]);
    else this.faults.push(`${step}: ${error[1]}`);
  }
}

/** What the build log's `ERROR: … not found` under `importing cache manifest` means: a first run, not a failure. */
export function layerCacheMissNote(imageKey: string, ref: string): string {
  return `layer cache of ${imageKey}: ${ref} is not in the registry yet (the first push of this tag writes it), so this build starts without it; the "ERROR: … not found" above says only that.`;
}

/** The warning for one fault: the cache named, and that the build went on. */
export function layerCacheFaultWarning(imageKey: string, flags: LayerFlags, fault: string): string {
  const types = [
    ...new Set([...flags.cacheFrom, ...flags.cacheTo].map((c) => /type=(\w+)/.exec(c)?.[1] ?? 'registry')),
  ].join(', ');
  return `layer cache (type=${types}) of ${imageKey}: ${fault}; the build went on without it (the next run builds these layers again).`;
}
