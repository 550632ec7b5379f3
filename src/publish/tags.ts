/**
 * The tag syntax and the tags of a run. Pure: the run context in, tags out. Whether to push is
 * src/publish/policy.ts; registry and repository names are src/publish/naming.ts.
 *
 * Tag rules follow docker/metadata-action's documented `tags`/`flavor` syntax (types schedule, semver,
 * pep440, match, edge, ref, raw, sha; priorities 1000 > 900 > 800 > 700 > 600 > 200 > 100; `latest=auto`
 * set by the highest-priority rule that gave a tag, and only for semver, pep440, match and ref/tag), so a
 * workflow can move its `tags:` lines over unchanged. Its own test tables run against this file
 * (tests/unit/metadata-action-parity.test.ts); where we differ, on purpose, docs/tags.md lists the cases:
 * - a pre-release (a semver tag with `-rc.1`..., or a release marked pre-release) never moves `latest`
 *   under `latest=auto`, whatever rule produced it (metadata-action moves it for ref/tag and match);
 * - pull requests are tagged from the head commit the author pushed, not the merge commit;
 * - a tag is cut to what docker accepts (no leading `.`/`-`, 128 characters); unknown attributes are errors.
 */
import { branchOf, tagOf, type RunContext } from '../context.js';
import { ReproError } from '../errors.js';
import { didYouMean, splitFields } from '../util/text.js';
import { formatPep440, isPep440Special, parsePep440 } from './pep440.js';
import {
  bareArguments,
  formatDate,
  formatIsoDate,
  malformedExpression,
  renderTemplate,
  templateNames,
  type TemplateCall,
  type TemplateVars,
} from './template.js';

export const SHORT_SHA_LENGTH = 7;

export type TagType = 'schedule' | 'semver' | 'pep440' | 'match' | 'edge' | 'ref' | 'raw' | 'sha';
export const TAG_TYPES: readonly TagType[] = ['schedule', 'semver', 'pep440', 'match', 'edge', 'ref', 'raw', 'sha'];

export const DEFAULT_PRIORITY: Record<TagType, number> = {
  schedule: 1000,
  semver: 900,
  pep440: 900,
  match: 800,
  edge: 700,
  ref: 600,
  raw: 200,
  sha: 100,
};

const COMMON_ATTRS = ['enable', 'priority', 'prefix', 'suffix'];
export const TAG_ATTRIBUTES: Record<TagType, string[]> = {
  schedule: ['pattern'],
  semver: ['pattern', 'value', 'match'],
  pep440: ['pattern', 'value', 'match'],
  match: ['pattern', 'group', 'value'],
  edge: ['branch'],
  ref: ['event'],
  raw: ['value'],
  sha: ['format'],
};
export const GLOBAL_EXPRESSIONS = [
  'branch',
  'tag',
  'sha',
  'base_ref',
  'is_default_branch',
  'is_not_default_branch',
  'date',
  'commit_date',
];
const SEMVER_EXPRESSIONS = ['raw', 'version', 'major', 'minor', 'patch'];

/** One `tags:` line, parsed: `type=semver,pattern={{version}}`. */
export interface TagSpec {
  type: TagType;
  /** Attributes as written (prefix/suffix only when given: an empty `prefix=` still overrides the flavor). */
  attrs: Record<string, string>;
  priority: number;
  /** The line as written, for messages. */
  source: string;
}

export interface Flavor {
  latest: 'auto' | 'true' | 'false';
  prefix: string;
  suffix: string;
  /** Whether the flavor prefix/suffix also go on `latest` (metadata-action's `onlatest=true`). */
  prefixOnLatest: boolean;
  suffixOnLatest: boolean;
}

export const DEFAULT_FLAVOR: Flavor = {
  latest: 'auto',
  prefix: '',
  suffix: '',
  prefixOnLatest: false,
  suffixOnLatest: false,
};

/**
 * Our defaults: metadata-action's (schedule, ref branch/tag/pr) plus the release versions a paper cites
 * (`1.2.3`, `1.2`) and the commit (`sha-0123456`) that names the exact image.
 */
