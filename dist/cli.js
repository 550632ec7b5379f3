#!/usr/bin/env node
import { createRequire as __reproCreateRequire } from 'node:module'; const require = __reproCreateRequire(import.meta.url);
import {
  GPU_PATTERN,
  GPU_VALUES_HINT,
  loadConfig,
  renderTextReport,
  runPipeline,
  withRegistry
} from "./chunks/chunk-LUNTOM4X.js";
import {
  Docker,
  LABEL_RUN,
  ReproError,
  errorMessage,
  exec,
  formatLocation,
  onCancel
} from "./chunks/chunk-7UKOD732.js";

// src/cli.ts
import { writeSync } from "node:fs";

// src/cli/args.ts
import { parseArgs } from "node:util";
var USAGE = `repro-ci: build, run, check and publish research code in containers.

Usage:
  repro-ci run [options]        build the images, run the steps, check the metrics, push
  repro-ci validate [options]   check repro.yml and exit
  repro-ci --version | --help

Options:
  -c, --config FILE    config file (default: repro.yml)
      --push           push the images after the checks passed
      --no-push        never push (the default for local runs)
      --image REPO     repository to push to (overrides push.image)
      --registry HOST  registry host (replaces the one in the image name)
      --gpus VALUE     GPUs for every step: all, a count, device=0,2, none, optional
      --builder KIND   auto (default), buildx or classic
  -q, --quiet          print only the report
  -v, --verbose        print debug lines
`;
function parseCli(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: "string", short: "c" },
        push: { type: "boolean" },
        "no-push": { type: "boolean" },
        image: { type: "string" },
        registry: { type: "string" },
        gpus: { type: "string" },
        builder: { type: "string" },
        quiet: { type: "boolean", short: "q" },
        verbose: { type: "boolean", short: "v" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" }
      }
    });
  } catch (e) {
    throw new ReproError(e.message, { fix: "run `repro-ci --help` for the options.", exitCode: 2 });
  }
  const { values: v, positionals } = parsed;
  if (v.help) return { command: "help" };
  if (v.version) return { command: "version" };
  const command = positionals[0] ?? "help";
  if (command === "help") return { command: "help" };
  if (command !== "run" && command !== "validate") throw new ReproError(`unknown command "${command}".`, { fix: "use `repro-ci run` or `repro-ci validate` (`repro-ci --help` lists everything).", exitCode: 2 });
  if (positionals.length > 1) throw new ReproError(`unexpected argument "${positionals[1]}".`, { fix: "name the config with --config FILE.", exitCode: 2 });
  if (v.push && v["no-push"]) throw new ReproError("--push and --no-push contradict each other.", { fix: "pass one of them.", exitCode: 2 });
  if (v.gpus !== void 0 && !GPU_PATTERN.test(v.gpus)) throw new ReproError(`--gpus "${v.gpus}" is not valid.`, { fix: `use ${GPU_VALUES_HINT}.`, exitCode: 2 });
  const builder = v.builder ?? "auto";
  if (!["auto", "buildx", "classic"].includes(builder)) throw new ReproError(`--builder "${builder}" is not valid.`, { fix: "use auto, buildx or classic.", exitCode: 2 });
  return {
    command,
    config: v.config ?? "repro.yml",
    push: v.push ? "always" : v["no-push"] ? "never" : void 0,
    image: v.image,
    registry: v.registry,
    gpus: v.gpus,
    builder,
    quiet: v.quiet ?? false,
    verbose: v.verbose ?? false
  };
}

// src/cli/git-context.ts
import { randomBytes } from "node:crypto";
async function localContext(exec2, cwd) {
  const git = async (...args) => {
    try {
      const r = await exec2("git", args, { cwd });
      return r.exitCode === 0 ? r.stdout.trim() : void 0;
    } catch {
      return void 0;
    }
  };
  const [sha, branch] = await Promise.all([git("rev-parse", "HEAD"), git("symbolic-ref", "--quiet", "HEAD")]);
  return {
    eventName: "local",
    sha: sha ?? "",
    ref: branch ?? "",
    isFork: false,
    runId: `local-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`
  };
}

// src/cli/logger.ts
function terminalLogger(opts = {}) {
  const color = process.stderr.isTTY && !process.env.NO_COLOR;
  const paint = (code, s) => color ? `\x1B[${code}m${s}\x1B[0m` : s;
  const where = (w) => w ? `${formatLocation(w)}: ` : "";
  return {
    info: (m) => {
      if (!opts.quiet) process.stdout.write(`${m}
`);
    },
    output: (c) => {
      if (!opts.quiet) process.stdout.write(c);
    },
    warning: (m, w) => process.stderr.write(`${paint("33", "warning")}: ${where(w)}${m}
`),
    error: (m, w) => process.stderr.write(`${paint("31", "error")}: ${where(w)}${m}
`),
    debug: (m) => {
      if (opts.verbose) process.stderr.write(`debug: ${m}
`);
    },
    group: async (title, fn) => {
      if (!opts.quiet) process.stdout.write(`
${paint("1;36", `\u25B6 ${title}`)}
`);
      return fn();
    },
    untrusted: (fn) => fn()
  };
}

// src/version.ts
var VERSION = true ? "0.1.0" : "0.0.0-dev";

// src/cli.ts
async function main(argv) {
  const cmd = parseCli(argv);
  if (cmd.command === "help") {
    process.stdout.write(USAGE);
    return 0;
  }
  if (cmd.command === "version") {
    process.stdout.write(`repro-ci ${VERSION}
`);
    return 0;
  }
  const config = loadConfig(cmd.config);
  if (cmd.command === "validate") {
    process.stdout.write(`${cmd.config}: ok (${config.images.length} image(s), ${config.steps.length} step(s), ${config.checks.length} check(s))
`);
    return 0;
  }
  return runCommand(cmd, config);
}
async function runCommand(cmd, config) {
  const log = terminalLogger({ quiet: cmd.quiet, verbose: cmd.verbose });
  const docker = new Docker(exec, log);
  const context = await localContext(exec, config.root);
  onCancel(docker, `${LABEL_RUN}=${context.runId}`, log);
  const pushImage = cmd.image ?? config.push.image;
  const configured = config.push.when === "never" ? "never" : "auto";
  const result = await runPipeline({
    config,
    context,
    docker,
    log,
    builder: cmd.builder,
    push: cmd.push ?? configured,
    pushImage: pushImage ? withRegistry(pushImage, cmd.registry) : void 0,
    gpus: cmd.gpus
  });
  process.stdout.write(`
${renderTextReport(result)}

`);
  for (const p of result.pushed) process.stdout.write(`pushed ${p.repository}@${p.digest} as ${p.tags.join(", ")}
`);
  if (!result.push.push) process.stdout.write(`not pushed: ${result.push.reason}
`);
  process.stdout.write(`results and logs: ${result.resultsDir}
`);
  if (result.error) {
    log.error(result.error.describe());
    return result.error.exitCode;
  }
  if (!result.ok) {
    log.error(`${result.checks.filter((c) => !c.ok).length} check(s) failed.`);
    return 1;
  }
  process.stdout.write("repro-ci: passed\n");
  return 0;
}
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    writeSync(2, `error: ${errorMessage(e)}
`);
    process.exitCode = e instanceof ReproError ? e.exitCode === 1 ? 2 : e.exitCode : 1;
  }
);
