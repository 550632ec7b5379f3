/**
 * The corpus (tests/fixtures/dockerfile-corpus): 43 Dockerfiles written for these tests, each reproducing
 * the patterns of a public Dockerfile from an ML or research repository (named with its path and commit in
 * corpus.json). For each: the stages BuildKit reports for it (`docker buildx build --call=targets` on
 * dockerd 28.5) or the error it stops with, the RUN mounts as BuildKit reads them, and every lint finding,
 * judged by hand. A new finding, a lost one or a changed mount fails here; docs/lint.md shows the precision.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { instructionScopes, parseDockerfile, runMounts, type RunMount } from '../../src/dockerfile/parse.js';
import { lintDockerfile } from '../../src/lint/checks.js';
import { REPO_ROOT } from '../support/runner.js';

interface Fixture {
  dir: string;
  mirrors: { repo: string; path: string; commit: string };
  buildkit:
    | { stages: { name: string | null; base: string; line: number }[]; note?: string }
    | { error: string; line: number; phrase: string };
  mounts: Record<string, unknown>[];
  lint: { rule: string; line: number; true: boolean; why?: string }[];
}

const ROOT = path.join(REPO_ROOT, 'tests/fixtures/dockerfile-corpus');
const corpus = JSON.parse(readFileSync(path.join(ROOT, 'corpus.json'), 'utf8')) as { fixtures: Fixture[] };
const text = (f: Fixture) => readFileSync(path.join(ROOT, f.dir, 'Dockerfile'), 'utf8');

/** A mount as corpus.json records it. */
function shown(line: number, m: RunMount): Record<string, unknown> {
  const out: Record<string, unknown> = { line, type: m.type, target: m.target, id: m.id, sharing: m.sharing };
  if (m.source) out.source = m.source;
  if (m.uid !== undefined) out.uid = m.uid;
  if (m.gid !== undefined) out.gid = m.gid;
  if (m.mode) out.mode = m.mode;
  out.readonly = m.readonly;
  if (m.error) out.error = m.error;
  if (m.unresolved) out.unresolved = m.unresolved;
  return JSON.parse(JSON.stringify(out));
}

describe('the Dockerfile corpus', () => {
  test('at least 40 files, each naming the public file and commit it mirrors', () => {
    expect(corpus.fixtures.length).toBeGreaterThanOrEqual(40);
    for (const f of corpus.fixtures)
      expect(f.mirrors).toMatchObject({
        repo: expect.stringMatching(/^[\w.-]+\/[\w.-]+$/),
        path: expect.any(String),
        commit: expect.stringMatching(/^[0-9a-f]{40}$/),
      });
  });

  test.each(corpus.fixtures.map((f) => [f.dir, f] as const))(
    '%s: stages or the error as BuildKit gives them',
    (_dir, f) => {
      const bk = f.buildkit;
      if ('error' in bk) {
        const df = parseDockerfile(text(f));
        expect(df.errors[0]).toMatchObject({ line: bk.line, message: expect.stringContaining(bk.phrase) });
        expect(bk.error).toContain(bk.phrase);
        return;
      }
      // Asked without the `# syntax` line where the frontend image is not reachable (corpus.json says so).
      const df = parseDockerfile(bk.note ? text(f).replace(/^# syntax.*\n/, '') : text(f));
      expect(df.errors).toEqual([]);
      expect(df.stages.map((s) => ({ name: s.name ?? null, base: s.from, line: s.line }))).toEqual(bk.stages);
    },
  );

  test.each(corpus.fixtures.map((f) => [f.dir, f] as const))('%s: the RUN mounts', (_dir, f) => {
    const df = parseDockerfile(text(f));
    const scopes = instructionScopes(df);
    const mounts = df.stages.flatMap((s) =>
      s.instructions.flatMap((i) => runMounts(i, scopes.get(i)).map((m) => shown(i.line, m))),
    );
    expect(mounts).toEqual(f.mounts);
  });

  test.each(corpus.fixtures.map((f) => [f.dir, f] as const))(
    '%s: every lint finding is one judged in corpus.json',
    (_dir, f) => {
      const report = lintDockerfile({
        dockerfile: { path: 'Dockerfile', text: text(f) },
        readContext: () => undefined,
        contextPath: (r) => r,
      });
      const key = (x: { rule: string; line: number }) => `${x.rule}@${x.line}`;
      expect(report.findings.map(key).sort()).toEqual(f.lint.map(key).sort());
    },
  );

  test('precision on the corpus: at least 95% of the findings are real problems', () => {
    const all = corpus.fixtures.flatMap((f) => f.lint);
    const precision = all.filter((x) => x.true).length / all.length;
    expect(all.length).toBeGreaterThan(50);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    for (const x of all.filter((y) => !y.true))
      expect(x.why, `${x.rule}@${x.line} is judged false without a reason`).toBeTruthy();
  });
});
