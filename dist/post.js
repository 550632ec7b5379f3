import { createRequire as __reproCreateRequire } from 'node:module'; const require = __reproCreateRequire(import.meta.url);
import {
  actionLogger,
  savedCleanEnd,
  savedDockerConfig,
  savedRunId
} from "./chunks/chunk-QNPIKALB.js";
import {
  Docker,
  LABEL_RUN,
  errorMessage,
  exec,
  processesOfRun,
  removeDockerConfig,
  stopProcesses
} from "./chunks/chunk-TWHDUGSX.js";
import {
  info,
  warning
} from "./chunks/chunk-KWB3PCSV.js";
import "./chunks/chunk-OPINX5A6.js";
import "./chunks/chunk-2O3Q65FG.js";

// src/post.ts
async function post() {
  const dockerConfig = savedDockerConfig();
  try {
    if (removeDockerConfig(dockerConfig))
      info(`repro-ci: removed the registry login (temporary DOCKER_CONFIG ${dockerConfig}).`);
  } catch (e) {
    warning(`repro-ci cleanup: could not remove ${dockerConfig}: ${errorMessage(e)}`);
  }
  const runId = savedRunId();
  if (!runId) {
    info("repro-ci: main did not start a run; nothing to clean up.");
    return;
  }
  try {
    const stopped = await stopProcesses(processesOfRun(runId));
    if (stopped > 0)
      info(`repro-ci: stopped ${stopped} docker process(es) the run left running (a build, most likely).`);
    if (savedCleanEnd()) {
      info(`repro-ci: main ended its run ${runId} and removed every container it started; nothing to look for.`);
      return;
    }
    const docker = new Docker(exec, actionLogger);
    const { containers, networks, images } = await docker.removeLabelled(`${LABEL_RUN}=${runId}`);
    info(
      `repro-ci: removed ${containers} leftover container(s), ${networks} network(s) and ${images} temporary image(s) of run ${runId}.`
    );
  } catch (e) {
    warning(`repro-ci cleanup: ${errorMessage(e)}`);
  }
}
await post();
export {
  post
};
