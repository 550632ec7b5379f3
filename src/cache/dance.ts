/**
 * The Dockerfiles of the two helper builds that move a cache mount's content in and out of BuildKit
 * (pure). Both start from an image the real build uses anyway (no extra pull), run one RUN with the same
 * cache mount id, uid, gid and mode as the real build, and export one small stage with `--output
 * type=local`, so nothing lands in the image store:
 * - inject: the restored archive comes in as a bind mount from the build context (`cache.tar`) and is
 *   unpacked into the mount, unless the mount already holds files (a warm self-hosted builder keeps its
 *   own, newer content). What it did is printed as `repro-ci-inject=kept|injected` (injectOutcome reads
 *   it from the build log): buildx then needs no export at all (`type=cacheonly`, ~0.25 s less per
 *   mount), while the classic client, which has no such output, exports the small last stage;
 * - extract: the mount is packed into one tar file, the only file of the exported stage.
 * Every command's failure fails the helper build (no `|| true`); the caller turns that into a warning.
 * A nonce in each RUN keeps BuildKit from answering it from the layer cache; `--no-cache` is never used
 * because it would start the mount empty.
 */
import type { CacheMount } from './mounts.js';

export const MOUNT_DIR = '/repro-ci-mount';
export const ARCHIVE = 'cache.tar';
export const RESULT = 'result';

export function mountFlag(m: Pick<CacheMount, 'id' | 'perms'>): string {
  // `locked`: the helper must not run beside a real build writing the same mount. uid/gid/mode exactly when
  // the Dockerfile sets them: with them BuildKit keys the cache apart (see CacheMount.perms).
  const id = /[",]/.test(m.id) ? `"id=${m.id.replace(/"/g, '""')}"` : `id=${m.id}`;
  const perms = m.perms ? `,uid=${m.perms.uid},gid=${m.perms.gid},mode=${m.perms.mode}` : '';
  return `--mount=type=cache,${id},target=${MOUNT_DIR},sharing=locked${perms}`;
}

/** Exec form; the last word (the script's $0) names the mount, so `docker builder du` shows whose record it is. */
function run(script: string, m: CacheMount, nonce: string): string {
  return JSON.stringify(['/bin/sh', '-c', script, `repro-ci-cache:${m.id}:${nonce}`]);
}

/** The stage that does the inject's work (the build's target where nothing needs exporting). */
export const INJECT_STAGE = 'inject';

export function injectDockerfile(m: CacheMount, image: string, nonce: string): string {
  // The marker is what the caller reads; printf's format keeps it out of the command text, which the build
  // log echoes too. The file is only what the classic client exports (it cannot export nothing).
  const outcome = (what: string) => `echo ${what} > /${RESULT}; printf 'repro-ci-%s=%s\\n' inject ${what}`;
  const script = [
    'set -e',
    `if [ -n "$(ls -A ${MOUNT_DIR})" ]; then ${outcome('kept')}; echo "repro-ci: the builder's cache mount already holds files; keeping them"`,
    `else tar -xf /repro-ci-in/${ARCHIVE} -C ${MOUNT_DIR}; ${outcome('injected')}; fi`,
  ].join('\n');
  return [
    `FROM ${image} AS ${INJECT_STAGE}`,
    `RUN ${mountFlag(m)} --mount=type=bind,source=${ARCHIVE},target=/repro-ci-in/${ARCHIVE} ${run(script, m, nonce)}`,
    'FROM scratch',
    `COPY --from=${INJECT_STAGE} /${RESULT} /`,
    '',
  ].join('\n');
}

export function extractDockerfile(m: CacheMount, image: string, nonce: string): string {
  const script = ['set -e', 'mkdir -p /repro-ci-out', `tar -cf /repro-ci-out/${ARCHIVE} -C ${MOUNT_DIR} .`].join('\n');
  return [`FROM ${image} AS extract`, `RUN ${mountFlag(m)} ${run(script, m, nonce)}`, 'FROM scratch', `COPY --from=extract /repro-ci-out/${ARCHIVE} /`, ''].join('\n');
}

/** What the inject build did, from its log; undefined when the log does not say. */
export function injectOutcome(log: string): 'kept' | 'injected' | undefined {
  return /repro-ci-inject=(kept|injected)\b/.exec(log)?.[1] as 'kept' | 'injected' | undefined;
}
