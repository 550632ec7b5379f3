/**
 * Issue 20, as a careful user meets it: faults that must neither hang, crash nor lose a run. Registry
 * deadlines are in publish.test.ts, the cache service's in build-cache.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, docker, workspaceWith } from '../support/docker.js';

describe('concurrent runs of one checkout', () => {
  test('two runs started at once: one runs, the other stops at once naming it, and nothing is mixed', async () => {
    const ws = workspaceWith({
      Dockerfile: 'FROM busybox:latest\nCMD ["true"]\n',
      'repro.yml': [
        'name: twice',
        'images: {app: Dockerfile}',
        'steps:',
        '  - name: train',
        "    command: [sh, -c, 'echo start; sleep 3; echo end']",
        '    network: none',
        'lint: {level: off}',
        'cache: {layers: none}',
        '',
      ].join('\n'),
    });
    const [a, b] = await Promise.all([cli(ws, ['run']), cli(ws, ['run'])]);
    const [won, lost] = a.code === 0 ? [a, b] : [b, a];
    expect(won.code, won.stdout + won.stderr).toBe(0);
    expect(lost.code).not.toBe(0);
    expect(lost.stdout + lost.stderr).toMatch(
      /another repro-ci run \(pid \d+, run local-[\w-]+, started [\d-]+T[\d:.]+Z\) is writing .*\.repro-ci; two runs there at once would mix their logs, results and record\./,
    );
    expect(lost.stdout + lost.stderr).toContain('wait for it to end, or give this checkout another results folder');
    // The winner's log is whole, and the lock is gone with it.
    expect(readFileSync(path.join(ws, '.repro-ci/logs/train.log'), 'utf8')).toMatch(/start\n[\s\S]*end\n/);
    const again = await cli(ws, ['run']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
  });
});

describe('a step that runs out of memory', () => {
  test("is explained from the engine's own word (State.OOMKilled) and its limit, and its container is gone", async () => {
    const ws = workspaceWith({
      Dockerfile: 'FROM busybox:latest\nCMD ["true"]\n',
      // tail keeps a line without newlines in memory: 100 MB of zeros against a 16 MiB limit.
      'repro.yml': [
        'name: oom',
        'images: {app: Dockerfile}',
        'steps:',
        '  - name: train',
        "    command: [sh, -c, 'head -c 100000000 /dev/zero | tail > /dev/null']",
        '    network: none',
        '    memory: 16m',
        'lint: {level: off}',
        'cache: {layers: none}',
        '',
      ].join('\n'),
    });
    const r = await cli(ws, ['run']);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain(
      'step "train" ran out of memory: the kernel stopped it at its limit of 16.0 MiB (the step\'s `memory:` in repro.yml) (exit code 137).',
    );
    expect(
      docker('ps', '-a', '--filter', 'name=repro-ci-local-', '--filter', 'name=-train', '--format', '{{.Names}}')
        .split('\n')
        .filter((n) => n.includes('train') && n.includes('oom')),
    ).toEqual([]);
  });
});

describe('a full disk under the results folder', () => {
  // A 64 KiB tmpfs as the logs folder stands in for a full disk; mounting one takes root, as CI has.
  const root = process.getuid?.() === 0;
  test.runIf(root)(
    'a step whose log cannot be written is stopped, the run fails naming the file, and node does not crash',
    async () => {
      const ws = workspaceWith({
        Dockerfile: 'FROM busybox:latest\nCMD ["true"]\n',
        'repro.yml': [
          'name: fulldisk',
          'images: {app: Dockerfile}',
          'steps:',
          '  - name: train',
          '    command: [sh, -c, \'head -c 2000000 /dev/zero | tr "\\\\0" x | fold -w 100; sleep 30\']',
          '    network: none',
          'lint: {level: off}',
          'cache: {layers: none}',
          '',
        ].join('\n'),
      });
      const logs = path.join(ws, '.repro-ci/logs');
      mkdirSync(logs, { recursive: true });
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', logs]);
      try {
        const started = Date.now();
        const r = await cli(ws, ['run']);
        expect(r.code).toBe(1);
        expect(r.stdout + r.stderr).not.toContain("Unhandled 'error' event");
        expect(r.stdout + r.stderr).toMatch(
          /the log of step container repro-ci-local-[\w-]+-train could not be written to .*\/\.repro-ci\/logs\/train\.log \(ENOSPC\); the step was stopped\./,
        );
        expect(r.stdout + r.stderr).toContain('free space on the disk that holds the results folder');
        expect(Date.now() - started).toBeLessThan(25_000);
        expect(
          docker('ps', '-a', '--format', '{{.Names}}')
            .split('\n')
            .filter((n) => n.includes('-train') && n.includes('local-')),
        ).toEqual([]);
      } finally {
        execFileSync('umount', [logs]);
      }
    },
  );
});
