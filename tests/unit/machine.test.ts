/** The machine record (engine facts, hardware rows), the disk check, the heartbeat and run-time caches. */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseBuildkitVersion, parseEngineInfo } from '../../src/docker/info.js';
import { diskWarning } from '../../src/hardware/disk.js';
import { hardwareRecord, hardwareRows } from '../../src/hardware/hardware.js';
import { MemoryLogger } from '../../src/log.js';
import { Machine } from '../../src/pipeline/machine.js';
import {
  fingerprintDir,
  runCacheBase,
  runCacheKeyPrefix,
  runCacheLines,
  RunCaches,
  type RunCacheStore,
} from '../../src/runcache/runcache.js';
import { Heartbeat } from '../../src/util/heartbeat.js';

const INFO = JSON.stringify({
  ServerVersion: '20.10.24+dfsg1',
  OperatingSystem: 'Debian GNU/Linux 12 (bookworm)',
  KernelVersion: '6.1.0',
  Driver: 'overlay2',
  DockerRootDir: '/var/lib/docker',
  NCPU: 16,
  MemTotal: 137438953472,
  Runtimes: { runc: { path: 'runc' }, nvidia: { path: 'nvidia-container-runtime' } },
  DefaultRuntime: 'runc',
  CDISpecDirs: ['/etc/cdi', '/var/run/cdi'],
});

describe('engine facts', () => {
  test('docker info', () => {
    expect(parseEngineInfo(INFO)).toEqual({
      serverVersion: '20.10.24+dfsg1',
      operatingSystem: 'Debian GNU/Linux 12 (bookworm)',
      kernelVersion: '6.1.0',
      storageDriver: 'overlay2',
      containerdStore: false,
      rootDir: '/var/lib/docker',
      cpus: 16,
      memoryBytes: 137438953472,
      runtimes: ['nvidia', 'runc'],
      defaultRuntime: 'runc',
      cdiSpecDirs: ['/etc/cdi', '/var/run/cdi'],
    });
  });

  test('the containerd image store, as dockerd 28.5 reports it (DriverStatus driver-type)', () => {
    const info = JSON.stringify({
      ServerVersion: '28.5.2+dfsg4',
      Driver: 'overlayfs',
      DriverStatus: [['driver-type', 'io.containerd.snapshotter.v1']],
    });
    expect(parseEngineInfo(info)).toMatchObject({ storageDriver: 'overlayfs', containerdStore: true });
    expect(
      parseEngineInfo(
        JSON.stringify({
          Driver: 'overlay2',
          DriverStatus: [
            ['Backing Filesystem', 'extfs'],
            ['Supports d_type', 'true'],
          ],
        }),
      ).containerdStore,
    ).toBe(false);
  });

  test('an engine that did not answer leaves everything unknown', () => {
    expect(parseEngineInfo('')).toEqual({
      serverVersion: undefined,
      operatingSystem: undefined,
      kernelVersion: undefined,
      storageDriver: undefined,
      containerdStore: false,
      rootDir: undefined,
      cpus: undefined,
      memoryBytes: undefined,
      runtimes: [],
      defaultRuntime: undefined,
      cdiSpecDirs: [],
    });
  });

  test.each<[string, string | undefined]>([
    [
      'Name:          default\nDriver:        docker\n\nNodes:\nName:             default\nStatus:           running\nBuildKit version: v0.8+unknown\nPlatforms:        linux/amd64\n',
      'v0.8+unknown',
    ],
    [
      'Name:   default\nDriver: docker\nNodes:\nName:      default\nStatus:    running\nBuildkit:  v0.12.5\n',
      'v0.12.5',
    ],
    ['Name: default\nDriver: docker\n', undefined],
  ])('BuildKit version from buildx inspect %#', (text, version) => {
    expect(parseBuildkitVersion(text)).toBe(version);
  });
});

