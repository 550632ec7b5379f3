/**
 * The one edge through which every external program runs. Arguments go to the program as an argv
 * array, never through a shell, so no user or event string is ever interpreted as shell syntax.
 */
import { randomUUID } from 'node:crypto';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import * as actionsExec from '@actions/exec';
import { ReproError } from '../errors.js';
import { processesWithEnv, stopProcesses } from './processes.js';

/** Marks the process of a call that has a deadline, so it can be found and stopped (no child handle here). */
const CALL_ENV = 'REPRO_CI_CALL';

export interface ExecOptions {
  /** Extra environment variables, on top of this process's environment. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Called with output as it arrives (for streaming into the log and log files). */
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
  /** Keep stdout/stderr in memory for the result (default true). Off for long container logs. */
  capture?: boolean;
  input?: Buffer;
  /**
   * Longest the program may run: past it the program is stopped (SIGINT, then SIGKILL 5 s later) and the
   * result has `timedOut`. For calls whose other end can stall for ever (a registry mid-upload).
   */
  deadlineMs?: number;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The program was stopped at `deadlineMs`. */
  timedOut?: boolean;
}

export type Exec = (file: string, args: readonly string[], opts?: ExecOptions) => Promise<ExecResult>;

export const exec: Exec = async (file, args, opts = {}) => {
  const capture = opts.capture ?? true;
  let stdout = '';
  let stderr = '';
  const marker = opts.deadlineMs === undefined ? undefined : randomUUID();
  const extra = marker ? { ...opts.env, [CALL_ENV]: marker } : opts.env;
  const env = extra ? mergeEnv(process.env, extra) : undefined;
  let timedOut = false;
  const timer = marker
    ? setTimeout(() => {
        // Where the process cannot be found (no /proc) the call goes on, and is not reported as stopped.
        const pids = processesWithEnv(`${CALL_ENV}=${marker}`);
        timedOut = pids.length > 0;
        void stopProcesses(pids, 5000);
      }, opts.deadlineMs)
    : undefined;
  try {
    const exitCode = await actionsExec.exec(onPath(file, env?.PATH ?? process.env.PATH), [...args], {
      silent: true,
      ignoreReturnCode: true,
      cwd: opts.cwd,
      env,
      input: opts.input,
      listeners: {
        stdout: (data: Buffer) => {
          const s = data.toString('utf8');
          if (capture) stdout += s;
          opts.onStdout?.(s);
        },
        stderr: (data: Buffer) => {
          const s = data.toString('utf8');
          if (capture) stderr += s;
          opts.onStderr?.(s);
        },
      },
    });
    return timedOut ? { exitCode, stdout, stderr, timedOut } : { exitCode, stdout, stderr };
  } catch (e) {
    const msg = (e as Error).message;
    if (/Unable to locate executable|ENOENT/.test(msg)) {
      throw new ReproError(`"${file}" was not found on this machine (PATH=${env?.PATH ?? process.env.PATH ?? ''}).`, {
        fix:
          file === 'docker'
            ? "install Docker (https://docs.docker.com/engine/install/) or, on this project's Debian machines, run `bash scripts/ensure-docker.sh`."
            : `install ${file}.`,
        exitCode: 127,
        cause: e,
      });
    }
    throw e;
  } finally {
    clearTimeout(timer);
  }
};

/**
 * A program's path, found on PATH once and without waiting: @actions/exec's own search takes a turn of the
 * event loop for each folder, so a spawn asked for while this process works (reading the config, say)
 * starts only after it (~50 ms late, measured). Not found: the name as it is, for @actions/exec to report.
 */
const onPathFound = new Map<string, string>();
function onPath(file: string, pathVar = ''): string {
  if (file.includes('/') || process.platform === 'win32') return file;
  const key = `${file}\0${pathVar}`;
  const known = onPathFound.get(key);
  if (known) return known;
  for (const dir of pathVar.split(path.delimiter).filter(Boolean)) {
    const candidate = path.resolve(dir, file);
    if (!isExecutableFile(candidate)) continue;
    onPathFound.set(key, candidate);
    return candidate;
  }
  return file;
}

/** A file this process may run (not a folder, not a file without the execute bit). */
export function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function mergeEnv(base: NodeJS.ProcessEnv, extra: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined) out[k] = v;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}
