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
import { saveRunId } from './action/state.js';
import { loadConfig } from './config/config.js';
import { LABEL_RUN } from './docker/argv.js';
import { Docker } from './docker/docker.js';
import { ConfigError, errorMessage, ReproError } from './errors.js';
import { exec } from './exec/exec.js';
import { runPipeline } from './pipeline/pipeline.js';
import { preparePublish } from './action/publish.js';
import { gitCommitTime } from './publish/commit-time.js';
import { renderMarkdownReport } from './report/markdown.js';
import { commentMarker, renderComment } from './report/comment.js';
import { ActionsCacheBaselineStore } from './action/baseline-cache.js';
import { commentOnPullRequest } from './action/pr-comment.js';
import { onCancel } from './pipeline/cancel.js';
import { secretPassEnvValues } from './pipeline/machine.js';
import { ActionsCacheStore } from './cache/store.js';
import { publishBadge } from './action/badge.js';
import { reportBadge, verifyMode } from './action/verify-mode.js';

export async function run(): Promise<void> {
  let publishCleanup: (() => void) | undefined;
  try {
    const inputs = parseInputs((name) => core.getInput(name));
    const context = contextFromEnv(process.env, readPayload(), randomBytes(3).toString('hex'));
    saveRunId(context.runId);
    const badge = { branch: inputs.badgeBranch, dir: inputs.badgeDir && path.resolve(inputs.workingDirectory, inputs.badgeDir), token: inputs.githubToken };
    if (inputs.mode === 'verify') return await verifyMode(inputs, context, badge);
    const config = loadConfig(path.resolve(inputs.workingDirectory, inputs.config));
    // Values passed through from the runner under secret-looking names never show in the log.
    for (const v of secretPassEnvValues(config.steps, process.env)) core.setSecret(v);
    const docker = new Docker(exec, actionLogger);
    // Docker answers in its own processes while this one loads the cache client below.
    docker.prefetchBuilderFacts();
    onCancel(docker, `${LABEL_RUN}=${context.runId}`, actionLogger);
    const pub = preparePublish(inputs, config, process.env);
    publishCleanup = pub.cleanup;
    const [commitTime, cacheStore] = await Promise.all([
      !context.commitTime && context.sha ? gitCommitTime(exec, process.env.GITHUB_WORKSPACE || process.cwd(), context.sha) : context.commitTime,
      ActionsCacheStore.fromEnv(),
    ]);
    context.commitTime = commitTime;
    const result = await runPipeline({
      config,
      context,
      docker,
      log: actionLogger,
      builder: inputs.builder,
      push: inputs.push ?? config.push.when,
      pushImage: pub.pushImage,
      publish: pub.publish,
      login: pub.login,
      gpus: inputs.gpus,
      lint: inputs.lint,
      // ACTIONS_CACHE_SERVICE_V2, ACTIONS_RESULTS_URL and ACTIONS_RUNTIME_TOKEN reach @actions/cache (and buildx for type=gha) through process.env.
      buildCacheStore: cacheStore,
      baseline: cacheStore ? new ActionsCacheBaselineStore(process.env.GITHUB_WORKSPACE || process.cwd(), cacheStore) : undefined,
    });
    for (const [name, value] of Object.entries(computeOutputs(result))) core.setOutput(name, value);
    await core.summary.addRaw(renderMarkdownReport(result)).write();
    for (const c of result.checks.filter((c) => c.skipped)) core.notice(`${c.metric} ${c.rule}: ${c.message}`, { title: 'repro-ci' });
    const runUrl = process.env.GITHUB_RUN_ID ? `${process.env.GITHUB_SERVER_URL ?? 'https://github.com'}/${context.repository}/actions/runs/${process.env.GITHUB_RUN_ID}` : undefined;
    await commentOnPullRequest(context, { token: inputs.githubToken, enabled: inputs.comment ?? true, marker: commentMarker(config.name), body: renderComment(result, config.name, runUrl) }, { info: core.info, notice: (m) => core.notice(m), warning: (m) => core.warning(m) });
    reportBadge(await publishBadge(context, badge, config.name, { kind: 'run', checks: result.checks, metrics: result.metrics ?? {}, date: new Date(), failed: !!result.error }));
    if (result.error) fail(result.error);
    else if (!result.ok) core.setFailed(`${result.checks.filter((c) => !c.ok).length} check(s) failed; results kept in ${result.resultsDir}`);
  } catch (e) {
    fail(e);
  } finally {
    publishCleanup?.();
  }
}

function fail(e: unknown): void {
  if (e instanceof ConfigError) {
    for (const p of e.problems) core.error(`${p.path ? `${p.path}: ` : ''}${p.message}${p.fix ? ` Fix: ${p.fix}` : ''}`, { title: 'repro.yml', file: p.location.file, startLine: p.location.line, startColumn: p.location.column });
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
