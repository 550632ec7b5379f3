import { describe, expect, it } from 'vitest';
import { contextFromEnv } from '../../src/action/github-context.js';
import { enabledRepositories, parseImageLines } from '../../src/publish/images.js';
import { formatPep440, isPep440Special, parsePep440 } from '../../src/publish/pep440.js';
import type { PushWhen } from '../../src/config/schema.js';
import { branchOf, tagOf, type RunContext } from '../../src/context.js';
import {
  computeTags,
  DEFAULT_FLAVOR,
  isPrerelease,
  parseFlavorLines,
  parseSemver,
  parseTagLines,
  parseTagSpec,
  planTags,
  sanitizeTag,
  SHORT_SHA_LENGTH,
  type Flavor,
} from '../../src/publish/tags.js';
import { decidePush } from '../../src/publish/policy.js';
import { registryOf, repositoryFor, withRegistry } from '../../src/publish/naming.js';

const SHA = '860c1904a1ce19322e91ac35af1ab07466440c37';
const NOW = new Date('2020-01-10T00:30:00.000Z');
const ctx = (over: Partial<RunContext>): RunContext => ({
  eventName: 'push',
  sha: SHA,
  ref: 'refs/heads/main',
  defaultBranch: 'main',
  isFork: false,
  runId: 'r1',
  ...over,
});

/** The events of the table. */
const EVENTS: Record<string, Partial<RunContext>> = {
  'push to main': {},
  'push to feature/x': { ref: 'refs/heads/feature/x' },
  'tag v1.2.3': { ref: 'refs/tags/v1.2.3' },
  'tag v2.0.0-rc.1': { ref: 'refs/tags/v2.0.0-rc.1' },
  'release v1.2.3': { eventName: 'release', ref: 'refs/tags/v1.2.3', action: 'published', prerelease: false },
  'release v3.0.0 marked pre-release': {
    eventName: 'release',
    ref: 'refs/tags/v3.0.0',
    action: 'published',
    prerelease: true,
  },
  'pull request 7': { eventName: 'pull_request', ref: 'refs/pull/7/merge', prNumber: 7, baseRef: 'main' },
  'pull request 8 from a fork': {
    eventName: 'pull_request',
    ref: 'refs/pull/8/merge',
    prNumber: 8,
    isFork: true,
    baseRef: 'main',
  },
  schedule: { eventName: 'schedule' },
  'workflow_dispatch on main': { eventName: 'workflow_dispatch' },
  'workflow_dispatch on feature/x': { eventName: 'workflow_dispatch', ref: 'refs/heads/feature/x' },
};

const tagsFor = (event: string, lines?: string[], flavor?: Flavor) =>
  computeTags(ctx(EVENTS[event]), lines ? lines.map(parseTagSpec) : undefined, flavor, NOW);

describe('default rules (schedule, semver {{version}} and {{major}}.{{minor}}, ref branch/tag/pr, sha)', () => {
  it.each<[string, string[]]>([
    ['push to main', ['main', 'sha-860c190']],
    ['push to feature/x', ['feature-x', 'sha-860c190']],
    ['tag v1.2.3', ['1.2.3', '1.2', 'v1.2.3', 'sha-860c190', 'latest']],
    // A pre-release: only its full version, and `latest` stays where it is.
    ['tag v2.0.0-rc.1', ['2.0.0-rc.1', 'v2.0.0-rc.1', 'sha-860c190']],
    ['release v1.2.3', ['1.2.3', '1.2', 'v1.2.3', 'sha-860c190', 'latest']],
    ['release v3.0.0 marked pre-release', ['3.0.0', '3.0', 'v3.0.0', 'sha-860c190']],
    // The head sha the author pushed (the context carries it), not the merge commit.
    ['pull request 7', ['pr-7', 'sha-860c190']],
    ['pull request 8 from a fork', ['pr-8', 'sha-860c190']],
    ['schedule', ['nightly', 'main', 'sha-860c190']],
    ['workflow_dispatch on main', ['main', 'sha-860c190']],
    ['workflow_dispatch on feature/x', ['feature-x', 'sha-860c190']],
  ])('%s → %j', (event, tags) => {
    expect(tagsFor(event)).toEqual(tags);
  });
});

