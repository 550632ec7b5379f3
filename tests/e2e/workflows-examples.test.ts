/**
 * Every workflow the docs promise, run (not only parsed): each job of workflows-examples/ and the workflows
 * `repro-ci init` writes goes through tests/support/workflow.ts on the real engine, the local registry, the
 * loopback cache service and GitHub API, with the project the examples describe (examples/mnist, with
 * workflows-examples/configs/ at its root). Registry hosts the examples name are rewritten to the local
 * registry; other actions (checkout, setup-buildx, login, metadata-action, artifacts, SARIF upload) are
 * stand-ins that check what they are given.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CacheService } from '../support/cache-service.js';
import { cli, REGISTRY, registryTags, uniqueRepo, workspaceWith } from '../support/docker.js';
import { GitHubApi } from '../support/github-api.js';
import { REPO_ROOT } from '../support/runner.js';
import { readWorkflow, runJob, type JobRun, type StandIn } from '../support/workflow.js';

const EXAMPLES = path.join(REPO_ROOT, 'workflows-examples');
const workflow = (file: string) => readWorkflow(path.join(EXAMPLES, file));
const SHA = '0123456789abcdef0123456789abcdef01234567';
const today = new Date().toISOString().slice(0, 10);

/** examples/mnist with the example configs at its root, as the examples' README says to lay it out. */
function mnistWorkspace(): string {
  const ws = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-ws-workflows-'));
  cpSync(path.join(REPO_ROOT, 'examples/mnist'), ws, {
    recursive: true,
    filter: (src) => !/[/\\](models|results|\.repro-ci)$/.test(src),
  });
  cpSync(path.join(EXAMPLES, 'configs'), ws, { recursive: true });
  return ws;
}

