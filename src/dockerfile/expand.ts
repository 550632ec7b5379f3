/**
 * Variable expansion in a Dockerfile word, as BuildKit's shell lexer does it (frontend/dockerfile/shell):
 * `$V`, `${V}`, the `-`, `:-`, `+`, `:+`, `?`, `:?` forms, prefix and suffix removal (`#`, `##`, `%`, `%%`)
 * with glob patterns, and `/pat/repl`, `//pat/repl`. Quotes are removed, `'...'` is literal, the escape
 * character escapes the next character. Pure: a scope in, a string and what it could not know out.
 */

/** What a word is expanded against at one point of a Dockerfile. */
export interface Scope {
  /** Names set by ARG or ENV up to this point (an unset ARG is the empty string, as in BuildKit). */
  vars: Record<string, string>;
  /** Names whose value depends on what only the base image knows (its ENV), or that a build arg did not set. */
  unknown: ReadonlySet<string>;
  /** The stage starts from an image: names set nowhere in the Dockerfile may come from its config. */
  open: boolean;
}

export interface Expanded {
  value: string;
  /** Names used that this scope cannot know (see Scope.unknown and Scope.open). */
  unresolved: string[];
}

export const closedScope = (vars: Record<string, string> = {}): Scope => ({ vars, unknown: new Set(), open: false });

/** Expands one word; `\$` and `'$'` stay literal. Unknown names expand to the empty string and are listed. */
export function expandWord(word: string, scope: Scope, escape = '\\'): Expanded {
  const unresolved: string[] = [];
  const lookup = (name: string): string | undefined => {
    if (name in scope.vars && !scope.unknown.has(name)) return scope.vars[name];
    if ((scope.unknown.has(name) || scope.open) && !unresolved.includes(name)) unresolved.push(name);
    return undefined;
  };
  const isSet = (name: string) => name in scope.vars || scope.unknown.has(name);
  let out = '';
  let i = 0;
  const variable = (): string => {
    // At a `$`.
    i++;
    if (word[i] === '{') {
      const close = matchingBrace(word, i);
      const inner = word.slice(i + 1, close < 0 ? word.length : close);
      i = close < 0 ? word.length : close + 1;
      return braced(inner, lookup, isSet, scope, escape, unresolved);
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(word.slice(i));
    if (!m) return '$';
    i += m[0].length;
    return lookup(m[0]) ?? '';
  };
  while (i < word.length) {
    const c = word[i];
    if (c === escape) {
      out += word[i + 1] ?? '';
      i += 2;
    } else if (c === "'") {
      const end = word.indexOf("'", i + 1);
      out += word.slice(i + 1, end < 0 ? word.length : end);
      i = end < 0 ? word.length : end + 1;
    } else if (c === '"') {
      i++;
      while (i < word.length && word[i] !== '"') {
        if (word[i] === '$') out += variable();
        else if (word[i] === escape && ['"', '$', escape].includes(word[i + 1])) {
          out += word[i + 1];
          i += 2;
        } else out += word[i++];
      }
      i++;
    } else if (c === '$') out += variable();
    else out += word[i++];
  }
  return { value: out, unresolved };
}

function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function braced(
  inner: string,
  lookup: (name: string) => string | undefined,
  isSet: (name: string) => boolean,
  scope: Scope,
  escape: string,
  unresolved: string[],
): string {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(.*)$/s.exec(inner);
  if (!m) return '';
  const [, name, rest] = m;
  const value = lookup(name);
  const sub = (w: string) => {
    const e = expandWord(w, scope, escape);
    for (const n of e.unresolved) if (!unresolved.includes(n)) unresolved.push(n);
    return e.value;
  };
  if (rest === '') return value ?? '';
  const op = /^(:?[-+?]|##?|%%?|\/\/?)(.*)$/s.exec(rest);
  if (!op) return value ?? '';
  const [, kind, arg] = op;
  const nonEmpty = value !== undefined && value !== '';
  switch (kind) {
    case ':-':
      return nonEmpty ? value : sub(arg);
    case '-':
      return isSet(name) ? (value ?? '') : sub(arg);
    case ':+':
      return nonEmpty ? sub(arg) : '';
    case '+':
      return isSet(name) ? sub(arg) : '';
    case ':?':
    case '?':
      return value ?? '';
    case '#':
    case '##':
      return removeAffix(value ?? '', sub(arg), 'prefix', kind === '##');
    case '%':
    case '%%':
      return removeAffix(value ?? '', sub(arg), 'suffix', kind === '%%');
    default: {
      const slash = arg.search(new RegExp(`(?<!${escape === '\\' ? '\\\\' : escape})/`));
      const pattern = sub(slash < 0 ? arg : arg.slice(0, slash));
      const repl = slash < 0 ? '' : sub(arg.slice(slash + 1));
      if (pattern === '') return value ?? '';
      return (value ?? '').replace(new RegExp(globSource(pattern, true), kind === '//' ? 'g' : ''), () => repl);
    }
  }
}

/** Shell glob (`*`, `?`, `[...]`) as a regex source; `greedy` decides how `*` matches. */
function globSource(glob: string, greedy: boolean): string {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') re += greedy ? '.*' : '.*?';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re +=
          '[' +
          glob
            .slice(i + 1, end)
            .replace(/^!/, '^')
            .replace(/\\/g, '\\\\') +
          ']';
        i = end;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return re;
}

function removeAffix(value: string, pattern: string, side: 'prefix' | 'suffix', longest: boolean): string {
  if (side === 'prefix') {
    const m = new RegExp('^(?:' + globSource(pattern, longest) + ')', 's').exec(value);
    return m ? value.slice(m[0].length) : value;
  }
  // Suffix: try each start position, from the end for the shortest match, from the start for the longest.
  const re = new RegExp('^(?:' + globSource(pattern, true) + ')$', 's');
  const starts = [...Array(value.length + 1).keys()];
  for (const start of longest ? starts : starts.reverse())
    if (re.test(value.slice(start))) return value.slice(0, start);
  return value;
}