export const DEFAULT_TAG_LINES = [
  'type=schedule',
  'type=semver,pattern={{version}}',
  'type=semver,pattern={{major}}.{{minor}}',
  'type=ref,event=branch',
  'type=ref,event=tag',
  'type=ref,event=pr',
  'type=sha',
];

const TAG_FIX =
  'write it as metadata-action does, e.g. `type=semver,pattern={{version}}`, `type=ref,event=branch`, `type=sha` or a plain tag such as `stable`.';

/**
 * A docker tag: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`; anything else becomes `-`. The case is kept (tags may
 * hold capitals: `20200110-RC2`; only repository names must be lower case).
 */
export function sanitizeTag(value: string): string {
  return value
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128);
}

/**
 * Parses one `tags` line. Accepts metadata-action's entries (`type=...,attr=value`, CSV quoting for
 * commas), a plain tag (`stable`: type=raw), and a full reference as metadata-action's `tags` output
 * gives it (`ghcr.io/o/p:1.2.3`: its tag is used as is).
 */
export function parseTagSpec(line: string): TagSpec {
  const source = line.trim();
  if (!source.includes('=')) {
    const ref = /^(?:[^\s:]+(?::\d+)?\/)*[^\s:/]+:([^\s:/@]+)$/.exec(source);
    const value = ref ? ref[1] : source;
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(value))
      throw new ReproError(`tag "${source}" is not a valid docker tag.`, {
        fix: 'use letters, digits, `_`, `.` and `-` (128 at most, not starting with `.` or `-`), or a rule such as `type=sha`.',
      });
    return { type: 'raw', attrs: { value }, priority: DEFAULT_PRIORITY.raw, source };
  }
  const attrs: Record<string, string> = {};
  let type: TagType = 'raw';
  for (const field of splitCsv(source)) {
    const eq = field.indexOf('=');
    if (eq < 0) {
      attrs.value = field.trim();
      continue;
    }
    const key = field.slice(0, eq).trim().toLowerCase();
    const value = field.slice(eq + 1).trim();
    if (key === 'type') {
      if (!(TAG_TYPES as readonly string[]).includes(value))
        throw new ReproError(`"${source}": unknown type "${value}".`, { fix: `${didYouMean(value, TAG_TYPES)}.` });
      type = value as TagType;
    } else {
      attrs[key] = value;
    }
  }
  const known = [...COMMON_ATTRS, ...TAG_ATTRIBUTES[type]];
  for (const key of Object.keys(attrs)) {
    if (!known.includes(key))
      throw new ReproError(`"${source}": type=${type} has no attribute "${key}".`, {
        fix: `use ${known.join(', ')} (${didYouMean(key, known)}).`,
      });
  }
  const need = (key: string, example: string) => {
    if (attrs[key] === undefined || attrs[key] === '')
      throw new ReproError(`"${source}": type=${type} needs ${key}=.`, { fix: `add it, e.g. \`${example}\`.` });
  };
  if (type === 'semver') need('pattern', 'type=semver,pattern={{version}}');
  if (type === 'pep440') need('pattern', 'type=pep440,pattern={{version}}');
  if (attrs.match !== undefined) checkRegex(source, 'match', attrs.match, 'match=v(\\d+\\.\\d+\\.\\d+)$');
  if (type === 'match') need('pattern', 'type=match,pattern=v(.*),group=1');
  if (type === 'raw') need('value', 'type=raw,value=stable');
  if (type === 'ref') {
    need('event', 'type=ref,event=branch');
    if (!['branch', 'tag', 'pr'].includes(attrs.event))
      throw new ReproError(`"${source}": event=${attrs.event} is not one of branch, tag, pr.`, {
        fix: 'write `event=branch`, `event=tag` or `event=pr`.',
      });
    if (attrs.event === 'pr' && attrs.prefix === undefined) attrs.prefix = 'pr-';
  }
  if (type === 'sha') {
    attrs.prefix ??= 'sha-';
    attrs.format ??= 'short';
    if (!['short', 'long'].includes(attrs.format))
      throw new ReproError(`"${source}": format=${attrs.format} is not short or long.`, {
        fix: 'write `format=short` (7 characters) or `format=long`.',
      });
  }
  if (type === 'schedule') attrs.pattern ??= 'nightly';
  if (type === 'match') {
    attrs.group ??= '0';
    if (!/^\d+$/.test(attrs.group))
      throw new ReproError(`"${source}": group=${attrs.group} is not a number.`, {
        fix: 'write the capture group number, e.g. `group=1`.',
      });
    checkRegex(source, 'pattern', attrs.pattern, 'pattern=v(\\d+\\.\\d+)');
  }
  let priority = DEFAULT_PRIORITY[type];
  if (attrs.priority !== undefined) {
    if (!/^-?\d+$/.test(attrs.priority))
      throw new ReproError(`"${source}": priority=${attrs.priority} is not a whole number.`, {
        fix: 'write e.g. `priority=950` (higher comes first).',
      });
    priority = Number(attrs.priority);
  }
  for (const [key, value] of Object.entries(attrs)) {
    const regex = (type === 'match' && key === 'pattern') || key === 'match';
    const allowed =
      (type === 'semver' || type === 'pep440') && key === 'pattern' ? SEMVER_EXPRESSIONS : GLOBAL_EXPRESSIONS;
    const problem = regex ? undefined : expressionProblem(value, allowed, `${key}=`);
    if (problem) throw new ReproError(`"${source}": ${problem.message}`, { fix: problem.fix });
  }
  if (attrs.enable !== undefined && !/^(true|false)$/i.test(attrs.enable) && templateNames(attrs.enable).length === 0) {
    throw new ReproError(`"${source}": enable=${attrs.enable} is not true or false.`, {
      fix: 'write `enable=true`, `enable=false` or an expression such as `enable={{is_default_branch}}`.',
    });
  }
  return { type, attrs, priority, source };
}

