/**
 * A Dockerfile parser, pure: text in, instructions with line numbers out. It follows BuildKit's
 * dockerfile/parser: parser directives at the very top (`# syntax=`, `# escape=`, `# check=`), the escape
 * character for line continuations, comment lines dropped (inside continuations too), leading `--flags`
 * split off RUN/COPY/ADD/FROM, exec form (JSON array) recognized, heredocs (`<<EOF`) kept whole. Used by
 * the cache-mount discovery and the lint; nothing here reads files or runs anything.
 */
import { splitDelimited } from '../util/text.js';
import { closedScope, expandWord, type Scope } from './expand.js';

export type { Scope } from './expand.js';

export interface Directive {
  name: string;
  value: string;
  line: number;
}

export interface Flag {
  /** Without the leading dashes: `mount`, `from`, `chown`, `platform`. */
  name: string;
  /** Undefined for a bare flag such as `--link`. Quotes removed. */
  value?: string;
  /** As written, e.g. `--mount=type=cache,target=/root/.cache/pip`. */
  raw: string;
}

export interface Heredoc {
  /** The delimiter word, e.g. `EOF`. */
  name: string;
  /** Lines between the opening line and the delimiter, joined with `\n`. */
  content: string;
  /** `<<-EOF`: leading tabs are stripped from each line. */
  chomp: boolean;
}

export interface Instruction {
  /** Upper-cased keyword: `FROM`, `RUN`, `COPY`... */
  keyword: string;
  /** Everything after the keyword, continuation lines joined (escape + newline removed), trimmed. */
  args: string;
  /** Leading `--name[=value]` flags (only for keywords that take them). */
  flags: Flag[];
  /** `args` without the flags. */
  body: string;
  /** The body parsed as an exec-form JSON array of strings, when it is one. */
  json?: string[];
  heredocs: Heredoc[];
  /** 1-based line of the keyword, and the last line the instruction covers (heredocs included). */
  line: number;
  endLine: number;
  /** Index of the stage it belongs to; -1 for instructions before the first FROM (global ARGs). */
  stage: number;
}

export interface Stage {
  index: number;
  /** `AS name`, lower-cased as BuildKit compares stage names. */
  name?: string;
  /** The image or stage named by FROM, as written (ARGs not expanded). */
  from: string;
  platform?: string;
  line: number;
  instructions: Instruction[];
}

/** What BuildKit would refuse to build, with the line it names. */
export interface ParseError {
  line: number;
  message: string;
}

export interface Dockerfile {
  directives: Directive[];
  /** Errors BuildKit's parser and instruction reader give for this text (the build would stop there). */
  errors: ParseError[];
  escape: '\\' | '`';
  instructions: Instruction[];
  stages: Stage[];
  /** Comment lines (not directives), with their text after `#`. */
  comments: { line: number; text: string }[];
}

/** Keywords that accept leading `--flags` (BuildKit's own list, plus HEALTHCHECK's options). */
const FLAG_KEYWORDS = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'HEALTHCHECK']);
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);
const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;

const DIRECTIVES = new Set(['syntax', 'escape', 'check']);

/**
 * Parsed Dockerfiles by their text: a run's cache, lint, build and record stages each ask for the same
 * Dockerfile, and it is parsed once. Frozen, so no stage can change what another reads.
 */
const parsed = new Map<string, Dockerfile>();
const KEEP_PARSED = 32;

