/** Promotion (src/publish/promote.ts): when a tag or release may publish an earlier image, and which records it trusts. */
import { describe, expect, test } from 'vitest';
import type { RunContext } from '../../src/context.js';
import { commitTag, recordRefuses, whyNotPromote } from '../../src/publish/promote.js';
import type { ReproRecord } from '../../src/record/record.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const ctx = (over: Partial<RunContext> = {}): RunContext => ({
  eventName: 'release',
  sha: SHA,
  ref: 'refs/tags/v1.0.0',
  isFork: false,
  runId: 'r',
  ...over,
});
const record = (source: Partial<ReproRecord['source']>, passed = true) =>
  ({ passed, source: { sha: SHA, ref: 'refs/heads/main', event: 'push', dirty: false, ...source } }) as ReproRecord;

describe('promotion', () => {
  test("the commit tag is type=sha's default, of the commit built", () => {
    expect(commitTag(ctx())).toBe('sha-0123456');
    expect(commitTag(ctx({ built: 'f'.repeat(40) }))).toBe('sha-fffffff');
  });

  test.each([
    [ctx(), 'ghcr.io/o/p', undefined],
    [ctx({ eventName: 'push' }), 'ghcr.io/o/p', undefined],
    [ctx({ ref: 'refs/heads/main', eventName: 'push' }), 'ghcr.io/o/p', 'only git tags and releases promote'],
    [ctx(), undefined, 'no image repository is configured'],
    [ctx({ dirty: { paths: ['a'], diffSha256: 'x' } }), 'ghcr.io/o/p', 'the checkout differs from its commit'],
    [ctx({ untrusted: 'a fork' }), 'ghcr.io/o/p', 'the code is untrusted'],
    [ctx({ sha: '' }), 'ghcr.io/o/p', 'there is no commit'],
  ])('%#: may it look for an earlier image? %s', (c, image, why) => {
    expect(whyNotPromote(c, image)).toBe(why);
  });

  test('only a clean, passing record of this very commit is trusted', () => {
    expect(recordRefuses(record({}), SHA)).toBeUndefined();
    expect(recordRefuses(record({ sha: 'f'.repeat(40) }), SHA)).toBe(
      `its record names commit ${'f'.repeat(12)}, not ${SHA.slice(0, 12)}`,
    );
    expect(recordRefuses(record({ dirty: { paths: ['train.py'], diffSha256: 'x' } }), SHA)).toBe(
      'its record says the checkout was dirty',
    );
    expect(recordRefuses(record({}, false), SHA)).toBe('its record says the run did not pass');
  });
});
