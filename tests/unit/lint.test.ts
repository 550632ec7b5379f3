import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  baseImages,
  contextSource,
  installCommand,
  lintDockerfile,
  parseImageRef,
  type ContextEntry,
  type LintInput,
} from '../../src/lint/checks.js';
import { isIgnored, parseDockerignore } from '../../src/lint/dockerignore.js';
import {
  isPinnedCondaSpec,
  isPinnedSpec,
  parseCondaEnvironment,
  parseRequirements,
} from '../../src/lint/requirements.js';
import { RULES } from '../../src/lint/rules.js';
import { dockerfilesAt } from '../../src/lint/run.js';
import { shellCommands } from '../../src/lint/shell.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const PINNED_FROM = `FROM python:3.11-slim@${DIGEST}`;

function lint(dockerfile: string, files: Record<string, string> = {}, extra: Partial<LintInput> = {}) {
  return lintDockerfile({
    dockerfile: { path: 'Dockerfile', text: dockerfile },
    readContext: (rel) => files[rel],
    contextPath: (rel) => rel,
    dockerignore: { path: '.dockerignore', text: '.git\n' },
    ...extra,
  });
}

/** `RULE:line` of every finding, for exact comparisons. */
function ids(dockerfile: string, files: Record<string, string> = {}, extra: Partial<LintInput> = {}): string[] {
  return lint(dockerfile, files, extra).findings.map(
    (f) => `${f.rule}:${f.file === 'Dockerfile' ? '' : `${f.file}:`}${f.line}`,
  );
}

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('each rule: a failing and a passing Dockerfile', () => {
  it('RC001 buildkit-refuses: parser errors and mounts BuildKit rejects, on their line, blocking at any level', () => {
    expect(ids(lines(PINNED_FROM, 'ENV PATH'))).toEqual(['RC001:2']);
    expect(ids(lines('RUN echo hi', PINNED_FROM))).toEqual(['RC001:1']);
    expect(ids(lines(PINNED_FROM, 'RUN --mount=type=cache,target=/c,sharing=Never true'))).toEqual(['RC001:2']);
    expect(lint(lines(PINNED_FROM, 'RUN <<EOF', 'echo')).findings[0].message).toBe(
      'unterminated heredoc: no line `EOF` ends it.',
    );
    expect(RULES.find((r) => r.id === 'RC001')?.severity).toBe('error');
    expect(ids(lines(PINNED_FROM, 'RUN --mount=type=Cache,target=/c,sharing=LOCKED true'))).toEqual([]);
  });

  it('RC404 cache-mount-unknown: a cache mount built from a name only the base image sets', () => {
    const micromamba = `FROM mambaorg/micromamba:1.5@${DIGEST}`;
    expect(ids(lines(micromamba, 'RUN --mount=type=cache,target=/opt/conda/pkgs,uid=$MAMBA_USER_ID true'))).toEqual([
      'RC404:2',
    ]);
    expect(
      lint(lines(micromamba, 'RUN --mount=type=cache,target=/opt/conda/pkgs,uid=$MAMBA_USER_ID true')).findings[0]
        .message,
    ).toContain('uses $MAMBA_USER_ID, which no ARG or ENV of this Dockerfile sets before line 2');
    expect(
      ids(
        lines(
          micromamba,
          'ARG MAMBA_USER_ID=57439',
          'RUN --mount=type=cache,target=/opt/conda/pkgs,uid=$MAMBA_USER_ID true',
        ),
      ),
    ).toEqual([]);
    // A bind mount's source is no cache: not this rule.
    expect(ids(lines(micromamba, 'RUN --mount=type=bind,source=$SRC,target=/s true'))).toEqual([]);
  });

  it('RC101 from-tag', () => {
    expect(ids(lines('FROM python'), {}, { ignore: ['RC102'] })).toEqual(['RC101:1']);
    expect(ids(lines('FROM python:latest'), {}, { ignore: ['RC102'] })).toEqual(['RC101:1']);
    expect(lint(lines('FROM ubuntu')).findings[0].message).toBe(
      '`FROM ubuntu` has no tag, so it means `ubuntu:latest`.',
    );
    expect(ids(lines('FROM python:3.11-slim'), {}, { ignore: ['RC102'] })).toEqual([]);
    expect(ids(lines(`FROM python@${DIGEST}`))).toEqual([]);
  });

  it('RC102 from-digest, with the digest the engine knows', () => {
    const found = lint(lines('FROM python:3.11-slim'), {}, { digests: { 'python:3.11-slim': DIGEST } }).findings;
    expect(found.map((f) => f.rule)).toEqual(['RC102']);
    expect(found[0].message).toBe(
      `\`FROM python:3.11-slim\` is not pinned by digest; the engine has it as python@${DIGEST}: write \`FROM python:3.11-slim@${DIGEST}\`.`,
    );
    expect(lint(lines('FROM python:3.11-slim')).findings[0].message).toMatch(
      /this engine knows no registry digest for it .*docker image inspect --format "\{\{index \.RepoDigests 0\}\}" python:3\.11-slim/,
    );
    expect(ids(lines(PINNED_FROM))).toEqual([]);
  });

  it('RC101/RC102 follow ARGs and skip stages and scratch', () => {
    const df = lines(
      'ARG PY=3.11',
      'FROM python:${PY}-slim AS deps',
      'FROM deps AS app',
      'FROM scratch',
      'COPY --from=app /x /x',
    );
    expect(ids(df)).toEqual(['RC102:2']);
    expect(lint(df).findings[0].message).toMatch(/^`FROM python:3\.11-slim` is not pinned/);
    expect(ids(lines('ARG BASE', 'FROM ${BASE}'))).toEqual([]);
    expect(ids(lines('ARG BASE', 'FROM ${BASE}'), {}, { buildArgs: { BASE: 'ubuntu' } })).toEqual([
      'RC101:2',
      'RC102:2',
    ]);
    expect(baseImages(df, {})).toEqual(['python:3.11-slim']);
    expect(baseImages(lines('ARG PY=3.11', 'FROM python:${PY}'), { PY: '3.12' })).toEqual(['python:3.12']);
  });

  it('RC103 syntax-directive', () => {
    const found = lint(lines('# syntax=docker/dockerfile:1', PINNED_FROM)).findings;
    expect(found.map((f) => `${f.rule}:${f.line}`)).toEqual(['RC103:1']);
    expect(found[0].message).toBe(
      '`# syntax=docker/dockerfile:1` makes BuildKit pull the frontend image docker/dockerfile:1 before it reads this file; offline, behind a mirror, or on BuildKit v0.8 (dockerd 20.10) the build fails with "failed to resolve source metadata for docker.io/docker/dockerfile:1".',
    );
    // Only a directive at the very top is one; further down it is a comment.
    expect(ids(lines(PINNED_FROM, '# syntax=docker/dockerfile:1'))).toEqual([]);
  });

  it('RC201 requirements-unpinned reads the copied file, line by line', () => {
    const df = lines(PINNED_FROM, 'WORKDIR /app', 'COPY requirements.txt .', 'RUN pip install -r requirements.txt');
    const reqs = lines('numpy==1.26.4', 'torch>=2.0', '# a comment', 'pandas', 'scipy==1.*', 'requests~=2.31', '-e .');
    const found = lint(df, { 'requirements.txt': reqs }).findings;
    expect(found.map((f) => `${f.rule}:${f.file}:${f.line}`)).toEqual([
      'RC201:requirements.txt:2',
      'RC201:requirements.txt:4',
      'RC201:requirements.txt:5',
      'RC201:requirements.txt:6',
    ]);
    expect(found[0].message).toBe(
      '`torch>=2.0` in requirements.txt (installed on Dockerfile line 4) is not pinned to one version.',
    );
    expect(ids(df, { 'requirements.txt': lines('numpy==1.26.4', 'pandas==2.2.0 ; python_version >= "3.9"') })).toEqual(
      [],
    );
  });

  it('RC201 accepts hashes, follows -r includes and bind mounts, and honours a trailing ignore comment', () => {
    const df = lines(
      PINNED_FROM,
      'RUN --mount=type=bind,source=reqs/base.txt,target=/tmp/r.txt pip install -r /tmp/r.txt',
    );
    const base = lines('-r extra.txt', 'numpy --hash=sha256:0123abcd', 'legacy>=1 # repro-ci: ignore=RC201');
    expect(ids(df, { 'reqs/base.txt': base, 'reqs/extra.txt': lines('scipy') })).toEqual(['RC201:reqs/extra.txt:1']);
    expect(ids(df, { 'reqs/base.txt': base, 'reqs/extra.txt': lines('scipy==1.13.0') })).toEqual([]);
  });

  it('RC202 install-unpinned', () => {
    expect(ids(lines(PINNED_FROM, 'RUN pip install numpy "torch>=2" .'))).toEqual(['RC202:2']);
    expect(lint(lines(PINNED_FROM, 'RUN python -m pip install --no-deps numpy torch==2.2.0')).findings[0].message).toBe(
      '`python -m pip install --no-deps numpy torch==2.2.0` installs `numpy` without an exact version.',
    );
    expect(ids(lines(PINNED_FROM, 'RUN conda install -y -c conda-forge numpy'))).toEqual(['RC202:2']);
    expect(
      ids(
        lines(
          PINNED_FROM,
          'RUN pip install --index-url https://x/simple numpy==1.26.4 ./vendor/pkg.whl && conda install -y numpy=1.26.4',
        ),
      ),
    ).toEqual([]);
  });

  it('RC203 lockfile-unused: uv, poetry, pipenv, conda', () => {
    expect(ids(lines(PINNED_FROM, 'COPY pyproject.toml uv.lock ./', 'RUN uv sync'))).toEqual(['RC203:3']);
    expect(ids(lines(PINNED_FROM, 'COPY pyproject.toml uv.lock ./', 'RUN uv sync --locked --no-dev'))).toEqual([]);
    expect(ids(lines(PINNED_FROM, 'COPY pyproject.toml ./', 'RUN poetry install --no-root'))).toEqual(['RC203:3']);
    expect(ids(lines(PINNED_FROM, 'COPY pyproject.toml poetry.lock ./', 'RUN poetry install --no-root'))).toEqual([]);
    expect(ids(lines(PINNED_FROM, 'COPY pyproject.toml poetry.lock ./', 'RUN poetry lock && poetry install'))).toEqual([
      'RC203:3',
    ]);
    expect(ids(lines(PINNED_FROM, 'COPY Pipfile Pipfile.lock ./', 'RUN pipenv install --system'))).toEqual(['RC203:3']);
    expect(ids(lines(PINNED_FROM, 'COPY Pipfile Pipfile.lock ./', 'RUN pipenv install --system --deploy'))).toEqual([]);
    const env = lines('name: x', 'dependencies:', '  - python=3.11.8', '  - numpy', '  - pip:', '    - torch==2.2.0');
    const conda = lines(PINNED_FROM, 'COPY environment.yml .', 'RUN conda env create -f environment.yml');
    expect(ids(conda, { 'environment.yml': env })).toEqual(['RC203:3']);
    expect(lint(conda, { 'environment.yml': env }).findings[0].message).toMatch(
      /solves environment\.yml at build time and 1 of its dependencies are not pinned \(numpy\)/,
    );
    expect(ids(conda, { 'environment.yml': env.replace('- numpy', '- numpy=1.26.4') })).toEqual([]);
    expect(
      ids(
        lines(
          PINNED_FROM,
          'COPY conda-lock.yml .',
          'RUN conda-lock install -n x conda-lock.yml && micromamba install -y -f conda-lock.yml',
        ),
      ),
    ).toEqual([]);
  });

  it('RC104 copy-from-image: an image by tag, not a stage or a digest', () => {
    expect(
      ids(
        lines(
          `${PINNED_FROM} AS build`,
          'RUN make',
          PINNED_FROM,
          'COPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/uv',
          'COPY --from=build /out /out',
          'COPY --from=0 /out /o2',
        ),
      ),
    ).toEqual(['RC104:4']);
    expect(ids(lines(PINNED_FROM, `COPY --from=ghcr.io/astral-sh/uv:0.4.0@${DIGEST} /uv /bin/uv`))).toEqual([]);
  });

  it('RC204 fetch-unpinned: releases/latest, ADD without a checksum, git clone of a branch', () => {
    expect(
      ids(
        lines(
          PINNED_FROM,
          'RUN curl -L -o /usr/bin/jq https://github.com/jqlang/jq/releases/latest/download/jq-linux-amd64',
        ),
      ),
    ).toEqual(['RC204:2']);
    expect(ids(lines(PINNED_FROM, 'ADD https://example.org/model.bin /m.bin'))).toEqual(['RC204:2']);
    expect(
      ids(lines(PINNED_FROM, `ADD --checksum=sha256:${'ab'.repeat(32)} https://example.org/model.bin /m.bin`)),
    ).toEqual([]);
    expect(ids(lines(PINNED_FROM, 'RUN git clone https://github.com/facebookresearch/detectron2.git /d2'))).toEqual([
      'RC204:2',
    ]);
    expect(lint(lines(PINNED_FROM, 'RUN git clone -b main https://github.com/x/y.git')).findings[0].message).toContain(
      'takes branch main as it is at build time',
    );
    expect(
      ids(lines(PINNED_FROM, 'RUN git clone https://github.com/x/y.git /y && cd /y && git checkout 3f2a9c1')),
    ).toEqual([]);
    expect(ids(lines(PINNED_FROM, 'RUN git clone --depth 1 --branch v0.6.1 https://github.com/x/y.git'))).toEqual([]);
    expect(
      ids(
        lines(
          PINNED_FROM,
          'RUN curl -L -o /usr/bin/jq https://github.com/jqlang/jq/releases/download/jq-1.7.1/jq-linux-amd64',
        ),
      ),
    ).toEqual([]);
  });

  it('RC205 pipe-to-shell', () => {
    expect(ids(lines(PINNED_FROM, 'RUN curl -LsSf https://astral.sh/uv/install.sh | sh'))).toEqual(['RC205:2']);
    expect(ids(lines(PINNED_FROM, 'RUN wget -qO- https://x/get.sh | sudo -E bash -'))).toEqual(['RC205:2']);
    expect(ids(lines(PINNED_FROM, 'RUN sh -c "$(curl -fsSL https://x/install.sh)"'))).toEqual(['RC205:2']);
    expect(
      ids(
        lines(
          PINNED_FROM,
          'RUN curl -fsSL -o install.sh https://x/install.sh && echo "abc  install.sh" | sha256sum -c && sh install.sh',
        ),
      ),
    ).toEqual([]);
  });

  it('RC305 copy-source-missing: what is not in the context, or .dockerignore excludes', () => {
    const have = new Set(['src', 'train.py', 'data']);
    const ctx = { contextHas: (rel: string) => have.has(rel.split('/')[0]) && rel !== 'data' };
    expect(
      ids(
        lines(
          PINNED_FROM,
          'COPY models/ /models/',
          'COPY src/ train.py /app/',
          'COPY data /data',
          'COPY *.dvc /app/',
          'COPY $SRC /x',
        ),
        {},
        ctx,
      ),
    ).toEqual(['RC305:2', 'RC305:4']);
    expect(lint(lines(PINNED_FROM, 'COPY models/ /models/'), {}, ctx).findings[0].message).toBe(
      '`COPY models/`: models is not in the build context (or .dockerignore excludes it): BuildKit fails with "models: not found".',
    );
    // Without the context (not checked) nothing is said.
    expect(ids(lines(PINNED_FROM, 'COPY models/ /models/'))).toEqual([]);
  });

  it('RC301 copy-all-before-deps', () => {
    const bad = lines(PINNED_FROM, 'WORKDIR /app', 'COPY . .', 'RUN pip install -r requirements.txt');
    const found = lint(bad, { 'requirements.txt': 'numpy==1.26.4\n' }).findings;
    expect(found.map((f) => `${f.rule}:${f.line}`)).toEqual(['RC301:3']);
    expect(found[0].message).toBe(
      '`COPY . .` (line 3) comes before the dependency install on line 4 (`pip install -r requirements.txt`): any code change re-runs the install.',
    );
    const good = lines(
      PINNED_FROM,
      'WORKDIR /app',
      'COPY requirements.txt .',
      'RUN pip install -r requirements.txt',
      'COPY . .',
    );
    expect(ids(good, { 'requirements.txt': 'numpy==1.26.4\n' })).toEqual([]);
    // Dependencies first, then the code, then the project itself (issue 17: 5 of 8 RC301 findings on public
    // Dockerfiles were this; the shape of Astral's uv Docker example, astral-sh/uv-docker-example's Dockerfile).
    const uv = lines(
      PINNED_FROM,
      'WORKDIR /app',
      'COPY uv.lock pyproject.toml ./',
      'RUN uv sync --locked --no-install-project',
      'COPY . .',
      'RUN uv sync --locked',
    );
    expect(ids(uv)).toEqual([]);
    const pipProject = lines(
      PINNED_FROM,
      'WORKDIR /app',
      'COPY requirements.txt .',
      'RUN pip install -r requirements.txt',
      'COPY . .',
      'RUN pip install --no-deps -e .',
    );
    expect(ids(pipProject, { 'requirements.txt': 'numpy==1.26.4\n' })).toEqual([]);
    // apt before the copy is not a Python dependency install.
    expect(
      ids(
        lines(
          PINNED_FROM,
          'COPY . .',
          'RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*',
        ),
      ),
    ).toEqual([]);
  });

  it('RC302 dockerignore-missing', () => {
    expect(ids(lines(PINNED_FROM), {}, { dockerignore: null })).toEqual(['RC302:1']);
    expect(ids(lines(PINNED_FROM), {}, { dockerignore: { path: '.dockerignore', text: '' } })).toEqual([]);
  });

  it('RC303 dockerignore-weak names what is in the context and not excluded', () => {
    const context: ContextEntry[] = [
      { name: 'data', dir: true, bytes: 3 * 1024 * 1024, files: 10, ignored: false },
      { name: '.git', dir: true, bytes: 0, files: 0, ignored: true },
      { name: 'src', dir: true, bytes: 1000, files: 3, ignored: false },
      { name: '.venv', dir: true, bytes: 2048, files: 1, ignored: false },
    ];
    const found = lint(lines(PINNED_FROM), {}, { context }).findings;
    expect(found.map((f) => `${f.rule}:${f.file}:${f.line}`)).toEqual(['RC303:.dockerignore:1']);
    expect(found[0].message).toBe('.dockerignore does not exclude data/ (3.0 MiB), .venv/ (2.0 KiB).');
    expect(lint(lines(PINNED_FROM), {}, { context, dockerignore: null }).findings.map((f) => f.rule)).toEqual([
      'RC302',
      'RC303',
    ]);
    expect(ids(lines(PINNED_FROM), {}, { context: context.map((e) => ({ ...e, ignored: e.name !== 'src' })) })).toEqual(
      [],
    );
  });

  it('RC304 context-large', () => {
    const big: ContextEntry[] = [
      { name: 'checkpoints.tar', dir: false, bytes: 700 * 1024 * 1024, files: 1, ignored: false },
      { name: 'src', dir: true, bytes: 5000, files: 3, ignored: false },
    ];
    const found = lint(lines(PINNED_FROM), {}, { context: big }).findings;
    expect(found.map((f) => f.rule)).toEqual(['RC304']);
    expect(found[0].message).toBe(
      'the build context is 700.0 MiB after .dockerignore; largest: checkpoints.tar 700.0 MiB, src/ 4.9 KiB.',
    );
    expect(ids(lines(PINNED_FROM), {}, { context: [{ ...big[0], ignored: true }, big[1]] })).toEqual([]);
  });

  it('RC401 apt-recommends', () => {
    expect(
      ids(lines(PINNED_FROM, 'RUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*')),
    ).toEqual(['RC401:2']);
    expect(
      ids(
        lines(
          PINNED_FROM,
          'RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*',
        ),
      ),
    ).toEqual([]);
  });

  it('RC402 apt-cleanup: cleanup or a cache mount', () => {
    expect(ids(lines(PINNED_FROM, 'RUN apt-get update && apt-get install -y --no-install-recommends git'))).toEqual([
      'RC402:2',
    ]);
    expect(
      ids(
        lines(
          PINNED_FROM,
          'RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt \\',
          '    apt-get update && apt-get install -y --no-install-recommends git',
        ),
      ),
    ).toEqual([]);
  });

  it('RC403 pip-cache-contradiction', () => {
    const found = lint(
      lines(PINNED_FROM, 'RUN --mount=type=cache,target=/root/.cache/pip pip install --no-cache-dir numpy==1.26.4'),
    ).findings;
    expect(found.map((f) => `${f.rule}:${f.line}`)).toEqual(['RC403:2']);
    expect(found[0].message).toBe(
      "`pip install --no-cache-dir numpy==1.26.4` disables pip's cache while the RUN mounts a cache at /root/.cache/pip: the mount is never used.",
    );
    expect(
      ids(
        lines(
          PINNED_FROM,
          'ENV PIP_NO_CACHE_DIR=1',
          'RUN --mount=type=cache,target=/root/.cache pip install numpy==1.26.4',
        ),
      ),
    ).toEqual(['RC403:3']);
    expect(ids(lines(PINNED_FROM, 'RUN --mount=type=cache,target=/root/.cache/pip pip install numpy==1.26.4'))).toEqual(
      [],
    );
    expect(ids(lines(PINNED_FROM, 'RUN pip install --no-cache-dir numpy==1.26.4'))).toEqual([]);
  });

  it('RC501 python-unbuffered', () => {
    expect(ids(lines(PINNED_FROM, 'CMD ["python", "train.py"]'))).toEqual(['RC501:2']);
    expect(ids(lines(PINNED_FROM, 'ENTRYPOINT python3 -m trainer'))).toEqual(['RC501:2']);
    expect(ids(lines(PINNED_FROM, 'ENTRYPOINT ["python", "-u", "train.py"]'))).toEqual([]);
    expect(ids(lines(PINNED_FROM, 'CMD ["python3.11", "-Bu", "train.py"]'))).toEqual([]);
    expect(ids(lines(PINNED_FROM, 'CMD ["python", "train.py"]', 'ENV PYTHONUNBUFFERED=1'))).toEqual([]);
    // Inherited from an earlier stage.
    expect(
      ids(lines(`${PINNED_FROM} AS base`, 'ENV PYTHONUNBUFFERED=1', 'FROM base', 'CMD ["python", "train.py"]')),
    ).toEqual([]);
    expect(ids(lines(PINNED_FROM, 'CMD ["bash", "run.sh"]'))).toEqual([]);
    // The REPL, and a version print: no script whose output is buffered (issue 17's false positives).
    expect(ids(lines(PINNED_FROM, 'CMD ["python3"]'))).toEqual([]);
    expect(ids(lines(PINNED_FROM, 'CMD python --version'))).toEqual([]);
    expect(ids(lines(PINNED_FROM, 'CMD ["python", "-c", "print(1)"]'))).toEqual(['RC501:2']);
  });

  it('RC601 secret-in-env', () => {
    const found = lint(
      lines(
        PINNED_FROM,
        'ARG HF_TOKEN',
        'ENV WANDB_API_KEY=abc123',
        'ENV MODEL=x URL=ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      ),
    ).findings;
    expect(found.map((f) => `${f.rule}:${f.line}`)).toEqual(['RC601:2', 'RC601:3', 'RC601:4']);
    expect(found.map((f) => f.message)).toEqual([
      'ARG HF_TOKEN: its name says it holds a secret, and build args are recorded in the image history (`docker history`).',
      'ENV WANDB_API_KEY: its name says it holds a secret, and ENV values are stored in the image config.',
      'ENV URL: its value looks like an access token, and ENV values are stored in the image config.',
    ]);
    expect(
      ids(
        lines(
          PINNED_FROM,
          'ENV TOKENIZERS_PARALLELISM=false HF_TOKEN_PATH=/run/secrets/hf',
          'ENV HF_TOKEN=""',
          'RUN --mount=type=secret,id=hf true',
        ),
      ),
    ).toEqual([]);
    // A global ARG that no stage declares again is used by FROM lines only: it is in no image's history.
    expect(ids(lines('ARG HF_TOKEN', PINNED_FROM))).toEqual([]);
    expect(ids(lines('ARG HF_TOKEN', PINNED_FROM, 'ARG HF_TOKEN'))).toEqual(['RC601:1', 'RC601:3']);
  });
});

describe('suppression', () => {
  it('a comment line above the instruction silences the named rules there only', () => {
    const df = lines('# repro-ci: ignore=RC101,RC102', 'FROM python', 'FROM ubuntu:latest');
    const out = lint(df);
    expect(out.findings.map((f) => `${f.rule}:${f.line}`)).toEqual(['RC101:3', 'RC102:3']);
    expect(out.suppressed).toBe(2);
  });

  it('ignore-file silences a rule everywhere, lint.ignore from repro.yml too', () => {
    expect(ids(lines('FROM python:3.11', '# repro-ci: ignore-file=RC102', 'FROM ubuntu:22.04'))).toEqual([]);
    expect(ids(lines('FROM python:3.11'), {}, { ignore: ['rc102'] })).toEqual([]);
  });

  it('a RUN comment silences RC201 findings in the files it installs', () => {
    const df = lines(
      PINNED_FROM,
      'COPY requirements.txt .',
      '# repro-ci: ignore=RC201',
      'RUN pip install -r requirements.txt',
    );
    expect(lint(df, { 'requirements.txt': 'numpy\n' })).toEqual({ findings: [], suppressed: 1 });
  });
});

describe('the rule table', () => {
  it('ids are unique and every rule says why and how to fix', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^RC\d{3}$/);
      expect(r.why.length).toBeGreaterThan(20);
      expect(r.fix.length).toBeGreaterThan(10);
    }
  });
});