/** What is wrong with the {{expressions}} of `value` (a rule attribute, a label), where only `allowed` exist. */
export function expressionProblem(
  value: string,
  allowed: readonly string[],
  where: string,
): { message: string; fix: string } | undefined {
  const bad = malformedExpression(value);
  if (bad !== undefined)
    return {
      message: `${where} has a malformed {{expression}} near "${bad}".`,
      fix: "write expressions as {{name}} or {{date 'YYYYMMDD'}}.",
    };
  const name = templateNames(value).find((n) => !allowed.includes(n));
  if (name !== undefined)
    return {
      message: `{{${name}}} is not available in ${where}.`,
      fix: `use ${allowed.map((n) => `{{${n}}}`).join(', ')}.`,
    };
  return undefined;
}

function checkRegex(source: string, key: string, pattern: string, example: string): void {
  try {
    matchRegex(pattern);
  } catch (e) {
    throw new ReproError(`"${source}": ${key} is not a valid regular expression: ${(e as Error).message}.`, {
      fix: `fix it, e.g. \`${example}\`.`,
    });
  }
}

/** A newline list (an input, or metadata-action's `tags` output): blank lines and `#` comments skipped. */
export function parseTagLines(text: string): TagSpec[] {
  return listLines(text).map(parseTagSpec);
}

export const DEFAULT_TAG_SPECS: readonly TagSpec[] = DEFAULT_TAG_LINES.map(parseTagSpec);

