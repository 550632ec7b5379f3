/**
 * docker/metadata-action's own test tables, run against repro-ci's tag and label engine.
 *
 * tests/fixtures/metadata-action/cases.json holds the rows of its `__tests__/meta.test.ts`, `tag.test.ts`
 * and `flavor.test.ts` tables (ids as the peer names them; the commit is in the file), re-expressed as data
 * by scripts/peer-cases/metadata-action.mjs: each row's event (the variables and payload facts of its
 * fixture), inputs and expected tags, labels, annotations and version. Every row must give the peer's
 * result, except the rows of a deliberate difference (src/docs/tags.ts, printed in docs/tags.md), which
 * must still differ, so the list stays true.
 *
 * How a row is run, as the peer's test file sets it up: its clock and every moment it formats are pinned
 * to 2020-01-10T00:30:00Z (so the commit time is that too); the repository facts come from its API
 * fixture (repo.json); with no `tags` input it uses its own default rules.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contextFromEnv } from '../../src/action/github-context.js';
import type { RunContext } from '../../src/context.js';
import { PEER_DIFFERENCES, runsInParity } from '../../src/docs/tags.js';
import { ReproError } from '../../src/errors.js';
import { parseImageLines, enabledRepositories } from '../../src/publish/images.js';
import { planPublish } from '../../src/publish/publish.js';
import { parsePushSettings, resolvePublish } from '../../src/publish/settings.js';
import {
  DEFAULT_PRIORITY,
  parseFlavorLines,
  parseTagLines,
  parseTagSpec,
  type TagType,
} from '../../src/publish/tags.js';

interface Row {
  id: string;
  block: string;
  event: string;
  inputs: {
    images?: string[];
    tags?: string[];
    flavor?: string[];
    labels?: string[];
    annotations?: string[];
    sepTags?: string;
    sepLabels?: string;
  };
  version?: { main?: string };
  tags?: string[];
  labels?: string[];
  annotations?: string[];
  json?: { tags: string[]; labels: Record<string, string>; annotations: string[] };
  joined?: string;
}
interface Cases {
  source: { repository: string; commit: string };
  clock: string;
  repo: { name: string; description: string; htmlUrl: string; license: string; defaultBranch: string };
  events: Record<string, { env: Record<string, string>; payload: object }>;
  cases: Row[];
  tagParse: {
    id: string;
    input: string | string[];
    expected: { type?: string; attrs?: Record<string, string> } | { type?: string; attrs?: Record<string, string> }[];
    invalid: boolean;
  }[];
  flavorParse: {
    id: string;
    input: string[];
    expected: { latest?: string; prefix?: string; prefixLatest?: boolean; suffix?: string; suffixLatest?: boolean };
    invalid: boolean;
  }[];
}

const CASES = JSON.parse(
  readFileSync(new URL('../fixtures/metadata-action/cases.json', import.meta.url), 'utf8'),
) as Cases;
const CLOCK = new Date(CASES.clock);
/** metadata-action's rules when its `tags` input is empty (ours add semver and sha: docs/tags.md). */
const PEER_DEFAULT_TAGS = ['type=schedule', 'type=ref,event=branch', 'type=ref,event=tag', 'type=ref,event=pr'];
const DIFFERENT = new Map(PEER_DIFFERENCES.flatMap((d) => d.cases.map((id) => [id, d.key] as const)));

function contextOf(row: Row): RunContext {
  const { env, payload } = CASES.events[row.event];
  const ctx = contextFromEnv(env, payload, 'parity');
  return {
    ...ctx,
    commitTime: CASES.clock,
    repo: {
      name: CASES.repo.name,
      description: CASES.repo.description,
      htmlUrl: CASES.repo.htmlUrl,
      license: CASES.repo.license,
    },
    defaultBranch: ctx.defaultBranch ?? CASES.repo.defaultBranch,
  };
}

/** What repro-ci gives for a row: references per repository, labels and annotations as `key=value`, version. */
function ours(row: Row) {
  const { inputs } = row;
  const publish = resolvePublish(
    parsePushSettings(undefined, () => undefined),
    {
      tags: (inputs.tags?.length ? inputs.tags : PEER_DEFAULT_TAGS).join('\n'),
      flavor: (inputs.flavor ?? []).join('\n'),
      labels: (inputs.labels ?? []).join('\n'),
      annotations: (inputs.annotations ?? []).join('\n'),
    },
  );
  const plan = planPublish(contextOf(row), publish, CLOCK);
  const repositories = enabledRepositories(parseImageLines(inputs.images ?? []));
  const refs = repositories.length ? repositories.flatMap((r) => plan.tags.map((t) => `${r}:${t}`)) : plan.tags;
  return { tags: refs, version: plan.version, labels: toLines(plan.labels), annotations: toLines(plan.annotations) };
}