// The tables of docker/metadata-action's README (v5), event for event, with its `images: name/app`
// prefix left out. Refs renamed to ours: master → main, v2.0.8-beta.67 → v2.0.0-rc.1.
describe("metadata-action's documented outputs", () => {
  const BASIC = ['type=schedule', 'type=ref,event=branch', 'type=ref,event=tag', 'type=ref,event=pr'];
  const SEMVER = [
    'type=ref,event=branch',
    'type=ref,event=pr',
    'type=semver,pattern={{version}}',
    'type=semver,pattern={{major}}.{{minor}}',
  ];
  it.each<[string, string[], string, string[]]>([
    ['Basic', BASIC, 'pull request 7', ['pr-7']],
    ['Basic', BASIC, 'push to main', ['main']],
    ['Basic', BASIC, 'push to feature/x', ['feature-x']],
    ['Basic', BASIC, 'tag v1.2.3', ['v1.2.3', 'latest']],
    // DIFFERS on purpose: metadata-action gives `v2.0.8-beta.67, latest`; a pre-release never moves latest here.
    ['Basic', BASIC, 'tag v2.0.0-rc.1', ['v2.0.0-rc.1']],
    ['Basic', BASIC, 'workflow_dispatch on main', ['main']],
    ['Basic', BASIC, 'schedule', ['nightly', 'main']],
    ['Semver', SEMVER, 'pull request 7', ['pr-7']],
    ['Semver', SEMVER, 'push to main', ['main']],
    ['Semver', SEMVER, 'push to feature/x', ['feature-x']],
    ['Semver', SEMVER, 'tag v1.2.3', ['1.2.3', '1.2', 'latest']],
    ['Semver', SEMVER, 'tag v2.0.0-rc.1', ['2.0.0-rc.1']],
    ['Semver', SEMVER, 'release v1.2.3', ['1.2.3', '1.2', 'latest']],
    ['Semver', SEMVER, 'schedule', ['main']],
    // Bake example: semver + sha on refs/tags/v1.2.3 → 1.2.3, 1.2, sha-90dd603, latest.
    ['Bake', [...SEMVER, 'type=sha'], 'tag v1.2.3', ['1.2.3', '1.2', 'sha-860c190', 'latest']],
  ])('%s example, %s', (_example, lines, event, tags) => {
    expect(tagsFor(event, lines)).toEqual(tags);
  });

  it.each<[string, string, string]>([
    // type=semver pattern table
    ['v1.2.3', '{{raw}}', 'v1.2.3'],
    ['v1.2.3', '{{version}}', '1.2.3'],
    ['v1.2.3', '{{major}}.{{minor}}', '1.2'],
    ['v1.2.3', 'v{{major}}', 'v1'],
    ['v1.2.3', '{{minor}}', '2'],
    ['v1.2.3', '{{patch}}', '3'],
    ['v2.0.8-beta.67', '{{raw}}', 'v2.0.8-beta.67'],
    ['v2.0.8-beta.67', '{{version}}', '2.0.8-beta.67'],
    ['v2.0.8-beta.67', '{{major}}.{{minor}}', '2.0.8-beta.67'],
    ['1.2.3+build.5', '{{version}}', '1.2.3'],
  ])('semver %s with %s → %s', (tag, pattern, out) => {
    expect(
      computeTags(
        ctx({ ref: `refs/tags/${tag}` }),
        [parseTagSpec(`type=semver,pattern=${pattern}`)],
        { ...DEFAULT_FLAVOR, latest: 'false' },
        NOW,
      ),
    ).toEqual([out]);
  });

  it.each<[string, string, string, string]>([
    // type=match table
    ['v1.2.3', '\\d.\\d.\\d', '0', '1.2.3'],
    ['v2.0.8-beta.67', 'v(.*)', '1', '2.0.8-beta.67'],
    ['v2.0.8-beta.67', 'v(\\d.\\d)', '1', '2.0'],
    ['20200110-RC2', '\\d+', '0', '20200110'],
    ['p1/v1.2.3', 'p1/v(\\d.\\d.\\d)', '1', '1.2.3'],
  ])('match %s with %s group %s → %s', (tag, pattern, group, out) => {
    expect(
      computeTags(
        ctx({ ref: `refs/tags/${tag}` }),
        [parseTagSpec(`type=match,pattern=${pattern},group=${group}`)],
        { ...DEFAULT_FLAVOR, latest: 'false' },
        NOW,
      ),
    ).toEqual([out]);
  });

  it.each<[string, string]>([
    // type=schedule table, at 2020-01-10T00:30:00Z
    ['nightly', 'nightly'],
    ["{{date 'YYYYMMDD'}}", '20200110'],
    ["{{date 'YYYYMMDD-HHmmss' tz='Asia/Tokyo'}}", '20200110-093000'],
    ["{{date 'YY.M.D-hh:mm A'}}", '20.1.10-12-30-AM'],
    ["nightly-{{date '[week]YYYY'}}", 'nightly-week2020'],
  ])('schedule pattern %s → %s', (pattern, out) => {
    expect(tagsFor('schedule', [`type=schedule,pattern=${pattern}`])).toEqual([out]);
  });
});

