/**
 * Which layer cache a build uses, pure over what the machine offers. Measured on BuildKit v0.8 (dockerd
 * 20.10, docker driver, buildx 0.13 and the classic client): `--cache-to type=local|registry|gha` fail
 * ("Cache export is not supported for the docker driver"); inline cache metadata (`--cache-to
 * type=inline`, or BUILDKIT_INLINE_CACHE=1 for the classic client) plus `--cache-from` an image in a
 * registry gets hits after the builder was pruned, and so does `--cache-from` an image with that metadata that is
 * only in the engine's image store (moby reads its inline cache locally): after `docker builder prune -af`,
 * removing the image and `docker load`-ing it back, every step was CACHED. So:
 * - `gha`: buildx with a driver that can export caches (not `docker`) and a cache service;
 * - `registry`: an image repository is configured: inline metadata in what we push, `--cache-from` its
 *   branch and default-branch tags (missing tags are skipped by BuildKit);
 * - `image` (asked for, not picked by `auto`: `docker save` writes the whole image after every build that
 *   changed it): the built image, less its base's layers, kept in the Actions cache with docker save/load,
 *   read back with `--cache-from`
 *   (src/cache/image-layers.ts); for the docker driver and the classic client, which build from that store;
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
  cacheService: boolean;
  /** Repository images are pushed to (undefined when none is configured). */
  repository?: string;
}

export function chooseLayerCache(choice: LayerChoice, f: LayerFacts): LayerPlan {
  const canExport = f.builder === 'buildx' && !!f.driver && f.driver !== 'docker';
  if (choice === 'none') return { strategy: 'none', reason: 'layer caching is off (`cache.layers: none`)' };
  if (choice === 'gha' || (choice === 'auto' && canExport && f.cacheService)) {
    if (!canExport) return fallback(f, `\`cache.layers: gha\` needs a buildx builder that can export caches; this one uses the ${f.driver ?? 'classic'} driver`);
    if (!f.cacheService) return fallback(f, '`cache.layers: gha` needs the Actions cache service, and this job has none');
    return { strategy: 'gha', reason: `type=gha through the Actions cache (buildx driver ${f.driver})` };
  }
  if (choice === 'image') {
    if (!f.cacheService) return fallback(f, '`cache.layers: image` needs the Actions cache service, and this job has none');
    if (f.builder === 'buildx' && f.driver !== 'docker') return fallback(f, `\`cache.layers: image\` needs a builder that builds from the engine's image store (the docker driver), and this one uses the ${f.driver ?? 'unknown'} driver (\`gha\` fits it)`);
    return { strategy: 'image', reason: 'the last built image, kept in the Actions cache (docker save/load) and read back with --cache-from' };
  }
  if (choice === 'registry' || (choice === 'auto' && f.repository)) {
    if (!f.repository) return { strategy: 'builder', reason: '`cache.layers: registry` needs `push.image`; using the local BuildKit cache only' };
    return { strategy: 'registry', reason: `inline cache in ${f.repository}, read back with --cache-from` };
  }
  return {
    strategy: 'builder',
    reason: f.cacheService
      ? `the local BuildKit cache only: the ${f.driver ?? 'classic'} driver cannot export a layer cache and no push.image is set for an inline cache (\`cache.layers: image\` keeps the built image in the Actions cache instead)`
      : 'the local BuildKit cache only (no cache service here)',
  };
}

function fallback(f: LayerFacts, why: string): LayerPlan {
  return f.repository ? { strategy: 'registry', reason: `${why}; inline cache in ${f.repository} instead` } : { strategy: 'builder', reason: `${why}; local BuildKit cache only` };
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
export function layerFlags(plan: LayerPlan, f: { builder: BuilderKind; scope: string; repository?: string; branches: string[]; loaded?: string }): LayerFlags {
  if (plan.strategy === 'gha') return { cacheFrom: [`type=gha,scope=${f.scope}`], cacheTo: [`type=gha,mode=max,scope=${f.scope}`], buildArgs: {} };
  if (plan.strategy === 'image') return inlineCache(f.builder, f.loaded ? [f.loaded] : []);
  if (plan.strategy === 'registry' && f.repository) {
    const tags = [...new Set(f.branches.map(sanitizeTag).filter(Boolean))];
    return inlineCache(f.builder, tags.map((t) => `${f.repository}:${t}`));
  }
  return { cacheFrom: [], cacheTo: [], buildArgs: {} };
}

/** Inline cache metadata in the built image, and `--cache-from` the given images. */
function inlineCache(builder: BuilderKind, cacheFrom: string[]): LayerFlags {
  // The classic client has no --cache-to; the build arg asks BuildKit for inline metadata there.
  return builder === 'buildx' ? { cacheFrom, cacheTo: ['type=inline'], buildArgs: {} } : { cacheFrom, cacheTo: [], buildArgs: { BUILDKIT_INLINE_CACHE: '1' } };
}