const toLines = (o: Record<string, string>) => Object.entries(o).map(([k, v]) => `${k}=${v}`);
const toMap = (lines: string[]) =>
  Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));

/**
 * The peer's labels as we write them: no empty values (we leave a label out rather than write `key=`),
 * and `created` compared as an instant (we write whole seconds, `2020-01-10T00:30:00Z`).
 */
function comparable(labels: string[]): string[] {
  return labels
    .filter((l) => !l.endsWith('='))
    .map((l) =>
      l.startsWith('org.opencontainers.image.created=')
        ? `org.opencontainers.image.created=${new Date(l.split('=')[1]).toISOString()}`
        : l,
    );
}

function result(row: Row) {
  const o = ours(row);
  if (row.json)
    return {
      tags: o.tags,
      labels: toMap(comparable(o.labels)),
      annotations: comparable(o.annotations).map((a) => `manifest:${a}`),
    };
  if (row.joined !== undefined) return o.tags.join(row.inputs.sepTags);
  return { version: o.version, tags: o.tags, labels: comparable(o.labels), annotations: comparable(o.annotations) };
}

function expected(row: Row) {
  if (row.json) {
    const annotations = comparable(row.json.annotations.map((a) => a.replace(/^manifest:/, ''))).map(
      (a) => `manifest:${a}`,
    );
    return { tags: row.json.tags, labels: toMap(comparable(toLines(row.json.labels))), annotations };
  }
  if (row.joined !== undefined) return row.joined;
  return {
    version: row.version?.main,
    tags: row.tags,
    labels: comparable(row.labels ?? []),
    annotations: comparable(row.annotations ?? row.labels ?? []),
  };
}

const rows = CASES.cases.filter((r) => runsInParity(r.block));

describe(`metadata-action's meta.test.ts tables (${CASES.source.repository} ${CASES.source.commit.slice(0, 7)})`, () => {
  it.each(rows.map((r) => [`${r.block}/${r.id}`, r] as const))('%s', (name, row) => {
    const why = DIFFERENT.get(name);
    if (why) expect(result(row), `listed as a deliberate difference (${why})`).not.toEqual(expected(row));
    else expect(result(row)).toEqual(expected(row));
  });
});

/** The peer's parsed form of a rule, as far as ours holds it: the type, the priority and the attributes given. */
describe("metadata-action's tag.test.ts tables", () => {
  it.each(CASES.tagParse.map((r) => [r.id, r] as const))('%s', (name, row) => {
    const why = DIFFERENT.get(name);
    const check = () => {
      if (row.invalid) {
        expect(() =>
          Array.isArray(row.input) ? parseTagLines(row.input.join('\n')) : parseTagSpec(row.input),
        ).toThrow(ReproError);
        return;
      }
      const got = Array.isArray(row.input)
        ? parseTagLines(row.input.join('\n')).sort((a, b) => b.priority - a.priority)
        : [parseTagSpec(row.input)];
      const want = Array.isArray(row.expected) ? row.expected : [row.expected];
      expect(got.map((t) => t.type)).toEqual(want.map((t) => t.type));
      got.forEach((tag, i) => {
        const attrs = want[i].attrs ?? {};
        expect(tag.priority).toBe(Number(attrs.priority ?? DEFAULT_PRIORITY[tag.type as TagType]));
        for (const [key, value] of Object.entries(attrs)) {
          if (
            key === 'priority' ||
            value === '' ||
            (key === 'enable' && value === 'true' && tag.attrs.enable === undefined)
          )
            continue;
          expect(tag.attrs[key], `${key}=`).toBe(value);
        }
      });
    };
    if (why) expect(check, `listed as a deliberate difference (${why})`).toThrow();
    else check();
  });
});

describe("metadata-action's flavor.test.ts table", () => {
  it.each(CASES.flavorParse.map((r) => [r.id, r] as const))('%s', (_name, row) => {
    if (row.invalid) return void expect(() => parseFlavorLines(row.input.join('\n'))).toThrow(ReproError);
    const f = parseFlavorLines(row.input.join('\n'));
    const e = row.expected;
    expect({
      latest: f.latest,
      prefix: f.prefix,
      prefixLatest: f.prefixOnLatest,
      suffix: f.suffix,
      suffixLatest: f.suffixOnLatest,
    }).toEqual({
      latest: e.latest,
      prefix: e.prefix,
      prefixLatest: e.prefixLatest,
      suffix: e.suffix,
      suffixLatest: e.suffixLatest,
    });
  });
});

it('every deliberate difference names rows that exist', () => {
  const ids = new Set([...rows.map((r) => `${r.block}/${r.id}`), ...CASES.tagParse.map((r) => r.id)]);
  for (const d of PEER_DIFFERENCES) for (const id of d.cases) expect(ids.has(id), `${d.key}: ${id}`).toBe(true);
});
