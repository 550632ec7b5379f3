/**
 * OCI labels for the images we build. Pure: the run context in, labels out.
 *
 * Labels go on at BUILD time, before the steps and checks run: the image that is pushed must be the
 * very image that was checked, and a label cannot be added to an existing image without a new image id.
 * So every label must be a function of the source, or rebuilding the same commit would give a new image
 * id each time (and a cache of built images would never hit). That rules out the wall clock that
 * metadata-action puts in `org.opencontainers.image.created`: we use the commit's time instead (the push
 * payload's head_commit, or git for local runs), and leave the label out when the commit time is unknown.
 * A user label of the same name (repro.yml `push.labels` or the `labels` input) wins, as in metadata-action.
 */
import { builtCommit, type RunContext } from '../context.js';

export const OCI = 'org.opencontainers.image';

/** `user` values are already rendered (publish.ts renders their {{expressions}} with the tag rules' values). */
export function ociLabels(
  ctx: RunContext,
  version: string | undefined,
  user: Record<string, string> = {},
): Record<string, string> {
  const url = ctx.repo?.htmlUrl ?? (ctx.repository ? `https://github.com/${ctx.repository}` : undefined);
  const base: Record<string, string | undefined> = {
    [`${OCI}.title`]: ctx.repo?.name ?? ctx.repository?.split('/')[1],
    [`${OCI}.description`]: ctx.repo?.description,
    [`${OCI}.url`]: url,
    [`${OCI}.source`]: url,
    [`${OCI}.version`]: version,
    [`${OCI}.created`]: normalizeTime(ctx.commitTime),
    // A dirty tree's image is not the commit's: `-dirty`, as `git describe --dirty` says it.
    [`${OCI}.revision`]: builtCommit(ctx) ? `${builtCommit(ctx)}${ctx.dirty ? '-dirty' : ''}` : undefined,
    // NOASSERTION is GitHub's "a license we could not identify": not a license to advertise.
    [`${OCI}.licenses`]: ctx.repo?.license && ctx.repo.license !== 'NOASSERTION' ? ctx.repo.license : undefined,
  };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...base, ...user })) if (v !== undefined && v !== '') out[k] = v;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** `2024-05-01T12:00:00+02:00` → `2024-05-01T10:00:00Z`: one spelling per instant, so one image id. */
function normalizeTime(t: string | undefined): string | undefined {
  if (!t) return undefined;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().replace(/\.000Z$/, 'Z');
}

/**
 * `key=value` lines, as metadata-action's `labels` output gives them; blank lines and `#` comments skipped.
 * A line without `=` is left out, as metadata-action does, and named in `ignored` for a warning.
 */
export function parseLabelLines(text: string): { labels: Record<string, string>; ignored: string[] } {
  const labels: Record<string, string> = {};
  const ignored: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) ignored.push(line);
    else labels[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return { labels, ignored };
}
