/**
 * Where repro-ci's tags and labels differ from docker/metadata-action's on purpose, with the rows of the
 * peer's own test tables each difference changes (tests/unit/metadata-action-parity.test.ts checks that
 * these rows, and only these, differ). docs/tags.md is printed from this list.
 */
export interface PeerDifference {
  key: string;
  title: string;
  why: string;
  /** `block/id` for meta.test.ts rows, `tag.parse.N` for tag.test.ts rows. */
  cases: string[];
}

export const PEER_DIFFERENCES: PeerDifference[] = [
  {
    key: 'prerelease-latest',
    title: 'A pre-release never moves `latest`',
    why:
      'metadata-action moves `latest` for a `type=match` or `type=ref,event=tag` tag such as `v2.0.8-beta.67`, and for a release marked pre-release. ' +
      'A paper or a README that says `docker run IMAGE:latest` would then reproduce a release candidate. ' +
      'Here `latest=auto` moves only for versions that are not pre-releases (semver or PEP 440 pre-, post- and dev releases, and releases marked pre-release); `latest=true` still forces it.',
    cases: ['tag/tag07', 'tag/tag08', 'tag/tag09', 'latest/latest06', 'latest/latest10', 'release/release01', 'release/release02'],
  },
  {
    key: 'pr-head',
    title: 'Pull requests are tagged from the commit the author pushed',
    why:
      'On `pull_request`, metadata-action names `type=sha` tags after the merge commit GitHub makes for the run, which exists nowhere else and changes whenever the base moves. ' +
      'Here the tags name the head commit, as metadata-action does with `DOCKER_METADATA_PR_HEAD_SHA=true`, so `sha-<short>` is a commit a reader can check out.',
    cases: ['pr/pr03', 'pr/pr04', 'pr/pr07', 'pr/pr09'],
  },
  {
    key: 'revision-built',
    title: '`org.opencontainers.image.revision` names the commit that was built',
    why:
      'With `DOCKER_METADATA_PR_HEAD_SHA=true`, metadata-action writes the head commit into the revision label, although the image was built from the merge commit. ' +
      'Here the label names what was built (the merge commit; the reproduction record names the head and base too), so rebuilding that revision gives the image.',
    cases: ['pr-head-sha/pr01', 'pr-head-sha/pr02', 'pr-head-sha/pr03', 'pr-head-sha/pr04', 'pr-head-sha/pr05', 'pr-head-sha/pr06', 'pr-head-sha/pr07', 'pr-head-sha/pr08', 'pr-head-sha/pr09', 'pr-head-sha/pr10', 'pr-head-sha/pr11', 'pr-head-sha/pr12'],
  },
];

/**
 * Differences every row has, which the parity test sets aside by construction (it says how), so the
 * rows above are the only ones that differ in what they compare.
 */
export const PEER_GLOBAL_DIFFERENCES: { title: string; why: string }[] = [
  {
    title: '`org.opencontainers.image.created` is the commit time, not the clock',
    why: 'Labels go on at build time, so the wall clock would give each rebuild of a commit a new image id and no cache would ever hit. The label is left out when the commit time is unknown. (The peer\'s tests pin both times to one instant, so its rows compare.)',
  },
  {
    title: 'A label without a value is left out',
    why: 'metadata-action writes `org.opencontainers.image.revision=` when a value is unknown; an empty label says nothing a skeptic can check.',
  },
  {
    title: 'More default tag rules',
    why: 'With no `tags`, metadata-action uses schedule and ref branch/tag/pr; repro-ci adds `type=semver,pattern={{version}}`, `type=semver,pattern={{major}}.{{minor}}` and `type=sha`, so a release is pullable by the version a paper cites and every image by its commit. (The parity test runs rows without `tags` on the peer\'s defaults.)',
  },
  {
    title: 'Tags docker would refuse are cut to fit, and unknown rule attributes are errors',
    why: 'A leading `.` or `-` is dropped and a tag is cut at 128 characters (metadata-action passes them on and the push fails); `type=sha,lenght=7` is an error naming the attribute instead of being ignored.',
  },
];

