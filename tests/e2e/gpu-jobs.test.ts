/**
 * GPU requests, resources and long jobs on the real engine (this machine has no GPU): a required GPU
 * fails fast with the diagnosis, `optional` falls back to the CPU and says so, resources reach the
 * container, cancellation and the post step leave nothing behind, quiet steps send a heartbeat, and
 * run-time caches persist between runs. The step timeout is covered in errors.test.ts.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { CacheService } from '../support/cache-service.js';
import { cli, containersWithLabel, engineFacts, workspaceWith } from '../support/docker.js';
import { parseFileCommands, RunnerJob } from '../support/runner.js';
import { processesOfRun } from '../../src/pipeline/cancel.js';

const BUSYBOX = 'FROM busybox:latest\n';

/** A one-image busybox project whose single step runs `script` in sh, with `extra` step settings. */
function project(script: string, extra = ''): string {
  const yml = `images:\n  app: Dockerfile\nsteps:\n  - name: run\n    command: [sh, -c, '${script}']\n    mounts: ["results:/results"]\n    network: none\n${extra}`;
  return workspaceWith({ 'repro.yml': yml, Dockerfile: BUSYBOX });
}

const runLabel = (runId: string) => `io.github.repro-ci.run=${runId}`;

describe('gpus on a machine without GPUs', () => {
  test('`gpus: all` (the input) fails before the step starts, says what is missing and how to fix it, and leaves no container', async () => {
    const ws = project('echo the step ran');
    const job = new RunnerJob({ workspace: ws, inputs: { gpus: 'all' } });
    const main = await job.main();
    expect(main.exitCode).toBe(1);
    // The input decided, over repro.yml (no `gpus:`, so none): the error and its fix name the input (issue 21).
    expect(main.stdout).toContain(
      '::error::step "run" asked for GPUs (`all` from the gpus input, over repro.yml\'s `gpus: none`), but no working NVIDIA driver: nvidia-smi is not installed on the runner.',
    );
    expect(main.stdout).toContain(
      'Docker said: docker: Error response from daemon: could not select device driver "" with capabilities: [[gpu]]',
    );
    expect(main.stdout).toContain(
      "Fix: install the NVIDIA driver on this machine (`nvidia-smi` must work on the host), then the NVIDIA Container Toolkit, and restart Docker. Or set the gpus input to `optional` (or leave it empty to use repro.yml's `none`), or to `none`.",
    );
    expect(main.stdout).not.toContain('the step ran');
    expect(main.summary).toContain('asked for GPUs (`all` from the gpus input');
    expect(containersWithLabel(runLabel(main.state.runId))).toEqual([]);
    const post = await job.post();
    // Main ended its run and every removal went through (checked above): post has nothing to list.
    expect(main.state.cleanEnd).toBe('true');
    expect(post.stdout).toContain(
      `repro-ci: main ended its run ${main.state.runId} and removed every container it started; nothing to look for.`,
    );
  });

  test('`gpus: device=0,2` in repro.yml fails the same way through the CLI', async () => {
    const ws = project('echo the step ran', '    gpus: device=0,2\n');
    const r = await cli(ws, ['run']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /error: step "run" asked for GPUs \(`gpus: device=0,2`\), but no working NVIDIA driver[^\n]*\n\s+Docker said: [^\n]*could not select device driver[^\n]*\n\s+Fix: install the NVIDIA driver/,
    );
    expect(r.stdout).not.toContain('the step ran');
  });

  test('`gpus: optional` runs on the CPU and says so in the log, the summary and the hardware output', async () => {
    const ws = project('echo on the cpu; df -k /dev/shm | tail -1', '    gpus: optional\n');
    const job = new RunnerJob({ workspace: ws });
    const main = await job.main();
    expect(main.exitCode, main.stdout + main.stderr).toBe(0);
    const said =
      'step "run" runs on the CPU: `gpus: optional`, and no working NVIDIA driver: nvidia-smi is not installed on the runner.';
    expect(main.stdout).toContain(`::warning::${said}`);
    expect(main.stdout).toContain('on the cpu');
    // No GPU, so docker's default /dev/shm (64 MiB), not the GPU default.
    expect(main.stdout).toMatch(/shm\s+65536\s/);
    expect(main.summary).toContain(`> [!WARNING]\n> ${said}`);
    expect(main.summary).toMatch(/\| Steps on CPU \(no GPU found\) \| run \|/);
    const hw = JSON.parse(main.outputs.hardware) as {
      cpu: { count: number };
      engine: { version: string; runtimes: string[] };
      buildkit?: string;
      steps: Record<string, unknown>;
      gpu?: unknown;
    };
    expect(hw.steps).toEqual({ run: { gpus: 'none', mode: 'cpu-fallback' } });
    expect(hw.cpu.count).toBe(os.cpus().length);
    expect(hw.engine.version).toBe(engineFacts().version);
    expect(hw.engine.runtimes).toContain('runc');
    expect(hw.gpu).toBeUndefined();
    expect(JSON.parse(readFileSync(path.join(ws, '.repro-ci/result.json'), 'utf8')).hardware).toEqual(hw);
  });
});

