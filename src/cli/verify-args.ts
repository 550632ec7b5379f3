/** Parsing of `repro-ci verify` and `repro-ci archive` (called from args.ts with parseArgs' values). Pure. */
import { GPU_PATTERN, GPU_VALUES_HINT } from '../config/schema.js';
import type { BuilderPreference } from '../docker/detect.js';
import { ReproError } from '../errors.js';
import { parseImageRef } from '../record/companion.js';

export interface VerifyCommand {
  command: 'verify';
  image?: string;
  record?: string;
  steps?: string[];
  workspace?: string;
  results?: string;
  badgeDir?: string;
  gpus?: string;
  builder: BuilderPreference;
  quiet: boolean;
  verbose: boolean;
}

export interface ArchiveCommand {
  command: 'archive';
  config: string;
  out: string;
  tarball: boolean;
  quiet: boolean;
  verbose: boolean;
}

type Values = Record<string, string | boolean | undefined>;

const usage = (message: string, fix: string) => new ReproError(message, { fix, exitCode: 2 });

export function parseReproCommand(
  command: 'verify' | 'archive',
  v: Values,
  positionals: string[],
): VerifyCommand | ArchiveCommand {
  const foreign = [
    'push',
    'no-push',
    'image',
    'registry',
    ...(command === 'verify' ? ['config'] : ['gpus', 'builder', 'badge-dir']),
  ].find((k) => v[k] !== undefined);
  if (foreign)
    throw usage(
      `--${foreign} is not an option of \`repro-ci ${command}\`.`,
      'run `repro-ci --help` for the options of each command.',
    );
  const quiet = v.quiet === true;
  const verbose = v.verbose === true;
  if (command === 'archive') {
    if (positionals.length > 1)
      throw usage(`unexpected argument "${positionals[1]}".`, 'name the folder with --out DIR.');
    if (typeof v.out !== 'string' || !v.out)
      throw usage('archive needs --out DIR.', 'e.g. `repro-ci archive --out mnist-archive --tar`.');
    return {
      command,
      config: (v.config as string | undefined) ?? 'repro.yml',
      out: v.out,
      tarball: v.tar === true,
      quiet,
      verbose,
    };
  }
  const image = positionals[1];
  if (positionals.length > 2) throw usage(`unexpected argument "${positionals[2]}".`, 'verify one image at a time.');
  if (!image && v.record === undefined)
    throw usage(
      'verify needs an image, or --record FILE.',
      'e.g. `repro-ci verify ghcr.io/owner/project:main`, or `repro-ci verify --record record.json` in an archive folder after `docker load`.',
    );
  if (image && v.record !== undefined)
    throw usage('give an image or --record, not both.', 'an image finds its own record in the registry.');
  if (image) {
    try {
      parseImageRef(image);
    } catch (e) {
      throw usage(
        (e as Error).message,
        'e.g. ghcr.io/owner/project:main or ghcr.io/owner/project@sha256:<64 hex digits>.',
      );
    }
  }
  const gpus = v.gpus as string | undefined;
  if (gpus !== undefined && !GPU_PATTERN.test(gpus))
    throw usage(`--gpus "${gpus}" is not valid.`, `use ${GPU_VALUES_HINT}.`);
  const builder = (v.builder as string | undefined) ?? 'auto';
  if (!['auto', 'buildx', 'classic'].includes(builder))
    throw usage(`--builder "${builder}" is not valid.`, 'use auto, buildx or classic.');
  const steps =
    typeof v.steps === 'string'
      ? v.steps
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined;
  return {
    command,
    ...(image ? { image } : {}),
    ...(typeof v.record === 'string' ? { record: v.record } : {}),
    ...(steps?.length ? { steps } : {}),
    ...(typeof v.workspace === 'string' ? { workspace: v.workspace } : {}),
    ...(typeof v.results === 'string' ? { results: v.results } : {}),
    ...(typeof v['badge-dir'] === 'string' ? { badgeDir: v['badge-dir'] } : {}),
    ...(gpus ? { gpus } : {}),
    builder: builder as BuilderPreference,
    quiet,
    verbose,
  };
}
