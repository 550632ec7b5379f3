/** Post step (`dist/post.js`): runs even when main failed or was cancelled; removes what main left. */
import * as core from '@actions/core';
import { actionLogger } from './action/logger.js';
import { savedCleanEnd, savedDockerConfig, savedRunId } from './action/state.js';
import { removeDockerConfig } from './publish/login.js';
import { LABEL_RUN } from './docker/argv.js';
import { Docker } from './docker/docker.js';
import { errorMessage } from './errors.js';
import { exec } from './exec/exec.js';
import { stopProcesses } from './exec/processes.js';
import { processesOfRun } from './pipeline/cancel.js';

export async function post(): Promise<void> {
  // Registry credentials first: they must not outlive the job on a self-hosted runner, whatever else fails.
  const dockerConfig = savedDockerConfig();
  try {
    if (removeDockerConfig(dockerConfig))
      core.info(`repro-ci: removed the registry login (temporary DOCKER_CONFIG ${dockerConfig}).`);
  } catch (e) {
    core.warning(`repro-ci cleanup: could not remove ${dockerConfig}: ${errorMessage(e)}`);
  }
  const runId = savedRunId();
  if (!runId) {
    core.info('repro-ci: main did not start a run; nothing to clean up.');
    return;
  }
  try {
    // A main step that was killed mid-build leaves its docker and buildx processes running: stop them first.
    const stopped = await stopProcesses(processesOfRun(runId));
    if (stopped > 0)
      core.info(`repro-ci: stopped ${stopped} docker process(es) the run left running (a build, most likely).`);
    if (savedCleanEnd()) {
      core.info(`repro-ci: main ended its run ${runId} and removed every container it started; nothing to look for.`);
      return;
    }
    const docker = new Docker(exec, actionLogger);
    const { containers, networks, images } = await docker.removeLabelled(`${LABEL_RUN}=${runId}`);
    core.info(
      `repro-ci: removed ${containers} leftover container(s), ${networks} network(s) and ${images} temporary image(s) of run ${runId}.`,
    );
  } catch (e) {
    // Cleanup must never fail the job: the main step already reported what matters.
    core.warning(`repro-ci cleanup: ${errorMessage(e)}`);
  }
}

await post();
