import { createRequire as __reproCreateRequire } from 'node:module'; const require = __reproCreateRequire(import.meta.url);
import {
  debug,
  error,
  getState,
  group,
  info,
  saveState,
  warning
} from "./chunk-KWB3PCSV.js";

// src/action/logger.ts
import { randomBytes } from "node:crypto";
function props(where) {
  return where ? { file: where.file, startLine: where.line, startColumn: where.column } : {};
}
function inert(message) {
  return message.replace(/(^|[\r\n])(\s*)::/g, "$1$2 ::");
}
var actionLogger = {
  info: (m) => info(inert(m)),
  output: (c) => {
    process.stdout.write(c);
  },
  warning: (m, where) => warning(m, props(where)),
  error: (m, where) => error(m, props(where)),
  debug: (m) => debug(m),
  group: (title, fn) => group(title, fn),
  untrusted: async (fn) => {
    const token = randomBytes(16).toString("hex");
    process.stdout.write(`::stop-commands::${token}
`);
    try {
      return await fn();
    } finally {
      process.stdout.write(`
::${token}::
`);
    }
  }
};

// src/action/state.ts
var RUN_ID = "runId";
function saveRunId(runId) {
  saveState(RUN_ID, runId);
}
function savedRunId() {
  return getState(RUN_ID) || void 0;
}
var DOCKER_CONFIG = "dockerConfig";
function saveDockerConfig(dir) {
  saveState(DOCKER_CONFIG, dir);
}
function savedDockerConfig() {
  return getState(DOCKER_CONFIG) || void 0;
}
var CLEAN_END = "cleanEnd";
function saveCleanEnd() {
  saveState(CLEAN_END, "true");
}
function savedCleanEnd() {
  return getState(CLEAN_END) === "true";
}

export {
  actionLogger,
  saveRunId,
  savedRunId,
  saveDockerConfig,
  savedDockerConfig,
  saveCleanEnd,
  savedCleanEnd
};
