import { createRequire as __reproCreateRequire } from 'node:module'; const require = __reproCreateRequire(import.meta.url);
import {
  actionLogger,
  info,
  savedRunId,
  warning
} from "./chunks/chunk-6465DPJW.js";
import {
  Docker,
  LABEL_RUN,
  errorMessage,
  exec,
  removeLabelled
} from "./chunks/chunk-7UKOD732.js";

// src/post.ts
async function post() {
  const runId = savedRunId();
  if (!runId) {
    info("repro-ci: main did not start a run; nothing to clean up.");
    return;
  }
  try {
    const removed = await removeLabelled(new Docker(exec, actionLogger), `${LABEL_RUN}=${runId}`);
    info(`repro-ci: removed ${removed} leftover container(s) of run ${runId}.`);
  } catch (e) {
    warning(`repro-ci cleanup: ${errorMessage(e)}`);
  }
}
await post();
export {
  post
};
