/**
 * GPU requests, the nvidia-smi report and the diagnosis of a failed GPU preflight. Pure: the probe
 * itself runs in src/gpu/preflight.ts.
 */
import { ReproError } from '../errors.js';

export interface GpuDevice {
  index: number;
  name: string;
  uuid?: string;
  memoryMiB?: number;
}

/** What nvidia-smi reports inside a step's container. */
export interface GpuReport {
  driverVersion?: string;
  /** Highest CUDA version the driver supports. */
  cudaVersion?: string;
  devices: GpuDevice[];
}

/**
 * A step's `gpus`, parsed once when the run is planned (src/pipeline/plan.ts): what to probe and run with,
 * and what to do without. Every later stage reads this, never the string.
 */
export interface GpuRequest {
  /** As written: `none`, `optional`, `all`, a count, `device=0,2`. */
  value: string;
  /** The `--gpus` value to probe and run with; undefined for `none`. `optional` tries every GPU. */
  flag?: string;
  /** `optional`: the step runs on the CPU when no GPU is usable. */
  optional: boolean;
  /** The gpus input or `--gpus` replaced the step's own `gpus:` (the error then names it). */
  override?: GpuOverride;
}

/** `configured`: the step's `gpus:`; `override`: the gpus input or `--gpus`, and which of them it is. */
export function gpuRequest(configured: string, override?: { value?: string; from: string }): GpuRequest {
  const value = override?.value ?? configured;
  const replaced = override?.value !== undefined && override.value !== configured;
  return {
    value,
    flag: value === 'none' ? undefined : value === 'optional' ? 'all' : value,
    optional: value === 'optional',
    ...(replaced ? { override: { from: override.from, configured } } : {}),
  };
}

/** Parses `nvidia-smi -q -x`. Undefined when the text is not its report. */
export function parseNvidiaSmiXml(xml: string): GpuReport | undefined {
  if (!/<nvidia_smi_log>/.test(xml)) return undefined;
  const tag = (text: string, name: string) => {
    const v = new RegExp(`<${name}>([^<]*)</${name}>`).exec(text)?.[1].trim();
    return v && v !== 'N/A' ? decodeXml(v) : undefined;
  };
  const devices: GpuDevice[] = [];
  const gpuBlocks = xml.split(/<gpu id="[^"]*">/).slice(1);
  gpuBlocks.forEach((block, i) => {
    // MIG devices nest their own fb_memory_usage; the board's comes outside <mig_devices>.
    const own = block.split('</gpu>')[0].replace(/<mig_devices>[\s\S]*?<\/mig_devices>/g, '');
    const total = /<fb_memory_usage>\s*<total>\s*(\d+)\s*MiB\s*<\/total>/.exec(own)?.[1];
    devices.push({
      index: i,
      name: tag(own, 'product_name') ?? 'unknown GPU',
      uuid: tag(own, 'uuid'),
      memoryMiB: total === undefined ? undefined : Number(total),
    });
  });
  return { driverVersion: tag(xml, 'driver_version'), cudaVersion: tag(xml, 'cuda_version'), devices };
}

function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** One line per GPU: `0: NVIDIA H100 80GB HBM3 (81559 MiB)`. */
export function describeGpus(report: GpuReport): string {
  const devices = report.devices
    .map((d) => `${d.index}: ${d.name}${d.memoryMiB ? ` (${d.memoryMiB} MiB)` : ''}`)
    .join(', ');
  return `${devices || 'no GPU'}; driver ${report.driverVersion ?? 'unknown'}, CUDA ${report.cudaVersion ?? 'unknown'}`;
}

/** What the engine says about GPU support (`docker info`). */
export interface EngineGpuFacts {
  runtimes: string[];
  cdiSpecDirs: string[];
}

/** nvidia-smi on the runner itself: not found, failing (driver not loaded), or working. */
export type HostSmi = { found: false } | { found: true; exitCode: number; output: string };

export interface ProbeOutcome {
  exitCode: number;
  output: string;
}

export type GpuMissing = 'driver' | 'toolkit' | 'runtime-config' | 'devices' | 'cuda-compat' | 'unknown';

export interface GpuDiagnosis {
  missing: GpuMissing;
  /** What is wrong, one sentence. */
  problem: string;
  fix: string;
}

const TOOLKIT_FIX =
  'install the NVIDIA Container Toolkit (https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/install-guide.html), run `sudo nvidia-ctk runtime configure --runtime=docker`, then `sudo systemctl restart docker`';
const DRIVER_FIX =
  'install the NVIDIA driver on this machine (`nvidia-smi` must work on the host), then the NVIDIA Container Toolkit, and restart Docker';
const FALLBACK = 'Or set `gpus: optional` to run on the CPU when no GPU is usable, or `gpus: none`.';

/** Whether docker's output says it has no way to hand GPUs to a container. */
export function isGpuRuntimeError(text: string): boolean {
  return /could not select device driver .* with capabilities: \[\[gpu\]\]|nvidia-container-cli|unknown or invalid runtime name: nvidia|nvidia-container-runtime/.test(
    text,
  );
}

/**
 * Why a container could not see GPUs, from the probe's output, the engine's runtimes and nvidia-smi on
 * the host, most specific first. Says what is missing (driver, toolkit, runtime config, devices) and how to fix it.
 */
