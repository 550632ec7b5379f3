import { createRequire as __reproCreateRequire } from 'node:module'; const require = __reproCreateRequire(import.meta.url);
import {
  ReproError,
  dockerConfigDir,
  registryOf
} from "./chunk-I6XZW66Z.js";
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
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
function resolveLogins(repositories, inputs, env) {
  const registries = registriesOf(repositories);
  if (registries.length === 0) return [];
  const inputsRegistry = registries.find((r) => r !== "ghcr.io") ?? registries[0];
  if (!!inputs.username !== !!inputs.password) {
    throw new ReproError(`input ${inputs.username ? "password" : "username"} is empty, but ${inputs.username ? "username" : "password"} is set.`, {
      fix: `set both to log in to ${inputsRegistry} (e.g. \`password: \${{ secrets.REGISTRY_TOKEN }}\`), or neither.`
    });
  }
  const forInputs = inputs.username ? inputsRegistry : void 0;
  const actor = env.GITHUB_ACTOR || env.GITHUB_REPOSITORY_OWNER;
  return registries.flatMap((registry) => {
    if (registry === forInputs) return [{ registry, username: inputs.username, password: inputs.password, source: "inputs" }];
    if (registry === "ghcr.io" && inputs.githubToken && actor) return [{ registry, username: actor, password: inputs.githubToken, source: "github-token" }];
    return [];
  });
}
function registriesOf(repositories) {
  return [...new Set(repositories.map(registryOf))];
}
function authKey(registry) {
  return registry === "docker.io" ? "https://index.docker.io/v1/" : registry;
}
function privateDockerConfig(user, own) {
  const mine = new Set(own.flatMap((r) => [r, authKey(r)]));
  const { auths = {}, credsStore, credHelpers = {}, ...rest } = user;
  const keep = (key) => !mine.has(key) && !mine.has(key.replace(/^https?:\/\//, "").replace(/\/.*$/, ""));
  const out = { ...rest, auths: {}, credHelpers: {} };
  for (const [key, entry] of Object.entries(auths)) {
    if (!keep(key)) continue;
    if (entry?.auth) out.auths[key] = { auth: entry.auth };
    else if (credsStore) out.credHelpers[key] = credsStore;
  }
  for (const [key, helper] of Object.entries(credHelpers)) if (keep(key)) out.credHelpers[key] = helper;
  return out;
}
function createDockerConfig(parent, own, env = process.env) {
  const dir = mkdtempSync(path.join(parent, "repro-ci-docker-config-"));
  chmodSync(dir, 448);
  const userDir = dockerConfigDir(env);
  const plugins = path.join(userDir, "cli-plugins");
  if (existsSync(plugins)) symlinkSync(plugins, path.join(dir, "cli-plugins"));
  let user = {};
  try {
    user = JSON.parse(readFileSync(path.join(userDir, "config.json"), "utf8"));
  } catch {
  }
  writeFileSync(path.join(dir, "config.json"), `${JSON.stringify(privateDockerConfig(user, own), null, 2)}
`, { mode: 384 });
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
  resolveLogins,
  registriesOf,
  createDockerConfig,
  removeDockerConfig
};
