/** What main hands to the post step (runner `STATE_*` variables), typed in one place. */
import * as core from '@actions/core';

const RUN_ID = 'runId';

export function saveRunId(runId: string): void {
  core.saveState(RUN_ID, runId);
}

export function savedRunId(): string | undefined {
  return core.getState(RUN_ID) || undefined;
}

const DOCKER_CONFIG = 'dockerConfig';

/** The temporary DOCKER_CONFIG holding a registry login: post removes it even when main was killed. */
export function saveDockerConfig(dir: string): void {
  core.saveState(DOCKER_CONFIG, dir);
}

export function savedDockerConfig(): string | undefined {
  return core.getState(DOCKER_CONFIG) || undefined;
}
