import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { extractDockerfile, injectDockerfile, injectOutcome, mountFlag } from '../../src/cache/dance.js';
import { findKeyFiles, globRegex, isKeyFile, layerKeys, mountKeys, slug } from '../../src/cache/keys.js';
import {
  chooseLayerCache,
  LayerCacheWatch,
  layerCacheFaultWarning,
  layerCacheMissNote,
  layerFlags,
} from '../../src/cache/layers.js';
import { baseLayerFiles, baseOf, layerCacheTag } from '../../src/cache/image-layers.js';
import { discoverMounts, type DockerfileInput } from '../../src/cache/mounts.js';
import { cacheOutput, cacheRows } from '../../src/cache/report.js';
import { copyTarWithout, indexTarFile, readTarFile } from '../../src/cache/tarindex.js';
import type { CacheReport } from '../../src/cache/report.js';
import { formatBytes } from '../../src/util/bytes.js';
import { helperBuildArgv } from '../../src/docker/argv.js';

const TRAIN = `FROM python:3.11-slim AS base
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
FROM base AS build
RUN --mount=type=cache,id=ccache,target=/ccache,uid=1000 --mount=type=cache,target=/root/.cache/pip make
RUN --mount=type=cache,id=seeded,target=/s,from=base,source=/x true
RUN --mount=type=bind,target=/src --mount=type=secret,id=tok true
`;
const EVAL = `ARG PY=3.11
FROM python:\${PY}-slim
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
RUN --mount=type=cache,id=ccache,target=/other true
`;

describe('discoverMounts', () => {
  const inputs: DockerfileInput[] = [
    { image: 'train', label: 'train.dockerfile', text: TRAIN, buildArgs: {} },
    { image: 'evaluate', label: 'evaluate.dockerfile', text: EVAL, buildArgs: { PY: '3.12' } },
  ];

  test('every stage of every Dockerfile; one cache per id (and permissions); from= mounts skipped', () => {
    const d = discoverMounts(inputs);
    expect(
      d.mounts.map((m) => [m.id, m.perms, m.images, m.helperImages, m.uses.map((u) => `${u.dockerfile}:${u.line}`)]),
    ).toEqual([
      [
        '/root/.cache/pip',
        undefined,
        ['train', 'evaluate'],
        ['python:3.11-slim', 'python:3.12-slim'],
        ['train.dockerfile:2', 'train.dockerfile:4', 'evaluate.dockerfile:3'],
      ],
      ['ccache', { uid: 1000, gid: 0, mode: '0755' }, ['train'], ['python:3.11-slim'], ['train.dockerfile:4']],
      ['ccache', undefined, ['evaluate'], ['python:3.12-slim'], ['evaluate.dockerfile:4']],
    ]);
    expect(d.skipped).toEqual([
      {
        id: 'seeded',
        use: { image: 'train', dockerfile: 'train.dockerfile', line: 5, target: '/s' },
        reason: 'it is seeded `from=base`, and BuildKit keeps such a cache apart from the plain id',
      },
    ]);
  });

  test('config: exclude, key files, and added mounts', () => {
    const d = discoverMounts(inputs, {
      '/root/.cache/pip': { exclude: true },
      ccache: { files: ['src/**/*.c'] },
      npm: { files: ['package-lock.json'] },
    });
    expect(d.mounts.map((m) => [m.id, m.files, m.added, m.helperImages])).toEqual([
      ['ccache', ['src/**/*.c'], false, ['python:3.11-slim']],
      ['ccache', ['src/**/*.c'], false, ['python:3.12-slim']],
      ['npm', ['package-lock.json'], true, ['python:3.11-slim']],
    ]);
  });
});