export function diagnoseGpuFailure(probe: ProbeOutcome, engine: EngineGpuFacts, host: HostSmi): GpuDiagnosis {
  const out = probe.output;
  const runtimes = `Docker's runtimes: ${engine.runtimes.join(', ') || 'none'}${engine.runtimes.includes('nvidia') ? '' : ' (no `nvidia`)'}`;
  const cuda = /unsatisfied condition: cuda>=?([\d.]+)/.exec(out);
  if (cuda) {
    return {
      missing: 'cuda-compat',
      problem: `the image needs CUDA ${cuda[1]}, newer than the NVIDIA driver on this machine supports${host.found && host.exitCode === 0 ? ` (${hostDriverLine(host.output)})` : ''}.`,
      fix: `upgrade the NVIDIA driver on the runner, or build FROM a CUDA base image no newer than the driver supports (nvidia-smi shows "CUDA Version"). ${FALLBACK}`,
    };
  }
  if (/unknown device|invalid device|device .* not found|no such device/i.test(out)) {
    return {
      missing: 'devices',
      problem: 'the GPUs named in `gpus: device=...` do not exist on this machine.',
      fix: `use indexes that \`nvidia-smi -L\` lists on the runner, or \`gpus: all\`. ${FALLBACK}`,
    };
  }
  if (/No devices were found/i.test(out)) {
    return {
      missing: 'devices',
      problem: 'the NVIDIA driver and toolkit work, but no GPU is visible.',
      fix: `check \`nvidia-smi -L\` on the runner (a GPU in use by MIG or passed to another VM does not show). ${FALLBACK}`,
    };
  }
  const driverBroken =
    /libnvidia-ml\.so|nvml error|driver not loaded|driver error|couldn't communicate with the NVIDIA driver/i.test(out);
  if (driverBroken || (isGpuRuntimeError(out) && !hostOk(host))) {
    const hostSays = !host.found
      ? 'nvidia-smi is not installed on the runner'
      : host.exitCode !== 0
        ? `nvidia-smi on the runner fails: ${firstLine(host.output).replace(/\.$/, '')}`
        : 'the container cannot load the driver libraries';
    return {
      missing: 'driver',
      problem: `no working NVIDIA driver: ${hostSays}.`,
      fix: `${!host.found || host.exitCode === 0 ? DRIVER_FIX : 'load the driver (a reboot after installing or upgrading it usually does; `nvidia-smi` must work on the host), then restart Docker'}. ${FALLBACK}`,
    };
  }
  if (/unknown or invalid runtime name: nvidia/.test(out)) {
    return {
      missing: 'runtime-config',
      problem: `the engine's configuration names the \`nvidia\` runtime, but it is not installed. ${runtimes}.`,
      fix: `${TOOLKIT_FIX}. ${FALLBACK}`,
    };
  }
  if (isGpuRuntimeError(out)) {
    return {
      missing: 'toolkit',
      problem: `the NVIDIA driver works on the runner, but Docker cannot give containers GPUs: the NVIDIA Container Toolkit is missing, or Docker was not restarted after installing it. ${runtimes}.`,
      fix: `${TOOLKIT_FIX}. ${FALLBACK}`,
    };
  }
  return {
    missing: 'unknown',
    problem: `a container could not use the GPUs (exit code ${probe.exitCode}).`,
    fix: `run \`docker run --rm --gpus all IMAGE nvidia-smi\` on the runner to see docker's own message. ${FALLBACK}`,
  };
}

function hostOk(host: HostSmi): boolean {
  return host.found && host.exitCode === 0;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

function hostDriverLine(text: string): string {
  const m = /Driver Version:\s*(\S+)\s+CUDA Version:\s*(\S+)/.exec(text);
  return m ? `driver ${m[1]}, CUDA ${m[2]}` : firstLine(text);
}

/** The gpus input or `--gpus` in place of a step's own `gpus:`. */
export interface GpuOverride {
  /** `the gpus input`, `--gpus`. */
  from: string;
  /** The step's `gpus:` in repro.yml. */
  configured: string;
}

/** The error a step that asked for GPUs ends with when the preflight failed. */
export function gpuPreflightError(
  step: string,
  gpus: string,
  d: GpuDiagnosis,
  output: string,
  override?: GpuOverride,
): ReproError {
  const tail = output.trim()
    ? `\n  Docker said: ${output
        .trim()
        .split('\n')
        .filter((l) => l.trim() && !/^Run 'docker run --help'/.test(l))
        .slice(-3)
        .join(' / ')}`
    : '';
  const asked = override
    ? `\`${gpus}\` from ${override.from}, over repro.yml's \`gpus: ${override.configured}\``
    : `\`gpus: ${gpus}\``;
  // The fallback advice must name what decided: an override wins over whatever repro.yml says.
  const fix = override
    ? d.fix.replace(
        FALLBACK,
        `Or set ${override.from} to \`optional\` (or leave it empty to use repro.yml's \`${override.configured}\`), or to \`none\`.`,
      )
    : d.fix;
  return new ReproError(`step "${step}" asked for GPUs (${asked}), but ${d.problem}${tail}`, { fix });
}