describe('rules and flavor', () => {
  it.each<[string, string, string[], Partial<Flavor>, string[]]>([
    ['sha long', 'push to main', ['type=sha,format=long'], {}, [`sha-${SHA}`]],
    ['sha own prefix', 'push to main', ['type=sha,prefix=commit-'], {}, ['commit-860c190']],
    ['sha empty prefix', 'push to main', ['type=sha,prefix='], {}, ['860c190']],
    ['sha with the branch as prefix', 'push to feature/x', ['type=sha,prefix={{branch}}-'], {}, ['feature-x-860c190']],
    ['raw', 'push to main', ['type=raw,value=stable', 'paper'], {}, ['stable', 'paper']],
    ['raw from expressions', 'tag v1.2.3', ['type=raw,value=mytag-{{tag}}-{{sha}}'], {}, ['mytag-v1.2.3-860c190']],
    [
      'latest on the default branch',
      'push to main',
      ['type=ref,event=branch', 'type=raw,value=latest,enable={{is_default_branch}}'],
      {},
      ['main', 'latest'],
    ],
    [
      'not on another branch',
      'push to feature/x',
      ['type=ref,event=branch', 'type=raw,value=latest,enable={{is_default_branch}}'],
      {},
      ['feature-x'],
    ],
    ['disabled rule', 'push to main', ['type=ref,event=branch,enable=false', 'type=sha'], {}, ['sha-860c190']],
    ['edge on the default branch', 'push to main', ['type=edge'], {}, ['edge']],
    ['edge, other branch named', 'push to main', ['type=edge,branch=develop'], {}, []],
    [
      'priority reorders',
      'push to main',
      ['type=ref,event=branch', 'type=sha,priority=700'],
      {},
      ['sha-860c190', 'main'],
    ],
    [
      'flavor prefix and suffix',
      'tag v1.2.3',
      ['type=semver,pattern={{version}}'],
      { prefix: 'py-', suffix: '-gpu' },
      ['py-1.2.3-gpu', 'latest'],
    ],
    [
      'flavor on latest too',
      'tag v1.2.3',
      ['type=semver,pattern={{version}}'],
      { suffix: '-gpu', suffixOnLatest: true },
      ['1.2.3-gpu', 'latest-gpu'],
    ],
    [
      "a rule's own prefix beats the flavor's",
      'tag v1.2.3',
      ['type=semver,pattern={{version}},prefix=v'],
      { prefix: 'py-' },
      ['v1.2.3', 'latest'],
    ],
    ['latest=false', 'tag v1.2.3', ['type=semver,pattern={{version}}'], { latest: 'false' }, ['1.2.3']],
    ['latest=true on a branch', 'push to main', ['type=ref,event=branch'], { latest: 'true' }, ['main', 'latest']],
    [
      'latest=true even on a pre-release',
      'tag v2.0.0-rc.1',
      ['type=semver,pattern={{version}}'],
      { latest: 'true' },
      ['2.0.0-rc.1', 'latest'],
    ],
    [
      'the first rule that gives a tag decides latest (sha: no)',
      'tag v1.2.3',
      ['type=sha,priority=1000', 'type=semver,pattern={{version}}'],
      {},
      ['sha-860c190', '1.2.3'],
    ],
    [
      'a non-semver tag gives no semver tag',
      'push to main',
      ['type=semver,pattern={{version}}', 'type=sha'],
      {},
      ['sha-860c190'],
    ],
    [
      'de-duplicated',
      'tag v2.0.0-rc.1',
      ['type=semver,pattern={{version}}', 'type=semver,pattern={{major}}', 'type=raw,value=2.0.0-rc.1'],
      {},
      ['2.0.0-rc.1'],
    ],
    [
      'sanitised, the case kept (docker tags may hold capitals)',
      'push to main',
      ['type=raw,value=Paper/ICML 2024!'],
      {},
      ['Paper-ICML-2024-'],
    ],
    [
      "metadata-action's tags output, passed in",
      'push to main',
      ['ghcr.io/o/p:1.2.3', 'ghcr.io/o/p:latest', '127.0.0.1:5000/o/p:sha-860c190'],
      {},
      ['1.2.3', 'latest', 'sha-860c190'],
    ],
    [
      'pull request from the payload number (pull_request_target)',
      'pull request 7',
      ['type=ref,event=pr'],
      {},
      ['pr-7'],
    ],
    ['base ref', 'pull request 7', ['type=raw,value=into-{{base_ref}}'], {}, ['into-main']],
  ])('%s', (_name, event, lines, flavor, tags) => {
    expect(tagsFor(event, lines, { ...DEFAULT_FLAVOR, ...flavor })).toEqual(tags);
  });

  it('gives the first tag as the version, and says why a rule gave nothing', () => {
    expect(
      planTags(
        ctx({ ref: 'refs/tags/paper-2024' }),
        parseTagLines('type=semver,pattern={{version}}\ntype=ref,event=tag'),
        DEFAULT_FLAVOR,
        NOW,
      ),
    ).toEqual({
      tags: ['paper-2024', 'latest'],
      version: 'paper-2024',
      warnings: [
        'type=semver,pattern={{version}}: "paper-2024" is not a semantic version (such as v1.2.3), so this rule gives no tag.',
      ],
    });
  });

  it('reads newline lists with comments and blank lines', () => {
    expect(parseTagLines('# ours\ntype=sha\n\n  stable  \n').map((s) => [s.type, s.attrs])).toEqual([
      ['sha', { prefix: 'sha-', format: 'short' }],
      ['raw', { value: 'stable' }],
    ]);
  });

  it('keeps CSV quoting for patterns with commas', () => {
    expect(parseTagSpec('type=match,"pattern=^v(\\d+),(\\d+)$",group=2').attrs.pattern).toBe('^v(\\d+),(\\d+)$');
  });
});

