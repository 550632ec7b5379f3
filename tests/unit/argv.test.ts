import { describe, expect, it, test } from 'vitest';
import {
  buildArgv,
  buildxAtLeast,
  buildEnv,
  gpuFlags,
  LABEL_RUN,
  LABEL_STEP,
  listContainersArgv,
  mountFlag,
  pushArgv,
  removeContainersArgv,
  runArgv,
  stopArgv,
  tagArgv,
  type BuildRequest,
  type RunRequest,
} from '../../src/docker/argv.js';

const fullBuild: BuildRequest = {
  dockerfile: '/p/train.dockerfile',
  context: '/p/ctx',
  tags: ['proj-train:run1', 'proj-train:latest'],
  target: 'runtime',
  buildArgs: { PYTHON_VERSION: '3.11', EMPTY: '' },
  labels: { [LABEL_RUN]: 'run1' },
  iidFile: '/p/.repro-ci/train.iid',
  cacheFrom: ['type=gha,scope=train'],
  cacheTo: ['type=gha,mode=max,scope=train'],
};

describe('buildArgv', () => {
  it.each<[string, 'buildx' | 'classic', BuildRequest, string[]]>([
    [
      'buildx, every option',
      'buildx',
      fullBuild,
      [
        'buildx',
        'build',
        '--progress',
        'plain',
        '--file',
        '/p/train.dockerfile',
        '--iidfile',
        '/p/.repro-ci/train.iid',
        '--load',
        '--tag',
        'proj-train:run1',
        '--tag',
        'proj-train:latest',
        '--target',
        'runtime',
        '--build-arg',
        'PYTHON_VERSION=3.11',
        '--build-arg',
        'EMPTY=',
        '--label',
        'io.github.repro-ci.run=run1',
        '--cache-from',
        'type=gha,scope=train',
        '--cache-to',
        'type=gha,mode=max,scope=train',
        '/p/ctx',
      ],
    ],
    [
      'classic, every option (no --load)',
      'classic',
      fullBuild,
      [
        'build',
        '--progress',
        'plain',
        '--file',
        '/p/train.dockerfile',
        '--iidfile',
        '/p/.repro-ci/train.iid',
        '--tag',
        'proj-train:run1',
        '--tag',
        'proj-train:latest',
        '--target',
        'runtime',
        '--build-arg',
        'PYTHON_VERSION=3.11',
        '--build-arg',
        'EMPTY=',
        '--label',
        'io.github.repro-ci.run=run1',
        '--cache-from',
        'type=gha,scope=train',
        '--cache-to',
        'type=gha,mode=max,scope=train',
        '/p/ctx',
      ],
    ],
    [
      'buildx, minimal',
      'buildx',
      { dockerfile: '/p/Dockerfile', context: '/p', tags: [], buildArgs: {}, labels: {}, iidFile: '/tmp/iid' },
      ['buildx', 'build', '--progress', 'plain', '--file', '/p/Dockerfile', '--iidfile', '/tmp/iid', '--load', '/p'],
    ],
    [
      'buildx: manifest annotations',
      'buildx',
      {
        dockerfile: '/p/Dockerfile',
        context: '/p',
        tags: [],
        buildArgs: {},
        labels: {},
        annotations: { 'org.example.paper': 'a b=c' },
        iidFile: '/i',
      },
      [
        'buildx',
        'build',
        '--progress',
        'plain',
        '--file',
        '/p/Dockerfile',
        '--iidfile',
        '/i',
        '--load',
        '--annotation',
        'manifest:org.example.paper=a b=c',
        '/p',
      ],
    ],
    [
      'classic: no annotations (the client has no such flag)',
      'classic',
      {
        dockerfile: '/p/Dockerfile',
        context: '/p',
        tags: [],
        buildArgs: {},
        labels: {},
        annotations: { a: 'b' },
        iidFile: '/i',
      },
      ['build', '--progress', 'plain', '--file', '/p/Dockerfile', '--iidfile', '/i', '/p'],
    ],
    [
      'classic, minimal',
      'classic',
      {
        dockerfile: '/p/Dockerfile',
        context: '/p',
        tags: ['a:b'],
        buildArgs: {},
        labels: {},
        iidFile: '/tmp/iid',
        target: '',
      },
      ['build', '--progress', 'plain', '--file', '/p/Dockerfile', '--iidfile', '/tmp/iid', '--tag', 'a:b', '/p'],
    ],
    [
      'values with spaces and = stay one argument',
      'classic',
      {
        dockerfile: '/my dir/Dockerfile',
        context: '/my dir',
        tags: [],
        buildArgs: { MSG: 'a b=c' },
        labels: {},
        iidFile: '/i',
      },
      [
        'build',
        '--progress',
        'plain',
        '--file',
        '/my dir/Dockerfile',
        '--iidfile',
        '/i',
        '--build-arg',
        'MSG=a b=c',
        '/my dir',
      ],
    ],
  ])('%s', (_name, kind, req, argv) => {
    expect(buildArgv(kind, req)).toEqual(argv);
  });

  it('switches BuildKit on for the classic builder only', () => {
    expect(buildEnv('classic')).toEqual({ DOCKER_BUILDKIT: '1' });
    expect(buildEnv('buildx')).toEqual({});
  });
});

