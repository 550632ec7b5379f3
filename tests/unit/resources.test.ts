/** Per-step resources: repro.yml → typed settings (and their errors) → docker flags. */
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import type { StepResources } from '../../src/config/resources.js';
import { ConfigError } from '../../src/errors.js';
import { resourceFlags, runArgv, type RunResources } from '../../src/docker/argv.js';
import { GPU_SHM_SIZE, passEnvValues, resourcesFor } from '../../src/pipeline/machine.js';

const FILE = '/work/proj/repro.yml';
const head = ['images: {app: Dockerfile}', 'steps:', '  - name: train'];
const parse = (...lines: string[]) => parseConfig([...head, ...lines].join('\n') + '\n', FILE);
const resources = (...lines: string[]) => parse(...lines).steps[0].resources;

function problems(...lines: string[]): string[] {
  try {
    parse(...lines);
  } catch (e) {
    if (e instanceof ConfigError)
      return e.problems.map((p) => `${p.location.line}:${p.location.column} ${p.path}: ${p.message} Fix: ${p.fix}`);
    throw e;
  }
  throw new Error('expected a ConfigError');
}

const NONE: StepResources = {
  shmSize: undefined,
  memory: undefined,
  cpus: undefined,
  ulimits: {},
  ipc: undefined,
  user: undefined,
  passEnv: [],
  caches: [],
  heartbeatSeconds: 300,
};

