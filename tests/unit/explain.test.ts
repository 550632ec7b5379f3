import { describe, expect, it } from 'vitest';
import {
  explainBuildFailure,
  explainPushFailure,
  isTransientPushFailure,
  explainRunFailure,
  formatTail,
  isGpuRuntimeError,
} from '../../src/docker/explain.js';

const LOG = '/p/.repro-ci/logs/train.log';
const GPU_LINE = 'docker: Error response from daemon: could not select device driver "" with capabilities: [[gpu]].';

describe('explainRunFailure', () => {
  it('timeout', () => {
    const e = explainRunFailure('train', { exitCode: 137, timedOut: true, tail: ['epoch 1', 'epoch 2'] }, 600, LOG);
    expect(e.message).toBe(
      'step "train" ran past its timeout of 10m00s and was stopped.\n  Last lines:\n    | epoch 1\n    | epoch 2',
    );
    expect(e.fix).toBe(`raise \`timeout:\` for this step in repro.yml, or make the step faster. Full log: ${LOG}`);
  });

  it('125 with the GPU driver error → GPU message', () => {
    const e = explainRunFailure('train', { exitCode: 125, timedOut: false, tail: [GPU_LINE] }, 60, LOG);
    expect(e.message).toBe(
      `step "train" asked for GPUs, but docker could not give it any.\n  Last lines:\n    | ${GPU_LINE}`,
    );
    expect(e.fix).toContain('Install the NVIDIA driver and the NVIDIA Container Toolkit');
    expect(e.fix).toContain('sudo nvidia-ctk runtime configure --runtime=docker');
    expect(e.fix).toContain('`gpus: optional`');
  });

  it('125 generic', () => {
    const tail = [
      'docker: Error response from daemon: invalid mount config for type "bind": bind source path does not exist: /p/data.',
    ];
    const e = explainRunFailure('train', { exitCode: 125, timedOut: false, tail }, 60, LOG);
    expect(e.message).toBe(
      `docker could not start the container of step "train" (exit code 125).\n  Last lines:\n    | ${tail[0]}`,
    );
    expect(e.fix).toBe("read docker's message above: usually a bad mount, network or image setting in repro.yml.");
  });

  it('GPU text with another exit code is not a GPU error', () => {
    expect(explainRunFailure('train', { exitCode: 1, timedOut: false, tail: [GPU_LINE] }, 60, LOG).message).toMatch(
      /^step "train" failed with exit code 1\./,
    );
  });

  it.each<[number, string]>([
    [127, 'the command of step "eval" was not found in the image (exit code 127).'],
    [126, 'the command of step "eval" is not executable (exit code 126).'],
  ])('exit %i', (code, message) => {
    const e = explainRunFailure('eval', { exitCode: code, timedOut: false, tail: [] }, 60, LOG);
    expect(e.message).toBe(message);
    expect(e.fix).toBe('check `command:`/`args:` in repro.yml and the ENTRYPOINT of the image.');
  });

  it("137 without the engine's word: killed, and no guess about why", () => {
    const e = explainRunFailure('train', { exitCode: 137, timedOut: false, tail: ['Killed'] }, 60, LOG);
    expect(e.message).toBe(
      'step "train" failed with exit code 137. The process was killed (SIGKILL).\n  Last lines:\n    | Killed',
    );
    expect(e.fix).toBe(`read the log lines above (full log: ${LOG}).`);
  });

  it("137 that the engine reports as an out-of-memory kill, at the step's limit", () => {
    const e = explainRunFailure(
      'train',
      { exitCode: 137, timedOut: false, tail: ['Killed'], oomKilled: true, memoryLimit: 16 * 1024 ** 2 },
      60,
      LOG,
    );
    expect(e.message).toBe(
      'step "train" ran out of memory: the kernel stopped it at its limit of 16.0 MiB (the step\'s `memory:` in repro.yml) (exit code 137).\n  Last lines:\n    | Killed',
    );
    expect(e.fix).toBe(
      `raise \`memory:\` for this step, or make the step use less (smaller batches, fewer workers). Full log: ${LOG}`,
    );
    expect(
      explainRunFailure('t', { exitCode: 137, timedOut: false, tail: [], oomKilled: true, memoryLimit: 0 }, 60, LOG)
        .message,
    ).toBe(
      'step "t" ran out of memory: the kernel stopped it at the machine\'s memory (no limit was set) (exit code 137).',
    );
  });

  it('137 that the engine says was no OOM kill: said so', () => {
    expect(
      explainRunFailure('t', { exitCode: 137, timedOut: false, tail: [], oomKilled: false, memoryLimit: 0 }, 60, LOG)
        .message,
    ).toBe(
      'step "t" failed with exit code 137. The process was killed (SIGKILL), not for memory: the engine reports no out-of-memory kill.',
    );
  });

  it('exit 1 with tail lines (blank lines dropped, last 20 kept)', () => {
    const tail = [
      ...Array.from({ length: 25 }, (_, i) => `line ${i + 1}`),
      '',
      '   ',
      'Traceback (most recent call last):',
      'ValueError: bad',
    ];
    const e = explainRunFailure('train', { exitCode: 1, timedOut: false, tail }, 60, LOG);
    const lines = e.message.split('\n');
    expect(lines[0]).toBe('step "train" failed with exit code 1.');
    expect(lines[1]).toBe('  Last lines:');
    expect(lines.slice(2)).toEqual([
      ...Array.from({ length: 18 }, (_, i) => `    | line ${i + 8}`),
      '    | Traceback (most recent call last):',
      '    | ValueError: bad',
    ]);
    expect(e.fix).toBe(`read the log lines above (full log: ${LOG}).`);
  });

  it('exit 2 without output', () => {
    expect(explainRunFailure('t', { exitCode: 2, timedOut: false, tail: [] }, 60, LOG).message).toBe(
      'step "t" failed with exit code 2.',
    );
  });
});

