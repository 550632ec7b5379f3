/**
 * The machine a run happened on: CPU, memory, engine, BuildKit and the GPUs the steps saw. A typed
 * object in the pipeline result (the `hardware` output, the summary, the reproduction record). Pure.
 */
import type { EngineInfo } from '../docker/info.js';
import type { GpuReport } from '../gpu/gpu.js';
import { formatBytes } from '../util/bytes.js';

export interface HardwareRecord {
  cpu: { model: string; count: number };
  memoryBytes?: number;
  engine: { version?: string; os?: string; kernel?: string; storageDriver?: string; runtimes: string[] };
  /** BuildKit of the builder (`v0.8+unknown`); undefined when the builder cannot say. */
  buildkit?: string;
  /** What nvidia-smi reported inside the first step container that ran with GPUs. */
  gpu?: GpuReport & { step: string };
  /** Per step: `gpu` (`--gpus` value), `cpu` (asked for none) or `cpu-fallback` (`optional` without GPUs). */
  steps: Record<string, { gpus: string; mode: 'gpu' | 'cpu' | 'cpu-fallback' }>;
}

export interface HostFacts {
  cpuModel: string;
  cpuCount: number;
  memoryBytes: number;
}

export function hardwareRecord(host: HostFacts, engine: EngineInfo, buildkit: string | undefined): HardwareRecord {
  return {
    cpu: { model: host.cpuModel.trim() || 'unknown', count: host.cpuCount },
    memoryBytes: engine.memoryBytes ?? host.memoryBytes,
    engine: {
      version: engine.serverVersion,
      os: engine.operatingSystem,
      kernel: engine.kernelVersion,
      storageDriver: engine.storageDriver,
      runtimes: engine.runtimes,
    },
    buildkit,
    steps: {},
  };
}

/** Label/value rows for the summary table. */
export function hardwareRows(h: HardwareRecord): [string, string][] {
  const rows: [string, string][] = [['CPU', `${h.cpu.model} × ${h.cpu.count}`]];
  if (h.memoryBytes) rows.push(['Memory', formatBytes(h.memoryBytes)]);
  if (h.gpu) {
    for (const d of h.gpu.devices)
      rows.push([`GPU ${d.index}`, `${d.name}${d.memoryMiB ? ` (${d.memoryMiB} MiB)` : ''}`]);
    rows.push(['NVIDIA driver / CUDA', `${h.gpu.driverVersion ?? 'unknown'} / ${h.gpu.cudaVersion ?? 'unknown'}`]);
  }
  const byMode = (mode: string) =>
    Object.entries(h.steps)
      .filter(([, s]) => s.mode === mode)
      .map(([name, s]) => (mode === 'gpu' ? `${name} (${s.gpus})` : name));
  const gpuSteps = byMode('gpu');
  const fallback = byMode('cpu-fallback');
  if (gpuSteps.length > 0) rows.push(['Steps on GPU', gpuSteps.join(', ')]);
  if (fallback.length > 0) rows.push(['Steps on CPU (no GPU found)', fallback.join(', ')]);
  const e = h.engine;
  rows.push([
    'Docker engine',
    [e.version ?? 'unknown', e.os && `on ${e.os}`, e.kernel && `(kernel ${e.kernel})`].filter(Boolean).join(' '),
  ]);
  rows.push(['BuildKit', h.buildkit ?? `built into engine ${e.version ?? ''}`.trim()]);
  return rows;
}
