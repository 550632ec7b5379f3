import { createRequire as __reproCreateRequire } from 'node:module'; const require = __reproCreateRequire(import.meta.url);
import {
  exec
} from "./chunk-OPINX5A6.js";

// src/errors.ts
var ReproError = class extends Error {
  fix;
  location;
  /** Process exit code to use when this error ends a CLI run. */
  exitCode;
  constructor(message, opts = {}) {
    super(message, opts.cause === void 0 ? void 0 : { cause: opts.cause });
    this.name = "ReproError";
    this.fix = opts.fix;
    this.location = opts.location;
    this.exitCode = opts.exitCode ?? 1;
  }
  /** One human line (or more, when the message has them): `file:line:col: message. Fix: ...`. */
  describe() {
    const where = this.location ? `${formatLocation(this.location)}: ` : "";
    const fix = this.fix ? `
  Fix: ${this.fix}` : "";
    return `${where}${this.message}${fix}`;
  }
};
var ConfigError = class extends ReproError {
  problems;
  constructor(problems) {
    const first = problems[0];
    super(
      problems.length === 1 ? problemText({ ...first, fix: void 0 }) : `${problems.length} problems in ${first.location.file}:
` + problems.map((p) => `  - ${formatLocation(p.location)}: ${problemText(p)}`).join("\n"),
      {
        location: problems.length === 1 ? first.location : void 0,
        fix: problems.length === 1 ? first.fix : void 0
      }
    );
    this.name = "ConfigError";
    this.problems = problems;
  }
};
function problemText(p) {
  const field = p.path ? `${p.path}: ` : "";
  const fix = p.fix ? ` Fix: ${p.fix}` : "";
  return `${field}${p.message}${fix}`;
}
function formatLocation(loc) {
  if (loc.line === void 0) return loc.file;
  return loc.column === void 0 ? `${loc.file}:${loc.line}` : `${loc.file}:${loc.line}:${loc.column}`;
}
function errorMessage(err) {
  if (err instanceof ReproError) return err.describe();
  if (err instanceof Error) return err.message;
  return String(err);
}

// src/security/env.ts
function refusedEnvName(name) {
  const upper = name.toUpperCase();
  if (upper.startsWith("INPUT_"))
    return "it holds one of the action's inputs (the registry password and github-token among them)";
  if (upper.startsWith("STATE_")) return "it holds the action's own state between its steps";
  if (upper.startsWith("ACTIONS_"))
    return "it is one of the runner's internals (the cache service and OIDC tokens among them)";
  if (upper === "GITHUB_TOKEN" || upper === "GH_TOKEN") return "it is the GitHub token of this job";
  if (/^(DOCKER|BUILDX|BUILDKIT|COMPOSE)_/.test(upper)) return "it steers a docker client or builder";
  if (upper.startsWith("LD_")) return "it steers the dynamic loader of every program started with it";
  if (upper === "PATH") return "it decides which programs run";
  return void 0;
}
var REFUSED_ENV_FIX = "remove it: pass a secret under a name of your own (e.g. `HF_TOKEN`, set in the workflow step's `env:`), and set search paths with ENV in the Dockerfile.";
function steersClient(name) {
  return refusedEnvName(name) !== void 0 || /^(HOME|TMPDIR|TMP|TEMP|SHELL|USER|XDG_.*|SSL_.*|GO.*|.*_PROXY|NODE_.*)$/i.test(name);
}
var RefusedEnv = class extends Error {
  constructor(variable, field, why) {
    super(`${field}: ${variable} is not passed to containers: ${why}.`);
    this.variable = variable;
    this.field = field;
    this.why = why;
  }
  variable;
  field;
  why;
};
function containerEnv(req) {
  const out = { names: [], fileLines: [], clientEnv: {}, passed: [], missing: [], withheld: [] };
  const add = (name, value, field) => {
    const why = refusedEnvName(name);
    if (why) throw new RefusedEnv(name, field, why);
    out.names.push(name);
    if (!/[\r\n\0]/.test(value)) out.fileLines.push(`${name}=${value}`);
    else if (value.includes("\0"))
      throw new RefusedEnv(name, field, "its value holds a NUL byte, which no environment can carry");
    else if (steersClient(name))
      throw new RefusedEnv(
        name,
        field,
        "its value spans several lines, and under this name it would steer the docker client"
      );
    else out.clientEnv[name] = value;
  };
  for (const [name, value] of Object.entries(req.fixed)) add(name, value, "env");
  for (const name of req.passNames) {
    const value = req.runner[name];
    if (value === void 0) out.missing.push(name);
    else if (req.untrusted) out.withheld.push(name);
    else if (value !== "" && req.credentials.includes(value))
      throw new RefusedEnv(name, "pass-env", "it holds the registry login or the GitHub token of this job");
    else {
      add(name, value, "pass-env");
      if (value !== "") out.passed.push({ name, value });
    }
  }
  return out;
}
var NEVER_FOR_CLIENT = /^(INPUT_|STATE_|ACTIONS_ID_TOKEN_REQUEST_)/i;
var CACHE_SERVICE = /^(ACTIONS_RUNTIME_TOKEN|ACTIONS_RESULTS_URL|ACTIONS_CACHE_URL|ACTIONS_CACHE_SERVICE_V2|ACTIONS_RUNTIME_URL)$/i;
function clientEnvOverrides(runner, extra) {
  const out = {};
  for (const name of Object.keys(runner)) if (NEVER_FOR_CLIENT.test(name)) out[name] = void 0;
  return { ...out, ...extra };
}
function withholdFromUntrusted(env) {
  const gone = Object.keys(env).filter((n) => CACHE_SERVICE.test(n) || /^ACTIONS_ID_TOKEN_REQUEST_/i.test(n));
  for (const n of gone) delete env[n];
  return gone;
}