const baseRun: RunRequest = {
  name: 'repro-run1-train',
  image: 'proj-train:run1',
  labels: {},
  envNames: [],
  mounts: [],
  args: [],
};

describe('runArgv', () => {
  it.each<[string, Partial<RunRequest>, string[]]>([
    ['minimal', {}, ['run', '--rm', '--name', 'repro-run1-train', '--init', 'proj-train:run1']],
    [
      'labels, network, env names, workdir',
      {
        labels: { [LABEL_RUN]: 'run1', [LABEL_STEP]: 'train' },
        network: 'none',
        envNames: ['SEED', 'API_TOKEN'],
        workdir: '/app',
      },
      [
        'run',
        '--rm',
        '--name',
        'repro-run1-train',
        '--init',
        '--label',
        'io.github.repro-ci.run=run1',
        '--label',
        'io.github.repro-ci.step=train',
        '--network',
        'none',
        '--env',
        'SEED',
        '--env',
        'API_TOKEN',
        '--workdir',
        '/app',
        'proj-train:run1',
      ],
    ],
    [
      'mounts, read-only and read-write',
      {
        mounts: [
          { host: '/p/data', container: '/data', readOnly: true },
          { host: '/p/out', container: '/out', readOnly: false },
        ],
      },
      [
        'run',
        '--rm',
        '--name',
        'repro-run1-train',
        '--init',
        '--mount',
        'type=bind,source=/p/data,target=/data,readonly',
        '--mount',
        'type=bind,source=/p/out,target=/out',
        'proj-train:run1',
      ],
    ],
    [
      'gpus all',
      { gpus: 'all' },
      ['run', '--rm', '--name', 'repro-run1-train', '--init', '--gpus', 'all', 'proj-train:run1'],
    ],
    [
      'gpus device list',
      { gpus: 'device=0,2' },
      ['run', '--rm', '--name', 'repro-run1-train', '--init', '--gpus', '"device=0,2"', 'proj-train:run1'],
    ],
    ['gpus none', { gpus: 'none' }, ['run', '--rm', '--name', 'repro-run1-train', '--init', 'proj-train:run1']],
    [
      'entrypoint and args',
      { entrypoint: 'python', args: ['train.py', '--epochs', '3'] },
      [
        'run',
        '--rm',
        '--name',
        'repro-run1-train',
        '--init',
        '--entrypoint',
        'python',
        'proj-train:run1',
        'train.py',
        '--epochs',
        '3',
      ],
    ],
    [
      'empty entrypoint clears the image ENTRYPOINT',
      { entrypoint: '', args: ['x'] },
      ['run', '--rm', '--name', 'repro-run1-train', '--init', '--entrypoint', '', 'proj-train:run1', 'x'],
    ],
    [
      'args only',
      { args: ['--split', 'test'] },
      ['run', '--rm', '--name', 'repro-run1-train', '--init', 'proj-train:run1', '--split', 'test'],
    ],
    [
      'every option, in order',
      {
        labels: { [LABEL_RUN]: 'r' },
        network: 'bridge',
        envNames: ['A'],
        mounts: [{ host: '/p/d', container: '/d', readOnly: false }],
        workdir: '/w',
        gpus: '2',
        entrypoint: 'sh',
        args: ['-c', 'echo $A'],
      },
      [
        'run',
        '--rm',
        '--name',
        'repro-run1-train',
        '--init',
        '--label',
        'io.github.repro-ci.run=r',
        '--network',
        'bridge',
        '--env',
        'A',
        '--mount',
        'type=bind,source=/p/d,target=/d',
        '--workdir',
        '/w',
        '--gpus',
        '2',
        '--entrypoint',
        'sh',
        'proj-train:run1',
        '-c',
        'echo $A',
      ],
    ],
  ])('%s', (_name, req, argv) => {
    expect(runArgv({ ...baseRun, ...req })).toEqual(argv);
  });

  it('passes env names only, never values', () => {
    const secret = 's3cr3t-value';
    const argv = runArgv({ ...baseRun, envNames: ['TOKEN'] });
    expect(argv).toContain('TOKEN');
    expect(argv.join(' ')).not.toContain(secret);
    expect(argv.some((a) => a.includes('='))).toBe(false);
  });
});

