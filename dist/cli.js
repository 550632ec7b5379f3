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
  baseImage,
  configTargets,
  contextCopyWords,
  dockerfilesAt,
  expandWord,
  gitDirty,
  gitHeadCommit,
  gitOutput,
  globRegex,
  instructionScopes,
  isBlocking,
  isIgnored,
  lastVerifiedDate,
  lintTargets,
  loadConfig,
  parseConfig,
  parseDockerfile,
  parseDockerignore,
  parseImageRef,
  parseRecord,
  renderLintText,
  renderTextReport,
  renderVerdict,
  resolveRun,
  resourcesFor,
  runPipeline,
  sentFiles,
  verify,
  writeBadgeDir,
  writeSarif
} from "./chunks/chunk-RPMBLTEW.js";
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
} from "./chunks/chunk-TWHDUGSX.js";
import "./chunks/chunk-FV663VIO.js";
import "./chunks/chunk-OPINX5A6.js";
import "./chunks/chunk-GCTRTGPI.js";
import "./chunks/chunk-2O3Q65FG.js";

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
  repro-ci init [--run]         write repro.yml and .github/workflows/repro.yml from what the Dockerfiles
                                and scripts do; --run runs it once and writes the reference and checks
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

Init options (also --builder, -q, -v):
      --force          overwrite repro.yml, the workflows and the reference when they exist
      --run            run the new config once, then write the metrics it measured as the committed
                       reference (reference/) with checks and tolerances in repro.yml

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
  run: "init",
  record: "verify",
  steps: "verify",
  workspace: "verify",
  results: "verify",
  out: "archive",
  tar: "archive"
};
function parseBuilder(value = "auto") {
  if (!BUILDER_PREFERENCES.includes(value))
    throw new ReproError(`--builder "${value}" is not valid.`, { fix: "use auto, buildx or classic.", exitCode: 2 });
  return value;
}
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
        run: { type: "boolean" },
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
    return {
      command,
      force: v.force ?? false,
      run: v.run ?? false,
      builder: parseBuilder(v.builder),
      quiet: v.quiet ?? false,
      verbose: v.verbose ?? false
    };
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
  const builder = parseBuilder(v.builder);
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
  const [head, branch, tag, originHead, dirty] = await Promise.all([
    gitHeadCommit(exec2, cwd),
    gitOutput(exec2, cwd, ["symbolic-ref", "--quiet", "HEAD"]),
    gitOutput(exec2, cwd, ["describe", "--exact-match", "--tags", "HEAD"]),
    // What the clone knows of the remote's default branch (set by `git clone`, or `git remote set-head origin --auto`).
    gitOutput(exec2, cwd, ["symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"]),
    gitDirty(exec2, cwd)
  ]);
  return {
    eventName: "local",
    sha: head?.sha ?? "",
    // The commit's own time (the `created` label, SOURCE_DATE_EPOCH), as the action reads it: one git call.
    ...head?.time ? { commitTime: head.time } : {},
    // On a branch, the branch (as a push to it); on a detached HEAD at a tag, the tag (as a tag push).
    ref: branch ?? (tag ? `refs/tags/${tag}` : ""),
    ...originHead?.startsWith("refs/remotes/origin/") ? { defaultBranch: originHead.slice("refs/remotes/origin/".length) } : {},
    isFork: false,
    ...dirty ? { dirty } : {},
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

// src/cli/verify.ts
import path2 from "node:path";

// src/archive/archive.ts
import {
  copyFileSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync
} from "node:fs";
import { createHash } from "node:crypto";
import path from "node:path";

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
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(dir, r) : e.isFile() ? [r] : [];
  });
}
function readLastRecord(config) {
  const file = path.join(config.results, RECORD_FILE);
  if (!existsSync(file))
    throw new ReproError(`no record in ${path.relative(process.cwd(), file) || file}.`, {
      fix: "run `repro-ci run` first: every run writes its record there."
    });
  return parseRecord(readFileSync(file, "utf8"), file);
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
    const rel = path.relative(config.root, abs).split(path.sep).join("/");
    if (copied.has(rel) || rel.startsWith("..")) return;
    const to = path.join(dest, rel);
    mkdirSync(path.dirname(to), { recursive: true });
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
  if (existsSync(out) && readdirSync(out).length > 0)
    throw new ReproError(`${out} exists and is not empty.`, { fix: "name a new folder with --out." });
  const images = [];
  for (const img of record.images) images.push(await findRecorded(docker, img, log));
  mkdirSync(path.join(out, "source"), { recursive: true });
  const saved = images.map((i) => i.ref);
  await log.group(`docker save ${saved.join(" ")}`, () => docker.save(saved, path.join(out, ARCHIVE_IMAGES)));
  writeFileSync(path.join(out, RECORD_FILE), JSON.stringify(record, null, 2) + "\n");
  const copied = copySources(config, path.join(out, "source"));
  for (const step of record.steps.filter((s) => Object.keys(s.env).length > 0)) {
    mkdirSync(path.join(out, path.dirname(envFileOf(step))), { recursive: true });
    writeFileSync(path.join(out, envFileOf(step)), envFileText(step));
  }
  const refs = Object.fromEntries(images.map((i) => [i.key, i.ref]));
  writeFileSync(
    path.join(out, "README.md"),
    renderArchiveReadme(record, { images: ARCHIVE_IMAGES, record: RECORD_FILE, source: copied, refs })
  );
  const files = listFiles(out).filter((f) => f !== "SHA256SUMS");
  const sums = {};
  for (const f of files) sums[f] = await fileSha256(path.join(out, f));
  writeFileSync(path.join(out, "SHA256SUMS"), renderSha256Sums(sums));
  let tarball;
  if (opts.tarball) {
    tarball = `${path.resolve(out)}.tar.gz`;
    const res = await exec2("tar", [
      "-czf",
      tarball,
      "-C",
      path.dirname(path.resolve(out)),
      path.basename(path.resolve(out))
    ]);
    if (res.exitCode !== 0)
      throw new ReproError(`tar failed: ${res.stderr.trim()}`, { fix: "check free space next to the output folder." });
  }
  log.info(
    `archived ${images.length} image(s) (${Math.round(statSync(path.join(out, ARCHIVE_IMAGES)).size / 1e6)} MB) with the record and ${copied.length} source file(s) in ${out}`
  );
  return { dir: out, tarball, files: [...files, "SHA256SUMS"].sort(), images: images.map((i) => i.ref) };
}

