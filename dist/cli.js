#!/usr/bin/env node
import { createRequire as __reproCreateRequire } from 'node:module'; const require = __reproCreateRequire(import.meta.url);
import {
  GPU_PATTERN,
  GPU_VALUES_HINT,
  RECORD_FILE,
  RULE_IDS,
  SARIF_FILE,
  VERSION,
  badgeFor,
  configTargets,
  dockerfilesAt,
  gitCommitTime,
  gitDirty,
  gitHead,
  gitOutput,
  isBlocking,
  lastVerifiedDate,
  lintTargets,
  loadConfig,
  parseConfig,
  parseDockerfile,
  parseImageRef,
  parseRecord,
  renderLintText,
  renderTextReport,
  renderVerdict,
  resolveRun,
  resourcesFor,
  runPipeline,
  sentFiles,
  splitWords,
  verify,
  writeBadgeDir,
  writeSarif
} from "./chunks/chunk-KSFUB4NY.js";
import {
  BUILDER_PREFERENCES,
  Docker,
  LABEL_RUN,
  ReproError,
  buildArgv,
  didYouMean,
  errorMessage,
  exec,
  formatLocation,
  onCancel,
  runArgv
} from "./chunks/chunk-Y3W243DF.js";
import "./chunks/chunk-OPINX5A6.js";
import "./chunks/chunk-GFWGNPAP.js";

// src/cli.ts
import { writeSync } from "node:fs";

// src/cli/args.ts
import { parseArgs } from "node:util";

// src/cli/verify-args.ts
var usage = (message, fix) => new ReproError(message, { fix, exitCode: 2 });
function parseReproCommand(command, v, positionals) {
  const foreign = [
    "push",
    "no-push",
    "image",
    "registry",
    ...command === "verify" ? ["config"] : ["gpus", "builder", "badge-dir"]
  ].find((k) => v[k] !== void 0);
  if (foreign)
    throw usage(
      `--${foreign} is not an option of \`repro-ci ${command}\`.`,
      "run `repro-ci --help` for the options of each command."
    );
  const quiet = v.quiet === true;
  const verbose = v.verbose === true;
  if (command === "archive") {
    if (positionals.length > 1)
      throw usage(`unexpected argument "${positionals[1]}".`, "name the folder with --out DIR.");
    if (typeof v.out !== "string" || !v.out)
      throw usage("archive needs --out DIR.", "e.g. `repro-ci archive --out mnist-archive --tar`.");
    return {
      command,
      config: v.config ?? "repro.yml",
      out: v.out,
      tarball: v.tar === true,
      quiet,
      verbose
    };
  }
  const image = positionals[1];
  if (positionals.length > 2) throw usage(`unexpected argument "${positionals[2]}".`, "verify one image at a time.");
  if (!image && v.record === void 0)
    throw usage(
      "verify needs an image, or --record FILE.",
      "e.g. `repro-ci verify ghcr.io/owner/project:main`, or `repro-ci verify --record record.json` in an archive folder after `docker load`."
    );
  if (image && v.record !== void 0)
    throw usage("give an image or --record, not both.", "an image finds its own record in the registry.");
  if (image) {
    try {
      parseImageRef(image);
    } catch (e) {
      throw usage(
        e.message,
        "e.g. ghcr.io/owner/project:main or ghcr.io/owner/project@sha256:<64 hex digits>."
      );
    }
  }
  const gpus = v.gpus;
  if (gpus !== void 0 && !GPU_PATTERN.test(gpus))
    throw usage(`--gpus "${gpus}" is not valid.`, `use ${GPU_VALUES_HINT}.`);
  const builder = v.builder ?? "auto";
  if (!["auto", "buildx", "classic"].includes(builder))
    throw usage(`--builder "${builder}" is not valid.`, "use auto, buildx or classic.");
  const steps = typeof v.steps === "string" ? v.steps.split(",").map((s) => s.trim()).filter(Boolean) : void 0;
  return {
    command,
    ...image ? { image } : {},
    ...typeof v.record === "string" ? { record: v.record } : {},
    ...steps?.length ? { steps } : {},
    ...typeof v.workspace === "string" ? { workspace: v.workspace } : {},
    ...typeof v.results === "string" ? { results: v.results } : {},
    ...typeof v["badge-dir"] === "string" ? { badgeDir: v["badge-dir"] } : {},
    ...gpus ? { gpus } : {},
    builder,
    quiet,
    verbose
  };
}