// src/docker/argv.ts
var LABEL_RUN = "io.github.repro-ci.run";
var LABEL_STEP = "io.github.repro-ci.step";
function directBuildxCall(pluginPath, argv) {
  return { file: pluginPath, args: argv.slice(1), env: { DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND: "" } };
}
function buildxPluginCandidates(configDir) {
  const system = ["/usr/local/lib", "/usr/local/libexec", "/usr/lib", "/usr/libexec"].map((d) => `${d}/docker`);
  return [configDir, ...system].map((d) => `${d}/cli-plugins/docker-buildx`);
}
function buildxAtLeast(version, major2, minor) {
  const m = /v?(\d+)\.(\d+)/.exec(version ?? "");
  return !!m && (Number(m[1]) > major2 || Number(m[1]) === major2 && Number(m[2]) >= minor);
}
function buildArgv(kind, req) {
  const argv = kind === "buildx" ? ["buildx", "build"] : ["build"];
  argv.push("--progress", "plain", "--file", req.dockerfile, "--iidfile", req.iidFile);
  if (kind === "buildx") argv.push("--load");
  if (req.noCache) argv.push("--no-cache");
  if (kind === "buildx" && req.noProvenance) argv.push("--provenance=false");
  for (const tag of req.tags) argv.push("--tag", tag);
  if (req.target) argv.push("--target", req.target);
  for (const [k, v] of Object.entries(req.buildArgs)) argv.push("--build-arg", `${k}=${v}`);
  for (const [k, v] of Object.entries(req.labels)) argv.push("--label", `${k}=${v}`);
  if (kind === "buildx")
    for (const [k, v] of Object.entries(req.annotations ?? {})) argv.push("--annotation", `manifest:${k}=${v}`);
  for (const c of req.cacheFrom ?? []) argv.push("--cache-from", c);
  for (const c of req.cacheTo ?? []) argv.push("--cache-to", c);
  argv.push(req.context);
  return argv;
}
function helperBuildArgv(kind, req) {
  const argv = kind === "buildx" ? ["buildx", "build"] : ["build"];
  argv.push("--progress", "plain", "--network", req.network ?? "none", "--file", req.dockerfile);
  for (const name of req.buildArgsFromEnv ?? []) argv.push("--build-arg", name);
  if (kind === "buildx" && req.discardTarget) argv.push("--target", req.discardTarget, "--output", "type=cacheonly");
  else argv.push("--output", `type=local,dest=${req.outputDir}`);
  argv.push(req.context);
  return argv;
}
function buildEnv(kind) {
  return kind === "classic" ? { DOCKER_BUILDKIT: "1" } : {};
}
function runArgv(req) {
  const argv = ["run", ...req.keep ? [] : ["--rm"], "--name", req.name, "--init"];
  for (const [k, v] of Object.entries(req.labels)) argv.push("--label", `${k}=${v}`);
  if (req.network) argv.push("--network", req.network);
  if (req.envFile) argv.push("--env-file", req.envFile);
  for (const name of req.envNames) argv.push("--env", name);
  for (const m of req.mounts) argv.push("--mount", mountFlag(m));
  if (req.workdir) argv.push("--workdir", req.workdir);
  argv.push(...gpuFlags(req.gpus));
  if (req.resources) argv.push(...resourceFlags(req.resources));
  if (req.entrypoint !== void 0) argv.push("--entrypoint", req.entrypoint);
  argv.push(req.image, ...req.args);
  return argv;
}
function resourceFlags(r) {
  const argv = [];
  if (r.shmSize) argv.push("--shm-size", r.shmSize);
  if (r.memory) argv.push("--memory", r.memory);
  if (r.cpus !== void 0) argv.push("--cpus", String(r.cpus));
  for (const [name, limit] of Object.entries(r.ulimits ?? {})) argv.push("--ulimit", `${name}=${limit}`);
  if (r.ipc) argv.push("--ipc", r.ipc);
  if (r.user) argv.push("--user", r.user);
  return argv;
}
function mountFlag(m) {
  const fields = ["type=bind", csvField(`source=${m.host}`), csvField(`target=${m.container}`)];
  if (m.readOnly) fields.push("readonly");
  return fields.join(",");
}
function csvField(v) {
  return /[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
function gpuFlags(gpus) {
  if (!gpus || gpus === "none") return [];
  if (gpus.startsWith("device=")) return ["--gpus", `"${gpus}"`];
  return ["--gpus", gpus];
}
function stopArgv(name, graceSeconds) {
  return ["stop", "--time", String(graceSeconds), name];
}
function containerEndArgv(name) {
  return ["container", "inspect", "--format", "{{.State.OOMKilled}} {{.HostConfig.Memory}}", name];
}
function removeContainersArgv(names) {
  return ["rm", "--force", "--volumes", ...names];
}
function listContainersArgv(label) {
  return ["ps", "--all", "--quiet", "--filter", `label=${label}`];
}
function listNetworksArgv(label) {
  return ["network", "ls", "--quiet", "--filter", `label=${label}`];
}
function removeNetworksArgv(ids) {
  return ["network", "rm", ...ids];
}
function listImagesArgv(label) {
  return ["image", "ls", "--all", "--quiet", "--filter", `label=${label}`];
}
function removeImagesArgv(ids) {
  return ["image", "rm", "--force", ...ids];
}
function tagArgv(source, target) {
  return ["tag", source, target];
}
function pushArgv(ref) {
  return ["push", ref];
}
function loginArgv(registry, username) {
  return ["login", "--username", username, "--password-stdin", registry];
}
function layersArgv(image) {
  return ["image", "inspect", "--format", "{{json .RootFS.Layers}}", image];
}
function historyArgv(image) {
  return ["history", "--no-trunc", "--format", "{{json .CreatedBy}}", image];
}
function manifestInspectArgv(ref) {
  const host = ref.split("/")[0];
  const local = ref.includes("/") && /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host);
  return ["manifest", "inspect", ...local ? ["--insecure"] : [], ref];
}
function pullArgv(ref) {
  return ["pull", ref];
}
function createArgv(image, name) {
  return ["create", "--name", name, image, "none"];
}
function copyFromArgv(container, src, dest) {
  return ["cp", `${container}:${src}`, dest];
}
function saveArgv(refs, file) {
  return ["save", "--output", file, ...refs];
}
function loadArgv(file) {
  return ["load", "--input", file];
}
function importArgv(labels) {
  const argv = ["import"];
  for (const [k, v] of Object.entries(labels)) argv.push("--change", `LABEL ${JSON.stringify(k)}=${JSON.stringify(v)}`);
  argv.push("-");
  return argv;
}

// src/security/redact.ts
var MASK = "***";
var SECRET_NAME = /TOKEN|KEY|SECRET|PASS|PWD|CREDENTIAL|AUTH|PRIVATE|CERT|SESSION|COOKIE/i;
var MIN_MASKED = 4;
var Secrets = class {
  values = [];
  /** Registers a value; returns whether it is masked from now on. */
  add(value, name) {
    if (!value || value.length < MIN_MASKED && !(name && SECRET_NAME.test(name))) return false;
    for (const v of [value, ...value.split(/\r?\n/).filter((l) => l.trim().length >= MIN_MASKED)]) {
      if (!this.values.includes(v)) this.values.push(v);
    }
    this.values.sort((a, b) => b.length - a.length);
    return true;
  }
  get count() {
    return this.values.length;
  }
  redact(text) {
    let out = text;
    for (const v of this.values) if (out.includes(v)) out = out.split(v).join(MASK);
    return out;
  }
  /**
   * A writer that masks a stream arriving in arbitrary chunks: it holds back the last characters a
   * secret could still be completing, and `end()` flushes them.
   */
  stream(write) {
    let held = "";
    return {
      write: (chunk) => {
        if (this.values.length === 0) return write(chunk);
        const text = this.redact(held + chunk);
        const keep = Math.min(text.length, this.values[0].length - 1);
        held = text.slice(text.length - keep);
        if (text.length > keep) write(text.slice(0, text.length - keep));
      },
      end: () => {
        if (held) write(this.redact(held));
        held = "";
      }
    };
  }
};
var secrets = new Secrets();

// src/exec/processes.ts
import { readdirSync, readFileSync } from "node:fs";
function processesWithEnv(marker, proc = "/proc") {
  const pids = [];
  let entries;
  try {
    entries = readdirSync(proc).filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  for (const e of entries) {
    const pid = Number(e);
    if (pid === process.pid) continue;
    try {
      if (readFileSync(`${proc}/${e}/environ`, "latin1").split("\0").includes(marker)) pids.push(pid);
    } catch {
    }
  }
  return pids;
}
async function stopProcesses(pids, graceMs = 1e4, wait = (ms) => new Promise((r) => setTimeout(r, ms))) {
  const signal = (pid, s) => {
    try {
      process.kill(pid, s);
      return true;
    } catch {
      return false;
    }
  };
  const live = pids.filter((p) => signal(p, "SIGINT"));
  for (let waited = 0; waited < graceMs && live.some((p) => signal(p, 0)); waited += 250) await wait(250);
  for (const p of live) signal(p, "SIGKILL");
  return live.length;
}

// src/exec/exec.ts
import { randomUUID } from "node:crypto";
import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";
var CALL_ENV = "REPRO_CI_CALL";
var exec2 = async (file, args, opts = {}) => {
  const capture = opts.capture ?? true;
  let stdout = "";
  let stderr = "";
  const marker = opts.deadlineMs === void 0 ? void 0 : randomUUID();
  const extra = marker ? { ...opts.env, [CALL_ENV]: marker } : opts.env;
  const env = extra ? mergeEnv(process.env, extra) : void 0;
  let timedOut = false;
  const timer = marker ? setTimeout(() => {
    const pids = processesWithEnv(`${CALL_ENV}=${marker}`);
    timedOut = pids.length > 0;
    void stopProcesses(pids, 5e3);
  }, opts.deadlineMs) : void 0;
  try {
    const exitCode = await exec(onPath(file, env?.PATH ?? process.env.PATH), [...args], {
      silent: true,
      ignoreReturnCode: true,
      cwd: opts.cwd,
      env,
      input: opts.input,
      listeners: {
        stdout: (data) => {
          const s = data.toString("utf8");
          if (capture) stdout += s;
          opts.onStdout?.(s);
        },
        stderr: (data) => {
          const s = data.toString("utf8");
          if (capture) stderr += s;
          opts.onStderr?.(s);
        }
      }
    });
    return timedOut ? { exitCode, stdout, stderr, timedOut } : { exitCode, stdout, stderr };
  } catch (e) {
    const msg = e.message;
    if (/Unable to locate executable|ENOENT/.test(msg)) {
      throw new ReproError(`"${file}" was not found on this machine (PATH=${env?.PATH ?? process.env.PATH ?? ""}).`, {
        fix: file === "docker" ? "install Docker (https://docs.docker.com/engine/install/) or, on this project's Debian machines, run `bash scripts/ensure-docker.sh`." : `install ${file}.`,
        exitCode: 127,
        cause: e
      });
    }
    throw e;
  } finally {
    clearTimeout(timer);
  }
};
var onPathFound = /* @__PURE__ */ new Map();
function onPath(file, pathVar = "") {
  if (file.includes("/") || process.platform === "win32") return file;
  const key = `${file}\0${pathVar}`;
  const known = onPathFound.get(key);
  if (known) return known;
  for (const dir of pathVar.split(path.delimiter).filter(Boolean)) {
    const candidate = path.resolve(dir, file);
    if (!isExecutableFile(candidate)) continue;
    onPathFound.set(key, candidate);
    return candidate;
  }
  return file;
}
function isExecutableFile(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
function mergeEnv(base, extra) {
  const out = {};
  for (const [k, v] of Object.entries(base)) if (v !== void 0) out[k] = v;
  for (const [k, v] of Object.entries(extra)) {
    if (v === void 0) delete out[k];
    else out[k] = v;
  }
  return out;
}

// src/docker/docker.ts
import { copyFileSync, createWriteStream, mkdtempSync, readFileSync as readFileSync4, rmSync, writeFileSync as writeFileSync2 } from "node:fs";

// src/security/paths.ts
import {
  closeSync,
  constants as constants2,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readSync,
  realpathSync,
  statSync as statSync2,
  unlinkSync,
  writeFileSync
} from "node:fs";
import path2 from "node:path";
function escapesLexically(root, p) {
  const rel = path2.relative(root, p);
  return rel === ".." || rel.startsWith(`..${path2.sep}`) || path2.isAbsolute(rel);
}
function realPath(p) {
  const missing = [];
  let cur = path2.resolve(p);
  for (; ; ) {
    try {
      return path2.join(realpathSync(cur), ...missing.reverse());
    } catch (e) {
      if (e.code !== "ENOENT" && e.code !== "ENOTDIR") throw e;
      const parent = path2.dirname(cur);
      if (parent === cur) return path2.resolve(p);
      missing.push(path2.basename(cur));
      cur = parent;
    }
  }
}
function unsafePath(root, p) {
  if (escapesLexically(root, p)) return `it is outside the project folder ${root}`;
  const real = realPath(p);
  const realRoot = realPath(root);
  if (escapesLexically(realRoot, real)) return `it leads through a link to ${real}, outside the project folder`;
  let st;
  try {
    st = statSync2(real);
  } catch {
    return void 0;
  }
  if (st.isSocket()) return "it is a socket (the Docker engine's, say), which no step may reach";
  if (st.isBlockDevice() || st.isCharacterDevice() || st.isFIFO())
    return "it is a device or a pipe, not a file or folder";
  return void 0;
}
function safePath(root, p, what, where) {
  const why = unsafePath(root, p);
  if (why) {
    throw new ReproError(`${what} ${path2.relative(root, p) || p} cannot be used: ${why}.`, {
      location: where,
      fix: "keep data, models and results in real folders inside the project (paths are relative to repro.yml); copy data in instead of linking to it."
    });
  }
  return realPath(p);
}
function makeSafeDir(root, dir, what, where) {
  const real = safePath(root, dir, what, where);
  mkdirSync(real, { recursive: true });
  return safePath(root, real, what, where);
}
function anchorOf(root, p) {
  return escapesLexically(root, p) ? path2.dirname(p) : root;
}
function makeResultsDir(root, results, dir = results) {
  return makeSafeDir(anchorOf(root, results), dir, "the results folder");
}
function readFileNoFollow(file, maxBytes, what, where) {
  let fd;
  try {
    fd = openSync(file, constants2.O_RDONLY | constants2.O_NOFOLLOW | constants2.O_NONBLOCK);
  } catch (e) {
    const code = e.code;
    if (code === "ELOOP")
      throw new ReproError(`${what} ${file} is a link; repro-ci reads only files the steps wrote themselves.`, {
        location: where,
        fix: "write the file itself, not a link to it."
      });
    throw e;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile())
      throw new ReproError(`${what} ${file} is not a regular file.`, {
        location: where,
        fix: "write a plain file there."
      });
    if (st.size > maxBytes)
      throw new ReproError(`${what} ${file} is ${st.size} bytes, more than the ${maxBytes} repro-ci reads.`, {
        location: where,
        fix: "write only the metrics there (a few numbers), and keep large outputs in their own files."
      });
    const buf = Buffer.alloc(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, buf, got, st.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got).toString("utf8");
  } finally {
    closeSync(fd);
  }
}
function writeFileFresh(file, data) {
  try {
    const st = lstatSync(file);
    if (!st.isDirectory()) unlinkSync(file);
  } catch {
  }
  writeFileSync(file, data, { flag: "wx" });
}

// src/docker/docker.ts
import os2 from "node:os";
import path6 from "node:path";

// src/util/heartbeat.ts
var Heartbeat = class {
  constructor(opts) {
    this.opts = opts;
    this.now = opts.now ?? (() => performance.now() / 1e3);
    this.started = this.lastOutput = this.lastBeat = this.now();
  }
  opts;
  now;
  started;
  lastOutput;
  lastBeat;
  /** The step printed something. */
  touch() {
    this.lastOutput = this.lastBeat = this.now();
  }
  /** Says so when the step has been silent for `everySeconds` since the last output or heartbeat. */
  tick() {
    if (this.opts.everySeconds <= 0) return false;
    const t = this.now();
    if (t - this.lastBeat < this.opts.everySeconds) return false;
    this.lastBeat = t;
    this.opts.say(t - this.started, t - this.lastOutput);
    return true;
  }
  /** Ticks on a timer until the returned function is called. */
  start() {
    if (this.opts.everySeconds <= 0) return () => {
    };
    const timer = setInterval(() => this.tick(), Math.min(30, Math.max(0.25, this.opts.everySeconds / 4)) * 1e3);
    timer.unref();
    return () => clearInterval(timer);
  }
};

// src/util/text.ts
function editDistance(a, b) {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
function closest(word, candidates) {
  let best;
  let bestDist = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDist) {
      best = c;
      bestDist = d;
    }
  }
  return best !== void 0 && bestDist <= Math.max(2, Math.floor(word.length / 3)) ? best : void 0;
}
function didYouMean(word, candidates) {
  const c = closest(word, candidates);
  return c ? `did you mean "${c}"?` : `expected one of: ${candidates.join(", ")}`;
}
var LineTail = class {
  constructor(max) {
    this.max = max;
  }
  max;
  lines = [];
  partial = "";
  push(chunk) {
    const parts = (this.partial + chunk).split(/\r?\n/);
    this.partial = parts.pop() ?? "";
    for (const line of parts) this.add(line);
  }
  add(line) {
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.shift();
  }
  get() {
    return this.partial ? [...this.lines, this.partial].slice(-this.max) : [...this.lines];
  }
};
function formatDuration(seconds) {
  if (seconds < 59.95) return `${seconds.toFixed(1)}s`;
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor(s % 3600 / 60)).padStart(2, "0")}m`;
}
var MAX_DURATION_S = Math.floor((2 ** 31 - 1) / 1e3);
function parseDuration(value) {
  if (typeof value === "number") return Number.isFinite(value) && value > 0 ? value : void 0;
  const m = /^\s*(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s?)?\s*$/.exec(value);
  if (!m || m[1] === void 0 && m[2] === void 0 && m[3] === void 0) return void 0;
  const total = Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
  return total > 0 ? total : void 0;
}
function splitCommand(line) {
  const words = [];
  let cur = "";
  let inWord = false;
  let quote = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === "\\" && quote === '"' && i + 1 < line.length && '"\\'.includes(line[i + 1])) cur += line[++i];
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === "\\" && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(cur);
      cur = "";
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unclosed ${quote} quote`);
  if (inWord) words.push(cur);
  return words;
}
function splitFields(line, sep) {
  const fields = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"' && cur.trim() === "") {
      quoted = true;
      cur = "";
    } else if (c === sep) {
      fields.push(cur.trim());
      cur = "";
    } else cur += c;
  }
  fields.push(cur.trim());
  return { fields, unclosed: quoted };
}
function splitDelimited(line, sep) {
  return splitFields(line, sep).fields;
}
function oneLine(text) {
  return text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, (c) => {
    const named = { "\n": "\\n", "\r": "\\r", "	": "\\t" };
    return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

// src/docker/detect.ts
import os from "node:os";
import path3 from "node:path";
var BUILDER_PREFERENCES = ["auto", "buildx", "classic"];
function dockerConfigDir(env) {
  return env.DOCKER_CONFIG || path3.join(env.HOME || os.homedir(), ".docker");
}
function usesContextBuilder(buildxBuilderEnv, currentFile) {
  if (buildxBuilderEnv) return false;
  if (currentFile === void 0) return true;
  try {
    return JSON.parse(currentFile).Name === "";
  } catch {
    return false;
  }
}
var BUILDX_FIX = "install the buildx plugin: on GitHub-hosted runners add `docker/setup-buildx-action` before this step; on Debian/Ubuntu install `docker-buildx-plugin` (Docker's repository) or `docker-buildx` (Debian trixie and later); or see https://github.com/docker/buildx#installing.";
function chooseBuilder(pref, facts) {
  if (!facts.clientVersion) {
    throw new ReproError("the docker client did not answer `docker version`.", {
      fix: "install Docker and make sure `docker` is on PATH."
    });
  }
  if (!facts.serverVersion) {
    throw new ReproError(`the Docker engine is not reachable: ${firstLine(facts.serverError ?? "no answer")}`, {
      fix: "start the engine (`sudo systemctl start docker`, or `bash scripts/ensure-docker.sh` on this project's machines), and check that this user may use it (the `docker` group) or that DOCKER_HOST is right."
    });
  }
  const base = {
    clientVersion: facts.clientVersion,
    serverVersion: facts.serverVersion,
    buildxVersion: facts.buildxVersion
  };
  const classicHasBuildKit = major(facts.clientVersion) < 23;
  if (pref === "buildx" || pref === "auto" && facts.buildxVersion) {
    if (!facts.buildxVersion)
      throw new ReproError("`builder: buildx` was asked for, but `docker buildx version` does not answer.", {
        fix: BUILDX_FIX
      });
    return { ...base, builder: "buildx" };
  }
  if (classicHasBuildKit || facts.buildxVersion) return { ...base, builder: "classic" };
  throw new ReproError(
    `docker client ${facts.clientVersion} can only build with BuildKit through the buildx plugin, and the plugin is missing (\`docker buildx version\` fails). BuildKit is required for \`RUN --mount=type=cache\`.`,
    { fix: BUILDX_FIX }
  );
}
function major(version) {
  const m = /^(\d+)\./.exec(version);
  return m ? Number(m[1]) : 0;
}
function firstLine(s) {
  return s.trim().split("\n")[0];
}

// src/gpu/gpu.ts
function gpuRequest(configured, override) {
  const value = override?.value ?? configured;
  const replaced = override?.value !== void 0 && override.value !== configured;
  return {
    value,
    flag: value === "none" ? void 0 : value === "optional" ? "all" : value,
    optional: value === "optional",
    ...replaced ? { override: { from: override.from, configured } } : {}
  };
}
function parseNvidiaSmiXml(xml) {
  if (!/<nvidia_smi_log>/.test(xml)) return void 0;
  const tag = (text, name) => {
    const v = new RegExp(`<${name}>([^<]*)</${name}>`).exec(text)?.[1].trim();
    return v && v !== "N/A" ? decodeXml(v) : void 0;
  };
  const devices = [];
  const gpuBlocks = xml.split(/<gpu id="[^"]*">/).slice(1);
  gpuBlocks.forEach((block, i) => {
    const own = block.split("</gpu>")[0].replace(/<mig_devices>[\s\S]*?<\/mig_devices>/g, "");
    const total = /<fb_memory_usage>\s*<total>\s*(\d+)\s*MiB\s*<\/total>/.exec(own)?.[1];
    devices.push({
      index: i,
      name: tag(own, "product_name") ?? "unknown GPU",
      uuid: tag(own, "uuid"),
      memoryMiB: total === void 0 ? void 0 : Number(total)
    });
  });
  return { driverVersion: tag(xml, "driver_version"), cudaVersion: tag(xml, "cuda_version"), devices };
}
function decodeXml(s) {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}
function describeGpus(report) {
  const devices = report.devices.map((d) => `${d.index}: ${d.name}${d.memoryMiB ? ` (${d.memoryMiB} MiB)` : ""}`).join(", ");
  return `${devices || "no GPU"}; driver ${report.driverVersion ?? "unknown"}, CUDA ${report.cudaVersion ?? "unknown"}`;
}
var TOOLKIT_FIX = "install the NVIDIA Container Toolkit (https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/install-guide.html), run `sudo nvidia-ctk runtime configure --runtime=docker`, then `sudo systemctl restart docker`";
var DRIVER_FIX = "install the NVIDIA driver on this machine (`nvidia-smi` must work on the host), then the NVIDIA Container Toolkit, and restart Docker";
var FALLBACK = "Or set `gpus: optional` to run on the CPU when no GPU is usable, or `gpus: none`.";
function isGpuRuntimeError(text) {
  return /could not select device driver .* with capabilities: \[\[gpu\]\]|nvidia-container-cli|unknown or invalid runtime name: nvidia|nvidia-container-runtime/.test(
    text
  );
}
function diagnoseGpuFailure(probe, engine, host) {
  const out = probe.output;
  const runtimes = `Docker's runtimes: ${engine.runtimes.join(", ") || "none"}${engine.runtimes.includes("nvidia") ? "" : " (no `nvidia`)"}`;
  const cuda = /unsatisfied condition: cuda>=?([\d.]+)/.exec(out);
  if (cuda) {
    return {
      missing: "cuda-compat",
      problem: `the image needs CUDA ${cuda[1]}, newer than the NVIDIA driver on this machine supports${host.found && host.exitCode === 0 ? ` (${hostDriverLine(host.output)})` : ""}.`,
      fix: `upgrade the NVIDIA driver on the runner, or build FROM a CUDA base image no newer than the driver supports (nvidia-smi shows "CUDA Version"). ${FALLBACK}`
    };
  }
  if (/unknown device|invalid device|device .* not found|no such device/i.test(out)) {
    return {
      missing: "devices",
      problem: "the GPUs named in `gpus: device=...` do not exist on this machine.",
      fix: `use indexes that \`nvidia-smi -L\` lists on the runner, or \`gpus: all\`. ${FALLBACK}`
    };
  }
  if (/No devices were found/i.test(out)) {
    return {
      missing: "devices",
      problem: "the NVIDIA driver and toolkit work, but no GPU is visible.",
      fix: `check \`nvidia-smi -L\` on the runner (a GPU in use by MIG or passed to another VM does not show). ${FALLBACK}`
    };
  }
  const driverBroken = /libnvidia-ml\.so|nvml error|driver not loaded|driver error|couldn't communicate with the NVIDIA driver/i.test(out);
  if (driverBroken || isGpuRuntimeError(out) && !hostOk(host)) {
    const hostSays = !host.found ? "nvidia-smi is not installed on the runner" : host.exitCode !== 0 ? `nvidia-smi on the runner fails: ${firstLine2(host.output).replace(/\.$/, "")}` : "the container cannot load the driver libraries";
    return {
      missing: "driver",
      problem: `no working NVIDIA driver: ${hostSays}.`,
      fix: `${!host.found || host.exitCode === 0 ? DRIVER_FIX : "load the driver (a reboot after installing or upgrading it usually does; `nvidia-smi` must work on the host), then restart Docker"}. ${FALLBACK}`
    };
  }
  if (/unknown or invalid runtime name: nvidia/.test(out)) {
    return {
      missing: "runtime-config",
      problem: `the engine's configuration names the \`nvidia\` runtime, but it is not installed. ${runtimes}.`,
      fix: `${TOOLKIT_FIX}. ${FALLBACK}`
    };
  }
  if (isGpuRuntimeError(out)) {
    return {
      missing: "toolkit",
      problem: `the NVIDIA driver works on the runner, but Docker cannot give containers GPUs: the NVIDIA Container Toolkit is missing, or Docker was not restarted after installing it. ${runtimes}.`,
      fix: `${TOOLKIT_FIX}. ${FALLBACK}`
    };
  }
  return {
    missing: "unknown",
    problem: `a container could not use the GPUs (exit code ${probe.exitCode}).`,
    fix: `run \`docker run --rm --gpus all IMAGE nvidia-smi\` on the runner to see docker's own message. ${FALLBACK}`
  };
}
function hostOk(host) {
  return host.found && host.exitCode === 0;
}
function firstLine2(text) {
  return text.trim().split("\n")[0] ?? "";
}
function hostDriverLine(text) {
  const m = /Driver Version:\s*(\S+)\s+CUDA Version:\s*(\S+)/.exec(text);
  return m ? `driver ${m[1]}, CUDA ${m[2]}` : firstLine2(text);
}
function gpuPreflightError(step, gpus, d, output, override) {
  const tail = output.trim() ? `
  Docker said: ${output.trim().split("\n").filter((l) => l.trim() && !/^Run 'docker run --help'/.test(l)).slice(-3).join(" / ")}` : "";
  const asked = override ? `\`${gpus}\` from ${override.from}, over repro.yml's \`gpus: ${override.configured}\`` : `\`gpus: ${gpus}\``;
  const fix = override ? d.fix.replace(
    FALLBACK,
    `Or set ${override.from} to \`optional\` (or leave it empty to use repro.yml's \`${override.configured}\`), or to \`none\`.`
  ) : d.fix;
  return new ReproError(`step "${step}" asked for GPUs (${asked}), but ${d.problem}${tail}`, { fix });
}

// src/util/bytes.ts
function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}

// src/docker/explain.ts
var GPU_RUNTIME_FIX = "this machine has no GPU container runtime. Install the NVIDIA driver and the NVIDIA Container Toolkit, run `sudo nvidia-ctk runtime configure --runtime=docker` and restart Docker; or use `gpus: optional` to fall back to the CPU, or `gpus: none`.";
function explainRunFailure(step, f, timeoutSeconds, logFile) {
  const tail = formatTail(f.tail);
  if (f.timedOut) {
    return new ReproError(
      `step "${step}" ran past its timeout of ${formatDuration(timeoutSeconds)} and was stopped.${tail}`,
      {
        fix: `raise \`timeout:\` for this step in repro.yml, or make the step faster. Full log: ${logFile}`
      }
    );
  }
  const text = f.tail.join("\n");
  if (f.exitCode === 125 && isGpuRuntimeError(text)) {
    return new ReproError(`step "${step}" asked for GPUs, but docker could not give it any.${tail}`, {
      fix: GPU_RUNTIME_FIX
    });
  }
  if (f.exitCode === 125) {
    return new ReproError(`docker could not start the container of step "${step}" (exit code 125).${tail}`, {
      fix: "read docker's message above: usually a bad mount, network or image setting in repro.yml."
    });
  }
  if (f.exitCode === 126 || f.exitCode === 127) {
    const what = f.exitCode === 127 ? "was not found in the image" : "is not executable";
    return new ReproError(`the command of step "${step}" ${what} (exit code ${f.exitCode}).${tail}`, {
      fix: "check `command:`/`args:` in repro.yml and the ENTRYPOINT of the image."
    });
  }
  if (f.oomKilled) {
    const limit = f.memoryLimit ? `its limit of ${formatBytes(f.memoryLimit)} (the step's \`memory:\` in repro.yml)` : "the machine's memory (no limit was set)";
    return new ReproError(
      `step "${step}" ran out of memory: the kernel stopped it at ${limit} (exit code ${f.exitCode}).${tail}`,
      {
        fix: `${f.memoryLimit ? "raise `memory:` for this step, or " : ""}make the step use less (smaller batches, fewer workers). Full log: ${logFile}`
      }
    );
  }
  const killed = f.exitCode === 137 ? ` The process was killed (SIGKILL)${f.oomKilled === false ? ", not for memory: the engine reports no out-of-memory kill" : ""}.` : "";
  return new ReproError(`step "${step}" failed with exit code ${f.exitCode}.${killed}${tail}`, {
    fix: `read the log lines above (full log: ${logFile}).`
  });
}
function explainBuildFailure(dockerfile, exitCode, tail) {
  const text = tail.join("\n");
  const parse = /dockerfile parse error (?:on )?line (\d+): (.*)/i.exec(text);
  if (parse) {
    return new ReproError(`${dockerfile} does not parse: ${parse[2].trim()}`, {
      location: { file: dockerfile, line: Number(parse[1]) },
      fix: "fix that line of the Dockerfile (see https://docs.docker.com/reference/dockerfile/)."
    });
  }
  const missingBase = baseImageNamed(text);
  if (missingBase && /pull access denied|not found|no such host|dial tcp|connection refused|i\/o timeout|unauthorized/.test(text)) {
    return new ReproError(
      `building ${dockerfile}: the base image ${missingBase} could not be pulled.${formatTail(tail)}`,
      {
        fix: "check the FROM line (name and tag), that the registry is reachable from this runner, and log in first for a private image."
      }
    );
  }
  const notFound = /failed to compute cache key: .*?"?([^"\s]+)"?: not found/.exec(text);
  if (notFound) {
    return new ReproError(
      `building ${dockerfile}: a file it copies is missing from the build context: ${notFound[1]}.${formatTail(tail)}`,
      {
        fix: "check the COPY/ADD paths (relative to `context:` in repro.yml) and that .dockerignore does not exclude them."
      }
    );
  }
  const runFailed = /(?:process "(.+)" did not complete successfully|executor failed running \[(.+)\]): exit code: (\d+)/.exec(text);
  if (runFailed) {
    return new ReproError(
      `building ${dockerfile}: \`${(runFailed[1] ?? runFailed[2]).replace(/^\/bin\/sh -c /, "")}\` failed with exit code ${runFailed[3]}.${formatTail(tail)}`,
      {
        fix: "fix that RUN instruction; its output is above."
      }
    );
  }
  return new ReproError(`docker build of ${dockerfile} failed (exit code ${exitCode}).${formatTail(tail)}`, {
    fix: "read the build log above."
  });
}
function baseImageNamed(text) {
  const named = /failed to (?:resolve source metadata|load metadata) for (\S+)|pull access denied for (\S+?),/i.exec(
    text
  );
  if (named) return (named[1] ?? named[2]).replace(/:$/, "");
  const url = /failed to do request: \w+ "?https?:\/\/([^/"\s]+)\/v2\/(\S+?)\/manifests\/([^"\s:]+)/i.exec(text);
  return url ? `${url[1].replace(/^registry-1\.docker\.io$/, "docker.io")}/${url[2]}:${url[3]}` : void 0;
}
var PushError = class extends ReproError {
  constructor(message, fix, transient, refused = false) {
    super(message, { fix });
    this.transient = transient;
    this.refused = refused;
    this.name = "PushError";
  }
  transient;
  refused;
};
function isTransientPushFailure(text) {
  return /\b(50[0-4]|429)\b|error from registry: (unavailable|toomanyrequests)|Service Unavailable|Bad Gateway|Gateway Time-?out|Internal Server Error|toomanyrequests|too many requests|connection reset|broken pipe|i\/o timeout|TLS handshake timeout|unexpected EOF|request canceled|context deadline exceeded/i.test(
    text
  );
}
function explainPushFailure(ref, tail) {
  const text = tail.join("\n");
  const registry = ref.split("/")[0];
  if (/unauthorized|authentication required|no basic auth credentials|denied|forbidden|\b40[13]\b/i.test(text)) {
    return new PushError(
      `the registry ${registry} refused the push of ${ref}: not logged in or not allowed.${formatTail(tail)}`,
      "log in before pushing (the `username`/`password` inputs or docker/login-action), and check that the account may write to this repository; for ghcr.io give the workflow `permissions: packages: write`.",
      false,
      true
    );
  }
  if (/connection refused|no such host|network is unreachable/.test(text) || /dial tcp/.test(text) && !isTransientPushFailure(text)) {
    return new PushError(
      `cannot reach the registry ${registry} to push ${ref}.${formatTail(tail)}`,
      "check the registry host in `push.image` (or the `registry`/`image` inputs) and that it is running and reachable from this runner.",
      false
    );
  }
  if (/server gave HTTP response to HTTPS client/.test(text)) {
    return new PushError(
      `the registry ${registry} speaks plain HTTP, and docker only allows that for localhost.${formatTail(tail)}`,
      `add "${registry}" to "insecure-registries" in the engine's daemon.json, or serve the registry over TLS.`,
      false
    );
  }
  if (isTransientPushFailure(text)) {
    return new PushError(
      `the registry ${registry} failed the push of ${ref} with a passing fault.${formatTail(tail)}`,
      "the registry or the network between had a passing fault; re-run the job, or raise `push.retries` in repro.yml.",
      true
    );
  }
  return new PushError(
    `docker push ${ref} failed.${formatTail(tail)}`,
    "read the push log above; if the registry had a passing fault, re-run the job.",
    false
  );
}
function pushPastDeadline(ref, deadlineMs) {
  const registry = ref.split("/")[0];
  const s = Math.round(deadlineMs / 1e3);
  return new PushError(
    `docker push ${ref} did not finish within ${s} s, so it was stopped: the registry ${registry} stopped answering during the upload, or the upload is slower than that.`,
    "check that the registry is healthy (it answered, then stalled); for a large image on a slow link, raise `push.timeout` in repro.yml.",
    false
  );
}
function explainLoginFailure(registry, username, tail) {
  const text = tail.join("\n");
  if (/unauthorized|incorrect username or password|denied|\b401\b/i.test(text)) {
    return new ReproError(`the registry ${registry} refused the login of ${username}.${formatTail(tail)}`, {
      fix: "check the `username` and `password` inputs (a token with write access to packages; for ghcr.io the workflow needs `permissions: packages: write`)."
    });
  }
  return new ReproError(`docker login to ${registry} as ${username} failed.${formatTail(tail)}`, {
    fix: "check the `registry` host and that it is reachable from this runner."
  });
}
function formatTail(lines, max = 20) {
  const kept = lines.filter((l) => l.trim() !== "").slice(-max);
  return kept.length ? `
  Last lines:
${kept.map((l) => `    | ${l}`).join("\n")}` : "";
}

// src/docker/engine-api.ts
import { readFileSync as readFileSync2 } from "node:fs";
import http from "node:http";
import path4 from "node:path";
function engineSocket(env, currentContext) {
  if (env.DOCKER_HOST) return env.DOCKER_HOST.startsWith("unix://") ? env.DOCKER_HOST.slice(7) : void 0;
  const context = env.DOCKER_CONTEXT || currentContext;
  return !context || context === "default" ? "/var/run/docker.sock" : void 0;
}
function cliConfig(env) {
  try {
    const c = JSON.parse(readFileSync2(path4.join(dockerConfigDir(env), "config.json"), "utf8"));
    return {
      ...typeof c.currentContext === "string" ? { currentContext: c.currentContext } : {},
      ...Array.isArray(c.cliPluginsExtraDirs) && c.cliPluginsExtraDirs.length > 0 ? { pluginExtraDirs: true } : {}
    };
  } catch {
    return {};
  }
}
function getFromSocket(socketPath, urlPath, timeoutMs = 2e3) {
  return new Promise((resolve) => {
    const req = http.get({ socketPath, path: urlPath, headers: { host: "docker" }, timeout: timeoutMs }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => body += d);
      res.on("end", () => resolve(res.statusCode === 200 ? body : void 0));
      res.on("error", () => resolve(void 0));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(void 0));
  });
}
var engineApi = {
  socket: (env) => engineSocket(env, env.DOCKER_HOST ? void 0 : cliConfig(env).currentContext),
  async info(socket) {
    const body = await getFromSocket(socket, "/info");
    try {
      const serverVersion = body && JSON.parse(body).ServerVersion;
      return typeof serverVersion === "string" ? { text: body, serverVersion } : void 0;
    } catch {
      return void 0;
    }
  }
};

