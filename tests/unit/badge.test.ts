import { describe, expect, it } from 'vitest';
import {
  ACM_BADGE_NAMES,
  badgeFor,
  formatBadgeNumber,
  lastVerifiedDate,
  readmeSnippet,
  renderBadgeSvg,
  shieldsProblems,
} from '../../src/badge/badge.js';
import { commitBadge, type BranchApi } from '../../src/badge/publish.js';
import { badgeSkipReason } from '../../src/action/badge.js';
import type { CheckResult } from '../../src/checks/rules.js';

const date = new Date('2026-11-23T12:00:00Z');
const ok = (metric: string, value: number): CheckResult => ({ metric, value, rule: '≥ 0', ok: true, message: 'ok' });

describe('badge messages', () => {
  it('verify passing: reproduced N/N, the first rule’s metric, the date', () => {
    expect(
      badgeFor({
        kind: 'verify',
        checks: [ok('accuracy', 0.91234), ok('loss', 0.3), ok('accuracy', 0.91234)],
        metrics: {},
        date,
      }),
    ).toEqual({
      schemaVersion: 1,
      label: 'repro-ci',
      message: 'reproduced 3/3 · accuracy 0.9123 · 2026-11-23',
      color: 'brightgreen',
    });
  });
  it('a CI run only claims its checks passed', () => {
    expect(badgeFor({ kind: 'run', checks: [ok('accuracy', 0.912)], metrics: {}, date }).message).toBe(
      'checks passed 1/1 · accuracy 0.912 · 2026-11-23',
    );
  });
  it('failing checks, and a failed stage', () => {
    const bad = { ...ok('accuracy', 0.5), ok: false };
    expect(badgeFor({ kind: 'verify', checks: [bad, ok('loss', 1)], metrics: {}, date })).toEqual({
      schemaVersion: 1,
      label: 'repro-ci',
      message: 'failing 1/2 · 2026-11-23',
      color: 'red',
    });
    expect(badgeFor({ kind: 'run', checks: [], metrics: {}, date, failed: true }).message).toBe('failing · 2026-11-23');
  });
  it('no checks: never "reproduced", and no date a later badge carries as verified (issue 15)', () => {
    expect(badgeFor({ kind: 'verify', checks: [], metrics: {}, date })).toEqual({
      schemaVersion: 1,
      label: 'repro-ci',
      message: 'ran, nothing checked · 2026-11-23',
      color: 'yellow',
    });
    expect(badgeFor({ kind: 'run', checks: [{ ...ok('a', 1), skipped: true }], metrics: {}, date }).message).toBe(
      'ran, nothing checked · 2026-11-23',
    );
    expect(lastVerifiedDate({ message: 'ran, nothing checked · 2026-11-23' })).toBeUndefined();
  });
  it('skipped checks are not counted', () => {
    expect(
      badgeFor({ kind: 'run', checks: [ok('a', 1), { ...ok('b', 2), skipped: true }], metrics: {}, date }).message,
    ).toBe('checks passed 1/1 · a 1 · 2026-11-23');
  });
  it('not verified: since the last passing date, carried from the badge before', () => {
    expect(badgeFor({ kind: 'error', date, lastVerified: '2026-10-01' })).toEqual({
      schemaVersion: 1,
      label: 'repro-ci',
      message: 'not verified since 2026-10-01',
      color: 'lightgrey',
    });
    expect(badgeFor({ kind: 'error', date }).message).toBe('not verified');
    expect(lastVerifiedDate({ message: 'reproduced 3/3 · accuracy 0.9 · 2026-10-01' })).toBe('2026-10-01');
    expect(lastVerifiedDate({ message: 'not verified since 2026-09-30' })).toBe('2026-09-30');
    expect(lastVerifiedDate({ message: 'failing 1/2 · 2026-10-02' })).toBeUndefined();
    expect(lastVerifiedDate(undefined)).toBeUndefined();
  });
  it('never an ACM artifact badge name as label', () => {
    for (const n of ACM_BADGE_NAMES)
      expect(() => badgeFor({ kind: 'error', date }, n[0].toUpperCase() + n.slice(1))).toThrow(
        /is an ACM artifact badge name/,
      );
    expect(formatBadgeNumber(0.9)).toBe('0.9');
    expect(formatBadgeNumber(1234.56)).toBe('1235');
  });
});

