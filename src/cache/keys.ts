/**
 * Cache keys for mount content. A key is `repro-ci-mount-v1-<OS>-<arch>-<id>-<identity>-<content>`:
 * the identity hashes what makes two mounts the same cache (id; uid, gid, mode when set), the content part hashes
 * the files that decide what the mount will hold (lock files, requirements). Restore keys drop the
 * content part, so a changed lock file starts from the newest older content instead of from nothing.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import path from 'node:path';

export const KEY_PREFIX = 'repro-ci-mount-v1';

/** File names that decide what a package cache holds, across ecosystems. */
const KEY_FILE =
  /^(requirements.*\.(txt|in)|constraints.*\.txt|uv\.lock|poetry\.lock|Pipfile\.lock|pdm\.lock|pixi\.lock|environment\.ya?ml|conda-lock\.ya?ml|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb|Cargo\.lock|go\.sum|Gemfile\.lock|composer\.lock|renv\.lock)$/;
const SKIP_DIR = /^(\.git|node_modules|\.venv|venv|__pycache__|\.repro-ci.*|\.tox|\.mypy_cache)$/;

export function isKeyFile(name: string): boolean {
  return KEY_FILE.test(name);
}

export interface KeyFile {
  /** Path relative to the folder it was found from, `/`-separated. */
  path: string;
  sha256: string;
}

export interface MountKeys {
  key: string;
  restoreKeys: string[];
}

export function mountKeys(opts: {
  os: string;
  arch: string;
  mount: { id: string; perms?: { uid: number; gid: number; mode: string } };
  files: KeyFile[];
  fallback: string;
}): MountKeys {
  const { mount } = opts;
  const p = mount.perms;
  const identity = sha(JSON.stringify(p ? [mount.id, p.uid, p.gid, p.mode] : [mount.id])).slice(0, 8);
  const prefix = `${KEY_PREFIX}-${opts.os}-${opts.arch}-${slug(mount.id)}-${identity}-`;
  // Without files that decide the content, every run that changed it saves a new entry (keyed by commit).
  const content =
    opts.files.length > 0
      ? sha(
          [...opts.files]
            .sort((a, b) => a.path.localeCompare(b.path))
            .map((f) => `${f.path}\0${f.sha256}`)
            .join('\n'),
        ).slice(0, 16)
      : slug(opts.fallback).slice(0, 40);
  return { key: prefix + content, restoreKeys: [prefix] };
}

/** A mount id as a key part: `/root/.cache/pip` → `root-.cache-pip` (keys may not hold commas). */
export function slug(id: string): string {
  return (
    id
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'mount'
  );
}

/** `*`, `?` and `**` globs, relative and `/`-separated, as a regex over relative paths. */
export function globRegex(glob: string): RegExp {
  let re = '';
  const g = glob.replace(/^\.\//, '');
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*' && g[i + 1] === '*') {
      re += g[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += g[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * The key files under `dir` (four folders deep at most, tool and VCS folders skipped): either those
 * matching `globs`, or every file with a known key-file name. Sorted by path.
 */
export function findKeyFiles(dir: string, globs?: string[]): KeyFile[] {
  const regexes = globs?.map(globRegex);
  const out: KeyFile[] = [];
  const walk = (rel: string, depth: number) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (depth < 4 && !SKIP_DIR.test(e.name)) walk(p, depth + 1);
      } else if (e.isFile() && (regexes ? regexes.some((r) => r.test(p)) : isKeyFile(e.name))) {
        out.push({ path: p, sha256: sha(readFileSync(path.join(dir, p))) });
      }
    }
  };
  walk('', 0);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

function sha(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export const LAYERS_KEY_PREFIX = 'repro-ci-layers-v1';

/** `repro-ci-layers-v1-<OS>-<arch>-<project>-<image>-<commit>`; restore keys drop the commit (pure). */
export function layerKeys(o: { os: string; arch: string; project: string; image: string; commit: string }): MountKeys {
  const prefix = `${LAYERS_KEY_PREFIX}-${o.os}-${o.arch}-${slug(o.project)}-${slug(o.image)}-`;
  return { key: prefix + (slug(o.commit).slice(0, 40) || 'local'), restoreKeys: [prefix] };
}