describe('keys', () => {
  const files = [
    { path: 'requirements.txt', sha256: 'a'.repeat(64) },
    { path: 'sub/uv.lock', sha256: 'b'.repeat(64) },
  ];
  test('OS/arch + id + identity + content; restore key is the prefix', () => {
    const k = mountKeys({ os: 'Linux', arch: 'X64', mount: { id: '/root/.cache/pip' }, files, fallback: 'abc' });
    expect(k.key).toMatch(/^repro-ci-mount-v1-Linux-X64-root-.cache-pip-[0-9a-f]{8}-[0-9a-f]{16}$/);
    expect(k.restoreKeys).toEqual([k.key.slice(0, k.key.lastIndexOf('-') + 1)]);
    // Order of files does not matter; content does; permissions are identity.
    expect(
      mountKeys({
        os: 'Linux',
        arch: 'X64',
        mount: { id: '/root/.cache/pip' },
        files: [...files].reverse(),
        fallback: 'x',
      }).key,
    ).toBe(k.key);
    expect(
      mountKeys({ os: 'Linux', arch: 'X64', mount: { id: '/root/.cache/pip' }, files: [files[0]], fallback: 'x' }).key,
    ).not.toBe(k.key);
    const perms = mountKeys({
      os: 'Linux',
      arch: 'X64',
      mount: { id: '/root/.cache/pip', perms: { uid: 1, gid: 0, mode: '0755' } },
      files,
      fallback: 'x',
    });
    expect(perms.restoreKeys[0]).not.toBe(k.restoreKeys[0]);
    expect(mountKeys({ os: 'Linux', arch: 'ARM64', mount: { id: 'x' }, files: [], fallback: 'deadbeef' }).key).toMatch(
      /^repro-ci-mount-v1-Linux-ARM64-x-[0-9a-f]{8}-deadbeef$/,
    );
  });

  test.each([
    ['requirements.txt', true],
    ['requirements-dev.txt', true],
    ['uv.lock', true],
    ['poetry.lock', true],
    ['environment.yml', true],
    ['package-lock.json', true],
    ['Cargo.lock', true],
    ['README.md', false],
    ['requirements.txt.bak', false],
  ])('isKeyFile(%s) = %s', (name, expected) => expect(isKeyFile(name)).toBe(expected));

  test('slug and globs', () => {
    expect(slug('/root/.cache/pip')).toBe('root-.cache-pip');
    expect(slug('a,b c')).toBe('a-b-c');
    expect(globRegex('src/*.c').test('src/a.c')).toBe(true);
    expect(globRegex('src/*.c').test('src/x/a.c')).toBe(false);
    expect(globRegex('src/**/*.c').test('src/x/y/a.c')).toBe(true);
    expect(globRegex('src/**/*.c').test('src/a.c')).toBe(true);
    expect(globRegex('./req?.txt').test('req1.txt')).toBe(true);
  });

  test('findKeyFiles: known names found in the context, tool folders skipped; globs override', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'keyfiles-'));
    const put = (rel: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    };
    put('requirements.txt', 'numpy==1.26.4\n');
    put('envs/environment.yml', 'name: x\n');
    put('node_modules/x/package-lock.json', '{}');
    put('.git/requirements.txt', '');
    put('src/a.c', 'int a;');
    expect(findKeyFiles(dir).map((f) => f.path)).toEqual(['envs/environment.yml', 'requirements.txt']);
    expect(findKeyFiles(dir)[1].sha256).toBe(createHash('sha256').update('numpy==1.26.4\n').digest('hex'));
    expect(findKeyFiles(dir, ['src/*.c']).map((f) => f.path)).toEqual(['src/a.c']);
  });
});

