/**
 * Publishing settings: repro.yml `push:` (validated here, each problem reported with its field) merged
 * with the action inputs / CLI flags that override it. Pure.
 */
import type { PushWhen, RawConfig } from '../config/schema.js';
import { ReproError } from '../errors.js';
import { enabledRepositories, parseImageLines, type ImageTarget } from './images.js';
import { parseLabelLines } from './labels.js';
import {
  DEFAULT_FLAVOR,
  DEFAULT_TAG_SPECS,
  expressionProblem,
  GLOBAL_EXPRESSIONS,
  parseFlavorLines,
  parseTagLines,
  parseTagSpec,
  type Flavor,
  type TagSpec,
} from './tags.js';
import { withRegistry } from './naming.js';

export const DEFAULT_PUSH_RETRIES = 3;
/** Longest the push of one tag may take, its retries included (`push.timeout`). */
export const DEFAULT_PUSH_TIMEOUT_S = 10 * 60;

export interface PushSettings {
  image?: string;
  /** `push.images`: several repositories (metadata-action's `images` lines), each with every tag. */
  images?: ImageTarget[];
  when: PushWhen;
  /** Undefined: the default rules (DEFAULT_TAG_SPECS). */
  tags?: TagSpec[];
  flavor: Flavor;
  labels: Record<string, string>;
  /** OCI annotations for the pushed manifests (metadata-action's `annotations`), beside the OCI ones. */
  annotations: Record<string, string>;
  retries: number;
  /** Longest the push of one tag may take, retries included: past it the upload is stopped. */
  timeoutSeconds: number;
  /** What a dirty tree pushes (src/context.ts DirtyTree): nothing, or its own `dirty-…` tag only. */
  dirty: DirtyPush;
}

export type DirtyPush = 'refuse' | 'tag';

/** repro.yml `push:` as the validator returns it (derived from the schema). */
export type RawPush = NonNullable<RawConfig['push']>;

export type Problem = (path: (string | number)[], message: string, fix: string) => void;

export function parsePushSettings(raw: RawPush | undefined, problem: Problem): PushSettings {
  const tags = raw?.tags?.flatMap((line, i) => {
    try {
      return [parseTagSpec(line)];
    } catch (e) {
      problem(['push', 'tags', i], (e as ReproError).message, (e as ReproError).fix ?? '');
      return [];
    }
  });
  if (raw?.tags !== undefined && raw.tags.length === 0)
    problem(
      ['push', 'tags'],
      'lists no tag rule, so nothing could be pushed.',
      'add rules such as `- type=sha`, or remove `tags:` for the defaults.',
    );
  const flavor = { ...DEFAULT_FLAVOR };
  const f = raw?.flavor;
  if (f?.latest !== undefined) {
    if (['auto', 'true', 'false'].includes(f.latest)) flavor.latest = f.latest as Flavor['latest'];
    else
      problem(
        ['push', 'flavor', 'latest'],
        `"${f.latest}" is not auto, true or false.`,
        'write `latest: auto` (releases that are not pre-releases), `latest: true` or `latest: false`.',
      );
  }
  if (f?.prefix !== undefined) flavor.prefix = f.prefix;
  if (f?.suffix !== undefined) flavor.suffix = f.suffix;
  // Label and annotation values are rendered at plan time; their expressions are checked here, at validate.
  for (const field of ['labels', 'annotations'] as const) {
    for (const [key, value] of Object.entries(raw?.[field] ?? {})) {
      const bad = valueProblem(String(value));
      if (bad) problem(['push', field, key], bad.message, bad.fix);
    }
  }
  const images = raw?.images && parseImages(raw, problem);
  const retries = raw?.retries ?? DEFAULT_PUSH_RETRIES;
  if (!Number.isInteger(retries) || retries < 0 || retries > 10)
    problem(
      ['push', 'retries'],
      `${retries} is not a whole number from 0 to 10.`,
      'write e.g. `retries: 3` (0 turns retries off).',
    );
  return {
    image: raw?.image,
    images,
    when: raw?.when ?? 'auto',
    tags,
    flavor,
    labels: raw?.labels ?? {},
    annotations: raw?.annotations ?? {},
    retries,
    timeoutSeconds: raw?.timeout ?? DEFAULT_PUSH_TIMEOUT_S,
    dirty: raw?.dirty ?? 'refuse',
  };
}

function parseImages(raw: RawPush, problem: Problem): ImageTarget[] | undefined {
  if (raw.image !== undefined)
    problem(
      ['push', 'images'],
      'is set beside push.image.',
      'keep one: `image:` for one repository, `images:` for several.',
    );
  try {
    const images = parseImageLines(raw.images ?? []);
    if (enabledRepositories(images).length === 0)
      problem(
        ['push', 'images'],
        'enables no repository, so nothing could be pushed.',
        'list at least one repository without `enable=false`, or set `push.when: never`.',
      );
    return images;
  } catch (e) {
    problem(['push', 'images'], (e as ReproError).message.replace(/^images: /, ''), (e as ReproError).fix ?? '');
    return undefined;
  }
}

