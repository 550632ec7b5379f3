/**
 * repro-ci's own files kept out of build contexts (src/docker/ignore.ts, ImageSpec.exclude); the
 * engines' side (BuildKit reading `<Dockerfile>.dockerignore` in place of the context's) is in
 * tests/e2e/published-commit.test.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { lintTargets } from '../../src/lint/run.js';
import { ownFilesIn } from '../../src/config/config.js';
import { ignoreFileText, userIgnoreFiles } from '../../src/docker/ignore.js';
import { isIgnored, parseDockerignore } from '../../src/lint/dockerignore.js';

describe('the ignore file of a build', () => {
  test("the user's rules first, then ours; a `!` of the user's that would bring ours back is dropped", () => {
    const text = ignoreFileText('data/\n!.repro-ci\n!/.repro-ci/logs/\n!keep.txt\n', ['.repro-ci']);
    expect(text).toBe('data/\n!keep.txt\n# repro-ci: its own files never enter the build\n.repro-ci\n');
    const patterns = parseDockerignore(text);
    expect(isIgnored(patterns, '.repro-ci/logs/train.log')).toBe(true);
    expect(isIgnored(patterns, 'data/x.csv')).toBe(true);
    expect(isIgnored(patterns, 'train.py')).toBe(false);
  });

  test('no user file; a last line without a newline; paths with pattern characters stay literal', () => {
    expect(ignoreFileText(undefined, ['out/[run]*'])).toBe(
      '# repro-ci: its own files never enter the build\nout/\\[run]\\*\n',
    );
    expect(ignoreFileText('*.pyc', ['r'])).toBe('*.pyc\n# repro-ci: its own files never enter the build\nr\n');
  });

  test("BuildKit's order: the Dockerfile's own ignore file, then the context's", () => {
    expect(userIgnoreFiles('/p/docker/train.Dockerfile', '/p')).toEqual([
      '/p/docker/train.Dockerfile.dockerignore',
      '/p/.dockerignore',
    ]);
  });

  test('the results folder is excluded where it lies in the context, by its path there', () => {
    expect(ownFilesIn('/p', '/p/.repro-ci')).toEqual(['.repro-ci']);
    expect(ownFilesIn('/p', '/p/out/ci')).toEqual(['out/ci']);
    expect(ownFilesIn('/p/docker', '/p/.repro-ci')).toEqual([]);
    expect(ownFilesIn('/p/.repro-ci', '/p/.repro-ci')).toEqual([]);
  });
});

describe('RC306: a folder a step writes into, in the build context', () => {
  const lint = async (dockerignore: string | undefined) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-rc306-'));
    writeFileSync(path.join(dir, 'Dockerfile'), 'FROM busybox:latest\nCOPY . .\n');
    if (dockerignore !== undefined) writeFileSync(path.join(dir, '.dockerignore'), dockerignore);
    const report = await lintTargets(
      [{ dockerfile: path.join(dir, 'Dockerfile'), context: dir, outputs: [{ path: 'out', step: 'train' }] }],
      { level: 'warn', cwd: dir },
    );
    return report.findings.filter((f) => f.rule === 'RC306').map((f) => f.message);
  };
  test('reported while .dockerignore lets it through, with the step named', async () => {
    expect(await lint(undefined)).toEqual([
      'out/ is where step "train" writes, and it is in the build context: each run\'s image would hold the outputs of the run before it.',
    ]);
    expect(await lint('.git\n')).toHaveLength(1);
  });
  test('not once .dockerignore excludes it', async () => {
    expect(await lint('.git\nout/\n')).toEqual([]);
    expect(await lint('out\n')).toEqual([]);
  });
});

describe("the base images' digests the lint offers (RC102)", () => {
  const DIGEST = `sha256:${'ab'.repeat(32)}`;
  test('each base image is asked about once, all at once, whatever the number of files naming it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-rc102-'));
    writeFileSync(path.join(dir, 'train.dockerfile'), 'FROM python:3.11-slim\nCOPY . .\n');
    writeFileSync(path.join(dir, 'evaluate.dockerfile'), 'FROM python:3.11-slim AS base\nFROM busybox:1.36\n');
    const asked: string[] = [];
    let inFlight = 0;
    let most = 0;
    const docker = {
      async imageInspect(ref: string) {
        asked.push(ref);
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 20));
        inFlight--;
        const repo = ref.split(':')[0];
        return { id: `sha256:${'0'.repeat(64)}`, repoDigests: [`${repo}@${DIGEST}`] };
      },
      servedByRegistry: async () => true,
    };
    const target = (name: string) => ({ dockerfile: path.join(dir, name), context: dir });
    const report = await lintTargets([target('train.dockerfile'), target('evaluate.dockerfile')], {
      docker: docker as never,
      level: 'warn',
      cwd: dir,
    });
    expect(asked.sort()).toEqual(['busybox:1.36', 'python:3.11-slim']);
    expect(most).toBe(2);
    const pins = report.findings.filter((f) => f.rule === 'RC102').map((f) => `${f.file}: ${f.message}`);
    expect(pins).toEqual([
      `train.dockerfile: \`FROM python:3.11-slim\` is not pinned by digest; the engine has it as python@${DIGEST}: write \`FROM python:3.11-slim@${DIGEST}\`.`,
      `evaluate.dockerfile: \`FROM python:3.11-slim\` is not pinned by digest; the engine has it as python@${DIGEST}: write \`FROM python:3.11-slim@${DIGEST}\`.`,
      `evaluate.dockerfile: \`FROM busybox:1.36\` is not pinned by digest; the engine has it as busybox@${DIGEST}: write \`FROM busybox:1.36@${DIGEST}\`.`,
    ]);
  });
});
