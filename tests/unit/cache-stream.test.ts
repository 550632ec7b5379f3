/**
 * The streamed transport of the cache dance, without Docker: the host's end (ArchiveChannel) on a real
 * loopback socket, and the RUN's client script (dance.streamClient) run by the host's own /bin/sh with
 * bash, then python3 only, then neither on its PATH, as the helper images would have them.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ArchiveChannel } from '../../src/cache/channel.js';
import {
  extractDockerfile,
  extractStreamed,
  injectDockerfile,
  STREAM_ARGS,
  streamClient,
  streamPossible,
  streamUnavailable,
} from '../../src/cache/dance.js';
import { indexTarFile } from '../../src/cache/tarindex.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'repro-ci-stream-'));

/** A folder with a few files, and its tar. */
function content(): { dir: string; tar: string } {
  const dir = tmp();
  mkdirSync(path.join(dir, 'src', 'sub'), { recursive: true });
  writeFileSync(path.join(dir, 'src', 'a.o'), 'object a');
  writeFileSync(path.join(dir, 'src', 'sub', 'b.o'), Buffer.alloc(300_000, 7));
  const tar = path.join(dir, 'cache.tar');
  execFileSync('tar', ['-cf', tar, '-C', path.join(dir, 'src'), '.']);
  return { dir, tar };
}

/** A PATH holding only the named tools (sh and tar always), as a helper image might. */
function pathWith(tools: string[]): string {
  const bin = tmp();
  for (const t of ['sh', 'tar', ...tools]) {
    const real = ['/usr/bin', '/bin'].map((d) => path.join(d, t)).find(existsSync);
    if (!real) throw new Error(`${t} is not installed here`);
    symlinkSync(real, path.join(bin, t));
  }
  return bin;
}