describe('bad rules are explained', () => {
  it.each<[string, string, string]>([
    [
      'type=semvr,pattern={{version}}',
      '"type=semvr,pattern={{version}}": unknown type "semvr".',
      'did you mean "semver"?.',
    ],
    ['type=semver', '"type=semver": type=semver needs pattern=.', 'add it, e.g. `type=semver,pattern={{version}}`.'],
    [
      'type=semver,pattern={{verison}}',
      '"type=semver,pattern={{verison}}": {{verison}} is not available in pattern=.',
      'use {{raw}}, {{version}}, {{major}}, {{minor}}, {{patch}}.',
    ],
    [
      'type=ref,event=branches',
      '"type=ref,event=branches": event=branches is not one of branch, tag, pr.',
      'write `event=branch`, `event=tag` or `event=pr`.',
    ],
    ['type=ref', '"type=ref": type=ref needs event=.', 'add it, e.g. `type=ref,event=branch`.'],
    [
      'type=sha,format=medium',
      '"type=sha,format=medium": format=medium is not short or long.',
      'write `format=short` (7 characters) or `format=long`.',
    ],
    [
      'type=sha,lenght=12',
      '"type=sha,lenght=12": type=sha has no attribute "lenght".',
      'use enable, priority, prefix, suffix, format (expected one of: enable, priority, prefix, suffix, format).',
    ],
    [
      'type=raw,value=x,priority=high',
      '"type=raw,value=x,priority=high": priority=high is not a whole number.',
      'write e.g. `priority=950` (higher comes first).',
    ],
    [
      'type=raw,value=x,enable=yes',
      '"type=raw,value=x,enable=yes": enable=yes is not true or false.',
      'write `enable=true`, `enable=false` or an expression such as `enable={{is_default_branch}}`.',
    ],
    [
      'type=match,pattern=v(',
      '"type=match,pattern=v(": pattern is not a valid regular expression: Invalid regular expression: /v(/: Unterminated group.',
      'fix it, e.g. `pattern=v(\\d+\\.\\d+)`.',
    ],
    [
      'type=raw,value={{branch',
      '"type=raw,value={{branch": value= has a malformed {{expression}} near "{{branch".',
      "write expressions as {{name}} or {{date 'YYYYMMDD'}}.",
    ],
    [
      'bad tag!',
      'tag "bad tag!" is not a valid docker tag.',
      'use letters, digits, `_`, `.` and `-` (128 at most, not starting with `.` or `-`), or a rule such as `type=sha`.',
    ],
    [
      '127.0.0.1:5000/o/p',
      'tag "127.0.0.1:5000/o/p" is not a valid docker tag.',
      'use letters, digits, `_`, `.` and `-` (128 at most, not starting with `.` or `-`), or a rule such as `type=sha`.',
    ],
  ])('%s', (line, message, fix) => {
    let err: { message: string; fix?: string } | undefined;
    try {
      parseTagSpec(line);
    } catch (e) {
      err = e as { message: string; fix?: string };
    }
    expect(err?.message).toBe(message);
    expect(err?.fix).toBe(fix);
  });

  it('an unknown time zone', () => {
    expect(() => tagsFor('schedule', ["type=schedule,pattern={{date 'YYYY' tz='Mars/Olympus'}}"])).toThrow(
      'unknown time zone "Mars/Olympus".',
    );
  });
});