// src/docker/info.ts
function parseEngineInfo(json) {
  let d = {};
  try {
    d = JSON.parse(json.trim().split("\n")[0] || "{}");
  } catch {
  }
  const str = (k) => typeof d[k] === "string" && d[k] !== "" ? d[k] : void 0;
  const num = (k) => typeof d[k] === "number" ? d[k] : void 0;
  const runtimes = d.Runtimes && typeof d.Runtimes === "object" ? Object.keys(d.Runtimes).sort() : [];
  return {
    serverVersion: str("ServerVersion"),
    operatingSystem: str("OperatingSystem"),
    kernelVersion: str("KernelVersion"),
    storageDriver: str("Driver"),
    containerdStore: Array.isArray(d.DriverStatus) && d.DriverStatus.some(
      (e) => Array.isArray(e) && e[0] === "driver-type" && e[1] === "io.containerd.snapshotter.v1"
    ),
    rootDir: str("DockerRootDir"),
    cpus: num("NCPU"),
    memoryBytes: num("MemTotal"),
    runtimes,
    defaultRuntime: str("DefaultRuntime"),
    cdiSpecDirs: Array.isArray(d.CDISpecDirs) ? d.CDISpecDirs.filter((x) => typeof x === "string") : []
  };
}
function parseBuildkitVersion(inspect) {
  return /^\s*Build[Kk]it(?: version)?:\s*(\S+)/m.exec(inspect)?.[1];
}