describe('isGpuRuntimeError', () => {
  it.each<[string, boolean]>([
    [GPU_LINE, true],
    ['could not select device driver "nvidia" with capabilities: [[gpu]]', true],
    ['nvidia-container-cli: initialization error: nvml error: driver not loaded', true],
    ['docker: Error response from daemon: unknown or invalid runtime name: nvidia.', true],
    ['invalid mount config', false],
    ['', false],
  ])('%j → %s', (text, is) => {
    expect(isGpuRuntimeError(text)).toBe(is);
  });
});

describe('explainBuildFailure', () => {
  const DF = 'docker/train.dockerfile';

  it.each<[string, string[], number, string]>([
    [
      'BuildKit v0.8 parse error',
      [
        '#1 [internal] load build definition from train.dockerfile',
        'failed to solve with frontend dockerfile.v0: failed to create LLB definition: dockerfile parse error line 3: unknown instruction: FORM',
      ],
      3,
      'docker/train.dockerfile does not parse: unknown instruction: FORM',
    ],
    [
      'newer parse error',
      ['ERROR: failed to solve: dockerfile parse error on line 7: unknown instruction: RUNN (did you mean run?)'],
      7,
      'docker/train.dockerfile does not parse: unknown instruction: RUNN (did you mean run?)',
    ],
  ])('%s → location with the line', (_name, tail, line, message) => {
    const e = explainBuildFailure(DF, 1, tail);
    expect(e.message).toBe(message);
    expect(e.location).toEqual({ file: DF, line });
    expect(e.fix).toBe('fix that line of the Dockerfile (see https://docs.docker.com/reference/dockerfile/).');
  });

  it.each<[string, string, string]>([
    ['BuildKit v0.8', 'failed to compute cache key: "/missing.txt": not found', '/missing.txt'],
    [
      'newer BuildKit',
      'ERROR: failed to solve: failed to compute cache key: failed to calculate checksum of ref 4b1c::xyz: "/data/missing.txt": not found',
      '/data/missing.txt',
    ],
  ])('missing COPY source (%s)', (_name, line, file) => {
    const e = explainBuildFailure(DF, 1, ['#7 [3/4] COPY missing.txt /app/', line]);
    expect(e.message).toBe(
      `building ${DF}: a file it copies is missing from the build context: ${file}.\n  Last lines:\n    | #7 [3/4] COPY missing.txt /app/\n    | ${line}`,
    );
    expect(e.fix).toBe(
      'check the COPY/ADD paths (relative to `context:` in repro.yml) and that .dockerignore does not exclude them.',
    );
    expect(e.location).toBeUndefined();
  });

  it.each<[string, string]>([
    ['BuildKit v0.8', 'executor failed running [/bin/sh -c exit 3]: exit code: 3'],
    [
      'newer BuildKit',
      'ERROR: failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3',
    ],
  ])('failing RUN (%s)', (_name, line) => {
    const e = explainBuildFailure(DF, 1, ['#6 [2/2] RUN exit 3', line]);
    expect(e.message).toBe(
      `building ${DF}: \`exit 3\` failed with exit code 3.\n  Last lines:\n    | #6 [2/2] RUN exit 3\n    | ${line}`,
    );
    expect(e.fix).toBe('fix that RUN instruction; its output is above.');
  });

  it('failing exec-form RUN keeps the command', () => {
    const e = explainBuildFailure(DF, 1, [
      'ERROR: failed to solve: process "python -c import sys; sys.exit(4)" did not complete successfully: exit code: 4',
    ]);
    expect(e.message.split('\n')[0]).toBe(
      `building ${DF}: \`python -c import sys; sys.exit(4)\` failed with exit code 4.`,
    );
  });

  it.each<[string, string, string]>([
    [
      'a missing tag',
      'ERROR: failed to solve: python:3.99-slim: failed to resolve source metadata for docker.io/library/python:3.99-slim: docker.io/library/python:3.99-slim: not found',
      'docker.io/library/python:3.99-slim',
    ],
    [
      'BuildKit v0.8 metadata',
      'failed to solve with frontend dockerfile.v0: failed to create LLB definition: failed to load metadata for docker.io/library/nosuch:latest: pull access denied',
      'docker.io/library/nosuch:latest',
    ],
    [
      'pull access denied',
      "pull access denied for nosuchimage, repository does not exist or may require 'docker login'",
      'nosuchimage',
    ],
    // Seen on dockerd 28.5 offline: the image was once reported as "Head" (the request's method).
    [
      'no route to the registry',
      'ERROR: failed to build: failed to solve: python:3.10: failed to resolve source metadata for docker.io/library/python:3.10: failed to do request: Head "https://registry-1.docker.io/v2/library/python/manifests/3.10": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host',
      'docker.io/library/python:3.10',
    ],
    [
      'only the request failing',
      'failed to create LLB definition: failed to do request: Head "https://ghcr.io/v2/octo/base/manifests/1.2": dial tcp: i/o timeout',
      'ghcr.io/octo/base:1.2',
    ],
  ])('base image that cannot be pulled (%s)', (_name, line, image) => {
    const e = explainBuildFailure(DF, 1, [line]);
    expect(e.message.split('\n')[0]).toBe(`building ${DF}: the base image ${image} could not be pulled.`);
    expect(e.fix).toBe(
      'check the FROM line (name and tag), that the registry is reachable from this runner, and log in first for a private image.',
    );
  });

  it('anything else → generic message with the exit code', () => {
    const e = explainBuildFailure(DF, 17, ['something odd', '']);
    expect(e.message).toBe(`docker build of ${DF} failed (exit code 17).\n  Last lines:\n    | something odd`);
    expect(e.fix).toBe('read the build log above.');
  });
});

