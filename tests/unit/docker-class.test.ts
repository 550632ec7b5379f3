/** The Docker class through a spy on the exec edge: the exact argv and environment each operation uses. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { containerEnv } from '../../src/security/env.js';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Docker } from '../../src/docker/docker.js';

/** No engine API here: the Docker class asks its (fake) CLI, as it does for a remote engine. */
const NO_ENGINE_API = { socket: () => undefined, info: async () => undefined };
import { ReproError } from '../../src/errors.js';
import type { Exec, ExecOptions, ExecResult } from '../../src/exec/exec.js';
import { MemoryLogger } from '../../src/log.js';

interface Call {
  file: string;
  args: string[];
  env?: Record<string, string | undefined>;
}

/** A fake exec that records every call and answers from `answer` (default: success, no output). */
function spyExec(answer: (args: string[], opts: ExecOptions) => Partial<ExecResult> = () => ({})): {
  exec: Exec;
  calls: Call[];
} {
  const calls: Call[] = [];
  const exec: Exec = async (file, args, opts = {}) => {
    calls.push({ file, args: [...args], env: opts.env });
    const r = { exitCode: 0, stdout: '', stderr: '', ...answer([...args], opts) };
    if (r.stdout) opts.onStdout?.(r.stdout);
    if (r.stderr) opts.onStderr?.(r.stderr);
    return r;
  };
  return { exec, calls };
}

