import { describe, expect, it } from 'vitest';
import type { PushWhen } from '../../src/config/config.js';
import { branchOf, tagOf, type RunContext } from '../../src/context.js';
import { computeTags, decidePush, repositoryFor, sanitizeTag, SHORT_SHA_LENGTH, withRegistry } from '../../src/publish/tags.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const ctx = (over: Partial<RunContext>): RunContext => ({ eventName: 'push', sha: SHA, ref: 'refs/heads/main', isFork: false, runId: 'r1', ...over });

describe('branchOf / tagOf', () => {
  it.each<[string, string | undefined, string | undefined]>([
    ['refs/heads/main', 'main', undefined],
    ['refs/heads/feature/x', 'feature/x', undefined],
    ['refs/tags/v1.2.3', undefined, 'v1.2.3'],
    ['refs/pull/7/merge', undefined, undefined],
    ['', undefined, undefined],
  ])('%j', (ref, branch, tag) => {
    expect(branchOf(ref)).toBe(branch);
    expect(tagOf(ref)).toBe(tag);
  });
});

describe('sanitizeTag', () => {
  it.each<[string, string]>([
    ['main', 'main'],
    ['feature/x', 'feature-x'],
    ['Feature/Big Thing', 'feature-big-thing'],
    ['v1.2.3', 'v1.2.3'],
    ['.hidden', 'hidden'],
    ['-dash', 'dash'],
    ['__under', '__under'],
    ['a//b', 'a-b'],
    ['ümlaut', 'mlaut'],
    ['x'.repeat(200), 'x'.repeat(128)],
  ])('%j → %j', (input, tag) => {
    expect(sanitizeTag(input)).toBe(tag);
  });
});

describe('computeTags', () => {
  it.each<[string, Partial<RunContext>, string[]]>([
    ['push to main', {}, ['sha-0123456', 'main']],
    ['push to feature/x', { ref: 'refs/heads/feature/x' }, ['sha-0123456', 'feature-x']],
    ['tag v1.2.3', { ref: 'refs/tags/v1.2.3' }, ['sha-0123456', 'v1.2.3']],
    ['release of a tag', { eventName: 'release', ref: 'refs/tags/v2.0.0' }, ['sha-0123456', 'v2.0.0']],
    ['pull request 7', { eventName: 'pull_request', ref: 'refs/pull/7/merge', prNumber: 7 }, ['sha-0123456', 'pr-7']],
    ['unknown ref', { ref: 'refs/notes/x' }, ['sha-0123456']],
    ['empty sha on a branch', { sha: '' }, ['main']],
    ['empty sha, no ref', { sha: '', ref: '' }, ['latest']],
    ['short sha', { sha: 'abc' }, ['sha-abc', 'main']],
  ])('%s', (_name, over, tags) => {
    expect(computeTags(ctx(over))).toEqual(tags);
  });

  it('uses 7 characters of the sha', () => {
    expect(SHORT_SHA_LENGTH).toBe(7);
  });
});

