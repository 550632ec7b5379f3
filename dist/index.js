import { createRequire as __reproCreateRequire } from 'node:module'; const require = __reproCreateRequire(import.meta.url);
import {
  actionLogger,
  saveCleanEnd,
  saveDockerConfig,
  saveRunId
} from "./chunks/chunk-QNPIKALB.js";
import {
  ActionsCacheStore,
  GPU_PATTERN,
  GPU_VALUES_HINT,
  LINT_LEVELS,
  REPORT_FILE,
  RESULT_FILE,
  VERIFY_RESULTS,
  askOnce,
  attempt,
  badgeFor,
  baselineKey,
  baselineKeyPrefix,
  cacheOutput,
  commitBadge,
  fitOutput,
  fitSummary,
  gitDirty,
  gitHeadCommit,
  lastVerifiedDate,
  lazyOctokit,
  loadConfig,
  octokitBranchApi,
  parseBaseline,
  parseImageRef,
  passEnvValues,
  previousBadge,
  readmeSnippet,
  renderMarkdownReport,
  renderVerdictMarkdown,
  resolveRun,
  runPipeline,
  unwrap,
  verify,
  writeBadgeDir
} from "./chunks/chunk-RPMBLTEW.js";
import {
  BUILDER_PREFERENCES,
  ConfigError,
  Docker,
  LABEL_RUN,
  RUN_ENV,
  ReproError,
  createDockerConfig,
  errorMessage,
  exec,
  onCancel,
  registriesOf,
  removeDockerConfig,
  secrets,
  withholdFromUntrusted
} from "./chunks/chunk-TWHDUGSX.js";
import {
  error,
  getInput,
  info,
  notice,
  setFailed,
  setOutput,
  setSecret,
  summary,
  warning
} from "./chunks/chunk-KWB3PCSV.js";
import "./chunks/chunk-FV663VIO.js";
import "./chunks/chunk-OPINX5A6.js";
import "./chunks/chunk-GCTRTGPI.js";
import "./chunks/chunk-2O3Q65FG.js";

// src/main.ts
import { randomBytes } from "node:crypto";
import { readFileSync as readFileSync2 } from "node:fs";
import path3 from "node:path";

