// Shared benchmark helpers: run a command and time it, summary statistics.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs argv (no shell) and returns seconds; throws with the output when it fails. */
export function timed(argv, opts = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return seconds;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function workspace(example) {
  const ws = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-bench-'));
  cpSync(path.join(ROOT, example), ws, { recursive: true });
  return ws;
}

export function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

/**
 * The test support the benches drive the action with (the runner harness, the loopback cache service, the
 * tests' docker client), bundled from tests/support with esbuild into `tmp`.
 */
export async function loadSupport(tmp) {
  const support = path.join(tmp, 'support.mjs');
  await build({
    stdin: {
      contents:
        "export * from './tests/support/runner.ts'; export * from './tests/support/cache-service.ts'; export { docker } from './tests/support/docker.ts';",
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: support,
    logLevel: 'warning',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    // runner.ts finds action.yml and dist/ from its own folder.
    define: { 'import.meta.dirname': JSON.stringify(path.join(ROOT, 'tests/support')) },
  });
  return import(pathToFileURL(support).href);
}

/** The machine's load, printed beside every figure (1, 5 and 15 minute averages over the cores). */
export function loadLine() {
  const [a, b, c] = os.loadavg();
  return `load=${a.toFixed(2)},${b.toFixed(2)},${c.toFixed(2)} cores=${os.cpus().length}`;
}
