/**
 * Per-step resources and long-job settings of repro.yml (shm, memory, cpus, ulimits, ipc, user, pass-env,
 * run-time caches, heartbeat): the typed form and the cross-field checks the schema cannot express. Pure.
 */
import { REFUSED_ENV_FIX, refusedEnvName } from '../security/env.js';
import { parseDuration } from '../util/text.js';
import type { RawConfig } from './schema.js';

export interface StepResources {
  /** As written (`2g`); undefined: the pipeline picks (2g with GPUs, else docker's default). */
  shmSize?: string;
  memory?: string;
  cpus?: number;
  /** NAME → `SOFT[:HARD]`. */
  ulimits: Record<string, string>;
  ipc?: string;
  /** As written; `runner` is resolved to the runner's uid:gid when the step runs. */
  user?: string;
  /** Runner environment variables passed through by name. */
  passEnv: string[];
  caches: RunCacheSpec[];
  /** 0: off. */
  heartbeatSeconds: number;
}

export interface RunCacheSpec {
  name: string;
  /** Absolute folder in the container. */
  container: string;
}

export const DEFAULT_HEARTBEAT_S = 5 * 60;

/** A step's resource fields as the validator returns them (derived from the schema). */
export type RawResources = NonNullable<RawConfig['steps']>[number];

/** A problem reporter: the field below the step (`['cpus']`), the message and the fix. */
export type ReportProblem = (field: (string | number)[], message: string, fix: string) => void;

/** docker's env-file reader takes lines up to 64 KiB; a whole environment beyond 1 MiB is data, not settings. */
export const MAX_ENV_LINE_BYTES = 64 * 1024 - 1;
export const MAX_ENV_TOTAL_BYTES = 1024 * 1024;

export function parseStepResources(
  raw: RawResources,
  step: { env: Record<string, string>; mountTargets: string[] },
  problem: ReportProblem,
): StepResources {
  if (raw.cpus !== undefined && !(raw.cpus > 0))
    problem(
      ['cpus'],
      `cpus must be above 0, got ${raw.cpus}.`,
      'write a number of CPUs such as `2` or `0.5`, or leave it out for no limit.',
    );
  if (raw.ipc === 'host' && raw['shm-size'] !== undefined) {
    problem(
      ['shm-size'],
      "`shm-size` has no effect with `ipc: host` (the container uses the machine's /dev/shm).",
      'drop `shm-size`, or drop `ipc: host`.',
    );
  }
  for (const name of Object.keys(step.env)) {
    const why = refusedEnvName(name);
    if (why) problem(['env', name], `${name} is never passed to a container: ${why}.`, REFUSED_ENV_FIX);
    // docker reads an env file with a line limit of 64 KiB: a longer value fails the step's start.
    const bytes = Buffer.byteLength(`${name}=${step.env[name]}`);
    if (bytes > MAX_ENV_LINE_BYTES)
      problem(
        ['env', name],
        `${name} is ${bytes} bytes, more than docker takes in one variable (${MAX_ENV_LINE_BYTES}).`,
        'put large data in a file under a mount, and pass its path.',
      );
  }
  const total = Object.entries(step.env).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v) + 2, 0);
  if (total > MAX_ENV_TOTAL_BYTES)
    problem(
      ['env'],
      `the step's environment is ${total} bytes, more than repro-ci passes to a container (${MAX_ENV_TOTAL_BYTES}).`,
      'put large data in a file under a mount, and pass its path.',
    );
  const passEnv = raw['pass-env'] ?? [];
  passEnv.forEach((name, i) => {
    const why = refusedEnvName(name);
    if (why) problem(['pass-env', i], `${name} is never passed to a container: ${why}.`, REFUSED_ENV_FIX);
    if (name in step.env)
      problem(
        ['pass-env', i],
        `"${name}" is both set under \`env:\` and passed from the runner.`,
        "keep one: `env:` for a fixed value, `pass-env:` for the runner's value.",
      );
    if (passEnv.indexOf(name) !== i) problem(['pass-env', i], `"${name}" is listed twice.`, 'list each name once.');
  });
  const caches = Object.entries(raw.caches ?? {}).map(([name, container]) => ({
    name,
    container: container.replace(/\/+$/, '') || '/',
  }));
  const seen = new Map<string, string>();
  for (const c of caches) {
    if (c.container === '/')
      problem(['caches', c.name], 'a cache cannot be mounted on `/`.', 'use a folder such as `/cache/hf`.');
    const other = seen.get(c.container) ?? (step.mountTargets.includes(c.container) ? 'a mount' : undefined);
    if (other)
      problem(
        ['caches', c.name],
        `cache "${c.name}" uses ${c.container}, which ${other === 'a mount' ? 'a mount' : `cache "${other}"`} already uses.`,
        'give each cache and mount its own folder.',
      );
    seen.set(c.container, c.name);
  }
  return {
    shmSize: raw['shm-size'],
    memory: raw.memory,
    cpus: raw.cpus,
    ulimits: raw.ulimits ?? {},
    ipc: raw.ipc,
    user: raw.user,
    passEnv,
    caches,
    heartbeatSeconds: raw.heartbeat === undefined ? DEFAULT_HEARTBEAT_S : (parseDuration(raw.heartbeat) ?? 0),
  };
}
