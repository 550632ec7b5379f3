/** Helpers for end-to-end tests against the real engine and the local registry. */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseBuildkitVersion } from '../../src/docker/info.js';
import { REPO_ROOT } from './runner.js';

export const REGISTRY = '127.0.0.1:5000';

/**
 * The client the tests inspect and clean up with. Where the product under test gets the classic 20.10
 * client on its PATH (a row of .ci/run), the tests keep a full one: REPRO_CI_TEST_DOCKER names it, and
 * REPRO_CI_TEST_DOCKER_CONFIG its config folder (with the buildx plugin).
 */
const CLIENT = process.env.REPRO_CI_TEST_DOCKER || 'docker';
const CLIENT_ENV = process.env.REPRO_CI_TEST_DOCKER_CONFIG
  ? { ...process.env, DOCKER_CONFIG: process.env.REPRO_CI_TEST_DOCKER_CONFIG }
  : process.env;

/** Output may be large (`builder du --verbose` on a long-lived engine lists thousands of records): 256 MiB, not Node's 1 MiB. */
export function docker(...args: string[]): string {
  return execFileSync(CLIENT, args, {
    encoding: 'utf8',
    env: CLIENT_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  }).trim();
}

export function dockerOk(...args: string[]): boolean {
  return spawnSync(CLIENT, args, { env: CLIENT_ENV, stdio: 'ignore' }).status === 0;
}

/** Tags of a repository, sorted; the record companions (`sha256-<hex>.repro`, issue 7) only when asked for. */
export async function registryTags(repository: string, opts: { companions?: boolean } = {}): Promise<string[]> {
  const res = await fetch(`http://${REGISTRY}/v2/${repository}/tags/list`);
  if (res.status === 404) return [];
  const body = (await res.json()) as { tags: string[] | null };
  return (body.tags ?? []).filter((t) => opts.companions || !t.endsWith('.repro')).sort();
}

/** Copies an example or fixture into a fresh temp workspace, so runs never write into the repo. */
export function workspaceFrom(relative: string): string {
  const ws = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-ws-'));
  cpSync(path.join(REPO_ROOT, relative), ws, {
    recursive: true,
    filter: (src) => !/[/\\](models|results|\.repro-ci)$/.test(src),
  });
  return ws;
}

/** A unique repository name in the local registry, so test runs never see each other's tags. */
export function uniqueRepo(name: string): string {
  return `e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}/${name}`;
}

export function containersWithLabel(label: string): string[] {
  return docker('ps', '--all', '--quiet', '--filter', `label=${label}`).split('\n').filter(Boolean);
}

/** A PATH on which `docker` is the classic 20.10 client, and a DOCKER_CONFIG that hides the buildx plugin. */
export function classicClientEnv(): Record<string, string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-classic-'));
  execFileSync('ln', ['-s', '/usr/bin/docker', path.join(dir, 'docker')]);
  const config = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-dockercfg-'));
  return { PATH: `${dir}:${process.env.PATH ?? ''}`, DOCKER_CONFIG: config };
}

/** The digest the local registry serves for `repo:tag` (or `repo@digest`), null when it has none. */
export async function registryDigest(repo: string, tag: string): Promise<string | null> {
  const accept =
    'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json';
  const res = await fetch(`http://${REGISTRY}/v2/${repo}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { Accept: accept },
  });
  return res.headers.get('docker-content-digest');
}

/** A temp workspace holding exactly `files` (path → content). */
export function workspaceWith(files: Record<string, string>): string {
  const ws = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-ws-'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    writeFileSync(path.join(ws, rel), content);
  }
  return ws;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bundled CLI (dist/cli.js) in `cwd`. */
export function cli(cwd: string, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/cli.js'), ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * A busybox project whose one step copies data/metrics.json (what a test writes) to results/metrics.json;
 * `checks` is YAML placed under `checks:` (line 10 of repro.yml onwards), so rule positions are known.
 */
export function copyMetricsProject(name: string, checks: string, files: Record<string, string> = {}): string {
  const yml = [
    `name: ${name}`,
    'images:',
    '  app: Dockerfile',
    'steps:',
    '  - name: evaluate',
    "    command: [sh, -c, 'cp /data/metrics.json /results/metrics.json']",
    '    mounts: ["data:/data:ro", "results:/results"]',
    '    network: none',
    'metrics: results/metrics.json',
    'checks:',
    checks,
    '',
  ].join('\n');
  return workspaceWith({ 'repro.yml': yml, Dockerfile: 'FROM busybox:latest\n', ...files });
}

export interface EngineFacts {
  /** `docker version`'s server version, e.g. `20.10.24+dfsg1`, `28.5.2+dfsg4`. */
  version: string;
  /** The current builder's BuildKit (`v0.8+unknown`, `v0.0.0+unknown`), undefined without buildx. */
  buildkit?: string;
  containerdStore: boolean;
  /** The current buildx builder's driver (`docker`, `remote`...), undefined without buildx. */
  driver?: string;
  /** Whether buildx here can export a layer cache (`type=gha`): a non-docker driver, or the containerd store. */
  exportsLayerCache: boolean;
}

let facts: EngineFacts | undefined;

/**
 * What the engine the tests run against is, and the builder the product finds there (through the `docker`
 * on its PATH, not the tests' own client), asked once: tests check capabilities, not one version.
 */
export function engineFacts(): EngineFacts {
  if (facts) return facts;
  const version = docker('version', '--format', '{{.Server.Version}}');
  const status = docker('info', '--format', '{{json .DriverStatus}}');
  const inspect = spawnSync('docker', ['buildx', 'inspect'], { encoding: 'utf8' });
  const buildkit = inspect.status === 0 ? parseBuildkitVersion(inspect.stdout) : undefined;
  const driver = inspect.status === 0 ? /^Driver:\s*(\S+)/m.exec(inspect.stdout)?.[1] : undefined;
  const containerdStore = status.includes('io.containerd.snapshotter.v1');
  return (facts = {
    version,
    buildkit,
    containerdStore,
    driver,
    exportsLayerCache: !!driver && (driver !== 'docker' || containerdStore),
  });
}