describe('parseFlavorLines', () => {
  it.each<[string, Flavor]>([
    ['', DEFAULT_FLAVOR],
    ['latest=false', { ...DEFAULT_FLAVOR, latest: 'false' }],
    [
      'latest=true\nprefix=py311-\nsuffix=-cuda,onlatest=true',
      { latest: 'true', prefix: 'py311-', suffix: '-cuda', prefixOnLatest: false, suffixOnLatest: true },
    ],
  ])('%j', (text, flavor) => {
    expect(parseFlavorLines(text)).toEqual(flavor);
  });

  it.each<[string, string]>([
    ['latest=maybe', 'flavor "latest=maybe": latest=maybe is not auto, true or false.'],
    ['latets=true', 'flavor "latets=true": unknown setting "latets".'],
    ['prefix=a,onlatest=yes', 'flavor "prefix=a,onlatest=yes": onlatest=yes is not true or false.'],
  ])('%j is refused', (text, message) => {
    expect(() => parseFlavorLines(text)).toThrow(message);
  });
});

describe('small helpers', () => {
  it.each<[string, string | undefined, string | undefined]>([
    ['refs/heads/main', 'main', undefined],
    ['refs/heads/feature/x', 'feature/x', undefined],
    ['refs/tags/v1.2.3', undefined, 'v1.2.3'],
    ['refs/pull/7/merge', undefined, undefined],
    ['', undefined, undefined],
  ])('branchOf/tagOf %j', (ref, branch, tag) => {
    expect(branchOf(ref)).toBe(branch);
    expect(tagOf(ref)).toBe(tag);
  });

  it.each<[string, string]>([
    ['main', 'main'],
    ['feature/x', 'feature-x'],
    ['Feature/Big Thing', 'Feature-Big-Thing'],
    ['v1.2.3', 'v1.2.3'],
    ['.hidden', 'hidden'],
    ['-dash', 'dash'],
    ['__under', '__under'],
    ['a//b', 'a-b'],
    ['ümlaut', 'mlaut'],
    ['x'.repeat(200), 'x'.repeat(128)],
  ])('sanitizeTag %j → %j', (input, tag) => {
    expect(sanitizeTag(input)).toBe(tag);
  });

  it.each<[string, ReturnType<typeof parseSemver>]>([
    ['v1.2.3', { major: '1', minor: '2', patch: '3', prerelease: undefined }],
    ['2.0.0-rc.1', { major: '2', minor: '0', patch: '0', prerelease: 'rc.1' }],
    ['1.2', undefined],
    ['01.2.3', undefined],
    ['paper-2024', undefined],
  ])('parseSemver %j', (text, v) => {
    expect(parseSemver(text)).toEqual(v);
  });

  it('pre-releases: semver pre-release tags and releases marked so', () => {
    expect([
      isPrerelease(ctx({ ref: 'refs/tags/v2.0.0-rc.1' })),
      isPrerelease(ctx({ ref: 'refs/tags/v2.0.0' })),
      isPrerelease(ctx({ ref: 'refs/tags/v2.0.0', prerelease: true })),
    ]).toEqual([true, false, true]);
  });

  it('uses 7 characters of the sha', () => {
    expect(SHORT_SHA_LENGTH).toBe(7);
  });
});

