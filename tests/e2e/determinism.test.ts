/**
 * Rebuild determinism on each engine (dockerd 20.10's BuildKit v0.8 has no SOURCE_DATE_EPOCH; 28's gets no
 * commit time here, a folder without git). Measured:
 * two --no-cache builds keep the busybox and COPY layers (COPY keeps the files' times) and differ in a
 * RUN layer that writes a file (it carries the build time); the created timestamps always differ. A COPY
 * layer taken from the cache keeps the file times of the checkout that first built it.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { planDeterminism, supportsSourceDateEpoch } from '../../src/determinism/compare.js';
import { cli, docker, dockerOk, engineFacts, workspaceWith } from '../support/docker.js';

const V08_NOTE =
  'this builder (BuildKit v0.8) does not support SOURCE_DATE_EPOCH; image ids will differ by their timestamps even when the content is identical';
// A BuildKit that could use it gets no commit time from a folder without git, so both builds go without it.
const NO_COMMIT_NOTE =
  'no commit time is known, so SOURCE_DATE_EPOCH is not set; image ids will differ by their timestamps even when the content is identical';
const { buildkit } = engineFacts();
// The classic client asks no buildx, so it knows no BuildKit version.
const NOTE = buildkit?.startsWith('v0.8')
  ? V08_NOTE
  : supportsSourceDateEpoch(buildkit)
    ? NO_COMMIT_NOTE
    : planDeterminism(buildkit, undefined).note!;

function project(determinism: string): string {
  const yml = `images:\n  app: app.dockerfile\n  data: data.dockerfile\nsteps:\n  - name: run\n    image: app\n    command: [cat, /b.txt]\n    network: none\ndeterminism: ${determinism}\n`;
  return workspaceWith({
    'repro.yml': yml,
    // New bytes on every build: a RUN writing the same bytes within the same second gives an equal layer
    // (tar keeps whole seconds), which the fast classic-client builds on dockerd 20.10 showed.
    'app.dockerfile': 'FROM busybox:latest\nCOPY a.txt /a.txt\nRUN cat /proc/sys/kernel/random/uuid > /b.txt\n',
    'data.dockerfile': 'FROM busybox:latest\nCOPY a.txt /a.txt\n',
    // Content unique to this run: a cached COPY layer from another checkout would carry other file times.
    'a.txt': `${randomUUID()}\n`,
  });
}

const json = (ws: string, file: string) => JSON.parse(readFileSync(path.join(ws, '.repro-ci', file), 'utf8'));

describe('determinism: { rebuild: true }', () => {
  test('reports content vs metadata differences per image, never fails the run, removes the rebuilds', async () => {
    const ws = project('{ rebuild: true }');
    const r = await cli(ws, ['run']);
    expect(r.code).toBe(0);
    const out = r.stdout + r.stderr;
    expect(out).toContain(NOTE);
    expect(out).toContain(
      'rebuild check: 0/2 identical, 1 same content with different metadata, 1 with different content',
    );

    const result = json(ws, 'result.json');
    expect(result.stages.map((s: { name: string; status: string }) => `${s.name}:${s.status}`)).toEqual(
      expect.arrayContaining(['Build app:ok', 'Build data:ok', 'Rebuild check:ok', 'Step run:ok']),
    );
    const names = result.stages.map((s: { name: string }) => s.name);
    expect(names.indexOf('Rebuild check')).toBe(names.indexOf('Build data') + 1);
    const d = result.determinism;
    expect(d.buildkit).toBe(buildkit);
    expect(d).toMatchObject({ note: NOTE, contentIdentical: false });
    expect(d.sourceDateEpoch).toBeUndefined();
    const [app, data] = d.images;
    const kept = Object.fromEntries(result.images.map((i: { key: string; id: string }) => [i.key, i.id]));
    expect(app).toMatchObject({
      key: 'app',
      id: kept.app,
      verdict: 'content-differs',
      layers: {
        original: 4,
        rebuilt: 4,
        matching: 3,
        firstDifferent: { index: 3, instruction: 'RUN /bin/sh -c cat /proc/sys/kernel/random/uuid > /b.txt' },
      },
    });
    expect(app.rebuiltId).not.toBe(app.id);
    expect(data).toMatchObject({
      key: 'data',
      id: kept.data,
      verdict: 'metadata-only',
      layers: { original: 3, rebuilt: 3, matching: 3 },
    });
    expect(data.message).toMatch(
      /^data: same file content \(all 3 layers match\), different image id \(\w{12} vs \w{12}\): they differ only in the created timestamps$/,
    );

    // The kept images stay, the rebuilt ones are gone.
    for (const i of d.images) {
      expect(dockerOk('image', 'inspect', i.id)).toBe(true);
      expect(dockerOk('image', 'inspect', i.rebuiltId)).toBe(false);
    }
    expect(json(ws, 'record.json').determinism).toEqual(d);
    const report = readFileSync(path.join(ws, '.repro-ci', 'report.md'), 'utf8');
    expect(report).toContain(
      `### Rebuild check\n\n0/2 identical, 1 same content with different metadata, 1 with different content.\n\n> ${NOTE[0].toUpperCase()}${NOTE.slice(1)}.`,
    );
    expect(report).toContain(
      '| app | ❌ different content | 3/4 | layer 4: `RUN /bin/sh -c cat /proc/sys/kernel/random/uuid > /b.txt` |',
    );
    docker('image', 'rm', '--force', ...d.images.map((i: { id: string }) => i.id));
  });

  test('fail-on-difference fails the run on a content difference, with the fix', async () => {
    const ws = project('{ rebuild: true, fail-on-difference: true }');
    const r = await cli(ws, ['run']);
    expect(r.code).toBe(1);
    expect(r.stderr + r.stdout).toContain('the rebuild made images with different content: app.');
    const result = json(ws, 'result.json');
    expect(result.stages.find((s: { name: string }) => s.name === 'Rebuild check').status).toBe('failed');
    expect(result.stages.find((s: { name: string }) => s.name === 'Step run').status).toBe('skipped');
    expect(result.error.fix).toContain('`determinism.fail-on-difference: false`');
    docker('image', 'rm', '--force', ...result.images.map((i: { id: string }) => i.id));
  });
});