// src/action/github-context.ts
function contextFromEnv(env, payload, randomSuffix) {
  const pr = payload.pull_request;
  const repository = env.GITHUB_REPOSITORY || payload.repository?.full_name;
  const headRepo = pr?.head?.repo?.full_name;
  return {
    eventName: env.GITHUB_EVENT_NAME || "unknown",
    // For pull requests, GITHUB_SHA is the merge commit; the head sha names what the author pushed.
    sha: pr?.head?.sha || env.GITHUB_SHA || "",
    // What the runner checked out (main.ts replaces it with the workspace's HEAD, from git).
    ...pr?.head?.sha && env.GITHUB_SHA && env.GITHUB_SHA !== pr.head.sha ? { built: env.GITHUB_SHA } : {},
    prBase: pr?.base?.sha,
    ref: refOf(env, payload),
    repository,
    defaultBranch: payload.repository?.default_branch,
    isFork: pr !== void 0 && (pr.head?.repo === null || headRepo !== void 0 && repository !== void 0 && headRepo !== repository || pr.head?.repo?.fork === true),
    prNumber: pr?.number,
    baseRef: pr ? env.GITHUB_BASE_REF || pr.base?.ref || void 0 : tagBaseRef(env, payload),
    action: payload.action,
    prerelease: payload.release?.prerelease,
    commitTime: payload.head_commit?.timestamp,
    repo: payload.repository && {
      name: payload.repository.name,
      description: payload.repository.description ?? void 0,
      htmlUrl: payload.repository.html_url,
      license: payload.repository.license?.spdx_id
    },
    runId: `${env.GITHUB_RUN_ID || "local"}-${env.GITHUB_RUN_ATTEMPT || "1"}-${randomSuffix}`
  };
}
function refOf(env, payload) {
  const pr = payload.number ?? payload.pull_request?.number;
  if (env.GITHUB_EVENT_NAME === "pull_request_target" && pr !== void 0) return `refs/pull/${pr}/merge`;
  return env.GITHUB_REF || (payload.release?.tag_name ? `refs/tags/${payload.release.tag_name}` : "");
}
function tagBaseRef(env, payload) {
  if (!(env.GITHUB_REF ?? "").startsWith("refs/tags/") || !payload.base_ref) return void 0;
  return payload.base_ref.replace(/^refs\/heads\//, "");
}

// src/action/inputs.ts
function parseInputs(get) {
  const opt = (name) => get(name).trim() || void 0;
  return {
    config: opt("config") ?? "repro.yml",
    workingDirectory: opt("working-directory") ?? ".",
    push: parsePush(opt("push")),
    image: opt("image"),
    images: opt("images"),
    registry: opt("registry"),
    gpus: parseGpus(opt("gpus")),
    builder: parseChoice("builder", opt("builder") ?? "auto", BUILDER_PREFERENCES),
    githubToken: opt("github-token"),
    allowUntrustedCode: parseBool("allow-untrusted-code", opt("allow-untrusted-code")) ?? false,
    lint: opt("lint") === void 0 ? void 0 : parseChoice("lint", opt("lint").toLowerCase(), LINT_LEVELS),
    comment: parseBool("comment", opt("comment")),
    username: opt("username"),
    password: get("password") || void 0,
    tags: opt("tags"),
    flavor: opt("flavor"),
    labels: opt("labels"),
    annotations: opt("annotations"),
    // As metadata-action reads them: untrimmed, and an empty one is a newline.
    separators: {
      tags: get("sep-tags", true) || "\n",
      labels: get("sep-labels", true) || "\n",
      annotations: get("sep-annotations", true) || "\n"
    },
    mode: parseChoice("mode", opt("mode") ?? "run", ["run", "verify"]),
    verifyImage: opt("verify-image"),
    badgeBranch: opt("badge-branch"),
    badgeDir: opt("badge-dir")
  };
}
function parsePush(v) {
  if (v === void 0) return void 0;
  const aliases = { true: "always", false: "never" };
  return parseChoice("push", aliases[v.toLowerCase()] ?? v.toLowerCase(), ["auto", "always", "never"]);
}
function parseBool(name, v) {
  if (v === void 0) return void 0;
  return parseChoice(name, v.toLowerCase(), ["true", "false"]) === "true";
}
function parseGpus(v) {
  if (v === void 0) return void 0;
  if (!GPU_PATTERN.test(v))
    throw new ReproError(`input gpus: "${v}" is not valid.`, { fix: `use ${GPU_VALUES_HINT}.` });
  return v;
}
function parseChoice(name, v, choices) {
  if (!choices.includes(v))
    throw new ReproError(`input ${name}: "${v}" is not one of ${choices.join(", ")}.`, {
      fix: `set \`${name}:\` to one of ${choices.join(", ")}, or leave it out for the default.`
    });
  return v;
}

// src/action/outputs.ts
var NEWLINES = { tags: "\n", labels: "\n", annotations: "\n" };
var pairs = (m) => Object.entries(m).map(([k, v]) => `${k}=${v}`);
function publishMetadata(result) {
  const p = result.pushed[0];
  return {
    tags: p ? p.tags.map((t) => `${p.repository}:${t}`) : [],
    labels: result.publish?.labels ?? {},
    version: result.publish?.version ?? null,
    digest: p?.digest ?? null,
    image: p ? `${p.repository}@${p.digest}` : null
  };
}
function computeOutputs(result, sep = NEWLINES) {
  const primary = result.pushed[0];
  const primaryImage = result.images[0];
  const refs = result.pushed.flatMap((p) => p.tags.map((t) => `${p.repository}:${t}`));
  const images = Object.fromEntries(
    result.images.map((img) => {
      const p = result.pushed.find((x) => x.key === img.key);
      return [
        img.key,
        {
          id: img.id,
          local: img.localTag,
          digest: p?.digest ?? null,
          tags: p ? p.tags.map((t) => `${p.repository}:${t}`) : [],
          image: p ? `${p.repository}@${p.digest}` : null
        }
      ];
    })
  );
  return {
    "image-id": primaryImage?.id ?? "",
    digest: primary?.digest ?? "",
    image: primary ? `${primary.repository}@${primary.digest}` : "",
    tags: refs.join(sep.tags),
    // metadata-action's outputs of the same names: the labels every image got, and the manifests' annotations.
    labels: pairs(result.publish?.labels ?? {}).join(sep.labels),
    annotations: pairs(result.publish?.annotations ?? {}).join(sep.annotations),
    images: JSON.stringify(images),
    metrics: JSON.stringify(result.metrics ?? {}),
    checks: JSON.stringify(result.checks),
    passed: String(result.ok),
    pushed: String(result.pushed.length > 0),
    promoted: String(!!result.promoted),
    "results-dir": result.resultsDir,
    sarif: result.sarif ?? "",
    hardware: JSON.stringify(result.hardware ?? {}),
    cache: cacheOutput(result.cache),
    metadata: JSON.stringify(publishMetadata(result)),
    record: result.record ? JSON.stringify(result.record.record) : "",
    "record-refs": (result.record?.companions ?? []).join("\n"),
    determinism: result.determinism ? JSON.stringify(result.determinism) : ""
  };
}

// src/action/publish.ts
import os from "node:os";
function prepareLogin(plan, env) {
  const accounts = plan.logins;
  if (accounts.length === 0) return { cleanup: () => void 0 };
  const dockerConfig = createDockerConfig(
    env.RUNNER_TEMP || os.tmpdir(),
    accounts.map((a) => a.registry),
    env
  );
  saveDockerConfig(dockerConfig);
  for (const a of accounts)
    info(
      `registry login for ${a.registry}: ${a.username}, from ${a.source === "inputs" ? "the username/password inputs" : "github-token"} (used only if the images are pushed)`
    );
  const others = registriesOf(plan.repositories).filter((r) => !accounts.some((a) => a.registry === r));
  if (others.length)
    info(
      `no login given for ${others.join(", ")}: pushed there with the job's own docker login (docker/login-action before this step)`
    );
  return { login: { accounts, dockerConfig }, cleanup: () => void removeDockerConfig(dockerConfig) };
}

// src/report/comment.ts
var MAX_COMMENT = 65536;
function commentMarker(project) {
  return `<!-- repro-ci:report project=${project.replace(/-->/g, "")} -->`;
}
function renderComment(result, project, runUrl) {
  const marker = commentMarker(project);
  const footer = runUrl ? `
[Workflow run](${runUrl}) \xB7 updated for each push.` : "";
  let report = renderMarkdownReport(result);
  const room = MAX_COMMENT - marker.length - footer.length - 200;
  if (report.length > room) report = `${report.slice(0, room)}

\u2026 (cut: the full report is in the job summary)`;
  return `${marker}
${report}${footer}`;
}

// src/action/baseline-cache.ts
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
var BASELINE_DIR = ".repro-ci-baseline";
var FILE = "metrics.json";
var ActionsCacheBaselineStore = class {
  /** `store`: the same cache client the build caches use, which turns service problems into messages. */
  constructor(workspace, store) {
    this.workspace = workspace;
    this.store = store;
  }
  workspace;
  store;
  async load(project, branch) {
    const prefix = baselineKeyPrefix(project, branch);
    const dir = path.join(this.workspace, BASELINE_DIR);
    rmSync(dir, { recursive: true, force: true });
    try {
      const got = await this.store.restore([BASELINE_DIR], prefix, [prefix]);
      if (got.problem) throw new Error(got.problem);
      if (!got.key) return void 0;
      return parseBaseline(readFileSync(path.join(dir, FILE), "utf8"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  async save(record) {
    const dir = path.join(this.workspace, BASELINE_DIR);
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(path.join(dir, FILE), JSON.stringify(record, null, 2) + "\n");
      const saved = await this.store.save([BASELINE_DIR], baselineKey(record));
      if (saved.problem) throw new Error(saved.problem);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
};

// src/action/pr-comment.ts
async function upsertComment(api, marker, body) {
  const mine = (await api.list()).find((c) => c.body?.includes(marker));
  if (mine) {
    await api.update(mine.id, body);
    return { action: "updated", id: mine.id };
  }
  return { action: "created", id: await api.create(body) };
}
function octokitCommentApi(token, repository, issue) {
  const { api, owner, repo } = lazyOctokit(token, repository);
  return {
    list: async () => {
      const octokit = await api;
      return octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: issue, per_page: 100 });
    },
    create: async (body) => (await (await api).rest.issues.createComment({ owner, repo, issue_number: issue, body })).data.id,
    update: async (id, body) => void await (await api).rest.issues.updateComment({ owner, repo, comment_id: id, body })
  };
}
function commentSkipReason(context, token, enabled) {
  if (!enabled) return "the `comment` input is false";
  if (context.prNumber === void 0) return "not a pull request";
  if (context.isFork)
    return "the pull request comes from a fork, whose token cannot write comments (the report is in the job summary)";
  if (!token) return "no github-token";
  if (!context.repository) return "GITHUB_REPOSITORY is not set";
  return void 0;
}
async function postComment(api, marker, body) {
  try {
    return { posted: (await upsertComment(api, marker, body)).action };
  } catch (e) {
    const status = e.status;
    if (status === 403 || status === 404)
      return {
        skipped: `the token cannot write pull request comments (HTTP ${status}); give the job \`permissions: pull-requests: write\``
      };
    return { failed: `could not post the pull request comment: ${errorMessage(e)}` };
  }
}
async function commentOnPullRequest(context, opts, say, api = octokitCommentApi) {
  const skip = commentSkipReason(context, opts.token, opts.enabled);
  if (skip) {
    if (context.prNumber !== void 0 && opts.enabled) say.notice(`PR comment skipped: ${skip}.`);
    return { skipped: skip };
  }
  const outcome = await postComment(api(opts.token, context.repository, context.prNumber), opts.marker, opts.body);
  if (outcome.posted) say.info(`${outcome.posted} the report comment on pull request #${context.prNumber}`);
  if (outcome.skipped) say.notice(`PR comment skipped: ${outcome.skipped}.`);
  if (outcome.failed) say.warning(outcome.failed);
  return outcome;
}

// src/security/trust.ts
var SANDBOXED_PR_EVENTS = ["pull_request", "pull_request_review", "pull_request_review_comment"];
function decideTrust(t) {
  const fromFork = (repo) => repo === null || repo?.fork === true || repo?.full_name !== void 0 && t.repository !== void 0 && repo.full_name !== t.repository;
  const pr = t.payload.pull_request;
  if (SANDBOXED_PR_EVENTS.includes(t.eventName)) {
    if (pr && fromFork(pr.head?.repo))
      return {
        trusted: false,
        privileged: false,
        reason: `the pull request comes from the fork ${pr.head?.repo?.full_name ?? "(deleted)"}`
      };
    return {
      trusted: true,
      privileged: false,
      reason: `${t.eventName} from ${t.repository ?? "this repository"} itself`
    };
  }
  let source;
  if (t.eventName === "pull_request_target" && pr && fromFork(pr.head?.repo))
    source = `a pull request from the fork ${pr.head?.repo?.full_name ?? "(deleted)"}`;
  const wr = t.payload.workflow_run;
  if (t.eventName === "workflow_run" && wr && fromFork(wr.head_repository))
    source = `a workflow run of the fork ${wr.head_repository?.full_name ?? "(deleted)"}`;
  if (t.eventName === "issue_comment" && t.payload.issue?.pull_request)
    source = "a comment on a pull request, whose code may come from a fork";
  if (!source)
    return {
      trusted: true,
      privileged: false,
      reason: `${t.eventName} of ${t.repository ?? "this repository"}'s own code`
    };
  const checkedOut = t.checkedOut ? `the checked-out commit ${t.checkedOut.slice(0, 12)}` : "a checkout git cannot name";
  if (t.checkedOut && t.sha && t.checkedOut === t.sha)
    return {
      trusted: true,
      privileged: true,
      reason: `${t.eventName} for ${source}, with the base commit ${t.sha.slice(0, 12)} checked out`
    };
  return {
    trusted: false,
    privileged: true,
    reason: `${t.eventName} for ${source} runs with this repository's secrets, and ${checkedOut} is not the event's own commit ${t.sha.slice(0, 12) || "(none)"}`
  };
}

// src/cache/service-probe.ts
var LOOKUP = "twirp/github.actions.results.api.v1.CacheService/GetCacheEntryDownloadURL";
var PROBE_TIMEOUT_MS = 1e4;
async function probeCacheService(env, timeoutMs = PROBE_TIMEOUT_MS) {
  const base = env.ACTIONS_RESULTS_URL;
  if (!env.ACTIONS_CACHE_SERVICE_V2 || !base || !env.ACTIONS_RUNTIME_TOKEN) return void 0;
  const url = new URL(LOOKUP, base.endsWith("/") ? base : `${base}/`);
  const headers = { authorization: `Bearer ${env.ACTIONS_RUNTIME_TOKEN}`, "content-type": "application/json" };
  return askOnce(
    url,
    { method: "POST", headers, body: JSON.stringify({ key: "repro-ci-probe", version: "0".repeat(64) }) },
    timeoutMs
  );
}

// src/action/badge.ts
function badgeSkipReason(context, target) {
  if (!target.branch && !target.dir) return "neither badge-branch nor badge-dir is set";
  if (context.prNumber !== void 0 || context.eventName.startsWith("pull_request"))
    return "pull requests do not update the badge";
  if (target.branch && !target.token) return "no github-token to commit the badge with";
  if (target.branch && !context.repository) return "GITHUB_REPOSITORY is not set";
  return void 0;
}
async function publishBadge(context, target, project, outcome, api = octokitBranchApi) {
  const skip = badgeSkipReason(context, target);
  if (skip) return { skipped: skip };
  try {
    const branchApi = target.branch ? api(target.token, context.repository) : void 0;
    let o = outcome;
    if (o.kind === "error" && branchApi && !o.lastVerified)
      o = { ...o, lastVerified: lastVerifiedDate(await previousBadge(branchApi, target.branch, project)) };
    const badge = badgeFor(o);
    if (target.dir) writeBadgeDir(target.dir, project, badge);
    if (branchApi) await commitBadge(branchApi, target.branch, project, badge);
    const snippet = target.branch ? readmeSnippet(context.repository, target.branch, project) : void 0;
    return { message: badge.message, snippet };
  } catch (e) {
    const status = e.status;
    if (status === 403)
      return {
        failed: `the token cannot write to the badge branch (HTTP 403); give the job \`permissions: contents: write\``
      };
    return { failed: `could not publish the badge: ${errorMessage(e)}` };
  }
}

// src/action/verify-mode.ts
import path2 from "node:path";
async function verifyMode(inputs, context, badge) {
  if (!inputs.verifyImage)
    throw new ReproError("`mode: verify` needs `verify-image`.", {
      fix: "set `verify-image:` to the published image, e.g. ghcr.io/owner/project:main."
    });
  const docker = new Docker(exec, actionLogger);
  const results = path2.resolve(inputs.workingDirectory, VERIFY_RESULTS);
  let outcome;
  try {
    outcome = await verify(
      {
        image: inputs.verifyImage,
        builder: inputs.builder,
        gpus: inputs.gpus,
        gpusFrom: "the gpus input",
        results,
        workspace: path2.resolve(inputs.workingDirectory)
      },
      docker,
      actionLogger
    );
  } catch (e) {
    const project = imageName(inputs.verifyImage);
    const b2 = await publishBadge(context, badge, project, { kind: "error", date: /* @__PURE__ */ new Date() });
    setOutput("badge", b2.message ?? "");
    throw e;
  }
  const { record, result } = outcome;
  setOutput("passed", String(result.ok));
  setOutput("metrics", JSON.stringify(result.metrics ?? {}));
  setOutput("checks", JSON.stringify(result.checks));
  setOutput("results-dir", result.resultsDir);
  setOutput("record", JSON.stringify(record));
  const error2 = result.error?.message.split("\n")[0];
  await summary.addRaw(
    renderVerdictMarkdown(
      outcome.image,
      outcome.recordFrom,
      record,
      outcome.plan.steps.map((s) => s.name),
      result.checks,
      error2
    )
  ).write();
  const b = await publishBadge(context, badge, record.project, {
    kind: "verify",
    checks: result.checks,
    metrics: result.metrics ?? {},
    date: /* @__PURE__ */ new Date(),
    failed: !!result.error
  });
  await reportBadge(b);
  if (result.error) throw result.error;
  if (!result.ok)
    setFailed(
      `${inputs.verifyImage} no longer reproduces: ${result.checks.filter((c) => !c.ok).length} check(s) fail against its record.`
    );
}
function imageName(ref) {
  try {
    return parseImageRef(ref).repository.split("/").pop();
  } catch {
    return "repro-ci";
  }
}
async function reportBadge(b) {
  setOutput("badge", b.message ?? "");
  if (b.failed) warning(b.failed);
  if (b.skipped) info(`badge not updated: ${b.skipped}`);
  if (b.message) info(`badge: ${b.message}`);
  if (b.snippet) await summary.addRaw(`
Badge for the README:

\`\`\`markdown
${b.snippet}
\`\`\`
`).write();
}

// src/main.ts
async function run() {
  let publishCleanup;
  let cleanEnd = false;
  try {
    const inputs = parseInputs((name, untrimmed) => getInput(name, { trimWhitespace: !untrimmed }));
    for (const v of [inputs.password, inputs.githubToken]) mask(v, "PASSWORD");
    const payload = readPayload();
    const context = contextFromEnv(process.env, payload, randomBytes(3).toString("hex"));
    const verify2 = inputs.mode === "verify";
    const docker = new Docker(exec, actionLogger, "docker", { [RUN_ENV]: context.runId });
    if (!verify2) docker.prefetchBuilderFacts();
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
    const configFile = path3.resolve(inputs.workingDirectory, inputs.config);
    const asked = gitHeadCommit(exec, workspace);
    const dirtyAsked = verify2 ? void 0 : gitDirty(exec, path3.dirname(configFile));
    const loaded = verify2 ? void 0 : attempt(() => loadConfig(configFile));
    const head = await asked;
    const checkedOut = head?.sha;
    if (checkedOut && checkedOut !== context.sha) context.built = checkedOut;
    else if (checkedOut) delete context.built;
    decideCodeTrust(inputs, payload, context, checkedOut);
    saveRunId(context.runId);
    const badge = {
      branch: inputs.badgeBranch,
      dir: inputs.badgeDir && path3.resolve(inputs.workingDirectory, inputs.badgeDir),
      token: inputs.githubToken
    };
    if (verify2) return await verifyMode(inputs, context, badge);
    const config = unwrap(loaded);
    for (const p of passEnvValues(config.steps, process.env)) mask(p.value, p.name);
    const cancellation = onCancel(docker, `${LABEL_RUN}=${context.runId}`, actionLogger);
    const [client, cacheServiceFault, dirty] = await Promise.all([
      ActionsCacheStore.fromEnv(config.cache.serviceTimeoutSeconds * 1e3),
      // Asked once, within 10 s: a service that hangs or fails is used by nothing this run (no call waits on it).
      probeCacheService(process.env),
      dirtyAsked
    ]);
    if (context.built || !context.commitTime) context.commitTime = head?.time;
    const cacheStore = cacheServiceFault ? void 0 : client;
    if (dirty) context.dirty = dirty;
    const plan = resolveRun(config, inputs, "action", process.env, context);
    for (const n of plan.notices) info(n);
    const pub = prepareLogin(plan, process.env);
    publishCleanup = pub.cleanup;
    const result = await runPipeline({
      config,
      context,
      plan,
      cancellation,
      docker,
      log: actionLogger,
      login: pub.login,
      credentials: [inputs.password, inputs.githubToken, ...plan.logins.map((a) => a.password)].filter(
        (v) => !!v
      ),
      // ACTIONS_CACHE_SERVICE_V2, ACTIONS_RESULTS_URL and ACTIONS_RUNTIME_TOKEN reach @actions/cache (and buildx for type=gha) through process.env.
      buildCacheStore: cacheStore,
      cacheServiceFault,
      baseline: cacheStore ? new ActionsCacheBaselineStore(workspace, cacheStore) : void 0
    });
    cleanEnd = !docker.leftSomethingBehind();
    const resultFile = path3.relative(process.cwd(), path3.join(result.resultsDir, RESULT_FILE)) || RESULT_FILE;
    for (const [name, value] of Object.entries(computeOutputs(result, inputs.separators)))
      setOutput(name, fitOutput(name, value, resultFile));
    const reportFile = path3.relative(process.cwd(), path3.join(result.resultsDir, REPORT_FILE)) || REPORT_FILE;
    await summary.addRaw(fitSummary(renderMarkdownReport(result), reportFile)).write();
    for (const c of result.checks.filter((c2) => c2.skipped))
      notice(`${c.metric} ${c.rule}: ${c.message}`, { title: "repro-ci" });
    const runUrl = process.env.GITHUB_RUN_ID ? `${process.env.GITHUB_SERVER_URL ?? "https://github.com"}/${context.repository}/actions/runs/${process.env.GITHUB_RUN_ID}` : void 0;
    await commentOnPullRequest(
      context,
      {
        token: inputs.githubToken,
        enabled: inputs.comment ?? true,
        marker: commentMarker(config.name),
        body: renderComment(result, config.name, runUrl)
      },
      { info, notice: (m) => notice(m), warning: (m) => warning(m) }
    );
    if (!context.untrusted)
      await reportBadge(
        await publishBadge(context, badge, config.name, {
          kind: "run",
          checks: result.checks,
          metrics: result.metrics ?? {},
          date: /* @__PURE__ */ new Date(),
          failed: !!result.error
        })
      );
    if (result.error) fail(result.error);
    else if (!result.ok)
      setFailed(
        `${result.checks.filter((c) => !c.ok).length} check(s) failed; results kept in ${result.resultsDir}`
      );
  } catch (e) {
    fail(e);
  } finally {
    publishCleanup?.();
    if (cleanEnd) saveCleanEnd();
  }
}
function mask(value, name) {
  if (value && secrets.add(value, name)) setSecret(value);
}
function decideCodeTrust(inputs, payload, context, checkedOut) {
  const trust = decideTrust({
    eventName: context.eventName,
    payload,
    repository: context.repository,
    sha: process.env.GITHUB_SHA ?? "",
    checkedOut
  });
  if (trust.trusted) return;
  if (trust.privileged && !inputs.allowUntrustedCode) {
    throw new ReproError(`not building or running untrusted code: ${trust.reason}.`, {
      fix: "run this workflow on `pull_request` (GitHub gives fork pull requests no secrets), keep the base commit checked out, or set the input `allow-untrusted-code: true` to build and run it with no credentials, no cache writes and no push."
    });
  }
  const withheld = withholdFromUntrusted(process.env);
  context.untrusted = trust.reason;
  if (withheld.length > 0)
    info(
      `untrusted code: removed ${withheld.join(", ")} from this job's environment (no cache writes, no OIDC tokens).`
    );
}
function fail(e) {
  if (e instanceof ConfigError) {
    for (const p of e.problems)
      error(`${p.path ? `${p.path}: ` : ""}${p.message}${p.fix ? ` Fix: ${p.fix}` : ""}`, {
        title: "repro.yml",
        file: p.location.file,
        startLine: p.location.line,
        startColumn: p.location.column
      });
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
    return JSON.parse(readFileSync2(file, "utf8"));
  } catch {
    warning(`could not read the event payload at ${file}; continuing without it.`);
    return {};
  }
}
await run();
process.exit();
export {
  run
};
