/**
 * A Dockerfile parser, pure: text in, instructions with line numbers out. It follows BuildKit's
 * dockerfile/parser: parser directives at the very top (`# syntax=`, `# escape=`, `# check=`), the escape
 * character for line continuations, comment lines dropped (inside continuations too), leading `--flags`
 * split off RUN/COPY/ADD/FROM, exec form (JSON array) recognized, heredocs (`<<EOF`) kept whole. Used by
 * the cache-mount discovery and the lint; nothing here reads files or runs anything.
 */
import { splitDelimited } from '../util/text.js';

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

export interface Dockerfile {
  directives: Directive[];
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

export function parseDockerfile(text: string): Dockerfile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const out: Dockerfile = { directives: [], escape: '\\', instructions: [], stages: [], comments: [] };

  let i = 0;
  // Parser directives: only at the very top; the first non-directive line (blank, comment or instruction) ends them.
  for (; i < lines.length; i++) {
    const m = DIRECTIVE.exec(lines[i].trim());
    if (!m || !lines[i].trimStart().startsWith('#')) break;
    const name = m[1].toLowerCase();
    if (out.directives.some((d) => d.name === name)) break;
    out.directives.push({ name, value: m[2], line: i + 1 });
    if (name === 'escape' && (m[2] === '`' || m[2] === '\\')) out.escape = m[2];
  }
  const esc = out.escape;
  // As BuildKit: the escape character followed only by spaces or tabs continues the line.
  const continues = (s: string) => s.replace(/[ \t]+$/, '').endsWith(esc);