describe('explainPushFailure', () => {
  const REF = 'registry.example.com:5000/team/proj:main';

  it.each<[string, string[], string, string]>([
    [
      'connection refused',
      ['Get "https://registry.example.com:5000/v2/": dial tcp 10.0.0.5:5000: connect: connection refused'],
      `cannot reach the registry registry.example.com:5000 to push ${REF}.`,
      'check the registry host in `push.image`',
    ],
    [
      'no such host',
      ['dial tcp: lookup registry.example.com: no such host'],
      `cannot reach the registry registry.example.com:5000 to push ${REF}.`,
      'reachable from this runner',
    ],
    [
      'unauthorized',
      ['unauthorized: authentication required'],
      `the registry registry.example.com:5000 refused the push of ${REF}: not logged in or not allowed.`,
      '`permissions: packages: write`',
    ],
    [
      'denied',
      ['denied: permission_denied: write_package'],
      `the registry registry.example.com:5000 refused the push of ${REF}: not logged in or not allowed.`,
      'log in before pushing',
    ],
    [
      'HTTP → HTTPS',
      ['Get "https://registry.example.com:5000/v2/": http: server gave HTTP response to HTTPS client'],
      `the registry registry.example.com:5000 speaks plain HTTP, and docker only allows that for localhost.`,
      'add "registry.example.com:5000" to "insecure-registries" in the engine\'s daemon.json',
    ],
    [
      'HTTP 500',
      ['received unexpected HTTP status: 500 Internal Server Error'],
      `the registry registry.example.com:5000 failed the push of ${REF} with a passing fault.`,
      'raise `push.retries`',
    ],
    [
      'generic',
      ['manifest invalid: manifest invalid'],
      `docker push ${REF} failed.`,
      'if the registry had a passing fault, re-run the job',
    ],
    [
      'generic, with layer ids that contain 401 and 403',
      [
        'The push refers to repository [registry.example.com:5000/team/proj]',
        'd4013ab45f0e: Preparing',
        'a403bc12de34: Preparing',
        'blob upload unknown',
      ],
      `docker push ${REF} failed.`,
      'read the push log above',
    ],
  ])('%s', (_name, tail, first, fix) => {
    const e = explainPushFailure(REF, tail);
    expect(e.message.split('\n')[0]).toBe(first);
    expect(e.message).toContain(`    | ${tail[tail.length - 1]}`);
    expect(e.fix).toContain(fix);
  });

  it('a 401 status is an auth failure', () => {
    expect(explainPushFailure(REF, ['error parsing HTTP 401 response body']).message).toMatch(/refused the push/);
  });

  // What a retry may fix, and what it never does.
  it.each<[string, boolean, boolean]>([
    ['received unexpected HTTP status: 503 Service Unavailable', true, false],
    ['received unexpected HTTP status: 502 Bad Gateway', true, false],
    ['toomanyrequests: rate limit exceeded', true, false],
    // dockerd 28.5 on the containerd store, a registry answering 503 UNAVAILABLE (issue 22).
    ['error from registry: unavailable', true, false],
    // A bare status code (the regex once held backspace characters where \b was meant, so this never matched).
    ['error parsing HTTP 504 response body: invalid character', true, false],
    [
      'Put "http://r/v2/x/blobs/uploads/1": read tcp 127.0.0.1:1->127.0.0.1:5000: read: connection reset by peer',
      true,
      false,
    ],
    ['Get "https://r/v2/": dial tcp 10.0.0.5:443: i/o timeout', true, false],
    ['net/http: TLS handshake timeout', true, false],
    ['no basic auth credentials', false, true],
    ['unauthorized: authentication required', false, true],
    ['received unexpected HTTP status: 503 Service Unavailable\nunauthorized: authentication required', false, true],
    ['dial tcp 10.0.0.5:5000: connect: connection refused', false, false],
    ['manifest invalid', false, false],
  ])('%j → transient %s, refused %s', (text, transient, refused) => {
    const e = explainPushFailure(REF, text.split('\n'));
    expect([e.transient, e.refused]).toEqual([transient, refused]);
    expect(isTransientPushFailure(text) && !refused).toBe(transient);
  });
});

describe('formatTail', () => {
  it.each<[string[], number | undefined, string]>([
    [[], undefined, ''],
    [['', '  '], undefined, ''],
    [['a', '', 'b'], undefined, '\n  Last lines:\n    | a\n    | b'],
    [['1', '2', '3'], 2, '\n  Last lines:\n    | 2\n    | 3'],
  ])('%j (max %s)', (lines, max, text) => {
    expect(max === undefined ? formatTail(lines) : formatTail(lines, max)).toBe(text);
  });
});