describe('hardware record', () => {
  const engine = parseEngineInfo(INFO);
  test('host facts, engine and BuildKit', () => {
    expect(
      hardwareRecord(
        { cpuModel: ' AMD EPYC 7763 64-Core Processor ', cpuCount: 16, memoryBytes: 1 },
        engine,
        'v0.8+unknown',
      ),
    ).toEqual({
      cpu: { model: 'AMD EPYC 7763 64-Core Processor', count: 16 },
      memoryBytes: 137438953472,
      engine: {
        version: '20.10.24+dfsg1',
        os: 'Debian GNU/Linux 12 (bookworm)',
        kernel: '6.1.0',
        storageDriver: 'overlay2',
        runtimes: ['nvidia', 'runc'],
      },
      buildkit: 'v0.8+unknown',
      steps: {},
    });
  });

  test('summary rows, GPUs and step modes included', () => {
    const h = hardwareRecord({ cpuModel: 'AMD EPYC', cpuCount: 2, memoryBytes: 0 }, engine, undefined);
    h.gpu = {
      step: 'train',
      driverVersion: '550.54.15',
      cudaVersion: '12.4',
      devices: [{ index: 0, name: 'NVIDIA H100 80GB HBM3', memoryMiB: 81559 }],
    };
    h.steps = {
      train: { gpus: 'all', mode: 'gpu' },
      evaluate: { gpus: 'none', mode: 'cpu-fallback' },
      lint: { gpus: 'none', mode: 'cpu' },
    };
    expect(hardwareRows(h)).toEqual([
      ['CPU', 'AMD EPYC × 2'],
      ['Memory', '128.0 GiB'],
      ['GPU 0', 'NVIDIA H100 80GB HBM3 (81559 MiB)'],
      ['NVIDIA driver / CUDA', '550.54.15 / 12.4'],
      ['Steps on GPU', 'train (all)'],
      ['Steps on CPU (no GPU found)', 'evaluate'],
      ['Docker engine', '20.10.24+dfsg1 on Debian GNU/Linux 12 (bookworm) (kernel 6.1.0)'],
      ['BuildKit', 'built into engine 20.10.24+dfsg1'],
    ]);
  });
});

describe('disk check', () => {
  const GiB = 2 ** 30;
  test('enough space: no warning', () => {
    expect(
      diskWarning({ label: 'the workspace', path: '/w', freeBytes: 3 * GiB, totalBytes: 100 * GiB }, 2 * GiB),
    ).toBeUndefined();
  });
  test('low space: the folder, the numbers and what to do', () => {
    expect(
      diskWarning(
        { label: "Docker's data folder", path: '/var/lib/docker', freeBytes: 1.5 * GiB, totalBytes: 100 * GiB },
        10 * GiB,
      ),
    ).toBe(
      'low disk space: Docker\'s data folder (/var/lib/docker) has 1.5 GiB free of 100.0 GiB, below 10.0 GiB; builds and steps may fail with "no space left on device". Free space with `docker system prune` or `docker builder prune`, or remove old results.',
    );
  });
});

describe('heartbeat', () => {
  function clocked(every: number) {
    let t = 100;
    const said: string[] = [];
    const hb = new Heartbeat({
      everySeconds: every,
      now: () => t,
      say: (e, s) => said.push(Machine.heartbeatLine('train', e, s)),
    });
    return { hb, said, advance: (s: number) => (t += s) };
  }

  test('speaks after each period of silence, counting silence from the last output', () => {
    const { hb, said, advance } = clocked(300);
    advance(299);
    expect(hb.tick()).toBe(false);
    advance(1);
    expect(hb.tick()).toBe(true);
    advance(120);
    hb.touch();
    advance(299);
    expect(hb.tick()).toBe(false);
    advance(1);
    expect(hb.tick()).toBe(true);
    advance(300);
    expect(hb.tick()).toBe(true);
    expect(said).toEqual([
      'still running step "train" (5m00s elapsed, no output for 5m00s)',
      'still running step "train" (12m00s elapsed, no output for 5m00s)',
      'still running step "train" (17m00s elapsed, no output for 10m00s)',
    ]);
  });

  test('off when the period is 0', () => {
    const { hb, said, advance } = clocked(0);
    advance(10_000);
    expect(hb.tick()).toBe(false);
    expect(said).toEqual([]);
  });
});