  let stage = -1;
  while (i < lines.length) {
    const first = lines[i];
    const trimmed = first.trim();
    if (trimmed === '') {
      i++;
      continue;
    }
    if (trimmed.startsWith('#')) {
      out.comments.push({ line: i + 1, text: trimmed.slice(1).trim() });
      i++;
      continue;
    }
    const start = i;
    // Join continuation lines; comment lines and empty lines inside a continuation are skipped.
    let logical = '';
    let cur = first;
    for (;;) {
      if (continues(cur)) {
        logical += cur.replace(/[ \t]+$/, '').slice(0, -1);
        i++;
        while (i < lines.length && (lines[i].trim() === '' || lines[i].trim().startsWith('#'))) i++;
        if (i >= lines.length) break;
        cur = lines[i];
      } else {
        logical += cur;
        break;
      }
    }
    const end = Math.min(i, lines.length - 1);
    i = end + 1;

    const m = /^\s*(\S+)\s*(.*)$/s.exec(logical)!;
    const keyword = m[1].toUpperCase();
    const args = m[2].trim();
    const { flags, rest } = FLAG_KEYWORDS.has(keyword) ? splitFlags(args) : { flags: [], rest: args };
    const heredocs: Heredoc[] = [];
    let endLine = end + 1;
    if (HEREDOC_KEYWORDS.has(keyword)) {
      for (const h of heredocNames(rest)) {
        const body: string[] = [];
        while (i < lines.length) {
          const l = lines[i++];
          const candidate = h.chomp ? l.replace(/^\t+/, '') : l;
          if (candidate === h.name) break;
          body.push(candidate);
        }
        heredocs.push({ name: h.name, chomp: h.chomp, content: body.join('\n') });
        endLine = i;
      }
    }
    if (keyword === 'FROM') stage++;
    const instr: Instruction = { keyword, args, flags, body: rest, heredocs, line: start + 1, endLine, stage };
    const json = parseJsonArray(rest);
    if (json) instr.json = json;
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
  return out;
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

/** Words separated by whitespace, with single and double quotes grouping (and removed). */
export function splitWords(s: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote = '';
  for (const c of s) {
    if (quote) {
      if (c === quote) quote = '';
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
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

function parseJsonArray(s: string): string[] | undefined {
  if (!s.startsWith('[')) return undefined;
  try {
    const v: unknown = JSON.parse(s);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/** `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'` in a RUN/COPY/ADD line (not `<<` inside other words). */
function heredocNames(s: string): { name: string; chomp: boolean }[] {
  const out: { name: string; chomp: boolean }[] = [];
  for (const m of s.matchAll(/(?:^|\s)<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g)) out.push({ name: m[3], chomp: m[1] === '-' });
  return out;
}

/**
 * A `--mount=` value (CSV, as BuildKit reads it): `type=cache,target=/x,id=y,sharing=locked,ro`.
 * Keys are lower-cased; aliases are kept as written so callers see what the user wrote (see runMount).
 */
export function parseCsv(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of splitDelimited(value, ',')) {
    if (field === '') continue;
    const eq = field.indexOf('=');
    if (eq < 0) out[field.toLowerCase()] = 'true';
    else out[field.slice(0, eq).toLowerCase()] = field.slice(eq + 1);
  }
  return out;
}

export type MountType = 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh';

/** A `RUN --mount` flag with BuildKit's defaults and aliases resolved. */
export interface RunMount {
  type: MountType | string;
  target?: string;
  source?: string;
  /** Cache mounts: the id, defaulting to the target as BuildKit does. */
  id?: string;
  from?: string;
  sharing?: 'shared' | 'private' | 'locked' | string;
  readonly: boolean;
  uid?: number;
  gid?: number;
  /** Octal string as written, e.g. `0755`. */
  mode?: string;
  raw: string;
}

/** The `--mount` flags of a RUN instruction, with `$ARG`s in their values expanded from `vars`. */
export function runMounts(instr: Instruction, vars: Record<string, string> = {}): RunMount[] {
  if (instr.keyword !== 'RUN') return [];
  return instr.flags.filter((f) => f.name === 'mount' && f.value !== undefined).map((f) => runMount(expandVars(f.value!, vars), f.raw));
}

export function runMount(value: string, raw = `--mount=${value}`): RunMount {
  const kv = parseCsv(value);
  const pick = (...keys: string[]) => keys.map((k) => kv[k]).find((v) => v !== undefined);
  const type = pick('type') ?? 'bind';
  const target = pick('target', 'dst', 'destination');
  const num = (v: string | undefined) => (v === undefined || !/^\d+$/.test(v) ? undefined : Number(v));
  const ro = pick('readonly', 'ro');
  const rw = pick('rw', 'readwrite');
  const mount: RunMount = {
    type,
    target,
    source: pick('source', 'src'),
    from: pick('from'),
    // Bind mounts are read-only unless `rw`; the others are writable unless `ro`.
    readonly: type === 'bind' ? rw !== 'true' : ro === 'true',
    raw,
  };
  if (type === 'cache') {
    mount.id = pick('id') || target;
    mount.sharing = pick('sharing') ?? 'shared';
  }
  const uid = num(pick('uid'));
  const gid = num(pick('gid'));
  const mode = pick('mode');
  if (uid !== undefined) mount.uid = uid;
  if (gid !== undefined) mount.gid = gid;
  if (mode !== undefined) mount.mode = mode;
  return mount;
}

/**
 * Expands `$NAME`, `${NAME}`, `${NAME:-default}` and `${NAME:+alt}` as the Dockerfile frontend does.
 * Unknown names expand to the empty string; `\$` stays a literal `$`.
 */
export function expandVars(s: string, vars: Record<string, string>): string {
  return s.replace(/\\\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (all, braced?: string, op?: string, word?: string, bare?: string) => {
    if (all === '\\$') return '$';
    const name = braced ?? bare!;
    const v = vars[name];
    if (op === '-') return v ? v : word!;
    if (op === '+') return v ? word! : '';
    return v ?? '';
  });
}

/**
 * The ARG values seen by each stage: global ARGs (before the first FROM) with their defaults, overridden
 * by build args; inside a stage an ARG must be redeclared to be visible (as BuildKit scopes them).
 */
export function stageArgs(df: Dockerfile, stage: Stage, buildArgs: Record<string, string> = {}): Record<string, string> {
  const vars: Record<string, string> = {};
  const globals = globalArgs(df, buildArgs);
  for (const instr of stage.instructions) {
    if (instr.keyword === 'ARG') {
      for (const w of splitWords(instr.body)) {
        const eq = w.indexOf('=');
        const name = eq < 0 ? w : w.slice(0, eq);
        const value = buildArgs[name] ?? (eq < 0 ? globals[name] : expandVars(w.slice(eq + 1), vars));
        if (value !== undefined) vars[name] = value;
      }
    } else if (instr.keyword === 'ENV') {
      for (const w of splitWords(instr.body)) {
        const eq = w.indexOf('=');
        if (eq > 0) vars[w.slice(0, eq)] = expandVars(w.slice(eq + 1), vars);
      }
    }
  }
  return vars;
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
