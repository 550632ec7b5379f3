/**
 * runPipeline through a fake exec edge: the stage list (STAGES) runs in its order, a stage that fails
 * skips the ones after it while the results are still written, and each stage writes its part of the
 * result. The fake answers docker as a 28.5 engine with buildx on the docker driver, and its `docker run`
 * writes the metrics file a real step would write into its mount.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import type { RunContext } from '../../src/context.js';
import { Docker } from '../../src/docker/docker.js';

/** No engine API here: the Docker class asks its (fake) CLI, as it does for a remote engine. */
const NO_ENGINE_API = { socket: () => undefined, info: async () => undefined };
import type { Exec, ExecOptions, ExecResult } from '../../src/exec/exec.js';
import { MemoryLogger } from '../../src/log.js';
import { onCancel } from '../../src/pipeline/cancel.js';
import { runPipeline, STAGES } from '../../src/pipeline/pipeline.js';
import { resolveRun } from '../../src/pipeline/plan.js';
import { RESULT_FILE } from '../../src/pipeline/result.js';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

const VERSION = JSON.stringify({ Client: { Version: '28.5.0' }, Server: { Version: '28.5.0' } });
const INFO = JSON.stringify({
  ServerVersion: '28.5.0',
  Runtimes: { runc: {} },
  DriverStatus: [],
  ClientInfo: {
    Plugins: [{ Name: 'buildx', Version: 'v0.29.0', Path: '/usr/libexec/docker/cli-plugins/docker-buildx' }],
  },
});

interface Fake {
  /** Exit code of `buildx build` (the image build). */
  buildExit?: number;
  /** `docker version` fails: no engine. */
  noEngine?: boolean;
  accuracy?: number;
  /** Called as `docker run` starts; the run then ends as a removed container's does (exit 137). */
  duringRun?: () => void;
}

function fakeExec(f: Fake): { exec: Exec; commands: string[]; runs: string[][] } {
  const commands: string[] = [];
  const runs: string[][] = [];
  const exec: Exec = async (file, args, opts: ExecOptions = {}) => {
    const answer = (r: Partial<ExecResult>): ExecResult => {
      const res = { exitCode: 0, stdout: '', stderr: '', ...r };
      if (res.stdout) opts.onStdout?.(res.stdout);
      return res;
    };
    if (file !== 'docker' && !file.endsWith('docker-buildx')) return answer({ exitCode: 127, stderr: 'not found' });
    const a = file.endsWith('docker-buildx') ? ['buildx', ...args] : args;
    commands.push(a.slice(0, 2).join(' '));
    if (a[0] === 'version')
      return f.noEngine
        ? answer({ exitCode: 1, stderr: 'Cannot connect to the Docker daemon' })
        : answer({ stdout: VERSION });
    if (a[0] === 'info') return f.noEngine ? answer({ exitCode: 1 }) : answer({ stdout: INFO });
    if (a[0] === 'buildx' && a[1] === 'inspect')
      return answer({ stdout: 'Name: default\nDriver: docker\nBuildKit version: v0.25.1\n' });
    if (a[0] === 'buildx' && a[1] === 'build') {
      if (f.buildExit) return answer({ exitCode: f.buildExit, stderr: 'ERROR: failed to solve' });
      const iid = a.indexOf('--iidfile');
      if (iid > 0) writeFileSync(a[iid + 1], 'sha256:' + 'b'.repeat(64) + '\n');
      return answer({});
    }
    if (a[0] === 'run') {
      runs.push([...a]);
      if (f.duringRun) {
        f.duringRun();
        return answer({ exitCode: 137 });
      }
      // The step's bind mount of results/: it writes metrics.json there, as train.py would.
      const mount = a[a.indexOf('--mount') + 1];
      const source = /source=([^,]+)/.exec(mount)?.[1];
      if (source) writeFileSync(path.join(source, 'metrics.json'), JSON.stringify({ accuracy: f.accuracy ?? 0.95 }));
      return answer({});
    }
    return answer({});
  };
  return { exec, commands, runs };
}