/** Runs a client script the way the helper's RUN does (`/bin/sh -c`); resolves with its exit code and output. */
function runClient(
  script: string,
  env: Record<string, string>,
  PATH: string,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', script], { env: { PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

const files = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();

describe.each([
  ['bash', ['bash']],
  ['python3 (no bash)', ['python3']],
])('stream client with %s', (_name, tools) => {
  test('inject: the archive comes through the socket and is unpacked', async () => {
    const { tar } = content();
    const into = tmp();
    const channel = await ArchiveChannel.sending(tar);
    try {
      const res = await runClient(streamClient(['tar', '-xf', '-', '-C', into], 'in'), channel.env(), pathWith(tools));
      expect(res).toEqual({ code: 0, out: '' });
      expect(await channel.finished()).toBe(true);
      expect(files(into)).toEqual(['a.o', 'sub', 'sub/b.o']);
      expect(readFileSync(path.join(into, 'sub', 'b.o')).equals(Buffer.alloc(300_000, 7))).toBe(true);
    } finally {
      channel.close();
    }
  });

  test('inject: tar stops at the end-of-archive blocks, and the client still takes the rest, so the send ends cleanly', async () => {
    // Bytes after the archive's end (its record padding; 8 MB here, more than the socket buffers hold):
    // tar exits without reading them, and a socket closed with unread bytes is reset, breaking the send.
    const { dir, tar } = content();
    const padded = path.join(dir, 'padded.tar');
    writeFileSync(padded, Buffer.concat([readFileSync(tar), Buffer.alloc(8 << 20)]));
    const into = tmp();
    const channel = await ArchiveChannel.sending(padded);
    try {
      const res = await runClient(
        streamClient(['tar', '-xf', '-', '-C', into], 'in'),
        channel.env(),
        pathWith([...tools, 'cat']),
      );
      expect(res).toEqual({ code: 0, out: '' });
      expect(await channel.finished()).toBe(true);
      expect(files(into)).toEqual(['a.o', 'sub', 'sub/b.o']);
    } finally {
      channel.close();
    }
  });

  test('extract: tar goes out through the socket into the file', async () => {
    const { dir } = content();
    const out = path.join(tmp(), 'cache.tar');
    const channel = await ArchiveChannel.receiving(out);
    try {
      const res = await runClient(
        streamClient(['tar', '-cf', '-', '-C', path.join(dir, 'src'), '.'], 'out'),
        channel.env(),
        pathWith(tools),
      );
      expect(res).toEqual({ code: 0, out: '' });
      expect(await channel.finished()).toBe(true);
      expect(indexTarFile(out)).toMatchObject({ files: 2, bytes: 300_000 + 8 });
    } finally {
      channel.close();
    }
  });

  test('a wrong token gets nothing, and the client says it cannot stream', async () => {
    const { tar } = content();
    const channel = await ArchiveChannel.sending(tar);
    try {
      const res = await runClient(
        streamClient(['tar', '-xf', '-', '-C', tmp()], 'in'),
        { ...channel.env(), [STREAM_ARGS.token]: 'f'.repeat(48) },
        pathWith(tools),
      );
      expect(res.code).toBe(0);
      expect(streamUnavailable(res.out)).toBe(true);
      expect(await channel.finished()).toBe(false);
    } finally {
      channel.close();
    }
  });

  test('nobody listening (an engine elsewhere): the client says it cannot stream', async () => {
    const channel = await ArchiveChannel.receiving(path.join(tmp(), 'x.tar'));
    const env = channel.env();
    channel.close();
    const res = await runClient(streamClient(['tar', '-cf', '-', '-C', tmp(), '.'], 'out'), env, pathWith(tools));
    expect([res.code, streamUnavailable(res.out)]).toEqual([0, true]);
  });

  test('a server that is not ours (wrong answer): the client says it cannot stream and sends nothing', async () => {
    let got = '';
    const server = net.createServer((s) => {
      // The client hangs up on an answer it does not know: a reset, expected.
      s.on('error', () => undefined);
      s.on('data', (d) => (got += d.toString()));
      s.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = String((server.address() as net.AddressInfo).port);
      const res = await runClient(
        streamClient(['tar', '-cf', '-', '-C', content().dir, '.'], 'out'),
        { [STREAM_ARGS.port]: port, [STREAM_ARGS.token]: 'tok' },
        pathWith(tools),
      );
      expect([res.code, streamUnavailable(res.out)]).toEqual([0, true]);
      expect(got).toBe('tok\n');
    } finally {
      server.close();
    }
  });

  test('tar failing on the other side fails the client (never hidden)', async () => {
    const channel = await ArchiveChannel.sending(content().tar);
    try {
      const res = await runClient(
        streamClient(['tar', '-xf', '-', '-C', '/nonexistent/folder'], 'in'),
        channel.env(),
        pathWith(tools),
      );
      expect(res.code).not.toBe(0);
      expect(streamUnavailable(res.out)).toBe(false);
    } finally {
      channel.close();
    }
  });
});

test('an image with neither bash nor python3: the client says it cannot stream', async () => {
  const res = await runClient(
    streamClient(['tar', '-xf', '-', '-C', tmp()], 'in'),
    { [STREAM_ARGS.port]: '1', [STREAM_ARGS.token]: 't' },
    pathWith([]),
  );
  expect([res.code, streamUnavailable(res.out)]).toEqual([0, true]);
});

describe('ArchiveChannel', () => {
  const connect = (port: number) =>
    new Promise<net.Socket>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => resolve(s));
    });
  const readAll = (s: net.Socket) =>
    new Promise<Buffer>((resolve) => {
      const parts: Buffer[] = [];
      s.on('data', (d: Buffer) => parts.push(d));
      s.on('close', () => resolve(Buffer.concat(parts)));
    });

  test('a file still on its way is sent once it is there; one that never comes is an empty archive', async () => {
    const { tar } = content();
    let arrive!: (f: string | undefined) => void;
    const later = await ArchiveChannel.sending(new Promise<string | undefined>((r) => (arrive = r)));
    const none = await ArchiveChannel.sending(Promise.resolve(undefined));
    try {
      const [a, b] = [await connect(later.port), await connect(none.port)];
      a.write(`${later.token}\n`);
      b.write(`${none.token}\n`);
      const [gotA, gotB] = [readAll(a), readAll(b)];
      setTimeout(() => arrive(tar), 50);
      expect((await gotA).equals(Buffer.concat([Buffer.from('repro-ci-ok\n'), readFileSync(tar)]))).toBe(true);
      expect((await gotB).equals(Buffer.concat([Buffer.from('repro-ci-ok\n'), Buffer.alloc(1024)]))).toBe(true);
      expect([await later.finished(), await none.finished()]).toEqual([true, true]);
    } finally {
      later.close();
      none.close();
    }
  });

  test('only the first connection with the token is served; a second, or a wrong token, is closed', async () => {
    const out = path.join(tmp(), 'in.tar');
    const channel = await ArchiveChannel.receiving(out);
    try {
      const first = await connect(channel.port);
      first.write(`${channel.token}\nabc`);
      const second = await connect(channel.port);
      second.write(`${channel.token}\nevil`);
      const wrong = await connect(channel.port);
      wrong.write('nope\nevil');
      expect((await readAll(second)).toString()).toBe('');
      expect((await readAll(wrong)).toString()).toBe('');
      first.end('def');
      expect((await readAll(first)).toString()).toBe('repro-ci-ok\n');
      expect(await channel.finished()).toBe(true);
      expect(readFileSync(out, 'utf8')).toBe('abcdef');
    } finally {
      channel.close();
    }
  });

  test('nobody connecting: finished() says no transfer took place', async () => {
    const channel = await ArchiveChannel.receiving(path.join(tmp(), 'x'));
    channel.close();
    expect(await channel.finished()).toBe(false);
  });
});

