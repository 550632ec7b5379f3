/** GPU requests, the nvidia-smi report, the preflight's diagnosis and its decisions (through a fake exec). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Docker } from '../../src/docker/docker.js';

/** No engine API here: the Docker class asks its (fake) CLI, as it does for a remote engine. */
const NO_ENGINE_API = { socket: () => undefined, info: async () => undefined };
import { ReproError } from '../../src/errors.js';
import type { Exec, ExecResult } from '../../src/exec/exec.js';
import {
  describeGpus,
  diagnoseGpuFailure,
  gpuPreflightError,
  gpuRequest,
  parseNvidiaSmiXml,
  type EngineGpuFacts,
  type HostSmi,
} from '../../src/gpu/gpu.js';
import { GpuPreflight } from '../../src/gpu/preflight.js';
import { MemoryLogger } from '../../src/log.js';

const XML = readFileSync(path.join(import.meta.dirname, '../fixtures/gpu/nvidia-smi-q-x.xml'), 'utf8');
const DEVICE_DRIVER_ERROR =
  'docker: Error response from daemon: could not select device driver "" with capabilities: [[gpu]].\n\nRun \'docker run --help\' for more information\n';
const RUNC: EngineGpuFacts = { runtimes: ['io.containerd.runc.v2', 'runc'], cdiSpecDirs: [] };
const HOST_OK: HostSmi = {
  found: true,
  exitCode: 0,
  output: '| NVIDIA-SMI 550.54.15    Driver Version: 550.54.15    CUDA Version: 12.4 |',
};
const NO_HOST: HostSmi = { found: false };

test.each<[string, string | undefined, boolean]>([
  ['all', 'all', false],
  ['2', '2', false],
  ['device=0,2', 'device=0,2', false],
  ['optional', 'all', true],
  ['none', undefined, false],
])('gpus %j: runs with --gpus %j, falls back to the CPU: %j', (gpus, flag, optional) => {
  expect(gpuRequest(gpus)).toEqual({ value: gpus, flag, optional });
});

test("an override names where it came from only when it replaces the step's own gpus", () => {
  expect(gpuRequest('none', { value: 'all', from: '--gpus' })).toEqual({
    value: 'all',
    flag: 'all',
    optional: false,
    override: { from: '--gpus', configured: 'none' },
  });
  expect(gpuRequest('all', { value: 'all', from: '--gpus' })).toEqual({ value: 'all', flag: 'all', optional: false });
  expect(gpuRequest('2', { from: 'the gpus input' })).toEqual({ value: '2', flag: '2', optional: false });
});

describe('parseNvidiaSmiXml', () => {
  test('reads driver, CUDA and every board, skipping the memory of MIG slices and BAR1', () => {
    expect(parseNvidiaSmiXml(XML)).toEqual({
      driverVersion: '550.54.15',
      cudaVersion: '12.4',
      devices: [
        { index: 0, name: 'NVIDIA H100 80GB HBM3', uuid: 'GPU-5e1f9d3c-6a0b-4c1e-9f2d-0a1b2c3d4e5f', memoryMiB: 81559 },
        { index: 1, name: 'NVIDIA A100-SXM4-40GB', uuid: 'GPU-0b7a&c', memoryMiB: 40960 },
      ],
    });
  });

  test('N/A values are left out; a log with no GPU has no devices', () => {
    expect(
      parseNvidiaSmiXml(
        '<nvidia_smi_log><driver_version>535.1</driver_version><cuda_version>N/A</cuda_version><attached_gpus>0</attached_gpus></nvidia_smi_log>',
      ),
    ).toEqual({ driverVersion: '535.1', cudaVersion: undefined, devices: [] });
  });

  test('anything else is not a report', () => {
    expect(
      parseNvidiaSmiXml("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver."),
    ).toBeUndefined();
  });

  test('describeGpus is one line', () => {
    expect(describeGpus(parseNvidiaSmiXml(XML)!)).toBe(
      '0: NVIDIA H100 80GB HBM3 (81559 MiB), 1: NVIDIA A100-SXM4-40GB (40960 MiB); driver 550.54.15, CUDA 12.4',
    );
  });
});

