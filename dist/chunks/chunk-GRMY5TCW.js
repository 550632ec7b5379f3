import { createRequire as __reproCreateRequire } from 'node:module'; const require = __reproCreateRequire(import.meta.url);
import {
  ReproError,
  dockerConfigDir,
  registryOf
} from "./chunk-DXX64GLY.js";
import {
  debug,
  error,
  getState,
  group,
  info,
  saveState,
  warning
} from "./chunk-7KBF2PNE.js";

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

// src/publish/login.ts
import { chmodSync, existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
function resolveLogin(image, inputs, env) {
  if (!image) return void 0;
  const registry = registryOf(image);
  if (inputs.username && inputs.password) return { registry, username: inputs.username, password: inputs.password, source: "inputs" };
  if (inputs.username || inputs.password) {
    throw new ReproError(`input ${inputs.username ? "password" : "username"} is empty, but ${inputs.username ? "username" : "password"} is set.`, {
      fix: `set both to log in to ${registry} (e.g. \`password: \${{ secrets.REGISTRY_TOKEN }}\`), or neither.`
    });
  }
  const actor = env.GITHUB_ACTOR || env.GITHUB_REPOSITORY_OWNER;
  if (registry === "ghcr.io" && inputs.githubToken && actor) return { registry, username: actor, password: inputs.githubToken, source: "github-token" };
  return void 0;
}
function createDockerConfig(parent, env = process.env) {
  const dir = mkdtempSync(path.join(parent, "repro-ci-docker-config-"));
  chmodSync(dir, 448);
  const plugins = path.join(dockerConfigDir(env), "cli-plugins");
  if (existsSync(plugins)) symlinkSync(plugins, path.join(dir, "cli-plugins"));
  return dir;
}
function removeDockerConfig(dir) {
  if (!dir || !existsSync(dir)) return false;
  rmSync(dir, { recursive: true, force: true });
  return true;
}

export {
  actionLogger,
  saveRunId,
  savedRunId,
  saveDockerConfig,
  savedDockerConfig,
  resolveLogin,
  createDockerConfig,
  removeDockerConfig
};
