/**
 * Action entry point (`dist/index.js`). Thin: inputs and runner context in, the shared pipeline in
 * the middle, outputs, job summary and annotations out.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { contextFromEnv } from './action/github-context.js';
import { parseInputs } from './action/inputs.js';
import { actionLogger } from './action/logger.js';
import { computeOutputs } from './action/outputs.js';
import { saveCleanEnd, saveRunId } from './action/state.js';
import { loadConfig } from './config/config.js';
import { LABEL_RUN } from './docker/argv.js';
import { Docker } from './docker/docker.js';
import { ConfigError, errorMessage, ReproError } from './errors.js';
import { exec } from './exec/exec.js';
import { runPipeline } from './pipeline/pipeline.js';
import { REPORT_FILE, RESULT_FILE } from './pipeline/result.js';
import { prepareLogin } from './action/publish.js';
import { resolveRun } from './pipeline/plan.js';
import { fitOutput, fitSummary, renderMarkdownReport } from './report/markdown.js';
import { commentMarker, renderComment } from './report/comment.js';
import { ActionsCacheBaselineStore } from './action/baseline-cache.js';
import { commentOnPullRequest } from './action/pr-comment.js';
import { onCancel, RUN_ENV } from './pipeline/cancel.js';
import { passEnvValues } from './pipeline/machine.js';
import { withholdFromUntrusted } from './security/env.js';
import { attempt, unwrap } from './util/settle.js';
import { secrets } from './security/redact.js';
import { decideTrust, type TrustPayload } from './security/trust.js';
import { gitDirty, gitHeadCommit } from './exec/git.js';
import type { ActionInputs } from './action/inputs.js';
import type { RunContext } from './context.js';
import { ActionsCacheStore } from './cache/store.js';
import { probeCacheService } from './cache/service-probe.js';
import { publishBadge } from './action/badge.js';
import { reportBadge, verifyMode } from './action/verify-mode.js';

export async function run(): Promise<void> {
  let publishCleanup: (() => void) | undefined;
  let cleanEnd = false;
  try {
    const inputs = parseInputs((name, untrimmed) => core.getInput(name, { trimWhitespace: !untrimmed }));
    // Credentials are masked before anything can print them, in the job log and in repro-ci's own files.
    for (const v of [inputs.password, inputs.githubToken]) mask(v, 'PASSWORD');
    const payload = readPayload();
    const context = contextFromEnv(process.env, payload, randomBytes(3).toString('hex'));
    // The run's mark on every docker process it starts, for the post step (src/pipeline/cancel.ts). The
    // engine's facts are asked first (its socket, `docker --version`, buildx: src/docker/engine-api.ts) and
    // answer while this process asks git, reads the config and loads the cache client.
    const verify = inputs.mode === 'verify';
    const docker = new Docker(exec, actionLogger, 'docker', { [RUN_ENV]: context.runId });
    if (!verify) docker.prefetchBuilderFacts();
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
    const configFile = path.resolve(inputs.workingDirectory, inputs.config);
    // git answers in its own processes while this one reads the config (~15 ms of every run).
    const asked = gitHeadCommit(exec, workspace);
    const dirtyAsked = verify ? undefined : gitDirty(exec, path.dirname(configFile));
    const loaded = verify ? undefined : attempt(() => loadConfig(configFile));
    // What is built is what is checked out: on a pull request the merge commit, not the head.
    const head = await asked;
    const checkedOut = head?.sha;
    if (checkedOut && checkedOut !== context.sha) context.built = checkedOut;
    else if (checkedOut) delete context.built;
    // Whose code it is decides first: its refusal comes before any error in its repro.yml.
    decideCodeTrust(inputs, payload, context, checkedOut);
    saveRunId(context.runId);
    const badge = {
      branch: inputs.badgeBranch,
      dir: inputs.badgeDir && path.resolve(inputs.workingDirectory, inputs.badgeDir),
      token: inputs.githubToken,
    };
    if (verify) return await verifyMode(inputs, context, badge);
    const config = unwrap(loaded!);
    // Values passed through from the runner never show in the log.
    for (const p of passEnvValues(config.steps, process.env)) mask(p.value, p.name);
    const cancellation = onCancel(docker, `${LABEL_RUN}=${context.runId}`, actionLogger);
    const [client, cacheServiceFault, dirty] = await Promise.all([
      ActionsCacheStore.fromEnv(config.cache.serviceTimeoutSeconds * 1000),
      // Asked once, within 10 s: a service that hangs or fails is used by nothing this run (no call waits on it).
      probeCacheService(process.env),
      dirtyAsked,
    ]);
    // The payload's time is the pushed commit's; another commit built is HEAD, whose time git gave.
    if (context.built || !context.commitTime) context.commitTime = head?.time;
    const cacheStore = cacheServiceFault ? undefined : client;
    if (dirty) context.dirty = dirty;
    const plan = resolveRun(config, inputs, 'action', process.env, context);
    for (const n of plan.notices) core.info(n);
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
        (v): v is string => !!v,
      ),
      // ACTIONS_CACHE_SERVICE_V2, ACTIONS_RESULTS_URL and ACTIONS_RUNTIME_TOKEN reach @actions/cache (and buildx for type=gha) through process.env.
      buildCacheStore: cacheStore,
      cacheServiceFault,
      baseline: cacheStore ? new ActionsCacheBaselineStore(workspace, cacheStore) : undefined,
    });
    cleanEnd = !docker.leftSomethingBehind();
    const resultFile = path.relative(process.cwd(), path.join(result.resultsDir, RESULT_FILE)) || RESULT_FILE;
    for (const [name, value] of Object.entries(computeOutputs(result, inputs.separators)))
      core.setOutput(name, fitOutput(name, value, resultFile));
    const reportFile = path.relative(process.cwd(), path.join(result.resultsDir, REPORT_FILE)) || REPORT_FILE;
    await core.summary.addRaw(fitSummary(renderMarkdownReport(result), reportFile)).write();
    for (const c of result.checks.filter((c) => c.skipped))
      core.notice(`${c.metric} ${c.rule}: ${c.message}`, { title: 'repro-ci' });
    const runUrl = process.env.GITHUB_RUN_ID
      ? `${process.env.GITHUB_SERVER_URL ?? 'https://github.com'}/${context.repository}/actions/runs/${process.env.GITHUB_RUN_ID}`
      : undefined;
    await commentOnPullRequest(
      context,
      {
        token: inputs.githubToken,
        enabled: inputs.comment ?? true,
        marker: commentMarker(config.name),
        body: renderComment(result, config.name, runUrl),
      },
      { info: core.info, notice: (m) => core.notice(m), warning: (m) => core.warning(m) },
    );
    if (!context.untrusted)
      await reportBadge(
        await publishBadge(context, badge, config.name, {
          kind: 'run',
          checks: result.checks,
          metrics: result.metrics ?? {},
          date: new Date(),
          failed: !!result.error,
        }),
      );
    if (result.error) fail(result.error);
    else if (!result.ok)
      core.setFailed(
        `${result.checks.filter((c) => !c.ok).length} check(s) failed; results kept in ${result.resultsDir}`,
      );
  } catch (e) {
    fail(e);
  } finally {
    publishCleanup?.();
    if (cleanEnd) saveCleanEnd();
  }
}

/** Masks a value in the job log (the runner) and in what repro-ci writes itself. */
function mask(value: string | undefined, name: string): void {
  if (value && secrets.add(value, name)) core.setSecret(value);
}

