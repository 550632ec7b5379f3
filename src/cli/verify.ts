/** `repro-ci verify` and `repro-ci archive`: the edges around src/verify and src/archive. */
import path from 'node:path';
import { archive } from '../archive/archive.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { badgeFor, lastVerifiedDate, type BadgeOutcome, type ShieldsEndpoint } from '../badge/badge.js';
import { writeBadgeDir } from '../badge/publish.js';
import { loadConfig } from '../config/config.js';
import { Docker } from '../docker/docker.js';
import { errorMessage, ReproError } from '../errors.js';
import { exec } from '../exec/exec.js';
import { verify } from '../verify/verify.js';
import { renderVerdict } from '../verify/report.js';
import type { ArchiveCommand, VerifyCommand } from './verify-args.js';
import { terminalLogger } from './logger.js';

export async function verifyCommand(cmd: VerifyCommand, write: (s: string) => void): Promise<number> {
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
        gpusFrom: '--gpus',
      },
      docker,
      log,
    );
  } catch (e) {
    if (cmd.badgeDir) notVerifiedBadge(cmd.badgeDir, write);
    throw e;
  }
  const { record, result } = outcome;
  write(
    `\nverify ${outcome.image ?? cmd.record}\nrecord: ${outcome.recordFrom} (commit ${record.source.sha || 'unknown'}, recorded ${record.createdAt})\nre-ran: ${outcome.plan.steps.map((s) => s.name).join(', ')}\n\n`,
  );
  write(`${renderVerdict(record, result.checks, result.error?.message.split('\n')[0])}\n`);
  write(`results and logs: ${result.resultsDir}\n`);
  if (cmd.badgeDir)
    writeBadge(
      cmd.badgeDir,
      record.project,
      {
        kind: 'verify',
        checks: result.checks,
        metrics: result.metrics ?? {},
        date: new Date(),
        failed: !!result.error,
      },
      write,
    );
  if (result.error) {
    log.error(result.error.describe());
    return 1;
  }
  return result.ok ? 0 : 1;
}

/** Verification could not happen (no record read, so no project name): the folder's one badge says since when. */
function notVerifiedBadge(dir: string, write: (s: string) => void): void {
  const badges = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
  if (badges.length !== 1)
    return write(
      `badge not updated: ${badges.length === 0 ? 'none' : 'several'} in ${dir}, and no record names the project\n`,
    );
  let previous;
  try {
    previous = JSON.parse(readFileSync(path.join(dir, badges[0]), 'utf8')) as Partial<ShieldsEndpoint>;
  } catch {
    previous = undefined;
  }
  writeBadge(
    dir,
    badges[0].replace(/\.json$/, ''),
    { kind: 'error', date: new Date(), lastVerified: lastVerifiedDate(previous) },
    write,
  );
}

export function writeBadge(dir: string, project: string, o: BadgeOutcome, write: (s: string) => void): void {
  const badge = badgeFor(o);
  const files = writeBadgeDir(dir, project, badge);
  write(`badge "${badge.message}": ${files.map((f) => path.relative(process.cwd(), f) || f).join(', ')}\n`);
}

export async function archiveCommand(cmd: ArchiveCommand, write: (s: string) => void): Promise<number> {
  const log = terminalLogger({ quiet: cmd.quiet, verbose: cmd.verbose });
  const config = loadConfig(cmd.config);
  try {
    const out = await archive(
      config,
      path.resolve(cmd.out),
      { tarball: cmd.tarball },
      new Docker(exec, log),
      exec,
      log,
    );
    write(
      `archive: ${out.dir}\n${out.files.map((f) => `  ${f}`).join('\n')}\n${out.tarball ? `tarball: ${out.tarball}\n` : ''}`,
    );
    return 0;
  } catch (e) {
    throw e instanceof ReproError ? e : new ReproError(errorMessage(e));
  }
}
