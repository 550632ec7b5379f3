import { createRequire as __reproCreateRequire } from 'node:module'; const require = __reproCreateRequire(import.meta.url);
import {
  actionLogger,
  error,
  getInput,
  saveRunId,
  setFailed,
  setOutput,
  summary,
  warning
} from "./chunks/chunk-6465DPJW.js";
import {
  GPU_PATTERN,
  GPU_VALUES_HINT,
  loadConfig,
  renderMarkdownReport,
  runPipeline,
  withRegistry
} from "./chunks/chunk-LUNTOM4X.js";
import {
  ConfigError,
  Docker,
  LABEL_RUN,
  ReproError,
  errorMessage,
  exec,
  onCancel
} from "./chunks/chunk-7UKOD732.js";

// src/main.ts
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

// src/action/github-context.ts
function contextFromEnv(env, payload, randomSuffix) {
  const pr = payload.pull_request;
  const repository = env.GITHUB_REPOSITORY || payload.repository?.full_name;
  const headRepo = pr?.head?.repo?.full_name;
  return {
    eventName: env.GITHUB_EVENT_NAME || "unknown",
    // For pull requests, GITHUB_SHA is the merge commit; the head sha names what the author pushed.
    sha: pr?.head?.sha || env.GITHUB_SHA || "",
    ref: env.GITHUB_REF || "",
    repository,
    defaultBranch: payload.repository?.default_branch,
    isFork: pr !== void 0 && (pr.head?.repo === null || headRepo !== void 0 && repository !== void 0 && headRepo !== repository || pr.head?.repo?.fork === true),
    prNumber: pr?.number,
    runId: `${env.GITHUB_RUN_ID || "local"}-${env.GITHUB_RUN_ATTEMPT || "1"}-${randomSuffix}`
  };
}

// src/action/inputs.ts
function parseInputs(get) {
  const opt = (name) => get(name).trim() || void 0;
  return {
    config: opt("config") ?? "repro.yml",
    workingDirectory: opt("working-directory") ?? ".",
    push: parsePush(opt("push")),
    image: opt("image"),
    registry: opt("registry"),
    gpus: parseGpus(opt("gpus")),
    builder: parseChoice("builder", opt("builder") ?? "auto", ["auto", "buildx", "classic"]),
    githubToken: opt("github-token")
  };
}
function parsePush(v) {
  if (v === void 0) return void 0;
  const aliases = { true: "always", false: "never" };
  return parseChoice("push", aliases[v.toLowerCase()] ?? v.toLowerCase(), ["auto", "always", "never"]);
}
function parseGpus(v) {
  if (v === void 0) return void 0;
  if (!GPU_PATTERN.test(v)) throw new ReproError(`input gpus: "${v}" is not valid.`, { fix: `use ${GPU_VALUES_HINT}.` });
  return v;
}
function parseChoice(name, v, choices) {
  if (!choices.includes(v)) throw new ReproError(`input ${name}: "${v}" is not one of ${choices.join(", ")}.`, { fix: `set \`${name}:\` to one of ${choices.join(", ")}, or leave it out for the default.` });
  return v;
}

// src/action/outputs.ts
function computeOutputs(result) {
  const primary = result.pushed[0];
  const primaryImage = result.images[0];
  const refs = result.pushed.flatMap((p) => p.tags.map((t) => `${p.repository}:${t}`));
  const images = Object.fromEntries(
    result.images.map((img) => {
      const p = result.pushed.find((x) => x.key === img.key);
      return [img.key, { id: img.id, local: img.localTag, digest: p?.digest ?? null, tags: p ? p.tags.map((t) => `${p.repository}:${t}`) : [], image: p ? `${p.repository}@${p.digest}` : null }];
    })
  );
  return {
    "image-id": primaryImage?.id ?? "",
    digest: primary?.digest ?? "",
    image: primary ? `${primary.repository}@${primary.digest}` : "",
    tags: refs.join("\n"),
    images: JSON.stringify(images),
    metrics: JSON.stringify(result.metrics ?? {}),
    checks: JSON.stringify(result.checks),
    passed: String(result.ok),
    pushed: String(result.pushed.length > 0),
    "results-dir": result.resultsDir
  };
}

// src/main.ts
async function run() {
  try {
    const inputs = parseInputs((name) => getInput(name));
    const context = contextFromEnv(process.env, readPayload(), randomBytes(3).toString("hex"));
    saveRunId(context.runId);
    const config = loadConfig(path.resolve(inputs.workingDirectory, inputs.config));
    const docker = new Docker(exec, actionLogger);
    onCancel(docker, `${LABEL_RUN}=${context.runId}`, actionLogger);
    const pushImage = inputs.image ?? config.push.image;
    const result = await runPipeline({
      config,
      context,
      docker,
      log: actionLogger,
      builder: inputs.builder,
      push: inputs.push ?? config.push.when,
      pushImage: pushImage ? withRegistry(pushImage, inputs.registry) : void 0,
      gpus: inputs.gpus
    });
    for (const [name, value] of Object.entries(computeOutputs(result))) setOutput(name, value);
    await summary.addRaw(renderMarkdownReport(result)).write();
    if (result.error) fail(result.error);
    else if (!result.ok) setFailed(`${result.checks.filter((c) => !c.ok).length} check(s) failed; results kept in ${result.resultsDir}`);
  } catch (e) {
    fail(e);
  }
}
function fail(e) {
  if (e instanceof ConfigError) {
    for (const p of e.problems) error(`${p.path ? `${p.path}: ` : ""}${p.message}${p.fix ? ` Fix: ${p.fix}` : ""}`, { title: "repro.yml", file: p.location.file, startLine: p.location.line, startColumn: p.location.column });
    setFailed(e.message);
  } else if (e instanceof ReproError && e.location) {
    error(e.describe(), { file: e.location.file, startLine: e.location.line, startColumn: e.location.column });
    setFailed(e.message.split("\n")[0]);
  } else {
    setFailed(errorMessage(e));
  }
}
function readPayload() {
  const file = process.env.GITHUB_EVENT_PATH;
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    warning(`could not read the event payload at ${file}; continuing without it.`);
    return {};
  }
}
await run();
export {
  run
};
