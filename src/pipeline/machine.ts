/**
 * Everything about the machine a step runs on (issue 6), behind one object the pipeline calls at two
 * points: `inspect` in the Detect stage (hardware record, disk check) and `prepareStep` before each
 * container (GPU preflight and fallback, resources, pass-env, run-time caches, heartbeat).
 */
import os from 'node:os';
import type { StepResources } from '../config/resources.js';
import type { MountSpec, StepSpec } from '../config/config.js';
import type { RunResources } from '../docker/argv.js';
import type { Docker } from '../docker/docker.js';
import type { EngineInfo } from '../docker/info.js';
import { ReproError } from '../errors.js';
import { exec as realExec, type Exec } from '../exec/exec.js';
import { describeGpus, type GpuRequest } from '../gpu/gpu.js';
import { GpuPreflight } from '../gpu/preflight.js';
import { diskSpace, diskWarning, MIN_FREE_BYTES } from '../hardware/disk.js';
import { hardwareRecord, type HardwareRecord } from '../hardware/hardware.js';
import type { Logger } from '../log.js';
import { RunCaches, runCacheBase, type RunCacheReport, type RunCacheStore } from '../runcache/runcache.js';
import { formatDuration } from '../util/text.js';
import { containerEnv, RefusedEnv, REFUSED_ENV_FIX, type ContainerEnv } from '../security/env.js';
import { secrets } from '../security/redact.js';

/** Shared memory for GPU steps: PyTorch DataLoader workers pass batches through /dev/shm, and docker gives 64m. */
export const GPU_SHM_SIZE = '2g';

export interface PreparedStep {
  gpus: string;
  resources: RunResources;
  /** The container's environment (src/security/env.ts says how it travels). */
  env: ContainerEnv;
  /** Run-time cache folders, mounted after the step's own mounts. */
  cacheMounts: MountSpec[];
  heartbeatSeconds: number;
}

export interface MachineOptions {
  docker: Docker;
  log: Logger;
  runId: string;
  project: string;
  /** The runner's environment (pass-env reads it). */
  env?: NodeJS.ProcessEnv;
  exec?: Exec;
  runCacheStore?: RunCacheStore;
  runCacheBase?: string;
  /** Values no container may get under any name (the registry password, the GitHub token). */
  credentials?: string[];
  /** Why the code is untrusted, when it is: nothing is passed from the runner then. */
  untrusted?: string;
  /** `uid:gid` for `user: runner`. */
  runnerUser?: string;
  /** Where warnings also go (the result's list, shown in the summary). */
  warnings: string[];
}

export class Machine {
  private record?: HardwareRecord;
  private buildkit?: Promise<void>;
  private readonly warned = new Set<string>();
  private readonly engine: () => Promise<EngineInfo>;
  private readonly preflight: GpuPreflight;
  readonly caches: RunCaches;

  constructor(private readonly o: MachineOptions) {
    let info: Promise<EngineInfo> | undefined;
    this.engine = () => (info ??= o.docker.info());
    const exec = o.exec ?? realExec;
    this.preflight = new GpuPreflight(o.docker, exec, o.runId, this.engine);
    this.caches = new RunCaches(
      o.runCacheBase ?? runCacheBase(o.env ?? process.env),
      o.project,
      o.log,
      o.runCacheStore,
    );
  }

  /** The hardware record (without GPUs until a GPU step ran) and a disk check of the engine and the workspace. */
  async inspect(workspace: string): Promise<HardwareRecord> {
    const engine = await this.engine();
    const cpus = os.cpus();
    const record = (this.record = hardwareRecord(
      { cpuModel: cpus[0]?.model ?? 'unknown', cpuCount: cpus.length, memoryBytes: os.totalmem() },
      engine,
      undefined,
    ));
    // `buildx inspect` takes ~0.5 s: it fills in the BuildKit version while the builds run (see finish()).
    this.buildkit = this.o.docker.buildkitVersion().then((v) => {
      record.buildkit = v;
    });
    this.o.log.info(
      `machine: ${record.cpu.model} × ${record.cpu.count}, engine runtimes: ${engine.runtimes.join(', ') || 'none'}`,
    );
    await this.checkDisk(workspace);
    return record;
  }

  /** Waits for facts still being gathered (the BuildKit version), before the record is written. */
  async finish(): Promise<void> {
    await this.buildkit;
  }

  /** Warns once per folder when Docker's data folder or the workspace is low on space. */
  async checkDisk(workspace: string): Promise<void> {
    const engine = await this.engine();
    const spaces = [
      engine.rootDir ? { d: diskSpace("Docker's data folder", engine.rootDir), min: MIN_FREE_BYTES.docker } : undefined,
      { d: diskSpace('the workspace', workspace), min: MIN_FREE_BYTES.workspace },
    ];
    for (const s of spaces) {
      const msg = s?.d && diskWarning(s.d, s.min);
      if (msg && !this.warned.has(s.d!.path)) {
        this.warned.add(s.d!.path);
        this.warn(msg);
      }
    }
  }