// src/cli/args.ts
var USAGE = `repro-ci: build, run, check and publish research code in containers.

Usage:
  repro-ci run [options]        build the images, run the steps, check the metrics, push
  repro-ci validate [options]   check repro.yml and exit
  repro-ci lint [PATH...]       lint Dockerfiles (repro.yml's, or the files and folders named)
  repro-ci init [--force]       write a commented repro.yml and .github/workflows/repro.yml for this repo
  repro-ci verify IMAGE[@DIGEST] pull a published image and its record, re-run it, check the metrics
  repro-ci verify --record FILE  the same from an archive's record, with its images loaded locally
  repro-ci archive --out DIR    save the images, record, config and Dockerfiles for an archive (Zenodo)
  repro-ci --version | --help

Options:
  -c, --config FILE    config file (default: repro.yml)
      --push           push after the checks passed, what CI would push: the default branch
                       (origin/HEAD) and tags, under the same tag rules
      --push-any-branch  push after the checks passed, from whatever branch is checked out
      --no-push        never push (the default for local runs)
      --image REPO     repository to push to (overrides push.image)
      --registry HOST  registry host (replaces the one in the image name)
      --gpus VALUE     GPUs for every step: all, a count, device=0,2, none, optional
      --builder KIND   auto (default), buildx or classic
  -q, --quiet          print only the report
  -v, --verbose        print debug lines

Lint options:
      --context DIR    build context of the Dockerfiles named (default: each one's folder)
      --sarif FILE     write SARIF 2.1.0 there (default: lint.sarif in repro.yml's results folder)
      --error          exit 1 when there are findings (as \`lint: error\` in repro.yml)
      --ignore IDS     rules to skip, comma-separated, e.g. RC102,RC501

Init options:
      --force          overwrite repro.yml and the workflow when they exist

Verify options (also --gpus, --builder, -q, -v):
      --steps NAMES    steps to re-run, comma-separated (default: those writing the metrics;
                       steps producing what they read are added)
      --workspace DIR  a checkout holding read-only inputs that no step produces
      --results DIR    where the re-run's results go (default: .repro-ci-verify)
      --badge-dir DIR  write the badge (<name>.json for shields.io, <name>.svg) there (also for run)

Archive options:
      --out DIR        the folder to write (must be new or empty)
      --tar            also write DIR.tar.gz
`;
var ONLY_FOR = {
  context: "lint",
  sarif: "lint",
  error: "lint",
  ignore: "lint",
  force: "init",
  record: "verify",
  steps: "verify",
  workspace: "verify",
  results: "verify",
  out: "archive",
  tar: "archive"
};
function parseCli(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: "string", short: "c" },
        push: { type: "boolean" },
        "push-any-branch": { type: "boolean" },
        "no-push": { type: "boolean" },
        image: { type: "string" },
        registry: { type: "string" },
        gpus: { type: "string" },
        builder: { type: "string" },
        quiet: { type: "boolean", short: "q" },
        verbose: { type: "boolean", short: "v" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
        context: { type: "string" },
        sarif: { type: "string" },
        error: { type: "boolean" },
        ignore: { type: "string" },
        force: { type: "boolean" },
        record: { type: "string" },
        steps: { type: "string" },
        workspace: { type: "string" },
        results: { type: "string" },
        "badge-dir": { type: "string" },
        out: { type: "string" },
        tar: { type: "boolean" }
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
  for (const [opt, only] of Object.entries(ONLY_FOR)) {
    if (v[opt] !== void 0 && command !== only)
      throw new ReproError(`--${opt} is an option of \`repro-ci ${only}\`, not of \`${command}\`.`, {
        fix: "run `repro-ci --help` for the options of each command.",
        exitCode: 2
      });
  }
  if (command === "lint") {
    const ignore = (v.ignore ?? "").split(",").map((s) => s.trim().toUpperCase()).filter(Boolean);
    const unknown = ignore.find((id) => !RULE_IDS.includes(id));
    if (unknown)
      throw new ReproError(`--ignore: there is no lint rule ${unknown}.`, {
        fix: `${didYouMean(unknown, RULE_IDS)} (docs/lint.md lists the rules)`,
        exitCode: 2
      });
    return {
      command,
      config: v.config ?? "repro.yml",
      dockerfiles: positionals.slice(1),
      context: v.context,
      sarif: v.sarif,
      error: v.error ?? false,
      ignore
    };
  }
  if (command === "init") {
    if (positionals.length > 1)
      throw new ReproError(`unexpected argument "${positionals[1]}".`, {
        fix: "run `repro-ci init` in the root of the repository.",
        exitCode: 2
      });
    return { command, force: v.force ?? false };
  }
  if (command === "verify" || command === "archive") return parseReproCommand(command, v, positionals);
  if (v["badge-dir"] !== void 0 && command !== "run")
    throw new ReproError(
      `--badge-dir is an option of \`repro-ci run\` and \`repro-ci verify\`, not of \`${command}\`.`,
      { fix: "run `repro-ci --help` for the options of each command.", exitCode: 2 }
    );
  if (command !== "run" && command !== "validate")
    throw new ReproError(`unknown command "${command}".`, {
      fix: "use `repro-ci run` or `repro-ci validate` (`repro-ci --help` lists everything).",
      exitCode: 2
    });
  if (positionals.length > 1)
    throw new ReproError(`unexpected argument "${positionals[1]}".`, {
      fix: "name the config with --config FILE.",
      exitCode: 2
    });
  const pushFlags = ["push", "push-any-branch", "no-push"].filter((f) => v[f]);
  if (pushFlags.length > 1)
    throw new ReproError(`${pushFlags.map((f) => `--${f}`).join(" and ")} contradict each other.`, {
      fix: "pass one of them.",
      exitCode: 2
    });
  if (v.gpus !== void 0 && !GPU_PATTERN.test(v.gpus))
    throw new ReproError(`--gpus "${v.gpus}" is not valid.`, { fix: `use ${GPU_VALUES_HINT}.`, exitCode: 2 });
  const builder = v.builder ?? "auto";
  if (!BUILDER_PREFERENCES.includes(builder))
    throw new ReproError(`--builder "${builder}" is not valid.`, { fix: "use auto, buildx or classic.", exitCode: 2 });
  return {
    command,
    config: v.config ?? "repro.yml",
    push: v.push ? "ci" : v["push-any-branch"] ? "any-branch" : v["no-push"] ? "never" : void 0,
    image: v.image,
    registry: v.registry,
    gpus: v.gpus,
    builder,
    quiet: v.quiet ?? false,
    verbose: v.verbose ?? false,
    badgeDir: v["badge-dir"]
  };
}

// src/cli/git-context.ts
import { randomBytes } from "node:crypto";
async function localContext(exec2, cwd) {
  const [sha, branch, tag, originHead, dirty] = await Promise.all([
    gitHead(exec2, cwd),
    gitOutput(exec2, cwd, ["symbolic-ref", "--quiet", "HEAD"]),
    gitOutput(exec2, cwd, ["describe", "--exact-match", "--tags", "HEAD"]),
    // What the clone knows of the remote's default branch (set by `git clone`, or `git remote set-head origin --auto`).
    gitOutput(exec2, cwd, ["symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"]),
    gitDirty(exec2, cwd)
  ]);
  return {
    eventName: "local",
    sha: sha ?? "",
    // On a branch, the branch (as a push to it); on a detached HEAD at a tag, the tag (as a tag push).
    ref: branch ?? (tag ? `refs/tags/${tag}` : ""),
    ...originHead?.startsWith("refs/remotes/origin/") ? { defaultBranch: originHead.slice("refs/remotes/origin/".length) } : {},
    isFork: false,
    ...dirty ? { dirty } : {},
    runId: `local-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`
  };
}

