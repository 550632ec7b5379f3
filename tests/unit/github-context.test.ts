import { describe, expect, it } from 'vitest';
import { contextFromEnv } from '../../src/action/github-context.js';
import type { RunContext } from '../../src/context.js';

const MERGE_SHA = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const HEAD_SHA = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

const env = (over: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  GITHUB_EVENT_NAME: 'push',
  GITHUB_SHA: MERGE_SHA,
  GITHUB_REF: 'refs/heads/main',
  GITHUB_REPOSITORY: 'owner/proj',
  GITHUB_RUN_ID: '123',
  GITHUB_RUN_ATTEMPT: '2',
  ...over,
});

const prEnv = env({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/7/merge' });
const prPayload = (headRepo: { full_name?: string; fork?: boolean } | null | undefined) => ({
  repository: { full_name: 'owner/proj', default_branch: 'main' },
  pull_request: { number: 7, head: { sha: HEAD_SHA, repo: headRepo } },
});

describe('contextFromEnv', () => {
  it('push payload', () => {
    expect(contextFromEnv(env(), { repository: { full_name: 'owner/proj', default_branch: 'main' } }, 'x1')).toEqual({
      eventName: 'push',
      sha: MERGE_SHA,
      ref: 'refs/heads/main',
      repository: 'owner/proj',
      defaultBranch: 'main',
      isFork: false,
      prNumber: undefined,
      runId: '123-2-x1',
      repo: {},
    } satisfies RunContext);
  });

  it('release payload: action, pre-release flag, repository facts for the labels', () => {
    const payload = {
      action: 'published',
      release: { tag_name: 'v2.0.0', prerelease: true },
      repository: {
        full_name: 'owner/proj',
        default_branch: 'main',
        name: 'proj',
        description: 'A model',
        html_url: 'https://github.com/owner/proj',
        license: { spdx_id: 'MIT' },
      },
    };
    expect(
      contextFromEnv(env({ GITHUB_EVENT_NAME: 'release', GITHUB_REF: 'refs/tags/v2.0.0' }), payload, 'x1'),
    ).toMatchObject({
      eventName: 'release',
      ref: 'refs/tags/v2.0.0',
      action: 'published',
      prerelease: true,
      commitTime: undefined,
      repo: { name: 'proj', description: 'A model', htmlUrl: 'https://github.com/owner/proj', license: 'MIT' },
    });
    // Without GITHUB_REF, the release names its tag.
    expect(contextFromEnv(env({ GITHUB_EVENT_NAME: 'release', GITHUB_REF: '' }), payload, 'x1').ref).toBe(
      'refs/tags/v2.0.0',
    );
  });

  it('push payload: the commit time', () => {
    expect(contextFromEnv(env(), { head_commit: { timestamp: '2024-05-01T12:00:00+02:00' } }, 'x1').commitTime).toBe(
      '2024-05-01T12:00:00+02:00',
    );
  });

  it('pull request from the same repository: tags from the head sha; the merge commit GITHUB_SHA is what is built', () => {
    expect(contextFromEnv(prEnv, prPayload({ full_name: 'owner/proj', fork: false }), 'x1')).toEqual({
      eventName: 'pull_request',
      sha: HEAD_SHA,
      built: MERGE_SHA,
      ref: 'refs/pull/7/merge',
      repository: 'owner/proj',
      defaultBranch: 'main',
      repo: {},
      isFork: false,
      prNumber: 7,
      runId: '123-2-x1',
    } satisfies RunContext);
  });

  it.each<[string, { full_name?: string; fork?: boolean } | null | undefined, boolean]>([
    ['same repository', { full_name: 'owner/proj', fork: false }, false],
    ['same repository, no fork flag', { full_name: 'owner/proj' }, false],
    ['a fork (other full name)', { full_name: 'someone/proj', fork: true }, true],
    ['a fork (other full name, no flag)', { full_name: 'someone/proj' }, true],
    ['a fork flag with the same name', { full_name: 'owner/proj', fork: true }, true],
    ['a deleted fork (head.repo null)', null, true],
    ['no head repo information', undefined, false],
  ])('pull request from %s → isFork %s', (_name, headRepo, isFork) => {
    const c = contextFromEnv(prEnv, prPayload(headRepo), 'x');
    expect(c.isFork).toBe(isFork);
    expect(c.sha).toBe(HEAD_SHA);
    expect(c.prNumber).toBe(7);
  });

  it('falls back to GITHUB_SHA when the payload has no head sha', () => {
    expect(contextFromEnv(prEnv, { pull_request: { number: 8, head: {} } }, 'x').sha).toBe(MERGE_SHA);
  });

  it('takes the repository from the payload when the env lacks it', () => {
    const c = contextFromEnv(env({ GITHUB_REPOSITORY: '' }), { repository: { full_name: 'owner/proj' } }, 'x');
    expect(c.repository).toBe('owner/proj');
  });

  it('defaults for an empty environment', () => {
    expect(contextFromEnv({}, {}, 'abc')).toEqual({
      eventName: 'unknown',
      sha: '',
      ref: '',
      repository: undefined,
      defaultBranch: undefined,
      isFork: false,
      prNumber: undefined,
      runId: 'local-1-abc',
    } satisfies RunContext);
  });
});
