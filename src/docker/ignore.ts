/**
 * Keeping repro-ci's own files out of a build context without touching the user's files. BuildKit reads
 * `<Dockerfile>.dockerignore` beside the Dockerfile in place of the context's `.dockerignore` (measured
 * on dockerd 20.10 with buildx and with the classic client, and on 28.5 with the docker and remote
 * drivers). So a build with paths to exclude gets a copy of its Dockerfile in a folder of its own, beside
 * an ignore file made of the user's own rules (the file BuildKit would have read) and then ours: later
 * lines win, so no `!` rule of the user's can bring the results folder back. The build, the lint and the
 * record's context hash all read a context through `buildIgnore`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The ignore file BuildKit would read for this Dockerfile and context, by its rule: the Dockerfile's own first. */
export function userIgnoreFiles(dockerfile: string, context: string): string[] {
  return [`${dockerfile}.dockerignore`, path.join(context, '.dockerignore')];
}

/** Escapes a path for a dockerignore line (Go's filepath.Match: `*`, `?`, `[` and `\` are special). */
function literal(p: string): string {
  return p.replace(/[*?[\\]/g, (c) => `\\${c}`);
}

/**
 * The ignore file's text: `user` (the file BuildKit would have read, if any), then each excluded path.
 * Written the way the 20.10 classic client's own matcher takes them too (measured): no leading `/`
 * (dockerignore patterns start at the context's root anyway), and no `!` line of the user's that would
 * bring an excluded path back (that client then walks the folder and keeps it, empty).
 */
export function ignoreFileText(user: string | undefined, exclude: string[]): string {
  const ours = exclude.map(literal);
  const revives = (line: string) => {
    const m = /^\s*!\s*\/?(.+?)\/?\s*$/.exec(line);
    return !!m && ours.some((p) => m[1] === p || m[1].startsWith(`${p}/`));
  };
  const kept = (user ?? '').split(/\r?\n/).filter((l) => !revives(l));
  const head = kept.join('\n').replace(/\n*$/, '');
  return `${head ? `${head}\n` : ''}# repro-ci: its own files never enter the build\n${ours.join('\n')}\n`;
}

export interface BuildIgnore {
  /** The user's ignore file BuildKit would read (absolute), if there is one. */
  userFile?: string;
  userText?: string;
  /** What the build really applies: the user's rules, then `exclude`. */
  text: string;
}

/** The ignore rules a build of `dockerfile` in `context` applies, with repro-ci's own `exclude` paths. */
export function buildIgnore(dockerfile: string, context: string, exclude: string[] = []): BuildIgnore {
  const userFile = userIgnoreFiles(dockerfile, context).find((f) => existsSync(f));
  const userText = userFile ? readFileSync(userFile, 'utf8') : undefined;
  return { userFile, userText, text: exclude.length ? ignoreFileText(userText, exclude) : (userText ?? '') };
}