/**
 * Whose code this is (src/security/trust.ts). Untrusted code on an event that holds secrets is refused
 * unless `allow-untrusted-code` is set; untrusted code that runs loses the cache and OIDC tokens first.
 */
function decideCodeTrust(
  inputs: ActionInputs,
  payload: object,
  context: RunContext,
  checkedOut: string | undefined,
): void {
  const trust = decideTrust({
    eventName: context.eventName,
    payload: payload as TrustPayload,
    repository: context.repository,
    sha: process.env.GITHUB_SHA ?? '',
    checkedOut,
  });
  if (trust.trusted) return;
  if (trust.privileged && !inputs.allowUntrustedCode) {
    throw new ReproError(`not building or running untrusted code: ${trust.reason}.`, {
      fix: 'run this workflow on `pull_request` (GitHub gives fork pull requests no secrets), keep the base commit checked out, or set the input `allow-untrusted-code: true` to build and run it with no credentials, no cache writes and no push.',
    });
  }
  const withheld = withholdFromUntrusted(process.env);
  context.untrusted = trust.reason;
  if (withheld.length > 0)
    core.info(
      `untrusted code: removed ${withheld.join(', ')} from this job's environment (no cache writes, no OIDC tokens).`,
    );
}

function fail(e: unknown): void {
  if (e instanceof ConfigError) {
    for (const p of e.problems)
      core.error(`${p.path ? `${p.path}: ` : ''}${p.message}${p.fix ? ` Fix: ${p.fix}` : ''}`, {
        title: 'repro.yml',
        file: p.location.file,
        startLine: p.location.line,
        startColumn: p.location.column,
      });
    core.setFailed(e.message);
  } else if (e instanceof ReproError && e.location) {
    core.error(e.describe(), { file: e.location.file, startLine: e.location.line, startColumn: e.location.column });
    core.setFailed(e.message.split('\n')[0]);
  } else {
    core.setFailed(errorMessage(e));
  }
}

function readPayload(): object {
  const file = process.env.GITHUB_EVENT_PATH;
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as object;
  } catch {
    core.warning(`could not read the event payload at ${file}; continuing without it.`);
    return {};
  }
}

await run();
// A cache transfer given up on past its budget (src/cache/store.ts) may still hold a socket open: the
// step ends when the run does, not when that socket times out.
process.exit();