describe('resources reach the container', () => {
  test('shm-size, ulimits, cpus, user: runner and pass-env (secret values masked)', async () => {
    const script =
      'df -k /dev/shm | tail -1; echo nofile=$(ulimit -n); echo cpu.max=$(cat /sys/fs/cgroup/cpu.max 2>/dev/null || cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us); echo uid=$(id -u):$(id -g); echo key=$MY_API_KEY seed=$PLAIN_SEED; touch /results/out';
    const ws = project(
      script,
      '    shm-size: 256m\n    ulimits: { nofile: "1024:2048" }\n    cpus: 0.5\n    user: runner\n    pass-env: [MY_API_KEY, PLAIN_SEED, NOT_ON_RUNNER]\n',
    );
    const job = new RunnerJob({ workspace: ws, env: { MY_API_KEY: 'k3y-v4lue', PLAIN_SEED: '42' } });
    const main = await job.main();
    expect(main.exitCode, main.stdout + main.stderr).toBe(0);
    expect(main.stdout).toMatch(/shm\s+262144\s/);
    expect(main.stdout).toContain('nofile=1024');
    expect(main.stdout).toMatch(/cpu\.max=(50000 100000|50000)/);
    expect(main.stdout).toContain(`uid=${process.getuid!()}:${process.getgid!()}`);
    // Masked by repro-ci itself too (the step log and the job log); a 2-character value under a plain name is not.
    expect(main.stdout).toContain('key=*** seed=42');
    expect(readFileSync(path.join(ws, '.repro-ci/logs/run.log'), 'utf8')).toContain('key=*** seed=42');
    expect(main.stdout).toContain('::add-mask::k3y-v4lue');
    expect(main.stdout).not.toContain('::add-mask::42');
    expect(main.stdout).toContain(
      '::warning::step "run": NOT_ON_RUNNER is not set on the runner, so not passed to the container (`pass-env`).',
    );
  });
});

describe('cancellation and cleanup', () => {
  /**
   * Starts main in `ws` and sends `signal` to the action once `ready(runId)` holds (then after `delayMs`);
   * by default, a step that sleeps, interrupted once its container runs.
   */
  async function interrupted(
    signal: NodeJS.Signals,
    ws = project('echo started; sleep 120'),
    ready = (runId: string) => containersWithLabel(runLabel(runId)).length > 0,
    delayMs = 0,
  ) {
    let spawned = 0;
    const job: RunnerJob = new RunnerJob({
      workspace: ws,
      timeoutMs: 120_000,
      onSpawn: (child) => {
        // onSpawn runs for post too: only main is interrupted.
        if (spawned++ > 0) return;
        const poll = setInterval(() => {
          const runId = savedRunId(job.temp);
          if (runId && ready(runId)) {
            clearInterval(poll);
            setTimeout(() => child.kill(signal), delayMs);
          }
        }, 200);
        child.on('close', () => clearInterval(poll));
      },
    });
    const main = await job.main();
    return { job, main, runId: main.state.runId, ws };
  }

  test('SIGTERM mid-step: the action removes the container, and post finds nothing left', async () => {
    const { job, main, runId, ws } = await interrupted('SIGTERM');
    expect(main.exitCode).toBe(143);
    expect(main.stdout).toContain('received SIGTERM: writing what the run has, and removing its containers.');
    expect(containersWithLabel(runLabel(runId))).toEqual([]);
    // Nothing is lost (issue 20): the result and report say it was cancelled, in which stage, after what.
    const result = JSON.parse(readFileSync(path.join(ws, '.repro-ci/result.json'), 'utf8')) as {
      ok: boolean;
      stages: { name: string; status: string }[];
      error: { message: string };
    };
    expect(result.ok).toBe(false);
    expect(result.error.message).toBe(
      'the run was cancelled (SIGTERM) during "Step run"; the stages it finished are in the table.',
    );
    expect(result.stages.map((s) => s.status).slice(-2)).toEqual(['ok', 'cancelled']);
    expect(readFileSync(path.join(ws, '.repro-ci/report.md'), 'utf8')).toContain('cancelled');
    expect(existsSync(path.join(ws, '.repro-ci/run.lock'))).toBe(false);
    // A cancelled main did not end its run: post looks for what it may have left.
    expect(main.state.cleanEnd).toBeUndefined();
    const post = await job.post();
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toContain(
      `removed 0 leftover container(s), 0 network(s) and 0 temporary image(s) of run ${runId}.`,
    );
  });

  test('SIGKILL mid-build: the post step stops the docker processes the run left building', async () => {
    const ws = workspaceWith({
      'repro.yml': 'images:\n  app: Dockerfile\nsteps:\n  - name: run\n    network: none\ncache: {layers: none}\n',
      Dockerfile: `FROM busybox:latest\nRUN echo ${Date.now()} && sleep 60\n`,
    });
    // Killed once the build has run a while: its buildx (or classic docker build) is the run's process.
    const { job, main, runId } = await interrupted('SIGKILL', ws, (id) => processesOfRun(id).length > 0, 3000);
    expect(main.signal).toBe('SIGKILL');
    expect(processesOfRun(runId).length).toBeGreaterThan(0);
    const post = await job.post();
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toMatch(/stopped [1-9]\d* docker process\(es\) the run left running/);
    expect(processesOfRun(runId)).toEqual([]);
  });

  test('SIGKILL mid-step (no chance to clean up): the post step removes the running container', async () => {
    const { job, main, runId } = await interrupted('SIGKILL');
    expect(main.signal).toBe('SIGKILL');
    expect(containersWithLabel(runLabel(runId))).toHaveLength(1);
    const post = await job.post();
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toContain(
      `removed 1 leftover container(s), 0 network(s) and 0 temporary image(s) of run ${runId}.`,
    );
    expect(containersWithLabel(runLabel(runId))).toEqual([]);
  });
});

