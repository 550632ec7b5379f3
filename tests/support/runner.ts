/**
 * Runs the bundled action (dist/index.js, dist/post.js) the way a GitHub runner does: `node` with the
 * workspace as cwd, every input from action.yml as INPUT_* (defaults applied), fresh file-command files
 * under RUNNER_TEMP, an event payload, and STATE_* from main handed to post.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

interface ActionYml {
  inputs: Record<string, { default?: string }>;
  runs: { main: string; post?: string };
}

export const actionYml = parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as ActionYml;

export interface StepRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
}

export interface JobOptions {
  workspace: string;
  inputs?: Record<string, string>;
  eventName?: string;
  payload?: object;
  ref?: string;
  sha?: string;
  repository?: string;
  /** Extra environment (PATH for a different docker client, cache service variables...). */
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  /** Called with the child once started (to send it signals). */
  onSpawn?: (child: ReturnType<typeof spawn>) => void;
}

/** Parses a file-command file: `NAME=VALUE` lines and `NAME<<DELIM` ... `DELIM` blocks. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delim] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i]);
      out[name] = value.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

export class RunnerJob {
  readonly temp: string;
  private state: Record<string, string> = {};
  private eventPath: string;

  constructor(private readonly opts: JobOptions) {
    this.temp = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-runner-'));
    this.eventPath = path.join(this.temp, 'event.json');
    writeFileSync(this.eventPath, JSON.stringify(opts.payload ?? {}));
  }

  /** Runs `runs.main`; `state` written by it is kept for `post()`. */
  async main(): Promise<StepRun> {
    const r = await this.step('main', actionYml.runs.main);
    this.state = r.state;
    return r;
  }

  async post(): Promise<StepRun> {
    return this.step('post', actionYml.runs.post!);
  }

  private async step(name: string, entry: string): Promise<StepRun> {
    const dir = path.join(this.temp, `${name}-${Date.now()}`);
    mkdirSync(dir, { recursive: true });
    const files = {
      GITHUB_OUTPUT: 'output',
      GITHUB_STATE: 'state',
      GITHUB_STEP_SUMMARY: 'summary',
      GITHUB_ENV: 'env',
      GITHUB_PATH: 'path',
    };
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env))
      if (v !== undefined && !k.startsWith('INPUT_') && !k.startsWith('STATE_') && !k.startsWith('GITHUB_')) env[k] = v;
    for (const [k, f] of Object.entries(files)) {
      env[k] = path.join(dir, f);
      writeFileSync(env[k], '');
    }
    for (const [input, spec] of Object.entries(actionYml.inputs)) {
      let value = this.opts.inputs?.[input] ?? spec.default ?? '';
      if (value === '${{ github.token }}') value = 'ghs_faketoken0000000000000000000000000000';
      env[`INPUT_${input.replace(/ /g, '_').toUpperCase()}`] = value;
    }
    for (const unknown of Object.keys(this.opts.inputs ?? {})) {
      if (!(unknown in actionYml.inputs)) throw new Error(`test bug: input "${unknown}" is not declared in action.yml`);
    }
    for (const [k, v] of Object.entries(this.state)) env[`STATE_${k}`] = v;
    Object.assign(env, {
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_WORKSPACE: this.opts.workspace,
      GITHUB_EVENT_NAME: this.opts.eventName ?? 'push',
      GITHUB_EVENT_PATH: this.eventPath,
      GITHUB_REF: this.opts.ref ?? 'refs/heads/main',
      GITHUB_SHA: this.opts.sha ?? '0123456789abcdef0123456789abcdef01234567',
      GITHUB_REPOSITORY: this.opts.repository ?? 'octo-org/mnist',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_API_URL: 'https://api.github.com',
      GITHUB_RUN_ID: String(1000 + Math.floor(Math.random() * 1e6)),
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: 'repro',
      RUNNER_TEMP: this.temp,
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
    });
    for (const [k, v] of Object.entries(this.opts.env ?? {})) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
    const child = spawn(process.execPath, [path.join(REPO_ROOT, entry)], {
      cwd: this.opts.workspace,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.opts.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timeout = setTimeout(() => child.kill('SIGKILL'), this.opts.timeoutMs ?? 300_000);
    const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('close', (c, s) => resolve([c, s])),
    );
    clearTimeout(timeout);
    const read = (k: string) => readFileSync(env[k], 'utf8');
    return {
      exitCode,
      signal,
      stdout,
      stderr,
      outputs: parseFileCommands(read('GITHUB_OUTPUT')),
      state: parseFileCommands(read('GITHUB_STATE')),
      summary: read('GITHUB_STEP_SUMMARY'),
    };
  }
}
