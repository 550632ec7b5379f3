/**
 * One Dockerfile each rule finds and one it passes, written once: docs/lint.md shows them and a unit test
 * lints each (tests/unit/lint-examples.test.ts), so an example that stops being true fails the tests.
 */
import type { StepOutput } from './checks.js';
import type { RuleId } from './rules.js';

/** A Dockerfile with what the lint reads beside it. */
export interface LintExample {
  dockerfile: string;
  /** Build context files the Dockerfile installs from (requirements, environment files). */
  files?: Record<string, string>;
  /** The context's .dockerignore; null: it has none. Default: `.git`. */
  dockerignore?: string | null;
  /** Top-level context entries, for the rules about what the context holds: `name` → MiB (negative: excluded). */
  context?: Record<string, number>;
  /** Folders steps write into that the context sends (repro.yml's writable mounts, .dockerignore applied). */
  outputsSent?: StepOutput[];
  /** What the example says about its context, shown in the docs. */
  note?: string;
}

export interface RuleExample {
  rule: RuleId;
  finds: LintExample;
  passes: LintExample;
}

/** A digest for the examples' base images (the sha256 of nothing). */
export const EXAMPLE_DIGEST = 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const PY = `FROM python:3.11-slim@${EXAMPLE_DIGEST}`;
const df = (...lines: string[]) => `${lines.join('\n')}\n`;

