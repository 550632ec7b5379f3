/**
 * Whether the builder writes OCI annotations onto the manifest that `docker push` then sends. Pure; the
 * facts come from the Docker class. Measured here with buildx 0.13 and 0.29 (`--annotation
 * manifest:K=V --load`, then `docker push`, then the manifest read back from the registry):
 * - a non-docker driver (remote, docker-container) loading into the containerd image store: the pushed
 *   manifest is OCI and carries them;
 * - the docker driver (20.10; 28.5 on overlay2 or on the containerd store) and the classic client: the
 *   pushed manifest is Docker's schema 2, and the flag is accepted and dropped without a word.
 * Where they would be dropped they are not passed, and the log says why (they stay in the outputs).
 */
import { buildxAtLeast, type BuilderKind } from '../docker/argv.js';

export interface AnnotationFacts {
  builder: BuilderKind;
  buildxVersion?: string;
  /** buildx driver; undefined for the classic client. */
  driver?: string;
  containerdStore: boolean;
}

/** Undefined when the builder keeps manifest annotations, else why not (a clause: `the buildx docker driver drops them`). */
export function annotationsDropped(f: AnnotationFacts): string | undefined {
  if (f.builder === 'classic') return 'the classic client cannot write them';
  if (!buildxAtLeast(f.buildxVersion, 0, 12))
    return `buildx ${f.buildxVersion ?? '(unknown)'} has no --annotation (0.12 or later has)`;
  if (!f.driver || f.driver === 'docker')
    return 'the buildx docker driver pushes a Docker schema 2 manifest, which has no annotations';
  if (!f.containerdStore)
    return `the image is loaded from the buildx ${f.driver} driver into the overlay2 image store, which keeps no manifest`;
  return undefined;
}

export const ANNOTATIONS_FIX =
  'A buildx builder with a non-docker driver, on an engine with the containerd image store, writes them; the `annotations` output has them either way';
