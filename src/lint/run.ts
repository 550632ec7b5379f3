/**
 * The lint's file-system and engine edge: reads the Dockerfiles, the files they copy, .dockerignore
 * and the context sizes, asks the engine for base-image digests, then runs the pure checks.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Docker } from '../docker/docker.js';
import { ReproError } from '../errors.js';
import {
  baseImages,
  lintDockerfile,
  parseImageRef,
  type ContextEntry,
  type Finding,
  type StepOutput,
} from './checks.js';
import { buildIgnore } from '../docker/ignore.js';
import { isIgnored, parseDockerignore, type IgnorePattern } from './dockerignore.js';

export type LintLevel = 'warn' | 'error' | 'off';

export interface LintTarget {
  /** Absolute paths. */
  dockerfile: string;
  context: string;
  buildArgs?: Record<string, string>;
  /** Context paths repro-ci keeps out of its builds (ImageSpec.exclude): the lint sees the context as the build does. */
  exclude?: string[];
  /** Folders steps write into, relative to the context (RC306). */
  outputs?: StepOutput[];
}

export interface LintedFile {
  dockerfile: string;
  context: string;
  contextBytes: number;
  contextFiles: number;
  findings: number;
}

export interface LintReport {
  level: LintLevel;
  files: LintedFile[];
  findings: Finding[];
  suppressed: number;
}

/** A Dockerfile by its name: `Dockerfile`, `Dockerfile.<variant>`, `<name>.dockerfile` (any case), `Containerfile`. */
export const DOCKERFILE_NAME = /^(dockerfile|containerfile)(\.[^/]+)?$|\.(dockerfile|containerfile)$/i;
const NOT_SOURCE = new Set(['.git', 'node_modules', '.repro-ci', '.venv', 'venv', '__pycache__']);

/**
 * The Dockerfiles to lint for command-line paths: a file as it is, a folder as every Dockerfile under it
 * (sorted; VCS, tool and virtualenv folders skipped). Ignore files (`*.dockerignore`) are not Dockerfiles.
 */
export function dockerfilesAt(paths: string[]): string[] {
  const out: string[] = [];
  const visit = (dir: string, depth: number) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory() && depth < 8 && !NOT_SOURCE.has(e.name)) visit(abs, depth + 1);
      else if (e.isFile() && DOCKERFILE_NAME.test(e.name) && !/\.dockerignore$/i.test(e.name)) out.push(abs);
    }
  };
  for (const p of paths) {
    const abs = path.resolve(p);
    if (!existsSync(abs))
      throw new ReproError(`${p}: no such file or folder.`, {
        fix: 'name Dockerfiles, or folders to search for them (Dockerfile, Dockerfile.*, *.dockerfile).',
      });
    if (!statSync(abs).isDirectory()) {
      out.push(abs);
      continue;
    }
    const before = out.length;
    visit(abs, 0);
    if (out.length === before)
      throw new ReproError(`${p}: no Dockerfile in this folder.`, {
        fix: 'a folder is searched for Dockerfile, Dockerfile.*, *.dockerfile and Containerfile; name the file itself if it is called otherwise.',
      });
  }
  return out;
}

