/**
 * `repro-ci init` on small research repositories that reproduce public layouts
 * (tests/fixtures/init-repos/repos.json says which), and on the cases issue 21 found: the build context
 * from what the Dockerfile copies, outputs followed from the code into mounts shared between steps, the
 * metrics file, no env value the code already has, only runnable steps, GPU use.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanRepo } from '../../src/cli/init.js';
import { parseConfig, type Config } from '../../src/config/config.js';
import { planInit, type RepoScan } from '../../src/init/plan.js';
import { REPO_ROOT } from '../support/runner.js';

const FIXTURES = path.join(REPO_ROOT, 'tests/fixtures/init-repos');

function scan(files: Record<string, string>, extra: Partial<RepoScan> = {}): RepoScan {
  return { files: Object.keys(files), read: (rel) => files[rel], name: 'My Project', ...extra };
}

const textOf = (s: RepoScan) => planInit(s).files.find((f) => f.path === 'repro.yml')!.text;

/** The config init writes for a fixture repository, parsed, with its text and notes. */
function initFixture(name: string) {
  const plan = planInit(scanRepo(path.join(FIXTURES, name)));
  const text = plan.files.find((f) => f.path === 'repro.yml')!.text;
  return { plan, text, config: parseConfig(text, path.join(FIXTURES, name, 'repro.yml')) };
}

/** Steps as [name, image, command, mounts, env, gpus] with mounts relative to the repository. */
function steps(config: Config) {
  return config.steps.map((s) => [
    s.name,
    s.image,
    s.command?.join(' '),
    s.mounts.map((m) => `${path.relative(config.root, m.host)}:${m.container}${m.readOnly ? ':ro' : ''}`),
    s.env,
    s.gpus,
  ]);
}

const images = (config: Config) =>
  config.images.map((i) => [
    i.key,
    path.relative(config.root, i.dockerfile),
    path.relative(config.root, i.context) || '.',
  ]);
const metricsFile = (config: Config) => path.relative(config.root, config.metrics!.sources[0].file);

