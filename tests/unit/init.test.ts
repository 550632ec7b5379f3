import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { planInit, type RepoScan } from '../../src/init/plan.js';

function scan(files: Record<string, string>, extra: Partial<RepoScan> = {}): RepoScan {
  return { files: Object.keys(files), read: (rel) => files[rel], name: 'My Project', ...extra };
}

const configOf = (s: RepoScan) => planInit(s).files.find((f) => f.path === 'repro.yml')!.text;

const TRAIN_PY = 'import os\nSEED = int(os.environ.get("SEED", "0"))\nout = "/models/model.npz"\n';
const EVAL_PY =
  'import json, os\nSEED = int(os.getenv("SEED", "0"))\nm = "/models/model.npz"\nopen(os.path.join("/results", "metrics.json"), "w")\n';

describe('planInit', () => {
  it('an mnist-like repo: two images in role order, steps with seeds and mounts, the metrics file', () => {
    const s = scan({
      'evaluate.dockerfile': 'FROM python:3.11-slim\nCOPY src/ src/\nENTRYPOINT ["python", "-u", "src/evaluate.py"]\n',
      'train.dockerfile': 'FROM python:3.11-slim\nCOPY src/ src/\nENTRYPOINT ["python", "-u", "src/train.py"]\n',
      'src/train.py': TRAIN_PY,
      'src/evaluate.py': EVAL_PY,
    });
    const plan = planInit(s);
    const yml = configOf(s);
    expect(plan.summary).toEqual({ images: 2, steps: 2, checks: 0 });
    expect(yml).toContain('name: my-project\n');
    expect(yml).toContain('images:\n  train: train.dockerfile\n  evaluate: evaluate.dockerfile\n');
    expect(yml).toContain(
      [
        '  - name: train',
        '    image: train',
        '    env: { SEED: 42 }  # src/train.py reads SEED: a fixed seed makes runs comparable',
        '    mounts: ["models:/models"]  # guessed from the paths src/train.py uses',
      ].join('\n'),
    );
    expect(yml).toContain(
      '    mounts: ["models:/models:ro", "results:/results"]  # guessed from the paths src/evaluate.py uses',
    );
    expect(yml).not.toContain('command:');
    expect(yml).toContain('metrics: results/metrics.json\n# checks:');
    expect(plan.notes).toEqual([
      'set the thresholds under `checks:` in repro.yml (the metrics file results/metrics.json is written by a step; no values were found to start from).',
      'no GitHub remote was found: set `push.image` (e.g. ghcr.io/OWNER/REPO) to publish the images.',
    ]);
  });

  it('one Dockerfile in docker/ copying from the root, scripts, a committed metrics file, a GitHub remote', () => {
    const s = scan(
      {
        'docker/Dockerfile': 'FROM python:3.11-slim\nCOPY requirements.txt .\nCOPY train.py eval.py ./\n',
        'requirements.txt': 'numpy==1.26.4\n',
        'train.py': TRAIN_PY,
        'eval.py': EVAL_PY,
        'results/metrics.json': JSON.stringify({ accuracy: 0.912, loss: 0.25, test: { f1: 0.8 }, epochs: 3 }),
      },
      { github: 'Octo-Org/Proj' },
    );
    const yml = configOf(s);
    expect(yml).toContain(
      'images:\n  docker:\n    dockerfile: docker/Dockerfile\n    context: .  # guessed: its COPY sources are found from the repository root\n',
    );
    expect(yml).toContain('    command: [python, -u, train.py]  # guessed from train.py');
    expect(yml).toContain('    command: [python, -u, eval.py]  # guessed from eval.py');
    expect(yml).toContain(
      [
        'checks:  # guessed: a margin around the values in the metrics file found in the repository',
        '  accuracy: { min: 0.866 }  # seen: 0.912',
        '  loss: { max: 0.263 }  # seen: 0.25',
        '  test.f1: { min: 0.76 }  # seen: 0.8',
      ].join('\n'),
    );
    expect(yml).toContain('push:\n  image: ghcr.io/octo-org/proj\n');
    const config = parseConfig(yml, '/r/repro.yml');
    expect(config.steps.map((x) => [x.name, x.image, x.command])).toEqual([
      ['train', 'docker', ['python', '-u', 'train.py']],
      ['evaluate', 'docker', ['python', '-u', 'eval.py']],
    ]);
    expect(config.checks.map((c) => [c.metric, c.min, c.max])).toEqual([
      ['accuracy', 0.866, undefined],
      ['loss', undefined, 0.263],
      ['test.f1', 0.76, undefined],
    ]);
    expect(planInit(s).files[1].text).toContain('packages: write          # push to ghcr.io');
  });

  it('an empty repository: a template that validates, and what to write', () => {
    const plan = planInit(scan({}));
    const config = parseConfig(plan.files[0].text, '/r/repro.yml');
    expect(config.images.map((i) => i.key)).toEqual(['app']);
    expect(config.steps.map((x) => x.name)).toEqual(['app']);
    expect(config.lint).toEqual({ level: 'warn', ignore: [] });
    expect(plan.notes[0]).toBe(
      'no Dockerfile was found: write one (dependencies first, then the code; see docs/lint.md), then run `repro-ci lint`.',
    );
    expect(plan.files.map((f) => f.path)).toEqual(['repro.yml', '.github/workflows/repro.yml']);
  });

  it('Dockerfiles under tests/ are fixtures, not images; names are made valid and unique', () => {
    const s = scan({
      'tests/fixtures/Dockerfile': 'FROM x\n',
      'Dockerfile.GPU_Train': 'FROM x\n',
      'gpu_train.dockerfile': 'FROM x\n',
    });
    const config = parseConfig(configOf(s), '/r/repro.yml');
    expect(config.images.map((i) => [i.key, i.dockerfile])).toEqual([
      ['gpu_train', '/r/Dockerfile.GPU_Train'],
      ['gpu_train-2', '/r/gpu_train.dockerfile'],
    ]);
  });
});