/** The peer's meta.test.ts blocks the parity test runs: not its bake files, an output repro-ci does not make. */
export function runsInParity(block: string): boolean {
  return block !== 'bakeFile' && block !== 'bakeFileTagsLabels';
}

export interface ParityCount {
  commit: string;
  rows: number;
}

/** docs/tags.md: what the tag engine supports (from its own tables) and where it differs from metadata-action. */
export function renderTagsReference(types: readonly string[], attrs: Record<string, string[]>, expressions: readonly string[], parity: ParityCount): string {
  const differing = PEER_DIFFERENCES.reduce((n, d) => n + d.cases.length, 0);
  const out = [
    '# Tags, labels and annotations',
    '',
    '<!-- Generated from src/publish/tags.ts and src/docs/tags.ts by `npm run docs`. Do not edit by hand. -->',
    '',
    "`push.tags` (repro.yml) and the `tags` input take docker/metadata-action's rule lines unchanged; the `flavor` and `labels` inputs take its lines too. The `annotations` input and the `sep-tags`, `sep-labels` and `sep-annotations` inputs work as metadata-action's: the `tags`, `labels` and `annotations` outputs are joined with them. Several repositories at once: the `images` input or `push.images` (metadata-action's lines, `enable=` included), each getting every tag, with a login per registry (the `username`/`password` inputs for the first registry that is not ghcr.io, github-token for ghcr.io, the job's own docker login for the rest, which the private DOCKER_CONFIG keeps). Annotations go onto the pushed manifests where the builder keeps them: measured, only a non-docker buildx driver loading into the containerd image store does; the docker driver and the classic client push a Docker schema 2 manifest and drop them, which the log says. Expressions in `push.labels` and `push.annotations` are checked by `validate`; in the `labels` and `annotations` inputs, before anything is built.",
    '',
    `Measured on metadata-action's own test tables (docker/metadata-action ${parity.commit.slice(0, 7)}, \`__tests__/meta.test.ts\`, \`tag.test.ts\`, \`flavor.test.ts\`): ${parity.rows} rows run in tests/unit/metadata-action-parity.test.ts; ${parity.rows - differing} give metadata-action's result and ${differing} differ on purpose, listed below.`,
    '',
    "Its `context.test.ts` (the `images` lines with a comment, the `sep-*` inputs, the workflow context of a create event, the git context) runs in tests/unit/metadata-action-context.test.ts, the git case against a real repository.",
    '',
    '## Rule types',
    '',
    '| type | attributes (besides enable, priority, prefix, suffix) |',
    '| --- | --- |',
    ...types.map((t) => `| \`type=${t}\` | ${attrs[t].map((a) => `\`${a}=\``).join(', ')} |`),
    '',
    `Expressions in every attribute and in labels and annotations: ${expressions.map((e) => `\`{{${e}}}\``).join(', ')}; in semver and pep440 patterns: \`{{raw}}\`, \`{{version}}\`, \`{{major}}\`, \`{{minor}}\`, \`{{patch}}\`. Dates take a quoted moment.js format and \`tz='Area/City'\`.`,
    '',
    'Tags keep the case they are written in (`20200110-RC2`); repository names are lower-cased, with a notice.',
    '',
    '## Deliberate differences',
    '',
  ];
  for (const d of PEER_DIFFERENCES) out.push(`### ${d.title}`, '', d.why, '', `Rows: ${d.cases.map((c) => `\`${c}\``).join(', ')}.`, '');
  out.push('## Differences every row has', '');
  for (const d of PEER_GLOBAL_DIFFERENCES) out.push(`- **${d.title}.** ${d.why}`);
  out.push('');
  return out.join('\n');
}
