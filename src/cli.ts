#!/usr/bin/env node
/** CLI entry point (`dist/cli.js`, bin `repro-ci`): the same pipeline as the action, with local context. */
import { writeSync } from 'node:fs';
import { parseCli, USAGE } from './cli/args.js';
import { runLocal } from './cli/run.js';
import { initCommand } from './cli/init.js';
import { lintCommand } from './cli/lint.js';
import { archiveCommand, verifyCommand } from './cli/verify.js';
import { loadConfig } from './config/config.js';
import { errorMessage, ReproError } from './errors.js';
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
  return (await runLocal(cmd, config)).code;
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