export const RULE_EXAMPLES: readonly RuleExample[] = [
  {
    rule: 'RC001',
    finds: { dockerfile: df(PY, 'ENV PATH') },
    passes: { dockerfile: df(PY, 'ENV PATH=/opt/venv/bin:$PATH') },
  },
  { rule: 'RC101', finds: { dockerfile: df('FROM python') }, passes: { dockerfile: df(PY) } },
  { rule: 'RC102', finds: { dockerfile: df('FROM python:3.11-slim') }, passes: { dockerfile: df(PY) } },
  { rule: 'RC103', finds: { dockerfile: df('# syntax=docker/dockerfile:1', PY) }, passes: { dockerfile: df(PY) } },
  {
    rule: 'RC104',
    finds: { dockerfile: df(PY, 'COPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/uv') },
    passes: { dockerfile: df(PY, `COPY --from=ghcr.io/astral-sh/uv:0.4.0@${EXAMPLE_DIGEST} /uv /bin/uv`) },
  },
  {
    rule: 'RC201',
    finds: {
      dockerfile: df(PY, 'COPY requirements.txt .', 'RUN pip install -r requirements.txt'),
      files: { 'requirements.txt': 'torch>=2.0\n' },
    },
    passes: {
      dockerfile: df(PY, 'COPY requirements.txt .', 'RUN pip install -r requirements.txt'),
      files: { 'requirements.txt': 'torch==2.2.0\n' },
    },
  },
  {
    rule: 'RC202',
    finds: { dockerfile: df(PY, 'RUN pip install numpy') },
    passes: { dockerfile: df(PY, 'RUN pip install numpy==1.26.4') },
  },
  {
    rule: 'RC203',
    finds: { dockerfile: df(PY, 'COPY pyproject.toml uv.lock ./', 'RUN uv sync') },
    passes: { dockerfile: df(PY, 'COPY pyproject.toml uv.lock ./', 'RUN uv sync --locked') },
  },
  {
    rule: 'RC204',
    finds: { dockerfile: df(PY, 'RUN git clone https://github.com/facebookresearch/detectron2.git /d2') },
    passes: {
      dockerfile: df(
        PY,
        'RUN git clone https://github.com/facebookresearch/detectron2.git /d2 && git -C /d2 checkout 8c4a333',
      ),
    },
  },
  {
    rule: 'RC205',
    finds: { dockerfile: df(PY, 'RUN curl -LsSf https://astral.sh/uv/install.sh | sh') },
    passes: { dockerfile: df(PY, `COPY --from=ghcr.io/astral-sh/uv:0.4.0@${EXAMPLE_DIGEST} /uv /bin/uv`) },
  },
  {
    rule: 'RC301',
    finds: {
      dockerfile: df(PY, 'COPY . .', 'RUN pip install -r requirements.txt'),
      files: { 'requirements.txt': 'numpy==1.26.4\n' },
    },
    passes: {
      dockerfile: df(PY, 'COPY requirements.txt .', 'RUN pip install -r requirements.txt', 'COPY . .'),
      files: { 'requirements.txt': 'numpy==1.26.4\n' },
    },
  },
  {
    rule: 'RC302',
    finds: { dockerfile: df(PY), dockerignore: null, note: 'no .dockerignore' },
    passes: { dockerfile: df(PY), dockerignore: '.git\n', note: '.dockerignore: `.git`' },
  },
  {
    rule: 'RC303',
    finds: {
      dockerfile: df(PY),
      context: { data: 300, src: 1 },
      dockerignore: '.git\n',
      note: 'a context with data/ (300 MiB); .dockerignore: `.git`',
    },
    passes: {
      dockerfile: df(PY),
      context: { data: -300, src: 1 },
      dockerignore: '.git\ndata/\n',
      note: 'the same, with `data/` in .dockerignore',
    },
  },
  {
    rule: 'RC304',
    finds: { dockerfile: df(PY), context: { 'checkpoints.tar': 700 }, note: 'a context holding a 700 MiB file' },
    passes: {
      dockerfile: df(PY),
      context: { 'checkpoints.tar': -700 },
      dockerignore: '.git\ncheckpoints.tar\n',
      note: 'the same, excluded by .dockerignore',
    },
  },
  {
    rule: 'RC305',
    finds: { dockerfile: df(PY, 'COPY models/ /app/models/'), context: { src: 1 }, note: 'a context without models/' },
    passes: { dockerfile: df(PY, 'COPY src/ /app/src/'), context: { src: 1 }, note: 'the same context' },
  },
  {
    rule: 'RC306',
    finds: {
      dockerfile: df(PY, 'COPY . .'),
      outputsSent: [{ path: 'out', step: 'train' }],
      note: 'repro.yml: step train mounts `out:/out`; .dockerignore: `.git`',
    },
    passes: {
      dockerfile: df(PY, 'COPY . .'),
      dockerignore: '.git\nout/\n',
      note: 'the same, with `out/` in .dockerignore',
    },
  },
  {
    rule: 'RC401',
    finds: { dockerfile: df(PY, 'RUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*') },
    passes: {
      dockerfile: df(
        PY,
        'RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*',
      ),
    },
  },
  {
    rule: 'RC402',
    finds: { dockerfile: df(PY, 'RUN apt-get update && apt-get install -y --no-install-recommends git') },
    passes: {
      dockerfile: df(
        PY,
        'RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*',
      ),
    },
  },
  {
    rule: 'RC403',
    finds: {
      dockerfile: df(PY, 'RUN --mount=type=cache,target=/root/.cache/pip pip install --no-cache-dir numpy==1.26.4'),
    },
    passes: { dockerfile: df(PY, 'RUN --mount=type=cache,target=/root/.cache/pip pip install numpy==1.26.4') },
  },
  {
    rule: 'RC404',
    finds: {
      dockerfile: df(
        `FROM mambaorg/micromamba:1.5.8@${EXAMPLE_DIGEST}`,
        'RUN --mount=type=cache,target=/opt/conda/pkgs,uid=$MAMBA_USER_ID true',
      ),
    },
    passes: {
      dockerfile: df(
        `FROM mambaorg/micromamba:1.5.8@${EXAMPLE_DIGEST}`,
        'ARG MAMBA_USER_ID=57439',
        'RUN --mount=type=cache,target=/opt/conda/pkgs,uid=$MAMBA_USER_ID true',
      ),
    },
  },
  {
    rule: 'RC501',
    finds: { dockerfile: df(PY, 'CMD ["python", "train.py"]') },
    passes: { dockerfile: df(PY, 'ENV PYTHONUNBUFFERED=1', 'CMD ["python", "train.py"]') },
  },
  {
    rule: 'RC601',
    finds: { dockerfile: df(PY, 'ARG HF_TOKEN') },
    passes: { dockerfile: df(PY, 'RUN --mount=type=secret,id=hf_token,env=HF_TOKEN python download.py') },
  },
];
