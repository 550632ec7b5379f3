/**
 * GPU preflight: before a step that asks for GPUs runs, a throw-away container of the step's own image
 * runs `nvidia-smi -q -x` with the same `--gpus`. That proves the engine can hand the devices over and
 * records what the step will see (names, driver, CUDA). On failure the engine's runtimes and nvidia-smi on
 * the runner say what is missing. One probe per image and `--gpus` value per run.
 */
import { LABEL_RUN } from '../docker/argv.js';
import type { Docker } from '../docker/docker.js';
import type { EngineInfo } from '../docker/info.js';
import type { Exec } from '../exec/exec.js';
import {
  diagnoseGpuFailure,
  gpuPreflightError,
  parseNvidiaSmiXml,
  type GpuReport,
  type GpuRequest,
  type HostSmi,
} from './gpu.js';

export type GpuDecision =
  /** Run with `--gpus <gpus>`; `report` is undefined when the image has no usable nvidia-smi. */
  | { gpus: string; report?: GpuReport; note?: string }
  /** `gpus: optional` without usable GPUs: run on the CPU, and say why. */
  | { gpus: 'none'; cpuFallback: string };

interface Probe {
  ok: boolean;
  report?: GpuReport;
  note?: string;
  exitCode: number;
  output: string;
}

export class GpuPreflight {
  private readonly probes = new Map<string, Promise<Probe>>();
  private host?: Promise<HostSmi>;

  constructor(
    private readonly docker: Docker,
    private readonly exec: Exec,
    private readonly runId: string,
    private readonly engine: () => Promise<EngineInfo>,
  ) {}

  /** Decides the `--gpus` value of a step; throws the diagnosis when GPUs were required and are not usable. */
  async decide(step: string, image: string, request: GpuRequest): Promise<GpuDecision> {
    const gpus = request.flag ?? 'all';
    const key = `${image}\n${gpus}`;
    let probe = this.probes.get(key);
    if (!probe) this.probes.set(key, (probe = this.probe(image, gpus)));
    const p = await probe;
    if (p.ok) return { gpus, report: p.report, note: p.note };
    const diagnosis = diagnoseGpuFailure(
      p,
      { runtimes: (await this.engine()).runtimes, cdiSpecDirs: (await this.engine()).cdiSpecDirs },
      await this.hostSmi(),
    );
    if (request.optional)
      return {
        gpus: 'none',
        cpuFallback: `step "${step}" runs on the CPU: \`gpus: optional\`, and ${diagnosis.problem.replace(/\.$/, '')}.`,
      };
    throw gpuPreflightError(step, request.value, diagnosis, p.output, request.override);
  }

  private async probe(image: string, gpus: string): Promise<Probe> {
    const res = await this.docker.runCaptured({
      name: `repro-ci-${this.runId}-gpu-probe-${Math.random().toString(36).slice(2, 8)}`,
      image,
      labels: { [LABEL_RUN]: this.runId },
      envNames: [],
      mounts: [],
      network: 'none',
      gpus,
      entrypoint: 'nvidia-smi',
      args: ['-q', '-x'],
    });
    const output = `${res.stdout}${res.stderr}`;
    if (res.exitCode === 0) {
      const report = parseNvidiaSmiXml(res.stdout);
      if (report && report.devices.length === 0)
        return { ok: false, exitCode: res.exitCode, output: 'No devices were found' };
      return { ok: true, report, exitCode: 0, output };
    }
    // 126/127: the container started with its GPUs, but the image has no nvidia-smi it can run
    // (the toolkit mounts it only for images that ask for the `utility` capability).
    if (res.exitCode === 126 || res.exitCode === 127)
      return {
        ok: true,
        note: 'nvidia-smi does not run in this image, so the GPUs were not recorded',
        exitCode: res.exitCode,
        output,
      };
    return { ok: false, exitCode: res.exitCode, output };
  }

  private hostSmi(): Promise<HostSmi> {
    return (this.host ??= this.exec('nvidia-smi', []).then(
      (r): HostSmi => ({ found: true, exitCode: r.exitCode, output: `${r.stdout}${r.stderr}` }),
      (): HostSmi => ({ found: false }),
    ));
  }
}
