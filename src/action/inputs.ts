/**
 * Action inputs → a typed object, in one place (the docker/build-push-action `context.ts` pattern).
 * Pure over a `getInput` function so the parsing is unit-tested without a runner.
 */
import type { LintLevel, PushWhen } from '../config/schema.js';
import { GPU_PATTERN, GPU_VALUES_HINT, LINT_LEVELS } from '../config/schema.js';
import { BUILDER_PREFERENCES, type BuilderPreference } from '../docker/detect.js';
import { ReproError } from '../errors.js';

export interface ActionInputs {
  config: string;
  workingDirectory: string;
  /** Undefined: use repro.yml's `push.when`. */
  push?: PushWhen;
  image?: string;
  /** metadata-action's `images` lines: several repositories (resolved by pushRepositoriesFor). */
  images?: string;
  registry?: string;
  gpus?: string;
  builder: BuilderPreference;
  githubToken?: string;
  /** Build and run a fork's code on events that hold secrets (src/security/trust.ts). */
  allowUntrustedCode: boolean;
  /** Overrides repro.yml's `lint.level`. */
  lint?: LintLevel;
  /** Post the report as a sticky PR comment; undefined means the default (true). */
  comment?: boolean;
  /** Registry login; the password is a secret (masked by main). */
  username?: string;
  password?: string;
  /** Newline lists (metadata-action's outputs fit), checked by resolvePublish. */
  tags?: string;
  flavor?: string;
  labels?: string;
  annotations?: string;
  /** Separators of the `tags`, `labels` and `annotations` outputs (metadata-action's `sep-*`; a newline by default). */
  separators: OutputSeparators;
  /** `run` (build, run, check, push) or `verify` (re-run `verifyImage` against its record). */
  mode: 'run' | 'verify';
  verifyImage?: string;
  /** Where the badge goes: a branch committed through the contents API, and/or a folder (Pages). */
  badgeBranch?: string;
  badgeDir?: string;
}

export interface OutputSeparators {
  tags: string;
  labels: string;
  annotations: string;
}

/** Gives an input as the runner set it; `untrimmed` keeps its whitespace (a separator may be one). */
export type GetInput = (name: string, untrimmed?: boolean) => string;

export function parseInputs(get: GetInput): ActionInputs {
  const opt = (name: string) => get(name).trim() || undefined;
  return {
    config: opt('config') ?? 'repro.yml',
    workingDirectory: opt('working-directory') ?? '.',
    push: parsePush(opt('push')),
    image: opt('image'),
    images: opt('images'),
    registry: opt('registry'),
    gpus: parseGpus(opt('gpus')),
    builder: parseChoice('builder', opt('builder') ?? 'auto', BUILDER_PREFERENCES),
    githubToken: opt('github-token'),
    allowUntrustedCode: parseBool('allow-untrusted-code', opt('allow-untrusted-code')) ?? false,
    lint: opt('lint') === undefined ? undefined : parseChoice('lint', opt('lint')!.toLowerCase(), LINT_LEVELS),
    comment: parseBool('comment', opt('comment')),
    username: opt('username'),
    password: get('password') || undefined,
    tags: opt('tags'),
    flavor: opt('flavor'),
    labels: opt('labels'),
    annotations: opt('annotations'),
    // As metadata-action reads them: untrimmed, and an empty one is a newline.
    separators: {
      tags: get('sep-tags', true) || '\n',
      labels: get('sep-labels', true) || '\n',
      annotations: get('sep-annotations', true) || '\n',
    },
    mode: parseChoice('mode', opt('mode') ?? 'run', ['run', 'verify'] as const),
    verifyImage: opt('verify-image'),
    badgeBranch: opt('badge-branch'),
    badgeDir: opt('badge-dir'),
  };
}

function parsePush(v: string | undefined): PushWhen | undefined {
  if (v === undefined) return undefined;
  const aliases: Record<string, PushWhen> = { true: 'always', false: 'never' };
  return parseChoice('push', aliases[v.toLowerCase()] ?? v.toLowerCase(), ['auto', 'always', 'never'] as const);
}

function parseBool(name: string, v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  return parseChoice(name, v.toLowerCase(), ['true', 'false'] as const) === 'true';
}

function parseGpus(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (!GPU_PATTERN.test(v))
    throw new ReproError(`input gpus: "${v}" is not valid.`, { fix: `use ${GPU_VALUES_HINT}.` });
  return v;
}

function parseChoice<T extends string>(name: string, v: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(v))
    throw new ReproError(`input ${name}: "${v}" is not one of ${choices.join(', ')}.`, {
      fix: `set \`${name}:\` to one of ${choices.join(', ')}, or leave it out for the default.`,
    });
  return v as T;
}
