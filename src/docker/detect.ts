/**
 * Which way of building this machine offers. Facts are gathered by the Docker class; the decision
 * and every message about it are pure, so each machine shape is a table row in the unit tests.
 */
import os from 'node:os';
import path from 'node:path';
import { ReproError } from '../errors.js';
import type { BuilderKind } from './argv.js';

export const BUILDER_PREFERENCES = ['auto', 'buildx', 'classic'] as const;
export type BuilderPreference = (typeof BUILDER_PREFERENCES)[number];

export interface DockerFacts {
  clientVersion?: string;
  serverVersion?: string;
  /** Set when `docker version` could not reach the engine. */
  serverError?: string;
  /** `docker buildx version` output, when the plugin answers. */
  buildxVersion?: string;
}

/** The docker client's config folder (DOCKER_CONFIG, else ~/.docker), where its plugins and buildx's state live. */
export function dockerConfigDir(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_CONFIG || path.join(env.HOME || os.homedir(), '.docker');
}

/**
 * Whether buildx builds with the docker context's own builder, whose driver is always `docker`: nobody
 * chose another (BUILDX_BUILDER unset, and buildx's `current` file, which `docker buildx use` writes,
 * names none). Known from a file where `docker buildx inspect` costs 0.1-0.3 s before the first helper
 * build; anything unclear says no, and the caller asks buildx.
 */
export function usesContextBuilder(buildxBuilderEnv: string | undefined, currentFile: string | undefined): boolean {
  if (buildxBuilderEnv) return false;
  if (currentFile === undefined) return true;
  try {
    return (JSON.parse(currentFile) as { Name?: unknown }).Name === '';
  } catch {
    return false;
  }
}

export interface DockerEnvironment {
  builder: BuilderKind;
  clientVersion: string;
  serverVersion: string;
  buildxVersion?: string;
}

const BUILDX_FIX =
  "install the buildx plugin: on GitHub-hosted runners add `docker/setup-buildx-action` before this step; on Debian/Ubuntu install `docker-buildx-plugin` (Docker's repository) or `docker-buildx` (Debian trixie and later); or see https://github.com/docker/buildx#installing.";

export function chooseBuilder(pref: BuilderPreference, facts: DockerFacts): DockerEnvironment {
  if (!facts.clientVersion) {
    throw new ReproError('the docker client did not answer `docker version`.', {
      fix: 'install Docker and make sure `docker` is on PATH.',
    });
  }
  if (!facts.serverVersion) {
    throw new ReproError(`the Docker engine is not reachable: ${firstLine(facts.serverError ?? 'no answer')}`, {
      fix: "start the engine (`sudo systemctl start docker`, or `bash scripts/ensure-docker.sh` on this project's machines), and check that this user may use it (the `docker` group) or that DOCKER_HOST is right.",
    });
  }
  const base = {
    clientVersion: facts.clientVersion,
    serverVersion: facts.serverVersion,
    buildxVersion: facts.buildxVersion,
  };
  const classicHasBuildKit = major(facts.clientVersion) < 23;
  if (pref === 'buildx' || (pref === 'auto' && facts.buildxVersion)) {
    if (!facts.buildxVersion)
      throw new ReproError('`builder: buildx` was asked for, but `docker buildx version` does not answer.', {
        fix: BUILDX_FIX,
      });
    return { ...base, builder: 'buildx' };
  }
  // From client 23 on, `docker build` is buildx underneath: the classic path works whenever the plugin is there.
  if (classicHasBuildKit || facts.buildxVersion) return { ...base, builder: 'classic' };
  throw new ReproError(
    `docker client ${facts.clientVersion} can only build with BuildKit through the buildx plugin, and the plugin is missing (\`docker buildx version\` fails). BuildKit is required for \`RUN --mount=type=cache\`.`,
    { fix: BUILDX_FIX },
  );
}

function major(version: string): number {
  const m = /^(\d+)\./.exec(version);
  return m ? Number(m[1]) : 0;
}

function firstLine(s: string): string {
  return s.trim().split('\n')[0];
}