// src/cli/verify.ts
import { existsSync as existsSync2, readdirSync as readdirSync2, readFileSync as readFileSync2 } from "node:fs";
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
  const badges = existsSync2(dir) ? readdirSync2(dir).filter((f) => f.endsWith(".json")) : [];
  if (badges.length !== 1)
    return write(
      `badge not updated: ${badges.length === 0 ? "none" : "several"} in ${dir}, and no record names the project
`
    );
  let previous;
  try {
    previous = JSON.parse(readFileSync2(path2.join(dir, badges[0]), "utf8"));
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
  write(`badge "${badge.message}": ${files.map((f) => path2.relative(process.cwd(), f) || f).join(", ")}
`);
}
async function archiveCommand(cmd, write) {
  const log = terminalLogger({ quiet: cmd.quiet, verbose: cmd.verbose });
  const config = loadConfig(cmd.config);
  try {
    const out = await archive(
      config,
      path2.resolve(cmd.out),
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

// src/cli/run.ts
async function runLocal(cmd, config) {
  const log = terminalLogger({ quiet: cmd.quiet, verbose: cmd.verbose });
  const docker = new Docker(exec, log);
  const context = await localContext(exec, config.root);
  if (cmd.push && cmd.push !== "never") context.localPush = cmd.push;
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
    return { code: result.error.exitCode, result };
  }
  if (!result.ok) {
    log.error(`${result.checks.filter((c) => !c.ok).length} check(s) failed.`);
    return { code: 1, result };
  }
  process.stdout.write("repro-ci: passed\n");
  return { code: 0, result };
}

// src/cli/init.ts
import { copyFileSync as copyFileSync2, existsSync as existsSync3, mkdirSync as mkdirSync2, readdirSync as readdirSync3, readFileSync as readFileSync3, statSync as statSync2, writeFileSync as writeFileSync2 } from "node:fs";
import path6 from "node:path";

// src/init/plan.ts
import path5 from "node:path/posix";

// src/init/image.ts
import path3 from "node:path/posix";

// src/init/python.ts
var GPU_SIGNS = [
  [/\bnvidia-smi\b/, "nvidia-smi"],
  [/\btorch\.cuda\b/, "torch.cuda"],
  [/\.cuda\(\)/, ".cuda()"],
  [/["']cuda(?::\d+)?["']/, '"cuda" device'],
  [/list_physical_devices\(\s*["']GPU["']/, "tf.config.list_physical_devices('GPU')"],
  [/\bjax\.devices\(\s*["']gpu["']/, "jax.devices('gpu')"],
  [/accelerator\s*=\s*["'](?:gpu|cuda)["']/, 'accelerator="gpu"'],
  [/\bcupy\b/, "cupy"]
];
var SERVER_SIGNS = [
  [/\buvicorn\b/, "uvicorn"],
  [/\bgunicorn\b/, "gunicorn"],
  [/\bfastapi\s+(?:dev|run)\b/, "fastapi"],
  [/\bflask\s+run\b|\bapp\.run\(/, "Flask"],
  [/\bstreamlit\b/, "streamlit"],
  [/\bgradio\b|\.launch\(\s*(?:server_name|share)/, "gradio"],
  [/\bjupyter(?:-lab|\s+lab|\s+notebook)?\b/, "jupyter"],
  [/\btensorboard\b\s+--logdir/, "tensorboard"],
  [/\bmlflow\s+(?:server|ui)\b/, "mlflow server"],
  [/\bbentoml\s+serve\b/, "bentoml"],
  [/\bhttp\.server\b|\bserve_forever\(/, "http.server"]
];
var CLOUD_SIGNS = [
  [/\bdvc\s+(?:pull|fetch|repro)\b/, "dvc pull"],
  [/\bgsutil\b|\bgcloud\b/, "gcloud"],
  [/\baws\s+s3\b/, "aws s3"],
  [/\baz\s+storage\b/, "az storage"],
  [/\bfrom\s+google\.cloud\b|\bimport\s+google\.cloud\b/, "google.cloud"],
  [/\bimport\s+boto3\b/, "boto3"]
];
function firstSign(text, signs) {
  return signs.find(([re]) => re.test(text))?.[1];
}
var gpuSign = (text) => firstSign(text, GPU_SIGNS);
var serverSign = (text) => firstSign(text, SERVER_SIGNS);
var cloudSign = (text) => firstSign(text, CLOUD_SIGNS);
var WRITE_FIRST = /^(?:np|numpy)\.(?:save|savez|savez_compressed|savetxt)$|\.(?:savefig|to_csv|to_json|to_parquet|to_pickle|save_pretrained|save_model|write_csv)$|^os\.(?:makedirs|mkdir)$/;
var WRITE_SECOND = /^(?:torch\.save|joblib\.dump|shutil\.(?:copy|copyfile|copy2|copytree|move))$/;
var READ_FIRST = /^(?:np|numpy)\.(?:load|loadtxt|genfromtxt)$|^(?:torch|joblib)\.load$|^(?:pd|pandas)\.read_\w+$|\.(?:load|load_model|from_pretrained|load_from_checkpoint)$/;
var WRITE_METHOD = /\.(?:write_text|write_bytes|mkdir)\(/;
var READ_METHOD = /\.(?:read_text|read_bytes)\(/;
function scriptFacts(text, file) {
  const lines = text.split(/\r?\n/);
  const lineOf = (offset) => text.slice(0, offset).split("\n").length;
  const found = calls(text);
  const vars = constants(text, found, file ? { __file__: file } : {});
  const paths = [];
  const add = (expr, mode, offset, folder = false) => {
    const p = evalPath(expr, vars);
    if (p === void 0 || p === "" || /^(?:https?|s3|gs):/.test(p) || p.startsWith("-")) return;
    const clean = p.replace(/^\.\//, "").replace(/\/+$/, "");
    if (!clean || clean === ".") return;
    paths.push({ path: clean, mode, line: lineOf(offset), ...folder ? { folder: true } : {} });
  };
  for (const call of found) {
    const args = call.args;
    if (/^(?:open|io\.open|codecs\.open)$/.test(call.name)) {
      const mode = args.find((a) => /^mode\s*=/.test(a))?.replace(/^mode\s*=\s*/, "") ?? args[1];
      add(args[0], mode && /["'][^"']*[wax]/.test(mode) ? "write" : "read", call.offset);
    } else if (WRITE_FIRST.test(call.name)) add(args[0], "write", call.offset, /makedirs|mkdir/.test(call.name));
    else if (WRITE_SECOND.test(call.name) && args[1]) add(args[1], "write", call.offset);
    else if (READ_FIRST.test(call.name)) add(args[0], "read", call.offset);
    else if (/\.save$/.test(call.name) && args.length > 0 && !/^self\./.test(call.name)) {
      add(args[0], "write", call.offset);
    }
  }
  for (const re of [WRITE_METHOD, READ_METHOD]) {
    const g = new RegExp(re.source, "g");
    for (let m = g.exec(text); m; m = g.exec(text)) {
      const receiver = receiverBefore(text, m.index);
      if (receiver) add(receiver, re === READ_METHOD ? "read" : "write", m.index, /mkdir/.test(m[0]));
    }
  }
  const env = [];
  const envRe = /os\.environ\.get\(\s*["'](\w+)["']\s*(,)?|os\.getenv\(\s*["'](\w+)["']\s*(,)?|os\.environ\[\s*["'](\w+)["']\s*\]/g;
  for (let m = envRe.exec(text); m; m = envRe.exec(text)) {
    const name = m[1] ?? m[3] ?? m[5];
    const hasDefault = !!(m[2] ?? m[4]);
    const prior = env.find((e) => e.name === name);
    if (prior) prior.hasDefault ||= hasDefault;
    else env.push({ name, hasDefault, line: lineOf(m.index) });
  }
  const imports = /* @__PURE__ */ new Set();
  for (const l of lines) {
    const m = /^\s*from\s+([\w.]+)\s+import\b|^\s*import\s+([\w., ]+)/.exec(l);
    if (!m) continue;
    for (const mod of (m[1] ?? m[2]).split(",").map((s) => s.trim().split(/\s+/)[0])) {
      if (!mod || mod.startsWith(".")) continue;
      const parts = mod.split(".");
      for (let n = parts.length; n >= 1; n--) imports.add(parts.slice(0, n).join("."));
    }
  }
  const code = lines.map((l) => l.replace(/(^|\s)#.*$/, "")).join("\n");
  return {
    env,
    paths,
    gpu: gpuSign(code),
    server: serverSign(code),
    cloud: cloudSign(code),
    imports: [...imports]
  };
}
function calls(text) {
  const out = [];
  const re = /([A-Za-z_][\w.]*)\s*\(/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const close = matching(text, m.index + m[0].length - 1);
    if (close < 0) continue;
    out.push({ name: m[1], args: splitTop(text.slice(m.index + m[0].length, close)), offset: m.index });
  }
  return out;
}
function matching(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      i = stringEnd(text, i);
      continue;
    }
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
function stringEnd(text, start) {
  const q2 = text[start];
  const triple = text.slice(start, start + 3) === q2.repeat(3);
  const end = triple ? q2.repeat(3) : q2;
  for (let i = start + end.length; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text.startsWith(end, i)) return i + end.length - 1;
    else if (!triple && text[i] === "\n") return i;
  }
  return text.length;
}
function splitAt(s, sep) {
  const out = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"' || c === "'") i = stringEnd(s, i);
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (c === sep && depth === 0 && s[i + 1] !== sep && s[i - 1] !== sep) {
      out.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(s.slice(start).trim());
  return out;
}
function splitTop(s) {
  const out = splitAt(s, ",");
  return out[out.length - 1] === "" ? out.slice(0, -1) : out;
}
function receiverBefore(text, dot) {
  let i = dot - 1;
  if (text[i] === ")") {
    let depth = 0;
    for (; i >= 0; i--) {
      if (text[i] === ")") depth++;
      else if (text[i] === "(" && --depth === 0) break;
    }
    i--;
  }
  while (i >= 0 && /[\w.]/.test(text[i])) i--;
  const expr = text.slice(i + 1, dot).trim();
  return expr.startsWith("(") ? expr.slice(1, -1) : expr || void 0;
}
function constants(text, found, known) {
  const vars = { ...known };
  const dropped = /* @__PURE__ */ new Set();
  const bind = (name, expr) => {
    if (dropped.has(name)) return;
    const v = evalPath(expr, vars);
    if (v === void 0) return;
    if (name in vars && vars[name] !== v) {
      delete vars[name];
      dropped.add(name);
    } else vars[name] = v;
  };
  const assign = /^[ \t]*([A-Za-z_][\w.]*)\s*(?::\s*[\w.[\], ]+)?=(?!=)\s*(.+)$/gm;
  for (let m = assign.exec(text); m; m = assign.exec(text)) bind(m[1], m[2].replace(/\s+#.*$/, ""));
  for (const call of found) {
    if (isDef(text, call.offset)) {
      for (const a of call.args) {
        const p = /^\*{0,2}(\w+)\s*(?::[^=]+)?=\s*([\s\S]+)$/.exec(a);
        if (p) bind(p[1], p[2]);
      }
    } else if (/\.add_argument$|\.Option$|^typer\.Option$/.test(call.name)) {
      const flag = call.args.map(unquote).find((x) => x?.startsWith("--"));
      const def = call.args.find((x) => /^default\s*=/.test(x));
      const dest = call.args.find((x) => /^dest\s*=/.test(x));
      const name = dest ? unquote(dest.replace(/^dest\s*=\s*/, "")) : flag?.replace(/^--/, "").replace(/-/g, "_");
      if (name && def) bind(`args.${name}`, def.replace(/^default\s*=\s*/, ""));
    }
  }
  return vars;
}
function isDef(text, offset) {
  const lineStart = text.lastIndexOf("\n", offset) + 1;
  return /^\s*(?:async\s+)?def\s+$/.test(text.slice(lineStart, offset));
}
function unquote(s) {
  const m = /^[rRbBuU]?(["'])(.*)\1$/s.exec(s.trim());
  return m ? m[2] : void 0;
}
function evalPath(expr, vars) {
  if (expr === void 0) return void 0;
  let e = expr.trim();
  for (; ; ) {
    const before = e;
    e = e.replace(/\.(?:resolve|absolute|expanduser)\(\)$/, "");
    const wrap = /^(?:str|os\.fspath|Path|pathlib\.Path|PurePath)\(([\s\S]*)\)$/.exec(e);
    if (wrap && matching(e, e.indexOf("(")) === e.length - 1) e = wrap[1].trim();
    if (e.startsWith("(") && matching(e, 0) === e.length - 1) e = e.slice(1, -1).trim();
    if (e === before) break;
  }
  const lit = unquote(e);
  if (lit !== void 0) return lit;
  const f = /^[fF][rR]?(["'])(.*)\1$/s.exec(e);
  if (f) {
    let unknown = false;
    const v = f[2].replace(/\{([^{}]+)\}/g, (_, name) => {
      const x = evalPath(name, vars);
      if (x === void 0) unknown = true;
      return x ?? "";
    });
    return unknown ? void 0 : v;
  }
  if (/^[A-Za-z_][\w.]*$/.test(e) && e in vars) return vars[e];
  if (/^[A-Za-z_][\w.]*$/.test(e) && !/\.parent$/.test(e)) return void 0;
  const join = /^os\.path\.join\(([\s\S]*)\)$/.exec(e);
  if (join && matching(e, e.indexOf("(")) === e.length - 1) {
    const parts = splitTop(join[1]).map((p) => evalPath(p, vars));
    if (parts.some((p) => p === void 0)) return void 0;
    return joinPosix(parts);
  }
  const envGet = /^os\.(?:environ\.get|getenv)\(([\s\S]*)\)$/.exec(e);
  if (envGet && matching(e, e.indexOf("(")) === e.length - 1) {
    const args = splitTop(envGet[1]);
    return args[1] === void 0 ? void 0 : evalPath(args[1].replace(/^default\s*=\s*/, ""), vars);
  }
  for (const op of ["/", "+"]) {
    const parts = splitOp(e, op);
    if (parts.length > 1) {
      const vals = parts.map((p) => evalPath(p, vars));
      if (vals.some((v) => v === void 0)) return void 0;
      return op === "/" ? joinPosix(vals) : vals.join("");
    }
  }
  const parent = /^([\s\S]+)\.parent$/.exec(e) ?? /^os\.path\.dirname\(([\s\S]*)\)$/.exec(e);
  const parents = /^([\s\S]+)\.parents\[(\d+)\]$/.exec(e);
  if (parent || parents) {
    let dir = evalPath((parent ?? parents)[1], vars);
    if (dir === void 0) return void 0;
    for (let n = parents ? Number(parents[2]) + 1 : 1; n > 0; n--)
      dir = dir.includes("/") ? dir.replace(/\/[^/]*$/, "") || "/" : ".";
    return dir;
  }
  if (/^os\.path\.abspath\(/.test(e) && matching(e, e.indexOf("(")) === e.length - 1) {
    const inner = evalPath(e.slice(e.indexOf("(") + 1, -1), vars);
    return inner?.startsWith("/") ? inner : void 0;
  }
  return void 0;
}
function splitOp(s, op) {
  const out = splitAt(s, op);
  return out.every((p) => p !== "") ? out : [s];
}
function joinPosix(parts) {
  let out = "";
  for (const p of parts) out = p.startsWith("/") || out === "" ? p : `${out.replace(/\/+$/, "")}/${p}`;
  return out;
}

// src/init/image.ts
var CUDA_BASE = /cuda|nvidia|nvcr\.io|-gpu\b|rocm/i;
function imageFacts(file, text, files, read) {
  const df = parseDockerfile(text);
  const final = df.stages[df.stages.length - 1];
  const { context, note: note2, missing } = chooseContext(file, df, files, read);
  const facts = {
    dockerfile: file,
    context,
    ...note2 ? { contextNote: note2 } : {},
    missing,
    workdir: "/",
    copies: [],
    exposes: false,
    pythonPath: []
  };
  if (!final) return facts;
  const scopes = instructionScopes(df);
  const expand = (s, instr) => {
    const scope = scopes.get(instr);
    return scope ? expandWord(s, scope, df.escape).value : s;
  };
  let entrypoint;
  let cmd;
  let shellEntry = false;
  for (const stage of chain(df, final)) {
    for (const instr of stage.instructions) {
      const words = () => instr.json ?? ["/bin/sh", "-c", instr.body];
      switch (instr.keyword) {
        case "WORKDIR":
          facts.workdir = path3.resolve(facts.workdir, expand(instr.body.trim(), instr));
          break;
        case "COPY":
        case "ADD": {
          const all = contextCopyWords(instr)?.map((w) => expand(w, instr)) ?? [];
          if (all.length < 2) break;
          const sources = all.slice(0, -1).filter((s) => !/^[a-z]+:\/\//i.test(s));
          const rawDest = all[all.length - 1];
          const dest = path3.resolve(facts.workdir, rawDest);
          const destDir = rawDest.endsWith("/") || rawDest === "." || sources.length > 1 || sources.some(isGlob);
          facts.copies.push({ sources: sources.map(cleanSource), dest, destDir, line: instr.line });
          break;
        }
        case "ENTRYPOINT":
          entrypoint = words();
          shellEntry = !instr.json;
          cmd = void 0;
          break;
        case "CMD":
          cmd = words();
          break;
        case "EXPOSE":
          facts.exposes = true;
          break;
        case "ENV":
          for (const m of instr.body.matchAll(/PYTHONPATH[= ]"?([^"\s]+)"?/g))
            facts.pythonPath.push(
              ...expand(m[1], instr).split(":").filter((p) => p.startsWith("/"))
            );
          break;
      }
    }
  }
  const entry = entrypoint ? shellEntry || !cmd ? entrypoint : [...entrypoint, ...cmd] : cmd;
  if (entry && entry.length > 0) facts.entry = entry;
  if (entrypoint && entrypoint.length > 0) facts.entrypoint = entrypoint;
  facts.base = baseImage(df, final);
  if (facts.base && CUDA_BASE.test(facts.base)) facts.gpu = `its base image ${facts.base}`;
  const entryText = (facts.entry ?? []).join(" ");
  facts.server = serverSign(entryText);
  const runs = final.instructions.filter((i) => i.keyword === "RUN").map((i) => i.body).join("\n");
  facts.cloud = cloudSign(entryText) ?? (/\bdvc\s+pull\b/.test(runs) ? "dvc pull" : void 0);
  facts.gpu ??= gpuSign(entryText) ? `its command (${gpuSign(entryText)})` : void 0;
  return facts;
}
function chain(df, stage) {
  const out = [stage];
  for (let cur = stage; ; ) {
    const parent = df.stages.find((s) => s.index < cur.index && s.name === cur.from.toLowerCase());
    if (!parent || out.includes(parent)) break;
    out.unshift(parent);
    cur = parent;
  }
  return out;
}
var isGlob = (s) => /[*?[]/.test(s);
var cleanSource = (s) => s.replace(/^\.\//, "").replace(/\/+$/, "") || ".";
function containerPath(facts, rel) {
  let found;
  for (const c of facts.copies) {
    for (const s of c.sources) {
      if (s === ".") found = path3.join(c.dest, rel);
      else if (isGlob(s)) {
        const re = globRegex(s);
        const parts = rel.split("/");
        for (let n = 1; n <= parts.length; n++) {
          if (!re.test(parts.slice(0, n).join("/"))) continue;
          found = n === parts.length ? path3.join(c.dest, parts[n - 1]) : path3.join(c.dest, ...parts.slice(n));
          break;
        }
      } else if (rel === s) found = c.destDir ? path3.join(c.dest, path3.basename(s)) : c.dest;
      else if (rel.startsWith(`${s}/`)) found = path3.join(c.dest, rel.slice(s.length + 1));
    }
  }
  return found;
}
function pathInImage(facts, file) {
  const prefix = facts.context === "." ? "" : `${facts.context}/`;
  return file.startsWith(prefix) ? containerPath(facts, file.slice(prefix.length)) : void 0;
}
function candidates(file) {
  const out = [];
  for (let dir = path3.dirname(file); ; dir = path3.dirname(dir)) {
    out.push(dir);
    if (dir === "." || dir === "/" || dir === "") break;
  }
  return out;
}
var BUILD_ONLY = /(^|\/)(Dockerfile[^/]*|[^/]*\.[Dd]ockerfile|\.dockerignore|[^/]*\.dockerignore|[^/]*\.sh|README[^/]*)$/;
function chooseContext(file, df, files, read) {
  const sources = df.instructions.flatMap(
    (i) => (contextCopyWords(i)?.slice(0, -1) ?? []).filter((s) => !/^[a-z]+:\/\//i.test(s) && !s.includes("$")).map((s) => ({ source: cleanSource(s), line: i.line }))
  );
  const score = (ctx) => {
    const prefix = ctx === "." ? "" : `${ctx}/`;
    const inCtx = files.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
    const ignoreText = read(`${file}.dockerignore`) ?? read(`${prefix}.dockerignore`);
    const ignore = ignoreText ? parseDockerignore(ignoreText) : [];
    const kept = inCtx.filter((f) => !isIgnored(ignore, f));
    const ok = sources.filter(({ source }) => source === "." || kept.some((f) => covers(source, f)));
    return { ctx, ok: ok.length, missing: sources.filter((s) => !ok.includes(s)), kept };
  };
  const scored = candidates(file).map(score);
  const best = Math.max(...scored.map((s) => s.ok));
  const tied = scored.filter((s) => s.ok === best);
  const own = tied.find((s) => s.kept.some((f) => !BUILD_ONLY.test(f))) ?? tied[tied.length - 1];
  const pick = tied.length > 1 ? own : tied[0];
  const missing = pick.missing.map((m) => ({ ...m, hint: missingHint(m.source, files) }));
  let note2;
  if (scored.length > 1 && sources.some((s) => s.source !== ".")) {
    if (tied.length > 1 && sources.length > 0 && pick.ctx !== path3.dirname(file))
      note2 = `guessed: its folder holds only build files, so its COPY sources are taken from ${pick.ctx === "." ? "the repository root" : pick.ctx}`;
    else if (tied.length > 1) note2 = `guessed: its COPY sources are found from ${describe(pick.ctx)} and from others`;
    else if (pick.ctx !== path3.dirname(file)) note2 = `its COPY sources are found from ${describe(pick.ctx)}`;
  } else if (scored.length > 1 && pick.ctx !== path3.dirname(file))
    note2 = `guessed: it copies the whole context, and its folder holds only build files`;
  return { context: pick.ctx, ...note2 ? { note: note2 } : {}, missing };
}
var describe = (ctx) => ctx === "." ? "the repository root" : ctx;
function covers(s, f) {
  if (!isGlob(s)) return f === s || f.startsWith(`${s}/`);
  const re = globRegex(s);
  const parts = f.split("/");
  for (let n = 1; n <= parts.length; n++) if (re.test(parts.slice(0, n).join("/"))) return true;
  return false;
}
function missingHint(source, files) {
  const top = source.split("/")[0];
  if (files.includes(`${top}.dvc`)) return `${top} is tracked by DVC (${top}.dvc): run \`dvc pull\` before the build`;
  if (isGlob(source)) return "no file in the repository matches it";
  return `it is not in the repository (made at run time, or downloaded?): the build fails until it exists`;
}

// src/init/render.ts
import path4 from "node:path/posix";
var q = (s) => /^[\w./@-]+$/.test(s) && !/^(true|false|yes|no|on|off|null|~|[\d.]*\d[\d.]*)$/i.test(s) ? s : JSON.stringify(s);
var note = (line, comment) => comment ? `${line}  # ${comment}` : line;
function renderConfig(p) {
  const name = p.name.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[^a-z0-9]+/, "") || "project";
  const out = [
    "# repro-ci config, written by `repro-ci init` from what the Dockerfiles and scripts do.",
    '# Check every line marked "guessed". Reference: docs/config.md. `repro-ci validate` checks it,',
    "# `repro-ci run` runs it here as CI will.",
    "version: 1",
    `name: ${name}`,
    "",
    "# Images to build with BuildKit (RUN --mount=type=cache works), by name. Only images a step runs are built.",
    "images:"
  ];
  const built = p.images.filter((i) => !i.left);
  for (const i of built) {
    const f = i.facts;
    const why = i.noStep ? `built to push; no step: ${i.noStep}` : void 0;
    if (f.context === "." && path4.dirname(f.dockerfile) === "." && !f.contextNote)
      out.push(note(`  ${i.key}: ${q(f.dockerfile)}`, why));
    else
      out.push(
        note(`  ${i.key}:`, why),
        `    dockerfile: ${q(f.dockerfile)}`,
        note(`    context: ${q(f.context)}`, f.contextNote)
      );
    for (const m of f.missing)
      out.push(`    # the build needs ${m.source} (line ${m.line} of ${f.dockerfile}): ${m.hint ?? "not found"}`);
  }
  for (const i of p.images.filter((x) => x.left))
    out.push(`  # ${i.key}: ${q(i.facts.dockerfile)}  # not built: ${i.left}`);
  if (built.length === 0) out.push("  {}");
  if (p.steps.length > 0) {
    out.push(
      "",
      "# Containers to run, in order. A mount is HOST:CONTAINER[:ro]: the host folder (relative to this file, made",
      "# when missing) is where a step leaves its outputs and where a later step finds them.",
      "steps:"
    );
    for (const s of p.steps) out.push(...renderStep(s));
  } else {
    out.push("", "# steps: no Dockerfile runs a script on its own; add the containers to run here (docs/config.md).");
  }
  out.push("");
  if (p.metrics) {
    out.push("# The metrics file a step writes (host path), and the rules that decide pass or fail.");
    if (p.reference)
      out.push(
        "metrics:",
        note(`  file: ${q(p.metrics)}`, p.metricsWhy),
        note(`  reference: ${q(p.reference)}`, "commit it")
      );
    else out.push(note(`metrics: ${q(p.metrics)}`, p.metricsWhy));
    if (p.checks.length > 0) {
      out.push(
        note(
          "checks:",
          p.checksWhy ?? "guessed: a margin around the values in the metrics file found in the repository"
        )
      );
      for (const c of p.checks) out.push(note(`  ${q(c.metric)}: ${c.rule}`, c.comment));
    } else {
      out.push(
        "# This config checks nothing yet: `repro-ci init --run --force` runs it once and writes the measured",
        "# metrics as a reference with checks. Or write them yourself:",
        "# checks:",
        "#   accuracy: { min: 0.9 }",
        "#   loss: { max: 0.5 }"
      );
    }
  } else {
    out.push(
      "# No metrics file was found, so nothing is checked: make the evaluation write one into a mounted folder.",
      "# metrics: results/metrics.json",
      "# checks:",
      "#   accuracy: { min: 0.9 }"
    );
  }
  out.push("", "# Where to push the images that passed (on pushes and tags; never on pull requests).");
  if (p.pushImage) out.push("push:", `  image: ${p.pushImage}`);
  else out.push("# push:", "#   image: ghcr.io/OWNER/REPO");
  out.push(
    "",
    "# The Dockerfile lint before the build (docs/lint.md): warn, error (fail on findings) or off.",
    "lint: warn",
    ""
  );
  return out.join("\n");
}
function renderStep(s) {
  const out = [`  - name: ${q(s.name)}`, note(`    image: ${q(s.image)}`, s.command ? void 0 : s.why)];
  if (s.command) out.push(note(`    command: [${s.command.map(q).join(", ")}]`, s.why));
  const valued = s.env.filter((e) => e.value !== void 0);
  const unset = s.env.filter((e) => e.value === void 0);
  if (valued.length > 0) {
    out.push("    env:");
    for (const e of valued) out.push(note(`      ${e.name}: ${JSON.stringify(e.value)}`, e.why));
    for (const e of unset) out.push(note(`      # ${e.name}: ""`, e.why));
  } else if (unset.length > 0) {
    out.push("    # env:");
    for (const e of unset) out.push(note(`    #   ${e.name}: ""`, e.why));
  }
  if (s.defaults.length > 0)
    out.push(
      `    # ${s.defaults.join(", ")}: the code has its own default${s.defaults.length > 1 ? "s" : ""}, kept; set under env: only to change the experiment`
    );
  if (s.mounts.length > 0) {
    out.push("    mounts:");
    for (const m of s.mounts)
      out.push(note(`      - ${q(`${m.host}:${m.container}${m.readOnly ? ":ro" : ""}`)}`, m.why));
  }
  if (s.gpu) out.push(note("    gpus: optional", `${s.gpu}: a GPU where the runner has one, the CPU otherwise`));
  out.push(
    "    # network: none      # cut the container off the network once it needs nothing from outside",
    "    timeout: 1h"
  );
  for (const c of s.comments) out.push(`    # note: ${c}`);
  return out;
}
var WORKFLOW_HEAD = [
  "permissions:",
  "  contents: read",
  "  packages: write          # push to ghcr.io",
  "  pull-requests: write     # the report as a pull request comment"
];
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
    ...WORKFLOW_HEAD.map(
      (l) => l.includes("packages") && !push ? "  packages: write          # needed once push.image names ghcr.io" : l
    ),
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
    "      - uses: repro-ci/repro-ci@v1",
    "        id: repro",
    "        with:",
    "          config: repro.yml",
    "      # Lint findings in code scanning (needs `security-events: write`):",
    "      # - uses: github/codeql-action/upload-sarif@v3",
    "      #   if: always() && steps.repro.outputs.sarif != ''",
    '      #   with: { sarif_file: "${{ steps.repro.outputs.sarif }}" }',
    ""
  ].join("\n");
}
function renderGpuWorkflow() {
  return [
    "# Written by `repro-ci init`: the code uses a GPU where there is one. This runs repro.yml on a self-hosted",
    "# runner with an NVIDIA GPU (driver and NVIDIA Container Toolkit installed, labels below), with every GPU:",
    "# a runner without a GPU runtime fails with a clear error instead of quietly training on the CPU.",
    "name: repro (GPU)",
    "on:",
    "  push:",
    "    branches: [main]",
    "  workflow_dispatch:",
    "",
    ...WORKFLOW_HEAD,
    "",
    "# One GPU job at a time per branch: a second push waits instead of fighting for the GPU.",
    "concurrency:",
    "  group: repro-gpu-${{ github.ref }}",
    "  cancel-in-progress: false",
    "",
    "jobs:",
    "  repro-gpu:",
    "    runs-on: [self-hosted, linux, x64, gpu]",
    "    timeout-minutes: 600",
    "    steps:",
    "      - uses: actions/checkout@v4",
    "      - uses: repro-ci/repro-ci@v1",
    "        id: repro",
    "        with:",
    "          config: repro.yml",
    "          gpus: all               # over the steps' `gpus: optional`: this runner must have them",
    ""
  ].join("\n");
}

// src/init/plan.ts
var CONFIG_FILE = "repro.yml";
var WORKFLOW_FILE = ".github/workflows/repro.yml";
var GPU_WORKFLOW_FILE = ".github/workflows/repro-gpu.yml";
var DOCKERFILE = /(^|\/)(Dockerfile(\.[\w.-]+)?|[\w.-]+\.[Dd]ockerfile)$/;
var IN_TESTS = /(^|\/)(tests?|fixtures?|examples?|docs?)\//;
var TRAIN = /(^|[\s/_.-])(train(ing)?|fit|finetune)([_.-]|$)/i;
var EVALUATE = /(^|[\s/_.-])(eval(uate|uation)?|test|score|predict|inference|validate)([_.-]|$)/i;
var TRAIN_SCRIPT = /(^|\/)(train(ing)?|fit|finetune)[\w-]*\.py$/;
var EVAL_SCRIPT = /(^|\/)(eval(uate|uation)?[\w-]*|test|score|predict)\.py$/;
var GPU_NAME = /(^|[/_.-])(gpu|cuda)([_.-]|$)/i;
var CLOUD_NAME = /(^|[/_.-])(cloud|gcp|aws|azure|vertex|sagemaker)([_.-]|$)/i;
var SEED = /^(\w+_)?SEED$/;
var SECRET = /TOKEN|KEY|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH/;
var METRICS_EXT = /\.(json|ya?ml|csv|tsv)$/;
var SYSTEM = /^\/(usr|proc|sys|dev|etc|tmp|var|bin|lib|opt|root\/\.cache|home\/[^/]+\/\.cache)(\/|$)/;
var MEASURED_RTOL = 0.01;
function planInit(scan, measured) {
  const notes = [];
  const images = scanImages(scan);
  const steps = planSteps(scan, images, notes);
  if (images.length === 0) {
    notes.push(
      "no Dockerfile was found: write one (dependencies first, then the code; see docs/lint.md), then run `repro-ci init --force`."
    );
    images.push(placeholderImage());
    steps.push(stepFor("app", images[0], void 0));
  }
  leaveOutUnused(images, steps);
  const metrics = findMetrics(steps);
  const checks = measured ? measuredChecks(measured.metrics) : metrics ? guessChecks(scan.read(metrics.host)) : [];
  if (measured && checks.length === 0)
    notes.push(
      `the run wrote no metric worth checking (${Object.keys(measured.metrics).join(", ") || "none"}): write \`checks:\` yourself.`
    );
  else if (metrics && checks.length === 0)
    notes.push(
      `this config checks nothing yet: \`repro-ci init --run --force\` runs it once and writes the measured metrics as the reference with checks, or write \`checks:\` for ${metrics.host} yourself.`
    );
  if (!metrics && steps.length > 0)
    notes.push(
      "no metrics file was found, so this config checks nothing: make the evaluation write a JSON file into a mounted folder, then name it under `metrics:` and add `checks:`."
    );
  const pushImage = scan.github ? `ghcr.io/${scan.github.toLowerCase()}` : void 0;
  if (!pushImage)
    notes.push("no GitHub remote was found: set `push.image` (e.g. ghcr.io/OWNER/REPO) to publish the images.");
  for (const s of steps) for (const c of s.comments) notes.push(`${s.name}: ${c}`);
  const gpu = steps.some((s) => s.gpu);
  if (gpu)
    notes.push(
      `${GPU_WORKFLOW_FILE} runs the same config on a self-hosted GPU runner (labels self-hosted, gpu) with every GPU.`
    );
  const yml = renderConfig({
    name: scan.name,
    images,
    steps,
    metrics: metrics?.host,
    metricsWhy: metrics?.why,
    checks,
    pushImage,
    ...measured ? {
      reference: measured.reference,
      checksWhy: `measured by \`repro-ci init --run\`; reference: within ${MEASURED_RTOL * 100}% of ${measured.reference} (widen rtol where runs vary: GPU, threads)`
    } : {}
  });
  const config = parseConfig(yml, CONFIG_FILE);
  const files = [
    { path: CONFIG_FILE, text: yml },
    { path: WORKFLOW_FILE, text: renderWorkflow(pushImage !== void 0) }
  ];
  if (gpu) files.push({ path: GPU_WORKFLOW_FILE, text: renderGpuWorkflow() });
  return {
    files,
    notes,
    summary: { images: config.images.length, steps: config.steps.length, checks: config.checks.length },
    ...metrics ? { metrics: metrics.host } : {}
  };
}
function leaveOutUnused(images, steps) {
  if (steps.length === 0) for (const i of images.filter((x) => x.left)) [i.noStep, i.left] = [i.left, void 0];
  const used = new Set(steps.length > 0 ? steps.map((s) => s.image) : images.map((i) => i.key));
  const words = (x) => (x.facts.entry ?? []).join(" ");
  for (const i of images.filter((x) => !used.has(x.key) && !x.left)) {
    const twin = images.find((u) => used.has(u.key) && words(i) !== "" && words(u) === words(i));
    i.left = twin ? `it runs what ${twin.key} runs (${words(i)}), built another way` : "no step runs it (a step would need a command for it)";
  }
}
function placeholderImage() {
  return {
    key: "app",
    facts: {
      dockerfile: "Dockerfile",
      context: ".",
      missing: [],
      workdir: "/",
      copies: [],
      exposes: false,
      pythonPath: []
    }
  };
}
function byDepth(a, b) {
  return a.split("/").length - b.split("/").length || a.length - b.length || a.localeCompare(b);
}
function imageKey(file) {
  const base = path5.basename(file);
  const m = /^Dockerfile\.(.+)$/i.exec(base) ?? /^(.+)\.dockerfile$/i.exec(base);
  const raw = m ? m[1] : path5.dirname(file) === "." ? "app" : path5.basename(path5.dirname(file));
  return raw.toLowerCase().replace(/[^a-z0-9_-]+/g, "-").replace(/^[^a-z0-9]+/, "") || "app";
}
function scanImages(scan) {
  const out = [];
  for (const file of scan.files.filter((f) => DOCKERFILE.test(f) && !IN_TESTS.test(f)).sort(byDepth)) {
    const facts = imageFacts(file, scan.read(file) ?? "", scan.files, scan.read);
    let key = imageKey(file);
    for (let n = 2; out.some((i) => i.key === key); n++) key = `${imageKey(file)}-${n}`;
    const img = { key, facts };
    img.runs = entryTarget(scan, facts);
    const shellText = entryShellScript(scan, facts);
    const shell = shellText === void 0 ? void 0 : scriptFacts(shellText);
    const script = img.runs ? scriptFacts(scan.read(img.runs.script) ?? "") : void 0;
    const server = facts.server ?? script?.server ?? shell?.server;
    const cloud = facts.cloud ?? script?.cloud ?? shell?.cloud ?? (CLOUD_NAME.test(path5.basename(file)) ? "its name" : void 0);
    if (server) img.left = `it starts a server (${server}), which runs until stopped: a step must end`;
    else if (cloud) img.left = `it needs the cloud or remote data (${cloud}) to run: CI runs what the repository holds`;
    const hint = `${key} ${img.runs?.module ?? img.runs?.script ?? ""}`;
    img.role = TRAIN.test(hint) ? "train" : EVALUATE.test(hint) ? "evaluate" : void 0;
    out.push(img);
  }
  return out;
}
function entryShellScript(scan, facts) {
  const sh = facts.entry?.find((w) => /\.sh$/.test(w));
  if (!sh) return void 0;
  const host = hostFileAt(scan, facts, path5.resolve(facts.workdir, sh));
  return host ? scan.read(host) : void 0;
}
function contextFiles(scan, facts) {
  const prefix = facts.context === "." ? "" : `${facts.context}/`;
  return scan.files.filter((f) => f.startsWith(prefix)).map((f) => ({ rel: f.slice(prefix.length), file: f }));
}
function hostFileAt(scan, facts, container) {
  return contextFiles(scan, facts).find(({ rel }) => containerPath(facts, rel) === container)?.file;
}
function entryTarget(scan, facts) {
  const words = facts.entry ?? [];
  const shell = words[0] === "/bin/sh" && words[1] === "-c" ? words[2].split(/\s+/) : words;
  const pyAt = shell.findIndex((w) => /(^|\/)python[\d.]*$/.test(w));
  const python = pyAt >= 0 ? path5.basename(shell[pyAt]) : "python";
  const m = shell.indexOf("-m");
  if (m >= 0 && shell[m + 1]) {
    const module = shell[m + 1];
    const script2 = moduleFile(scan, facts, module);
    return script2 ? { script: script2, module, python } : void 0;
  }
  const py = shell.find((w) => w.endsWith(".py"));
  if (!py) return void 0;
  const script = hostFileAt(scan, facts, path5.resolve(facts.workdir, py));
  return script ? { script, python } : void 0;
}
function moduleFile(scan, facts, module) {
  const rel = module.replace(/\./g, "/");
  const inImage2 = contextFiles(scan, facts).filter(({ rel: r }) => containerPath(facts, r) !== void 0);
  for (const dir of [facts.workdir, ...facts.pythonPath]) {
    for (const tail of [`${rel}.py`, `${rel}/__main__.py`]) {
      const hit = inImage2.find(({ rel: r }) => containerPath(facts, r) === path5.join(dir, tail));
      if (hit) return hit.file;
    }
  }
  return inImage2.find(({ file }) => file.endsWith(`/${rel}.py`) || file.endsWith(`/${rel}/__main__.py`))?.file;
}
function planSteps(scan, images, notes) {
  const runnable = images.filter((i) => !i.left);
  const steps = [];
  const scripts = (re) => scan.files.filter((f) => re.test(f) && !IN_TESTS.test(f) && !/(^|\/)test_/.test(f)).sort(byDepth);
  for (const role of ["train", "evaluate"]) {
    const own = runnable.filter((i) => i.role === role && i.runs).sort(preferCpu);
    const alt = own.slice(1);
    for (const a of alt) {
      a.left = `an alternative to ${own[0].key} (${describeAlt(a, own[0])}), which the steps use`;
      a.alternative = true;
    }
    let image = own[0];
    let target = image?.runs;
    if (!image) {
      for (const script of scripts(role === "train" ? TRAIN_SCRIPT : EVAL_SCRIPT)) {
        const holder = [...runnable].sort(preferCpu).find((i) => inImage(i.facts, script));
        if (!holder) continue;
        image = holder;
        target = { script, python: holder.runs?.python ?? "python", module: moduleOf(holder, script) };
        break;
      }
    }
    if (!image || !target) continue;
    if (steps.some((s) => s.script === target.script)) continue;
    steps.push(stepFor(role, image, target));
  }
  if (steps.length === 0)
    for (const i of runnable.filter((x) => x.facts.entry)) {
      steps.push(stepFor(i.key, i, i.runs));
    }
  const leftGpu = images.filter((i) => i.alternative && i.facts.gpu);
  for (const g of leftGpu)
    notes.push(`${g.key} (${g.facts.dockerfile}) is the GPU variant: the CPU one runs here; see ${GPU_WORKFLOW_FILE}.`);
  wireFolders(scan, images, steps);
  return steps;
}
function preferCpu(a, b) {
  const gpu = (i) => i.facts.gpu || GPU_NAME.test(i.facts.dockerfile) ? 1 : 0;
  return gpu(a) - gpu(b) || a.key.length - b.key.length || a.key.localeCompare(b.key);
}
function describeAlt(a, chosen) {
  if (a.facts.gpu || GPU_NAME.test(a.facts.dockerfile))
    return `made for a GPU: ${a.facts.gpu ?? "its name"}; the CPU image runs on any runner`;
  return `it runs ${a.runs?.module ?? a.runs?.script} too; ${chosen.facts.dockerfile} is the plainer one`;
}
var inImage = (facts, file) => pathInImage(facts, file) !== void 0;
function moduleOf(image, script) {
  const own = image.runs;
  if (!own?.module) return void 0;
  const root = own.script.slice(0, own.script.length - `${own.module.replace(/\./g, "/")}.py`.length);
  if (!script.startsWith(root)) return void 0;
  return script.slice(root.length).replace(/\.py$/, "").replace(/\/__main__$/, "").replace(/\//g, ".");
}
function stepFor(name, image, target) {
  const f = image.facts;
  const step = {
    name,
    image: image.key,
    why: "",
    env: [],
    defaults: [],
    mounts: [],
    writes: [],
    comments: [],
    ...target ? { script: target.script } : {}
  };
  const entryRuns = target && image.runs?.script === target.script;
  if (!target) step.why = `runs the image's own command${f.entry ? ` (${f.entry.join(" ")})` : ""}`;
  else if (entryRuns) step.why = `the image's own command runs ${target.module ?? target.script}`;
  else if (target) {
    const where = pathInImage(f, target.script);
    const rel = path5.relative(f.workdir, where);
    const arg = target.module ? ["-m", target.module] : [rel.startsWith("..") ? where : rel];
    step.command = [target.python, "-u", ...arg];
    step.why = `runs ${target.script} (at ${where} in the image)`;
  }
  if (f.gpu) step.gpu = f.gpu;
  return step;
}
function wireFolders(scan, images, steps) {
  const written = /* @__PURE__ */ new Map();
  for (const step of steps) {
    const image = images.find((i) => i.key === step.image);
    const f = image.facts;
    if (!step.script) continue;
    const sources = [step.script, ...localImports(scan, step.script, image)];
    const facts = sources.map((s) => ({ file: s, facts: scriptFacts(scan.read(s) ?? "", pathInImage(f, s)) }));
    const cwd = f.workdir;
    const code = codeFolders(scan, f);
    const mount = (m) => {
      const same = step.mounts.find((x) => x.container === m.container);
      if (same) same.readOnly &&= m.readOnly;
      else step.mounts.push(m);
    };
    for (const { file, facts: sf } of facts) {
      addEnv(step, file, sf);
      if (!step.gpu && sf.gpu) step.gpu = `${file} uses ${sf.gpu}`;
      for (const use of sf.paths.filter((p) => p.mode === "write")) {
        const abs = path5.resolve(cwd, use.path);
        if (SYSTEM.test(abs) || abs === cwd) continue;
        const folder = outputFolder(abs, cwd, code, use.folder);
        if (!folder) {
          step.comments.push(
            `${file}:${use.line} writes ${use.path} straight into the working directory ${cwd}, where it is lost with the container: write it into a folder (e.g. out/${path5.basename(use.path)}) and run init again.`
          );
          continue;
        }
        const host = hostFolderFor(folder, cwd);
        mount({
          host,
          container: folder,
          readOnly: false,
          why: `${file}:${use.line} ${use.folder ? "makes the folder" : "writes"} ${use.path}`
        });
        const hostFile = path5.join(host, path5.relative(folder, abs));
        if (use.folder) continue;
        written.set(hostFile, { step: step.name, host });
        step.writes.push({ host: hostFile, source: `${file}:${use.line}` });
      }
    }
    for (const { file, facts: sf } of facts) {
      for (const use of sf.paths.filter((p) => p.mode === "read")) {
        const abs = path5.resolve(cwd, use.path);
        if (SYSTEM.test(abs)) continue;
        if (step.mounts.some((m) => isUnder(abs, m.container))) continue;
        const rel = abs.startsWith(`${cwd}/`) ? path5.relative(cwd, abs) : abs.slice(1);
        const earlier = [...written.entries()].find(([hostFile]) => hostFile === rel || rel.endsWith(`/${hostFile}`));
        if (earlier) {
          const [hostFile, w] = earlier;
          const hostRelInMount = path5.relative(w.host, hostFile);
          const container = abs.slice(0, abs.length - hostRelInMount.length).replace(/\/$/, "");
          mount({ host: w.host, container, readOnly: true, why: `${file}:${use.line} reads what ${w.step} wrote` });
          continue;
        }
        if (hostFileAt(scan, f, abs) || imageHolds(f, abs)) continue;
        const onHost = scan.files.find((x) => x === rel || x.startsWith(`${rel}/`));
        if (onHost && rel.split("/").length > 1) {
          const top = rel.split("/")[0];
          const container = abs.startsWith(`${cwd}/`) ? path5.join(cwd, top) : `/${top}`;
          mount({ host: top, container, readOnly: true, why: `${file}:${use.line} reads ${use.path}` });
        } else if (!onHost)
          step.comments.push(
            `${file}:${use.line} reads ${use.path}, which is neither in the image, nor in the repository, nor written by an earlier step: add it (or the step that makes it).`
          );
      }
    }
  }
}
var isUnder = (p, dir) => p === dir || p.startsWith(`${dir}/`);
function imageHolds(f, abs) {
  return f.copies.some((c) => isUnder(abs, c.dest) && c.sources.some((s) => s !== ".") && abs !== c.dest);
}
function codeFolders(scan, f) {
  return scan.files.filter((x) => /(\.(py|pyx|sh|toml|cfg|ipynb)|(^|\/)requirements[\w.-]*\.txt)$/.test(x)).map((x) => pathInImage(f, x)).filter((p) => !!p).map((p) => path5.dirname(p));
}
function outputFolder(abs, cwd, code, isFolder) {
  const folder = isFolder ? abs : path5.dirname(abs);
  if (folder === cwd || folder === "/" || isUnder(cwd, folder)) return void 0;
  return code.some((c) => isUnder(c, folder)) ? void 0 : folder;
}
function hostFolderFor(folder, cwd) {
  return folder.startsWith(`${cwd}/`) ? path5.relative(cwd, folder) : folder.slice(1);
}
function localImports(scan, script, image) {
  const facts = scriptFacts(scan.read(script) ?? "");
  const dir = path5.dirname(script);
  const out = [];
  for (const mod of facts.imports) {
    const rel = mod.replace(/\./g, "/");
    const hits = [`${dir}/${rel}.py`, ...scan.files.filter((f) => f.endsWith(`/${rel}.py`) || f === `${rel}.py`)];
    const hit = hits.find((h) => scan.files.includes(h.replace(/^\.\//, "")) && inImage(image.facts, h));
    if (hit && hit !== script && !out.includes(hit)) out.push(hit.replace(/^\.\//, ""));
  }
  return out;
}
function addEnv(step, file, sf) {
  for (const e of sf.env) {
    if (step.env.some((x) => x.name === e.name) || step.defaults.includes(e.name)) continue;
    if (e.hasDefault) step.defaults.push(e.name);
    else if (SEED.test(e.name))
      step.env.push({
        name: e.name,
        value: "42",
        why: `guessed: ${file}:${e.line} reads ${e.name} and has no default; any fixed value makes runs comparable`
      });
    else if (SECRET.test(e.name))
      step.comments.push(
        `${file}:${e.line} reads ${e.name}, which has no default: pass it with \`pass-env: [${e.name}]\` (a secret, set in the workflow's env), never in repro.yml.`
      );
    else
      step.env.push({
        name: e.name,
        why: `${file}:${e.line} reads ${e.name} and has no default: set its value`
      });
  }
}
function findMetrics(steps) {
  const score = (p) => /metric/i.test(p) ? 3 : /result|score|eval|test/i.test(p) ? 2 : 1;
  for (const step of [...steps].reverse()) {
    const best = step.writes.filter((w) => METRICS_EXT.test(w.host)).sort((a, b) => score(b.host) - score(a.host))[0];
    if (best) return { host: best.host, why: `${best.source} writes it (step ${step.name})` };
  }
  return void 0;
}
var HIGHER_IS_BETTER = /(^|[._])(acc|accuracy|f1|auc|precision|recall|r2|bleu|rouge\w*|score|map)$/i;
var LOWER_IS_BETTER = /(^|[._])(loss|error|err|mse|mae|rmse|perplexity|wer|cer)$/i;
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
      const bound = boundFor(key, v);
      if (bound) out.push({ metric: key, rule: `{ ${bound} }`, comment: `seen: ${v}` });
    } else if (v && typeof v === "object" && !Array.isArray(v) && key.split(".").length < 3) {
      for (const [k, x] of Object.entries(v)) visit(x, key ? `${key}.${k}` : k);
    }
  };
  visit(doc, "");
  return out;
}
function boundFor(metric, v) {
  if (HIGHER_IS_BETTER.test(metric)) return `min: ${round(v - 0.05 * Math.abs(v))}`;
  if (LOWER_IS_BETTER.test(metric)) return `max: ${round(v + 0.05 * Math.abs(v))}`;
  return void 0;
}
var NOT_A_RESULT = /(^|[._])(seconds?|secs?|time|duration|elapsed|runtime|timestamp|date|epochs?|seed|steps?|iters?|iterations|n|n_\w+|num_\w+|count|samples|size|version)$/i;
function measuredChecks(metrics) {
  const out = [];
  for (const [metric, v] of Object.entries(metrics)) {
    if (NOT_A_RESULT.test(metric) || !Number.isFinite(v)) continue;
    const ref = v === 0 ? "reference: { atol: 1e-6 }" : `reference: { rtol: ${MEASURED_RTOL} }`;
    const bound = boundFor(metric, v);
    out.push({ metric, rule: `{ ${bound ? `${bound}, ` : ""}${ref} }`, comment: `measured: ${v}` });
  }
  return out;
}
function round(n) {
  return Number(n.toPrecision(3));
}

// src/cli/init.ts
var SKIP = /* @__PURE__ */ new Set([
  ".git",
  "node_modules",
  "venv",
  ".venv",
  "env",
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
var DATA = /* @__PURE__ */ new Set(["data", "datasets", "models", "checkpoints", "outputs", "multirun", "mlartifacts"]);
var DATA_FILES = 20;
var MAX_DEPTH = 6;
var MAX_FILES = 5e3;
function scanRepo(root) {
  const files = [];
  const walk = (dir, rel, depth, cap) => {
    let entries;
    try {
      entries = readdirSync3(dir, { withFileTypes: true });
    } catch {
      return 0;
    }
    let listed = 0;
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (files.length >= MAX_FILES || listed >= cap) break;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (SKIP.has(e.name) || depth >= MAX_DEPTH) continue;
        const data = DATA.has(e.name) || cap < Infinity;
        listed += walk(path6.join(dir, e.name), r, depth + 1, data ? Math.min(cap - listed, DATA_FILES) : Infinity);
      } else if (e.isFile()) {
        files.push(r);
        listed++;
      }
    }
    return listed;
  };
  walk(root, "", 0, Infinity);
  const read = (rel) => {
    const abs = path6.join(root, rel);
    try {
      return statSync2(abs).isFile() && statSync2(abs).size < 1024 * 1024 ? readFileSync3(abs, "utf8") : void 0;
    } catch {
      return void 0;
    }
  };
  const gitConfig = read(".git/config") ?? "";
  const remote = /url\s*=\s*\S*github\.com[:/]([\w.-]+)\/([\w.-]+?)(?:\.git)?\s*$/m.exec(gitConfig);
  return {
    files,
    read,
    name: path6.basename(path6.resolve(root)),
    github: remote ? `${remote[1]}/${remote[2]}` : void 0
  };
}
async function initCommand(cmd, root, write) {
  const scan = scanRepo(root);
  const plan = planInit(scan);
  const reference = plan.metrics ? path6.posix.join("reference", path6.posix.basename(plan.metrics)) : void 0;
  const ours = [...plan.files.map((f) => f.path), ...cmd.run && reference ? [reference] : []];
  const existing = ours.filter((f) => existsSync3(path6.join(root, f)));
  if (existing.length > 0 && !cmd.force) {
    throw new ReproError(
      `${existing.join(" and ")} already exist${existing.length === 1 ? "s" : ""}; nothing was written.`,
      {
        fix: "pass --force to overwrite (your current files are replaced), or move them away first."
      }
    );
  }
  writePlan(root, plan);
  const s = plan.summary;
  write(
    `wrote ${plan.files.map((f) => f.path).join(", ")} (${s.images} image(s), ${s.steps} step(s), ${s.checks} check(s)).
`
  );
  if (!cmd.run) {
    for (const n of plan.notes) write(`  - ${n}
`);
    write('next: check the lines marked "guessed", then `repro-ci init --run --force` (or `repro-ci run`).\n');
    return 0;
  }
  if (!plan.metrics || !reference) {
    for (const n of plan.notes) write(`  - ${n}
`);
    write(
      "--run: there is no metrics file to measure, so no reference was written; fix the config, then `repro-ci run`.\n"
    );
    return 1;
  }
  write(`running ${CONFIG_FILE} once to measure ${plan.metrics}...
`);
  const config = loadConfig(path6.join(root, CONFIG_FILE));
  const { code, result } = await runLocal(
    { command: "run", config: config.file, builder: cmd.builder, quiet: cmd.quiet, verbose: cmd.verbose },
    config
  );
  const measured = path6.join(root, plan.metrics);
  if (result.error || !result.metrics || !existsSync3(measured)) {
    write(
      `--run: the run did not give ${plan.metrics} (exit ${code}), so ${CONFIG_FILE} has no checks yet: see the report above, fix the config or the code, then \`repro-ci init --run --force\`.
`
    );
    return code || 1;
  }
  mkdirSync2(path6.join(root, path6.dirname(reference)), { recursive: true });
  copyFileSync2(measured, path6.join(root, reference));
  const final = planInit(scan, { reference, metrics: result.metrics });
  writePlan(root, final);
  loadConfig(path6.join(root, CONFIG_FILE));
  write(
    `wrote ${reference} (the metrics this run measured) and ${final.summary.checks} check(s) against it in ${CONFIG_FILE}.
`
  );
  for (const n of final.notes) write(`  - ${n}
`);
  write(
    `next: commit ${[...final.files.map((f) => f.path), reference].join(", ")}; every run is then checked against it.
`
  );
  return 0;
}
function writePlan(root, plan) {
  for (const f of plan.files) {
    mkdirSync2(path6.dirname(path6.join(root, f.path)), { recursive: true });
    writeFileSync2(path6.join(root, f.path), f.text);
  }
}

// src/cli/lint.ts
import { mkdirSync as mkdirSync3 } from "node:fs";
import path7 from "node:path";
async function lintCommand(cmd, write) {
  let targets;
  let sarif = cmd.sarif;
  let ignore = cmd.ignore;
  let level = cmd.error ? "error" : "warn";
  if (cmd.dockerfiles.length > 0) {
    targets = dockerfilesAt(cmd.dockerfiles).map((f) => ({
      dockerfile: f,
      context: path7.resolve(cmd.context ?? path7.dirname(f))
    }));
  } else {
    const config = loadConfig(cmd.config);
    targets = configTargets(config);
    ignore = [...config.lint.ignore, ...cmd.ignore];
    if (config.lint.level === "error") level = "error";
    if (!sarif) {
      mkdirSync3(config.results, { recursive: true });
      sarif = path7.join(config.results, SARIF_FILE);
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
    const file = writeSarif(report, path7.resolve(sarif));
    const rel = path7.relative(process.cwd(), file);
    write(`SARIF: ${rel.startsWith("..") ? file : rel}
`);
  }
  return report.findings.some((f) => isBlocking(f, report)) ? 1 : 0;
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
  return (await runLocal(cmd, config)).code;
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
