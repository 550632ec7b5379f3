#!/usr/bin/env node
/** CLI entry point (`dist/cli.js`, bin `repro-ci`): the same pipeline as the action, with local context. */
import { writeSync } from 'node:fs';
import { parseCli, USAGE, type RunCommand } from './cli/args.js';
import { localContext } from './cli/git-context.js';
import { initCommand } from './cli/init.js';
import { lintCommand } from './cli/lint.js';
import { archiveCommand, verifyCommand, writeBadge } from './cli/verify.js';
import { terminalLogger } from './cli/logger.js';
import { loadConfig } from './config/config.js';
import { LABEL_RUN } from './docker/argv.js';
import { Docker } from './docker/docker.js';
import { errorMessage, ReproError } from './errors.js';
import { exec } from './exec/exec.js';
import { onCancel } from './pipeline/cancel.js';
import { runPipeline } from './pipeline/pipeline.js';
import { resolveRun } from './pipeline/plan.js';
import { gitCommitTime } from './publish/commit-time.js';
import { renderTextReport } from './report/text.js';
import { VERSION } from './version.js';

async function main(argv: string[]): Promise<number> {
  const cmd = parseCli(argv);
  if (cmd.command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (cmd.command === 'version') {
    process.stdout.write(`repro-ci ${VERSION}\n`);
    return 0;
  }
  if (cmd.command === 'lint') return lintCommand(cmd, (s) => process.stdout.write(s));
  if (cmd.command === 'init') return initCommand(cmd, process.cwd(), (s) => process.stdout.write(s));
  if (cmd.command === 'verify') return verifyCommand(cmd, (s) => process.stdout.write(s));
  if (cmd.command === 'archive') return archiveCommand(cmd, (s) => process.stdout.write(s));
  const config = loadConfig(cmd.config);
  if (cmd.command === 'validate') {
    process.stdout.write(
      `${cmd.config}: ok (${config.images.length} image(s), ${config.steps.length} step(s), ${config.checks.length} check(s))\n`,
    );
    return 0;
  }
  return runCommand(cmd, config);
}

async function runCommand(cmd: RunCommand, config: ReturnType<typeof loadConfig>): Promise<number> {
  const log = terminalLogger({ quiet: cmd.quiet, verbose: cmd.verbose });
  const docker = new Docker(exec, log);
  const context = await localContext(exec, config.root);
  if (cmd.push && cmd.push !== 'never') context.localPush = cmd.push;
  context.commitTime ??= await gitCommitTime(exec, config.root, context.sha);
  const cancellation = onCancel(docker, `${LABEL_RUN}=${context.runId}`, log);
  const overrides = {
    builder: cmd.builder,
    push: cmd.push === 'never' ? ('never' as const) : cmd.push ? ('auto' as const) : undefined,
    image: cmd.image,
    registry: cmd.registry,
    gpus: cmd.gpus,
  };
  const plan = resolveRun(config, overrides, 'cli', process.env, context);
  for (const n of plan.notices) log.info(n);
  const result = await runPipeline({ config, context, docker, log, cancellation, plan });
  process.stdout.write(`\n${renderTextReport(result)}\n\n`);
  for (const p of result.pushed) process.stdout.write(`pushed ${p.repository}@${p.digest} as ${p.tags.join(', ')}\n`);
  if (!result.push.push) process.stdout.write(`not pushed: ${result.push.reason}\n`);
  process.stdout.write(`results and logs: ${result.resultsDir}\n`);
  if (cmd.badgeDir)
    writeBadge(
      cmd.badgeDir,
      config.name,
      { kind: 'run', checks: result.checks, metrics: result.metrics ?? {}, date: new Date(), failed: !!result.error },
      (s) => process.stdout.write(s),
    );
  if (result.error) {
    log.error(result.error.describe());
    return result.error.exitCode;
  }
  if (!result.ok) {
    log.error(`${result.checks.filter((c) => !c.ok).length} check(s) failed.`);
    return 1;
  }
  process.stdout.write('repro-ci: passed\n');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    writeSync(2, `error: ${errorMessage(e)}\n`);
    process.exitCode = e instanceof ReproError ? (e.exitCode === 1 ? 2 : e.exitCode) : 1;
  },
);