export interface PushOverrides {
  /** Newline lists, as the action inputs (and metadata-action's outputs) give them. */
  tags?: string;
  flavor?: string;
  labels?: string;
  annotations?: string;
}

export interface ResolvedPublish {
  tags: readonly TagSpec[];
  flavor: Flavor;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  retries: number;
  timeoutSeconds: number;
  dirty: DirtyPush;
  /** The repository of the first full reference in the `tags` input (metadata-action's output). */
  imageFromTags?: string;
  /** What the inputs had that is left out (a `labels` line without `=`), for the log. */
  warnings: string[];
}

/** Inputs win over repro.yml: `tags` replaces the rules, `flavor` lines change single settings, `labels` add. */
export function resolvePublish(settings: PushSettings, over: PushOverrides = {}): ResolvedPublish {
  const inputTags = over.tags?.trim() ? asInput('tags', () => parseTagLines(over.tags!)) : undefined;
  const labels = parseLabelLines(over.labels ?? '');
  const annotations = parseLabelLines(over.annotations ?? '');
  for (const [input, lines] of [
    ['labels', labels.labels],
    ['annotations', annotations.labels],
  ] as const) {
    for (const [key, value] of Object.entries(lines)) {
      const bad = valueProblem(value);
      if (bad) throw new ReproError(`input ${input}: ${key}: ${bad.message}`, { fix: bad.fix });
    }
  }
  const firstRef = over.tags
    ?.split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => !l.includes('=') && /^[^\s]+:[^\s:/]+$/.test(l) && l.lastIndexOf(':') > l.lastIndexOf('/'));
  return {
    tags: inputTags ?? settings.tags ?? DEFAULT_TAG_SPECS,
    flavor: over.flavor?.trim()
      ? asInput('flavor', () => parseFlavorLines(over.flavor!, settings.flavor))
      : settings.flavor,
    labels: { ...settings.labels, ...labels.labels },
    annotations: { ...settings.annotations, ...annotations.labels },
    retries: settings.retries,
    timeoutSeconds: settings.timeoutSeconds,
    dirty: settings.dirty,
    imageFromTags: firstRef ? firstRef.slice(0, firstRef.lastIndexOf(':')).toLowerCase() : undefined,
    warnings: [...ignored('labels', labels.ignored), ...ignored('annotations', annotations.ignored)],
  };
}

const valueProblem = (value: string) => expressionProblem(value, GLOBAL_EXPRESSIONS, 'the value');

function ignored(input: string, lines: string[]): string[] {
  return lines.map(
    (l) =>
      `input ${input}: "${l}" is not KEY=VALUE, so it is left out (as metadata-action does); write e.g. \`org.opencontainers.image.title=My model\`.`,
  );
}

/** Errors in an input name it: `input tags: "type=semvr" ...`. */
function asInput<T>(name: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ReproError) throw new ReproError(`input ${name}: ${e.message}`, { fix: e.fix });
    throw e;
  }
}

export interface PushTargets {
  /** The `image` input (or `--image`): one repository, over repro.yml's. */
  image?: string;
  /** The `images` input: metadata-action's lines, over repro.yml's. */
  images?: string;
  /** The `registry` input (or `--registry`): the host every repository is pushed to. */
  registry?: string;
}

/**
 * The repositories to push to, the main one first: the `image` or `images` input, repro.yml's
 * `push.image` or `push.images`, the repository of references passed as tags, or with only a `registry`
 * given, `registry/owner/repo`. Lower-cased (docker refuses upper-case repositories; GitHub owners often
 * have them; `notices` says so for `images` lines), with the `registry` host applied.
 */
export function pushRepositoriesFor(
  over: PushTargets,
  settings: Pick<PushSettings, 'image' | 'images'>,
  publish: ResolvedPublish,
  githubRepository: string | undefined,
  notices: string[] = [],
): string[] {
  if (over.image && over.images?.trim())
    throw new ReproError('inputs image and images are both set.', {
      fix: 'keep one: `image` for one repository, `images` for several (one a line).',
    });
  const fromInput = over.images?.trim()
    ? asInput('images', () => enabledRepositories(parseImageLines(over.images!.split(/\r?\n/), notices)))
    : undefined;
  const one =
    over.image ??
    (fromInput || settings.images
      ? undefined
      : (settings.image ?? publish.imageFromTags ?? (over.registry ? githubRepository : undefined)));
  const names = one
    ? [one.toLowerCase()]
    : (fromInput ?? (settings.images ? enabledRepositories(settings.images) : []));
  if (over.registry && names.length > 1)
    throw new ReproError(
      `the registry input replaces the host of one repository, and ${names.length} are pushed to (${names.join(', ')}).`,
      { fix: 'leave `registry` empty and write each host in its `images` line.' },
    );
  return [...new Set(names.map((name) => withRegistry(name, over.registry)))];
}
