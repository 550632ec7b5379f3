/**
 * A researcher's first hour, on the real engine: for each research repository of
 * tests/fixtures/init-repos (each reproduces a public layout, see repos.json), `repro-ci init --run`
 * writes a config, runs it and commits the measured metrics as the reference with checks; `repro-ci run`
 * then passes with at least one check; and the metrics are those of the same code run with plain
 * `docker buildx build` and `docker run` (init changed nothing about the experiment).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadConfig, type Config } from '../../src/config/config.js';
import { cli, docker } from '../support/docker.js';
import { REPO_ROOT } from '../support/runner.js';

const FIXTURES = path.join(REPO_ROOT, 'tests/fixtures/init-repos');
const REPOS = Object.keys(
  (JSON.parse(readFileSync(path.join(FIXTURES, 'repos.json'), 'utf8')) as { repos: Record<string, unknown> }).repos,
);
/** PedalNetRT builds on a CUDA PyTorch image; here the local python image stands in under that name. */
const PYTORCH_BASE = 'pytorch/pytorch:1.7.0-cuda11.0-cudnn8-runtime';

/** A fresh clone-like copy of a fixture: its own folder, a git repository with one commit. */
function checkout(name: string): string {
  const ws = mkdtempSync(path.join(os.tmpdir(), `repro-ci-init-${name}-`));
  cpSync(path.join(FIXTURES, name), ws, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=r', '-c', 'user.email=r@example.com', ...args], { cwd: ws, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-qm', 'research code');
  return ws;
}

/**
 * The steps of `config` as a researcher would type them: `docker buildx build --load` of each image, then
 * `docker run` with the same mounts, environment and command, in another checkout.
 */
function plainDockerRun(config: Config, ws: string, tagPrefix: string): void {
  const rel = (p: string) => path.join(ws, path.relative(config.root, p));
  for (const img of config.images)
    docker(
      'buildx',
      'build',
      '--load',
      '-q',
      '-f',
      rel(img.dockerfile),
      '-t',
      `${tagPrefix}-${img.key}`,
      rel(img.context),
    );
  for (const s of config.steps) {
    const args = ['run', '--rm'];
    for (const m of s.mounts) {
      mkdirSync(rel(m.host), { recursive: true });
      args.push('-v', `${rel(m.host)}:${m.container}${m.readOnly ? ':ro' : ''}`);
    }
    for (const [k, v] of Object.entries(s.env)) args.push('-e', `${k}=${v}`);
    if (s.command) args.push('--entrypoint', s.command[0], `${tagPrefix}-${s.image}`, ...s.command.slice(1));
    else args.push(`${tagPrefix}-${s.image}`, ...(s.args ?? []));
    docker(...args);
  }
}

const json = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as unknown;

describe('init --run, then run, on research repositories', () => {
  beforeAll(() => {
    docker('tag', 'python:3.11-slim', PYTORCH_BASE);
  });

  test.each(REPOS)('%s', async (name) => {
    const ws = checkout(name);
    const init = await cli(ws, ['init', '--run']);
    expect(init.code, init.stdout + init.stderr).toBe(0);
    expect(init.stdout).toMatch(/wrote reference\/[\w.-]+ \(the metrics this run measured\) and [1-9]\d* check\(s\)/);
    // Only new files: the run left every committed file as it was.
    expect(execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ws, encoding: 'utf8' })).toBe(
      '',
    );

    const run = await cli(ws, ['run']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const result = json(path.join(ws, '.repro-ci/result.json')) as { checks: { ok: boolean }[]; ok: boolean };
    expect(result.ok).toBe(true);
    expect(result.checks.length).toBeGreaterThan(0);
    expect(result.checks.every((c) => c.ok)).toBe(true);
    expect(run.stdout).not.toContain('no checks:');

    const config = loadConfig(path.join(ws, 'repro.yml'));
    const metrics = config.metrics!.sources[0].file;
    expect(existsSync(metrics)).toBe(true);
    const plain = checkout(name);
    plainDockerRun(config, plain, `repro-ci-ws-plain-${name}-${Date.now().toString(36)}`);
    expect(json(path.join(plain, path.relative(ws, metrics)))).toEqual(json(metrics));
  });
});