describe('run-time caches', () => {
  test('base folder: the runner tool cache, else XDG_CACHE_HOME, else ~/.cache', () => {
    expect(runCacheBase({ RUNNER_TOOL_CACHE: '/opt/hostedtoolcache', XDG_CACHE_HOME: '/x' }, '/home/u')).toBe(
      '/opt/hostedtoolcache/repro-ci/run-caches',
    );
    expect(runCacheBase({ XDG_CACHE_HOME: '/x' }, '/home/u')).toBe('/x/repro-ci/run-caches');
    expect(runCacheBase({}, '/home/u')).toBe('/home/u/.cache/repro-ci/run-caches');
    expect(runCacheKeyPrefix('mnist', 'hf', 'linux-x64')).toBe('repro-ci-run-v1-linux-x64-mnist-hf-');
  });

  test('fingerprint changes with a file, not with listing order', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fp-'));
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub/w.bin'), 'weights');
    writeFileSync(path.join(dir, 'a.txt'), 'a');
    for (const f of ['sub/w.bin', 'a.txt']) utimesSync(path.join(dir, f), 1_700_000_000, 1_700_000_000);
    const a = fingerprintDir(dir);
    expect({ files: a.files, bytes: a.bytes }).toEqual({ files: 2, bytes: 8 });
    expect(fingerprintDir(dir).digest).toBe(a.digest);
    writeFileSync(path.join(dir, 'sub/w.bin'), 'weightz');
    expect(fingerprintDir(dir).digest).not.toBe(a.digest);
    rmSync(dir, { recursive: true });
  });

  /** A store that keeps entries in memory (a folder's files by key). */
  function memoryStore(entries: Map<string, Record<string, string>>) {
    const calls: string[] = [];
    const store: RunCacheStore = {
      async restore([dir], key, restoreKeys) {
        calls.push(`restore ${key} [${restoreKeys.join(',')}]`);
        const hit = [...entries.keys()].reverse().find((k) => k === key || restoreKeys.some((p) => k.startsWith(p)));
        if (!hit) return {};
        for (const [f, c] of Object.entries(entries.get(hit)!)) writeFileSync(path.join(dir, f), c);
        return { key: hit };
      },
      async save([dir], key) {
        calls.push(`save ${key.replace(/[0-9a-f]{16}$/, '<digest>')}`);
        const files: Record<string, string> = {};
        for (const f of ['model.bin']) files[f] = 'x';
        entries.set(key, files);
        void dir;
        return { key };
      },
    };
    return { store, calls };
  }

  test('restores once per name on a fresh machine, saves only what changed, and never fails the run', async () => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'rc-'));
    const entries = new Map<string, Record<string, string>>();
    const prefix = runCacheKeyPrefix('proj', 'hf');
    entries.set(`${prefix}0000000000000000`, { 'model.bin': 'weights' });
    const { store, calls } = memoryStore(entries);
    const log = new MemoryLogger();
    const caches = new RunCaches(base, 'proj', log, store);
    const hf = await caches.prepare({ name: 'hf', container: '/cache/hf' });
    expect(hf).toBe(path.join(base, 'proj', 'hf'));
    expect(await caches.prepare({ name: 'hf', container: '/other' })).toBe(hf);
    await caches.prepare({ name: 'torch', container: '/cache/torch' });
    writeFileSync(path.join(base, 'proj/torch/resnet.pth'), 'pth');
    const reports = await caches.saveChanged();
    expect(calls).toEqual([
      `restore ${prefix} [${prefix}]`,
      `restore ${runCacheKeyPrefix('proj', 'torch')} [${runCacheKeyPrefix('proj', 'torch')}]`,
      `save ${runCacheKeyPrefix('proj', 'torch')}<digest>`,
    ]);
    expect(reports.map((r) => ({ ...r, savedKey: r.savedKey?.replace(/[0-9a-f]{16}$/, '<digest>') }))).toEqual([
      { name: 'hf', hostDir: hf, restoredKey: `${prefix}0000000000000000`, savedKey: undefined, files: 1, bytes: 7 },
      {
        name: 'torch',
        hostDir: path.join(base, 'proj/torch'),
        restoredKey: undefined,
        savedKey: `${runCacheKeyPrefix('proj', 'torch')}<digest>`,
        files: 1,
        bytes: 3,
      },
    ]);
    expect(runCacheLines(reports).map((l) => l.replace(/(saved `[^`]*-)[0-9a-f]{16}`/, '$1<digest>`'))).toEqual([
      `- \`hf\`: 1 file(s), 7 B, restored \`${prefix}0000000000000000\`, not saved (unchanged or no cache service)`,
      `- \`torch\`: 1 file(s), 3 B, saved \`${runCacheKeyPrefix('proj', 'torch')}<digest>\``,
    ]);

    // A failing service (a problem reported, or a throw): a warning, and the run goes on.
    const failing = new RunCaches(mkdtempSync(path.join(os.tmpdir(), 'rc-')), 'proj', log, {
      restore: async () => ({ problem: 'service down' }),
      save: () => Promise.reject(new Error('quota')),
    });
    const dir = await failing.prepare({ name: 'hf', container: '/c' });
    writeFileSync(path.join(dir, 'f'), 'x');
    expect((await failing.saveChanged())[0].savedKey).toBeUndefined();
    expect(log.lines.filter((l) => l.startsWith('warning'))).toEqual([
      'warning: run cache "hf": restore failed, starting empty: service down',
      'warning: run cache "hf": not saved: quota',
    ]);

    // Content another run saved first (its key is taken): said, no warning.
    const raced = new RunCaches(mkdtempSync(path.join(os.tmpdir(), 'rc-')), 'proj', log, {
      restore: async () => ({}),
      save: async () => ({ problem: 'already exists', exists: true }),
    });
    writeFileSync(path.join(await raced.prepare({ name: 'hf', container: '/c' }), 'f'), 'x');
    expect((await raced.saveChanged())[0].savedKey).toBeUndefined();
    expect(log.lines.filter((l) => l.startsWith('warning'))).toHaveLength(2);
    expect(log.lines.at(-1)).toMatch(
      /^run cache "hf": repro-ci-run-.*[0-9a-f]{16} exists already \(the same content\); not saved again$/,
    );
  });

  test('a folder already holding files on a kept machine is used as it is', async () => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'rc-'));
    mkdirSync(path.join(base, 'proj/hf'), { recursive: true });
    writeFileSync(path.join(base, 'proj/hf/w'), 'w');
    const { store, calls } = memoryStore(new Map());
    const caches = new RunCaches(base, 'proj', new MemoryLogger(), store);
    await caches.prepare({ name: 'hf', container: '/c' });
    expect(await caches.saveChanged()).toEqual([
      { name: 'hf', hostDir: path.join(base, 'proj/hf'), files: 1, bytes: 1 },
    ]);
    expect(calls).toEqual([]);
  });
});

