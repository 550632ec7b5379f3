/**
 * The Dockerfile lint for real: `repro-ci lint` through the bundled CLI on the example and on a bad
 * project, the digest the engine knows, and the lint stage of the action through the runner harness.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, docker, REGISTRY, uniqueRepo, workspaceFrom, workspaceWith } from '../support/docker.js';
import { RunnerJob } from '../support/runner.js';

/** Each finding line of the CLI: `file:line: severity RULE name`. */
function findingLines(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((l) => /^\S+:\d+: (warning|error|note) RC\d{3} /.test(l))
    .map((l) => l.replace(/^(\S+:\d+: \w+ RC\d{3} [\w-]+):.*$/, '$1'));
}

const BAD_DOCKERFILE = [
  '# syntax=docker/dockerfile:1',
  'FROM busybox',
  'ENV HF_TOKEN=hf_abcdefghijklmnopqrstuvwxyz0123456789',
  'WORKDIR /app',
  'COPY . .',
  'RUN pip install -r requirements.txt',
  'CMD ["python", "train.py"]',
  '',
].join('\n');

describe('repro-ci lint (CLI)', () => {
  test('examples/mnist is clean but for the base image digest', async () => {
    const ws = workspaceFrom('examples/mnist');
    const r = await cli(ws, ['lint']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(findingLines(r.stdout)).toEqual([
      'train.dockerfile:3: warning RC102 from-digest',
      'evaluate.dockerfile:2: warning RC102 from-digest',
    ]);
    expect(r.stdout).toContain('lint: 2 Dockerfile(s), 2 finding(s).');
    expect(r.stdout).toMatch(/ {2}train\.dockerfile: build context \. sends \d+ file\(s\), [\d.]+ KiB/);
    expect(r.stdout).toContain('SARIF: .repro-ci/lint.sarif');
    const sarif = JSON.parse(readFileSync(path.join(ws, '.repro-ci/lint.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(
      sarif.runs[0].results.map((x: any) => [
        x.ruleId,
        x.level,
        x.locations[0].physicalLocation.artifactLocation.uri,
        x.locations[0].physicalLocation.region.startLine,
      ]),
    ).toEqual([
      ['RC102', 'warning', 'train.dockerfile', 3],
      ['RC102', 'warning', 'evaluate.dockerfile', 2],
    ]);
  });

  test('a bad project: every finding on its line, and --error fails', async () => {
    const ws = workspaceWith({
      Dockerfile: BAD_DOCKERFILE,
      'requirements.txt': 'numpy==1.26.4\ntorch>=2\n',
      'data/big.csv': 'x'.repeat(5000),
    });
    const r = await cli(ws, ['lint', 'Dockerfile', '--error']);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(findingLines(r.stdout)).toEqual([
      'Dockerfile:1: error RC103 syntax-directive',
      'Dockerfile:2: error RC101 from-tag',
      'Dockerfile:2: error RC102 from-digest',
      'Dockerfile:3: error RC601 secret-in-env',
      'Dockerfile:5: error RC301 copy-all-before-deps',
      'requirements.txt:2: error RC201 requirements-unpinned',
      'Dockerfile:7: note RC501 python-unbuffered',
      'Dockerfile:2: error RC302 dockerignore-missing',
      'Dockerfile:2: error RC303 dockerignore-weak',
    ]);
    expect(r.stdout).toContain(
      'Dockerfile:2: error RC303 dockerignore-weak: the build context holds data/ (4.9 KiB), and nothing excludes it.',
    );
    // Without --error the same findings are warnings and the exit code is 0.
    const warn = await cli(ws, ['lint', 'Dockerfile', '--ignore', 'RC103,RC601']);
    expect(warn.code).toBe(0);
    expect(findingLines(warn.stdout)).toHaveLength(7);
    expect(warn.stdout).toContain('Dockerfile:2: warning RC101 from-tag');
  });

  test('the digest the engine knows for a pulled base image is offered', async () => {
    const repo = `${REGISTRY}/${uniqueRepo('base')}`;
    docker('tag', 'busybox:latest', `${repo}:1.36`);
    docker('push', `${repo}:1.36`);
    const digest = docker('image', 'inspect', '--format', '{{index .RepoDigests 0}}', `${repo}:1.36`).split('@')[1];
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const ws = workspaceWith({ Dockerfile: `FROM ${repo}:1.36\n`, '.dockerignore': '.git\n' });
    const r = await cli(ws, ['lint', 'Dockerfile']);
    expect(r.stdout).toContain(
      `Dockerfile:1: warning RC102 from-digest: \`FROM ${repo}:1.36\` is not pinned by digest; the engine has it as ${repo}@${digest}: write \`FROM ${repo}:1.36@${digest}\`.`,
    );
    const pinned = workspaceWith({ Dockerfile: `FROM ${repo}:1.36@${digest}\n`, '.dockerignore': '.git\n' });
    expect(findingLines((await cli(pinned, ['lint', 'Dockerfile'])).stdout)).toEqual([]);
  });
});

describe('the lint stage of the action', () => {
  const project = (lint: string) =>
    workspaceWith({
      'repro.yml': `images:\n  app: Dockerfile\nsteps:\n  - name: run\n    command: [sh, -c, 'echo hello']\n    network: none\n${lint}`,
      Dockerfile: 'FROM busybox:latest\n# repro-ci: ignore=RC102\nFROM busybox:latest\nCMD ["python", "x.py"]\n',
      '.dockerignore': '.git\n',
    });

  test('warn: annotations on the Dockerfile lines, SARIF output, summary section, the build goes on', async () => {
    const ws = project('');
    const main = await new RunnerJob({ workspace: ws, inputs: { push: 'never' } }).main();
    expect(main.exitCode, main.stdout + main.stderr).toBe(0);
    expect(main.stdout).toContain('::group::Lint');
    const annotations = main.stdout.split('\n').filter((l) => l.startsWith('::warning file=Dockerfile'));
    expect(
      annotations.map((l) => l.replace(/::(warning|error) file=(\S+?),line=(\d+)::(\w+ RC\d+).*/, '$1 $2:$3 $4')),
    ).toEqual([
      'warning Dockerfile:1 warning RC101',
      'warning Dockerfile:1 warning RC102',
      'warning Dockerfile:3 warning RC101',
      'warning Dockerfile:4 note RC501',
    ]);
    expect(main.stdout).toContain('lint: 1 Dockerfile(s), 4 finding(s), 1 suppressed.');
    expect(main.outputs.sarif).toBe(path.join(ws, '.repro-ci/lint.sarif'));
    expect(JSON.parse(readFileSync(main.outputs.sarif, 'utf8')).runs[0].results).toHaveLength(4);
    expect(main.summary).toContain('### Lint');
    expect(main.summary).toContain(
      '| RC101 from-tag | `Dockerfile:1` | `FROM busybox:latest` uses the `latest` tag. |',
    );
    expect(main.outputs.passed).toBe('true');
  });

  test('error (the input over repro.yml): error annotations, the run stops before the build, SARIF kept', async () => {
    const ws = project('lint: warn\n');
    const main = await new RunnerJob({ workspace: ws, inputs: { push: 'never', lint: 'error' } }).main();
    expect(main.exitCode).toBe(1);
    expect(main.stdout).toMatch(
      /^::error file=Dockerfile,line=1::error RC101 from-tag: `FROM busybox:latest` uses the `latest` tag\. Fix: /m,
    );
    expect(main.stdout).toMatch(/^::warning file=Dockerfile,line=4::note RC501/m);
    expect(main.stdout).toMatch(
      /::error::lint: 1 Dockerfile\(s\), 4 finding\(s\), 3 at level error, 1 suppressed\. `lint: error` stops the run before the build\./,
    );
    expect(main.stdout).not.toContain('::group::Build app');
    expect(main.outputs.passed).toBe('false');
    expect(existsSync(main.outputs.sarif)).toBe(true);
    expect(
      JSON.parse(readFileSync(main.outputs.sarif, 'utf8')).runs[0].results.map((r: { level: string }) => r.level),
    ).toEqual(['error', 'error', 'error', 'note']);
    expect(main.summary).toMatch(/\| Build app \| .*skipped/);
  });

  test('off: no lint stage and no SARIF', async () => {
    const main = await new RunnerJob({ workspace: project('lint: off\n'), inputs: { push: 'never' } }).main();
    expect(main.exitCode, main.stdout + main.stderr).toBe(0);
    expect(main.stdout).not.toContain('::group::Lint');
    expect(main.outputs.sarif).toBe('');
  });
});

describe('repro-ci init', () => {
  test('on the bundled example: a config that validates and runs, and a workflow; no overwrite without --force', async () => {
    const ws = workspaceFrom('examples/mnist');
    const before = readFileSync(path.join(ws, 'repro.yml'), 'utf8');
    const refused = await cli(ws, ['init']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'error: repro.yml already exists; nothing was written.\n  Fix: pass --force to overwrite',
    );
    expect(readFileSync(path.join(ws, 'repro.yml'), 'utf8')).toBe(before);
    expect(existsSync(path.join(ws, '.github/workflows/repro.yml'))).toBe(false);

    const r = await cli(ws, ['init', '--force']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('wrote repro.yml, .github/workflows/repro.yml (2 image(s), 2 step(s), 0 check(s)).');
    const yml = readFileSync(path.join(ws, 'repro.yml'), 'utf8');
    expect(yml).toContain('images:\n  train: train.dockerfile\n  evaluate: evaluate.dockerfile\n');
    expect(yml).toContain(
      [
        '    mounts:',
        '      - "results:/results"  # src/evaluate.py:23 makes the folder /results',
        '      - "models:/models:ro"  # src/evaluate.py:15 reads what train wrote',
      ].join('\n'),
    );
    expect(yml).toContain('metrics: results/metrics.json');
    expect(readFileSync(path.join(ws, '.github/workflows/repro.yml'), 'utf8')).toContain(
      '      - uses: repro-ci/repro-ci@v1',
    );
    expect((await cli(ws, ['validate'])).stdout).toBe('repro.yml: ok (2 image(s), 2 step(s), 0 check(s))\n');
    // What init wrote runs the example end to end.
    const run = await cli(ws, ['run', '--no-push', '-q']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('repro-ci: passed');
    expect(existsSync(path.join(ws, 'results/metrics.json'))).toBe(true);
  });

  test('on an empty repository: a template that validates, and what to do next', async () => {
    const ws = workspaceWith({});
    const r = await cli(ws, ['init']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('wrote repro.yml, .github/workflows/repro.yml (1 image(s), 1 step(s), 0 check(s)).');
    expect(r.stdout).toContain('  - no Dockerfile was found: write one');
    const v = await cli(ws, ['validate']);
    // The config is valid; only the Dockerfile it names is still missing.
    expect(v.stderr).toContain('images.app.dockerfile: Dockerfile "Dockerfile" not found.');
  });
});