describe('init on the research repositories of tests/fixtures/init-repos', () => {
  it('dtu-mlops: train and evaluate images from the root; models/ shared from / to /app; the API left out', () => {
    const { config, text } = initFixture('dtu-mlops');
    expect(images(config)).toEqual([
      ['train', 'dockerfiles/train.dockerfile', '.'],
      ['evaluate', 'dockerfiles/evaluate.dockerfile', '.'],
    ]);
    expect(steps(config)).toEqual([
      ['train', 'train', undefined, ['models:/models', 'reports/figures:/reports/figures'], {}, 'optional'],
      ['evaluate', 'evaluate', undefined, ['reports:/app/reports', 'models:/app/models:ro'], {}, 'none'],
    ]);
    expect(metricsFile(config)).toBe('reports/metrics.json');
    expect(text).toContain(
      '  # api: dockerfiles/api.dockerfile  # not built: it starts a server (uvicorn), which runs until stopped: a step must end',
    );
    expect(text).toContain('      - "models:/app/models:ro"  # src/mnist/evaluate.py:12 reads what train wrote');
  });

  it('pneumonia-dvc: COPY data and a *.dvc glob keep the root; SEED set as a guess only where the code has no default; the dvc pull image left out', () => {
    const { config, text, plan } = initFixture('pneumonia-dvc');
    expect(images(config).map((i) => i[2])).toEqual(['.', '.']);
    expect(steps(config)).toEqual([
      ['train', 'train', undefined, ['models:/models'], { SEED: '42' }, 'none'],
      ['evaluate', 'evaluate', undefined, ['reports:/reports', 'models:/models:ro'], {}, 'none'],
    ]);
    expect(text).toContain(
      '      SEED: "42"  # guessed: src/pneumonia_classification/train.py:8 reads SEED and has no default; any fixed value makes runs comparable',
    );
    expect(text).toContain(
      '  # train_cloud: dockerfiles/train_cloud.dockerfile  # not built: it needs the cloud or remote data (dvc pull) to run',
    );
    expect(plan.notes).toContain(
      "train: src/pneumonia_classification/train.py:9 reads WANDB_API_KEY, which has no default: pass it with `pass-env: [WANDB_API_KEY]` (a secret, set in the workflow's env), never in repro.yml.",
    );
    expect(metricsFile(config)).toBe('reports/test_metrics.json');
  });

  it('ct-scan: the CPU image over the CUDA one, evaluate as another module of the same image, GPU use found', () => {
    const { config, text, plan } = initFixture('ct-scan');
    expect(images(config)).toEqual([['train', 'dockerfiles/train.dockerfile', '.']]);
    expect(steps(config)).toEqual([
      ['train', 'train', undefined, ['models:/app/models'], {}, 'optional'],
      [
        'evaluate',
        'train',
        'python -u -m ct_scan_mlops.evaluate',
        ['reports:/app/reports', 'models:/app/models:ro'],
        {},
        'none',
      ],
    ]);
    expect(text).toContain('    gpus: optional  # src/ct_scan_mlops/train.py uses nvidia-smi');
    expect(text).toContain(
      '# train_cuda: dockerfiles/train_cuda.dockerfile  # not built: an alternative to train (made for a GPU',
    );
    expect(plan.files.map((f) => f.path)).toEqual([
      'repro.yml',
      '.github/workflows/repro.yml',
      '.github/workflows/repro-gpu.yml',
    ]);
    expect(plan.files[2].text).toContain('gpus: all');
  });

  it('air-quality: one image with CMD for both steps, out/ under WORKDIR mounted for both, SEED left to the code', () => {
    const { config, text } = initFixture('air-quality');
    expect(images(config)).toEqual([['app', 'Dockerfile', '.']]);
    expect(steps(config)).toEqual([
      ['train', 'app', undefined, ['out:/app/out'], {}, 'none'],
      ['evaluate', 'app', 'python3 -u evaluate.py', ['out:/app/out'], {}, 'none'],
    ]);
    expect(metricsFile(config)).toBe('out/metrics.json');
    expect(text).toContain(
      '    # SEED: the code has its own default, kept; set under env: only to change the experiment',
    );
    expect(text).not.toMatch(/^\s+SEED:/m);
  });

  it('pedalnet: an ENTRYPOINT on a CUDA base image; argparse defaults give the model folder; test.py evaluates', () => {
    const { config, plan } = initFixture('pedalnet');
    expect(steps(config)).toEqual([
      ['train', 'app', undefined, ['models/pedalnet:/models/pedalnet'], {}, 'optional'],
      ['evaluate', 'app', 'python3 -u test.py', ['models/pedalnet:/models/pedalnet'], {}, 'optional'],
    ]);
    expect(metricsFile(config)).toBe('models/pedalnet/test_metrics.json');
    expect(plan.files.some((f) => f.path === '.github/workflows/repro-gpu.yml')).toBe(true);
  });

  it('uv-layout: one of three Dockerfiles of the same program; paths from Path(__file__).parents[2]', () => {
    const { config, text } = initFixture('uv-layout');
    expect(images(config)).toEqual([['app', 'Dockerfile', '.']]);
    expect(steps(config)).toEqual([
      ['train', 'app', undefined, ['out:/app/out'], {}, 'none'],
      ['evaluate', 'app', 'python -u -m uv_docker_example.evaluate', ['out:/app/out'], {}, 'none'],
    ]);
    expect(metricsFile(config)).toBe('out/eval.json');
    expect(text).toContain(
      '  # multistage: multistage.Dockerfile  # not built: it runs what app runs (python -m uv_docker_example.train), built another way',
    );
  });

  it('every fixture: a config that validates, checks nothing until --run, and says so', () => {
    for (const name of ['dtu-mlops', 'pneumonia-dvc', 'ct-scan', 'air-quality', 'pedalnet', 'uv-layout']) {
      const { config, plan, text } = initFixture(name);
      expect(config.checks, name).toEqual([]);
      expect(
        plan.notes.some((n) => n.startsWith('this config checks nothing yet')),
        name,
      ).toBe(true);
      expect(text, name).toContain('# This config checks nothing yet: `repro-ci init --run --force`');
    }
  });
});