test('the summary has a Hardware table and the run-time caches', async () => {
  const { renderMarkdownReport } = await import('../../src/report/markdown.js');
  const hardware = hardwareRecord(
    { cpuModel: 'AMD EPYC', cpuCount: 2, memoryBytes: 0 },
    parseEngineInfo(INFO),
    'v0.8+unknown',
  );
  const md = renderMarkdownReport({
    ok: true,
    resultsDir: '/p/.repro-ci',
    stages: [],
    images: [],
    steps: [],
    checks: [],
    push: { push: false, reason: 'no image' },
    pushed: [],
    warnings: [],
    hardware,
    runCaches: [{ name: 'hf', hostDir: '/c/hf', files: 3, bytes: 2048 }],
  });
  expect(md).toContain(
    [
      '### Hardware',
      '',
      '| Machine | This run |',
      '| --- | --- |',
      '| CPU | AMD EPYC × 2 |',
      '| Memory | 128.0 GiB |',
      '| Docker engine | 20.10.24+dfsg1 on Debian GNU/Linux 12 (bookworm) (kernel 6.1.0) |',
      '| BuildKit | v0.8+unknown |',
      '',
      '### Run-time caches',
      '',
      '- `hf`: 3 file(s), 2.0 KiB, not saved (unchanged or no cache service)',
    ].join('\n'),
  );
});
