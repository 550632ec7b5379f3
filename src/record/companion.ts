/**
 * Where a record lives in a registry. Registry v2.8 (and many registries still) have no referrers API,
 * so the record goes into a companion tag named after the image's digest, cosign's convention
 * (`sha256-<hex>.sig`): `sha256-<hex>.repro`. Tags move, digests do not, so the digest of the image
 * alone finds its record, and pushing the same image again under new tags reuses it. Pure.
 */
import { gzipSync } from 'node:zlib';
import { sha256, type Descriptor } from '../publish/registry-api.js';
import { singleFileTar } from '../util/tar.js';

export const COMPANION_SUFFIX = '.repro';
/** Path of the record inside the companion image (its only file). */
export const RECORD_PATH_IN_IMAGE = '/repro-record.json';

const DIGEST = /^sha256:[0-9a-f]{64}$/;

export function companionTag(digest: string): string {
  if (!DIGEST.test(digest)) throw new Error(`"${digest}" is not a sha256 digest (sha256: and 64 hex digits).`);
  return `sha256-${digest.slice('sha256:'.length)}${COMPANION_SUFFIX}`;
}

export function companionRef(repository: string, digest: string): string {
  return `${repository}:${companionTag(digest)}`;
}

export interface ImageRef {
  /** Registry host included when given, e.g. `127.0.0.1:5000/team/mnist`. */
  repository: string;
  tag?: string;
  digest?: string;
}

/** Splits `[host[:port]/]path[:tag][@sha256:...]`; a `:` after the last `/` is a tag, before it a port. */
export function parseImageRef(ref: string): ImageRef {
  const at = ref.indexOf('@');
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  const name = at >= 0 ? ref.slice(0, at) : ref;
  if (digest !== undefined && !DIGEST.test(digest))
    throw new Error(`"${ref}": the part after @ must be sha256: and 64 hex digits.`);
  const colon = name.lastIndexOf(':');
  const tag = colon > name.lastIndexOf('/') ? name.slice(colon + 1) : undefined;
  const repository = tag === undefined ? name : name.slice(0, colon);
  if (!/^[a-z0-9][a-z0-9._:/-]*$/.test(repository) || (tag !== undefined && !/^[\w][\w.-]{0,127}$/.test(tag)))
    throw new Error(
      `"${ref}" is not an image reference such as ghcr.io/owner/project:tag or ghcr.io/owner/project@sha256:...`,
    );
  return { repository, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** The digest of `repository` among an image's RepoDigests (`repo@sha256:...`). */
export function digestFor(repository: string, repoDigests: string[]): string | undefined {
  const norm = (r: string) => r.replace(/^docker\.io\/(library\/)?/, '');
  return repoDigests.map((d) => d.split('@')).find(([repo]) => norm(repo) === norm(repository))?.[1];
}

export const MANIFEST_TYPE = 'application/vnd.docker.distribution.manifest.v2+json';

/** The companion image as the registry stores it: one gzip layer holding the record, its config, its manifest. */
export interface CompanionImage {
  /** The layer uncompressed: the record as its only file (what `docker import` takes on the engine path). */
  tar: Buffer;
  layer: Buffer;
  config: Buffer;
  manifest: string;
}

/**
 * The companion image, made in memory (pure): the same image `docker import` of the one-file tar gives
 * (Docker schema 2, one gzip layer, the labels), which every engine pulls. `created` is the record's time,
 * so the same record gives the same digest.
 */
export function companionImage(recordJson: Buffer, labels: Record<string, string>, created: Date): CompanionImage {
  const tar = singleFileTar(RECORD_PATH_IN_IMAGE.replace(/^\//, ''), recordJson, Math.floor(created.getTime() / 1000));
  const layer = gzipSync(tar, { level: 6 });
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: created.toISOString(),
      config: { Labels: labels },
      rootfs: { type: 'layers', diff_ids: [sha256(tar)] },
      history: [{ created: created.toISOString(), created_by: 'repro-ci: reproduction record' }],
    }),
  );
  const descriptor = (mediaType: string, data: Buffer): Descriptor => ({
    mediaType,
    digest: sha256(data),
    size: data.length,
  });
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: MANIFEST_TYPE,
    config: descriptor('application/vnd.docker.container.image.v1+json', config),
    layers: [descriptor('application/vnd.docker.image.rootfs.diff.tar.gzip', layer)],
  });
  return { tar, layer, config, manifest };
}