/** Parses a Dockerfile; the same text gives the same (frozen) result, parsed once. */
export function parseDockerfile(text: string): Dockerfile {
  let df = parsed.get(text);
  if (!df) {
    df = deepFreeze(parseText(text));
    if (parsed.size >= KEEP_PARSED) parsed.delete(parsed.keys().next().value!);
    parsed.set(text, df);
  }
  return df;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

function parseText(text: string): Dockerfile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const out: Dockerfile = { directives: [], errors: [], escape: '\\', instructions: [], stages: [], comments: [] };
  const fail = (line: number, message: string) => out.errors.push({ line, message });

  let i = 0;
  // Parser directives, as BuildKit reads them: `# name=value` lines at the very top; the first line that is
  // not one of its known directives (syntax, escape, check) ends them, an unknown `# name=value` included.
  for (; i < lines.length; i++) {
    const line = lines[i].trimStart();
    const m = line.startsWith('#') ? DIRECTIVE.exec(line) : null;
    const name = m?.[1].toLowerCase();
    if (!m || !name || !DIRECTIVES.has(name)) break;
    if (out.directives.some((d) => d.name === name)) {
      fail(i + 1, `only one ${name} parser directive can be used`);
      i++;
      break;
    }
    out.directives.push({ name, value: m[2], line: i + 1 });
    if (name !== 'escape') continue;
    if (m[2] === '`' || m[2] === '\\') out.escape = m[2];
    else fail(i + 1, `invalid escape token '${m[2]}' does not match \` or \\`);
  }
  const esc = out.escape === '`' ? '`' : '\\\\';
  // BuildKit's rule: the escape character, last but for spaces or tabs, continues the line, unless an
  // escape character precedes it (`\\` at the end is an escaped backslash).
  const continuation = new RegExp(`(?:([^${esc}])${esc}|^${esc})[ \\t]*$`);
  const isComment = (s: string) => s.trimStart().startsWith('#');

  let stage = -1;
  while (i < lines.length) {
    const first = lines[i].trimStart();
    if (first === '' || first.startsWith('#')) {
      if (first.startsWith('#')) out.comments.push({ line: i + 1, text: first.slice(1).trim() });
      i++;
      continue;
    }
    const start = i;
    // Join continuation lines; comment lines and blank lines inside a continuation are skipped.
    let logical = '';
    let cur = first;
    for (;;) {
      const m = continuation.exec(cur);
      if (!m) {
        logical += cur;
        break;
      }
      logical += cur.slice(0, m.index) + (m[1] ?? '');
      i++;
      while (i < lines.length && (lines[i].trim() === '' || isComment(lines[i]))) i++;
      if (i >= lines.length) break;
      cur = lines[i];
    }
    const end = Math.min(i, lines.length - 1);
    i = end + 1;

    const m = /^\s*(\S+)\s*(.*)$/s.exec(logical)!;
    const keyword = m[1].toUpperCase();
    const args = m[2].trim();
    const { flags, rest } = FLAG_KEYWORDS.has(keyword) ? splitFlags(args) : { flags: [], rest: args };
    const heredocs: Heredoc[] = [];
    let endLine = end + 1;
    if (HEREDOC_KEYWORDS.has(keyword) && logical.includes('<<')) {
      for (const h of heredocNames(logical)) {
        const body: string[] = [];
        let closed = false;
        while (i < lines.length) {
          const l = lines[i++];
          const candidate = h.chomp ? l.replace(/^\t+/, '') : l;
          if (candidate === h.name) {
            closed = true;
            break;
          }
          body.push(candidate);
        }
        if (!closed) fail(start + 1, `unterminated heredoc: no line \`${h.name}\` ends it`);
        heredocs.push({ name: h.name, chomp: h.chomp, content: body.join('\n') });
        endLine = i;
      }
    }
    if (keyword === 'FROM') stage++;
    else if (stage < 0 && keyword !== 'ARG')
      fail(start + 1, `no build stage in current context: ${keyword} comes before the first FROM`);
    const instr: Instruction = { keyword, args, flags, body: rest, heredocs, line: start + 1, endLine, stage };
    const json = parseJsonArray(rest);
    if (json === 'not strings') fail(start + 1, `${keyword}: a JSON array must hold strings only`);
    else if (json) instr.json = json;
    const problem = keyValueProblem(keyword, rest);
    if (problem) fail(start + 1, problem);
    out.instructions.push(instr);
    if (keyword === 'FROM') {
      const words = splitWords(rest);
      const asAt = words.findIndex((w) => w.toLowerCase() === 'as');
      out.stages.push({
        index: stage,
        from: words[0] ?? '',
        name: asAt > 0 && words[asAt + 1] ? words[asAt + 1].toLowerCase() : undefined,
        platform: flags.find((f) => f.name === 'platform')?.value,
        line: start + 1,
        instructions: [instr],
      });
    } else if (stage >= 0) {
      out.stages[stage].instructions.push(instr);
    }
  }
  if (out.instructions.length === 0) fail(Math.max(lines.length, 1), 'file with no instructions');
  return out;
}

