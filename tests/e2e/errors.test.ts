/**
 * Every bad input a user can hit, run for real through the bundled CLI (and the action for
 * annotations), each asserting the message that names the file, the field and the fix.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, containersWithLabel, registryTags, REGISTRY, uniqueRepo, workspaceWith } from '../support/docker.js';
import { RunnerJob } from '../support/runner.js';

const BUSYBOX = 'FROM busybox:latest\n';

/** A one-image project whose single step runs `script` in busybox's sh. */
function project(extraYaml: string, script = 'true', files: Record<string, string> = {}): string {
  const yml = `images:\n  app: Dockerfile\nsteps:\n  - name: run\n    command: [sh, -c, '${script}']\n    mounts: ["results:/results"]\n    network: none\n${extraYaml}`;
  return workspaceWith({ 'repro.yml': yml, Dockerfile: BUSYBOX, ...files });
}

describe('config errors name file:line:col, the field and the fix', () => {
  test('YAML syntax error', async () => {
    const ws = workspaceWith({
      'repro.yml': 'images:\n  app: Dockerfile\nsteps:\n  - name: run\n    command: [sh, -c\n',
      Dockerfile: BUSYBOX,
    });
    const r = await cli(ws, ['run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/repro\.yml:\d+:\d+: is not valid YAML: .+\n\s+Fix: check the indentation and quoting/);
  });

  test('unknown key, with a suggestion', async () => {
    const ws = workspaceWith({
      'repro.yml': 'images:\n  app:\n    dockerfiel: Dockerfile\nsteps:\n  - name: run\n',
      Dockerfile: BUSYBOX,
    });
    const r = await cli(ws, ['validate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'repro.yml:3:5: images.app.dockerfiel: unknown key "dockerfiel".\n  Fix: Did you mean "dockerfile"?',
    );
  });

  test('wrong type', async () => {
    const ws = project('    timeout: ten minutes\n');
    const r = await cli(ws, ['run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'repro.yml:8:14: steps[0].timeout: the string "ten minutes" is not a duration.\n  Fix: write seconds as a number, or a duration such as `90s`, `30m` or `1h30m`.',
    );
  });

  test('missing Dockerfile', async () => {
    const ws = workspaceWith({ 'repro.yml': 'images:\n  train: train.dockerfile\nsteps:\n  - name: run\n' });
    const r = await cli(ws, ['run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'repro.yml:2:10: images.train.dockerfile: Dockerfile "train.dockerfile" not found.\n  Fix: write the path relative to repro.yml',
    );
  });

  test('a mount whose host path escapes the project', async () => {
    const ws = workspaceWith({
      'repro.yml': 'images:\n  app: Dockerfile\nsteps:\n  - name: run\n    mounts: ["../outside:/data"]\n',
      Dockerfile: BUSYBOX,
    });
    const r = await cli(ws, ['run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /repro\.yml:5:14: steps\[0\]\.mounts\[0\]: host path "\.\.\/outside" is outside the project folder .+\n\s+Fix: use a folder inside the project/,
    );
  });

  test('the action annotates each config problem on its line', async () => {
    const ws = workspaceWith({
      'repro.yml': 'images:\n  app: Dockerfile\nstpes:\n  - name: run\n',
      Dockerfile: BUSYBOX,
    });
    const main = await new RunnerJob({ workspace: ws }).main();
    expect(main.exitCode).toBe(1);
    expect(main.stdout).toContain(
      '::error title=repro.yml,file=repro.yml,line=3,col=1::stpes: unknown key "stpes". Fix: Did you mean "steps"?',
    );
    expect(main.stdout).toMatch(/::error::.*unknown key "stpes"/);
  });
});

describe('no Docker engine', () => {
  test('the engine cannot be reached: the lint findings still come first, then the fix', async () => {
    const ws = project('');
    const r = await cli(ws, ['run'], { DOCKER_HOST: `unix://${path.join(ws, 'no-such.sock')}` });
    expect(r.code).toBe(1);
    const lint = r.stderr.indexOf('RC101 from-tag');
    const engine = r.stderr.indexOf('error: the Docker engine is not reachable');
    expect(lint).toBeGreaterThan(-1);
    expect(engine).toBeGreaterThan(lint);
    expect(r.stderr).toMatch(/Fix: start the engine/);
  });
});

describe('build failures', () => {
  test('a Dockerfile that does not parse points at its line', async () => {
    const ws = project('', 'true', { Dockerfile: 'FROM busybox:latest\nFORM nothing\n' });
    const r = await cli(ws, ['run']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: Dockerfile:2: Dockerfile does not parse: unknown instruction: FORM/);
  });

  test('a RUN that fails names the command and its exit code', async () => {
    const ws = project('', 'true', { Dockerfile: 'FROM busybox:latest\nRUN echo compiling && exit 3\n' });
    const r = await cli(ws, ['run']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/building Dockerfile: `echo compiling && exit 3` failed with exit code 3/);
  });
});

describe('step failures', () => {
  test('a step that exits 1 fails with the exit code and the log tail, and keeps the log', async () => {
    // stdout and stderr reach docker's client on separate pipes, so their relative order is not kept:
    // the order is asserted within stdout only, the stderr line just has to be in the tail.
    const ws = project('', 'echo working; echo still working; echo something broke >&2; exit 1');
    const r = await cli(ws, ['run']);
    expect(r.code).toBe(1);
    const failure = r.stderr.slice(r.stderr.indexOf('step "run" failed'));
    expect(failure).toMatch(/^step "run" failed with exit code 1\.\n\s+Last lines:\n/);
    expect(failure).toMatch(/\| working\n(\s+\| something broke\n)?\s+\| still working\n/);
    expect(failure).toMatch(/\| something broke\n/);
    expect(readFileSync(path.join(ws, '.repro-ci/logs/run.log'), 'utf8')).toContain('something broke');
    expect(JSON.parse(readFileSync(path.join(ws, '.repro-ci/result.json'), 'utf8')).error.message).toMatch(
      /exit code 1/,
    );
  });

  test('a step past its timeout is stopped and removed', async () => {
    const ws = project('    timeout: 2s\n', 'echo started; sleep 60');
    const started = Date.now();
    const r = await cli(ws, ['run']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/step "run" ran past its timeout of 2\.0s and was stopped\./);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(containersWithLabel('io.github.repro-ci.step=run').filter(Boolean)).toEqual([]);
  });
});

describe('metrics and checks', () => {
  test('metrics file missing', async () => {
    const ws = project('metrics: results/metrics.json\n');
    const r = await cli(ws, ['run']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /repro\.yml:8:10: metrics file results\/metrics\.json was not written by the steps\.\n\s+Fix: make a step write it into a mounted folder/,
    );
  });

  test('metrics file not JSON', async () => {
    const ws = project('metrics: results/metrics.json\n', 'echo accuracy=0.9 > /results/metrics.json');
    const r = await cli(ws, ['run']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/results\/metrics\.json: metrics file results\/metrics\.json is not valid JSON/);
  });

  test('a rule naming a metric that is not there', async () => {
    const ws = project(
      'metrics: results/metrics.json\nchecks:\n  acuracy: { min: 0.5 }\n',
      'echo {\\"accuracy\\": 0.9} > /results/metrics.json',
    );
    const r = await cli(ws, ['run']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /acuracy\s+—\s+≥ 0\.5\s+❌ fail: metric "acuracy" is not in the metrics file; did you mean "accuracy"\?/,
    );
  });

  test('a failing threshold keeps the results and pushes nothing', async () => {
    const repo = uniqueRepo('fails');
    const ws = project(
      `metrics: results/metrics.json\nchecks:\n  accuracy: { min: 0.8 }\npush:\n  image: ${REGISTRY}/${repo}\n`,
      'echo {\\"accuracy\\": 0.5} > /results/metrics.json',
    );
    const r = await cli(ws, ['run', '--push']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/accuracy\s+0\.5\s+≥ 0\.8\s+❌ fail: 0\.5 is below the minimum 0\.8/);
    expect(r.stdout).toContain('not pushed: a step or check failed, and only images that passed are pushed');
    expect(r.stderr).toContain('error: repro.yml:10:13: check failed: accuracy ≥ 0.8: 0.5 is below the minimum 0.8');
    for (const f of ['metrics.json', 'report.md', 'result.json', 'logs/run.log'])
      expect(existsSync(path.join(ws, '.repro-ci', f)), f).toBe(true);
    expect(readFileSync(path.join(ws, '.repro-ci/report.md'), 'utf8')).toMatch(/❌ 1 check failed/);
    // The stage table says so too (issue 15: it said `Check metrics ✅ ok`), and the stages after it still ran.
    expect(r.stdout).toMatch(/Check metrics\s+❌ failed/);
    const stages = JSON.parse(readFileSync(path.join(ws, '.repro-ci/result.json'), 'utf8')).stages as {
      name: string;
      status: string;
    }[];
    expect(stages.find((s) => s.name === 'Check metrics')?.status).toBe('failed');
    expect(await registryTags(repo)).toEqual([]);
  });
});

test('a run that checks nothing passes with a warning, in the log and the report (issue 15)', async () => {
  const r = await cli(project(''), ['run']);
  expect(r.code).toBe(0);
  expect(r.stdout + r.stderr).toContain('no checks: this run built and ran its steps and checked no result');
  const withMetrics = project('metrics: results/metrics.json\n', 'echo {\\"accuracy\\": 0.5} > /results/metrics.json');
  const m = await cli(withMetrics, ['run']);
  expect(m.code).toBe(0);
  expect(m.stdout + m.stderr).toContain('no checks: results/metrics.json is read, but no rule in `checks:` judges it');
  expect(readFileSync(path.join(withMetrics, '.repro-ci/report.md'), 'utf8')).toContain(
    'no checks: results/metrics.json is read',
  );
});

test('a registry that cannot be reached', async () => {
  const ws = project('push:\n  image: 127.0.0.1:5999/nowhere/app\n');
  const r = await cli(ws, ['run', '--push']);
  expect(r.code).toBe(1);
  // Asked before docker is handed it (src/publish/registry-probe.ts): named, with why, in a second.
  expect(r.stderr).toMatch(
    /the registry 127\.0\.0\.1:5999 could not be reached \(ECONNREFUSED\) \(GET \/v2\/\), so nothing was pushed\.\n[\s\S]*Fix: check that the registry is up and that this runner reaches it/,
  );
});