describe('workflows-examples/ run through the action harness', () => {
  const cache = new CacheService();
  const api = new GitHubApi();
  const repo = uniqueRepo('mnist');
  const local = `${REGISTRY}/${repo}`;
  /** The examples' registries, pointed at the local one. */
  const rewrite = (v: string) =>
    v.replaceAll('ghcr.io/octo-org/mnist', local).replaceAll('registry.example.com/ml/mnist', `${local}-meta`);
  const artifacts = new Map<string, string>();
  /** upload-artifact: the path must exist (a file or folder); kept for download-artifact. */
  const upload: StandIn = (w) =>
    existsSync(w.path) ? (artifacts.set(w.name, w.path), {}) : new Error(`upload-artifact: ${w.path} does not exist`);
  const sarif: StandIn = (w) => {
    const doc = JSON.parse(readFileSync(w.sarif_file, 'utf8')) as { version: string };
    return doc.version === '2.1.0' ? {} : new Error(`upload-sarif: ${w.sarif_file} is not SARIF 2.1.0`);
  };
  let ws: string;
  const env = () => ({ ...cache.env(), GITHUB_API_URL: api.url });
  const base = () => ({ workspace: ws, env: env(), rewrite, uses: { 'actions/upload-artifact': upload } });
  const log = (r: JobRun) =>
    r.steps.map((s) => `${s.label}: ${s.outcome}\n${s.action?.stdout ?? s.output ?? ''}`).join('\n');

  beforeAll(async () => {
    await cache.start();
    await api.start();
    ws = mnistWorkspace();
  });
  afterAll(async () => {
    await cache.stop();
    await api.stop();
  });

  test('every-push.yml on main: smoke run, SARIF and results uploaded, the branch and sha tags pushed', async () => {
    const r = await runJob(workflow('every-push.yml'), 'smoke', {
      ...base(),
      eventName: 'push',
      ref: 'refs/heads/main',
      sha: SHA,
      payload: { repository: { full_name: 'octo-org/mnist', default_branch: 'main' } },
      uses: { 'actions/upload-artifact': upload, 'github/codeql-action/upload-sarif': sarif },
    });
    expect(r.ok, log(r)).toBe(true);
    expect(r.inputs.repro).toMatchObject({ config: 'smoke.yml', push: 'always', image: local });
    expect(stepOf(r, 'repro').outputs.pushed).toBe('true');
    expect(r.steps.map((s) => [s.label, s.outcome])).toEqual([
      ['actions/checkout@v4', 'success'],
      ['docker/setup-buildx-action@v3', 'success'],
      ['repro-ci/repro-ci@v1', 'success'],
      ['github/codeql-action/upload-sarif@v3', 'success'],
      ['actions/upload-artifact@v4', 'success'],
    ]);
    expect(await registryTags(`${repo}/evaluate`)).toEqual(['main', 'sha-0123456']);
  });

  test('scheduled-reverify.yml: mode: verify of what main published, the badge committed, the verdict summarised', async () => {
    const r = await runJob(workflow('scheduled-reverify.yml'), 'reverify', { ...base(), eventName: 'schedule' });
    expect(r.ok, log(r)).toBe(true);
    expect(r.inputs.verify).toEqual({
      mode: 'verify',
      'verify-image': `${local}/evaluate:main`,
      'badge-branch': 'repro-badges',
    });
    const verify = stepOf(r, 'verify');
    expect(verify.outputs.passed).toBe('true');
    expect(verify.outputs.badge).toMatch(new RegExp(`^reproduced 1/1 · accuracy 0\\.\\d+ · ${today}$`));
    expect(r.summary).toContain(`Re-verified: passed=true, badge "${verify.outputs.badge}"`);
    expect(JSON.parse(api.files.get('repro-badges:badges/mnist.json')!.content)).toMatchObject({
      message: verify.outputs.badge,
      color: 'brightgreen',
    });
  });

  test('release.yml: the full run of the release tag, pushed under its semver tags; Docker Hub left out without its token', async () => {
    const r = await runJob(workflow('release.yml'), 'release', {
      ...base(),
      eventName: 'release',
      ref: 'refs/tags/v1.2.3',
      sha: 'b'.repeat(40),
      payload: {
        action: 'published',
        release: { tag_name: 'v1.2.3', prerelease: false },
        repository: { full_name: 'octo-org/mnist', default_branch: 'main' },
      },
    });
    expect(r.ok, log(r)).toBe(true);
    expect(r.inputs.repro.images).toBe(`${local}\nname=docker.io/octo-org/mnist,enable=false\n`);
    expect(await registryTags(`${repo}/train`)).toEqual(['1', '1.2', '1.2.3', 'latest', 'main', 'sha-0123456']);
    expect(r.summary).toContain('### Published');
    expect(r.summary).toContain('1.2.3');
  });

  test("with-metadata-action.yml: metadata-action's tags and labels pushed as they are", async () => {
    const meta: StandIn = (w) => {
      expect(w.images).toBe('registry.example.com/ml/mnist');
      // What docker/metadata-action outputs for a push to main with these rules (full references, KEY=VALUE lines).
      return {
        tags: 'registry.example.com/ml/mnist:main\nregistry.example.com/ml/mnist:sha-0123456',
        labels: `org.opencontainers.image.source=https://github.com/octo-org/mnist\norg.opencontainers.image.revision=${SHA}`,
      };
    };
    const r = await runJob(workflow('with-metadata-action.yml'), 'repro', {
      ...base(),
      eventName: 'push',
      ref: 'refs/heads/main',
      sha: SHA,
      payload: { repository: { full_name: 'octo-org/mnist', default_branch: 'main' } },
      uses: { 'docker/metadata-action': meta },
    });
    expect(r.ok, log(r)).toBe(true);
    expect(stepOf(r, 'repro').outputs.pushed).toBe('true');
    expect(r.steps.at(-1)!.output).toContain(`deploy ${local}-meta`);
    expect(await registryTags(`${repo}-meta/evaluate`)).toEqual(['main', 'sha-0123456']);
  });

  test('matrix-seeds.yml: one cell of the matrix (SEED passed by name), then the table of every uploaded run', async () => {
    const wf = workflow('matrix-seeds.yml');
    artifacts.clear();
    for (const seed of [1, 2]) {
      const r = await runJob(wf, 'run', {
        ...base(),
        eventName: 'workflow_dispatch',
        matrix: { seed, experiment: 'small' },
      });
      expect(r.ok, log(r)).toBe(true);
      expect(r.inputs.repro).toEqual({ config: 'experiment-small.yml', push: 'never', comment: 'false' });
    }
    expect([...artifacts.keys()]).toEqual(['metrics-small-seed1', 'metrics-small-seed2']);
    const collect = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-ws-collect-'));
    const download: StandIn = () => {
      for (const [name, file] of artifacts) {
        mkdirSync(path.join(collect, name));
        cpSync(file, path.join(collect, name, path.basename(file)));
      }
      return {};
    };
    const r = await runJob(wf, 'collect', {
      ...base(),
      workspace: collect,
      eventName: 'workflow_dispatch',
      uses: { 'actions/download-artifact': download },
    });
    expect(r.ok, log(r)).toBe(true);
    expect(r.summary).toMatch(
      /\| metrics-small-seed1 \| 0\.\d+ \| 0\.\d+ \|\n\| metrics-small-seed2 \| 0\.\d+ \| 0\.\d+ \|/,
    );
  });

  test('gpu-self-hosted.yml on a runner without a GPU: the step fails with the diagnosis, the hardware is still reported', async () => {
    const gpuWs = workspaceWith({
      'gpu.yml': readFileSync(path.join(EXAMPLES, 'configs/gpu.yml'), 'utf8'),
      'docker/train.dockerfile': 'ARG CUDA_VERSION\nFROM python:3.11-slim\nCOPY eval.py /eval.py\n',
      'eval.py': 'print("eval")\n',
      'data/train.jsonl': '{}\n',
    });
    const r = await runJob(workflow('gpu-self-hosted.yml'), 'finetune', {
      ...base(),
      workspace: gpuWs,
      eventName: 'push',
      ref: 'refs/heads/main',
      secrets: { HF_TOKEN: 'hf_secret_value_123', WANDB_API_KEY: 'wandb_secret_456' },
    });
    expect(r.ok).toBe(false);
    const step = stepOf(r, 'repro');
    expect(step.outcome).toBe('failure');
    expect(step.action!.stdout).toContain(
      '::error::step "finetune" asked for GPUs (`gpus: all`), but no working NVIDIA driver',
    );
    expect(step.action!.stdout).toContain('Fix: install the NVIDIA driver on this machine');
    // Passed by name (pass-env) and masked: the runner hides what follows ::add-mask:: everywhere else.
    const leaks = step.action!.stdout.split('\n').filter((l) => l.includes('hf_secret_value_123'));
    expect(leaks).toEqual(['::add-mask::hf_secret_value_123']);
    const hardware = r.steps.at(-1)!;
    expect(hardware.outcome, hardware.output).toBe('success');
    expect(JSON.parse(hardware.output!)).toHaveProperty('gpu');
  });

  test('the workflows `repro-ci init` writes: repro.yml on a push to main runs the config init --run wrote, and passes its checks', async () => {
    const initWs = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-ws-init-workflow-'));
    cpSync(path.join(REPO_ROOT, 'tests/fixtures/init-repos/ct-scan'), initWs, { recursive: true });
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: initWs });
    const init = await cli(initWs, ['init', '--run']);
    expect(init.code, init.stdout + init.stderr).toBe(0);
    const written = (f: string) => readWorkflow(path.join(initWs, f));
    const r = await runJob(written('.github/workflows/repro.yml'), 'repro', {
      ...base(),
      workspace: initWs,
      eventName: 'push',
      ref: 'refs/heads/main',
      payload: { repository: { full_name: 'octo-org/ct-scan', default_branch: 'main' } },
    });
    expect(r.ok, r.steps.map((s) => s.action?.stdout ?? '').join('\n')).toBe(true);
    expect(stepOf(r, 'repro').outputs.passed).toBe('true');
    expect(JSON.parse(stepOf(r, 'repro').outputs.checks).length).toBeGreaterThan(0);
    // The GPU workflow: its gpus input (all) over the steps' optional fails loudly on a runner without a GPU.
    const gpu = await runJob(written('.github/workflows/repro-gpu.yml'), 'repro-gpu', {
      ...base(),
      workspace: initWs,
      eventName: 'push',
      ref: 'refs/heads/main',
    });
    expect(gpu.ok).toBe(false);
    expect(stepOf(gpu, 'repro').action!.stdout).toContain('asked for GPUs (`all` from the gpus input');
  });
});

function stepOf(r: JobRun, id: string) {
  return r.steps.find((s) => s.id === id)!;
}
