/**
 * A published record, read back through the engine (`docker pull` of the companion, `docker create` +
 * `docker cp`), not over the registry's HTTP API: the engine already holds the user's registry logins
 * (docker login, credential helpers, the action's DOCKER_CONFIG). The companion is one small layer and
 * is removed again afterwards. Used by `verify` and by promotion (src/publish/promote.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Docker } from '../docker/docker.js';
import { errorMessage, ReproError } from '../errors.js';
import { companionRef, RECORD_PATH_IN_IMAGE } from './companion.js';
import { parseRecord, type ReproRecord } from './record.js';

export async function fetchRecord(
  docker: Docker,
  repository: string,
  digest: string,
  runId: string,
): Promise<{ record: ReproRecord; ref: string }> {
  const ref = companionRef(repository, digest);
  try {
    await docker.pull(ref);
  } catch (e) {
    throw new ReproError(
      `no reproduction record found for ${repository}@${digest}: ${ref} could not be pulled (${errorMessage(e).replace(/\.$/, '')}).`,
      {
        fix: 'records are pushed by `repro-ci run --push` (and the action) after the checks pass; push the image with repro-ci, or verify from an archive with --record.',
      },
    );
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-verify-record-'));
  try {
    await docker.copyFromImage(ref, RECORD_PATH_IN_IMAGE, path.join(dir, 'record.json'), `repro-ci-${runId}-record`);
    return { record: parseRecord(readFileSync(path.join(dir, 'record.json'), 'utf8'), ref), ref };
  } catch (e) {
    throw e instanceof ReproError
      ? e
      : new ReproError(errorMessage(e), {
          fix: 'the companion does not hold a readable record: publish it again with `repro-ci run --push`.',
        });
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await docker.removeImages([ref]);
  }
}
