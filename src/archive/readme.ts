/**
 * The archive's README and checksum list, from the record. Pure. The plain docker commands come from the
 * same argv builders the run used (src/docker/argv.ts), so they carry every flag the record has (GPUs,
 * shm, ipc, ulimits, user), not a second, drifting spelling of them.
 */
import { buildArgv, runArgv } from '../docker/argv.js';
import { resourcesFor } from '../pipeline/machine.js';
import type { RecordStep, ReproRecord } from '../record/record.js';

/** `sha256sum -c` format: `<hex>  <path>`, sorted by path. */
export function renderSha256Sums(sums: Record<string, string>): string {
  return Object.keys(sums)
    .sort()
    .map((p) => `${sums[p]}  ${p}\n`)
    .join('');
}

/** Single quotes for a POSIX shell: the README's commands are copied into one by a reader. */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Stand-ins the shell fills in: the archive folder, and the reader's uid:gid for `user: runner`. */
const PWD = '\0PWD\0';
const RUNNER = '\0RUNNER\0';

/** A word for the shell; one holding a stand-in goes in double quotes, so that `$PWD` and `$(id -u)` expand. */
function shellWord(a: string): string {
  if (!a.includes('\0')) return shellQuote(a);
  const escaped = a
    .replace(/["\\$`]/g, (c) => `\\${c}`)
    .replaceAll(PWD, '$PWD')
    .replaceAll(RUNNER, '$(id -u):$(id -g)');
  return `"${escaped}"`;
}

/** The env file of a step in the archive: its `env:` values from repro.yml (committed, never secrets). */
export function envFileText(step: RecordStep): string {
  return Object.entries(step.env)
    .map(([k, v]) => `${k}=${v}\n`)
    .join('');
}

export const envFileOf = (step: RecordStep) => `env/${step.name}.env`;

/** The step as one plain `docker run` line, run from the archive folder; host folders under `work/`. */
export function dockerRunLine(step: RecordStep, image: string, project: string): string {
  const argv = runArgv({
    name: `${project}-${step.name}`,
    image,
    labels: {},
    envFile: Object.keys(step.env).length > 0 ? envFileOf(step) : undefined,
    // Passed from the runner by name: the reader sets them in their own environment.
    envNames: step.resources.passEnv,
    mounts: step.mounts.map((m) => ({ host: `${PWD}/work/${m.host}`, container: m.container, readOnly: m.readOnly })),
    workdir: step.workdir,
    gpus: step.gpus,
    network: step.network,
    resources: resourcesFor(step.resources, step.gpus, RUNNER),
    entrypoint: step.command?.[0],
    args: [...(step.command?.slice(1) ?? []), ...(step.args ?? [])],
  });
  return ['docker', ...argv].map(shellWord).join(' ');
}

/** The image rebuilt from `source/` with buildx: the recorded Dockerfile, context, target and build args. */
function dockerBuildLine(img: ReproRecord['images'][number], tag: string): string {
  const argv = buildArgv('buildx', {
    dockerfile: `source/${img.dockerfile}`,
    context: `source/${img.context}`,
    tags: [tag],
    target: img.target,
    buildArgs: img.buildArgs,
    labels: {},
    iidFile: `rebuilt-${img.key}.iid`,
  });
  return ['docker', ...argv].map(shellQuote).join(' ');
}

export function renderArchiveReadme(
  record: ReproRecord,
  files: { images: string; record: string; source: string[]; refs: Record<string, string> },
): string {
  const refOf = (key: string) => files.refs[key] ?? record.images.find((i) => i.key === key)?.localTag ?? key;
  const imgs = record.images.map(
    (i) =>
      `- \`${refOf(i.key)}\` (${i.key}): image id \`${i.id}\`${i.pushed ? `, pushed as \`${i.pushed.repository}@${i.pushed.digest}\`` : ''}`,
  );
  const mkdirs = [...new Set(record.steps.flatMap((s) => s.mounts.map((m) => `work/${m.host}`)))];
  const runs = record.steps.map((s) => `# ${s.name}\n${dockerRunLine(s, refOf(s.image), record.project)}`);
  const passed = [...new Set(record.steps.flatMap((s) => s.resources.passEnv))];
  const builds = record.images.map((i) => dockerBuildLine(i, `${refOf(i.key).replace(/:[^:/]+$/, '')}:rebuilt`));
  const verdicts = record.verdicts.map(
    (c) => `- ${c.metric} ${c.rule}: ${c.value ?? '—'} (${c.skipped ? 'skipped' : c.ok ? 'pass' : 'fail'})`,
  );
  const version = record.tool.version;
  const files_ =
    files.source.length > 12
      ? `${files.source.length} files: repro.yml, the Dockerfiles and every file their builds were sent`
      : files.source.map((f) => `\`${f}\``).join(', ');
  return [
    `# ${record.project}: reproduction archive`,
    '',
    `Made by repro-ci ${version} from ${record.source.repository ?? 'a local checkout'} at commit \`${record.source.sha || 'unknown'}\` (${record.source.ref || 'no ref'}), recorded ${record.createdAt}.`,
    record.source.dirty
      ? `The checkout differed from that commit in ${record.source.dirty.paths.join(', ')} (diff sha256 \`${record.source.dirty.diffSha256}\`): \`source/\` holds the files as they were built.`
      : '',
    `The run ${record.passed ? 'passed' : 'did NOT pass'} its checks.`,
    '',
    '## Contents',
    '',
    `- \`${files.images}\`: the images (\`docker save\`), loadable without any registry:`,
    ...imgs.map((l) => `  ${l}`),
    `- \`${files.record}\`: the reproduction record (schema version ${record.schemaVersion}; see repro-ci's docs/record.md): sources and their hashes, base images, commands, environment, metrics, rules and verdicts, hardware.`,
    `- \`source/\`: ${files_}, at their paths in the project. The record's \`contextSha256\` of each image is the hash of its context files there.`,
    ...(record.steps.some((s) => Object.keys(s.env).length > 0)
      ? ["- `env/`: each step's environment from repro.yml, for `--env-file`."]
      : []),
    '- `SHA256SUMS`: checksums of every file; check with `sha256sum -c SHA256SUMS`.',
    '',
    '## Load and re-run offline',
    '',
    `With the repro-ci version that made this archive (Node.js 20 or later): \`npx repro-ci@${version}\`.`,
    '',
    '```sh',
    'sha256sum -c SHA256SUMS',
    `docker load -i ${files.images}`,
    '# re-runs the steps and checks the metrics against the record',
    `npx repro-ci@${version} verify --record ${files.record}`,
    '```',
    '',
    'Without repro-ci, the recorded steps as plain docker commands (run from this folder):',
    '',
    '```sh',
    `mkdir -p ${mkdirs.join(' ')}`,
    ...(passed.length > 0 ? [`# passed from the environment of the run: set ${passed.join(', ')} first`] : []),
    ...runs,
    '```',
    '',
    'Rebuilding the images from `source/` (BuildKit, with buildx; the OCI labels of the originals are in the record):',
    '',
    '```sh',
    ...builds,
    '```',
    '',
    `Metrics files: ${record.metrics.sources.map((s) => `\`work/${s.path}\``).join(', ') || 'none'}. Recorded verdicts:`,
    '',
    ...verdicts,
    '',
  ]
    .filter((l, i, all) => l !== '' || all[i - 1] !== '')
    .join('\n');
}