function project(lintLevel = 'warn', extra: string[] = []): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-stages-'));
  roots.push(root);
  writeFileSync(
    path.join(root, 'Dockerfile'),
    'FROM python:3.12-slim\nCOPY train.py /app/\nCMD ["python", "/app/train.py"]\n',
  );
  writeFileSync(path.join(root, 'train.py'), 'print(1)\n');
  mkdirSync(path.join(root, 'results'));
  writeFileSync(
    path.join(root, 'repro.yml'),
    [
      'images: { app: Dockerfile }',
      'steps:',
      '  - name: train',
      '    mounts: [results:/results]',
      'metrics: results/metrics.json',
      'checks: { accuracy: { min: 0.9 } }',
      `lint: ${lintLevel}`,
      ...extra,
    ].join('\n') + '\n',
  );
  return root;
}

const ctx = (): RunContext => ({
  eventName: 'local',
  sha: 'c'.repeat(40),
  ref: 'refs/heads/main',
  isFork: false,
  runId: 'u1',
});

async function run(f: Fake, lintLevel?: string, extra?: string[], gpus?: string) {
  const config = loadConfig(path.join(project(lintLevel, extra), 'repro.yml'));
  const { exec, commands, runs } = fakeExec(f);
  const log = new MemoryLogger();
  const context = ctx();
  const plan = resolveRun(config, { gpus }, 'cli', {}, context);
  let t = 0;
  const result = await runPipeline({
    config,
    context,
    plan,
    docker: new Docker(exec, log, 'docker', {}, NO_ENGINE_API),
    log,
    now: () => (t += 1),
  });
  return { config, result, commands, runs, log };
}

const rows = (r: { stages: { name: string; status: string }[] }) => r.stages.map((s) => `${s.name}: ${s.status}`);

