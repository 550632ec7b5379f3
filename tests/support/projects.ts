/** Small projects on disk for unit tests of the cache code (no engine needed). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A temp project named `name`: one image whose Dockerfile has two cache mounts (`pip`, `objs`), a
 * requirements.txt that keys `pip`, and a one-step repro.yml; `layers` adds `cache.layers`.
 */
export function twoMountProject(name: string, opts: { layers?: 'image' } = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `repro-ci-${name}-`));
  writeFileSync(
    path.join(dir, 'Dockerfile'),
    'FROM python:3.11-slim\nRUN --mount=type=cache,id=pip,target=/root/.cache/pip true\nRUN --mount=type=cache,id=objs,target=/objs true\n',
  );
  writeFileSync(path.join(dir, 'requirements.txt'), 'numpy==2.1.0\n');
  const cache = opts.layers ? `cache:\n  layers: ${opts.layers}\n` : '';
  writeFileSync(
    path.join(dir, 'repro.yml'),
    `version: 1\nname: ${name}\n${cache}images:\n  app: Dockerfile\nsteps:\n  - name: s\n    command: ["true"]\n`,
  );
  return dir;
}
