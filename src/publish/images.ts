/**
 * The repositories an image is pushed to, as metadata-action's `images` input names them: one a line,
 * `ghcr.io/owner/app` or `name=docker.io/owner/app,enable=false`, or the old form `a/app,b/app` on one
 * line. Pure.
 */
import { ReproError } from '../errors.js';
import { splitFields } from '../util/text.js';

export interface ImageTarget {
  /** Lower-cased: docker refuses capitals in a repository name (tags keep theirs). */
  name: string;
  enable: boolean;
}

const FIX = 'write one repository a line, e.g. `ghcr.io/owner/app` or `name=docker.io/owner/app,enable=false`.';

/** Parses the lines; `notices` receives a line for each repository that was lower-cased. */
export function parseImageLines(lines: readonly string[], notices: string[] = []): ImageTarget[] {
  const clean = lines.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const fieldsOf = (line: string) => {
    const { fields, unclosed } = splitFields(line, ',');
    if (unclosed) throw new ReproError(`images: "${line}" has an unclosed double quote.`, { fix: FIX });
    return fields.map((f) => f.trim()).filter((f) => f !== '');
  };
  // The old form: a single line of names, none with an attribute.
  const single = clean.length === 1 ? fieldsOf(clean[0]) : [];
  const targets =
    single.length > 0 && single.every((f) => !f.includes('='))
      ? single.map((name) => ({ name, enable: true }))
      : clean.map((line) => parseLine(line, fieldsOf(line)));
  return targets.map((t) => {
    const name = t.name.toLowerCase();
    if (name !== t.name)
      notices.push(
        `images: "${t.name}" is pushed as "${name}": docker repository names are lower case (tags keep their case).`,
      );
    return { ...t, name };
  });
}

function parseLine(line: string, fields: string[]): ImageTarget {
  const target: ImageTarget = { name: '', enable: true };
  for (const field of fields) {
    const eq = field.indexOf('=');
    if (eq < 0) {
      target.name = field;
      continue;
    }
    const key = field.slice(0, eq).trim().toLowerCase();
    const value = field.slice(eq + 1).trim();
    if (key === 'name') target.name = value;
    else if (key === 'enable') {
      if (value !== 'true' && value !== 'false')
        throw new ReproError(`images: "${line}": enable=${value} is not true or false.`, {
          fix: 'write `enable=true` or `enable=false`.',
        });
      target.enable = value === 'true';
    } else
      throw new ReproError(`images: "${line}": unknown attribute "${key}".`, { fix: `use name= and enable=; ${FIX}` });
  }
  if (target.name === '') throw new ReproError(`images: "${line}" names no repository.`, { fix: FIX });
  return target;
}

/** The enabled repositories, in order, without repeats. */
export function enabledRepositories(targets: readonly ImageTarget[]): string[] {
  return [...new Set(targets.filter((t) => t.enable).map((t) => t.name))];
}