describe('the pipeline as its stage list', () => {
  test('the stages are named once, in the order docs/architecture.md gives', () => {
    expect(STAGES.map((s) => s.name)).toEqual([
      'Lint',
      'Detect Docker',
      'Promote',
      'Restore caches',
      'Lint',
      'Build',
      'Save caches',
      'Rebuild check',
      'Steps',
      'Check metrics',
      'Push',
      'Publish record',
    ]);
    const doc = readFileSync(path.resolve('docs/architecture.md'), 'utf8');
    const listed = [...doc.matchAll(/^\d+\. \*\*([^*.]+?)(?: `<\w+>`)?\.?\*\*/gm)].map((m) => m[1]);
    expect(listed).toEqual([
      'Lint',
      'Detect Docker',
      'Promote',
      'Restore caches',
      'Build',
      'Save caches',
      'Rebuild check',
      'Step',
      'Check metrics',
      'Push',
      'Publish record',
    ]);
  });

  test('a passing run: every stage in order, and each writes its part of the result', async () => {
    const { result, config } = await run({});
    expect(rows(result)).toEqual([
      'Detect Docker: ok',
      'Restore caches: ok',
      'Lint: ok',
      'Build app: ok',
      'Step train: ok',
      'Check metrics: ok',
    ]);
    expect(result.environment?.builder).toBe('buildx');
    expect(result.images).toEqual([{ key: 'app', id: 'sha256:' + 'b'.repeat(64), localTag: `${config.name}:latest` }]);
    expect(result.steps.map((s) => [s.name, s.exitCode])).toEqual([['train', 0]]);
    expect(result.checks.map((c) => [c.metric, c.ok])).toEqual([['accuracy', true]]);
    expect(result.push.push).toBe(false);
    expect(result.ok).toBe(true);
    expect(result.record?.record.passed).toBe(true);
    expect(existsSync(path.join(config.results, RESULT_FILE))).toBe(true);
  });

  test('a failed check fails its stage only: the push is decided on it, the record still written', async () => {
    const { result } = await run({ accuracy: 0.5 });
    expect(rows(result).slice(-2)).toEqual(['Step train: ok', 'Check metrics: failed']);
    expect(result.ok).toBe(false);
    expect(result.error).toBeUndefined();
    expect(result.record?.record.passed).toBe(false);
  });

  test('a failed build skips the stages after it, and the results are still written', async () => {
    const { result, config, commands } = await run({ buildExit: 1 });
    expect(rows(result)).toEqual([
      'Detect Docker: ok',
      'Restore caches: ok',
      'Lint: ok',
      'Build app: failed',
      'Step train: skipped',
      'Check metrics: skipped',
    ]);
    expect(result.error?.message).toMatch(/docker build of .*Dockerfile failed \(exit code 1\)/);
    expect(commands).not.toContain('run --rm');
    const written = JSON.parse(readFileSync(path.join(config.results, RESULT_FILE), 'utf8'));
    expect(written.stages.map((s: { name: string }) => s.name)).toContain('Step train');
  });

  test('`lint: error` with a finding stops the run before the build', async () => {
    // `FROM python:3.12-slim` has no digest pinned (RC102): under `lint: error` that stops the run.
    const { result, commands } = await run({}, 'error');
    expect(result.lint?.findings.map((f) => f.rule)).toContain('RC102');
    expect(rows(result)).toEqual([
      'Detect Docker: ok',
      'Restore caches: ok',
      'Lint: failed',
      'Build app: skipped',
      'Step train: skipped',
      'Check metrics: skipped',
    ]);
    expect(commands).not.toContain('buildx build');
  });

  test('without an engine the lint comes first: its findings are all the run can give', async () => {
    const { result } = await run({ noEngine: true });
    expect(rows(result).slice(0, 2)).toEqual(['Lint: ok', 'Detect Docker: failed']);
    expect(rows(result)).toContain('Build app: skipped');
    expect(result.ok).toBe(false);
  });

  test('--gpus reaches every run of a repeated step, not only the first (runs 2..N are renamed)', async () => {
    const { result, runs } = await run({}, 'warn', ['repeat: 2'], 'all');
    const steps = runs.filter((a) => !a.includes('nvidia-smi'));
    expect(steps).toHaveLength(2);
    for (const a of steps) expect(a.slice(a.indexOf('--gpus'), a.indexOf('--gpus') + 2)).toEqual(['--gpus', 'all']);
    expect(result.steps.map((s) => [s.name, s.gpus])).toEqual([
      ['train', 'all'],
      ['train-run2', 'all'],
    ]);
  });

  test('a cancel mid-step is the last word: no stage after it, nothing written over its results, its exit code', async () => {
    // CI row 28.5 containerd, remote driver: the handler's `docker rm -f` ended the step's `docker run`
    // (exit 137), the run went on as a failed step, and main exited 1 before the handler's 143.
    const config = loadConfig(path.join(project(), 'repro.yml'));
    const fake = fakeExec({ duringRun: () => void process.emit('SIGTERM', 'SIGTERM') });
    const log = new MemoryLogger();
    const context = ctx();
    const plan = resolveRun(config, {}, 'cli', {}, context);
    const signals = ['SIGTERM', 'SIGINT'] as const;
    const before = signals.map((s) => process.listeners(s));
    const exited = new Promise<unknown>((resolve) => {
      vi.spyOn(process, 'exit').mockImplementation(((code?: number) => resolve(code)) as never);
    });
    try {
      const docker = new Docker(fake.exec, log, 'docker', {}, NO_ENGINE_API);
      const cancellation = onCancel(docker, 'repro-ci.run=u1', log);
      const pipeline = runPipeline({ config, context, plan, docker, log, cancellation });
      expect(await exited).toBe(143);
      const after = await Promise.race([pipeline.then(() => 'returned'), new Promise((r) => setTimeout(r, 200))]);
      expect(after).toBeUndefined();
      const written = JSON.parse(readFileSync(path.join(config.results, RESULT_FILE), 'utf8'));
      expect(rows(written)).toEqual([
        'Detect Docker: ok',
        'Restore caches: ok',
        'Lint: ok',
        'Build app: ok',
        'Step train: cancelled',
      ]);
      expect(written.error.message).toBe(
        'the run was cancelled (SIGTERM) during "Step train"; the stages it finished are in the table.',
      );
      expect(fake.commands).toContain('ps --all');
    } finally {
      vi.restoreAllMocks();
      signals.forEach((s, i) => {
        for (const l of process.listeners(s)) if (!before[i].includes(l)) process.removeListener(s, l);
      });
    }
  });
});
