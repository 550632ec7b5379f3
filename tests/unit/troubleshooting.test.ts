/** docs/troubleshooting.md quotes the errors exactly as the code prints them; this keeps them in step. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { chooseBuilder } from '../../src/docker/detect.js';
import { explainPushFailure } from '../../src/docker/explain.js';
import { ReproError } from '../../src/errors.js';
import { diagnoseGpuFailure, gpuPreflightError } from '../../src/gpu/gpu.js';
import { REPO_ROOT } from '../support/runner.js';

const doc = readFileSync(path.join(REPO_ROOT, 'docs/troubleshooting.md'), 'utf8');
const thrown = (f: () => unknown): ReproError => {
  try {
    f();
  } catch (e) {
    return e as ReproError;
  }
  throw new Error('expected an error');
};
/** How the CLI prints an error: the message, then `  Fix: ...`. */
const printed = (e: ReproError) => `${e.message}\n  Fix: ${e.fix}`;
const GPU_LINE = 'docker: Error response from daemon: could not select device driver "" with capabilities: [[gpu]].';

it.each([
  ['no buildx', () => thrown(() => chooseBuilder('auto', { clientVersion: '28.2.2', serverVersion: '20.10.24' }))],
  [
    'engine unreachable',
    () =>
      thrown(() =>
        chooseBuilder('auto', {
          clientVersion: '28.2.2',
          serverError:
            'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
        }),
      ),
  ],
  ['registry denied', () => explainPushFailure('ghcr.io/o/p:main', ['denied: permission_denied: write_package'])],
  [
    'GPU toolkit missing',
    () =>
      gpuPreflightError(
        'train',
        'all',
        diagnoseGpuFailure(
          { exitCode: 125, output: GPU_LINE },
          { runtimes: ['io.containerd.runc.v2', 'runc'], cdiSpecDirs: [] },
          { found: true, exitCode: 0, output: 'Driver Version: 550.54 CUDA Version: 12.4' },
        ),
        GPU_LINE,
      ),
  ],
  [
    'GPU driver missing',
    () =>
      gpuPreflightError(
        'train',
        'all',
        diagnoseGpuFailure(
          { exitCode: 125, output: GPU_LINE },
          { runtimes: ['runc'], cdiSpecDirs: [] },
          { found: false },
        ),
        '',
      ),
  ],
])('%s: the doc quotes the message and the fix exactly', (_, make) => {
  expect(doc).toContain(printed(make()));
});

it('quotes the buildx-preference message and the cache-service line as the sources write them', () => {
  expect(doc).toContain(
    thrown(() => chooseBuilder('buildx', { clientVersion: '28.2.2', serverVersion: '20.10.24' })).message,
  );
  const cache = readFileSync(path.join(REPO_ROOT, 'src/cache/download.ts'), 'utf8');
  const line =
    'no cache service here: cache mounts stay in the local BuildKit cache (kept between runs on this machine only).';
  expect(cache).toContain(line);
  expect(doc).toContain(line);
});