describe('helper builds', () => {
  const mount = {
    id: '/root/.cache/pip',
    sharing: 'shared',
    uses: [],
    images: ['app'],
    helperImages: ['python:3.11-slim'],
    added: false,
  };
  test('mount flag: same id, locked, permissions only when the Dockerfile set them', () => {
    expect(mountFlag(mount)).toBe('--mount=type=cache,id=/root/.cache/pip,target=/repro-ci-mount,sharing=locked');
    expect(mountFlag({ id: 'a,b', perms: { uid: 1000, gid: 1000, mode: '0700' } })).toBe(
      '--mount=type=cache,"id=a,b",target=/repro-ci-mount,sharing=locked,uid=1000,gid=1000,mode=0700',
    );
  });

  test('inject and extract Dockerfiles (build context transport): base image, nonce, one exported file, no error hidden', () => {
    expect(injectDockerfile(mount, 'python:3.11-slim', 'n1')).toBe(
      [
        'FROM python:3.11-slim AS work',
        'RUN --mount=type=cache,id=/root/.cache/pip,target=/repro-ci-mount,sharing=locked --mount=type=bind,source=cache.tar,target=/repro-ci-in/cache.tar ["/bin/sh","-c","set -e\\nif [ -n \\"$(ls -A /repro-ci-mount)\\" ]; then echo kept > /result; printf \'repro-ci-%s=%s\\\\n\' inject kept; echo \\"repro-ci: the builder\'s cache mount already holds files; keeping them\\"; exit 0; fi\\ntar -xf /repro-ci-in/cache.tar -C /repro-ci-mount\\necho injected > /result; printf \'repro-ci-%s=%s\\\\n\' inject injected","repro-ci-cache:/root/.cache/pip:n1"]',
        'FROM scratch',
        'COPY --from=work /result /',
        '',
      ].join('\n'),
    );
    const ex = extractDockerfile(mount, 'python:3.11-slim', 'n2');
    expect(ex).toContain('tar -cf /repro-ci-out/cache.tar -C /repro-ci-mount .');
    expect(ex).toContain('COPY --from=work /repro-ci-out/cache.tar /');
    for (const t of ['context', 'stream'] as const)
      expect(extractDockerfile(mount, 'x', 'n', t) + injectDockerfile(mount, 'x', 'n', t)).not.toContain('|| true');
  });

  test.each([
    [
      'buildx',
      [
        'buildx',
        'build',
        '--progress',
        'plain',
        '--network',
        'none',
        '--file',
        '/t/Dockerfile',
        '--output',
        'type=local,dest=/t/out',
        '/t/ctx',
      ],
    ],
    [
      'classic',
      [
        'build',
        '--progress',
        'plain',
        '--network',
        'none',
        '--file',
        '/t/Dockerfile',
        '--output',
        'type=local,dest=/t/out',
        '/t/ctx',
      ],
    ],
  ] as const)('helperBuildArgv(%s): files out, never --no-cache or --load', (kind, argv) => {
    expect(helperBuildArgv(kind, { dockerfile: '/t/Dockerfile', context: '/t/ctx', outputDir: '/t/out' })).toEqual(
      argv,
    );
  });

  test.each([
    [
      'buildx',
      [
        'buildx',
        'build',
        '--progress',
        'plain',
        '--network',
        'none',
        '--file',
        '/t/Dockerfile',
        '--target',
        'inject',
        '--output',
        'type=cacheonly',
        '/t/ctx',
      ],
    ],
    [
      'classic',
      [
        'build',
        '--progress',
        'plain',
        '--network',
        'none',
        '--file',
        '/t/Dockerfile',
        '--output',
        'type=local,dest=/t/out',
        '/t/ctx',
      ],
    ],
  ] as const)(
    'helperBuildArgv(%s) with nothing wanted out: buildx exports nothing, the classic client still needs a folder',
    (kind, argv) => {
      expect(
        helperBuildArgv(kind, {
          dockerfile: '/t/Dockerfile',
          context: '/t/ctx',
          outputDir: '/t/out',
          discardTarget: 'inject',
        }),
      ).toEqual(argv);
    },
  );

  test('helperBuildArgv for a streamed helper: the host network, build args named (values come from the environment)', () => {
    expect(
      helperBuildArgv('buildx', {
        dockerfile: '/t/Dockerfile',
        context: '/t/empty',
        outputDir: '/t/out',
        discardTarget: 'work',
        network: 'host',
        buildArgsFromEnv: ['P', 'T'],
      }),
    ).toEqual([
      'buildx',
      'build',
      '--progress',
      'plain',
      '--network',
      'host',
      '--file',
      '/t/Dockerfile',
      '--build-arg',
      'P',
      '--build-arg',
      'T',
      '--target',
      'work',
      '--output',
      'type=cacheonly',
      '/t/empty',
    ]);
  });

  test('the inject outcome is read from the printed marker, never from the echoed command', () => {
    const command = `#6 [inject 2/2] RUN ${injectDockerfile(mount, 'python:3.11-slim', 'n1').split('\n')[1]}`;
    expect(injectOutcome(`${command}\n#6 DONE 0.5s\n`)).toBeUndefined();
    expect(injectOutcome(`${command}\n#6 0.412 repro-ci-inject=injected\n#6 DONE 0.5s\n`)).toBe('injected');
    expect(
      injectOutcome(
        `${command}\n#6 0.3 repro-ci-inject=kept\n#6 0.3 repro-ci: the builder's cache mount already holds files\n`,
      ),
    ).toBe('kept');
  });
});

