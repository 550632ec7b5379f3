/** `repro-ci lint`: the Dockerfiles of repro.yml, or those named, through the same lint as the action's stage. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/config.js';
import { Docker } from '../docker/docker.js';
import { exec } from '../exec/exec.js';
import { isBlocking, renderLintText } from '../lint/report.js';
import { dockerfilesAt, lintTargets, type LintTarget } from '../lint/run.js';
import { configTargets, SARIF_FILE, writeSarif } from '../lint/stage.js';
import type { LintCommand } from './args.js';
import { terminalLogger } from './logger.js';

export async function lintCommand(cmd: LintCommand, write: (s: string) => void): Promise<number> {
  let targets: LintTarget[];
  let sarif = cmd.sarif;
  let ignore = cmd.ignore;
  let level: 'warn' | 'error' = cmd.error ? 'error' : 'warn';
  if (cmd.dockerfiles.length > 0) {
    targets = dockerfilesAt(cmd.dockerfiles).map((f) => ({
      dockerfile: f,
      context: path.resolve(cmd.context ?? path.dirname(f)),
    }));
  } else {
    const config = loadConfig(cmd.config);
    targets = configTargets(config);
    ignore = [...config.lint.ignore, ...cmd.ignore];
    if (config.lint.level === 'error') level = 'error';
    if (!sarif) {
      mkdirSync(config.results, { recursive: true });
      sarif = path.join(config.results, SARIF_FILE);
    }
  }
  // The engine is only asked for base-image digests; without one the lint still runs.
  const report = await lintTargets(targets, {
    docker: new Docker(exec, terminalLogger({ quiet: true })),
    level,
    ignore,
  });
  write(`${renderLintText(report)}\n`);
  if (sarif) {
    const file = writeSarif(report, path.resolve(sarif));
    const rel = path.relative(process.cwd(), file);
    write(`SARIF: ${rel.startsWith('..') ? file : rel}\n`);
  }
  return report.findings.some((f) => isBlocking(f, report)) ? 1 : 0;
}
