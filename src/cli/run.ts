/** `repro-ci run`, the local entry point of the pipeline (src/cli.ts; `init --run`). */
import type { Config } from '../config/config.js';
import { LABEL_RUN } from '../docker/argv.js';
import { Docker } from '../docker/docker.js';
import { exec } from '../exec/exec.js';
import { onCancel } from '../pipeline/cancel.js';
import { runPipeline } from '../pipeline/pipeline.js';
import { resolveRun } from '../pipeline/plan.js';
import type { PipelineResult } from '../pipeline/result.js';
import { renderTextReport } from '../report/text.js';
import type { RunCommand } from './args.js';
import { localContext } from './git-context.js';
import { terminalLogger } from './logger.js';
import { writeBadge } from './verify.js';

/**
 * `repro-ci run`: the pipeline on this machine, with the local git checkout as its context, the report
 * printed. `init --run` runs a new config through it too.
 */
export async function runLocal(cmd: RunCommand, config: Config): Promise<{ code: number; result: PipelineResult }> {
  const log = terminalLogger({ quiet: cmd.quiet, verbose: cmd.verbose });
  const docker = new Docker(exec, log);
  const context = await localContext(exec, config.root);
  if (cmd.push && cmd.push !== 'never') context.localPush = cmd.push;
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
    return { code: result.error.exitCode, result };
  }
  if (!result.ok) {
    log.error(`${result.checks.filter((c) => !c.ok).length} check(s) failed.`);
    return { code: 1, result };
  }
  process.stdout.write('repro-ci: passed\n');
  return { code: 0, result };
}
