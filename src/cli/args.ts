/** Command-line parsing for `repro-ci`. Pure: argv in, a typed command or a usage error out. */
import { parseArgs } from 'node:util';
import { GPU_PATTERN, GPU_VALUES_HINT } from '../config/schema.js';
import { BUILDER_PREFERENCES, type BuilderPreference } from '../docker/detect.js';
import { ReproError } from '../errors.js';
import { RULE_IDS } from '../lint/rules.js';
import { didYouMean } from '../util/text.js';
import { parseReproCommand, type ArchiveCommand, type VerifyCommand } from './verify-args.js';

export const USAGE = `repro-ci: build, run, check and publish research code in containers.

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

export interface RunCommand {
  command: 'run' | 'validate';
  config: string;
  /** `--push`, `--push-any-branch`, `--no-push`; none of them: nothing is pushed (RunContext.localPush). */
  push?: 'ci' | 'any-branch' | 'never';
  image?: string;
  registry?: string;
  gpus?: string;
  builder: BuilderPreference;
  quiet: boolean;
  verbose: boolean;
  badgeDir?: string;
}

export interface LintCommand {
  command: 'lint';
  config: string;
  /** Dockerfiles named on the command line; empty: those of the config. */
  dockerfiles: string[];
  context?: string;
  sarif?: string;
  error: boolean;
  ignore: string[];
}

export interface InitCommand {
  command: 'init';
  force: boolean;
  /** `--run`: run the new config once and write what it measured as the reference, with checks. */
  run: boolean;
  builder: BuilderPreference;
  quiet: boolean;
  verbose: boolean;
}

export type CliCommand =
  | RunCommand
  | LintCommand
  | InitCommand
  | VerifyCommand
  | ArchiveCommand
  | { command: 'help' }
  | { command: 'version' };

/** Options that only one command takes. */
const ONLY_FOR: Record<string, string> = {
  context: 'lint',
  sarif: 'lint',
  error: 'lint',
  ignore: 'lint',
  force: 'init',
  run: 'init',
  record: 'verify',
  steps: 'verify',
  workspace: 'verify',
  results: 'verify',
  out: 'archive',
  tar: 'archive',
};

function parseBuilder(value = 'auto'): BuilderPreference {
  if (!(BUILDER_PREFERENCES as readonly string[]).includes(value))
    throw new ReproError(`--builder "${value}" is not valid.`, { fix: 'use auto, buildx or classic.', exitCode: 2 });
  return value as BuilderPreference;
}

export function parseCli(argv: string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string', short: 'c' },
        push: { type: 'boolean' },
        'push-any-branch': { type: 'boolean' },
        'no-push': { type: 'boolean' },
        image: { type: 'string' },
        registry: { type: 'string' },
        gpus: { type: 'string' },
        builder: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        verbose: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
        context: { type: 'string' },
        sarif: { type: 'string' },
        error: { type: 'boolean' },
        ignore: { type: 'string' },
        force: { type: 'boolean' },
        run: { type: 'boolean' },
        record: { type: 'string' },
        steps: { type: 'string' },
        workspace: { type: 'string' },
        results: { type: 'string' },
        'badge-dir': { type: 'string' },
        out: { type: 'string' },
        tar: { type: 'boolean' },
      },
    });
  } catch (e) {
    throw new ReproError((e as Error).message, { fix: 'run `repro-ci --help` for the options.', exitCode: 2 });
  }
  const { values: v, positionals } = parsed;
  if (v.help) return { command: 'help' };
  if (v.version) return { command: 'version' };
  const command = positionals[0] ?? 'help';
  if (command === 'help') return { command: 'help' };
  for (const [opt, only] of Object.entries(ONLY_FOR)) {
    if (v[opt as keyof typeof v] !== undefined && command !== only)
      throw new ReproError(`--${opt} is an option of \`repro-ci ${only}\`, not of \`${command}\`.`, {
        fix: 'run `repro-ci --help` for the options of each command.',
        exitCode: 2,
      });
  }
  if (command === 'lint') {
    const ignore = (v.ignore ?? '')
      .split(',')
      .map((s) => s.trim().toUpperCase())
      .filter(Boolean);
    const unknown = ignore.find((id) => !RULE_IDS.includes(id));
    if (unknown)
      throw new ReproError(`--ignore: there is no lint rule ${unknown}.`, {
        fix: `${didYouMean(unknown, RULE_IDS)} (docs/lint.md lists the rules)`,
        exitCode: 2,
      });
    return {
      command,
      config: v.config ?? 'repro.yml',
      dockerfiles: positionals.slice(1),
      context: v.context,
      sarif: v.sarif,
      error: v.error ?? false,
      ignore,
    };
  }
  if (command === 'init') {
    if (positionals.length > 1)
      throw new ReproError(`unexpected argument "${positionals[1]}".`, {
        fix: 'run `repro-ci init` in the root of the repository.',
        exitCode: 2,
      });
    return {
      command,
      force: v.force ?? false,
      run: v.run ?? false,
      builder: parseBuilder(v.builder),
      quiet: v.quiet ?? false,
      verbose: v.verbose ?? false,
    };
  }
  if (command === 'verify' || command === 'archive') return parseReproCommand(command, v, positionals);
  if (v['badge-dir'] !== undefined && command !== 'run')
    throw new ReproError(
      `--badge-dir is an option of \`repro-ci run\` and \`repro-ci verify\`, not of \`${command}\`.`,
      { fix: 'run `repro-ci --help` for the options of each command.', exitCode: 2 },
    );
  if (command !== 'run' && command !== 'validate')
    throw new ReproError(`unknown command "${command}".`, {
      fix: 'use `repro-ci run` or `repro-ci validate` (`repro-ci --help` lists everything).',
      exitCode: 2,
    });
  if (positionals.length > 1)
    throw new ReproError(`unexpected argument "${positionals[1]}".`, {
      fix: 'name the config with --config FILE.',
      exitCode: 2,
    });
  const pushFlags = (['push', 'push-any-branch', 'no-push'] as const).filter((f) => v[f]);
  if (pushFlags.length > 1)
    throw new ReproError(`${pushFlags.map((f) => `--${f}`).join(' and ')} contradict each other.`, {
      fix: 'pass one of them.',
      exitCode: 2,
    });
  if (v.gpus !== undefined && !GPU_PATTERN.test(v.gpus))
    throw new ReproError(`--gpus "${v.gpus}" is not valid.`, { fix: `use ${GPU_VALUES_HINT}.`, exitCode: 2 });
  const builder = parseBuilder(v.builder);
  return {
    command,
    config: v.config ?? 'repro.yml',
    push: v.push ? 'ci' : v['push-any-branch'] ? 'any-branch' : v['no-push'] ? 'never' : undefined,
    image: v.image,
    registry: v.registry,
    gpus: v.gpus,
    builder,
    quiet: v.quiet ?? false,
    verbose: v.verbose ?? false,
    badgeDir: v['badge-dir'],
  };
}