describe('shields endpoint schema', () => {
  it('accepts exactly the documented keys', () => {
    expect(shieldsProblems(badgeFor({ kind: 'error', date }))).toEqual([]);
    expect(
      shieldsProblems({ schemaVersion: 1, label: 'a', message: 'b', cacheSeconds: 300, isError: false, style: 'flat' }),
    ).toEqual([]);
  });
  it('rejects unknown keys, a wrong version, missing or mistyped fields', () => {
    expect(
      shieldsProblems({ schemaVersion: 2, label: 'a', message: '', date: 'x', color: 3, cacheSeconds: -1 }),
    ).toEqual([
      'unknown key "date"',
      'schemaVersion must be 1',
      'message must not be empty',
      'color must be a string',
      'cacheSeconds must be a whole number ≥ 0',
    ]);
    expect(shieldsProblems([])).toEqual(['not a JSON object']);
    expect(shieldsProblems({ schemaVersion: 1 })).toEqual(['label must be a string', 'message must be a string']);
  });
});

describe('SVG and README snippet', () => {
  it('self-contained, escaped, coloured', () => {
    const svg = renderBadgeSvg({ schemaVersion: 1, label: 'repro-ci', message: 'a<b & "c"', color: 'red' });
    expect(svg).toContain('<title>repro-ci: a&lt;b &amp; &quot;c&quot;</title>');
    expect(svg).toContain('fill="#e05d44"');
    expect(svg).not.toMatch(/href|<script|@import|url\(/);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="')).toBe(true);
  });
  it('shields endpoint on raw.githubusercontent.com', () => {
    expect(readmeSnippet('o/r', 'repro-badges', 'mnist')).toBe(
      '[![repro-ci](https://img.shields.io/endpoint?url=https%3A%2F%2Fraw.githubusercontent.com%2Fo%2Fr%2Frepro-badges%2Fbadges%2Fmnist.json)](https://github.com/o/r)',
    );
  });
});

describe('badge branch commits', () => {
  function fakeApi(
    files: Record<string, { sha: string; content: string }> = {},
    branches: Record<string, string> = { main: 'c1' },
  ) {
    const calls: string[] = [];
    const api: BranchApi = {
      defaultBranch: async () => 'main',
      branchSha: async (b) => branches[b],
      createBranch: async (b, sha) => void calls.push(`create ${b} from ${sha}`),
      getFile: async (f) => files[f],
      putFile: async (f, b, _c, _m, sha) => void calls.push(`put ${b}:${f}${sha ? ` over ${sha}` : ''}`),
    };
    return { api, calls };
  }
  const badge = badgeFor({ kind: 'error', date });
  it('creates the branch from the default branch, then writes both files', async () => {
    const { api, calls } = fakeApi();
    expect(await commitBadge(api, 'repro-badges', 'p', badge)).toEqual({
      branch: 'repro-badges',
      created: true,
      written: ['badges/p.json', 'badges/p.svg'],
    });
    expect(calls).toEqual([
      'create repro-badges from c1',
      'put repro-badges:badges/p.json',
      'put repro-badges:badges/p.svg',
    ]);
  });
  it('updates over the blob sha and skips unchanged files', async () => {
    const { api, calls } = fakeApi(
      { 'badges/p.json': { sha: 's1', content: 'old' }, 'badges/p.svg': { sha: 's2', content: renderBadgeSvg(badge) } },
      { main: 'c1', 'repro-badges': 'c2' },
    );
    expect((await commitBadge(api, 'repro-badges', 'p', badge)).written).toEqual(['badges/p.json']);
    expect(calls).toEqual(['put repro-badges:badges/p.json over s1']);
  });
  it('refuses the default branch', async () => {
    await expect(commitBadge(fakeApi().api, 'main', 'p', badge)).rejects.toThrow(
      'the badge branch "main" is the default branch; badges are never committed there.',
    );
  });
  it('when the action publishes', () => {
    const ctx = { eventName: 'push', sha: '', ref: '', isFork: false, runId: 'r', repository: 'o/r' };
    expect(badgeSkipReason(ctx, {})).toBe('neither badge-branch nor badge-dir is set');
    expect(badgeSkipReason({ ...ctx, eventName: 'pull_request', prNumber: 3 }, { branch: 'b', token: 't' })).toBe(
      'pull requests do not update the badge',
    );
    expect(badgeSkipReason(ctx, { branch: 'b' })).toBe('no github-token to commit the badge with');
    expect(badgeSkipReason(ctx, { branch: 'b', token: 't' })).toBeUndefined();
    expect(badgeSkipReason(ctx, { dir: 'd' })).toBeUndefined();
  });
});
