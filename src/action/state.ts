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

const CLEAN_END = 'cleanEnd';

/**
 * Main ran its pipeline to the end, which waits for every container it started to be removed, and the
 * engine refused no removal: the post step then has nothing to list (~50 ms of every run).
 */
export function saveCleanEnd(): void {
  core.saveState(CLEAN_END, 'true');
}

export function savedCleanEnd(): boolean {
  return core.getState(CLEAN_END) === 'true';
}