describe('the cases issue 21 found', () => {
  const DTU_EVAL = [
    'FROM python:3.11-slim',
    'WORKDIR /app',
    'COPY src src/',
    'COPY data/ data/',
    'COPY *.dvc ./',
    'ENTRYPOINT ["python", "-u", "src/proj/evaluate.py"]',
  ].join('\n');

  it('a COPY source missing from the checkout (DVC data) keeps the root and says what the build needs', () => {
    const text = textOf(
      scan({
        'dockerfiles/evaluate.dockerfile': DTU_EVAL,
        'src/proj/evaluate.py': 'print(1)\n',
        'data.dvc': 'outs:\n- path: data\n',
      }),
    );
    expect(text).toContain(
      [
        '  evaluate:',
        '    dockerfile: dockerfiles/evaluate.dockerfile',
        '    context: .  # its COPY sources are found from the repository root',
        '    # the build needs data (line 4 of dockerfiles/evaluate.dockerfile): data is tracked by DVC (data.dvc): run `dvc pull` before the build',
      ].join('\n'),
    );
  });

  it('a source the .dockerignore excludes does not count as found', () => {
    const text = textOf(
      scan({
        'docker/Dockerfile':
          'FROM python:3.11-slim\nCOPY data/ /data/\nCOPY run.py /run.py\nCMD ["python", "/run.py"]\n',
        'docker/run.py': 'print(1)\n',
        'docker/data/a.csv': '1\n',
        'docker/.dockerignore': 'data\n',
        'data/a.csv': '1\n',
        'run.py': 'print(1)\n',
      }),
    );
    expect(text).toContain('    context: .  # its COPY sources are found from the repository root');
  });

  it('a folder of only Dockerfiles is no context, even when `COPY . .` would be satisfied there', () => {
    const text = textOf(
      scan({
        'docker/train.dockerfile': 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "train.py"]\n',
        'train.py': 'print(1)\n',
      }),
    );
    expect(text).toContain(
      '    context: .  # guessed: it copies the whole context, and its folder holds only build files',
    );
  });

  it('an env variable with a default in the code is never set; one without is named as a guess or to set', () => {
    const yml = textOf(
      scan({
        Dockerfile: 'FROM python:3.11-slim\nCOPY train.py .\nCMD ["python", "train.py"]\n',
        'train.py':
          'import os\nSEED = int(os.environ.get("SEED", 7))\nEPOCHS = int(os.environ["EPOCHS"])\nLR = os.getenv("LR")\n',
      }),
    );
    const config = parseConfig(yml, '/r/repro.yml');
    expect(config.steps[0].env).toEqual({});
    expect(yml).toContain(
      [
        '    # env:',
        '    #   EPOCHS: ""  # train.py:3 reads EPOCHS and has no default: set its value',
        '    #   LR: ""  # train.py:4 reads LR and has no default: set its value',
        '    # SEED: the code has its own default, kept; set under env: only to change the experiment',
      ].join('\n'),
    );
  });

  it('servers, notebooks and cloud variants are not steps; with nothing runnable, the images are built to push', () => {
    const plan = planInit(
      scan({
        'api.dockerfile': 'FROM python:3.11-slim\nCOPY app.py .\nCMD ["python", "app.py"]\n',
        'app.py': 'from flask import Flask\napp = Flask(__name__)\napp.run(host="0.0.0.0")\n',
        'lab.dockerfile': 'FROM python:3.11-slim\nCMD ["jupyter", "lab", "--ip=0.0.0.0"]\n',
        'train_cloud.dockerfile': 'FROM python:3.11-slim\nCOPY train.py .\nCMD ["python", "train.py"]\n',
        'train.py': 'import os\nos.system("dvc pull")\n',
      }),
    );
    const yml = plan.files[0].text;
    expect(yml).toContain(
      '  api: api.dockerfile  # built to push; no step: it starts a server (Flask), which runs until stopped',
    );
    expect(yml).toContain('  lab: lab.dockerfile  # built to push; no step: it starts a server (jupyter)');
    expect(yml).toContain(
      '  train_cloud: train_cloud.dockerfile  # built to push; no step: it needs the cloud or remote data (dvc pull)',
    );
    expect(yml).toContain('# steps: no Dockerfile runs a script on its own');
    expect(parseConfig(yml, '/r/repro.yml').steps).toEqual([]);
  });

  it('a script writing straight into its working directory is told where to write instead', () => {
    const plan = planInit(
      scan({
        Dockerfile: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY train.py .\nCMD ["python", "train.py"]\n',
        'train.py': 'import json\njson.dump({"acc": 1}, open("metrics.json", "w"))\n',
      }),
    );
    expect(plan.notes).toContain(
      'train: train.py:2 writes metrics.json straight into the working directory /app, where it is lost with the container: write it into a folder (e.g. out/metrics.json) and run init again.',
    );
  });

  it('a script the image does not hold is not a step of that image', () => {
    const yml = textOf(
      scan({
        Dockerfile: 'FROM python:3.11-slim\nCOPY train.py .\nCMD ["python", "train.py"]\n',
        'train.py': 'print(1)\n',
        'scripts/evaluate.py': 'print(2)\n',
      }),
    );
    expect(parseConfig(yml, '/r/repro.yml').steps.map((s) => s.name)).toEqual(['train']);
  });

  it('an empty repository: a template that validates, and what to write', () => {
    const plan = planInit(scan({}));
    const config = parseConfig(plan.files[0].text, '/r/repro.yml');
    expect(config.images.map((i) => i.key)).toEqual(['app']);
    expect(config.steps.map((x) => x.name)).toEqual(['app']);
    expect(plan.notes[0]).toBe(
      'no Dockerfile was found: write one (dependencies first, then the code; see docs/lint.md), then run `repro-ci init --force`.',
    );
  });

  it('Dockerfiles under tests/ are fixtures; without steps every image is built (to push); names valid and unique', () => {
    const config = parseConfig(
      textOf(
        scan({
          'tests/fixtures/Dockerfile': 'FROM x\n',
          'Dockerfile.GPU_Train': 'FROM x\n',
          'gpu_train.dockerfile': 'FROM x\n',
        }),
      ),
      '/r/repro.yml',
    );
    expect(config.images.map((i) => [i.key, i.dockerfile])).toEqual([
      ['gpu_train', '/r/Dockerfile.GPU_Train'],
      ['gpu_train-2', '/r/gpu_train.dockerfile'],
    ]);
    expect(config.steps).toEqual([]);
  });

  it('a GitHub remote names the push repository', () => {
    const yml = textOf(scan({ Dockerfile: 'FROM x\nCMD ["true"]\n' }, { github: 'Octo-Org/Proj' }));
    expect(yml).toContain('push:\n  image: ghcr.io/octo-org/proj\n');
  });
});