describe('repro.yml resources', () => {
  test('every setting, normalized', () => {
    expect(
      resources(
        '    shm-size: 8g',
        '    memory: 16G',
        '    cpus: 1.5',
        '    ulimits: { memlock: -1, stack: 67108864, nofile: "1024:65536" }',
        '    ipc: private',
        '    user: runner',
        '    env: { SEED: 1 }',
        '    pass-env: [WANDB_API_KEY, CUDA_VISIBLE_DEVICES]',
        '    caches: { huggingface: /cache/hf/, torch: /root/.cache/torch }',
        '    heartbeat: 90s',
      ),
    ).toEqual({
      shmSize: '8g',
      memory: '16G',
      cpus: 1.5,
      ulimits: { memlock: '-1', stack: '67108864', nofile: '1024:65536' },
      ipc: 'private',
      user: 'runner',
      passEnv: ['WANDB_API_KEY', 'CUDA_VISIBLE_DEVICES'],
      caches: [
        { name: 'huggingface', container: '/cache/hf' },
        { name: 'torch', container: '/root/.cache/torch' },
      ],
      heartbeatSeconds: 90,
    } satisfies StepResources);
  });

  test('defaults: nothing set, heartbeat every 5 minutes of silence', () => {
    expect(resources()).toEqual(NONE);
  });

  test.each<[string, number]>([
    ['off', 0],
    ['0', 0],
    ['30m', 1800],
    ['1h30m', 5400],
    ['45', 45],
  ])('heartbeat %j → %i s', (v, s) => {
    expect(resources(`    heartbeat: ${v}`).heartbeatSeconds).toBe(s);
  });

  test.each<[string, string[], string]>([
    [
      'shm-size not a size',
      ['    shm-size: lots'],
      '4:15 steps[0].shm-size: "lots" is not valid. Fix: Write a size such as `512m` or `2g`.',
    ],
    [
      'memory not a size',
      ['    memory: 2 GB'],
      '4:13 steps[0].memory: "2 GB" is not valid. Fix: Write a size such as `512m` or `2g`.',
    ],
    [
      'cpus zero',
      ['    cpus: 0'],
      '4:11 steps[0].cpus: cpus must be above 0, got 0. Fix: write a number of CPUs such as `2` or `0.5`, or leave it out for no limit.',
    ],
    [
      'unknown ulimit',
      ['    ulimits: { memlok: -1 }'],
      '4:16 steps[0].ulimits.memlok: "memlok" is not a valid name. Fix: Use one of core, cpu, data, fsize, locks, memlock, msgqueue, nice, nofile, nproc, rss, rtprio, rttime, sigpending, stack.',
    ],
    [
      'bad ulimit value',
      ['    ulimits: { nofile: lots }'],
      '4:24 steps[0].ulimits.nofile: "lots" is not valid. Fix: Write a limit such as `65536`, `SOFT:HARD` such as `1024:65536`, or `-1` for unlimited.',
    ],
    [
      'bad ipc',
      ['    ipc: shared'],
      '4:10 steps[0].ipc: "shared" is not valid. Fix: Use `private`, `shareable`, `host`, `none` or `container:NAME`.',
    ],
    [
      'shm-size with ipc host',
      ['    ipc: host', '    shm-size: 2g'],
      "5:15 steps[0].shm-size: `shm-size` has no effect with `ipc: host` (the container uses the machine's /dev/shm). Fix: drop `shm-size`, or drop `ipc: host`.",
    ],
    [
      'bad user',
      ['    user: "1000:"'],
      '4:11 steps[0].user: "1000:" is not valid. Fix: Use `runner`, `UID`, `UID:GID` or a user name such as `nobody`.',
    ],
    [
      'pass-env not a name',
      ['    pass-env: [MY-TOKEN]'],
      '4:16 steps[0].pass-env[0]: "MY-TOKEN" is not valid. Fix: Use an environment variable name such as `WANDB_API_KEY`.',
    ],
    [
      'pass-env also in env',
      ['    env: { SEED: 1 }', '    pass-env: [SEED]'],
      '5:16 steps[0].pass-env[0]: "SEED" is both set under `env:` and passed from the runner. Fix: keep one: `env:` for a fixed value, `pass-env:` for the runner\'s value.',
    ],
    [
      'pass-env twice',
      ['    pass-env: [A, A]'],
      '4:19 steps[0].pass-env[1]: "A" is listed twice. Fix: list each name once.',
    ],
    [
      'cache not absolute',
      ['    caches: { hf: cache/hf }'],
      '4:19 steps[0].caches.hf: "cache/hf" is not valid. Fix: Use an absolute folder in the container, e.g. `/root/.cache/huggingface`.',
    ],
    [
      'cache on a mount',
      ['    mounts: ["data:/data"]', '    caches: { hf: /data/ }'],
      '5:19 steps[0].caches.hf: cache "hf" uses /data, which a mount already uses. Fix: give each cache and mount its own folder.',
    ],
    [
      'two caches on one folder',
      ['    caches: { a: /c, b: /c }'],
      '4:25 steps[0].caches.b: cache "b" uses /c, which cache "a" already uses. Fix: give each cache and mount its own folder.',
    ],
    [
      'heartbeat not a duration',
      ['    heartbeat: often'],
      '4:16 steps[0].heartbeat: "often" is not valid. Fix: Write a duration such as `90s`, `5m` or `1h`, or `off`.',
    ],
  ])('%s', (_, lines, message) => {
    expect(problems(...lines)).toEqual([message]);
  });
});

describe('docker flags', () => {
  test.each<[string, RunResources, string[]]>([
    ['nothing', {}, []],
    ['shm-size', { shmSize: '2g' }, ['--shm-size', '2g']],
    ['memory', { memory: '16g' }, ['--memory', '16g']],
    ['cpus', { cpus: 1.5 }, ['--cpus', '1.5']],
    [
      'ulimits',
      { ulimits: { memlock: '-1', nofile: '1024:65536' } },
      ['--ulimit', 'memlock=-1', '--ulimit', 'nofile=1024:65536'],
    ],
    ['ipc', { ipc: 'host' }, ['--ipc', 'host']],
    ['user', { user: '1001:121' }, ['--user', '1001:121']],
    [
      'all, in a fixed order',
      { user: 'nobody', ipc: 'private', ulimits: { stack: '67108864' }, cpus: 4, memory: '8g', shmSize: '1g' },
      [
        '--shm-size',
        '1g',
        '--memory',
        '8g',
        '--cpus',
        '4',
        '--ulimit',
        'stack=67108864',
        '--ipc',
        'private',
        '--user',
        'nobody',
      ],
    ],
  ])('%s', (_, r, flags) => {
    expect(resourceFlags(r)).toEqual(flags);
  });

  test('runArgv puts them after --gpus and before the entrypoint', () => {
    expect(
      runArgv({
        name: 'c',
        image: 'img',
        labels: {},
        envNames: [],
        mounts: [],
        gpus: 'device=0,2',
        resources: { shmSize: '2g', user: '0:0' },
        entrypoint: 'python',
        args: ['train.py'],
      }),
    ).toEqual([
      'run',
      '--rm',
      '--name',
      'c',
      '--init',
      '--gpus',
      '"device=0,2"',
      '--shm-size',
      '2g',
      '--user',
      '0:0',
      '--entrypoint',
      'python',
      'img',
      'train.py',
    ]);
  });
});