describe('Docker', () => {
  test('removeLabelled: the three listings at once, then containers before networks and images', async () => {
    let open = 0;
    let most = 0;
    const calls: string[] = [];
    const exec: Exec = async (_file, args) => {
      calls.push(args.slice(0, 2).join(' '));
      most = Math.max(most, ++open);
      await new Promise((r) => setTimeout(r, 5));
      open--;
      const stdout =
        args[0] === 'ps'
          ? 'c1\nc2\n'
          : args[1] === 'ls' && args[0] === 'network'
            ? 'n1\n'
            : args[0] === 'image' && args[1] === 'ls'
              ? 'i1\ni1\n'
              : '';
      return { exitCode: 0, stdout, stderr: '' };
    };
    const counts = await new Docker(exec, new MemoryLogger(), 'docker', {}, NO_ENGINE_API).removeLabelled(
      'io.github.repro-ci.run=r1',
    );
    expect(counts).toEqual({ containers: 2, networks: 1, images: 1 });
    expect(calls.slice(0, 3).sort()).toEqual(['image ls', 'network ls', 'ps --all']);
    expect(calls[3]).toBe('rm --force');
    expect(calls.slice(4).sort()).toEqual(['image rm', 'network rm']);
    expect(most).toBe(3);
  });

  test('build runs the classic client with BuildKit switched on, and reads the image id from --iidfile', async () => {
    const { exec, calls } = spyExec((args) => {
      if (args.includes('--iidfile')) writeFileSync(args[args.indexOf('--iidfile') + 1], 'sha256:abc\n');
      return {};
    });
    const id = await new Docker(exec, new MemoryLogger(), 'docker', {}, NO_ENGINE_API).build(
      'classic',
      { dockerfile: '/p/Dockerfile', context: '/p', tags: ['p:latest'], buildArgs: { V: '1' }, labels: {} },
      'Dockerfile',
    );
    expect(id).toBe('sha256:abc');
    // One build, and `docker info` (asked once per run) to learn the image store.
    expect(calls.map((c) => c.args[0])).toEqual(['build', 'info']);
    expect(calls[0].file).toBe('docker');
    expect(calls[0].env).toEqual({ DOCKER_BUILDKIT: '1' });
    const iid = calls[0].args[calls[0].args.indexOf('--iidfile') + 1];
    expect(calls[0].args).toEqual([
      'build',
      '--progress',
      'plain',
      '--file',
      '/p/Dockerfile',
      '--iidfile',
      iid,
      '--tag',
      'p:latest',
      '--build-arg',
      'V=1',
      '/p',
    ]);
  });

  test('on the containerd store the image id comes from the tag: buildx writes the config digest into --iidfile', async () => {
    const { exec, calls } = spyExec((args) => {
      if (args.includes('--iidfile')) writeFileSync(args[args.indexOf('--iidfile') + 1], 'sha256:config\n');
      if (args[0] === 'info') return { stdout: '{"DriverStatus":[["driver-type","io.containerd.snapshotter.v1"]]}\n' };
      if (args[0] === 'image') return { stdout: '{"Id":"sha256:manifest","RepoDigests":[]}\n' };
      return {};
    });
    const id = await new Docker(exec, new MemoryLogger(), 'docker', {}, NO_ENGINE_API).build(
      'buildx',
      { dockerfile: 'D', context: '.', tags: ['p:latest'], buildArgs: {}, labels: {} },
      'D',
    );
    expect(id).toBe('sha256:manifest');
    expect(calls.find((c) => c.args[0] === 'image')?.args).toEqual([
      'image',
      'inspect',
      '--format',
      '{{json .}}',
      'p:latest',
    ]);
  });

  test('a failed build becomes an explained error with the tail of the build log', async () => {
    const { exec } = spyExec(() => ({
      exitCode: 1,
      stderr: '#5 ERROR: executor failed running [/bin/sh -c make]: exit code: 2\n',
    }));
    const err = await new Docker(exec, new MemoryLogger(), 'docker', {}, NO_ENGINE_API)
      .build('buildx', { dockerfile: 'D', context: '.', tags: [], buildArgs: {}, labels: {} }, 'D')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReproError);
    expect((err as ReproError).message).toMatch(/^building D: `make` failed with exit code 2\./);
  });

  test('run passes env values through a private env file, never argv or the client environment, and writes the log file', async () => {
    let fileText = '';
    let fileMode = 0;
    const { exec, calls } = spyExec((args) => {
      const f = args[args.indexOf('--env-file') + 1];
      fileText = readFileSync(f, 'utf8');
      fileMode = statSync(f).mode & 0o777;
      return { stdout: 'hello\n' };
    });
    const log = `${process.env.TMPDIR ?? '/tmp'}/repro-ci-docker-test-${process.pid}.log`;
    const env = containerEnv({
      fixed: { SEED: '42' },
      passNames: ['TOKEN', 'KEY_PEM'],
      runner: { TOKEN: 's3cret', KEY_PEM: 'line1\nline2' },
      credentials: [],
      untrusted: false,
    });
    const out = await new Docker(exec, new MemoryLogger(), 'docker', {}, NO_ENGINE_API).run(
      { name: 'c1', image: 'img', labels: {}, mounts: [], args: [] },
      { env, timeoutSeconds: 60, logFile: log },
    );
    expect(out).toEqual({ exitCode: 0, timedOut: false, tail: ['hello'] });
    const envFile = calls[0].args[calls[0].args.indexOf('--env-file') + 1];
    // A multi-line value cannot go in an env file: it travels in the client's environment under its own name.
    // Kept (no --rm) to read how it ended, then removed by repro-ci itself.
    expect(calls[0].args).toEqual(['run', '--name', 'c1', '--init', '--env-file', envFile, '--env', 'KEY_PEM', 'img']);
    expect(calls.map((c) => c.args[0])).toEqual(['run', 'rm']);
    expect(calls[0].args.join(' ')).not.toContain('s3cret');
    expect(fileText).toBe('SEED=42\nTOKEN=s3cret\n');
    expect(fileMode).toBe(0o600);
    expect(existsSync(envFile)).toBe(false);
    expect(calls[0].env).toEqual({ KEY_PEM: 'line1\nline2' });
    expect(readFileSync(log, 'utf8')).toBe('hello\n');
  });

  test('a removal the engine refuses is remembered, by the copies withEnv makes too; a gone container is no refusal', async () => {
    const { exec } = spyExec((args) =>
      args.includes('busy')
        ? { exitCode: 1, stderr: 'Error response from daemon: removal of container busy is already in progress\n' }
        : args.includes('gone')
          ? { exitCode: 1, stderr: 'Error response from daemon: No such container: gone\n' }
          : {},
    );
    const docker = new Docker(exec, new MemoryLogger(), 'docker', {}, NO_ENGINE_API);
    await docker.removeContainers(['c1']);
    await docker.removeContainers(['gone']);
    await docker.removeImages(['gone']);
    expect(docker.leftSomethingBehind()).toBe(false);
    await docker.withEnv({ DOCKER_CONFIG: '/tmp/x' }).removeContainers(['busy']);
    expect(docker.leftSomethingBehind()).toBe(true);
  });

  test('a step container is removed while the run goes on; removalsDone and a run of the same name wait for it', async () => {
    const order: string[] = [];
    let release!: () => void;
    const removed = new Promise<void>((r) => (release = r));
    const exec: Exec = async (_file, args) => {
      order.push(`${args[0]} start`);
      if (args[0] === 'rm') await removed;
      order.push(`${args[0]} end`);
      return { exitCode: 0, stdout: '', stderr: '' };
    };
    const docker = new Docker(exec, new MemoryLogger(), 'docker', {}, NO_ENGINE_API);
    const log = path.join(mkdtempSync(path.join(os.tmpdir(), 'repro-ci-rm-')), 'step.log');
    const step = { name: 'c1', image: 'img', labels: {}, mounts: [], args: [] };
    await docker.run(step, { timeoutSeconds: 60, logFile: log });
    // The run returned while its container's removal is still going (~40 ms a step, off the critical path).
    expect(order).toEqual(['run start', 'run end', 'rm start']);
    let done = false;
    const waiting = docker.removalsDone().then(() => (done = true));
    const again = docker.run(step, { timeoutSeconds: 60, logFile: log });
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    expect(order.filter((o) => o === 'run start')).toHaveLength(1);
    release();
    await waiting;
    await again;
    expect(order.slice(0, 5)).toEqual(['run start', 'run end', 'rm start', 'rm end', 'run start']);
  });

  test.each([
    [
      'overlay2: RepoDigests come from pulls and pushes, no registry is asked',
      '[["Backing Filesystem","extfs"]]',
      1,
      true,
      [],
    ],
    [
      'containerd store: the registry is asked, and says no',
      '[["driver-type","io.containerd.snapshotter.v1"]]',
      1,
      false,
      [['manifest', 'inspect', 'python@sha256:abc']],
    ],
    [
      'containerd store: a loopback registry is asked over plain HTTP, and serves it',
      '[["driver-type","io.containerd.snapshotter.v1"]]',
      0,
      true,
      [['manifest', 'inspect', '--insecure', '127.0.0.1:5000/p@sha256:abc']],
    ],
  ] as const)('servedByRegistry, %s', async (_name, driverStatus, manifestExit, served, manifestCalls) => {
    const { exec, calls } = spyExec((args) =>
      args[0] === 'info' ? { stdout: `{"DriverStatus":${driverStatus}}\n` } : { exitCode: manifestExit },
    );
    const ref = manifestCalls[0]?.at(-1) ?? 'python@sha256:abc';
    expect(await new Docker(exec, new MemoryLogger(), 'docker', {}, NO_ENGINE_API).servedByRegistry(ref)).toBe(served);
    expect(calls.filter((c) => c.args[0] === 'manifest').map((c) => c.args)).toEqual(manifestCalls);
  });

  test('facts from one `docker info` where the client names its version (23+): versions, buildx from the plugin list (not started)', async () => {
    const { exec, calls } = spyExec(() => ({
      stdout:
        '{"ServerVersion":"20.10.24","ClientInfo":{"Version":"28.2.2","Plugins":[{"Name":"compose","Version":"2.1"},{"Name":"buildx","Version":"0.13.1+ds1","Path":"/x"}]}}\n',
    }));
    expect(await new Docker(exec, new MemoryLogger(), 'docker', {}, NO_ENGINE_API).facts()).toEqual({
      clientVersion: '28.2.2',
      serverVersion: '20.10.24',
      buildxVersion: 'buildx 0.13.1+ds1',
    });
    expect(calls.map((c) => c.args)).toEqual([['info', '--format', '{{json .}}']]);
  });

  test('facts: a 20.10 client (its info names no client version) is asked `docker version` too', async () => {
    const { exec, calls } = spyExec((args) =>
      args[0] === 'version'
        ? { stdout: '{"Client":{"Version":"20.10.24+dfsg1"},"Server":{"Version":"20.10.24+dfsg1"}}\n' }
        : {
            stdout:
              '{"ServerVersion":"20.10.24+dfsg1","ClientInfo":{"Plugins":[{"Name":"buildx","Version":"0.13.1"}]}}\n',
          },
    );
    expect(await new Docker(exec, new MemoryLogger(), 'docker', {}, NO_ENGINE_API).facts()).toEqual({
      clientVersion: '20.10.24+dfsg1',
      serverVersion: '20.10.24+dfsg1',
      buildxVersion: 'buildx 0.13.1',
    });
    expect(calls.map((c) => c.args[0])).toEqual(['info', 'version']);
  });

  test('facts: an engine that does not answer gives its error from `docker info` alone', async () => {
    const { exec, calls } = spyExec(() => ({
      exitCode: 1,
      stdout:
        '{"ServerErrors":["Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?"],"ClientInfo":{"Version":"28.5.2","Plugins":[]}}\n',
    }));
    const facts = await new Docker(exec, new MemoryLogger(), 'docker', {}, NO_ENGINE_API).facts();
    expect(facts).toEqual({
      clientVersion: '28.5.2',
      serverError: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
    });
    expect(calls.map((c) => c.args[0])).toEqual(['info']);
  });

  test('once `docker info` names the buildx plugin, buildx calls run its binary standalone, other calls stay on the CLI', async () => {
    const { exec, calls } = spyExec((args) =>
      args[0] === 'version'
        ? { stdout: '{"Client":{"Version":"28.2.2"},"Server":{"Version":"20.10.24"}}\n' }
        : args[0] === 'info'
          ? {
              stdout:
                '{"ClientInfo":{"Plugins":[{"Name":"buildx","Version":"0.13.1","Path":"/usr/libexec/docker/cli-plugins/docker-buildx"}]}}\n',
            }
          : {},
    );
    const docker = new Docker(exec, new MemoryLogger(), 'docker', { DOCKER_CONFIG: '/cfg' }, NO_ENGINE_API);
    await docker.facts();
    await docker.helperBuild('buildx', { dockerfile: '/t/Dockerfile', context: '/t/ctx', outputDir: '/t/out' });
    await docker.buildkitVersion();
    await docker.removeContainers(['c1']);
    expect(calls.slice(2).map((c) => [c.file, c.args[0]])).toEqual([
      ['/usr/libexec/docker/cli-plugins/docker-buildx', 'build'],
      ['/usr/libexec/docker/cli-plugins/docker-buildx', 'inspect'],
      ['docker', 'rm'],
    ]);
    expect(calls[2].env).toEqual({ DOCKER_CONFIG: '/cfg', DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND: '' });
  });

  /** A DOCKER_CONFIG holding cli-plugins/docker-buildx, and a fake exec whose `docker info` names `infoPath`. */
  const likelyPlugin = (infoPath: (likely: string) => string) => {
    const cfg = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-plugins-'));
    const likely = path.join(cfg, 'cli-plugins', 'docker-buildx');
    mkdirSync(path.dirname(likely));
    writeFileSync(likely, '#!/bin/sh\n', { mode: 0o755 });
    const calls: string[] = [];
    const exec: Exec = async (file, args) => {
      calls.push(`${file} ${args[0]}`);
      if (args[0] !== 'info') return { exitCode: 0, stdout: `inspected by ${file}`, stderr: '' };
      await new Promise((r) => setTimeout(r, 20));
      calls.push('info answered');
      const plugins = [{ Name: 'buildx', Version: '0.29.1', Path: infoPath(likely) }];
      return {
        exitCode: 0,
        stdout: JSON.stringify({ ClientInfo: { Version: '28.5.2', Plugins: plugins } }),
        stderr: '',
      };
    };
    return {
      docker: new Docker(exec, new MemoryLogger(), 'docker', { DOCKER_CONFIG: cfg }, NO_ENGINE_API),
      calls,
      likely,
    };
  };

  test('`buildx inspect` starts beside `docker info`, with the plugin docker would find first', async () => {
    const { docker, calls, likely } = likelyPlugin((l) => l);
    docker.prefetchBuilderFacts();
    await docker.buildkitVersion();
    expect(calls.slice(0, 2).sort()).toEqual([`${likely} inspect`, 'docker info']);
    expect(calls.slice(2)).toEqual(['info answered']);
  });

  test('asked again, through the binary info names, where that is another one', async () => {
    const { docker, calls, likely } = likelyPlugin(() => '/usr/libexec/docker/cli-plugins/docker-buildx');
    docker.prefetchBuilderFacts();
    await docker.buildkitVersion();
    expect(calls.slice(0, 2).sort()).toEqual([`${likely} inspect`, 'docker info']);
    expect(calls.slice(2)).toEqual(['info answered', '/usr/libexec/docker/cli-plugins/docker-buildx inspect']);
  });

  /** The engine's own /info (an engine on the containerd store), as its socket answers it. */
  const ENGINE_INFO = JSON.stringify({
    ServerVersion: '28.5.2',
    Driver: 'overlayfs',
    DriverStatus: [['driver-type', 'io.containerd.snapshotter.v1']],
    Runtimes: { runc: {} },
  });

  test('where the engine answers on its socket: no `docker info`, the client and buildx answer for themselves', async () => {
    const cfg = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-plugins-'));
    const plugin = path.join(cfg, 'cli-plugins', 'docker-buildx');
    mkdirSync(path.dirname(plugin));
    writeFileSync(plugin, '#!/bin/sh\n', { mode: 0o755 });
    const { exec, calls } = spyExec((args) =>
      args[0] === '--version'
        ? { stdout: 'Docker version 28.5.2+dfsg4, build ecc6942\n' }
        : args[0] === 'docker-cli-plugin-metadata'
          ? { stdout: '{"SchemaVersion":"0.1.0","Vendor":"Docker Inc.","Version":"0.29.1+ds1"}\n' }
          : { stdout: 'Driver: docker\nBuildKit version: v0.25.1\n' },
    );
    const asked: (string | undefined)[] = [];
    const engine = {
      socket: (env: Record<string, string | undefined>) => (asked.push(env.DOCKER_CONFIG), '/run/docker.sock'),
      info: async (socket: string) => (asked.push(socket), { text: ENGINE_INFO, serverVersion: '28.5.2' }),
    };
    const docker = new Docker(exec, new MemoryLogger(), 'docker', { DOCKER_CONFIG: cfg }, engine);
    docker.prefetchBuilderFacts();
    expect(await docker.facts()).toEqual({
      clientVersion: '28.5.2+dfsg4',
      serverVersion: '28.5.2',
      buildxVersion: 'buildx 0.29.1+ds1',
    });
    expect((await docker.info()).containerdStore).toBe(true);
    expect(await docker.buildkitVersion()).toBe('v0.25.1');
    expect(asked).toEqual([cfg, '/run/docker.sock']);
    expect(calls.map((c) => `${c.file} ${c.args[0]}`).sort()).toEqual([
      `${plugin} docker-cli-plugin-metadata`,
      `${plugin} inspect`,
      'docker --version',
    ]);
  });

  test('a buildx that does not answer its metadata sends the facts back to `docker info`', async () => {
    const cfg = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-plugins-'));
    mkdirSync(path.join(cfg, 'cli-plugins'));
    writeFileSync(path.join(cfg, 'cli-plugins', 'docker-buildx'), '#!/bin/sh\n', { mode: 0o755 });
    const { exec, calls } = spyExec((args) =>
      args[0] === '--version'
        ? { stdout: 'Docker version 28.5.2, build ecc6942\n' }
        : args[0] === 'info'
          ? { stdout: '{"ServerVersion":"28.5.2","ClientInfo":{"Version":"28.5.2","Plugins":[]}}\n' }
          : { exitCode: 1, stderr: 'exec format error' },
    );
    const docker = new Docker(
      exec,
      new MemoryLogger(),
      'docker',
      { DOCKER_CONFIG: cfg },
      {
        socket: () => '/run/docker.sock',
        info: async () => ({ text: ENGINE_INFO, serverVersion: '28.5.2' }),
      },
    );
    expect(await docker.facts()).toEqual({ clientVersion: '28.5.2', serverVersion: '28.5.2' });
    expect(calls.at(-1)!.args).toEqual(['info', '--format', '{{json .}}']);
  });

  test('without a plugin path (facts not asked yet, or an old client) buildx goes through the docker CLI', async () => {
    const { exec, calls } = spyExec(() => ({}));
    await new Docker(exec, new MemoryLogger(), 'docker', {}, NO_ENGINE_API).helperBuild('buildx', {
      dockerfile: '/t/Dockerfile',
      context: '/t/ctx',
      outputDir: '/t/out',
    });
    expect([calls[0].file, ...calls[0].args.slice(0, 2)]).toEqual(['docker', 'buildx', 'build']);
  });

  test('facts: no buildx in the plugin list (or a broken one) means no buildx', async () => {
    const { exec } = spyExec((args) =>
      args[0] === 'version'
        ? { stdout: '{"Client":{"Version":"20.10.24"},"Server":{"Version":"20.10.24"}}\n' }
        : { stdout: '{"ClientInfo":{"Plugins":[{"Name":"buildx","Err":"not executable"}]}}\n' },
    );
    expect(
      (await new Docker(exec, new MemoryLogger(), 'docker', {}, NO_ENGINE_API).facts()).buildxVersion,
    ).toBeUndefined();
  });

  test('facts: a client whose info has no plugin list is asked `docker buildx version`', async () => {
    const { exec, calls } = spyExec((args) =>
      args[0] === 'version'
        ? { stdout: '{"Client":{"Version":"28.2.2"},"Server":{"Version":"20.10.24"}}\n' }
        : args[0] === 'info'
          ? { stdout: '{}' }
          : { stdout: 'github.com/docker/buildx 0.13.1\n' },
    );
    expect((await new Docker(exec, new MemoryLogger(), 'docker', {}, NO_ENGINE_API).facts()).buildxVersion).toBe(
      'github.com/docker/buildx 0.13.1',
    );
    expect(calls.at(-1)!.args).toEqual(['buildx', 'version']);
  });

  /** A DOCKER_CONFIG whose buildx `current` file names `builder` (none: no file). */
  const dockerConfig = (builder?: string) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-cfg-'));
    if (builder !== undefined) {
      mkdirSync(path.join(dir, 'buildx'));
      writeFileSync(
        path.join(dir, 'buildx', 'current'),
        JSON.stringify({ Key: 'unix:///var/run/docker.sock', Name: builder, Global: false }),
      );
    }
    return dir;
  };

  test('docker info and buildx inspect are asked once per client, however many parts need them', async () => {
    const { exec, calls } = spyExec((args) =>
      args[0] === 'buildx'
        ? { stdout: 'Name: ci\nDriver: docker-container\nBuildKit: v0.12.5\n' }
        : { stdout: '{"ServerVersion":"20.10.24"}' },
    );
    const docker = new Docker(exec, new MemoryLogger(), 'docker', { DOCKER_CONFIG: dockerConfig('ci') }, NO_ENGINE_API);
    expect(
      await Promise.all([
        docker.buildxDriver(),
        docker.buildkitVersion(),
        docker.info().then((i) => i.serverVersion),
        docker.info().then((i) => i.serverVersion),
      ]),
    ).toEqual(['docker-container', 'v0.12.5', '20.10.24', '20.10.24']);
    expect(calls.filter((c) => c.args[0] === 'info')).toHaveLength(1);
    expect(calls.filter((c) => c.args.join(' ') === 'buildx inspect')).toHaveLength(1);
  });

  test("the buildx driver without asking buildx when no builder was chosen (the context's own builder is the docker driver)", async () => {
    for (const [env, driver, asked] of [
      [{ DOCKER_CONFIG: dockerConfig() }, 'docker', false],
      [{ DOCKER_CONFIG: dockerConfig('') }, 'docker', false],
      [{ DOCKER_CONFIG: dockerConfig('ci') }, 'docker-container', true],
      [{ DOCKER_CONFIG: dockerConfig(), BUILDX_BUILDER: 'ci' }, 'docker-container', true],
    ] as const) {
      const { exec, calls } = spyExec((args) =>
        args[0] === 'buildx' ? { stdout: 'Name: ci\nDriver: docker-container\n' } : {},
      );
      expect(await new Docker(exec, new MemoryLogger(), 'docker', env, NO_ENGINE_API).buildxDriver()).toBe(driver);
      expect(calls.some((c) => c.args.join(' ') === 'buildx inspect')).toBe(asked);
    }
  });

  test("facts: an unreachable engine keeps docker's own message for the error", async () => {
    const { exec } = spyExec((args) =>
      args[0] === 'version'
        ? {
            exitCode: 1,
            stdout: '{"Client":{"Version":"28.2.2"},"Server":null}\n',
            stderr:
              'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n',
          }
        : { exitCode: 1 },
    );
    const docker = new Docker(exec, new MemoryLogger(), 'docker', {}, NO_ENGINE_API);
    await expect(docker.detect('auto')).rejects.toThrow(
      /the Docker engine is not reachable: Cannot connect to the Docker daemon/,
    );
  });

  test('push returns the digest docker printed', async () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const { exec, calls } = spyExec(() => ({ stdout: `main: digest: ${digest} size: 1234\n` }));
    expect(await new Docker(exec, new MemoryLogger(), 'docker', {}, NO_ENGINE_API).push('127.0.0.1:5000/x:main')).toBe(
      digest,
    );
    expect(calls[0].args).toEqual(['push', '127.0.0.1:5000/x:main']);
  });
});