describe('decidePush', () => {
  type Row = [
    name: string,
    event: Partial<RunContext>,
    when: PushWhen,
    checksPassed: boolean,
    image: string | undefined,
    push: boolean,
    reason: string,
  ];
  const IMG = 'ghcr.io/o/p';
  const rows: Row[] = [
    // push: auto
    [
      'push to main',
      EVENTS['push to main'],
      'auto',
      true,
      IMG,
      true,
      'push to the default branch main, with push: auto',
    ],
    [
      'push to feature/x',
      EVENTS['push to feature/x'],
      'auto',
      true,
      IMG,
      false,
      'branch feature/x is not the default branch main, and push: auto pushes only the default branch, tags and releases',
    ],
    ['tag v1.2.3', EVENTS['tag v1.2.3'], 'auto', true, IMG, true, 'push of tag v1.2.3, with push: auto'],
    ['tag v2.0.0-rc.1', EVENTS['tag v2.0.0-rc.1'], 'auto', true, IMG, true, 'push of tag v2.0.0-rc.1, with push: auto'],
    [
      'release published',
      EVENTS['release v1.2.3'],
      'auto',
      true,
      IMG,
      true,
      'release v1.2.3 published, with push: auto',
    ],
    [
      'release created (a draft)',
      { ...EVENTS['release v1.2.3'], action: 'created' },
      'auto',
      true,
      IMG,
      false,
      'release events push when published, and this one is "created"',
    ],
    [
      'release edited',
      { ...EVENTS['release v1.2.3'], action: 'edited' },
      'auto',
      true,
      IMG,
      false,
      'release events push when published, and this one is "edited"',
    ],
    ['pull request', EVENTS['pull request 7'], 'auto', true, IMG, false, 'pull requests do not push with push: auto'],
    [
      'pull_request_target',
      { ...EVENTS['pull request 7'], eventName: 'pull_request_target' },
      'auto',
      true,
      IMG,
      false,
      'pull requests do not push with push: auto',
    ],
    [
      'pull request from a fork',
      EVENTS['pull request 8 from a fork'],
      'auto',
      true,
      IMG,
      false,
      'this run comes from a fork, and images are never pushed from forks',
    ],
    ['schedule', EVENTS.schedule, 'auto', true, IMG, true, 'schedule to the default branch main, with push: auto'],
    [
      'workflow_dispatch on main',
      EVENTS['workflow_dispatch on main'],
      'auto',
      true,
      IMG,
      true,
      'workflow_dispatch to the default branch main, with push: auto',
    ],
    [
      'workflow_dispatch on feature/x',
      EVENTS['workflow_dispatch on feature/x'],
      'auto',
      true,
      IMG,
      false,
      'branch feature/x is not the default branch main, and push: auto pushes only the default branch, tags and releases',
    ],
    [
      'push without a default branch in the payload',
      { defaultBranch: undefined },
      'auto',
      true,
      IMG,
      true,
      'push to branch main with push: auto (the event gives no default branch to compare with)',
    ],
    [
      'push of another ref',
      { ref: 'refs/notes/x' },
      'auto',
      true,
      IMG,
      false,
      'refs/notes/x is neither a branch nor a tag, and push: auto pushes only those',
    ],
    [
      'local',
      { eventName: 'local' },
      'auto',
      true,
      IMG,
      false,
      'local runs push only with --push (what CI would push) or --push-any-branch',
    ],
    // repro.yml's `push.when: always` is CI's policy: a local run still pushes only when its command line says so.
    [
      'local, push.when always, no flag',
      { eventName: 'local' },
      'always',
      true,
      IMG,
      false,
      'local runs push only with --push (what CI would push) or --push-any-branch',
    ],
    // A local --push keeps the branch and tag rules (issue 21: it pushed any branch, saying "push is set to always").
    [
      'local --push on the default branch',
      { eventName: 'local', localPush: 'ci' },
      'auto',
      true,
      IMG,
      true,
      '--push on the default branch main: the tag rules apply as on a push to it',
    ],
    [
      'local --push on another branch',
      { eventName: 'local', localPush: 'ci', ref: 'refs/heads/feature/x' },
      'auto',
      true,
      IMG,
      false,
      '--push pushes the default branch main and tags, as CI does, and this is branch feature/x; pass --push-any-branch to push it anyway',
    ],
    [
      'local --push, no origin/HEAD',
      { eventName: 'local', localPush: 'ci', defaultBranch: undefined },
      'auto',
      true,
      IMG,
      false,
      '--push pushes the default branch and tags, as CI does, and this clone does not say which branch is the default (no origin/HEAD: `git remote set-head origin --auto` sets it); pass --push-any-branch to push it anyway',
    ],
    [
      'local --push at a tag',
      { eventName: 'local', localPush: 'ci', ref: 'refs/tags/v1.2.3' },
      'auto',
      true,
      IMG,
      true,
      '--push at tag v1.2.3: the tag rules apply as on a tag push',
    ],
    [
      'local --push on a detached HEAD',
      { eventName: 'local', localPush: 'ci', ref: '' },
      'auto',
      true,
      IMG,
      false,
      '--push pushes the default branch and tags, as CI does, and the checkout is on neither (a detached HEAD); pass --push-any-branch to push it anyway',
    ],
    [
      'local --push outside git',
      { eventName: 'local', localPush: 'ci', ref: '', sha: '' },
      'auto',
      true,
      IMG,
      true,
      '--push outside git: no branch or tag rules to follow, pushed as asked',
    ],
    [
      'merge_group',
      { eventName: 'merge_group' },
      'auto',
      true,
      IMG,
      false,
      'merge_group events do not push with push: auto',
    ],
    // push: always
    ['always: feature branch', EVENTS['push to feature/x'], 'always', true, IMG, true, 'push is set to always'],
    ['always: pull request', EVENTS['pull request 7'], 'always', true, IMG, true, 'push is set to always'],
    [
      'local --push-any-branch',
      { eventName: 'local', localPush: 'any-branch', ref: 'refs/heads/feature/x' },
      'auto',
      true,
      IMG,
      true,
      '--push-any-branch: pushing branch feature/x as asked (CI would push only the default branch and tags)',
    ],
    // push: never
    ['never: main', EVENTS['push to main'], 'never', true, IMG, false, 'push is set to never'],
    ['never: release', EVENTS['release v1.2.3'], 'never', true, IMG, false, 'push is set to never'],
    // forks never push, not even with always
    [
      'always: fork',
      EVENTS['pull request 8 from a fork'],
      'always',
      true,
      IMG,
      false,
      'this run comes from a fork, and images are never pushed from forks',
    ],
    // failed checks never push
    [
      'auto: failed check',
      EVENTS['push to main'],
      'auto',
      false,
      IMG,
      false,
      'a step or check failed, and only images that passed are pushed',
    ],
    [
      'always: failed check',
      EVENTS['release v1.2.3'],
      'always',
      false,
      IMG,
      false,
      'a step or check failed, and only images that passed are pushed',
    ],
    // no image to push to
    [
      'no image',
      EVENTS['push to main'],
      'auto',
      true,
      undefined,
      false,
      'no image to push to (set `push.image` in repro.yml or the `image` input)',
    ],
    [
      'empty image',
      EVENTS['push to main'],
      'always',
      true,
      '',
      false,
      'no image to push to (set `push.image` in repro.yml or the `image` input)',
    ],
    // precedence: never > no image > failed checks > fork
    ['never first', { isFork: true }, 'never', false, undefined, false, 'push is set to never'],
    [
      'then no image',
      { isFork: true },
      'always',
      false,
      undefined,
      false,
      'no image to push to (set `push.image` in repro.yml or the `image` input)',
    ],
    [
      'then failed check',
      EVENTS['pull request 8 from a fork'],
      'always',
      false,
      IMG,
      false,
      'a step or check failed, and only images that passed are pushed',
    ],
  ];
  it.each(rows)('%s, when=%s', (_name, event, when, passed, image, push, reason) => {
    expect(decidePush(when, ctx(event), passed, image)).toEqual({ push, reason });
  });
});

