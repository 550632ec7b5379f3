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

/** The files a bundled file imports statically, itself included (what a start parses and runs). */
function staticImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const m of readFileSync(file, 'utf8').matchAll(/^(?:import|export)\b[^;]*?["'](\.\.?\/[^"']+)["']/gm))
    staticImports(path.resolve(path.dirname(file), m[1]), seen);
  return seen;
}

test('undici is loaded only when a proxy needs it: not parsed at the start of main or post, and there when asked', async () => {
  const dist = path.join(REPO_ROOT, 'dist');
  // llhttp is undici's HTTP parser: its source in a file means undici's tree is in it.
  for (const entry of ['index.js', 'post.js'])
    for (const f of staticImports(path.join(dist, entry)))
      expect(readFileSync(f, 'utf8'), `${path.relative(dist, f)} (loaded by ${entry})`).not.toContain('llhttp');
  const shims = listFiles(dist).filter((f) => readFileSync(path.join(dist, f), 'utf8').includes('"./undici.cjs"'));
  expect(shims).toHaveLength(1);
  expect(path.dirname(shims[0])).toBe('chunks');
  // Through the shim's own export, as http-client reads it: its require resolves from the bundle's chunks.
  const exported = Object.entries(await import(path.join(dist, shims[0]))) as [string, () => object][];
  const loaders = exported.filter(([name]) => name.startsWith('require_')).map(([, load]) => load);
  const undici = loaders.map((load) => load()).find((m) => 'ProxyAgent' in m) as {
    ProxyAgent: new (o: { uri: string }) => { close(): Promise<void> };
    fetch: unknown;
  };
  expect(typeof undici.fetch).toBe('function');
  await new undici.ProxyAgent({ uri: 'http://127.0.0.1:3128' }).close();
});
