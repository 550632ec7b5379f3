/** What main hands to the post step (runner `STATE_*` variables), typed in one place. */
import * as core from '@actions/core';

const RUN_ID = 'runId';

export function saveRunId(runId: string): void {
  core.saveState(RUN_ID, runId);
}

export function savedRunId(): string | undefined {
  return core.getState(RUN_ID) || undefined;
}