describe('registries', () => {
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
  ])('withRegistry %s with %j → %s', (image, registry, result) => {
    expect(withRegistry(image, registry)).toBe(result);
  });

  it.each<[string, string]>([
    ['ghcr.io/o/p', 'ghcr.io'],
    ['127.0.0.1:5000/p', '127.0.0.1:5000'],
    ['localhost/p', 'localhost'],
    ['o/p', 'docker.io'],
    ['p', 'docker.io'],
  ])('registryOf %s → %s', (image, registry) => {
    expect(registryOf(image)).toBe(registry);
  });

  it.each<[string, string, number, string]>([
    ['ghcr.io/o/p', 'train', 1, 'ghcr.io/o/p'],
    ['ghcr.io/o/p', 'train', 2, 'ghcr.io/o/p/train'],
    ['ghcr.io/o/p', 'evaluate', 3, 'ghcr.io/o/p/evaluate'],
  ])('repositoryFor %s, %s, %i images → %s', (repo, key, n, result) => {
    expect(repositoryFor(repo, key, n)).toBe(result);
  });
});

describe('PEP 440 versions (type=pep440)', () => {
  // Spellings from PEP 440's "Normalization" section, with the normalised form it gives.
  it.each([
    ['1.0', '1.0', false],
    ['v1.2.3', '1.2.3', false],
    ['1.1beta2', '1.1b2', true],
    ['1.0a1', '1.0a1', true],
    ['1.0-alpha.1', '1.0a1', true],
    ['1.0c1', '1.0rc1', true],
    ['1.0preview2', '1.0rc2', true],
    ['1.2.3RC2', '1.2.3rc2', true],
    ['1.0dev4', '1.0.dev4', true],
    ['1.0-dev', '1.0.dev0', true],
    ['1.2post1', '1.2.post1', true],
    ['1.0-1', '1.0.post1', true],
    ['1.0.rev3', '1.0.post3', true],
    ['1!2.0', '1!2.0', false],
    ['1.0+ubuntu-1', '1.0+ubuntu.1', false],
  ])('%s → %s (pre/post/dev: %s)', (text, normal, special) => {
    const v = parsePep440(text)!;
    expect(formatPep440(v)).toBe(normal);
    expect(isPep440Special(v)).toBe(special);
  });
  it.each(['sometag', '1.0.0-beta.x', '', 'v', '1..2'])('%j is not a version', (text) =>
    expect(parsePep440(text)).toBeUndefined(),
  );
});

