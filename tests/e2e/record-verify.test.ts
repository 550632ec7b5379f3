/**
 * The reproduction record end to end through the bundled CLI, the real engine and the local registry:
 * run → push (record published as a companion tag) → archive → local images removed → `docker load`
 * of the archive and `verify --record` → `verify` from the registry alone → a tampered record in the
 * registry makes `verify` fail with a table that says which metric and by how much.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { shieldsProblems } from '../../src/badge/badge.js';
import type { ReproRecord } from '../../src/record/record.js';
import { contextDigest } from '../../src/record/sources.js';
import {
  cli,
  docker,
  dockerOk,
  engineFacts,
  REGISTRY,
  registryTags,
  uniqueRepo,
  workspaceFrom,
} from '../support/docker.js';

const nonce = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const name = `rv-${nonce}`;
const repo = uniqueRepo('mnist');
const image = `${REGISTRY}/${repo}`;
const ws = workspaceFrom('examples/mnist');
// A unique name and one changed source line: image ids of their own, so removing them touches no one else's.
writeFileSync(
  path.join(ws, 'repro.yml'),
  readFileSync(path.join(ws, 'repro.yml'), 'utf8').replace('name: mnist', `name: ${name}`),
);
appendFileSync(path.join(ws, 'src/evaluate.py'), `# ${nonce}\n`);
const reference = JSON.parse(readFileSync(path.join(ws, 'reference/metrics.json'), 'utf8')) as {
  accuracy: number;
  loss: number;
};
const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'repro-ci-archive-')), 'mnist-archive');
let record: ReproRecord;

/** Every local name of our images: the local tags and the pushed references. */
function ourRefs(): string[] {
  return record.images.flatMap((i) => [
    i.localTag,
    ...(i.pushed ? i.pushed.tags.map((t) => `${i.pushed!.repository}:${t}`) : []),
  ]);
}

function removeOurImages(): void {
  for (const r of ourRefs()) spawnSync('docker', ['image', 'rm', r], { stdio: 'ignore' });
  for (const i of record.images) {
    for (const d of docker('image', 'ls', '--digests', '--format', '{{.Repository}}@{{.Digest}}', i.pushed!.repository)
      .split('\n')
      .filter((l) => l.includes('@sha256:')))
      spawnSync('docker', ['image', 'rm', d], { stdio: 'ignore' });
    expect(dockerOk('image', 'inspect', i.id), `${i.id} still in the engine`).toBe(false);
  }
}

afterAll(() => {
  if (record) for (const r of ourRefs()) spawnSync('docker', ['image', 'rm', r], { stdio: 'ignore' });
});

