/**
 * .dockerignore semantics, pure: patterns as Docker reads them (Go filepath.Match plus `**`, `!`
 * exceptions, the last matching pattern wins, a match on a folder excludes what is under it).
 */

export interface IgnorePattern {
  text: string;
  line: number;
  negate: boolean;
  regex: RegExp;
}

export function parseDockerignore(text: string): IgnorePattern[] {
  const out: IgnorePattern[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    let p = raw.trim();
    if (p === '' || p.startsWith('#')) return;
    const negate = p.startsWith('!');
    if (negate) p = p.slice(1).trim();
    // Docker cleans each pattern: leading `/` and `./`, trailing `/` do not matter.
    p = p.replace(/^(\.?\/)+/, '').replace(/\/+$/, '');
    if (p === '' || p === '.') return;
    out.push({ text: raw.trim(), line: i + 1, negate, regex: globRegex(p) });
  });
  return out;
}

/** A pattern as Go's filepath.Match reads it (plus `**`), as a regex over `/`-separated paths. */
export function globRegex(p: string): RegExp {
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*' && p[i + 1] === '*') {
      // `**/` matches any number of folders, including none.
      if (p[i + 2] === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = p.indexOf(']', i);
      if (end < 0) re += '\\[';
      else {
        re += `[${p
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < p.length) re += `\\${p[++i]}`;
    else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Whether a context path (relative, `/`-separated) is excluded from the build context. */
export function isIgnored(patterns: IgnorePattern[], rel: string): boolean {
  const parts = rel.split('/').filter(Boolean);
  let ignored = false;
  for (const pat of patterns) {
    // A pattern matching the path itself or any folder above it.
    let hit = false;
    for (let n = 1; n <= parts.length && !hit; n++) hit = pat.regex.test(parts.slice(0, n).join('/'));
    if (hit) ignored = !pat.negate;
  }
  return ignored;
}