describe('diagnoseGpuFailure says what is missing', () => {
  test.each<[string, string, EngineGpuFacts, HostSmi, string, string, RegExp]>([
    [
      'no driver, no toolkit (a CPU machine)',
      DEVICE_DRIVER_ERROR,
      RUNC,
      NO_HOST,
      'driver',
      'no working NVIDIA driver: nvidia-smi is not installed on the runner.',
      /^install the NVIDIA driver on this machine .* then the NVIDIA Container Toolkit, and restart Docker\. Or set `gpus: optional`/,
    ],
    [
      'driver installed but not loaded',
      DEVICE_DRIVER_ERROR,
      RUNC,
      {
        found: true,
        exitCode: 9,
        output:
          "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.\n",
      },
      'driver',
      "no working NVIDIA driver: nvidia-smi on the runner fails: NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.",
      /^load the driver \(a reboot after installing or upgrading it usually does/,
    ],
    [
      'driver works, toolkit missing',
      DEVICE_DRIVER_ERROR,
      RUNC,
      HOST_OK,
      'toolkit',
      "the NVIDIA driver works on the runner, but Docker cannot give containers GPUs: the NVIDIA Container Toolkit is missing, or Docker was not restarted after installing it. Docker's runtimes: io.containerd.runc.v2, runc (no `nvidia`).",
      /^install the NVIDIA Container Toolkit \(https:.*\), run `sudo nvidia-ctk runtime configure --runtime=docker`, then `sudo systemctl restart docker`\. Or set `gpus: optional`/,
    ],
    [
      'daemon.json names a runtime that is not installed',
      'docker: Error response from daemon: unknown or invalid runtime name: nvidia.',
      RUNC,
      HOST_OK,
      'runtime-config',
      "the engine's configuration names the `nvidia` runtime, but it is not installed. Docker's runtimes: io.containerd.runc.v2, runc (no `nvidia`).",
      /^install the NVIDIA Container Toolkit/,
    ],
    [
      'toolkit without driver libraries',
      "docker: Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error running hook #0: error running hook: exit status 1, stdout: , stderr: Auto-detected mode as 'legacy'\nnvidia-container-cli: initialization error: load library failed: libnvidia-ml.so.1: cannot open shared object file: no such file or directory: unknown.",
      { runtimes: ['nvidia', 'runc'], cdiSpecDirs: [] },
      NO_HOST,
      'driver',
      'no working NVIDIA driver: nvidia-smi is not installed on the runner.',
      /^install the NVIDIA driver/,
    ],
    [
      'image needs a newer CUDA than the driver',
      'nvidia-container-cli: requirement error: unsatisfied condition: cuda>=12.6, please update your driver to a newer version, or use an earlier cuda container: unknown.',
      { runtimes: ['nvidia', 'runc'], cdiSpecDirs: [] },
      HOST_OK,
      'cuda-compat',
      'the image needs CUDA 12.6, newer than the NVIDIA driver on this machine supports (driver 550.54.15, CUDA 12.4).',
      /^upgrade the NVIDIA driver on the runner, or build FROM a CUDA base image no newer than the driver supports/,
    ],
    [
      'device indexes that do not exist',
      'nvidia-container-cli: device error: 3: unknown device: unknown.',
      { runtimes: ['nvidia', 'runc'], cdiSpecDirs: [] },
      HOST_OK,
      'devices',
      'the GPUs named in `gpus: device=...` do not exist on this machine.',
      /^use indexes that `nvidia-smi -L` lists on the runner/,
    ],
    [
      'no GPU visible',
      'No devices were found',
      { runtimes: ['nvidia', 'runc'], cdiSpecDirs: [] },
      HOST_OK,
      'devices',
      'the NVIDIA driver and toolkit work, but no GPU is visible.',
      /^check `nvidia-smi -L` on the runner/,
    ],
    [
      'something else',
      'docker: Error response from daemon: mysterious.',
      RUNC,
      HOST_OK,
      'unknown',
      'a container could not use the GPUs (exit code 125).',
      /^run `docker run --rm --gpus all IMAGE nvidia-smi`/,
    ],
  ])('%s', (_, output, engine, host, missing, problem, fix) => {
    const d = diagnoseGpuFailure({ exitCode: 125, output }, engine, host);
    expect(d.missing).toBe(missing);
    expect(d.problem).toBe(problem);
    expect(d.fix).toMatch(fix);
  });

  test('the error names the step and the request, quotes docker without its help line, and carries the fix', () => {
    const d = diagnoseGpuFailure({ exitCode: 125, output: DEVICE_DRIVER_ERROR }, RUNC, NO_HOST);
    const e = gpuPreflightError('train', 'device=0,2', d, DEVICE_DRIVER_ERROR);
    expect(e.message).toBe(
      'step "train" asked for GPUs (`gpus: device=0,2`), but no working NVIDIA driver: nvidia-smi is not installed on the runner.\n  Docker said: docker: Error response from daemon: could not select device driver "" with capabilities: [[gpu]].',
    );
    expect(e.fix).toBe(d.fix);
  });

  test('with the gpus input over repro.yml, the error names the override and its fix, not `gpus: optional` in repro.yml (issue 21)', () => {
    const d = diagnoseGpuFailure({ exitCode: 125, output: DEVICE_DRIVER_ERROR }, RUNC, NO_HOST);
    expect(d.fix).toContain('Or set `gpus: optional`');
    const e = gpuPreflightError('train', 'all', d, '', { from: 'the gpus input', configured: 'optional' });
    expect(e.message).toBe(
      'step "train" asked for GPUs (`all` from the gpus input, over repro.yml\'s `gpus: optional`), but no working NVIDIA driver: nvidia-smi is not installed on the runner.',
    );
    expect(e.fix).not.toContain('Or set `gpus: optional`');
    expect(e.fix).toMatch(
      /Or set the gpus input to `optional` \(or leave it empty to use repro\.yml's `optional`\), or to `none`\.$/,
    );
  });
});

describe('GpuPreflight', () => {
  /** A docker whose `run` answers `probe`; `nvidia-smi` on the host answers `host` (undefined: not installed). */
  function setup(probe: Partial<ExecResult>, host?: Partial<ExecResult>) {
    const calls: string[][] = [];
    const exec: Exec = async (file, args) => {
      calls.push([file, ...args]);
      if (file === 'nvidia-smi') {
        if (!host) throw new ReproError('"nvidia-smi" was not found on this machine');
        return { exitCode: 0, stdout: '', stderr: '', ...host };
      }
      if (args[0] === 'info') return { exitCode: 0, stdout: '{"Runtimes":{"runc":{}}}', stderr: '' };
      return { exitCode: 0, stdout: '', stderr: '', ...probe };
    };
    const docker = new Docker(exec, new MemoryLogger(), 'docker', {}, NO_ENGINE_API);
    return { calls, preflight: new GpuPreflight(docker, exec, 'run1', () => docker.info()) };
  }

  test('probes the step image with nvidia-smi and the same --gpus, labelled for cleanup, once per image and value', async () => {
    const { calls, preflight } = setup({ stdout: XML });
    const d = await preflight.decide('train', 'sha256:img', gpuRequest('device=0,2'));
    expect(d).toEqual({ gpus: 'device=0,2', report: parseNvidiaSmiXml(XML), note: undefined });
    await preflight.decide('eval', 'sha256:img', gpuRequest('device=0,2'));
    expect(calls).toHaveLength(1);
    const argv = calls[0];
    expect(argv.slice(0, 5)).toEqual(['docker', 'run', '--rm', '--name', argv[4]]);
    expect(argv[4]).toMatch(/^repro-ci-run1-gpu-probe-[a-z0-9]+$/);
    expect(argv.slice(5)).toEqual([
      '--init',
      '--label',
      'io.github.repro-ci.run=run1',
      '--network',
      'none',
      '--gpus',
      '"device=0,2"',
      '--entrypoint',
      'nvidia-smi',
      'sha256:img',
      '-q',
      '-x',
    ]);
  });

  test('optional probes with all GPUs and falls back to the CPU with the reason', async () => {
    const { calls, preflight } = setup({ exitCode: 125, stderr: DEVICE_DRIVER_ERROR });
    expect(await preflight.decide('train', 'sha256:img', gpuRequest('optional'))).toEqual({
      gpus: 'none',
      cpuFallback:
        'step "train" runs on the CPU: `gpus: optional`, and no working NVIDIA driver: nvidia-smi is not installed on the runner.',
    });
    expect(calls.find((c) => c[1] === 'run')).toContain('all');
  });

  test('a required GPU that is not usable throws the diagnosis', async () => {
    const { preflight } = setup(
      { exitCode: 125, stderr: DEVICE_DRIVER_ERROR },
      { stdout: HOST_OK.found ? HOST_OK.output : '' },
    );
    await expect(preflight.decide('train', 'sha256:img', gpuRequest('all'))).rejects.toThrow(
      /^step "train" asked for GPUs \(`gpus: all`\), but the NVIDIA driver works on the runner, but Docker cannot give containers GPUs/,
    );
  });

  test('an image without nvidia-smi still runs on the GPUs, unrecorded', async () => {
    const { preflight } = setup({
      exitCode: 127,
      stderr: '[FATAL tini (7)] exec nvidia-smi failed: No such file or directory',
    });
    expect(await preflight.decide('train', 'sha256:img', gpuRequest('2'))).toEqual({
      gpus: '2',
      report: undefined,
      note: 'nvidia-smi does not run in this image, so the GPUs were not recorded',
    });
  });

  test('nvidia-smi reporting no GPU counts as no GPU', async () => {
    const { preflight } = setup(
      {
        stdout:
          '<nvidia_smi_log><driver_version>550.54.15</driver_version><attached_gpus>0</attached_gpus></nvidia_smi_log>',
      },
      { stdout: 'ok' },
    );
    await expect(preflight.decide('train', 'sha256:img', gpuRequest('all'))).rejects.toThrow(
      'the NVIDIA driver and toolkit work, but no GPU is visible.',
    );
  });
});