describe('init --run: the measured metrics become the reference', () => {
  it('checks within 1% of the reference, a bound by name, counters and timings left out', () => {
    const s = scanRepo(path.join(FIXTURES, 'air-quality'));
    const plan = planInit(s, {
      reference: 'reference/metrics.json',
      metrics: { rmse: 0.3249, r2: -0.2, seconds: 3.1, n_test: 200, zero_err: 0 },
    });
    const yml = plan.files[0].text;
    expect(yml).toContain(
      [
        'metrics:',
        '  file: out/metrics.json  # evaluate.py:17 writes it (step evaluate)',
        '  reference: reference/metrics.json  # commit it',
        'checks:  # measured by `repro-ci init --run`; reference: within 1% of reference/metrics.json (widen rtol where runs vary: GPU, threads)',
        '  rmse: { max: 0.341, reference: { rtol: 0.01 } }  # measured: 0.3249',
        '  r2: { min: -0.21, reference: { rtol: 0.01 } }  # measured: -0.2',
        '  zero_err: { max: 0, reference: { atol: 1e-6 } }  # measured: 0',
      ].join('\n'),
    );
    expect(plan.summary.checks).toBe(3);
    expect(plan.notes.some((n) => n.startsWith('this config checks nothing'))).toBe(false);
  });
});
