/**
 * resolveRun: one plan for the action, the CLI and verify. Each row gives the same repro.yml and the same
 * words to an entry point and checks what the pipeline will be told; the two bugs of issue 14 (a
 * repository the CLI left in upper case, `push.when: always` decided in cli.ts) have their own rows.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import type { RunContext } from '../../src/context.js';
import { resolveRun, type EntryPoint, type RunOverrides } from '../../src/pipeline/plan.js';
import { decidePublish } from '../../src/publish/publish.js';

const YML = `
images: { app: Dockerfile }
steps:
  - name: train
    gpus: none
  - name: eval
    gpus: optional
push:
  image: owner/repo
  when: always
lint: error
`;
const config = parseConfig(YML, '/p/repro.yml');
const ENV = { GITHUB_REPOSITORY: 'Owner/Repo', GITHUB_ACTOR: 'octocat' };
const ctx = (over: Partial<RunContext> = {}): RunContext => ({
  eventName: 'push',
  sha: 'a'.repeat(40),
  ref: 'refs/heads/main',
  defaultBranch: 'main',
  isFork: false,
  runId: 'r1',
  ...over,
});
const NOW = new Date('2026-01-02T03:04:05Z');
const plan = (entry: EntryPoint, over: RunOverrides = {}, c = ctx()) => resolveRun(config, over, entry, ENV, c, NOW);

describe('resolveRun', () => {
  it.each<[EntryPoint, RunOverrides, string[]]>([
    // The action always lower-cased; the CLI gave docker `ghcr.io/Owner/Repo`, which it rejects.
    ['action', { image: 'Owner/Repo', registry: 'ghcr.io' }, ['ghcr.io/owner/repo']],
    ['cli', { image: 'Owner/Repo', registry: 'ghcr.io' }, ['ghcr.io/owner/repo']],
    ['action', {}, ['owner/repo']],
    ['cli', {}, ['owner/repo']],
    ['action', { images: 'ghcr.io/o/a\nname=docker.io/o/b' }, ['ghcr.io/o/a', 'docker.io/o/b']],
    // verify re-runs a record: nothing is pushed, whatever repro.yml says.
    ['verify', { image: 'x/y' }, []],
  ])('%s %j pushes to %j', (entry, over, repositories) => {
    expect(plan(entry, over).repositories).toEqual(repositories);
  });

  it('says what it lower-cased, for the log', () => {
    expect(plan('action', { images: 'ghcr.io/Owner/A' }).notices.join('\n')).toMatch(/lower/i);
  });

  it.each<[EntryPoint, RunOverrides, Partial<RunContext>, boolean]>([
    ['action', {}, {}, true],
    // repro.yml's `push.when: always` is CI's policy: a local run pushes only as its flags say.
    ['cli', {}, { eventName: 'local' }, false],
    ['cli', { push: 'auto' }, { eventName: 'local', localPush: 'ci' }, true],
    ['cli', { push: 'auto' }, { eventName: 'local', localPush: 'ci', ref: 'refs/heads/feature/x' }, false],
    ['cli', { push: 'auto' }, { eventName: 'local', localPush: 'any-branch', ref: 'refs/heads/feature/x' }, true],
    ['cli', { push: 'never' }, { eventName: 'local' }, false],
    ['action', { push: 'never' }, {}, false],
    ['verify', {}, { eventName: 'verify' }, false],
  ])('%s %j on %j: pushes %j (through decidePublish)', (entry, over, c, pushes) => {
    const p = plan(entry, over, ctx(c));
    expect(decidePublish(p.push, ctx(c), true, p.repositories[0], p.meta.tags).push).toBe(pushes);
  });

  it("parses every step's gpus once, naming the override by the entry point's word for it", () => {
    expect(plan('action').gpus).toEqual({
      train: { value: 'none', optional: false },
      eval: { value: 'optional', flag: 'all', optional: true },
    });
    expect(plan('action', { gpus: 'all' }).gpus.train).toEqual({
      value: 'all',
      flag: 'all',
      optional: false,
      override: { from: 'the gpus input', configured: 'none' },
    });
    expect(plan('cli', { gpus: 'device=0,2' }).gpus.eval).toEqual({
      value: 'device=0,2',
      flag: 'device=0,2',
      optional: false,
      override: { from: '--gpus', configured: 'optional' },
    });
    expect(plan('verify', { gpus: 'none', gpusFrom: 'the gpus input' }).gpus.eval.override).toEqual({
      from: 'the gpus input',
      configured: 'optional',
    });
  });

  it('lints as repro.yml says unless told, and never in verify', () => {
    expect([plan('action').lint, plan('action', { lint: 'warn' }).lint, plan('cli').lint, plan('verify').lint]).toEqual(
      ['error', 'warn', 'error', 'off'],
    );
  });

  it('logs in only for the action, and never for untrusted code', () => {
    const ghcr = { image: 'ghcr.io/owner/repo', githubToken: 'tok' };
    expect(plan('action', ghcr).logins).toEqual([
      { registry: 'ghcr.io', username: 'octocat', password: 'tok', source: 'github-token' },
    ]);
    expect(plan('action', ghcr, ctx({ untrusted: 'a fork' })).logins).toEqual([]);
    expect(plan('cli', ghcr).logins).toEqual([]);
  });

  it('takes the tags, labels and flavor inputs in the action only (the CLI has no such flags)', () => {
    expect(plan('action', { tags: 'type=raw,value=stable' }).meta.tags).toEqual(['stable']);
    expect(plan('cli', { tags: 'type=raw,value=stable' }).meta.tags).not.toContain('stable');
    expect(plan('action').meta.labels['org.opencontainers.image.revision']).toBe('a'.repeat(40));
  });

  it('builds with the builder asked for, auto by default', () => {
    expect([plan('cli').builder, plan('cli', { builder: 'classic' }).builder]).toEqual(['auto', 'classic']);
  });
});