describe('layer cache', () => {
  test.each([
    [{ builder: 'buildx', driver: 'docker-container', cacheService: true }, 'gha'],
    [{ builder: 'buildx', driver: 'docker', cacheService: true }, 'builder'],
    // The containerd image store lets the docker driver export caches (dockerd 28.5, issue 22).
    [{ builder: 'buildx', driver: 'docker', containerdStore: true, cacheService: true }, 'gha'],
    [
      { builder: 'buildx', driver: 'docker', containerdStore: true, cacheService: false, repository: 'ghcr.io/o/p' },
      'registry',
    ],
    [{ builder: 'buildx', driver: 'docker', cacheService: true, repository: 'ghcr.io/o/p' }, 'registry'],
    [{ builder: 'classic', cacheService: false, repository: 'ghcr.io/o/p' }, 'registry'],
    [{ builder: 'buildx', driver: 'docker-container', cacheService: false }, 'builder'],
  ] as const)('auto with %o → %s', (facts, strategy) => {
    expect(chooseLayerCache('auto', facts).strategy).toBe(strategy);
  });

  test('explicit choices and their fallbacks say why', () => {
    expect(chooseLayerCache('gha', { builder: 'buildx', driver: 'docker', cacheService: true })).toEqual({
      strategy: 'builder',
      reason:
        '`cache.layers: gha` needs a builder that can export caches, and this one is the buildx docker driver on the overlay2 image store; local BuildKit cache only',
    });
    expect(chooseLayerCache('gha', { builder: 'classic', cacheService: true }).reason).toMatch(
      /this one is the classic client;/,
    );
    expect(chooseLayerCache('gha', { builder: 'buildx', driver: 'remote', cacheService: false }).reason).toBe(
      '`cache.layers: gha` needs the Actions cache service, and this job has none; local BuildKit cache only',
    );
    expect(
      chooseLayerCache('auto', { builder: 'buildx', driver: 'docker', containerdStore: true, cacheService: true })
        .reason,
    ).toBe('type=gha through the Actions cache (the buildx docker driver on the containerd image store)');
    expect(
      chooseLayerCache('none', { builder: 'buildx', driver: 'docker-container', cacheService: true }).strategy,
    ).toBe('none');
    expect(chooseLayerCache('registry', { builder: 'buildx', cacheService: true }).strategy).toBe('builder');
  });

  test('image: asked for only (auto never picks it), on builders that build from the image store, with a cache service', () => {
    expect(chooseLayerCache('auto', { builder: 'buildx', driver: 'docker', cacheService: true }).reason).toContain(
      '`cache.layers: image` keeps the built image in the Actions cache instead',
    );
    expect(chooseLayerCache('image', { builder: 'buildx', driver: 'docker', cacheService: true }).strategy).toBe(
      'image',
    );
    expect(chooseLayerCache('image', { builder: 'classic', cacheService: true }).strategy).toBe('image');
    expect(chooseLayerCache('image', { builder: 'classic', cacheService: false })).toEqual({
      strategy: 'builder',
      reason: '`cache.layers: image` needs the Actions cache service, and this job has none; local BuildKit cache only',
    });
    // A builder that can export keeps its own cache in the same service: gha, said so.
    const container = chooseLayerCache('image', {
      builder: 'buildx',
      driver: 'docker-container',
      cacheService: true,
      repository: 'r/p',
    });
    expect(container).toEqual({
      strategy: 'gha',
      reason:
        'type=gha through the Actions cache: `cache.layers: image` is for builders that cannot export a layer cache, and the buildx docker-container driver can',
    });
    expect(
      chooseLayerCache('image', { builder: 'buildx', driver: 'docker', containerdStore: true, cacheService: true })
        .strategy,
    ).toBe('gha');
    // The classic client on the containerd store: --cache-from IMAGE would ask a registry (dockerd 28.5).
    expect(chooseLayerCache('image', { builder: 'classic', containerdStore: true, cacheService: true })).toEqual({
      strategy: 'builder',
      reason:
        '`cache.layers: image` reads the kept image back with --cache-from, which the containerd image store looks up in a registry only, and the classic client cannot export a cache; local BuildKit cache only',
    });
  });

  test('image: the base is the FROM image the built layers start with, and its layer files are left out of the entry', () => {
    const built = ['sha256:a', 'sha256:b', 'sha256:c', 'sha256:d'];
    expect(
      baseOf(built, [
        { ref: 'python:3.11-slim', layers: ['sha256:a', 'sha256:b'] },
        { ref: 'builder', layers: ['sha256:x'] },
        { ref: 'mid', layers: ['sha256:a', 'sha256:b', 'sha256:c'] },
      ]),
    ).toEqual({ ref: 'mid', layers: ['sha256:a', 'sha256:b', 'sha256:c'] });
    expect(baseOf(built, [{ ref: 'other', layers: ['sha256:b'] }])).toBeUndefined();
    // An image that adds no layer of its own has nothing to keep apart from its base.
    expect(baseOf(['sha256:a'], [{ ref: 'same', layers: ['sha256:a'] }])).toBeUndefined();
    // A file shared with a layer above the base (the same empty layer twice) stays.
    expect(baseLayerFiles([{ Layers: ['1/layer.tar', 'e/layer.tar', '2/layer.tar', 'e/layer.tar'] }], 2)).toEqual(
      new Set(['1/layer.tar']),
    );
  });

  test("image: keys per project, image and commit, restored from the newest of any commit; the tag sits beside the image's own", () => {
    const k = layerKeys({ os: 'Linux', arch: 'X64', project: 'mnist', image: 'train', commit: 'abc123' });
    expect(k).toEqual({
      key: 'repro-ci-layers-v1-Linux-X64-mnist-train-abc123',
      restoreKeys: ['repro-ci-layers-v1-Linux-X64-mnist-train-'],
    });
    expect(layerCacheTag('mnist:latest')).toBe('mnist:repro-ci-layers');
    expect(layerCacheTag('localhost:5000/team/mnist-train:latest')).toBe(
      'localhost:5000/team/mnist-train:repro-ci-layers',
    );
    expect(layerCacheTag('localhost:5000/mnist')).toBe('localhost:5000/mnist:repro-ci-layers');
  });

  test('flags per strategy and client', () => {
    expect(
      layerFlags({ strategy: 'gha', reason: '' }, { builder: 'buildx', scope: 'repro-ci-p-train', branches: [] }),
    ).toEqual({
      cacheFrom: ['type=gha,scope=repro-ci-p-train,ignore-error=true'],
      cacheTo: ['type=gha,mode=max,scope=repro-ci-p-train,ignore-error=true'],
      buildArgs: {},
    });
    const reg = { strategy: 'registry', reason: '' } as const;
    expect(
      layerFlags(reg, { builder: 'buildx', scope: 's', repository: 'r/p', branches: ['feature/x', 'main', 'main'] }),
    ).toEqual({ cacheFrom: ['r/p:feature-x', 'r/p:main'], cacheTo: ['type=inline'], buildArgs: {} });
    expect(layerFlags(reg, { builder: 'classic', scope: 's', repository: 'r/p', branches: ['main'] })).toEqual({
      cacheFrom: ['r/p:main'],
      cacheTo: [],
      buildArgs: { BUILDKIT_INLINE_CACHE: '1' },
    });
    expect(
      layerFlags({ strategy: 'builder', reason: '' }, { builder: 'buildx', scope: 's', branches: ['main'] }),
    ).toEqual({ cacheFrom: [], cacheTo: [], buildArgs: {} });
    const img = { strategy: 'image', reason: '' } as const;
    expect(layerFlags(img, { builder: 'buildx', scope: 's', branches: ['main'], loaded: 'p:repro-ci-layers' })).toEqual(
      { cacheFrom: ['p:repro-ci-layers'], cacheTo: ['type=inline'], buildArgs: {} },
    );
    // A miss reads nothing back, but the image is still built with the metadata the next run reads.
    expect(layerFlags(img, { builder: 'classic', scope: 's', branches: ['main'] })).toEqual({
      cacheFrom: [],
      cacheTo: [],
      buildArgs: { BUILDKIT_INLINE_CACHE: '1' },
    });
  });
});

