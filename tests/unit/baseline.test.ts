import { describe, expect, it } from 'vitest';
import {
  baselineBranch,
  baselineKey,
  baselineKeyPrefix,
  baseInput,
  parseBaseline,
  shouldSaveBaseline,
} from '../../src/checks/baseline.js';
import type { RunContext } from '../../src/context.js';

const ctx = (over: Partial<RunContext>): RunContext => ({
  eventName: 'push',
  sha: 'a'.repeat(40),
  ref: 'refs/heads/main',
  isFork: false,
  runId: 'r',
  ...over,
});

describe('keys', () => {
  it('encodes project and branch so a prefix never matches another branch', () => {
    expect(baselineKeyPrefix('mnist', 'main')).toBe('repro-ci-metrics-v1/mnist/main/');
    expect(baselineKey({ project: 'mnist', branch: 'feature/x', sha: 'abc' })).toBe(
      'repro-ci-metrics-v1/mnist/feature%2Fx/abc',
    );
    expect(
      baselineKey({ project: 'mnist', branch: 'main/x', sha: 'abc' }).startsWith(baselineKeyPrefix('mnist', 'main')),
    ).toBe(false);
    expect(
      baselineKey({ project: 'mnist', branch: 'main-2', sha: 'abc' }).startsWith(baselineKeyPrefix('mnist', 'main')),
    ).toBe(false);
  });
});

describe('which branch', () => {
  it.each<[string, Partial<RunContext>, string | undefined]>([
    [
      'a pull request compares with its base',
      { eventName: 'pull_request', ref: 'refs/pull/7/merge', prNumber: 7, baseRef: 'develop' },
      'develop',
    ],
    [
      'a pull request without a base ref',
      { eventName: 'pull_request', ref: 'refs/pull/7/merge', prNumber: 7 },
      undefined,
    ],
    ['a push compares with the same branch', { eventName: 'push', ref: 'refs/heads/release/1.x' }, 'release/1.x'],
    ['a tag has no branch', { eventName: 'push', ref: 'refs/tags/v1' }, undefined],
  ])('%s', (_name, over, branch) => {
    expect(baselineBranch(ctx(over))).toBe(branch);
  });

  it('only passing pushes to a branch save', () => {
    expect(shouldSaveBaseline(ctx({}), true)).toBe('main');
    expect(shouldSaveBaseline(ctx({}), false)).toBeUndefined();
    expect(shouldSaveBaseline(ctx({ eventName: 'pull_request', prNumber: 1 }), true)).toBeUndefined();
    expect(shouldSaveBaseline(ctx({ ref: 'refs/tags/v1' }), true)).toBeUndefined();
    expect(shouldSaveBaseline(ctx({ eventName: 'workflow_dispatch' }), true)).toBeUndefined();
  });
});

describe('records', () => {
  it('parses a record, dropping what is not a finite number', () => {
    expect(
      parseBaseline(
        JSON.stringify({
          version: 1,
          project: 'p',
          branch: 'main',
          sha: 'abc',
          savedAt: 't',
          metrics: { a: 1, b: 'x', c: null },
        }),
      ),
    ).toEqual({ version: 1, project: 'p', branch: 'main', sha: 'abc', savedAt: 't', metrics: { a: 1 } });
  });

  it.each([
    '',
    'not json',
    '{"version": 2, "branch": "main", "sha": "a", "metrics": {}}',
    '{"version": 1, "sha": "a", "metrics": {}}',
    '{"version": 1, "branch": "main", "sha": "a"}',
  ])('rejects %j', (text) => {
    expect(parseBaseline(text)).toBeUndefined();
  });

  it('turns a record or its absence into the rules input', () => {
    const record = {
      version: 1 as const,
      project: 'p',
      branch: 'main',
      sha: '0123456789',
      savedAt: '',
      metrics: { a: 1 },
    };
    expect(baseInput(record, 'main')).toEqual({ found: true, metrics: { a: 1 }, label: 'main@0123456' });
    expect(baseInput(undefined, 'main')).toEqual({
      found: false,
      reason: 'no successful run of main has saved metrics yet',
    });
    expect(baseInput(undefined, undefined)).toEqual({
      found: false,
      reason: 'this run has no base branch to compare with',
    });
    expect(baseInput(record, 'main', 'the store failed')).toEqual({ found: false, reason: 'the store failed' });
  });
});