describe('helpers', () => {
  it('requirements pins', () => {
    expect(
      [
        'numpy==1.26.4',
        'numpy[extra]==1.0',
        'pkg===1.0',
        './local',
        '.',
        'git+https://x/y.git@0123456789abcdef0123456789abcdef01234567',
        'pkg @ git+https://x/y@0123456789abcdef0123456789abcdef01234567',
      ].map(isPinnedSpec),
    ).toEqual(Array(7).fill(true));
    // Issue 17's false positives: local paths with extras, and URLs of one released file named by its version
    // (the PyTorch index's wheel names, e.g. torch-2.0.1+cu118-cp311-cp311-linux_x86_64.whl).
    const released = [
      '.[dev]',
      './pkg[train,eval]',
      'https://download.pytorch.org/whl/cu118/torch-2.0.1%2Bcu118-cp311-cp311-linux_x86_64.whl',
      'flash-attn @ https://github.com/x/y/releases/download/v2.5.8/flash_attn-2.5.8+cu122torch2.3-cp311-cp311-linux_x86_64.whl',
      'https://files.example.org/pkg-1.2.3.tar.gz',
    ];
    expect(released.map(isPinnedSpec)).toEqual(Array(5).fill(true));
    expect(
      ['https://x/archive/main.zip', 'https://x/pkg-latest.tar.gz', 'https://x/pkg.whl'].map(isPinnedSpec),
    ).toEqual(Array(3).fill(false));
    expect(
      [
        'numpy',
        'numpy>=1',
        'numpy~=1.2',
        'numpy==1.*',
        'numpy<2,>=1',
        'git+https://x/y.git@main',
        'pkg @ https://x/pkg.whl',
      ].map(isPinnedSpec),
    ).toEqual(Array(7).fill(false));
    expect(
      ['numpy=1.26.4', 'numpy==1.26', 'conda-forge::numpy=1.26.4=py311h0', 'python=3.11.8'].map(isPinnedCondaSpec),
    ).toEqual(Array(4).fill(true));
    expect(['numpy', 'numpy>=1', 'numpy=1.26', 'numpy=1.*'].map(isPinnedCondaSpec)).toEqual(Array(4).fill(false));
  });

  it('requirements files: continuations, options, includes', () => {
    const r = parseRequirements(
      lines(
        '--index-url https://x',
        '-r base.txt',
        'numpy==1.0 \\',
        '    --hash=sha256:abcd',
        'torch  # note',
        '-e ./pkg',
      ),
    );
    expect(r.includes).toEqual([{ path: 'base.txt', line: 2 }]);
    expect(r.requirements.map((x) => [x.line, x.name, x.pinned, x.hashed])).toEqual([
      [3, 'numpy', true, true],
      [5, 'torch', false, false],
      [6, './pkg', true, false],
    ]);
  });

  it('conda environment files', () => {
    const deps = parseCondaEnvironment(
      lines(
        'name: x',
        'channels: [conda-forge]',
        'dependencies:',
        '  - numpy=1.26.4',
        '  - scipy',
        '  - pip',
        '  - pip:',
        '      - torch>=2',
        'variables:',
        '  A: 1',
      ),
    );
    expect(deps.map((d) => [d.line, d.spec, d.pinned, d.pip])).toEqual([
      [4, 'numpy=1.26.4', true, false],
      [5, 'scipy', false, false],
      [6, 'pip', false, false],
      [8, 'torch>=2', false, true],
    ]);
  });

  it('.dockerignore matching', () => {
    const p = parseDockerignore(lines('# comment', '/models/', 'data', '**/*.pyc', '.git', 'logs/*', '!logs/keep.txt'));
    expect(
      ['models', 'models/a.npz', 'data/x.csv', 'src/a/b.pyc', 'a.pyc', '.git/HEAD', 'logs/1.txt'].every((x) =>
        isIgnored(p, x),
      ),
    ).toBe(true);
    expect(['src/train.py', 'modelsx', 'logs/keep.txt', 'database'].some((x) => isIgnored(p, x))).toBe(false);
  });

  it('shell commands', () => {
    expect(
      shellCommands(`apt-get update && sudo apt-get install -y "a b" \\\n c; FOO=1 pip install x || true # done`),
    ).toEqual([['apt-get', 'update'], ['apt-get', 'install', '-y', 'a b', 'c'], ['pip', 'install', 'x'], ['true']]);
    expect(installCommand(['python3', '-m', 'pip', 'install', 'x'])?.tool).toBe('pip');
    expect(installCommand(['micromamba', 'env', 'create', '-f', 'e.yml'])?.sub).toBe('env create');
    expect(installCommand(['ls'])).toBeUndefined();
  });

  it('image references', () => {
    expect(parseImageRef('127.0.0.1:5000/a/b:1.0@sha256:x')).toEqual({
      name: '127.0.0.1:5000/a/b',
      tag: '1.0',
      digest: 'sha256:x',
    });
    expect(parseImageRef('127.0.0.1:5000/a/b')).toEqual({ name: '127.0.0.1:5000/a/b', digest: undefined });
  });

  it('where a file the RUN reads came from', () => {
    const copies = [
      { sources: ['requirements.txt'], dest: 'requirements.txt', workdir: '/app', line: 3 },
      { sources: ['src/'], dest: 'src/', workdir: '/app', line: 4 },
      { sources: ['reqs/*.txt'], dest: '/r/', workdir: '/app', line: 5 },
    ];
    const stage = { copies, workdir: '/app' };
    expect(contextSource('requirements.txt', stage, [])).toBe('requirements.txt');
    expect(contextSource('/app/src/deps.txt', stage, [])).toBe('src/deps.txt');
    expect(contextSource('/r/dev.txt', stage, [])).toBe('reqs/dev.txt');
    expect(contextSource('other.txt', stage, [])).toBeUndefined();
  });
});