describe('resourcesFor', () => {
  test.each<[string, Partial<StepResources>, string, RunResources]>([
    [
      'no GPU: docker default shm',
      {},
      'none',
      { shmSize: undefined, memory: undefined, cpus: undefined, ulimits: {}, ipc: undefined, user: undefined },
    ],
    [
      'GPUs: a larger shm',
      {},
      'all',
      { shmSize: GPU_SHM_SIZE, memory: undefined, cpus: undefined, ulimits: {}, ipc: undefined, user: undefined },
    ],
    [
      'GPUs with a set shm-size',
      { shmSize: '16g' },
      'device=0',
      { shmSize: '16g', memory: undefined, cpus: undefined, ulimits: {}, ipc: undefined, user: undefined },
    ],
    [
      'GPUs with ipc host: no shm',
      { ipc: 'host' },
      'all',
      { shmSize: undefined, memory: undefined, cpus: undefined, ulimits: {}, ipc: 'host', user: undefined },
    ],
    [
      "GPUs sharing another container's ipc: no shm",
      { ipc: 'container:db' },
      'all',
      { shmSize: undefined, memory: undefined, cpus: undefined, ulimits: {}, ipc: 'container:db', user: undefined },
    ],
    [
      'user runner → uid:gid',
      { user: 'runner' },
      'none',
      { shmSize: undefined, memory: undefined, cpus: undefined, ulimits: {}, ipc: undefined, user: '1001:121' },
    ],
    [
      'other users as written',
      { user: 'nobody' },
      'none',
      { shmSize: undefined, memory: undefined, cpus: undefined, ulimits: {}, ipc: undefined, user: 'nobody' },
    ],
  ])('%s', (_, r, gpus, expected) => {
    expect(resourcesFor({ ...NONE, ...r }, gpus, '1001:121')).toEqual(expected);
  });

  test('user runner without a uid is an error with a fix', () => {
    expect(() => resourcesFor({ ...NONE, user: 'runner' }, 'none', undefined)).toThrow(
      "`user: runner` needs the runner's uid and gid, which this platform does not have.",
    );
  });
});

test('passEnvValues: every value pass-env names that is set, once each, with its name', () => {
  const steps = parseConfig(
    [
      'images: {app: Dockerfile}',
      'steps:',
      '  - name: a',
      '    pass-env: [WANDB_API_KEY, HF_TOKEN, CUDA_VISIBLE_DEVICES, DB_PASS]',
      '  - name: b',
      '    pass-env: [HF_TOKEN, AWS_SECRET_ACCESS_KEY]',
    ].join('\n'),
    FILE,
  ).steps;
  const env = {
    WANDB_API_KEY: 'wk',
    HF_TOKEN: 'hf',
    CUDA_VISIBLE_DEVICES: '0',
    DB_PASS: 'hunter22',
    AWS_SECRET_ACCESS_KEY: 'aws',
  };
  expect(passEnvValues(steps, env)).toEqual([
    { name: 'WANDB_API_KEY', value: 'wk' },
    { name: 'HF_TOKEN', value: 'hf' },
    { name: 'CUDA_VISIBLE_DEVICES', value: '0' },
    { name: 'DB_PASS', value: 'hunter22' },
    { name: 'AWS_SECRET_ACCESS_KEY', value: 'aws' },
  ]);
});
