/** dist/ is committed (the runner runs it as is): it must be exactly what the sources build to. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { REPO_ROOT } from '../support/runner.js';

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
    )
    .sort();
}

test('dist/ matches a fresh build of src/ (run `npm run build` and commit dist/)', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-dist-'));
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/build.mjs'), out]);
  const committed = path.join(REPO_ROOT, 'dist');
  expect(listFiles(committed)).toEqual(listFiles(out));
  for (const f of listFiles(out)) {
    expect(readFileSync(path.join(committed, f), 'utf8'), `dist/${f} is stale`).toBe(
      readFileSync(path.join(out, f), 'utf8'),
    );
  }
}, 60_000);

test('action.yml runs the bundled entry points', () => {
  const yml = readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8');
  expect(yml).toMatch(/using: node24/);
  expect(yml).toMatch(/main: dist\/index\.js/);
  expect(yml).toMatch(/post: dist\/post\.js/);
});