  /** `request`: the step's GPUs as the run plan parsed them (the override of the gpus input or --gpus included). */
  async prepareStep(step: StepSpec, image: string, request: GpuRequest): Promise<PreparedStep> {
    const r = step.resources;
    let gpus = 'none';
    if (request.flag) {
      const d = await this.preflight.decide(step.name, image, request);
      if ('cpuFallback' in d) {
        this.warn(d.cpuFallback);
      } else {
        gpus = d.gpus;
        if (d.report) {
          this.o.log.info(`GPUs for step "${step.name}": ${describeGpus(d.report)}`);
          if (this.record && !this.record.gpu) this.record.gpu = { ...d.report, step: step.name };
        } else if (d.note) {
          this.o.log.info(`step "${step.name}" runs with --gpus ${gpus}; ${d.note}.`);
        }
      }
      this.recordStep(step.name, gpus, 'cpuFallback' in d ? 'cpu-fallback' : 'gpu');
    } else {
      this.recordStep(step.name, 'none', 'cpu');
    }
    const env = this.containerEnv(step);
    const cacheMounts: MountSpec[] = [];
    for (const c of r.caches)
      cacheMounts.push({ host: await this.caches.prepare(c), container: c.container, readOnly: false });
    return {
      gpus,
      resources: resourcesFor(r, gpus, this.o.runnerUser),
      env,
      cacheMounts,
      heartbeatSeconds: r.heartbeatSeconds,
    };
  }

  /** Saves the run-time caches whose content changed (after the steps). */
  async saveCaches(): Promise<RunCacheReport[]> {
    return this.caches.used ? this.caches.saveChanged() : [];
  }

  /** The line a silent step prints: `still running step "train" (12m00s elapsed, no output for 5m00s)`. */
  static heartbeatLine(step: string, elapsed: number, silent: number): string {
    return `still running step "${step}" (${formatDuration(elapsed)} elapsed, no output for ${formatDuration(silent)})`;
  }

  get hardwareRecord(): HardwareRecord | undefined {
    return this.record;
  }

  private recordStep(name: string, gpus: string, mode: 'gpu' | 'cpu' | 'cpu-fallback'): void {
    if (this.record) this.record.steps[name] = { gpus, mode };
  }

  private containerEnv(step: StepSpec): ContainerEnv {
    let env: ContainerEnv;
    try {
      env = containerEnv({
        fixed: step.env,
        passNames: step.resources.passEnv,
        runner: this.o.env ?? process.env,
        credentials: this.o.credentials ?? [],
        untrusted: !!this.o.untrusted,
      });
    } catch (e) {
      if (!(e instanceof RefusedEnv)) throw e;
      throw new ReproError(`step "${step.name}": ${e.message}`, { location: step.where, fix: REFUSED_ENV_FIX });
    }
    for (const p of env.passed) secrets.add(p.value, p.name);
    const list = (names: string[]) => `${names.join(', ')} ${names.length > 1 ? 'are' : 'is'}`;
    if (env.missing.length > 0)
      this.warn(
        `step "${step.name}": ${list(env.missing)} not set on the runner, so not passed to the container (\`pass-env\`).`,
      );
    if (env.withheld.length > 0)
      this.warn(
        `step "${step.name}": ${list(env.withheld)} not passed to the container: ${this.o.untrusted}, and untrusted code gets nothing from the runner (\`pass-env\`).`,
      );
    return env;
  }

  private warn(msg: string): void {
    this.o.log.warning(msg);
    this.o.warnings.push(msg);
  }
}

/** Docker resource flags of a step: its settings, plus a larger /dev/shm when it uses GPUs. Pure. */
export function resourcesFor(r: StepResources, gpus: string, runnerUser: string | undefined): RunResources {
  const sharesShm = r.ipc === 'host' || r.ipc?.startsWith('container:');
  const shmSize = r.shmSize ?? (gpus !== 'none' && !sharesShm ? GPU_SHM_SIZE : undefined);
  let user = r.user;
  if (user === 'runner') {
    if (!runnerUser)
      throw new ReproError("`user: runner` needs the runner's uid and gid, which this platform does not have.", {
        fix: 'write `user: UID:GID` instead.',
      });
    user = runnerUser;
  }
  return { shmSize, memory: r.memory, cpus: r.cpus, ulimits: r.ulimits, ipc: r.ipc, user };
}

/** The runner's `uid:gid` (undefined where the platform has none, e.g. Windows). */
export function currentUser(): string | undefined {
  return process.getuid && process.getgid ? `${process.getuid()}:${process.getgid()}` : undefined;
}

/** The runner values `pass-env` names, with their names: the action masks them before anything runs. */
export function passEnvValues(steps: StepSpec[], env: NodeJS.ProcessEnv): { name: string; value: string }[] {
  const names = new Set(steps.flatMap((s) => s.resources.passEnv));
  return [...names].flatMap((name) => (env[name] ? [{ name, value: env[name] }] : []));
}