describe('decidePush', () => {
  type Row = [event: string, when: PushWhen, fork: boolean, checksPassed: boolean, image: string | undefined, push: boolean, reason: string];
  const IMG = 'ghcr.io/o/p';
  const rows: Row[] = [
    // push: auto
    ['push', 'auto', false, true, IMG, true, 'push event with push: auto'],
    ['pull_request', 'auto', false, true, IMG, false, 'pull requests do not push with push: auto'],
    ['pull_request_target', 'auto', false, true, IMG, false, 'pull requests do not push with push: auto'],
    ['release', 'auto', false, true, IMG, true, 'release event with push: auto'],
    ['schedule', 'auto', false, true, IMG, true, 'schedule event with push: auto'],
    ['workflow_dispatch', 'auto', false, true, IMG, true, 'workflow_dispatch event with push: auto'],
    ['local', 'auto', false, true, IMG, false, 'local runs push only with --push'],
    ['merge_group', 'auto', false, true, IMG, false, 'merge_group events do not push with push: auto'],
    // push: always
    ['push', 'always', false, true, IMG, true, 'push is set to always'],
    ['pull_request', 'always', false, true, IMG, true, 'push is set to always'],
    ['release', 'always', false, true, IMG, true, 'push is set to always'],
    ['schedule', 'always', false, true, IMG, true, 'push is set to always'],
    ['workflow_dispatch', 'always', false, true, IMG, true, 'push is set to always'],
    ['local', 'always', false, true, IMG, true, 'push is set to always'],
    // push: never
    ['push', 'never', false, true, IMG, false, 'push is set to never'],
    ['pull_request', 'never', false, true, IMG, false, 'push is set to never'],
    ['release', 'never', false, true, IMG, false, 'push is set to never'],
    ['schedule', 'never', false, true, IMG, false, 'push is set to never'],
    ['workflow_dispatch', 'never', false, true, IMG, false, 'push is set to never'],
    ['local', 'never', false, true, IMG, false, 'push is set to never'],
    // forks never push, not even with always
    ['pull_request', 'always', true, true, IMG, false, 'this run comes from a fork, and images are never pushed from forks'],
    ['pull_request', 'auto', true, true, IMG, false, 'this run comes from a fork, and images are never pushed from forks'],
    ['pull_request_target', 'always', true, true, IMG, false, 'this run comes from a fork, and images are never pushed from forks'],
    // failed checks never push
    ['push', 'auto', false, false, IMG, false, 'a step or check failed, and only images that passed are pushed'],
    ['push', 'always', false, false, IMG, false, 'a step or check failed, and only images that passed are pushed'],
    ['local', 'always', false, false, IMG, false, 'a step or check failed, and only images that passed are pushed'],
    // no image to push to
    ['push', 'auto', false, true, undefined, false, 'no image to push to (set `push.image` in repro.yml or the `image` input)'],
    ['push', 'always', false, true, '', false, 'no image to push to (set `push.image` in repro.yml or the `image` input)'],
    // precedence: never > no image > failed checks > fork
    ['push', 'never', true, false, undefined, false, 'push is set to never'],
    ['push', 'always', true, false, undefined, false, 'no image to push to (set `push.image` in repro.yml or the `image` input)'],
    ['pull_request', 'always', true, false, IMG, false, 'a step or check failed, and only images that passed are pushed'],
  ];
  it.each(rows)('%s, when=%s, fork=%s, checks passed=%s, image=%s → %s', (event, when, fork, passed, image, push, reason) => {
    expect(decidePush(when, ctx({ eventName: event, isFork: fork }), passed, image)).toEqual({ push, reason });
  });
});

describe('withRegistry', () => {
  it.each<[string, string | undefined, string]>([
    ['ghcr.io/o/p', undefined, 'ghcr.io/o/p'],
    ['ghcr.io/o/p', '', 'ghcr.io/o/p'],
    ['ghcr.io/o/p', '127.0.0.1:5000', '127.0.0.1:5000/o/p'],
    ['ghcr.io/o/p', 'registry.local:5000/', 'registry.local:5000/o/p'],
    ['localhost:5000/p', 'reg.example.com', 'reg.example.com/p'],
    ['localhost/p', 'reg.example.com', 'reg.example.com/p'],
    ['o/p', 'reg.example.com', 'reg.example.com/o/p'],
    ['p', 'reg.example.com', 'reg.example.com/p'],
    ['owner/sub/p', 'ghcr.io', 'ghcr.io/owner/sub/p'],
    ['docker.io/library/p', 'mirror:5000', 'mirror:5000/library/p'],
  ])('%s with %j → %s', (image, registry, result) => {
    expect(withRegistry(image, registry)).toBe(result);
  });
});

describe('repositoryFor', () => {
  it.each<[string, string, number, string]>([
    ['ghcr.io/o/p', 'train', 1, 'ghcr.io/o/p'],
    ['ghcr.io/o/p', 'train', 2, 'ghcr.io/o/p/train'],
    ['ghcr.io/o/p', 'evaluate', 3, 'ghcr.io/o/p/evaluate'],
  ])('%s, %s, %i images → %s', (repo, key, n, result) => {
    expect(repositoryFor(repo, key, n)).toBe(result);
  });
});
