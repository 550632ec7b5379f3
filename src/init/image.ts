/**
 * What `repro-ci init` reads from a Dockerfile, pure: the build context its COPY/ADD sources need, where
 * each repository file lands in the image, the working directory, the entry point and the script it
 * runs, and the signs of a GPU base or a server. The final stage is the image (no `--target`).
 */
import path from 'node:path/posix';
import {
  baseImage,
  instructionScopes,
  parseDockerfile,
  contextCopyWords,
  type Dockerfile,
  type Stage,
} from '../dockerfile/parse.js';
import { expandWord } from '../dockerfile/expand.js';
import { isIgnored, parseDockerignore, globRegex } from '../lint/dockerignore.js';
import { cloudSign, gpuSign, serverSign } from './python.js';

/** A COPY/ADD into the image: context-relative sources (globs kept) to an absolute destination. */
export interface CopyMap {
  sources: string[];
  dest: string;
  /** The destination is a folder (ends with `/`, several sources, or a glob). */
  destDir: boolean;
  line: number;
}

export interface ImageFacts {
  /** Repository-relative Dockerfile path. */
  dockerfile: string;
  /** Repository-relative context folder ('.' for the root). */
  context: string;
  /** Why this context, when there was a choice to make; sources no context holds. */
  contextNote?: string;
  missing: { source: string; line: number; hint?: string }[];
  workdir: string;
  copies: CopyMap[];
  /** What the container runs by default (ENTRYPOINT + CMD as Docker combines them), in words. */
  entry?: string[];
  /** The ENTRYPOINT alone, when set (a step's `command` replaces it; `args` keep it). */
  entrypoint?: string[];
  base?: string;
  /** Why the image looks made for a GPU (a CUDA base image), when it does. */
  gpu?: string;
  /** Why its default command serves until stopped, when it does. */
  server?: string;
  /** Why its default command needs the cloud (dvc pull...), when it does. */
  cloud?: string;
  exposes: boolean;
  /** PYTHONPATH entries set by ENV, absolute. */
  pythonPath: string[];
}

const CUDA_BASE = /cuda|nvidia|nvcr\.io|-gpu\b|rocm/i;