/** Flavor lines as metadata-action writes them: `latest=auto`, `prefix=foo-,onlatest=true`, `suffix=-gpu`. */
export function parseFlavorLines(text: string, base: Flavor = DEFAULT_FLAVOR): Flavor {
  const flavor = { ...base };
  for (const line of listLines(text)) {
    const fields = splitCsv(line).map(
      (f) =>
        [
          f
            .slice(0, f.indexOf('=') < 0 ? f.length : f.indexOf('='))
            .trim()
            .toLowerCase(),
          f.includes('=') ? f.slice(f.indexOf('=') + 1).trim() : '',
        ] as const,
    );
    const [key, value] = fields[0];
    const onLatest = fields.find(([k]) => k === 'onlatest')?.[1];
    if (onLatest !== undefined && !/^(true|false)$/.test(onLatest))
      throw new ReproError(`flavor "${line}": onlatest=${onLatest} is not true or false.`, {
        fix: 'write `onlatest=true` or `onlatest=false`.',
      });
    if (key === 'latest') {
      if (!['auto', 'true', 'false'].includes(value))
        throw new ReproError(`flavor "${line}": latest=${value} is not auto, true or false.`, {
          fix: 'write `latest=auto` (releases only), `latest=true` or `latest=false`.',
        });
      flavor.latest = value as Flavor['latest'];
    } else if (key === 'prefix') {
      flavor.prefix = value;
      flavor.prefixOnLatest = onLatest === 'true';
    } else if (key === 'suffix') {
      flavor.suffix = value;
      flavor.suffixOnLatest = onLatest === 'true';
    } else {
      throw new ReproError(`flavor "${line}": unknown setting "${key}".`, {
        fix: 'use `latest=auto|true|false`, `prefix=...[,onlatest=true]` or `suffix=...[,onlatest=true]`.',
      });
    }
  }
  return flavor;
}

export interface TagPlan {
  /** Sanitised, de-duplicated, highest priority first, `latest` last. */
  tags: string[];
  /** The first tag: the image version for the `org.opencontainers.image.version` label. */
  version?: string;
  /** Rules that could not apply (a tag that is not semver, a pattern that does not match). */
  warnings: string[];
}

/** Tags for this run under `specs` and `flavor`. `now` renders `{{date}}`. */
export function planTags(
  ctx: RunContext,
  specs: readonly TagSpec[] = DEFAULT_TAG_SPECS,
  flavor: Flavor = DEFAULT_FLAVOR,
  now = new Date(),
): TagPlan {
  const vars = globalVars(ctx, now);
  const tags: string[] = [];
  const warnings: string[] = [];
  let latest: boolean | undefined;
  const prerelease = isPrerelease(ctx);
  // Array.prototype.sort is stable: equal priorities keep the order they were written in.
  for (const spec of [...specs].sort((a, b) => b.priority - a.priority)) {
    for (const [key, value] of Object.entries(spec.attrs))
      warnings.push(...unquotedWarnings(`${spec.source}: ${key}=`, value));
    const enable = spec.attrs.enable === undefined ? 'true' : renderTemplate(spec.attrs.enable, vars).toLowerCase();
    if (enable !== 'true') continue;
    const produced = produce(spec, ctx, vars, now, warnings);
    if (produced === undefined || produced.value === '') continue;
    const prefix = spec.attrs.prefix ?? flavor.prefix;
    const suffix = spec.attrs.suffix ?? flavor.suffix;
    const tag = sanitizeTag(`${renderTemplate(prefix, vars)}${produced.value}${renderTemplate(suffix, vars)}`);
    if (tag === '') continue;
    if (!tags.includes(tag)) tags.push(tag);
    latest ??= flavor.latest === 'auto' ? produced.movesLatest && !prerelease : flavor.latest === 'true';
  }
  if (latest) {
    const tag = sanitizeTag(
      `${flavor.prefixOnLatest ? renderTemplate(flavor.prefix, vars) : ''}latest${flavor.suffixOnLatest ? renderTemplate(flavor.suffix, vars) : ''}`,
    );
    if (!tags.includes(tag)) tags.push(tag);
  }
  return { tags, version: tags[0], warnings };
}

export function computeTags(ctx: RunContext, specs?: readonly TagSpec[], flavor?: Flavor, now?: Date): string[] {
  return planTags(ctx, specs, flavor, now).tags;
}

interface Produced {
  value: string;
  /** Whether this rule moves `latest` under `latest=auto`. */
  movesLatest: boolean;
}