/** Lints each target; paths in the report are relative to `cwd` (the repository root on a runner). */
export async function lintTargets(
  targets: LintTarget[],
  opts: { docker?: Docker; level: LintLevel; ignore?: readonly string[]; cwd?: string },
): Promise<LintReport> {
  const cwd = opts.cwd ?? process.cwd();
  const show = (abs: string) => path.relative(cwd, abs).split(path.sep).join('/') || '.';
  const report: LintReport = { level: opts.level, files: [], findings: [], suppressed: 0 };
  const seen = new Set<string>();
  const texts = targets.map((t) => {
    if (!existsSync(t.dockerfile))
      throw new ReproError(`Dockerfile ${show(t.dockerfile)} not found.`, {
        fix: 'name an existing Dockerfile (relative to the current folder, or to repro.yml in a config).',
      });
    return readFileSync(t.dockerfile, 'utf8');
  });
  // Each base image is asked about once, all of them at once, while the files are read and measured.
  const lookups = new Map<string, Promise<string | undefined>>();
  const basesOf = texts.map((text, i) => baseImages(text, targets[i].buildArgs ?? {}));
  if (opts.docker)
    for (const ref of basesOf.flat()) {
      if (lookups.has(ref)) continue;
      const lookup = knownDigest(opts.docker, ref);
      // Awaited in its file's turn; one that fails after an earlier file threw is not left unhandled.
      lookup.catch(() => undefined);
      lookups.set(ref, lookup);
    }
  for (const [i, t] of targets.entries()) {
    const text = texts[i];
    const {
      userFile: ignoreFile,
      userText: ignoreText,
      text: applied,
    } = buildIgnore(t.dockerfile, t.context, t.exclude);
    const patterns = parseDockerignore(applied);
    const context = measureContext(t.context, patterns);
    const digests: Record<string, string | undefined> = {};
    for (const ref of basesOf[i]) if (lookups.has(ref)) digests[ref] = await lookups.get(ref);
    const outcome = lintDockerfile({
      dockerfile: { path: show(t.dockerfile), text },
      readContext: (rel) => readContextFile(t.context, rel, patterns),
      contextHas: (rel) => contextHas(t.context, rel, patterns),
      contextPath: (rel) => show(path.join(t.context, rel)),
      buildArgs: t.buildArgs,
      dockerignore: ignoreFile ? { path: show(ignoreFile), text: ignoreText! } : null,
      context,
      outputsSent: (t.outputs ?? []).filter((o) => !isIgnored(patterns, o.path)),
      digests,
      ignore: opts.ignore,
    });
    // Two images built from one context share its requirements and .dockerignore: report those once.
    const fresh = outcome.findings.filter((f) => {
      const key = `${f.rule}\0${f.file}\0${f.line}\0${f.file === show(t.dockerfile) ? '' : f.message.replace(/ \(installed on .*?\)/, '')}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    report.findings.push(...fresh);
    report.suppressed += outcome.suppressed;
    report.files.push({
      dockerfile: show(t.dockerfile),
      context: show(t.context),
      contextBytes: context.filter((e) => !e.ignored).reduce((n, e) => n + e.bytes, 0),
      contextFiles: context.filter((e) => !e.ignored).reduce((n, e) => n + e.files, 0),
      findings: fresh.length,
    });
  }
  return report;
}

/** A context-relative path, normalized; undefined when it points outside the context (nothing there can reach the build). */
function insideContext(rel: string): string | undefined {
  const norm = path.posix.normalize(rel);
  return norm.startsWith('..') || path.isAbsolute(norm) ? undefined : norm;
}

function contextHas(context: string, rel: string, patterns: IgnorePattern[]): boolean {
  const norm = insideContext(rel);
  if (norm === undefined || !existsSync(path.join(context, norm))) return false;
  // An excluded folder can still hold re-included files (`!data/keep.csv`): then it reaches the build.
  return (
    !isIgnored(patterns, norm) ||
    patterns.some((p) => p.negate && p.text.replace(/^!\s*\/?/, '').startsWith(`${norm}/`))
  );
}

function readContextFile(context: string, rel: string, patterns: IgnorePattern[]): string | undefined {
  const norm = insideContext(rel);
  // What .dockerignore excludes never reaches the build.
  if (norm === undefined || isIgnored(patterns, norm)) return undefined;
  const abs = path.join(context, norm);
  try {
    return statSync(abs).isFile() ? readFileSync(abs, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** Size of each top-level entry of the context that .dockerignore lets through (ignored ones are not walked). */
export function measureContext(context: string, patterns: IgnorePattern[]): ContextEntry[] {
  let names: string[];
  try {
    names = readdirSync(context);
  } catch {
    return [];
  }
  return names.sort().map((name) => {
    const abs = path.join(context, name);
    const st = lstatSync(abs);
    const ignored = isIgnored(patterns, name);
    const entry: ContextEntry = { name, dir: st.isDirectory(), bytes: 0, files: 0, ignored };
    if (!ignored) walk(abs, name, patterns, entry);
    return entry;
  });
}

function walk(abs: string, rel: string, patterns: IgnorePattern[], into: ContextEntry): void {
  if (rel !== into.name && isIgnored(patterns, rel)) return;
  const st = lstatSync(abs);
  if (st.isDirectory()) {
    for (const name of readdirSync(abs)) walk(path.join(abs, name), `${rel}/${name}`, patterns, into);
  } else {
    into.bytes += st.size;
    into.files += 1;
  }
}

/** The registry digest the engine recorded for a base image (RepoDigests), if it has one. */
async function knownDigest(docker: Docker, ref: string): Promise<string | undefined> {
  let info;
  try {
    info = await docker.imageInspect(ref);
  } catch {
    return undefined;
  }
  const want = normalizeName(parseImageRef(ref).name);
  // Only a digest recorded for this very repository: the same image pushed elsewhere proves nothing about this name.
  const match = info?.repoDigests.find((d) => normalizeName(d.split('@')[0]) === want);
  // On the containerd store a local image's RepoDigest is its local manifest: offered only once a registry serves it.
  return match && (await docker.servedByRegistry(match)) ? match.split('@')[1] : undefined;
}

function normalizeName(name: string): string {
  const n = name.replace(/^(docker\.io|index\.docker\.io)\//, '');
  return n.includes('/') ? n : `library/${n}`;
}