/** The facts of one Dockerfile at `file`, choosing its context from the repository's files. */
export function imageFacts(file: string, text: string, files: string[], read: (rel: string) => string | undefined) {
  const df = parseDockerfile(text);
  const final = df.stages[df.stages.length - 1];
  const { context, note, missing } = chooseContext(file, df, files, read);
  const facts: ImageFacts = {
    dockerfile: file,
    context,
    ...(note ? { contextNote: note } : {}),
    missing,
    workdir: '/',
    copies: [],
    exposes: false,
    pythonPath: [],
  };
  if (!final) return facts;
  const scopes = instructionScopes(df);
  const expand = (s: string, instr: Parameters<typeof scopes.get>[0]) => {
    const scope = scopes.get(instr);
    return scope ? expandWord(s, scope, df.escape).value : s;
  };
  let entrypoint: string[] | undefined;
  let cmd: string[] | undefined;
  let shellEntry = false;
  for (const stage of chain(df, final)) {
    for (const instr of stage.instructions) {
      const words = () => instr.json ?? ['/bin/sh', '-c', instr.body];
      switch (instr.keyword) {
        case 'WORKDIR':
          facts.workdir = path.resolve(facts.workdir, expand(instr.body.trim(), instr));
          break;
        case 'COPY':
        case 'ADD': {
          const all = contextCopyWords(instr)?.map((w) => expand(w, instr)) ?? [];
          if (all.length < 2) break;
          const sources = all.slice(0, -1).filter((s) => !/^[a-z]+:\/\//i.test(s));
          const rawDest = all[all.length - 1];
          const dest = path.resolve(facts.workdir, rawDest);
          const destDir = rawDest.endsWith('/') || rawDest === '.' || sources.length > 1 || sources.some(isGlob);
          facts.copies.push({ sources: sources.map(cleanSource), dest, destDir, line: instr.line });
          break;
        }
        case 'ENTRYPOINT':
          entrypoint = words();
          shellEntry = !instr.json;
          cmd = undefined; // ENTRYPOINT resets an inherited CMD
          break;
        case 'CMD':
          cmd = words();
          break;
        case 'EXPOSE':
          facts.exposes = true;
          break;
        case 'ENV':
          for (const m of instr.body.matchAll(/PYTHONPATH[= ]"?([^"\s]+)"?/g))
            facts.pythonPath.push(
              ...expand(m[1], instr)
                .split(':')
                .filter((p) => p.startsWith('/')),
            );
          break;
      }
    }
  }
  const entry = entrypoint ? (shellEntry || !cmd ? entrypoint : [...entrypoint, ...cmd]) : cmd;
  if (entry && entry.length > 0) facts.entry = entry;
  if (entrypoint && entrypoint.length > 0) facts.entrypoint = entrypoint;
  facts.base = baseImage(df, final);
  if (facts.base && CUDA_BASE.test(facts.base)) facts.gpu = `its base image ${facts.base}`;
  const entryText = (facts.entry ?? []).join(' ');
  facts.server = serverSign(entryText);
  const runs = final.instructions
    .filter((i) => i.keyword === 'RUN')
    .map((i) => i.body)
    .join('\n');
  facts.cloud = cloudSign(entryText) ?? (/\bdvc\s+pull\b/.test(runs) ? 'dvc pull' : undefined);
  facts.gpu ??= gpuSign(entryText) ? `its command (${gpuSign(entryText)})` : undefined;
  return facts;
}

/** The final stage and the stages it starts from, oldest first (WORKDIR, ENV, CMD carry over). */
function chain(df: Dockerfile, stage: Stage): Stage[] {
  const out: Stage[] = [stage];
  for (let cur = stage; ;) {
    const parent = df.stages.find((s) => s.index < cur.index && s.name === cur.from.toLowerCase());
    if (!parent || out.includes(parent)) break;
    out.unshift(parent);
    cur = parent;
  }
  return out;
}

const isGlob = (s: string) => /[*?[]/.test(s);
const cleanSource = (s: string) => s.replace(/^\.\//, '').replace(/\/+$/, '') || '.';

/**
 * Where a repository file lands in the image, or undefined when no COPY/ADD brings it in. `rel` is
 * relative to the context. Later copies win, as they overwrite earlier ones.
 */
export function containerPath(facts: ImageFacts, rel: string): string | undefined {
  let found: string | undefined;
  for (const c of facts.copies) {
    for (const s of c.sources) {
      if (s === '.') found = path.join(c.dest, rel);
      else if (isGlob(s)) {
        const re = globRegex(s);
        const parts = rel.split('/');
        for (let n = 1; n <= parts.length; n++) {
          if (!re.test(parts.slice(0, n).join('/'))) continue;
          // A matched file goes into the folder; a matched folder's content does.
          found = n === parts.length ? path.join(c.dest, parts[n - 1]) : path.join(c.dest, ...parts.slice(n));
          break;
        }
      } else if (rel === s) found = c.destDir ? path.join(c.dest, path.basename(s)) : c.dest;
      else if (rel.startsWith(`${s}/`)) found = path.join(c.dest, rel.slice(s.length + 1));
    }
  }
  return found;
}

/** Where a repository file (repository-relative) lands in the image; undefined outside the context or not copied. */
export function pathInImage(facts: ImageFacts, file: string): string | undefined {
  const prefix = facts.context === '.' ? '' : `${facts.context}/`;
  return file.startsWith(prefix) ? containerPath(facts, file.slice(prefix.length)) : undefined;
}

/** Context candidates: the Dockerfile's folder, then each folder above it up to the repository root. */
function candidates(file: string): string[] {
  const out: string[] = [];
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    out.push(dir);
    if (dir === '.' || dir === '/' || dir === '') break;
  }
  return out;
}

/** Files that only serve the build (a folder of nothing else is no context: the code is elsewhere). */
const BUILD_ONLY =
  /(^|\/)(Dockerfile[^/]*|[^/]*\.[Dd]ockerfile|\.dockerignore|[^/]*\.dockerignore|[^/]*\.sh|README[^/]*)$/;

/**
 * The context whose files satisfy the most COPY/ADD sources (after .dockerignore); on a tie, the
 * Dockerfile's own folder unless it holds only build files. Sources no candidate has are returned with
 * a hint (a DVC-tracked folder, a folder made at run time).
 */
function chooseContext(
  file: string,
  df: Dockerfile,
  files: string[],
  read: (rel: string) => string | undefined,
): { context: string; note?: string; missing: ImageFacts['missing'] } {
  const sources = df.instructions.flatMap((i) =>
    (contextCopyWords(i)?.slice(0, -1) ?? [])
      .filter((s) => !/^[a-z]+:\/\//i.test(s) && !s.includes('$'))
      .map((s) => ({ source: cleanSource(s), line: i.line })),
  );
  const score = (ctx: string) => {
    const prefix = ctx === '.' ? '' : `${ctx}/`;
    const inCtx = files.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
    const ignoreText = read(`${file}.dockerignore`) ?? read(`${prefix}.dockerignore`);
    const ignore = ignoreText ? parseDockerignore(ignoreText) : [];
    const kept = inCtx.filter((f) => !isIgnored(ignore, f));
    const ok = sources.filter(({ source }) => source === '.' || kept.some((f) => covers(source, f)));
    return { ctx, ok: ok.length, missing: sources.filter((s) => !ok.includes(s)), kept };
  };
  const scored = candidates(file).map(score);
  const best = Math.max(...scored.map((s) => s.ok));
  const tied = scored.filter((s) => s.ok === best);
  const own = tied.find((s) => s.kept.some((f) => !BUILD_ONLY.test(f))) ?? tied[tied.length - 1];
  const pick = tied.length > 1 ? own : tied[0];
  const missing = pick.missing.map((m) => ({ ...m, hint: missingHint(m.source, files) }));
  let note: string | undefined;
  if (scored.length > 1 && sources.some((s) => s.source !== '.')) {
    if (tied.length > 1 && sources.length > 0 && pick.ctx !== path.dirname(file))
      note = `guessed: its folder holds only build files, so its COPY sources are taken from ${pick.ctx === '.' ? 'the repository root' : pick.ctx}`;
    else if (tied.length > 1) note = `guessed: its COPY sources are found from ${describe(pick.ctx)} and from others`;
    else if (pick.ctx !== path.dirname(file)) note = `its COPY sources are found from ${describe(pick.ctx)}`;
  } else if (scored.length > 1 && pick.ctx !== path.dirname(file))
    note = `guessed: it copies the whole context, and its folder holds only build files`;
  return { context: pick.ctx, ...(note ? { note } : {}), missing };
}

const describe = (ctx: string) => (ctx === '.' ? 'the repository root' : ctx);

/** Whether COPY source `s` (a path or glob, context-relative) brings in file `f`. */
function covers(s: string, f: string): boolean {
  if (!isGlob(s)) return f === s || f.startsWith(`${s}/`);
  const re = globRegex(s);
  const parts = f.split('/');
  for (let n = 1; n <= parts.length; n++) if (re.test(parts.slice(0, n).join('/'))) return true;
  return false;
}

function missingHint(source: string, files: string[]): string | undefined {
  const top = source.split('/')[0];
  if (files.includes(`${top}.dvc`)) return `${top} is tracked by DVC (${top}.dvc): run \`dvc pull\` before the build`;
  if (isGlob(source)) return 'no file in the repository matches it';
  return `it is not in the repository (made at run time, or downloaded?): the build fails until it exists`;
}
