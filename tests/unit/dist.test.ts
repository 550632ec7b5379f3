/** dist/ is committed (the runner runs it as is): it must be exactly what the sources build to. */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
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

test('what each start parses stays small: a shared chunk that pulls in a large one would show here', () => {
  const dist = path.join(REPO_ROOT, 'dist');
  const bytes = (entry: string) => [...staticImports(path.join(dist, entry))].reduce((n, f) => n + statSync(f).size, 0);
  // Measured: main ~0.74 MB (yaml ~0.19 MB of it), post ~0.15 MB. Undici bundled in would add ~0.8 MB to each.
  expect(bytes('index.js')).toBeLessThan(900_000);
  expect(bytes('post.js')).toBeLessThan(200_000);
});

test('undici and the Azure blob SDK load on first use: main and post start without them, and they are there when asked', () => {
  const dist = path.join(REPO_ROOT, 'dist');
  // What a start parses: llhttp is undici's HTTP parser, the `// node_modules/...` comments name bundled files.
  for (const entry of ['index.js', 'post.js'])
    for (const f of staticImports(path.join(dist, entry))) {
      const text = readFileSync(f, 'utf8');
      expect(text, `${path.relative(dist, f)} (loaded by ${entry})`).not.toContain('llhttp');
      expect(text, `${path.relative(dist, f)} (loaded by ${entry})`).not.toContain('node_modules/@azure/');
    }
  const cacheChunk = listFiles(dist).find((f) => /^chunks\/cache-/.test(f))!;
  expect(readFileSync(path.join(dist, cacheChunk), 'utf8')).not.toContain('node_modules/@azure/storage-blob');
  const lazy = {
    'undici.cjs': ['ProxyAgent', 'fetch'],
    'azure-storage-blob.cjs': ['BlobClient', 'BlockBlobClient'],
    'actions-http-client.cjs': ['HttpClient'],
  };
  for (const [file, names] of Object.entries(lazy)) {
    // Its shims: in the bundle's chunks, and in another lazy file that imports it (http-client: undici).
    const shims = listFiles(dist).filter((f) => readFileSync(path.join(dist, f), 'utf8').includes(`"./${file}"`));
    expect(shims.length, file).toBeGreaterThan(0);
    for (const shim of shims) {
      expect(path.dirname(shim)).toBe('chunks');
      // The shim's require resolves from the bundle's chunks (each chunk's banner makes it from its own URL).
      const mod = createRequire(path.join(dist, shim))(`./${file}`) as Record<string, unknown>;
      for (const n of names) expect(typeof mod[n], `${file}: ${n}`).toBe('function');
    }
  }
  // @actions/core's own http-client (its OIDC client) is the lazy one: post starts without any.
  for (const f of staticImports(path.join(dist, 'post.js')))
    expect(readFileSync(f, 'utf8'), path.relative(dist, f)).not.toContain(
      '// node_modules/@actions/http-client/lib/index.js',
    );
});