describe('mountFlag', () => {
  it.each<[{ host: string; container: string; readOnly: boolean }, string]>([
    [{ host: '/p/data', container: '/data', readOnly: false }, 'type=bind,source=/p/data,target=/data'],
    [{ host: '/p/data', container: '/data', readOnly: true }, 'type=bind,source=/p/data,target=/data,readonly'],
    [{ host: '/p/my data', container: '/data', readOnly: false }, 'type=bind,source=/p/my data,target=/data'],
    // CSV: a field with a comma or a quote is quoted as a whole, quotes doubled.
    [{ host: '/p/a,b', container: '/data', readOnly: true }, 'type=bind,"source=/p/a,b",target=/data,readonly'],
    [
      { host: '/p/say "hi"', container: '/in,out', readOnly: false },
      'type=bind,"source=/p/say ""hi""","target=/in,out"',
    ],
  ])('%j → %s', (mount, flag) => {
    expect(mountFlag(mount)).toBe(flag);
  });
});

describe('gpuFlags', () => {
  it.each<[string | undefined, string[]]>([
    ['all', ['--gpus', 'all']],
    ['2', ['--gpus', '2']],
    ['device=0,2', ['--gpus', '"device=0,2"']],
    ['device=1', ['--gpus', '"device=1"']],
    ['none', []],
    ['', []],
    [undefined, []],
  ])('%j → %j', (gpus, flags) => {
    expect(gpuFlags(gpus)).toEqual(flags);
  });
});

describe('small argv builders', () => {
  it.each<[string, string[], string[]]>([
    ['stop', stopArgv('c1', 10), ['stop', '--time', '10', 'c1']],
    ['rm', removeContainersArgv(['c1', 'c2']), ['rm', '--force', '--volumes', 'c1', 'c2']],
    [
      'ps',
      listContainersArgv('io.github.repro-ci.run=r1'),
      ['ps', '--all', '--quiet', '--filter', 'label=io.github.repro-ci.run=r1'],
    ],
    ['tag', tagArgv('sha256:abc', 'ghcr.io/o/p:main'), ['tag', 'sha256:abc', 'ghcr.io/o/p:main']],
    ['push', pushArgv('ghcr.io/o/p:main'), ['push', 'ghcr.io/o/p:main']],
  ])('%s', (_name, got, want) => {
    expect(got).toEqual(want);
  });

  it('uses stable label names', () => {
    expect(LABEL_RUN).toBe('io.github.repro-ci.run');
    expect(LABEL_STEP).toBe('io.github.repro-ci.step');
  });
});

describe('provenance (issue 22: an index per push on the containerd store)', () => {
  const req = { dockerfile: 'D', context: '.', tags: ['t'], buildArgs: {}, labels: {}, iidFile: 'i' };
  test('buildx 0.10+ builds without a provenance attestation; the classic client has none to drop', () => {
    expect(buildArgv('buildx', { ...req, noProvenance: true })).toContain('--provenance=false');
    expect(buildArgv('buildx', req)).not.toContain('--provenance=false');
    expect(buildArgv('classic', { ...req, noProvenance: true })).not.toContain('--provenance=false');
  });
  test.each([
    ['buildx 0.13.1+ds1', true],
    ['github.com/docker/buildx v0.29.1 abc', true],
    ['buildx 0.9.1', false],
    [undefined, false],
  ] as const)('buildxAtLeast(%j, 0, 10) is %s', (v, ok) => expect(buildxAtLeast(v, 0, 10)).toBe(ok));
});