function produce(
  spec: TagSpec,
  ctx: RunContext,
  vars: TemplateVars,
  now: Date,
  warnings: string[],
): Produced | undefined {
  const a = spec.attrs;
  const gitTag = tagOf(ctx.ref);
  const branch = branchOf(ctx.ref);
  switch (spec.type) {
    case 'schedule':
      if (ctx.eventName !== 'schedule') return undefined;
      return { value: renderTemplate(a.pattern, dateVars(ctx, now)), movesLatest: false };
    case 'semver':
    case 'pep440': {
      const raw = versionSource(spec, a.value ? renderTemplate(a.value, vars) : gitTag, warnings);
      if (raw === undefined) return undefined;
      const v = spec.type === 'semver' ? semverParts(raw) : pep440Parts(raw);
      if (!v) {
        const what =
          spec.type === 'semver' ? 'a semantic version (such as v1.2.3)' : 'a PEP 440 version (such as 1.2.3rc1)';
        warnings.push(`${spec.source}: "${raw}" is not ${what}, so this rule gives no tag.`);
        return undefined;
      }
      const semverVars: TemplateVars = {
        raw: () => raw,
        version: () => v.version,
        major: () => v.major,
        minor: () => v.minor,
        patch: () => v.patch,
      };
      // Pre-releases only ever get their full version: `{{major}}` of 2.0.0-rc.1 must not move `2`.
      if (v.special)
        return { value: /^\s*\{\{\s*raw\s*\}\}\s*$/.test(a.pattern) ? raw : v.version, movesLatest: false };
      return { value: renderTemplate(a.pattern, semverVars), movesLatest: true };
    }
    case 'match': {
      const raw = a.value ? renderTemplate(a.value, vars) : gitTag;
      if (raw === undefined) return undefined;
      const m = matchRegex(a.pattern).exec(raw);
      const group = m?.[Number(a.group)];
      if (group === undefined) {
        warnings.push(
          `${spec.source}: ${m ? `group ${a.group} is not in the match of` : 'pattern does not match'} "${raw}", so this rule gives no tag.`,
        );
        return undefined;
      }
      return { value: group, movesLatest: true };
    }
    case 'edge':
      if (!branch || branch !== (a.branch || ctx.defaultBranch)) return undefined;
      return { value: 'edge', movesLatest: false };
    case 'ref':
      if (a.event === 'branch') return branch === undefined ? undefined : { value: branch, movesLatest: false };
      if (a.event === 'tag') return gitTag === undefined ? undefined : { value: gitTag, movesLatest: true };
      {
        const pr =
          /^refs\/pull\/(\d+)\//.exec(ctx.ref)?.[1] ??
          (ctx.eventName.startsWith('pull_request') && ctx.prNumber !== undefined ? String(ctx.prNumber) : undefined);
        return pr === undefined ? undefined : { value: pr, movesLatest: false };
      }
    case 'raw':
      return { value: renderTemplate(a.value, vars), movesLatest: false };
    case 'sha':
      if (!ctx.sha) return undefined;
      return { value: a.format === 'long' ? ctx.sha : ctx.sha.slice(0, SHORT_SHA_LENGTH), movesLatest: false };
  }
}