// src/docker/ignore.ts
import { existsSync, readFileSync as readFileSync3 } from "node:fs";
import path5 from "node:path";
function userIgnoreFiles(dockerfile, context) {
  return [`${dockerfile}.dockerignore`, path5.join(context, ".dockerignore")];
}
function literal(p) {
  return p.replace(/[*?[\\]/g, (c) => `\\${c}`);
}
function ignoreFileText(user, exclude) {
  const ours = exclude.map(literal);
  const revives = (line) => {
    const m = /^\s*!\s*\/?(.+?)\/?\s*$/.exec(line);
    return !!m && ours.some((p) => m[1] === p || m[1].startsWith(`${p}/`));
  };
  const kept = (user ?? "").split(/\r?\n/).filter((l) => !revives(l));
  const head = kept.join("\n").replace(/\n*$/, "");
  return `${head ? `${head}
` : ""}# repro-ci: its own files never enter the build
${ours.join("\n")}
`;
}
function buildIgnore(dockerfile, context, exclude = []) {
  const userFile = userIgnoreFiles(dockerfile, context).find((f) => existsSync(f));
  const userText = userFile ? readFileSync3(userFile, "utf8") : void 0;
  return { userFile, userText, text: exclude.length ? ignoreFileText(userText, exclude) : userText ?? "" };
}

// src/docker/docker.ts
var Docker = class _Docker {
  constructor(exec3, log, bin = "docker", env = {}, engine = engineApi) {
    this.exec = exec3;
    this.log = log;
    this.bin = bin;
    this.env = env;
    this.engine = engine;
  }
  exec;
  log;
  bin;
  env;
  engine;
  memo = {};
  /** The buildx plugin's binary, once `docker info` has named it: buildx calls then skip the docker CLI. */
  buildxPlugin;
  /** Step containers being removed while the run goes on (~40 ms each): name → its removal. */
  removing = /* @__PURE__ */ new Map();
  /** Removals the engine refused (a gone container or image is none), shared with withEnv's copies. */
  removals = { failed: 0 };
  /** Whether a container or image this client was told to remove may still be there. */
  leftSomethingBehind() {
    return this.removals.failed > 0;
  }
  /** Waits for the removals run() left going: the pipeline does before it says the run has ended. */
  async removalsDone() {
    await Promise.all(this.removing.values());
  }
  call(args, opts = {}, plugin = this.buildxPlugin) {
    const env = clientEnvOverrides(process.env, { ...this.env, ...opts.env });
    if (args[0] === "buildx" && plugin) {
      const direct = directBuildxCall(plugin, args);
      return this.exec(direct.file, direct.args, { ...opts, env: { ...env, ...direct.env } });
    }
    return this.exec(this.bin, args, { ...opts, env });
  }
  /**
   * One `docker info`: the versions (a client of 23 or later names its own), the engine's error, and the
   * buildx plugin from the client's plugin list (asking `docker buildx version` would start the plugin,
   * ~0.2 s more on every run). `docker version` only for a client whose info lacks its version (20.10).
   */
  facts() {
    return this.memo.facts ??= this.askFacts();
  }
  async askFacts() {
    const direct = await this.factsWithoutInfo();
    if (direct) return direct;
    const info = await this.infoJson();
    const facts = versionsFromInfo(info.stdout) ?? await this.versionFacts();
    if (!facts.serverVersion) facts.serverError ??= info.stderr || info.stdout;
    const plugins = clientPlugins(info.stdout);
    if (plugins) {
      const buildx = plugins.find((p) => p.Name === "buildx" && !p.Err);
      if (buildx) facts.buildxVersion = `buildx ${buildx.Version ?? ""}`.trim();
      this.buildxPlugin = buildx?.Path;
    } else {
      const buildx = await this.call(["buildx", "version"]);
      if (buildx.exitCode === 0) facts.buildxVersion = buildx.stdout.trim();
    }
    return facts;
  }
  /**
   * The same facts without `docker info` (which starts the CLI, then each CLI plugin to list it): the
   * engine's /info from its socket, `docker --version` (the client alone) and the buildx plugin's own
   * metadata, all at once. Undefined where any is missing (another context or host, no engine, a buildx
   * outside the plugin folders): `docker info` then answers, and explains.
   */
  async factsWithoutInfo() {
    const plugin = this.likelyBuildxPlugin();
    const overrides = clientEnvOverrides(process.env, this.env);
    const socket = plugin && this.engine.socket({ ...process.env, ...overrides });
    if (!plugin || !socket) return void 0;
    const [info, clientAnswer, metaAnswer] = await Promise.all([
      this.engine.info(socket),
      this.call(["--version"]),
      this.exec(plugin, ["docker-cli-plugin-metadata"], { env: overrides })
    ]);
    if (!info) return void 0;
    const clientVersion = /^Docker version ([^\s,]+)/.exec(clientAnswer.stdout)?.[1];
    const buildx = pluginMetadata(metaAnswer.exitCode === 0 ? metaAnswer.stdout : "");
    if (!clientVersion || !buildx) return void 0;
    this.memo.info = Promise.resolve({ exitCode: 0, stdout: info.text, stderr: "" });
    this.buildxPlugin = plugin;
    return {
      clientVersion,
      serverVersion: info.serverVersion,
      buildxVersion: `buildx ${buildx.Version ?? ""}`.trim()
    };
  }
  /** `docker version`: for clients whose `docker info` does not name their own version. */
  async versionFacts() {
    const version = await this.call(["version", "--format", "{{json .}}"]);
    const facts = {};
    try {
      const json = JSON.parse(version.stdout.trim().split("\n")[0] || "{}");
      facts.clientVersion = json.Client?.Version;
      facts.serverVersion = json.Server?.Version;
    } catch {
    }
    if (!facts.serverVersion) facts.serverError = version.stderr || version.stdout;
    return facts;
  }
  /** `docker info` as JSON, asked once per Docker object: the engine does not change during a run. */
  infoJson() {
    return this.memo.info ??= this.call(["info", "--format", "{{json .}}"]);
  }
  /** `docker buildx inspect`, asked once: it answers the driver and the BuildKit version. */
  buildxInspect() {
    return this.memo.buildxInspect ??= this.inspectBuildx();
  }
  /**
   * The plugin's binary run directly answers in 0.08 s instead of 0.28 s, but only `docker info` names it
   * for sure. So it starts beside `docker info` with the binary docker would most likely find, and is asked
   * again in the rare case that info names another (~30 ms off the run's way to its first build).
   */
  async inspectBuildx() {
    const likely = this.likelyBuildxPlugin();
    const early = likely ? this.call(["buildx", "inspect"], {}, likely) : void 0;
    early?.catch(() => void 0);
    await this.facts().catch(() => void 0);
    return early && this.buildxPlugin === likely ? early : this.call(["buildx", "inspect"]);
  }
  /**
   * The first `docker-buildx` in the docker CLI's plugin folders (Linux); undefined elsewhere, and where
   * config.json adds folders (whose place in the order differs between CLI versions).
   */
  likelyBuildxPlugin() {
    if (this.memo.likelyBuildx === void 0) {
      const env = { ...process.env, ...this.env };
      const none = process.platform !== "linux" || cliConfig(env).pluginExtraDirs;
      this.memo.likelyBuildx = none ? null : buildxPluginCandidates(dockerConfigDir(env)).find(isExecutableFile) ?? null;
    }
    return this.memo.likelyBuildx ?? void 0;
  }
  /**
   * Starts detection (`docker version`, `docker info`) and `docker buildx inspect` (~0.3 s; the BuildKit
   * version for the record and the rebuild check, the driver for the layer cache), so that the answers
   * come in while the caller loads and reads what it needs, and before the first helper build instead of
   * slowing it. Asked once; a failure is kept for whoever asks.
   */
  prefetchBuilderFacts() {
    this.facts().catch(() => void 0);
    this.buildxInspect().catch(() => void 0);
  }
  async detect(pref) {
    return chooseBuilder(pref, await this.facts());
  }
  /** Builds an image, streaming BuildKit's plain progress; returns the image id. */
  /** `watch` also sees the build's output as it arrives (the layer cache's faults, say). */
  async build(kind, req, dockerfileLabel, watch) {
    const dir = mkdtempSync(path6.join(os2.tmpdir(), "repro-ci-build-"));
    try {
      const iidFile = path6.join(dir, "iid");
      const tail = new LineTail(40);
      const stream = (s) => {
        tail.push(s);
        watch?.push(s);
        this.log.output(s);
      };
      const noProvenance = kind === "buildx" && buildxAtLeast((await this.facts()).buildxVersion, 0, 10);
      const dockerfile = req.exclude?.length ? withOwnIgnoreFile(dir, req.dockerfile, req.context, req.exclude) : req.dockerfile;
      const full = { ...req, dockerfile, iidFile, noProvenance };
      const res = await this.log.untrusted(
        () => this.call(buildArgv(kind, full), {
          env: buildEnv(kind),
          capture: false,
          onStdout: stream,
          onStderr: stream
        })
      );
      if (res.exitCode !== 0) throw explainBuildFailure(dockerfileLabel, res.exitCode, tail.get());
      const iid = readFileSync4(iidFile, "utf8").trim();
      if (req.tags[0] && (await this.info()).containerdStore) return (await this.imageInspect(req.tags[0]))?.id ?? iid;
      return iid;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  /** Runs a helper build (argv.helperBuildArgv); `env` holds the values of its `buildArgsFromEnv`. A failure is returned, not thrown: callers warn and go on. */
  async helperBuild(kind, req, env = {}) {
    const tail = new LineTail(30);
    let log = "";
    const collect = (s) => {
      tail.push(s);
      log += s;
    };
    const res = await this.call(helperBuildArgv(kind, req), {
      env: { ...buildEnv(kind), ...env },
      capture: false,
      onStdout: collect,
      onStderr: collect
    });
    return { exitCode: res.exitCode, tail: tail.get(), log };
  }
  /** The driver of the current buildx builder (`docker`, `docker-container`, ...), or undefined without buildx. */
  async buildxDriver() {
    const env = { ...process.env, ...this.env };
    let current;
    try {
      current = readFileSync4(path6.join(dockerConfigDir(env), "buildx", "current"), "utf8");
    } catch {
    }
    if (usesContextBuilder(env.BUILDX_BUILDER, current)) return "docker";
    const res = await this.buildxInspect();
    return res.exitCode === 0 ? /^Driver:\s*(\S+)/m.exec(res.stdout)?.[1] : void 0;
  }
  /** The first node's endpoint of the current buildx builder (`unix:///…`, `tcp://…`, a context name). */
  async buildxEndpoint() {
    const res = await this.buildxInspect();
    return res.exitCode === 0 ? /^Endpoint:\s*(\S+)/m.exec(res.stdout)?.[1] : void 0;
  }
  /**
   * Runs a container in the foreground with a time limit. Output streams to the log and to `logFile`;
   * the container is stopped when the limit passes. Once it has ended (and said how), it is removed while
   * the caller goes on: removalsDone() waits for that, and a later run of the same name waits first.
   */
  async run(req, opts) {
    await this.removing.get(req.name);
    writeFileFresh(opts.logFile, "");
    const file = createWriteStream(opts.logFile, { flags: "r+" });
    let writeError;
    file.on("error", (e) => {
      if (writeError) return;
      writeError = e;
      void this.stop(req.name, 2);
    });
    const tail = new LineTail(40);
    const heartbeat = opts.heartbeat ? new Heartbeat(opts.heartbeat) : void 0;
    const masked = secrets.stream((s) => {
      tail.push(s);
      file.write(s);
      this.log.output(s);
    });
    const stream = (s) => {
      heartbeat?.touch();
      masked.write(s);
    };
    const envDir = mkdtempSync(path6.join(os2.tmpdir(), "repro-ci-env-"));
    const envFile = path6.join(envDir, "env");
    writeFileSync2(envFile, (opts.env?.fileLines ?? []).map((l) => `${l}
`).join(""), { mode: 384 });
    const full = { ...req, envFile, envNames: Object.keys(opts.env?.clientEnv ?? {}), keep: true };
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      this.log.warning(`step container ${req.name} exceeded its time limit of ${opts.timeoutSeconds}s; stopping it.`);
      void this.stop(req.name, 5);
    }, opts.timeoutSeconds * 1e3);
    const stopHeartbeat = heartbeat?.start();
    try {
      opts.onStart?.();
      const res = await this.log.untrusted(async () => {
        try {
          return await this.call(runArgv(full), {
            env: opts.env?.clientEnv,
            capture: false,
            onStdout: stream,
            onStderr: stream
          });
        } finally {
          masked.end();
        }
      });
      const outcome = {
        exitCode: res.exitCode,
        timedOut,
        tail: tail.get(),
        ...res.exitCode !== 0 ? await this.howItEnded(req.name) : {}
      };
      await new Promise((resolve) => file.writableFinished || writeError ? resolve() : file.end(resolve));
      if (writeError) {
        throw new ReproError(
          `the log of step container ${req.name} could not be written to ${opts.logFile} (${writeError.code ?? writeError.message}); the step was stopped.`,
          {
            fix: writeError.code === "ENOSPC" ? "free space on the disk that holds the results folder, or point `results:` in repro.yml at another disk." : "check that the results folder is writable and stays in place while the run goes on."
          }
        );
      }
      return outcome;
    } finally {
      const removal = this.removeContainers([req.name]).catch(() => void 0);
      this.removing.set(req.name, removal);
      void removal.then(() => this.removing.get(req.name) === removal && this.removing.delete(req.name));
      clearTimeout(timer);
      stopHeartbeat?.();
      rmSync(envDir, { recursive: true, force: true });
      if (!file.writableFinished && !writeError) await new Promise((resolve) => file.end(resolve));
      else file.destroy();
    }
  }
  async howItEnded(name) {
    const res = await this.call(containerEndArgv(name));
    const m = /^(true|false) (\d+)/.exec(res.stdout.trim());
    return res.exitCode === 0 && m ? { oomKilled: m[1] === "true", memoryLimit: Number(m[2]) } : {};
  }
  async stop(name, graceSeconds) {
    await this.call(stopArgv(name, graceSeconds));
  }
  async removeContainers(names) {
    if (names.length > 0) this.countFailure(await this.call(removeContainersArgv(names)));
  }
  countFailure(res) {
    if (res.exitCode === 0) return;
    if (res.stderr.split("\n").some((l) => l.trim() && !/No such (container|image)/i.test(l))) this.removals.failed++;
  }
  /** Ids of every container, running or not, that carries `label` (`key=value`). */
  async containersWithLabel(label) {
    const res = await this.call(listContainersArgv(label));
    return res.stdout.split("\n").map((s) => s.trim()).filter(Boolean);
  }
  async tag(source, target) {
    const res = await this.call(tagArgv(source, target));
    if (res.exitCode !== 0)
      throw new ReproError(`docker tag ${target} failed: ${res.stderr.trim()}`, {
        fix: "check that the image name is a valid lower-case repository."
      });
  }
  /** The same client with more environment (a temporary DOCKER_CONFIG holding a registry login). */
  withEnv(env) {
    const copy = new _Docker(this.exec, this.log, this.bin, { ...this.env, ...env }, this.engine);
    copy.removals = this.removals;
    return copy;
  }
  /** `docker login`, the password on stdin. Writes the credentials into this client's DOCKER_CONFIG. */
  async login(registry, username, password) {
    const res = await this.call(loginArgv(registry, username), { input: Buffer.from(password) });
    if (res.exitCode !== 0) throw explainLoginFailure(registry, username, `${res.stderr}
${res.stdout}`.split("\n"));
  }
  /**
   * Pushes one reference and returns the manifest digest the registry answered with. Past `deadlineMs`
   * the push is stopped (docker would wait for ever on a registry that stalls mid-upload).
   */
  async push(ref, deadlineMs) {
    const tail = new LineTail(20);
    const stream = (s) => {
      tail.push(s);
      this.log.output(s);
    };
    const res = await this.call(pushArgv(ref), { onStdout: stream, onStderr: stream, deadlineMs });
    if (res.timedOut) throw pushPastDeadline(ref, deadlineMs);
    if (res.exitCode !== 0) throw explainPushFailure(ref, tail.get());
    const digest = /digest: (sha256:[0-9a-f]{64})/.exec(res.stdout)?.[1];
    if (!digest)
      throw new ReproError(`docker push ${ref} succeeded but printed no digest.`, {
        fix: "report this with the push log above."
      });
    return digest;
  }
  async info() {
    await this.memo.facts?.catch(() => void 0);
    const res = await this.infoJson();
    return parseEngineInfo(res.exitCode === 0 ? res.stdout : "");
  }
  /** BuildKit version of the current builder; undefined without the buildx plugin. */
  async buildkitVersion() {
    const res = await this.buildxInspect();
    return res.exitCode === 0 ? parseBuildkitVersion(res.stdout) : void 0;
  }
  /** Runs a short-lived container (a GPU probe, say) and returns its exit code and output. */
  async runCaptured(req) {
    return this.call(runArgv(req));
  }
  /**
   * Removes everything carrying `label`: containers, networks, temporary images, all listed at once (three
   * CLI calls side by side, ~0.08 s less than in turn), then the containers first (a network or image one
   * uses cannot go). Returns how many of each went.
   */
  async removeLabelled(label) {
    const ids = async (args) => (await this.call(args)).stdout.split("\n").map((s) => s.trim()).filter(Boolean);
    const [containers, networks, images] = await Promise.all([
      ids(listContainersArgv(label)),
      ids(listNetworksArgv(label)),
      ids(listImagesArgv(label)).then((x) => [...new Set(x)])
    ]);
    await this.removeContainers(containers);
    await Promise.all([
      networks.length > 0 ? this.call(removeNetworksArgv(networks)) : void 0,
      images.length > 0 ? this.call(removeImagesArgv(images)) : void 0
    ]);
    return { containers: containers.length, networks: networks.length, images: images.length };
  }
  /** Image ids and digests for inspection in records and tests. */
  async imageInspect(ref) {
    const res = await this.call(["image", "inspect", "--format", "{{json .}}", ref]);
    if (res.exitCode !== 0) return void 0;
    const json = JSON.parse(res.stdout);
    return { id: json.Id, repoDigests: json.RepoDigests ?? [] };
  }
  /**
   * Whether `repo@sha256:…` from an image's RepoDigests names what a registry serves. On the overlay2 store
   * RepoDigests come only from pulls and pushes; on the containerd store a locally built or imported image
   * lists its local manifest there, which no registry holds, so the registry is asked (`manifest inspect`).
   */
  servedByRegistry(digestRef) {
    let served = this.served.get(digestRef);
    if (!served) {
      served = this.info().then(
        async (i) => !i.containerdStore || (await this.call(manifestInspectArgv(digestRef))).exitCode === 0
      );
      this.served.set(digestRef, served);
    }
    return served;
  }
  served = /* @__PURE__ */ new Map();
  /** Diff ids of the image's layers, oldest first. */
  async layers(image) {
    const res = await this.call(layersArgv(image));
    if (res.exitCode !== 0) throw new ReproError(`docker image inspect ${image} failed: ${res.stderr.trim()}`);
    return JSON.parse(res.stdout);
  }
  /** The CreatedBy of each history entry, oldest first. */
  async history(image) {
    const res = await this.call(historyArgv(image));
    if (res.exitCode !== 0) throw new ReproError(`docker history ${image} failed: ${res.stderr.trim()}`);
    return res.stdout.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l)).reverse();
  }
  /** Pulls a reference (tag or digest); a failure names the reference and docker's reason. */
  async pull(ref) {
    const tail = new LineTail(10);
    const res = await this.call(pullArgv(ref), { onStdout: (s) => tail.push(s), onStderr: (s) => tail.push(s) });
    if (res.exitCode !== 0)
      throw new ReproError(`docker pull ${ref} failed: ${tail.get().join(" ").trim() || `exit code ${res.exitCode}`}`, {
        fix: "check the reference and that this machine can reach the registry (and is logged in to it for private images)."
      });
  }
  /** Copies one file out of an image, through a container that is created, never started, and removed. */
  async copyFromImage(image, src, dest, name) {
    const created = await this.call(createArgv(image, name));
    if (created.exitCode !== 0) throw new ReproError(`docker create ${image} failed: ${created.stderr.trim()}`);
    try {
      const cp = await this.call(copyFromArgv(name, src, dest));
      if (cp.exitCode !== 0) throw new ReproError(`docker cp ${src} out of ${image} failed: ${cp.stderr.trim()}`);
    } finally {
      await this.removeContainers([name]);
    }
  }
  /** An image made of one tar archive (`docker import`, no build); returns its id. */
  async importImage(tar, labels) {
    const res = await this.call(importArgv(labels), { input: tar });
    if (res.exitCode !== 0) throw new ReproError(`docker import failed: ${res.stderr.trim()}`);
    return res.stdout.trim();
  }
  async removeImages(refs) {
    if (refs.length > 0) this.countFailure(await this.call(removeImagesArgv(refs)));
  }
  /** `docker save` of the references into one tar file (tags kept, so `docker load` restores them). */
  async save(refs, file) {
    const res = await this.call(saveArgv(refs, file));
    if (res.exitCode !== 0)
      throw new ReproError(`docker save ${refs.join(" ")} failed: ${res.stderr.trim()}`, {
        fix: "check that the images exist locally (`docker image ls`) and that the output folder has space."
      });
  }
  async load(file) {
    const res = await this.call(loadArgv(file));
    if (res.exitCode !== 0) throw new ReproError(`docker load ${file} failed: ${res.stderr.trim()}`);
    return res.stdout;
  }
};
function pluginMetadata(stdout) {
  try {
    const m = JSON.parse(stdout);
    return typeof m.SchemaVersion === "string" ? { Version: typeof m.Version === "string" ? m.Version : void 0 } : void 0;
  } catch {
    return void 0;
  }
}
function infoDoc(infoJson) {
  try {
    return JSON.parse(infoJson.trim().split("\n")[0] || "{}");
  } catch {
    return void 0;
  }
}
function versionsFromInfo(infoJson) {
  const d = infoDoc(infoJson);
  if (!d?.ClientInfo?.Version) return void 0;
  return {
    clientVersion: d.ClientInfo.Version,
    ...d.ServerVersion ? { serverVersion: d.ServerVersion } : {},
    ...d.ServerErrors?.length ? { serverError: d.ServerErrors.join("\n") } : {}
  };
}
function clientPlugins(infoJson) {
  const plugins = infoDoc(infoJson)?.ClientInfo?.Plugins;
  return Array.isArray(plugins) ? plugins : void 0;
}
function withOwnIgnoreFile(dir, dockerfile, context, exclude) {
  const copy = path6.join(dir, path6.basename(dockerfile));
  copyFileSync(dockerfile, copy);
  writeFileSync2(`${copy}.dockerignore`, buildIgnore(dockerfile, context, exclude).text);
  return copy;
}