// src/cli/init.ts
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path2 from "node:path";

// src/init/plan.ts
import path from "node:path/posix";
var CONFIG_FILE = "repro.yml";
var WORKFLOW_FILE = ".github/workflows/repro.yml";
var DOCKERFILE = /(^|\/)(Dockerfile(\.[\w.-]+)?|[\w.-]+\.[Dd]ockerfile)$/;
var TRAIN_SCRIPT = /(^|\/)train(ing)?[\w-]*\.py$/;
var EVAL_SCRIPT = /(^|\/)eval(uate|uation)?[\w-]*\.py$/;
var IN_TESTS = /(^|\/)(tests?|fixtures?|examples?)\//;
var DATA_DIRS = ["models", "checkpoints", "results", "outputs", "output", "artifacts", "data"];
var HIGHER_IS_BETTER = /(^|[._])(acc|accuracy|f1|auc|precision|recall|r2|bleu|rouge\w*|score|map)$/i;
var LOWER_IS_BETTER = /(^|[._])(loss|error|err|mse|mae|rmse|perplexity|wer|cer)$/i;
function planInit(scan) {
  const notes = [];
  const images = guessImages(scan);
  const scripts = {
    train: scan.files.filter((f) => TRAIN_SCRIPT.test(f) && !IN_TESTS.test(f)).sort(byDepth)[0],
    evaluate: scan.files.filter((f) => EVAL_SCRIPT.test(f) && !IN_TESTS.test(f)).sort(byDepth)[0]
  };
  if (images.length === 0) {
    images.push({ key: "app", dockerfile: "Dockerfile", context: "." });
    notes.push(
      "no Dockerfile was found: write one (dependencies first, then the code; see docs/lint.md), then run `repro-ci lint`."
    );
  }
  const steps = guessSteps(scan, images, scripts);
  const metricsFile = guessMetrics(scan, steps);
  const checks = metricsFile ? guessChecks(scan.read(metricsFile.replace(/^\.\//, ""))) : [];
  if (metricsFile && checks.length === 0)
    notes.push(
      `set the thresholds under \`checks:\` in ${CONFIG_FILE} (the metrics file ${metricsFile} is written by a step; no values were found to start from).`
    );
  if (!metricsFile)
    notes.push(
      `no metrics file was found: make the evaluation step write a JSON file into a mounted folder and name it under \`metrics:\` in ${CONFIG_FILE}.`
    );
  const pushImage = scan.github ? `ghcr.io/${scan.github.toLowerCase()}` : void 0;
  if (!pushImage)
    notes.push("no GitHub remote was found: set `push.image` (e.g. ghcr.io/OWNER/REPO) to publish the images.");
  const yml = renderConfig(scan, images, steps, metricsFile, checks, pushImage);
  const config = parseConfig(yml, CONFIG_FILE);
  return {
    files: [
      { path: CONFIG_FILE, text: yml },
      { path: WORKFLOW_FILE, text: renderWorkflow(pushImage !== void 0) }
    ],
    notes,
    summary: { images: config.images.length, steps: config.steps.length, checks: config.checks.length }
  };
}
function byDepth(a, b) {
  return a.split("/").length - b.split("/").length || a.localeCompare(b);
}
function imageKey(file) {
  const base = path.basename(file);
  const m = /^Dockerfile\.(.+)$/i.exec(base) ?? /^(.+)\.dockerfile$/i.exec(base);
  const raw = m ? m[1] : path.basename(path.dirname(file)) === "." ? "app" : path.basename(path.dirname(file));
  return raw.toLowerCase().replace(/[^a-z0-9_-]+/g, "-").replace(/^[^a-z0-9]+/, "") || "app";
}
function guessImages(scan) {
  const out = [];
  for (const file of scan.files.filter((f) => DOCKERFILE.test(f) && !IN_TESTS.test(f)).sort(byDepth)) {
    const text = scan.read(file) ?? "";
    const df = parseDockerfile(text);
    let key = imageKey(file);
    for (let n = 2; out.some((i) => i.key === key); n++) key = `${imageKey(file)}-${n}`;
    const dir = path.dirname(file);
    const sources = df.instructions.filter((i) => (i.keyword === "COPY" || i.keyword === "ADD") && !i.flags.some((f) => f.name === "from")).flatMap((i) => (i.json ?? splitWords(i.body)).slice(0, -1));
    const exists = (base, s) => s === "." || scan.files.some((f) => f === path.join(base, s) || f.startsWith(`${path.join(base, s).replace(/\/$/, "")}/`));
    const context = dir !== "." && sources.length > 0 && !sources.every((s) => exists(dir, s)) && sources.every((s) => exists(".", s)) ? "." : dir;
    const entryIns = [...df.instructions].reverse().find((i) => i.keyword === "ENTRYPOINT" || i.keyword === "CMD");
    const entry = entryIns ? entryIns.json ?? splitWords(entryIns.body) : void 0;
    const hint = `${key} ${(entry ?? []).join(" ")}`;
    const role = /train/i.test(hint) ? "train" : /eval|score/i.test(hint) ? "evaluate" : void 0;
    out.push({ key, dockerfile: file, context, role, entry });
  }
  const rank = (i) => i.role === "train" ? 0 : i.role === "evaluate" ? 1 : 2;
  return out.sort((a, b) => rank(a) - rank(b));
}
function guessSteps(scan, images, scripts) {
  const steps = [];
  const roles = ["train", "evaluate"].filter((r) => images.some((i) => i.role === r) || scripts[r]);
  for (const role of roles) {
    const image = images.find((i) => i.role === role) ?? (images.length === 1 ? images[0] : images.find((i) => !i.role)) ?? images[0];
    const entryScript = image.entry?.find((w) => w.endsWith(".py"));
    const script = scripts[role] ?? (entryScript ? scan.files.find((f) => f.endsWith(entryScript.replace(/^\.?\//, ""))) : void 0);
    const command = image.role === role && image.entry ? void 0 : script ? `python -u ${path.relative(image.context, script)}` : void 0;
    steps.push({ name: role, image: image.key, command, script, env: {}, mounts: [] });
  }
  if (steps.length === 0) for (const i of images) steps.push({ name: i.key, image: i.key, env: {}, mounts: [] });
  for (const s of steps) {
    const text = s.script ? scan.read(s.script) ?? "" : "";
    if (/environ(\.get)?\(\s*["']SEED["']|environ\[\s*["']SEED["']\s*\]|getenv\(\s*["']SEED["']/.test(text))
      s.env.SEED = "42";
    for (const dir of DATA_DIRS) {
      if (!new RegExp(`["']/${dir}(/[^"']*)?["']`).test(text)) continue;
      const readOnly = dir === "data" || s.name === "evaluate" && (dir === "models" || dir === "checkpoints");
      s.mounts.push(`${dir}:/${dir}${readOnly ? ":ro" : ""}`);
    }
  }
  return steps;
}
function guessMetrics(scan, steps) {
  for (const s of [...steps].reverse()) {
    const text = s.script ? scan.read(s.script) ?? "" : "";
    const name = /["'](?:[\w/.-]*\/)?(metrics\.(?:json|ya?ml|csv))["']/.exec(text)?.[1];
    if (!name) continue;
    const mount = s.mounts.find((m) => !m.endsWith(":ro") && text.includes(`/${m.split(":")[0]}`));
    if (mount) return `${mount.split(":")[0]}/${name}`;
  }
  return scan.files.filter((f) => /(^|\/)metrics\.(json|ya?ml)$/.test(f) && !IN_TESTS.test(f)).sort(byDepth)[0];
}
function guessChecks(text) {
  if (!text) return [];
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    return [];
  }
  const out = [];
  const visit = (v, key) => {
    if (typeof v === "number" && Number.isFinite(v)) {
      if (HIGHER_IS_BETTER.test(key)) out.push({ metric: key, rule: `{ min: ${round(v * 0.95)} }`, seen: v });
      else if (LOWER_IS_BETTER.test(key)) out.push({ metric: key, rule: `{ max: ${round(v * 1.05)} }`, seen: v });
    } else if (v && typeof v === "object" && !Array.isArray(v) && key.split(".").length < 3) {
      for (const [k, x] of Object.entries(v)) visit(x, key ? `${key}.${k}` : k);
    }
  };
  visit(doc, "");
  return out;
}
function round(n) {
  return Number(n.toPrecision(3));
}
function renderConfig(scan, images, steps, metrics, checks, pushImage) {
  const q = (s) => /^[\w./-]+$/.test(s) ? s : JSON.stringify(s);
  const name = scan.name.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[^a-z0-9]+/, "") || "project";
  const out = [
    '# repro-ci config, written by `repro-ci init`: check every line marked "guessed".',
    "# Reference: docs/config.md. Validate with `repro-ci validate`, run locally with `repro-ci run`.",
    "version: 1",
    `name: ${name}`,
    "",
    "# Images to build with BuildKit (RUN --mount=type=cache works), by name.",
    "images:"
  ];
  for (const i of images) {
    const guessed = i.context !== path.dirname(i.dockerfile) ? "  # guessed: its COPY sources are found from the repository root" : "";
    if (i.context === "." && path.dirname(i.dockerfile) === ".") out.push(`  ${i.key}: ${q(i.dockerfile)}`);
    else out.push(`  ${i.key}:`, `    dockerfile: ${q(i.dockerfile)}`, `    context: ${q(i.context)}${guessed}`);
  }
  out.push(
    "",
    "# Containers to run, in order. Host folders in `mounts` are relative to this file and created when missing.",
    "steps:"
  );
  for (const s of steps) {
    out.push(`  - name: ${s.name}`, `    image: ${s.image}`);
    if (s.command) out.push(`    command: [${s.command.split(" ").map(q).join(", ")}]  # guessed from ${s.script}`);
    if (Object.keys(s.env).length > 0)
      out.push(
        `    env: { ${Object.entries(s.env).map(([k, v]) => `${k}: ${v}`).join(", ")} }  # ${s.script} reads SEED: a fixed seed makes runs comparable`
      );
    if (s.mounts.length > 0)
      out.push(
        `    mounts: [${s.mounts.map((m) => JSON.stringify(m)).join(", ")}]  # guessed from the paths ${s.script} uses`
      );
    out.push(
      "    # network: none      # cut the container off the network once it needs nothing from outside",
      "    timeout: 1h"
    );
  }
  out.push("");
  if (metrics) {
    out.push(
      "# The metrics file a step writes (host path), and the rules that decide pass or fail.",
      `metrics: ${q(metrics)}`
    );
    if (checks.length > 0) {
      out.push("checks:  # guessed: a margin around the values in the metrics file found in the repository");
      for (const c of checks) out.push(`  ${q(c.metric)}: ${c.rule}  # seen: ${c.seen}`);
    } else {
      out.push("# checks:", "#   accuracy: { min: 0.9 }", "#   loss: { max: 0.5 }");
    }
  } else {
    out.push(
      "# metrics: results/metrics.json   # a JSON file a step writes into a mounted folder",
      "# checks:",
      "#   accuracy: { min: 0.9 }"
    );
  }
  out.push("", "# Where to push the images that passed (on pushes and tags; never on pull requests).");
  if (pushImage) out.push("push:", `  image: ${pushImage}`);
  else out.push("# push:", "#   image: ghcr.io/OWNER/REPO");
  out.push(
    "",
    "# The Dockerfile lint before the build (docs/lint.md): warn, error (fail on findings) or off.",
    "lint: warn",
    ""
  );
  return out.join("\n");
}
function renderWorkflow(push) {
  return [
    "# Written by `repro-ci init`. Builds the images, runs the steps, checks the metrics on every push and",
    "# pull request, and pushes the images that passed (never from pull requests). More: workflows-examples/.",
    "name: repro",
    "on:",
    "  push:",
    "    branches: [main]",
    '    tags: ["v*"]',
    "  pull_request:",
    "",
    "permissions:",
    "  contents: read",
    `  packages: write          # ${push ? "push to ghcr.io" : "needed once push.image names ghcr.io"}`,
    "  pull-requests: write     # the report as a pull request comment",
    "",
    "concurrency:",
    "  group: repro-${{ github.ref }}",
    "  cancel-in-progress: true",
    "",
    "jobs:",
    "  repro:",
    "    runs-on: ubuntu-latest",
    "    timeout-minutes: 120",
    "    steps:",
    "      - uses: actions/checkout@v4",
    "      - uses: docker/setup-buildx-action@v3",
    "      - uses: docker/login-action@v3",
    "        if: github.event_name != 'pull_request'",
    "        with:",
    "          registry: ghcr.io",
    "          username: ${{ github.actor }}",
    "          password: ${{ secrets.GITHUB_TOKEN }}",
    "      - uses: repro-ci/repro-ci@v1",
    "        id: repro",
    "        with:",
    `          config: ${CONFIG_FILE}`,
    "      # Lint findings in code scanning (needs `security-events: write`):",
    "      # - uses: github/codeql-action/upload-sarif@v3",
    "      #   if: always() && steps.repro.outputs.sarif != ''",
    '      #   with: { sarif_file: "${{ steps.repro.outputs.sarif }}" }',
    ""
  ].join("\n");
}

// src/cli/init.ts
var SKIP = /* @__PURE__ */ new Set([
  ".git",
  "node_modules",
  "venv",
  ".venv",
  "env",
  "data",
  "datasets",
  "models",
  "checkpoints",
  "__pycache__",
  ".repro-ci",
  "dist",
  "build",
  "wandb",
  "mlruns",
  ".mypy_cache",
  ".pytest_cache",
  ".tox"
]);
var MAX_DEPTH = 4;
var MAX_FILES = 5e3;
function scanRepo(root) {
  const files = [];
  const walk = (dir, rel, depth) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (files.length >= MAX_FILES) return;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP.has(e.name) && depth < MAX_DEPTH) walk(path2.join(dir, e.name), r, depth + 1);
      } else if (e.isFile()) files.push(r);
    }
  };
  walk(root, "", 0);
  const read = (rel) => {
    const abs = path2.join(root, rel);
    try {
      return statSync(abs).isFile() && statSync(abs).size < 1024 * 1024 ? readFileSync(abs, "utf8") : void 0;
    } catch {
      return void 0;
    }
  };
  const gitConfig = read(".git/config") ?? "";
  const remote = /url\s*=\s*\S*github\.com[:/]([\w.-]+)\/([\w.-]+?)(?:\.git)?\s*$/m.exec(gitConfig);
  return {
    files,
    read,
    name: path2.basename(path2.resolve(root)),
    github: remote ? `${remote[1]}/${remote[2]}` : void 0
  };
}
function initCommand(cmd, root, write) {
  const plan = planInit(scanRepo(root));
  const existing = plan.files.filter((f) => existsSync(path2.join(root, f.path)));
  if (existing.length > 0 && !cmd.force) {
    throw new ReproError(
      `${existing.map((f) => f.path).join(" and ")} already exist${existing.length === 1 ? "s" : ""}; nothing was written.`,
      {
        fix: "pass --force to overwrite (your current files are replaced), or move them away first."
      }
    );
  }
  for (const f of plan.files) {
    mkdirSync(path2.dirname(path2.join(root, f.path)), { recursive: true });
    writeFileSync(path2.join(root, f.path), f.text);
  }
  const s = plan.summary;
  write(
    `wrote ${plan.files.map((f) => f.path).join(" and ")} (${s.images} image(s), ${s.steps} step(s), ${s.checks} check(s)).
`
  );
  for (const n of plan.notes) write(`  - ${n}
`);
  write('next: check the lines marked "guessed", then `repro-ci lint` and `repro-ci run`.\n');
  return 0;
}

// src/cli/lint.ts
import { mkdirSync as mkdirSync2 } from "node:fs";
import path3 from "node:path";

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

// src/cli/lint.ts
async function lintCommand(cmd, write) {
  let targets;
  let sarif = cmd.sarif;
  let ignore = cmd.ignore;
  let level = cmd.error ? "error" : "warn";
  if (cmd.dockerfiles.length > 0) {
    targets = dockerfilesAt(cmd.dockerfiles).map((f) => ({
      dockerfile: f,
      context: path3.resolve(cmd.context ?? path3.dirname(f))
    }));
  } else {
    const config = loadConfig(cmd.config);
    targets = configTargets(config);
    ignore = [...config.lint.ignore, ...cmd.ignore];
    if (config.lint.level === "error") level = "error";
    if (!sarif) {
      mkdirSync2(config.results, { recursive: true });
      sarif = path3.join(config.results, SARIF_FILE);
    }
  }
  const report = await lintTargets(targets, {
    docker: new Docker(exec, terminalLogger({ quiet: true })),
    level,
    ignore
  });
  write(`${renderLintText(report)}
`);
  if (sarif) {
    const file = writeSarif(report, path3.resolve(sarif));
    const rel = path3.relative(process.cwd(), file);
    write(`SARIF: ${rel.startsWith("..") ? file : rel}
`);
  }
  return report.findings.some((f) => isBlocking(f, report)) ? 1 : 0;
}

// src/cli/verify.ts
import path5 from "node:path";

// src/archive/archive.ts
import {
  copyFileSync,
  createReadStream,
  existsSync as existsSync2,
  mkdirSync as mkdirSync3,
  readdirSync as readdirSync2,
  readFileSync as readFileSync2,
  readlinkSync,
  statSync as statSync2,
  symlinkSync,
  writeFileSync as writeFileSync2
} from "node:fs";
import { createHash } from "node:crypto";
import path4 from "node:path";

// src/archive/readme.ts
function renderSha256Sums(sums) {
  return Object.keys(sums).sort().map((p) => `${sums[p]}  ${p}
`).join("");
}
function shellQuote(s) {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
var PWD = "\0PWD\0";
var RUNNER = "\0RUNNER\0";
function shellWord(a) {
  if (!a.includes("\0")) return shellQuote(a);
  const escaped = a.replace(/["\\$`]/g, (c) => `\\${c}`).replaceAll(PWD, "$PWD").replaceAll(RUNNER, "$(id -u):$(id -g)");
  return `"${escaped}"`;
}
function envFileText(step) {
  return Object.entries(step.env).map(([k, v]) => `${k}=${v}
`).join("");
}
var envFileOf = (step) => `env/${step.name}.env`;
function dockerRunLine(step, image, project) {
  const argv = runArgv({
    name: `${project}-${step.name}`,
    image,
    labels: {},
    envFile: Object.keys(step.env).length > 0 ? envFileOf(step) : void 0,
    // Passed from the runner by name: the reader sets them in their own environment.
    envNames: step.resources.passEnv,
    mounts: step.mounts.map((m) => ({ host: `${PWD}/work/${m.host}`, container: m.container, readOnly: m.readOnly })),
    workdir: step.workdir,
    gpus: step.gpus,
    network: step.network,
    resources: resourcesFor(step.resources, step.gpus, RUNNER),
    entrypoint: step.command?.[0],
    args: [...step.command?.slice(1) ?? [], ...step.args ?? []]
  });
  return ["docker", ...argv].map(shellWord).join(" ");
}
function dockerBuildLine(img, tag) {
  const argv = buildArgv("buildx", {
    dockerfile: `source/${img.dockerfile}`,
    context: `source/${img.context}`,
    tags: [tag],
    target: img.target,
    buildArgs: img.buildArgs,
    labels: {},
    iidFile: `rebuilt-${img.key}.iid`
  });
  return ["docker", ...argv].map(shellQuote).join(" ");
}
function renderArchiveReadme(record, files) {
  const refOf = (key) => files.refs[key] ?? record.images.find((i) => i.key === key)?.localTag ?? key;
  const imgs = record.images.map(
    (i) => `- \`${refOf(i.key)}\` (${i.key}): image id \`${i.id}\`${i.pushed ? `, pushed as \`${i.pushed.repository}@${i.pushed.digest}\`` : ""}`
  );
  const mkdirs = [...new Set(record.steps.flatMap((s) => s.mounts.map((m) => `work/${m.host}`)))];
  const runs = record.steps.map((s) => `# ${s.name}
${dockerRunLine(s, refOf(s.image), record.project)}`);
  const passed = [...new Set(record.steps.flatMap((s) => s.resources.passEnv))];
  const builds = record.images.map((i) => dockerBuildLine(i, `${refOf(i.key).replace(/:[^:/]+$/, "")}:rebuilt`));
  const verdicts = record.verdicts.map(
    (c) => `- ${c.metric} ${c.rule}: ${c.value ?? "\u2014"} (${c.skipped ? "skipped" : c.ok ? "pass" : "fail"})`
  );
  const version = record.tool.version;
  const files_ = files.source.length > 12 ? `${files.source.length} files: repro.yml, the Dockerfiles and every file their builds were sent` : files.source.map((f) => `\`${f}\``).join(", ");
  return [
    `# ${record.project}: reproduction archive`,
    "",
    `Made by repro-ci ${version} from ${record.source.repository ?? "a local checkout"} at commit \`${record.source.sha || "unknown"}\` (${record.source.ref || "no ref"}), recorded ${record.createdAt}.`,
    record.source.dirty ? `The checkout differed from that commit in ${record.source.dirty.paths.join(", ")} (diff sha256 \`${record.source.dirty.diffSha256}\`): \`source/\` holds the files as they were built.` : "",
    `The run ${record.passed ? "passed" : "did NOT pass"} its checks.`,
    "",
    "## Contents",
    "",
    `- \`${files.images}\`: the images (\`docker save\`), loadable without any registry:`,
    ...imgs.map((l) => `  ${l}`),
    `- \`${files.record}\`: the reproduction record (schema version ${record.schemaVersion}; see repro-ci's docs/record.md): sources and their hashes, base images, commands, environment, metrics, rules and verdicts, hardware.`,
    `- \`source/\`: ${files_}, at their paths in the project. The record's \`contextSha256\` of each image is the hash of its context files there.`,
    ...record.steps.some((s) => Object.keys(s.env).length > 0) ? ["- `env/`: each step's environment from repro.yml, for `--env-file`."] : [],
    "- `SHA256SUMS`: checksums of every file; check with `sha256sum -c SHA256SUMS`.",
    "",
    "## Load and re-run offline",
    "",
    `With the repro-ci version that made this archive (Node.js 20 or later): \`npx repro-ci@${version}\`.`,
    "",
    "```sh",
    "sha256sum -c SHA256SUMS",
    `docker load -i ${files.images}`,
    "# re-runs the steps and checks the metrics against the record",
    `npx repro-ci@${version} verify --record ${files.record}`,
    "```",
    "",
    "Without repro-ci, the recorded steps as plain docker commands (run from this folder):",
    "",
    "```sh",
    `mkdir -p ${mkdirs.join(" ")}`,
    ...passed.length > 0 ? [`# passed from the environment of the run: set ${passed.join(", ")} first`] : [],
    ...runs,
    "```",
    "",
    "Rebuilding the images from `source/` (BuildKit, with buildx; the OCI labels of the originals are in the record):",
    "",
    "```sh",
    ...builds,
    "```",
    "",
    `Metrics files: ${record.metrics.sources.map((s) => `\`work/${s.path}\``).join(", ") || "none"}. Recorded verdicts:`,
    "",
    ...verdicts,
    ""
  ].filter((l, i, all) => l !== "" || all[i - 1] !== "").join("\n");
}

// src/archive/archive.ts
var ARCHIVE_IMAGES = "images.tar";
function fileSha256(file) {
  return new Promise((resolve, reject) => {
    const h = createHash("sha256");
    createReadStream(file).on("data", (d) => h.update(d)).on("end", () => resolve(h.digest("hex"))).on("error", reject);
  });
}
function listFiles(dir, rel = "") {
  return readdirSync2(path4.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(dir, r) : e.isFile() ? [r] : [];
  });
}
function readLastRecord(config) {
  const file = path4.join(config.results, RECORD_FILE);
  if (!existsSync2(file))
    throw new ReproError(`no record in ${path4.relative(process.cwd(), file) || file}.`, {
      fix: "run `repro-ci run` first: every run writes its record there."
    });
  return parseRecord(readFileSync2(file, "utf8"), file);
}
async function findRecorded(docker, img, log) {
  const byTag = img.localTag ? await docker.imageInspect(img.localTag) : void 0;
  if (byTag?.id === img.id) return { key: img.key, ref: img.localTag };
  const name = img.localTag ? img.localTag.replace(/:[^:/]+$/, "") : `${img.key}`;
  const archived = `${name}:archived-${img.id.replace(/^sha256:/, "").slice(0, 12)}`;
  const moved = byTag ? `${img.localTag} is now ${byTag.id.slice(0, 19)}\u2026` : `${img.localTag || img.key} is gone`;
  let found = await docker.imageInspect(img.id);
  if (!found && img.pushed) {
    const ref = `${img.pushed.repository}@${img.pushed.digest}`;
    log.info(`${moved}, and the recorded image ${img.id.slice(0, 19)}\u2026 is not in this engine: pulling ${ref}`);
    await docker.pull(ref);
    found = await docker.imageInspect(ref);
    if (found && found.id !== img.id) {
      throw new ReproError(`${ref} is ${found.id} in this engine, not the recorded ${img.id}.`, {
        fix: "archive on the machine (or image store) that made the record, or run `repro-ci run` again and archive right after it."
      });
    }
  }
  if (!found) {
    throw new ReproError(
      `the recorded image ${img.id} of ${img.key} is not in this engine (${moved})${img.pushed ? "" : ", and it was never pushed"}.`,
      { fix: "run `repro-ci run` again and archive right after it, so the record and the images match." }
    );
  }
  log.info(`${moved}: archiving the recorded image by its id as ${archived} (that tag stays, and keeps the image)`);
  await docker.tag(img.id, archived);
  return { key: img.key, ref: archived };
}
function copySources(config, dest) {
  const copied = /* @__PURE__ */ new Set();
  const copy = (abs, link) => {
    const rel = path4.relative(config.root, abs).split(path4.sep).join("/");
    if (copied.has(rel) || rel.startsWith("..")) return;
    const to = path4.join(dest, rel);
    mkdirSync3(path4.dirname(to), { recursive: true });
    if (link) symlinkSync(readlinkSync(abs), to);
    else copyFileSync(abs, to);
    copied.add(rel);
  };
  for (const f of [
    config.file,
    ...config.images.map((i) => i.dockerfile),
    ...config.metrics?.reference ? [config.metrics.reference.file] : []
  ])
    copy(f, false);
  for (const img of config.images) for (const f of sentFiles(img)) copy(f.abs, f.link);
  return [...copied].sort();
}
async function archive(config, out, opts, docker, exec2, log) {
  const record = readLastRecord(config);
  if (existsSync2(out) && readdirSync2(out).length > 0)
    throw new ReproError(`${out} exists and is not empty.`, { fix: "name a new folder with --out." });
  const images = [];
  for (const img of record.images) images.push(await findRecorded(docker, img, log));
  mkdirSync3(path4.join(out, "source"), { recursive: true });
  const saved = images.map((i) => i.ref);
  await log.group(`docker save ${saved.join(" ")}`, () => docker.save(saved, path4.join(out, ARCHIVE_IMAGES)));
  writeFileSync2(path4.join(out, RECORD_FILE), JSON.stringify(record, null, 2) + "\n");
  const copied = copySources(config, path4.join(out, "source"));
  for (const step of record.steps.filter((s) => Object.keys(s.env).length > 0)) {
    mkdirSync3(path4.join(out, path4.dirname(envFileOf(step))), { recursive: true });
    writeFileSync2(path4.join(out, envFileOf(step)), envFileText(step));
  }
  const refs = Object.fromEntries(images.map((i) => [i.key, i.ref]));
  writeFileSync2(
    path4.join(out, "README.md"),
    renderArchiveReadme(record, { images: ARCHIVE_IMAGES, record: RECORD_FILE, source: copied, refs })
  );
  const files = listFiles(out).filter((f) => f !== "SHA256SUMS");
  const sums = {};
  for (const f of files) sums[f] = await fileSha256(path4.join(out, f));
  writeFileSync2(path4.join(out, "SHA256SUMS"), renderSha256Sums(sums));
  let tarball;
  if (opts.tarball) {
    tarball = `${path4.resolve(out)}.tar.gz`;
    const res = await exec2("tar", [
      "-czf",
      tarball,
      "-C",
      path4.dirname(path4.resolve(out)),
      path4.basename(path4.resolve(out))
    ]);
    if (res.exitCode !== 0)
      throw new ReproError(`tar failed: ${res.stderr.trim()}`, { fix: "check free space next to the output folder." });
  }
  log.info(
    `archived ${images.length} image(s) (${Math.round(statSync2(path4.join(out, ARCHIVE_IMAGES)).size / 1e6)} MB) with the record and ${copied.length} source file(s) in ${out}`
  );
  return { dir: out, tarball, files: [...files, "SHA256SUMS"].sort(), images: images.map((i) => i.ref) };
}

// src/cli/verify.ts
import { existsSync as existsSync3, readdirSync as readdirSync3, readFileSync as readFileSync3 } from "node:fs";
async function verifyCommand(cmd, write) {
  const log = terminalLogger({ quiet: cmd.quiet, verbose: cmd.verbose });
  const docker = new Docker(exec, log);
  let outcome;
  try {
    outcome = await verify(
      {
        image: cmd.image,
        recordFile: cmd.record,
        steps: cmd.steps,
        workspace: cmd.workspace,
        results: cmd.results,
        builder: cmd.builder,
        gpus: cmd.gpus,
        gpusFrom: "--gpus"
      },
      docker,
      log
    );
  } catch (e) {
    if (cmd.badgeDir) notVerifiedBadge(cmd.badgeDir, write);
    throw e;
  }
  const { record, result } = outcome;
  write(
    `
verify ${outcome.image ?? cmd.record}
record: ${outcome.recordFrom} (commit ${record.source.sha || "unknown"}, recorded ${record.createdAt})
re-ran: ${outcome.plan.steps.map((s) => s.name).join(", ")}

`
  );
  write(`${renderVerdict(record, result.checks, result.error?.message.split("\n")[0])}
`);
  write(`results and logs: ${result.resultsDir}
`);
  if (cmd.badgeDir)
    writeBadge(
      cmd.badgeDir,
      record.project,
      {
        kind: "verify",
        checks: result.checks,
        metrics: result.metrics ?? {},
        date: /* @__PURE__ */ new Date(),
        failed: !!result.error
      },
      write
    );
  if (result.error) {
    log.error(result.error.describe());
    return 1;
  }
  return result.ok ? 0 : 1;
}
function notVerifiedBadge(dir, write) {
  const badges = existsSync3(dir) ? readdirSync3(dir).filter((f) => f.endsWith(".json")) : [];
  if (badges.length !== 1)
    return write(
      `badge not updated: ${badges.length === 0 ? "none" : "several"} in ${dir}, and no record names the project
`
    );
  let previous;
  try {
    previous = JSON.parse(readFileSync3(path5.join(dir, badges[0]), "utf8"));
  } catch {
    previous = void 0;
  }
  writeBadge(
    dir,
    badges[0].replace(/\.json$/, ""),
    { kind: "error", date: /* @__PURE__ */ new Date(), lastVerified: lastVerifiedDate(previous) },
    write
  );
}
function writeBadge(dir, project, o, write) {
  const badge = badgeFor(o);
  const files = writeBadgeDir(dir, project, badge);
  write(`badge "${badge.message}": ${files.map((f) => path5.relative(process.cwd(), f) || f).join(", ")}
`);
}
async function archiveCommand(cmd, write) {
  const log = terminalLogger({ quiet: cmd.quiet, verbose: cmd.verbose });
  const config = loadConfig(cmd.config);
  try {
    const out = await archive(
      config,
      path5.resolve(cmd.out),
      { tarball: cmd.tarball },
      new Docker(exec, log),
      exec,
      log
    );
    write(
      `archive: ${out.dir}
${out.files.map((f) => `  ${f}`).join("\n")}
${out.tarball ? `tarball: ${out.tarball}
` : ""}`
    );
    return 0;
  } catch (e) {
    throw e instanceof ReproError ? e : new ReproError(errorMessage(e));
  }
}

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
  if (cmd.command === "lint") return lintCommand(cmd, (s) => process.stdout.write(s));
  if (cmd.command === "init") return initCommand(cmd, process.cwd(), (s) => process.stdout.write(s));
  if (cmd.command === "verify") return verifyCommand(cmd, (s) => process.stdout.write(s));
  if (cmd.command === "archive") return archiveCommand(cmd, (s) => process.stdout.write(s));
  const config = loadConfig(cmd.config);
  if (cmd.command === "validate") {
    process.stdout.write(
      `${cmd.config}: ok (${config.images.length} image(s), ${config.steps.length} step(s), ${config.checks.length} check(s))
`
    );
    return 0;
  }
  return runCommand(cmd, config);
}
async function runCommand(cmd, config) {
  const log = terminalLogger({ quiet: cmd.quiet, verbose: cmd.verbose });
  const docker = new Docker(exec, log);
  const context = await localContext(exec, config.root);
  if (cmd.push && cmd.push !== "never") context.localPush = cmd.push;
  context.commitTime ??= await gitCommitTime(exec, config.root, context.sha);
  const cancellation = onCancel(docker, `${LABEL_RUN}=${context.runId}`, log);
  const overrides = {
    builder: cmd.builder,
    push: cmd.push === "never" ? "never" : cmd.push ? "auto" : void 0,
    image: cmd.image,
    registry: cmd.registry,
    gpus: cmd.gpus
  };
  const plan = resolveRun(config, overrides, "cli", process.env, context);
  for (const n of plan.notices) log.info(n);
  const result = await runPipeline({ config, context, docker, log, cancellation, plan });
  process.stdout.write(`
${renderTextReport(result)}

`);
  for (const p of result.pushed) process.stdout.write(`pushed ${p.repository}@${p.digest} as ${p.tags.join(", ")}
`);
  if (!result.push.push) process.stdout.write(`not pushed: ${result.push.reason}
`);
  process.stdout.write(`results and logs: ${result.resultsDir}
`);
  if (cmd.badgeDir)
    writeBadge(
      cmd.badgeDir,
      config.name,
      { kind: "run", checks: result.checks, metrics: result.metrics ?? {}, date: /* @__PURE__ */ new Date(), failed: !!result.error },
      (s) => process.stdout.write(s)
    );
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