describe.sequential('record, archive and verify', () => {
  test('run --push writes the record and publishes it next to each pushed image', async () => {
    const run = await cli(ws, ['run', '--push-any-branch', '--image', image]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    record = JSON.parse(readFileSync(path.join(ws, '.repro-ci/record.json'), 'utf8')) as ReproRecord;
    expect(record.schemaVersion).toBe(1);
    expect(record.project).toBe(name);
    expect(record.passed).toBe(true);
    expect(record.images.map((i) => [i.key, i.dockerfile, i.localTag, i.pushed?.repository])).toEqual([
      ['train', 'train.dockerfile', `${name}-train:latest`, `${image}/train`],
      ['evaluate', 'evaluate.dockerfile', `${name}-evaluate:latest`, `${image}/evaluate`],
    ]);
    // python:3.11-slim was imported on this machine: it has an id but no registry digest, and the record says so.
    const pythonId = docker('image', 'inspect', '--format', '{{.Id}}', 'python:3.11-slim');
    // On the containerd store it lists its local manifest as a RepoDigest, which no registry serves: the same verdict.
    const note = engineFacts().containerdStore
      ? `its digest ${pythonId.slice(0, 19)}… is the engine's local manifest (containerd image store), which no registry serves, so only its image id pins it`
      : 'built or imported on this machine: no registry digest exists, so only its image id pins it';
    expect(record.images[0].baseImages).toEqual([
      { name: 'python:3.11-slim', id: pythonId, resolved: 'local-image-id', note },
    ]);
    expect(record.images[0].dockerfileSha256).toBe(
      execFileSync('sha256sum', [path.join(ws, 'train.dockerfile')], { encoding: 'utf8' }).split(' ')[0],
    );
    expect(record.steps.map((s) => [s.name, s.writesMetrics, s.mounts])).toEqual([
      ['train', false, [{ host: 'models', container: '/models', readOnly: false }]],
      [
        'evaluate',
        true,
        [
          { host: 'models', container: '/models', readOnly: true, producedBy: 'train' },
          { host: 'results', container: '/results', readOnly: false },
        ],
      ],
    ]);
    expect(record.steps[0].env).toEqual({ SEED: '42', EPOCHS: '60' });
    expect(record.metrics.values).toEqual({ accuracy: reference.accuracy, loss: reference.loss, test_samples: 2000 });
    expect(record.rules).toEqual([
      { metric: 'accuracy', min: 0.8, reference: { atol: 0.005, rtol: 0 } },
      { metric: 'loss', max: 0.6, reference: { atol: 0.005, rtol: 0 } },
    ]);
    expect(record.verdicts.every((v) => v.ok)).toBe(true);
    expect(record.environment.engine).toBe(engineFacts().version);
    expect(record.hardware?.cpu.count).toBeGreaterThan(0);
    for (const i of record.images) {
      const digest = i.pushed!.digest.slice('sha256:'.length);
      expect(await registryTags(`${repo}/${i.key}`, { companions: true })).toEqual([
        'latest',
        `sha256-${digest}.repro`,
      ]);
    }
    expect(run.stdout).toMatch(/Publish record\s+✅ ok/);
  });

  test('archive: images, record, the sources each build was sent, checksums that verify, README, tarball', async () => {
    const res = await cli(ws, ['archive', '--out', out, '--tar']);
    expect(res.code, res.stdout + res.stderr).toBe(0);
    const sources = [
      '.dockerignore',
      '.gitignore',
      'evaluate.dockerfile',
      'reference/metrics.json',
      'repro.yml',
      'requirements.txt',
      'src/data.py',
      'src/evaluate.py',
      'src/train.py',
      'train.dockerfile',
    ];
    const files = [
      'README.md',
      'SHA256SUMS',
      'env/evaluate.env',
      'env/train.env',
      'images.tar',
      'record.json',
      ...sources.map((f) => `source/${f}`),
    ].sort();
    expect(res.stdout).toContain(files.map((f) => `  ${f}`).join('\n'));
    expect(existsSync(`${out}.tar.gz`)).toBe(true);
    expect(spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out }).status).toBe(0);
    expect(
      readFileSync(path.join(out, 'SHA256SUMS'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('  ')[1]),
    ).toEqual(files.filter((f) => f !== 'SHA256SUMS'));
    // A skeptic can check the record against the archive: the context hash is the hash of source/.
    for (const img of record.images) {
      expect(
        contextDigest({
          dockerfile: path.join(out, 'source', img.dockerfile),
          context: path.join(out, 'source', img.context),
        }).sha256,
      ).toBe(img.contextSha256);
    }
    const readme = readFileSync(path.join(out, 'README.md'), 'utf8');
    expect(readme).toContain('docker load -i images.tar\n');
    expect(readme).toContain(`npx repro-ci@${record.tool.version} verify --record record.json\n`);
    expect(readme).toContain(
      `docker run --rm --name ${name}-train --init --network none --env-file env/train.env --mount "type=bind,source=$PWD/work/models,target=/models" ${name}-train:latest\n`,
    );
    expect(readFileSync(path.join(out, 'env/train.env'), 'utf8')).toBe('SEED=42\nEPOCHS=60\n');
  });

  test('the archive loads into an engine without the images and re-runs from them', async () => {
    removeOurImages();
    const loaded = spawnSync('docker', ['load', '-i', path.join(out, 'images.tar')], { encoding: 'utf8' });
    expect(loaded.stdout).toContain(`Loaded image: ${name}-train:latest`);
    const res = await cli(out, ['verify', '--record', 'record.json']);
    expect(res.code, res.stdout + res.stderr).toBe(0);
    expect(res.stdout).toContain('re-ran: train, evaluate\n');
    expect(res.stdout).toContain('verdict: reproduced (4/4 checks pass)');
  });

  test('archive finds the recorded image by its id when the local tag moved on (the CLI and the action share it)', async () => {
    const train = record.images[0];
    docker('tag', 'busybox:latest', train.localTag);
    const out2 = path.join(mkdtempSync(path.join(os.tmpdir(), 'repro-ci-archive-')), 'moved');
    const res = await cli(ws, ['archive', '--out', out2]);
    expect(res.code, res.stdout + res.stderr).toBe(0);
    const archived = `${train.localTag.replace(/:latest$/, '')}:archived-${train.id.replace('sha256:', '').slice(0, 12)}`;
    expect(res.stdout).toContain(
      `archiving the recorded image by its id as ${archived} (that tag stays, and keeps the image)`,
    );
    expect(readFileSync(path.join(out2, 'README.md'), 'utf8')).toContain(
      `\`${archived}\` (train): image id \`${train.id}\``,
    );
    // The user's tag is left where they put it; the archive's own tag keeps the recorded image.
    expect(docker('image', 'inspect', '--format', '{{.Id}}', train.localTag)).toBe(
      docker('image', 'inspect', '--format', '{{.Id}}', 'busybox:latest'),
    );
    expect(docker('image', 'inspect', '--format', '{{.Id}}', archived)).toBe(train.id);
    docker('tag', train.id, train.localTag);
    docker('image', 'rm', archived);
  });

  test('verify IMAGE pulls the image and its record from the registry, re-runs train then evaluate, and passes', async () => {
    removeOurImages();
    const badges = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-badges-'));
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-tmp-'));
    const res = await cli(ws, ['verify', `${image}/evaluate:latest`, '--badge-dir', badges], { TMPDIR: tmp });
    expect(res.code, res.stdout + res.stderr).toBe(0);
    // The steps' scratch folder is gone (issue 21: /tmp/repro-ci-verify-* stayed); results and logs are kept.
    expect(readdirSync(tmp)).toEqual([]);
    expect(res.stdout).toContain(`results and logs: ${path.join(realpathSync(ws), '.repro-ci-verify')}`);
    const ev = record.images[1].pushed!;
    expect(res.stdout).toContain(
      `verify ${ev.repository}@${ev.digest}\nrecord: ${ev.repository}:sha256-${ev.digest.slice(7)}.repro`,
    );
    expect(res.stdout).toContain(
      `evaluate reads models/ that train wrote (it is in no image): re-running train first.`,
    );
    const acc = String(reference.accuracy);
    expect(res.stdout).toMatch(
      new RegExp(
        `accuracy +${acc.replace('.', '\\.')} +${acc.replace('.', '\\.')} +0 +≈ recorded \\(atol 0\\.005, rtol 0\\) +pass`,
      ),
    );
    expect(res.stdout).toContain('verdict: reproduced (4/4 checks pass)');
    expect(dockerOk('image', 'inspect', record.images[0].id)).toBe(true);
    const badge = JSON.parse(readFileSync(path.join(badges, `${name}.json`), 'utf8')) as Record<string, unknown>;
    expect(shieldsProblems(badge)).toEqual([]);
    expect(badge).toEqual({
      schemaVersion: 1,
      label: 'repro-ci',
      message: `reproduced 4/4 · accuracy ${acc} · ${new Date().toISOString().slice(0, 10)}`,
      color: 'brightgreen',
    });
    expect(readdirSync(badges).sort()).toEqual([`${name}.json`, `${name}.svg`]);
  });

  test('a tampered record in the registry makes verify fail with a table naming the metric', async () => {
    const ev = record.images[1].pushed!;
    const tampered = { ...record, metrics: { ...record.metrics, values: { ...record.metrics.values, accuracy: 0.5 } } };
    const dir = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-tamper-'));
    writeFileSync(path.join(dir, 'record.json'), JSON.stringify(tampered));
    writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\nCOPY record.json /repro-record.json\n');
    const companion = `${ev.repository}:sha256-${ev.digest.slice(7)}.repro`;
    // Into the engine (the default builder): a remote-driver builder would keep it to itself.
    execFileSync('docker', ['build', '-q', '-t', companion, dir], {
      stdio: 'ignore',
      env: { ...process.env, BUILDX_BUILDER: undefined },
    });
    execFileSync('docker', ['push', companion], { stdio: 'ignore' });
    docker('image', 'rm', companion);

    const res = await cli(ws, ['verify', `${ev.repository}@${ev.digest}`]);
    expect(res.code, res.stdout + res.stderr).toBe(1);
    const acc = reference.accuracy;
    const delta = `+${Number((acc - 0.5).toPrecision(6))}`;
    expect(res.stdout).toContain(`accuracy  0.5       ${acc}`);
    expect(res.stdout).toContain(
      `${delta}  ≈ recorded (atol 0.005, rtol 0)  FAIL: |${acc} - 0.5| = ${Number((acc - 0.5).toPrecision(6))} exceeds the tolerance 0.005 (atol 0.005 + rtol 0 × |0.5|)`,
    );
    expect(res.stdout).toContain('verdict: NOT reproduced (1 of 4 checks fail)');
  });

  test('an image that cannot be pulled: a clear error, exit 2 (not verified, unlike 1: not reproduced)', async () => {
    const res = await cli(ws, ['verify', `${REGISTRY}/${uniqueRepo('none')}@sha256:${'0'.repeat(64)}`]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/docker pull .* failed/);
  });
});
