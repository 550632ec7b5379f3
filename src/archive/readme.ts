/** The archive's README and checksum list, from the record. Pure. */
import type { RecordStep, ReproRecord } from '../record/record.js';

/** `sha256sum -c` format: `<hex>  <path>`, sorted by path. */
export function renderSha256Sums(sums: Record<string, string>): string {
  return Object.keys(sums).sort().map((p) => `${sums[p]}  ${p}\n`).join('');
}

/** Single quotes for a POSIX shell: the README's commands are copied into one by a reader. */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function dockerRunLine(step: RecordStep, image: string): string {
  const argv = ['docker', 'run', '--rm'];
  if (step.network) argv.push('--network', step.network);
  for (const [k, v] of Object.entries(step.env)) argv.push('-e', `${k}=${v}`);
  for (const m of step.mounts) argv.push('--mount', `type=bind,source="$PWD/work/${m.host}",target=${m.container}${m.readOnly ? ',readonly' : ''}`);
  if (step.workdir) argv.push('--workdir', step.workdir);
  if (step.command) argv.push('--entrypoint', step.command[0]);
  argv.push(image, ...(step.command?.slice(1) ?? []), ...(step.args ?? []));
  return argv.map((a) => (a.includes('"$PWD') ? a : shellQuote(a))).join(' ');
}

export function renderArchiveReadme(record: ReproRecord, files: { images: string; record: string; source: string[] }): string {
  const imgs = record.images.map((i) => `- \`${i.localTag}\` (${i.key}): image id \`${i.id}\`${i.pushed ? `, pushed as \`${i.pushed.repository}@${i.pushed.digest}\`` : ''}`);
  const mkdirs = [...new Set(record.steps.flatMap((s) => s.mounts.map((m) => `work/${m.host}`)))];
  const runs = record.steps.map((s) => `# ${s.name}\n${dockerRunLine(s, record.images.find((i) => i.key === s.image)?.localTag ?? s.image)}`);
  const verdicts = record.verdicts.map((c) => `- ${c.metric} ${c.rule}: ${c.value ?? '—'} (${c.skipped ? 'skipped' : c.ok ? 'pass' : 'fail'})`);
  return [
    `# ${record.project}: reproduction archive`,
    '',
    `Made by repro-ci ${record.tool.version} from ${record.source.repository ?? 'a local checkout'} at commit \`${record.source.sha || 'unknown'}\` (${record.source.ref || 'no ref'}), recorded ${record.createdAt}.`,
    `The run ${record.passed ? 'passed' : 'did NOT pass'} its checks.`,
    '',
    '## Contents',
    '',
    `- \`${files.images}\`: the images (\`docker save\`), loadable without any registry:`,
    ...imgs.map((l) => `  ${l}`),
    `- \`${files.record}\`: the reproduction record (schema version ${record.schemaVersion}; see repro-ci's docs/record.md): sources and their hashes, base images, commands, environment, metrics, rules and verdicts, hardware.`,
    `- \`source/\`: ${files.source.map((f) => `\`${f}\``).join(', ')}.`,
    '- `SHA256SUMS`: checksums of every file; check with `sha256sum -c SHA256SUMS`.',
    '',
    '## Load and re-run offline',
    '',
    '```sh',
    'sha256sum -c SHA256SUMS',
    `docker load -i ${files.images}`,
    '# with repro-ci: re-runs the steps and checks the metrics against the record',
    `repro-ci verify --record ${files.record}`,
    '```',
    '',
    'Without repro-ci, the recorded steps as plain docker commands (run from this folder):',
    '',
    '```sh',
    `mkdir -p ${mkdirs.join(' ')}`,
    ...runs,
    '```',
    '',
    `Metrics files: ${record.metrics.sources.map((s) => `\`work/${s.path}\``).join(', ') || 'none'}. Recorded verdicts:`,
    '',
    ...verdicts,
    '',
  ].join('\n');
}