/** ENV and LABEL, as BuildKit's parser reads them: `KEY value` (legacy) or `KEY=value ...`, nothing else. */
function keyValueProblem(keyword: string, rest: string): string | undefined {
  if (keyword !== 'ENV' && keyword !== 'LABEL') return undefined;
  const words = splitWords(rest, true);
  if (words.length === 0) return undefined;
  if (!words[0].includes('=')) {
    return /\s/.test(rest) ? undefined : `${keyword} must have two arguments: \`${keyword} ${rest}=value\``;
  }
  const bad = words.find((w) => !w.includes('='));
  if (bad !== undefined)
    return `${keyword}: can't find = in "${bad}"; write \`name=value\` (quote a value with spaces)`;
  if (words.some((w) => w.startsWith('='))) return `${keyword} names can not be blank`;
  return undefined;
}

/** Splits leading `--name[=value]` words off an instruction's arguments. Quotes inside a flag are honoured. */
export function splitFlags(args: string): { flags: Flag[]; rest: string } {
  const flags: Flag[] = [];
  let pos = 0;
  for (;;) {
    while (pos < args.length && /\s/.test(args[pos])) pos++;
    if (!args.startsWith('--', pos)) break;
    const start = pos;
    let quote = '';
    let word = '';
    for (; pos < args.length; pos++) {
      const c = args[pos];
      if (quote) {
        if (c === quote) quote = '';
        else word += c;
      } else if (c === '"' || c === "'") quote = c;
      else if (/\s/.test(c)) break;
      else word += c;
    }
    const raw = args.slice(start, pos);
    const eq = word.indexOf('=');
    flags.push(eq < 0 ? { name: word.slice(2), raw } : { name: word.slice(2, eq), value: word.slice(eq + 1), raw });
  }
  return { flags, rest: args.slice(pos).trim() };
}

/**
 * The words of a COPY or ADD that copies from the build context: its sources, then its destination.
 * Undefined for any other instruction, a `--from` copy or a heredoc.
 */
export function contextCopyWords(i: Instruction): string[] | undefined {
  if (i.keyword !== 'COPY' && i.keyword !== 'ADD') return undefined;
  if (i.heredocs.length > 0 || i.flags.some((f) => f.name === 'from')) return undefined;
  return i.json ?? splitWords(i.body);
}

