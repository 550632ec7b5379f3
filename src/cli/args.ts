/** Command-line parsing for `repro-ci`. Pure: argv in, a typed command or a usage error out. */
import { parseArgs } from 'node:util';
import type { PushWhen } from '../config/config.js';
import { GPU_PATTERN, GPU_VALUES_HINT } from '../config/schema.js';
import type { BuilderPreference } from '../docker/detect.js';
import { ReproError } from '../errors.js';

export const USAGE = `repro-ci: build, run, check and publish research code in containers.

Usage:
  repro-ci run [options]        build the images, run the steps, check the metrics, push
  repro-ci validate [options]   check repro.yml and exit
  repro-ci --version | --help

Options:
  -c, --config FILE    config file (default: repro.yml)
      --push           push the images after the checks passed
      --no-push        never push (the default for local runs)
      --image REPO     repository to push to (overrides push.image)
      --registry HOST  registry host (replaces the one in the image name)
      --gpus VALUE     GPUs for every step: all, a count, device=0,2, none, optional
      --builder KIND   auto (default), buildx or classic
  -q, --quiet          print only the report
  -v, --verbose        print debug lines
`;

export interface RunCommand {
  command: 'run' | 'validate';
  config: string;
  push?: PushWhen;
  image?: string;
  registry?: string;
  gpus?: string;
  builder: BuilderPreference;
  quiet: boolean;
  verbose: boolean;
}

export type CliCommand = RunCommand | { command: 'help' } | { command: 'version' };

export function parseCli(argv: string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string', short: 'c' },
        push: { type: 'boolean' },
        'no-push': { type: 'boolean' },
        image: { type: 'string' },
        registry: { type: 'string' },
        gpus: { type: 'string' },
        builder: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        verbose: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
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
  if (command !== 'run' && command !== 'validate') throw new ReproError(`unknown command "${command}".`, { fix: 'use `repro-ci run` or `repro-ci validate` (`repro-ci --help` lists everything).', exitCode: 2 });
  if (positionals.length > 1) throw new ReproError(`unexpected argument "${positionals[1]}".`, { fix: 'name the config with --config FILE.', exitCode: 2 });
  if (v.push && v['no-push']) throw new ReproError('--push and --no-push contradict each other.', { fix: 'pass one of them.', exitCode: 2 });
  if (v.gpus !== undefined && !GPU_PATTERN.test(v.gpus)) throw new ReproError(`--gpus "${v.gpus}" is not valid.`, { fix: `use ${GPU_VALUES_HINT}.`, exitCode: 2 });
  const builder = v.builder ?? 'auto';
  if (!['auto', 'buildx', 'classic'].includes(builder)) throw new ReproError(`--builder "${builder}" is not valid.`, { fix: 'use auto, buildx or classic.', exitCode: 2 });
  return {
    command,
    config: v.config ?? 'repro.yml',
    push: v.push ? 'always' : v['no-push'] ? 'never' : undefined,
    image: v.image,
    registry: v.registry,
    gpus: v.gpus,
    builder: builder as BuilderPreference,
    quiet: v.quiet ?? false,
    verbose: v.verbose ?? false,
  };
}