describe('stream helper Dockerfiles', () => {
  const mount = {
    id: 'objs',
    sharing: 'shared',
    uses: [],
    images: ['app'],
    helperImages: ['python:3.11-slim'],
    added: false,
  };

  test('no build context and no exported archive: the args, the client, the marker', () => {
    const inject = injectDockerfile(mount, 'python:3.11-slim', 'n1', 'stream');
    expect(inject.split('\n').slice(0, 3)).toEqual([
      'FROM python:3.11-slim AS work',
      `ARG ${STREAM_ARGS.port}`,
      `ARG ${STREAM_ARGS.token}`,
    ]);
    expect(inject).not.toContain('type=bind');
    expect(inject).toContain(
      JSON.stringify(streamClient(['tar', '-xf', '-', '-C', '/repro-ci-mount'], 'in')).slice(1, -1),
    );
    const extract = extractDockerfile(mount, 'python:3.11-slim', 'n2', 'stream');
    expect(extract).toContain(
      JSON.stringify(streamClient(['tar', '-cf', '-', '-C', '/repro-ci-mount', '.'], 'out')).slice(1, -1),
    );
    expect(extract).not.toContain('/repro-ci-out');
    expect(extract).toContain('COPY --from=work /result /');
    // The token is read from the environment: it is never in the Dockerfile, so never in the build log.
    expect(inject + extract).not.toMatch(/[0-9a-f]{48}/);
  });

  test('markers are read from what the RUN printed, not from the echoed command', () => {
    const command = `#5 [work 2/2] RUN ${extractDockerfile(mount, 'python:3.11-slim', 'n2', 'stream').split('\n')[3]}`;
    expect([streamUnavailable(command), extractStreamed(command)]).toEqual([false, false]);
    expect(streamUnavailable(`${command}\n#5 0.2 repro-ci-stream=unavailable\n`)).toBe(true);
    expect(extractStreamed(`${command}\n#5 1.3 repro-ci-extract=streamed\n`)).toBe(true);
  });

  test.each([
    [{ builder: 'buildx', driver: 'docker' }, true],
    [{ builder: 'classic' }, true],
    [{ builder: 'buildx', driver: 'docker', dockerHost: 'unix:///run/user/1000/docker.sock' }, true],
    [{ builder: 'buildx', driver: 'docker-container' }, false],
    [{ builder: 'buildx', driver: undefined }, false],
    [{ builder: 'classic', dockerHost: 'tcp://10.0.0.5:2376' }, false],
    [{ builder: 'buildx', driver: 'docker', dockerHost: 'ssh://me@gpu-box' }, false],
  ] as const)('stream tried with %o: %s', (facts, want) => {
    expect(streamPossible(facts)).toBe(want);
  });
});