// src/publish/login.ts
import { chmodSync, existsSync as existsSync2, mkdtempSync as mkdtempSync2, readFileSync as readFileSync5, rmSync as rmSync2, symlinkSync, writeFileSync as writeFileSync3 } from "node:fs";
import path7 from "node:path";

// src/publish/naming.ts
function repositoryFor(repository, key, imageCount) {
  return imageCount > 1 ? `${repository}/${key}` : repository;
}
function registryOf(image) {
  const first = image.split("/")[0];
  return image.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost") ? first : "docker.io";
}
function withRegistry(image, registry) {
  if (!registry) return image;
  const hasHost = registryOf(image) !== "docker.io" || image.startsWith("docker.io/");
  const rest = hasHost ? image.slice(image.indexOf("/") + 1) : image;
  return `${registry.replace(/\/+$/, "")}/${rest}`;
}

// src/publish/login.ts
function resolveLogins(repositories, inputs, env) {
  const registries = registriesOf(repositories);
  if (registries.length === 0) return [];
  const inputsRegistry = registries.find((r) => r !== "ghcr.io") ?? registries[0];
  if (!!inputs.username !== !!inputs.password) {
    throw new ReproError(
      `input ${inputs.username ? "password" : "username"} is empty, but ${inputs.username ? "username" : "password"} is set.`,
      {
        fix: `set both to log in to ${inputsRegistry} (e.g. \`password: \${{ secrets.REGISTRY_TOKEN }}\`), or neither.`
      }
    );
  }
  const forInputs = inputs.username ? inputsRegistry : void 0;
  const actor = env.GITHUB_ACTOR || env.GITHUB_REPOSITORY_OWNER;
  return registries.flatMap((registry) => {
    if (registry === forInputs)
      return [{ registry, username: inputs.username, password: inputs.password, source: "inputs" }];
    if (registry === "ghcr.io" && inputs.githubToken && actor)
      return [{ registry, username: actor, password: inputs.githubToken, source: "github-token" }];
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
  const dir = mkdtempSync2(path7.join(parent, "repro-ci-docker-config-"));
  chmodSync(dir, 448);
  const userDir = dockerConfigDir(env);
  const plugins = path7.join(userDir, "cli-plugins");
  if (existsSync2(plugins)) symlinkSync(plugins, path7.join(dir, "cli-plugins"));
  let user = {};
  try {
    user = JSON.parse(readFileSync5(path7.join(userDir, "config.json"), "utf8"));
  } catch {
  }
  writeFileSync3(path7.join(dir, "config.json"), `${JSON.stringify(privateDockerConfig(user, own), null, 2)}
`, {
    mode: 384
  });
  return dir;
}
function credentialsFor(registry, accounts, configDir) {
  const own = accounts.find((a) => a.registry === registry);
  if (own) return { username: own.username, password: own.password };
  let config;
  try {
    config = JSON.parse(readFileSync5(path7.join(configDir, "config.json"), "utf8"));
  } catch {
    return void 0;
  }
  const auth = config.auths?.[authKey(registry)]?.auth ?? config.auths?.[`https://${registry}`]?.auth;
  if (!auth) return void 0;
  const plain = Buffer.from(auth, "base64").toString("utf8");
  const colon = plain.indexOf(":");
  return colon > 0 ? { username: plain.slice(0, colon), password: plain.slice(colon + 1) } : void 0;
}
function removeDockerConfig(dir) {
  if (!dir || !existsSync2(dir)) return false;
  rmSync2(dir, { recursive: true, force: true });
  return true;
}

// src/pipeline/cancel.ts
function onCancel(docker, label, log) {
  let cancelling = false;
  const hooks = /* @__PURE__ */ new Set();
  const handler = (signal) => {
    if (cancelling) return;
    cancelling = true;
    log.warning(`received ${signal}: writing what the run has, and removing its containers.`);
    for (const fn of [...hooks].reverse()) {
      try {
        fn(signal);
      } catch (e) {
        log.warning(`could not write the cancelled run's results: ${e.message}`);
      }
    }
    void removeLabelled(docker, label).finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return {
    whenCancelled: (fn) => {
      hooks.add(fn);
      return () => hooks.delete(fn);
    },
    settled: () => cancelling ? new Promise(() => {
    }) : Promise.resolve()
  };
}
async function removeLabelled(docker, label) {
  const ids = await docker.containersWithLabel(label);
  await docker.removeContainers(ids);
  return ids.length;
}
var RUN_ENV = "REPRO_CI_RUN";
function processesOfRun(runId, proc = "/proc") {
  return processesWithEnv(`${RUN_ENV}=${runId}`, proc);
}

export {
  ReproError,
  ConfigError,
  formatLocation,
  errorMessage,
  BUILDER_PREFERENCES,
  dockerConfigDir,
  formatBytes,
  didYouMean,
  formatDuration,
  MAX_DURATION_S,
  parseDuration,
  splitCommand,
  splitFields,
  splitDelimited,
  oneLine,
  refusedEnvName,
  REFUSED_ENV_FIX,
  RefusedEnv,
  containerEnv,
  withholdFromUntrusted,
  escapesLexically,
  unsafePath,
  safePath,
  makeSafeDir,
  anchorOf,
  makeResultsDir,
  readFileNoFollow,
  writeFileFresh,
  repositoryFor,
  registryOf,
  withRegistry,
  LABEL_RUN,
  LABEL_STEP,
  buildxAtLeast,
  buildArgv,
  runArgv,
  secrets,
  stopProcesses,
  exec2 as exec,
  gpuRequest,
  parseNvidiaSmiXml,
  describeGpus,
  diagnoseGpuFailure,
  gpuPreflightError,
  explainRunFailure,
  PushError,
  buildIgnore,
  Docker,
  resolveLogins,
  registriesOf,
  createDockerConfig,
  credentialsFor,
  removeDockerConfig,
  onCancel,
  RUN_ENV,
  processesOfRun
};