describe('tar index', () => {
  test('files, bytes, and a fingerprint independent of order and folder mtimes', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tarindex-'));
    const src = path.join(dir, 'src');
    mkdirSync(path.join(src, 'sub', 'deeper'), { recursive: true });
    writeFileSync(path.join(src, 'a.bin'), Buffer.alloc(1000, 1));
    writeFileSync(path.join(src, 'sub', 'deeper', `${'n'.repeat(120)}.txt`), 'long name');
    execFileSync('touch', [
      '-d',
      '2020-01-01',
      path.join(src, 'a.bin'),
      path.join(src, 'sub', 'deeper', `${'n'.repeat(120)}.txt`),
    ]);
    const a = path.join(dir, 'a.tar');
    const b = path.join(dir, 'b.tar');
    execFileSync('tar', ['-cf', a, '-C', src, '.']);
    execFileSync('tar', ['-cf', b, '--format=pax', '-C', src, './sub', './a.bin']);
    const ia = indexTarFile(a);
    expect(ia).toMatchObject({ files: 2, bytes: 1009 });
    execFileSync('touch', [path.join(src, 'sub')]);
    const c = path.join(dir, 'c.tar');
    execFileSync('tar', ['-cf', c, '-C', src, '.']);
    expect(indexTarFile(c).fingerprint).toBe(ia.fingerprint);
    expect(indexTarFile(b)).toMatchObject({ files: 2, bytes: 1009 });
    writeFileSync(path.join(src, 'a.bin'), Buffer.alloc(1001, 1));
    execFileSync('tar', ['-cf', c, '-C', src, '.']);
    expect(indexTarFile(c).fingerprint).not.toBe(ia.fingerprint);
    writeFileSync(path.join(dir, 'bad.tar'), Buffer.alloc(1024, 7));
    expect(() => indexTarFile(path.join(dir, 'bad.tar'))).toThrow('not a tar archive (bad header checksum at byte 0)');
  });

  test('an archive cut short (a broken stream, a partial download) is refused, at a header or inside a file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tarcut-'));
    writeFileSync(path.join(dir, 'a.bin'), Buffer.alloc(5000, 1));
    writeFileSync(path.join(dir, 'b.bin'), Buffer.alloc(700, 2));
    const whole = path.join(dir, 'whole.tar');
    execFileSync('tar', ['-cf', whole, '-C', dir, 'a.bin', 'b.bin']);
    expect(indexTarFile(whole)).toMatchObject({ files: 2, bytes: 5700 });
    const data = readFileSync(whole);
    // After a.bin's header and data (512 + 5120): b.bin's header is next; then inside b.bin's data.
    for (const cut of [512 + 5120, 512 + 5120 + 512 + 100]) {
      writeFileSync(path.join(dir, 'cut.tar'), data.subarray(0, cut));
      expect(() => indexTarFile(path.join(dir, 'cut.tar'))).toThrow(/tar archive is truncated/);
    }
  });

  test('copyTarWithout drops the named entries with their long-name and pax headers; tar reads the rest', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tarcopy-'));
    const long = `${'n'.repeat(120)}.txt`;
    for (const [f, text] of [
      ['keep.txt', 'kept'],
      ['drop.bin', 'x'.repeat(3000)],
      [long, 'long'],
      ['été.txt', 'pax'],
    ])
      writeFileSync(path.join(dir, f), text);
    for (const format of ['gnu', 'pax']) {
      const src = path.join(dir, `${format}.tar`);
      const out = path.join(dir, `${format}-out.tar`);
      execFileSync('tar', ['-cf', src, `--format=${format}`, '-C', dir, 'keep.txt', 'drop.bin', long, 'été.txt']);
      copyTarWithout(src, out, new Set(['drop.bin', long]));
      expect(execFileSync('tar', ['-tf', out], { encoding: 'utf8' }).trim().split('\n')).toEqual([
        'keep.txt',
        'été.txt',
      ]);
      expect(execFileSync('tar', ['-xOf', out, 'été.txt'], { encoding: 'utf8' })).toBe('pax');
      expect(readTarFile(out, (entries, data) => entries.map((e) => `${e.name}=${data(e).toString()}`))).toEqual([
        'keep.txt=kept',
        'été.txt=pax',
      ]);
    }
  });
});