describe('dockerfilesAt: `repro-ci lint` takes files and folders', () => {
  it('a folder is every Dockerfile under it, by name; tool folders skipped; an empty folder is an error', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-lintdir-'));
    const files = [
      'Dockerfile',
      'Dockerfile.dockerignore',
      'docker/train.Dockerfile',
      'docker/Dockerfile.gpu',
      'eval.dockerfile',
      'Containerfile',
      'node_modules/x/Dockerfile',
      'README.md',
      'empty/.keep',
    ];
    for (const f of files) {
      mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      writeFileSync(path.join(dir, f), 'FROM scratch\n');
    }
    const rel = (list: string[]) => list.map((f) => path.relative(dir, f));
    expect(rel(dockerfilesAt([dir]))).toEqual([
      'Containerfile',
      'docker/Dockerfile.gpu',
      'docker/train.Dockerfile',
      'Dockerfile',
      'eval.dockerfile',
    ]);
    expect(rel(dockerfilesAt([path.join(dir, 'README.md')]))).toEqual(['README.md']);
    expect(() => dockerfilesAt([path.join(dir, 'empty')])).toThrow(/empty: no Dockerfile in this folder/);
    expect(() => dockerfilesAt([path.join(dir, 'nope')])).toThrow(/nope: no such file or folder/);
  });
});
