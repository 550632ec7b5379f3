/**
 * The readers under `repro-ci init`: what a Python script reads and writes (src/init/python.ts), what a
 * Dockerfile puts where (src/init/image.ts), and the pipeline-side rules the generated configs lean on
 * (step outputs kept out of the build context, images no step runs).
 */
import { describe, expect, it } from 'vitest';
import { parseConfig, stepOutputsIn } from '../../src/config/config.js';
import { containerPath, imageFacts } from '../../src/init/image.js';
import { evalPath, scriptFacts } from '../../src/init/python.js';
import { unusedImages } from '../../src/pipeline/pipeline.js';

describe('scriptFacts', () => {
  it('env reads: a default in the code (get, getenv with a second argument) or none ([], getenv alone)', () => {
    const f = scriptFacts(
      [
        'import os',
        'SEED = int(os.environ.get("SEED", 7))',
        'A = os.getenv("A", "x")',
        'B = os.environ["B"]',
        'C = os.getenv("C")',
        'D = os.environ.get("D")',
      ].join('\n'),
    );
    expect(f.env.map((e) => [e.name, e.hasDefault, e.line])).toEqual([
      ['SEED', true, 2],
      ['A', true, 3],
      ['B', false, 4],
      ['C', false, 5],
      ['D', false, 6],
    ]);
  });

  it('writes and reads through constants, os.path.join, Path /, f-strings, def and argparse defaults', () => {
    const f = scriptFacts(
      [
        'import os, json, numpy as np, torch',
        'from pathlib import Path',
        'OUT = os.environ.get("OUT_DIR", "out")',
        'RUN = Path("runs") / "exp1"',
        'def evaluate(checkpoint: str = "models/model.pt", k=3):',
        '    model = torch.load(checkpoint)',
        '    np.save(os.path.join(OUT, "weights.npy"), model)',
        '    with open(f"{OUT}/metrics.json", "w") as fh:',
        '        json.dump({}, fh)',
        '    (RUN / "log.txt").write_text("x")',
        '    fig.savefig("reports/figures/loss.png")',
        '    df = pd.read_csv("data/raw/train.csv")',
        '    os.makedirs("models/checkpoints", exist_ok=True)',
        'parser.add_argument("--save-dir", default="ckpt")',
        'torch.save(model.state_dict(), os.path.join(args.save_dir, "last.pt"))',
        'open("https://example.com/x")',
      ].join('\n'),
    );
    expect(f.paths.map((p) => [p.mode, p.path, p.line, p.folder ?? false])).toEqual([
      ['read', 'models/model.pt', 6, false],
      ['write', 'out/weights.npy', 7, false],
      ['write', 'out/metrics.json', 8, false],
      ['write', 'reports/figures/loss.png', 11, false],
      ['read', 'data/raw/train.csv', 12, false],
      ['write', 'models/checkpoints', 13, true],
      ['write', 'ckpt/last.pt', 15, false],
      ['write', 'runs/exp1/log.txt', 10, false],
    ]);
  });

  it('a name bound to two different paths is not followed (the script decides at run time)', () => {
    const f = scriptFacts('P = "a/x.json"\nif big:\n    P = "b/x.json"\nopen(P, "w")\n');
    expect(f.paths).toEqual([]);
  });

  it('Path(__file__) is followed from where the script sits in the image', () => {
    expect(evalPath('Path(__file__).resolve().parents[2] / "out"', { __file__: '/app/src/pkg/train.py' })).toBe(
      '/app/out',
    );
    expect(evalPath('os.path.dirname(os.path.abspath(__file__))', { __file__: '/w/run.py' })).toBe('/w');
    expect(evalPath('Path(__file__).parent / "x"', {})).toBeUndefined();
  });

  it('GPU use, servers and the cloud, from the code (comments do not count)', () => {
    expect(scriptFacts('import torch\ndevice = "cuda" if torch.cuda.is_available() else "cpu"\n').gpu).toBe(
      'torch.cuda',
    );
    expect(scriptFacts('subprocess.run(["nvidia-smi"])\n').gpu).toBe('nvidia-smi');
    expect(scriptFacts('# we could use torch.cuda here\nprint(1)\n').gpu).toBeUndefined();
    expect(scriptFacts('import uvicorn\nuvicorn.run(app)\n').server).toBe('uvicorn');
    expect(scriptFacts('import boto3\n').cloud).toBe('boto3');
  });
});

describe('imageFacts', () => {
  const files = ['dockerfiles/train.dockerfile', 'src/pkg/train.py', 'src/pkg/__init__.py', 'configs/a.json'];
  const read = () => undefined;

  it('WORKDIR, ENTRYPOINT + CMD, where each file lands, PYTHONPATH', () => {
    const f = imageFacts(
      'dockerfiles/train.dockerfile',
      [
        'FROM python:3.11-slim AS base',
        'WORKDIR /app',
        'COPY src/ src/',
        'COPY configs ./configs',
        'ENV PYTHONPATH=/app/src',
        'FROM base',
        'WORKDIR work',
        'ENTRYPOINT ["python", "-u", "-m", "pkg.train"]',
        'CMD ["--epochs", "3"]',
      ].join('\n'),
      files,
      read,
    );
    expect([f.context, f.workdir, f.entry, f.pythonPath]).toEqual([
      '.',
      '/app/work',
      ['python', '-u', '-m', 'pkg.train', '--epochs', '3'],
      ['/app/src'],
    ]);
    expect(containerPath(f, 'src/pkg/train.py')).toBe('/app/src/pkg/train.py');
    expect(containerPath(f, 'configs/a.json')).toBe('/app/configs/a.json');
    expect(containerPath(f, 'README.md')).toBeUndefined();
  });

  it('a shell-form ENTRYPOINT ignores CMD; a file copied to a name; a glob into a folder; a CUDA base', () => {
    const f = imageFacts(
      'Dockerfile',
      [
        'FROM nvidia/cuda:12.4.0-runtime-ubuntu22.04',
        'COPY run.py /opt/main.py',
        'COPY *.json /cfg/',
        'ENTRYPOINT python /opt/main.py',
        'CMD ["ignored"]',
      ].join('\n'),
      ['Dockerfile', 'run.py', 'a.json'],
      read,
    );
    expect(f.entry).toEqual(['/bin/sh', '-c', 'python /opt/main.py']);
    expect(containerPath(f, 'run.py')).toBe('/opt/main.py');
    expect(containerPath(f, 'a.json')).toBe('/cfg/a.json');
    expect(f.gpu).toBe('its base image nvidia/cuda:12.4.0-runtime-ubuntu22.04');
  });
});

describe('what the generated configs lean on', () => {
  const config = parseConfig(
    [
      'images:',
      '  app: { dockerfile: Dockerfile, context: . }',
      '  api: api.dockerfile',
      'steps:',
      '  - { name: train, image: app, mounts: ["out:/app/out", "models:/app/models", "data:/app/data:ro"] }',
    ].join('\n'),
    '/r/repro.yml',
  );

  it('folders the steps write stay out of the build context, unless the Dockerfile COPYs them by name', () => {
    const img = config.images[0];
    expect(stepOutputsIn(img, config.steps, 'FROM x\nWORKDIR /app\nCOPY . .\n')).toEqual(['out', 'models']);
    expect(stepOutputsIn(img, config.steps, 'FROM x\nCOPY models/ models/\nCOPY . .\n')).toEqual(['out']);
  });

  it('images no step runs (a config with steps); none without steps', () => {
    expect(unusedImages(config)).toEqual(['api']);
    expect(unusedImages({ ...config, steps: [] })).toEqual([]);
  });
});