/** Words separated by whitespace, with single and double quotes grouping (removed, unless `raw`). */
export function splitWords(s: string, raw = false): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote = '';
  for (const c of s) {
    if (quote) {
      if (c !== quote || raw) word += c;
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
      word = (word ?? '') + (raw ? c : '');
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** Exec form: a JSON array of strings; a JSON array holding anything else is an error in BuildKit. */
function parseJsonArray(s: string): string[] | 'not strings' | undefined {
  if (!s.startsWith('[')) return undefined;
  try {
    const v: unknown = JSON.parse(s);
    if (!Array.isArray(v)) return undefined;
    return v.every((x) => typeof x === 'string') ? (v as string[]) : 'not strings';
  } catch {
    return undefined;
  }
}

/**
 * Heredocs in a RUN/COPY/ADD line, found as BuildKit finds them: among the line's words (quotes kept), each
 * one that is `[fd]<<[-]WORD` (`<<EOF`, `<<-EOF`, `2<<"END-SCRIPT"`); a quoted `"<<EOF"` is a plain word.
 */
function heredocNames(line: string): { name: string; chomp: boolean }[] {
  const out: { name: string; chomp: boolean }[] = [];
  for (const word of splitWords(line, true)) {
    const m = /^\d*<<(-?)\s*([^<]*)$/.exec(word);
    const name = m?.[2].replace(/\\(.)/g, '$1').replace(/["']/g, '');
    if (m && name) out.push({ name, chomp: m[1] === '-' });
  }
  return out;
}

export type MountType = 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh';

/** A `RUN --mount` flag with BuildKit's defaults and aliases resolved. */
export interface RunMount {
  /** Lower-cased, as BuildKit compares it. */
  type: MountType | string;
  target?: string;
  source?: string;
  /**
   * Cache mounts: the id, defaulting to the target cleaned (`path.Clean`) as BuildKit does. Secret mounts:
   * the id, defaulting to the target's last element (and the target to `/run/secrets/<id>`); ssh: `default`.
   */
  id?: string;
  from?: string;
  sharing?: 'shared' | 'private' | 'locked' | string;
  readonly: boolean;
  uid?: number;
  gid?: number;
  /** Octal string as written, e.g. `0755`. */
  mode?: string;
  raw: string;
  /** Names the values use that only the base image (its ENV) could set: the mount's real values are unknown. */
  unresolved?: string[];
  /** What BuildKit refuses in this mount (the build stops there). */
  error?: string;
}

const MOUNT_KEYS = new Set([
  'type',
  'from',
  'source',
  'src',
  'target',
  'dst',
  'destination',
  'readonly',
  'ro',
  'readwrite',
  'rw',
  'id',
  'sharing',
  'required',
  'size',
  'mode',
  'uid',
  'gid',
  'env',
]);
const MOUNT_TYPES = new Set(['bind', 'cache', 'tmpfs', 'secret', 'ssh']);
const SHARING = new Set(['shared', 'private', 'locked']);

/** The `--mount` flags of a RUN instruction, their values expanded in `scope` (the RUN's own position). */
export function runMounts(instr: Instruction, scope: Scope = closedScope()): RunMount[] {
  if (instr.keyword !== 'RUN') return [];
  return instr.flags
    .filter((f) => f.name === 'mount' && f.value !== undefined)
    .map((f) => runMount(f.value!, f.raw, scope));
}

/** One `--mount` value, read as BuildKit's instruction parser does: CSV fields, each value expanded. */
export function runMount(value: string, raw = `--mount=${value}`, scope: Scope = closedScope()): RunMount {
  const kv: Record<string, string> = {};
  const unresolved: string[] = [];
  let error: string | undefined;
  for (const field of splitDelimited(value, ',')) {
    if (field === '') continue;
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    if (!MOUNT_KEYS.has(key)) error ??= `unexpected key '${key}' in '${field}'`;
    if (eq < 0) {
      if (['readonly', 'ro', 'readwrite', 'rw', 'required'].includes(key)) kv[key] = 'true';
      else error ??= `invalid field '${field}' must be a key=value pair`;
      continue;
    }
    const e = expandWord(field.slice(eq + 1), scope);
    for (const n of e.unresolved) if (!unresolved.includes(n)) unresolved.push(n);
    kv[key] = e.value;
  }
  const pick = (...keys: string[]) => keys.map((k) => kv[k]).find((v) => v !== undefined);
  const type = (pick('type') ?? 'bind').toLowerCase();
  if (!MOUNT_TYPES.has(type)) error ??= `unsupported mount type "${pick('type')}"`;
  const target = pick('target', 'dst', 'destination');
  const num = (v: string | undefined) => (v === undefined || !/^\d+$/.test(v) ? undefined : Number(v));
  const bool = (v: string | undefined) => v !== undefined && ['1', 't', 'true'].includes(v.toLowerCase());
  const ro = pick('readonly', 'ro');
  const rw = pick('rw', 'readwrite');
  const mount: RunMount = {
    type,
    target,
    source: pick('source', 'src'),
    from: pick('from'),
    // Bind, secret and ssh mounts are read-only unless `rw`; cache and tmpfs are writable unless `ro`.
    readonly: ro !== undefined ? bool(ro) : rw !== undefined ? !bool(rw) : type !== 'cache' && type !== 'tmpfs',
    raw,
  };
  if (type === 'secret') {
    // Measured on dockerd 28.5: `dst=/root/.netrc` reads the secret `.netrc`; `id=TOKEN` lands in /run/secrets/TOKEN.
    mount.id = pick('id') || (target === undefined ? undefined : cleanPath(target).split('/').pop());
    if (mount.id === undefined) error ??= 'one of id or target is required for a secret mount';
    else mount.target ??= `/run/secrets/${mount.id}`;
  }
  if (type === 'ssh') mount.id = pick('id') || 'default';
  if (type === 'cache') {
    mount.id = pick('id') || (target === undefined ? undefined : cleanPath(target));
    mount.sharing = (pick('sharing') ?? 'shared').toLowerCase();
    if (!SHARING.has(mount.sharing)) error ??= `unsupported sharing value "${pick('sharing')}"`;
  }
  for (const key of ['uid', 'gid'] as const) {
    const v = pick(key);
    const n = num(v);
    if (n !== undefined) mount[key] = n;
    else if (v !== undefined && !unresolved.length) error ??= `invalid value ${v} for ${key}`;
  }
  const mode = pick('mode');
  if (mode !== undefined) mount.mode = mode;
  if (unresolved.length) mount.unresolved = unresolved;
  if (error) mount.error = error;
  return mount;
}

/** Go's `path.Clean`, which BuildKit applies to a cache mount's target to make its default id. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
    } else parts.push(part);
  }
  const joined = parts.join('/');
  return rooted ? '/' + joined : joined || '.';
}

/**
 * Expands `$NAME`, `${NAME}` and the other forms BuildKit knows, with `vars` as the only names set.
 * Unknown names expand to the empty string; `\$` stays a literal `$`.
 */
export function expandVars(s: string, vars: Record<string, string>): string {
  return expandWord(s, closedScope(vars)).value;
}

/** The build platform's predefined ARGs (BuildKit sets them; a stage sees them once it declares them). */
export function platformArgs(arch: string = process.arch): Record<string, string> {
  const goArch =
    (
      { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x' } as Record<
        string,
        string
      >
    )[arch] ?? arch;
  const platform = `linux/${goArch}`;
  const out: Record<string, string> = {};
  for (const p of ['TARGET', 'BUILD']) {
    Object.assign(out, { [`${p}PLATFORM`]: platform, [`${p}OS`]: 'linux', [`${p}ARCH`]: goArch, [`${p}VARIANT`]: '' });
  }
  return out;
}

/**
 * The scope each instruction of each stage is expanded in, as BuildKit builds it: global ARGs only where a
 * stage redeclares them, ARG and ENV from their own line on, ENV inherited through `FROM <earlier stage>`,
 * build args over ARG defaults, and the platform ARGs. A stage that starts from an image is `open`: a name
 * the Dockerfile never sets may come from that image's ENV, so it is reported, never taken as empty.
 */
export function instructionScopes(
  df: Dockerfile,
  buildArgs: Record<string, string> = {},
  platform = platformArgs(),
): Map<Instruction, Scope> {
  const globals = globalArgs(df, buildArgs);
  const byInstr = new Map<Instruction, Scope>();
  const finals: ScopeWithEnv[] = [];
  for (const stage of df.stages) {
    const from = expandVars(stage.from, globals).toLowerCase();
    const parent = df.stages.find((s) => s.index < stage.index && s.name === from);
    const inherited = parent ? finals[parent.index] : undefined;
    // ENV carries over from a parent stage; ARGs do not.
    const open = inherited ? inherited.open : from !== 'scratch';
    let scope: ScopeWithEnv = { vars: {}, unknown: new Set(), open, env: new Set(inherited?.env ?? []) };
    if (inherited) {
      for (const [k, v] of Object.entries(inherited.vars)) if (inherited.env.has(k)) scope.vars[k] = v;
      for (const k of inherited.unknown) if (inherited.env.has(k)) scope.unknown.add(k);
    }
    for (const instr of stage.instructions) {
      byInstr.set(instr, scope);
      if (instr.keyword !== 'ARG' && instr.keyword !== 'ENV') continue;
      const next: ScopeWithEnv = {
        vars: { ...scope.vars },
        unknown: new Set(scope.unknown),
        open,
        env: new Set(scope.env),
      };
      for (const [name, raw] of keyValuePairs(instr.body, instr.keyword, true)) {
        let value: string | undefined;
        let unresolvedBy: string[] = [];
        if (instr.keyword === 'ARG') {
          next.env.delete(name);
          if (name in buildArgs) value = buildArgs[name];
          else if (raw === undefined) value = globals[name] ?? platform[name] ?? '';
          else ({ value, unresolved: unresolvedBy } = expandWord(raw, scope, df.escape));
        } else {
          next.env.add(name);
          ({ value, unresolved: unresolvedBy } = expandWord(raw ?? '', scope, df.escape));
        }
        next.vars[name] = value ?? '';
        if (unresolvedBy.length) next.unknown.add(name);
        else next.unknown.delete(name);
      }
      scope = next;
    }
    finals[stage.index] = scope;
  }
  return byInstr;
}

interface ScopeWithEnv extends Scope {
  unknown: Set<string>;
  /** Names set by ENV (the ones a child stage inherits). */
  env: Set<string>;
}

/**
 * `NAME[=value]` pairs of an ARG, or the `NAME=value` pairs of an ENV or LABEL, whose legacy `NAME value`
 * form takes the rest of the line as written. Values keep their quotes when `raw` (to expand them later).
 */
export function keyValuePairs(body: string, keyword: string, raw = false): [string, string | undefined][] {
  const words = splitWords(body, raw);
  const first = splitWords(body, true)[0];
  if (keyword !== 'ARG' && first !== undefined && !first.includes('='))
    return [[words[0], body.trim().slice(first.length).trim()]];
  return words.map((w) => {
    const eq = w.indexOf('=');
    return eq < 0 ? [w, undefined] : [w.slice(0, eq), w.slice(eq + 1)];
  });
}

/** Global ARGs (before the first FROM): defaults, overridden by build args. Used to expand FROM lines. */
export function globalArgs(df: Dockerfile, buildArgs: Record<string, string> = {}): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const instr of df.instructions) {
    if (instr.stage >= 0) break;
    if (instr.keyword !== 'ARG') continue;
    for (const w of splitWords(instr.body)) {
      const eq = w.indexOf('=');
      const name = eq < 0 ? w : w.slice(0, eq);
      const value = buildArgs[name] ?? (eq < 0 ? undefined : expandVars(w.slice(eq + 1), vars));
      if (value !== undefined) vars[name] = value;
    }
  }
  return vars;
}

/**
 * The external image a stage starts from, following `FROM <earlier stage>` chains; undefined for
 * `scratch` (or a chain ending there).
 */
export function baseImage(df: Dockerfile, stage: Stage, buildArgs: Record<string, string> = {}): string | undefined {
  const globals = globalArgs(df, buildArgs);
  let cur: Stage | undefined = stage;
  for (let hops = 0; cur && hops <= df.stages.length; hops++) {
    const from = expandVars(cur.from, globals);
    const prev: Stage | undefined = df.stages.find((s) => s.index < cur!.index && s.name === from.toLowerCase());
    if (!prev) return from.toLowerCase() === 'scratch' ? undefined : from;
    cur = prev;
  }
  return undefined;
}