describe('report', () => {
  const report: CacheReport = {
    backend: 'actions',
    layers: { strategy: 'builder', reason: 'the local BuildKit cache only' },
    warnings: [],
    mounts: [
      {
        id: 'pip',
        images: ['app'],
        key: 'k-new',
        keyFiles: ['requirements.txt'],
        restore: { status: 'partial', matchedKey: 'k-old', files: 12, bytes: 3 * 1024 * 1024, seconds: 1.234 },
        save: { status: 'saved', files: 14, bytes: 4 * 1024 * 1024, archiveBytes: 4200000, seconds: 2.05 },
      },
    ],
  };
  test('rows and output', () => {
    expect(cacheRows(report).rows).toEqual([
      ['pip', '🟡 older content', 'k-old', '12 files, 3.0 MiB', '✅ saved', '14 files, 4.0 MiB', '3.3s'],
    ]);
    const out = JSON.parse(cacheOutput(report));
    expect(out.mounts[0].restore).toEqual({
      status: 'partial',
      matchedKey: 'k-old',
      files: 12,
      bytes: 3145728,
      seconds: 1.2,
    });
    expect(out.mounts[0].save.seconds).toBe(2.1);
    expect(cacheOutput(undefined)).toBe('{}');
    expect([formatBytes(512), formatBytes(1536), formatBytes(10 * 1024 ** 3)]).toEqual([
      '512 B',
      '1.5 KiB',
      '10.0 GiB',
    ]);
  });
});