test('a quiet step prints a heartbeat line', async () => {
  const ws = project('echo begin; sleep 3; echo end', '    heartbeat: 1s\n');
  const r = await cli(ws, ['run']);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toMatch(
    /begin\n(?:.*\n)*still running step "run" \(\d+\.\ds elapsed, no output for 1\.\ds\)\n(?:.*\n)*end/,
  );
});

test('a run-time cache folder persists between runs and is mounted where the step asks', async () => {
  const xdg = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-xdg-'));
  const ws = project(
    'ls /cache/hf; test -f /cache/hf/weights || echo downloaded > /cache/hf/weights',
    '    caches: { hf: /cache/hf }\n',
  );
  const first = await cli(ws, ['run'], { XDG_CACHE_HOME: xdg });
  expect(first.code, first.stderr).toBe(0);
  expect(first.stdout).toContain(
    `run cache "hf": ${xdg}/repro-ci/run-caches/${path.basename(ws).toLowerCase()}/hf, 0 file(s), 0 B`,
  );
  const second = await cli(ws, ['run'], { XDG_CACHE_HOME: xdg });
  expect(second.code, second.stderr).toBe(0);
  expect(second.stdout).toMatch(/run cache "hf": \S+, 1 file\(s\), 11 B\n/);
  expect(second.stdout).toMatch(/\nweights\n/);
  expect(
    readFileSync(path.join(xdg, 'repro-ci/run-caches', path.basename(ws).toLowerCase(), 'hf/weights'), 'utf8'),
  ).toBe('downloaded\n');
});

test('through the action, a run-time cache reaches a fresh runner via the Actions cache, and is saved only when it changed', async () => {
  const service = await new CacheService().start();
  try {
    const toolCache = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-toolcache-'));
    const ws = project(
      'ls /cache/hf; test -f /cache/hf/weights || echo downloaded > /cache/hf/weights',
      '    caches: { hf: /cache/hf }\n',
    );
    const env = { ...service.env(), RUNNER_TOOL_CACHE: toolCache };
    const first = await new RunnerJob({ workspace: ws, env }).main();
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toMatch(/run cache "hf": \S+, 0 file\(s\), 0 B \(nothing to restore\)/);
    expect(first.stdout).toMatch(
      new RegExp(
        `run cache "hf": saved 1 file\\(s\\), 11 B as repro-ci-run-v1-${process.platform}-${process.arch}-\\S+-hf-[0-9a-f]{16}`,
      ),
    );
    expect(first.summary).toMatch(/### Run-time caches\n\n- `hf`: 1 file\(s\), 11 B, saved `repro-ci-run-v1-/);

    // A fresh runner: the same tool-cache path, empty.
    rmSync(toolCache, { recursive: true });
    const second = await new RunnerJob({ workspace: ws, env }).main();
    expect(second.exitCode, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toMatch(/run cache "hf": \S+, 1 file\(s\), 11 B \(restored repro-ci-run-v1-/);
    expect(second.stdout).toMatch(/\nweights\n/);
    expect(second.stdout).toContain('run cache "hf": unchanged, 1 file(s), 11 B');
    expect(service.entries.filter((e) => e.key.includes('-hf-'))).toHaveLength(1);
  } finally {
    await service.stop();
  }
});

/** The run id main saved so far (its state file lives under <temp>/main-<time>/ while it runs). */
function savedRunId(temp: string): string | undefined {
  const dir = readdirSync(temp).find((d) => d.startsWith('main-'));
  if (!dir) return undefined;
  return parseFileCommands(readFileSync(path.join(temp, dir, 'state'), 'utf8')).runId;
}