describe('images (metadata-action `images` lines)', () => {
  it('one a line, with enable=; the old comma form; repositories lower-cased with a notice', () => {
    const notices: string[] = [];
    expect(
      parseImageLines(['ghcr.io/MyUser/MyApp', 'name=docker.io/u/app,enable=false', '# note', ''], notices),
    ).toEqual([
      { name: 'ghcr.io/myuser/myapp', enable: true },
      { name: 'docker.io/u/app', enable: false },
    ]);
    expect(notices).toEqual([
      'images: "ghcr.io/MyUser/MyApp" is pushed as "ghcr.io/myuser/myapp": docker repository names are lower case (tags keep their case).',
    ]);
    expect(enabledRepositories(parseImageLines(['a/app,b/app']))).toEqual(['a/app', 'b/app']);
  });
  it.each([
    ['name=a/app,enable=maybe', 'images: "name=a/app,enable=maybe": enable=maybe is not true or false.'],
    ['name=a/app,push=yes', 'images: "name=a/app,push=yes": unknown attribute "push".'],
    ['enable=true', 'images: "enable=true" names no repository.'],
  ])('%s is an error', (line, message) => expect(() => parseImageLines([line])).toThrow(message));
});

describe('event context for tags', () => {
  it('pull_request_target is tagged as the pull request, never as the base branch', () => {
    const ctx = contextFromEnv(
      { GITHUB_EVENT_NAME: 'pull_request_target', GITHUB_REF: 'refs/heads/main', GITHUB_SHA: 'b'.repeat(40) },
      {
        number: 9,
        repository: { default_branch: 'main' },
        pull_request: { number: 9, base: { ref: 'main' }, head: { sha: 'a'.repeat(40) } },
      },
      'x',
    );
    expect(ctx.ref).toBe('refs/pull/9/merge');
    expect(
      computeTags(
        ctx,
        parseTagLines('type=ref,event=branch\ntype=ref,event=pr\ntype=raw,value=default,enable={{is_default_branch}}'),
        DEFAULT_FLAVOR,
        NOW,
      ),
    ).toEqual(['pr-9']);
  });
  it('a tag push reads {{base_ref}} from the payload; {{is_not_default_branch}} is the negation', () => {
    const ctx = contextFromEnv(
      { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/tags/v1.0.0', GITHUB_SHA: SHA },
      { base_ref: 'refs/heads/main', repository: { default_branch: 'main' } },
      'x',
    );
    expect(
      computeTags(
        ctx,
        parseTagLines('type=raw,value=from-{{base_ref}}\ntype=raw,value=side,enable={{is_not_default_branch}}'),
        DEFAULT_FLAVOR,
        NOW,
      ),
    ).toEqual(['from-main', 'side']);
  });
  it('an unquoted {{commit_date FORMAT}} is read as no format (ISO 8601), with a warning', () => {
    const plan = planTags(
      ctx({ commitTime: '2020-01-10T00:30:00Z' }),
      parseTagLines('type=raw,value={{commit_date YYYY-MM-DD}}'),
      DEFAULT_FLAVOR,
      NOW,
    );
    expect(plan.tags).toEqual(['2020-01-10T00-30-00Z']);
    expect(plan.warnings[0]).toContain("write it in quotes, e.g. {{commit_date 'YYYY-MM-DD'}}");
  });
});
