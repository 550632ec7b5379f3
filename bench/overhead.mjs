// Overhead of the pipeline over the same docker commands typed by hand, on examples/mnist with warm
// caches. Rounds alternate (pipeline, raw, pipeline, raw, ...) so drift hits both alike.
// Prints per-round times, the medians, and `overhead_ratio=<pipeline/raw>` last.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { arg, median, ROOT, timed, workspace } from './lib.mjs';

const rounds = Number(arg('rounds', '5'));
const ws = workspace('examples/mnist');
// A git checkout, so the pipeline tags sha-<sha> and the branch, like the raw commands below.
for (const a of [
  ['init', '-q', '-b', 'main'],
  ['add', '.'],
  ['-c', 'user.name=bench', '-c', 'user.email=bench@localhost', 'commit', '-qm', 'bench'],
])
  timed(['git', ...a], { cwd: ws });
const repo = `127.0.0.1:5000/bench-${Date.now().toString(36)}/mnist`;
const docker = (...a) => ['docker', ...a];

function pipeline() {
  return timed(
    [process.execPath, path.join(ROOT, 'dist/cli.js'), 'run', '--quiet', '--push-any-branch', '--image', repo],
    { cwd: ws },
  );
}

/** What a careful user would type: build both images, train, evaluate, read the metrics, tag and push. */
function raw() {
  const start = process.hrtime.bigint();
  for (const img of ['train', 'evaluate']) {
    timed(
      docker(
        'buildx',
        'build',
        '--progress',
        'plain',
        '--load',
        '-f',
        `${img}.dockerfile`,
        '-t',
        `mnist-${img}:latest`,
        '.',
      ),
      { cwd: ws },
    );
  }
  const mount = (h, c, ro = false) => [
    '--mount',
    `type=bind,source=${path.join(ws, h)},target=${c}${ro ? ',readonly' : ''}`,
  ];
  timed(
    docker(
      'run',
      '--rm',
      '--network',
      'none',
      '-e',
      'SEED=42',
      '-e',
      'EPOCHS=60',
      ...mount('models', '/models'),
      'mnist-train:latest',
    ),
  );
  timed(
    docker(
      'run',
      '--rm',
      '--network',
      'none',
      '-e',
      'SEED=42',
      ...mount('models', '/models', true),
      ...mount('results', '/results'),
      'mnist-evaluate:latest',
    ),
  );
  const metrics = JSON.parse(readFileSync(path.join(ws, 'results/metrics.json'), 'utf8'));
  if (!(metrics.accuracy >= 0.8 && metrics.loss <= 0.6))
    throw new Error(`metrics out of range: ${JSON.stringify(metrics)}`);
  for (const img of ['train', 'evaluate']) {
    for (const tag of ['sha-bench00', 'main']) {
      timed(docker('tag', `mnist-${img}:latest`, `${repo}-raw/${img}:${tag}`));
      timed(docker('push', `${repo}-raw/${img}:${tag}`));
    }
  }
  return Number(process.hrtime.bigint() - start) / 1e9;
}

// Warm-up: fills the layer cache and the registry for both, not counted.
pipeline();
raw();
const p = [];
const r = [];
for (let i = 0; i < rounds; i++) {
  p.push(pipeline());
  r.push(raw());
  console.log(`round ${i + 1}: pipeline ${p[i].toFixed(2)}s raw ${r[i].toFixed(2)}s`);
}
console.log(`pipeline_median_s=${median(p).toFixed(3)}`);
console.log(`raw_median_s=${median(r).toFixed(3)}`);
console.log(`overhead_ratio=${(median(p) / median(r)).toFixed(3)}`);