/** The version a semver/pep440 rule reads: its value or the git tag, through `match=` (group 1) when given. */
function versionSource(spec: TagSpec, value: string | undefined, warnings: string[]): string | undefined {
  if (value === undefined) return undefined;
  let raw = value;
  if (spec.attrs.match) {
    const m = matchRegex(spec.attrs.match).exec(raw);
    if (m?.[1] !== undefined) raw = m[1];
    else
      warnings.push(
        `${spec.source}: match=${spec.attrs.match} does not match "${raw}", so the whole of it is read as the version.`,
      );
  }
  return raw.replace(/\//g, '-');
}

interface VersionParts {
  version: string;
  major: string;
  minor: string;
  patch: string;
  /** A pre-release (or, for PEP 440, a post- or dev release). */
  special: boolean;
}

function semverParts(raw: string): VersionParts | undefined {
  const v = parseSemver(raw);
  if (!v) return undefined;
  const version = `${v.major}.${v.minor}.${v.patch}${v.prerelease ? `-${v.prerelease}` : ''}`;
  return { version, major: v.major, minor: v.minor, patch: v.patch, special: v.prerelease !== undefined };
}

function pep440Parts(raw: string): VersionParts | undefined {
  const v = parsePep440(raw);
  if (!v) return undefined;
  const [major, minor = 0, patch = 0] = v.release;
  return {
    version: formatPep440(v),
    major: String(major),
    minor: String(minor),
    patch: String(patch),
    special: isPep440Special(v),
  };
}

/** `{{date}}` and `{{commit_date}}`: a format in quotes; without one (or unquoted), ISO 8601 as metadata-action. */
function dateVars(ctx: RunContext, now: Date): TemplateVars {
  const commit = ctx.commitTime ? new Date(ctx.commitTime) : now;
  const format = (date: Date, c: TemplateCall) =>
    c.arg === undefined && c.bare !== undefined
      ? formatIsoDate(date, c.tz)
      : formatDate(date, c.arg ?? 'YYYYMMDD', c.tz);
  return {
    date: (c) => format(now, c),
    commit_date: (c) => format(Number.isNaN(commit.getTime()) ? now : commit, c),
  };
}

/**
 * Events that always run on the default branch's last commit, whatever their ref says (metadata-action's
 * list): `{{is_default_branch}}` is true for them.
 */
const DEFAULT_BRANCH_EVENTS = /create|discussion|issues|schedule/;

export function isDefaultBranch(ctx: Pick<RunContext, 'ref' | 'defaultBranch' | 'eventName'>): boolean {
  const branch = branchOf(ctx.ref);
  if (branch !== undefined && branch === ctx.defaultBranch) return true;
  // A pull request is never the default branch (pull_request_target runs on refs/pull/N/merge too).
  return !ctx.ref.startsWith('refs/pull/') && DEFAULT_BRANCH_EVENTS.test(ctx.eventName);
}

/** The expressions every rule attribute and label may use. */
export function globalVars(ctx: RunContext, now: Date): TemplateVars {
  const branch = branchOf(ctx.ref);
  return {
    ...dateVars(ctx, now),
    branch: () => branch ?? '',
    tag: () => tagOf(ctx.ref) ?? '',
    sha: () => ctx.sha.slice(0, SHORT_SHA_LENGTH),
    // Set only on pull requests (the branch they merge into) and tag pushes whose payload names a branch.
    base_ref: () => ctx.baseRef ?? '',
    is_default_branch: () => String(isDefaultBranch(ctx)),
    is_not_default_branch: () => String(!isDefaultBranch(ctx)),
  };
}

/**
 * An unquoted `{{commit_date YYYY-MM-DD}}` in `value` (a rule attribute or a label, named by `where`):
 * metadata-action reads no format there, and neither do we; a warning for each.
 */
export function unquotedWarnings(where: string, value: string): string[] {
  return bareArguments(value).map(
    (bare) =>
      `${where} has {{… ${bare}}} with an unquoted format, which is read as no format (ISO 8601, as metadata-action does); write it in quotes, e.g. {{commit_date '${bare}'}}.`,
  );
}

export interface Semver {
  major: string;
  minor: string;
  patch: string;
  prerelease?: string;
}

/** `1.2.3`, `v1.2.3`, `1.2.3-rc.1+build`; undefined for anything else. */
export function parseSemver(text: string): Semver | undefined {
  const m =
    /^[v=]?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/.exec(
      text.trim(),
    );
  return m ? { major: m[1], minor: m[2], patch: m[3], prerelease: m[4] } : undefined;
}

/** A release marked pre-release, or a git tag whose semver has a pre-release part. */
export function isPrerelease(ctx: RunContext): boolean {
  const tag = tagOf(ctx.ref);
  return ctx.prerelease === true || (tag !== undefined && parseSemver(tag)?.prerelease !== undefined);
}

/** `/re/flags` or a bare pattern, as metadata-action's `type=match` accepts. */
function matchRegex(pattern: string): RegExp {
  const slashed = /^\/(.+)\/([a-z]*)$/.exec(pattern);
  return slashed ? new RegExp(slashed[1], slashed[2]) : new RegExp(pattern);
}

function listLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** CSV fields of one rule line (empty ones dropped); an unclosed quote is an error. */
function splitCsv(line: string): string[] {
  const { fields, unclosed } = splitFields(line, ',');
  if (unclosed) throw new ReproError(`"${line}" has an unclosed double quote.`, { fix: TAG_FIX });
  return fields.filter((f) => f !== '');
}
