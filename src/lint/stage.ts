/**
 * The lint as a pipeline stage (before the build): lint every image of the config, annotate each
 * finding on its line, write the SARIF file, and fail the run only at `lint: error`. The work and the
 * report are apart so the pipeline can lint while it detects Docker and restores caches.
 */
import { writeFileFresh } from '../security/paths.js';
import path from 'node:path';
import type { Config } from '../config/config.js';
import type { LintLevel } from '../config/schema.js';
import type { Docker } from '../docker/docker.js';
import { ReproError } from '../errors.js';
import type { Logger } from '../log.js';
import { VERSION } from '../version.js';
import { contextLines, findingLabel, isBlocking, summaryLine } from './report.js';
import { ruleInfo } from './rules.js';
import { lintTargets, type LintReport, type LintTarget } from './run.js';
import type { StepOutput } from './checks.js';
import { toSarif } from './sarif.js';

export const SARIF_FILE = 'lint.sarif';

export interface LintStageResult {
  report: LintReport;
  /** Absolute path of the SARIF file. */
  sarif: string;
  /** Set at `lint: error` when a finding blocks the run: the caller stops before the build. */
  error?: ReproError;
}

/** The lint's work: it only reads (files, `docker image inspect`), so it may run beside other stages. */
export function lintProject(config: Config, docker: Docker | undefined, level: LintLevel): Promise<LintReport> {
  return lintTargets(configTargets(config), { docker, level, ignore: config.lint.ignore });
}

/** What the lint reads for each image of repro.yml: its Dockerfile, and its context as the build sees it. */
export function configTargets(config: Pick<Config, 'images' | 'steps'>): LintTarget[] {
  return config.images.map((i) => ({
    dockerfile: i.dockerfile,
    context: i.context,
    buildArgs: i.buildArgs,
    exclude: i.exclude,
    outputs: stepOutputsIn(config.steps, i.context),
  }));
}

/** The writable mounts of the steps that lie in `context`, by their path there. */
function stepOutputsIn(steps: Config['steps'], context: string): StepOutput[] {
  return steps.flatMap((s) =>
    s.mounts
      .filter((m) => !m.readOnly)
      .map((m) => ({ path: path.relative(context, m.host).split(path.sep).join('/'), step: s.name }))
      .filter((o) => o.path !== '' && !o.path.startsWith('..') && !path.isAbsolute(o.path)),
  );
}

/** The lint's report as a stage: SARIF, annotations, the summary line, and the error at `lint: error`. */
export function reportLint(config: Config, log: Logger, report: LintReport): LintStageResult {
  const sarif = writeSarif(report, path.join(config.results, SARIF_FILE));
  annotate(report, log);
  log.info([summaryLine(report), ...contextLines(report)].join('\n'));
  const blocking = report.findings.filter((f) => isBlocking(f, report)).length;
  const error =
    blocking === 0
      ? undefined
      : new ReproError(`${summaryLine(report)} \`lint: error\` stops the run before the build.`, {
          fix: 'fix the findings annotated above (docs/lint.md explains each rule), silence one with a comment line `# repro-ci: ignore=RC...` above the instruction, or set `lint: warn` in repro.yml (or the `lint` input).',
        });
  return { report, sarif, error };
}

/** One annotation per finding, on its file and line. */
export function annotate(report: LintReport, log: Logger): void {
  for (const f of report.findings) {
    const text = `${findingLabel(f, report)}: ${f.message} Fix: ${ruleInfo(f.rule).fix}`;
    const where = { file: f.file, line: f.line };
    if (isBlocking(f, report)) log.error(text, where);
    else log.warning(text, where);
  }
}

export function writeSarif(report: LintReport, file: string): string {
  writeFileFresh(
    file,
    `${JSON.stringify(toSarif(report.findings, { version: VERSION, failOnFindings: report.level === 'error' }), null, 2)}\n`,
  );
  return file;
}