describe('layer cache faults (issue 22)', () => {
  test('a failed import or export is found in the plain progress, across chunks, and named in the warning', () => {
    const w = new LayerCacheWatch();
    // As BuildKit printed it here with the emulator answering 500 (dockerd 28.5, ignore-error=true).
    for (const c of [
      '#5 importing cache manifest from gha:2520935746551157258\n#5 ERR',
      'OR: internal\n#6 [1/2] FROM docker.io/library/busybox:latest\n#6 ERROR: not a cache step\n',
      '#8 exporting to GitHub Actions Cache\n#8 preparing build cache for export 0.0s done\n#8 ERROR: internal\n',
    ])
      w.push(c);
    expect(w.faults).toEqual([
      'importing cache manifest from gha:2520935746551157258: internal',
      'exporting to GitHub Actions Cache: internal',
    ]);
    const flags = layerFlags(
      { strategy: 'gha', reason: '' },
      { builder: 'buildx', scope: 's', branches: [], timeoutSeconds: 300 },
    );
    expect(flags.cacheTo).toEqual(['type=gha,mode=max,scope=s,ignore-error=true,timeout=300s']);
    expect(layerCacheFaultWarning('app', flags, w.faults[1])).toBe(
      'layer cache (type=gha) of app: exporting to GitHub Actions Cache: internal; the build went on without it (the next run builds these layers again).',
    );
  });

  test("a registry cache the registry does not hold yet is a first run's miss, not a fault (issue 21)", () => {
    const w = new LayerCacheWatch();
    // As dockerd 20.10 printed it on the first push of a branch with `cache.layers: registry`.
    w.push(
      '#5 importing cache manifest from 127.0.0.1:5000/p/train:main\n#5 ERROR: 127.0.0.1:5000/p/train:main: not found\n',
    );
    expect(w.faults).toEqual([]);
    expect(w.misses).toEqual(['127.0.0.1:5000/p/train:main']);
    expect(layerCacheMissNote('train', w.misses[0])).toBe(
      'layer cache of train: 127.0.0.1:5000/p/train:main is not in the registry yet (the first push of this tag writes it), so this build starts without it; the "ERROR: … not found" above says only that.',
    );
    // Any other error of the same import stays a fault.
    w.push('#7 importing cache manifest from r.example.com/p:main\n#7 ERROR: failed to authorize: 401 Unauthorized\n');
    expect(w.faults).toEqual([
      'importing cache manifest from r.example.com/p:main: failed to authorize: 401 Unauthorized',
    ]);
  });
});
