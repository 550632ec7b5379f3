#!/usr/bin/env node
// Re-expresses docker/metadata-action's test tables as data: tests/fixtures/metadata-action/cases.json.
//
//   node scripts/peer-cases/metadata-action.mjs GIT_DIR [COMMIT] > tests/fixtures/metadata-action/cases.json
//
// GIT_DIR is a clone (or bare mirror) of github.com/docker/metadata-action. The peer's test files are
// evaluated with stand-ins for its test framework, so only the rows of its `test.each` tables come out:
// each case id, the event it runs on (the facts of its fixture env and payload that a run context
// reads), its inputs and its expected tags, labels and version. No peer code is kept.
import { execFileSync } from 'node:child_process';
import { transformSync } from 'esbuild';

const [gitDir, commit = 'HEAD'] = process.argv.slice(2);
if (!gitDir) {
  console.error('usage: metadata-action.mjs GIT_DIR [COMMIT]');
  process.exit(2);
}
const show = (path) => execFileSync('git', ['--git-dir', gitDir, 'show', `${commit}:${path}`], { encoding: 'utf8' });
const sha = execFileSync('git', ['--git-dir', gitDir, 'rev-parse', commit], { encoding: 'utf8' }).trim();

/** The rows of every `test.each` table in a test file, by describe block. */
async function tables(path) {
  const ts = show(path).replace(/^import[\s\S]*?;\s*$/gm, '');
  const { code } = transformSync(ts, { loader: 'ts', format: 'esm' });
  const out = [];
  let block = '';
  const stub = new Proxy(() => stub, { get: () => stub, apply: () => stub });
  const g = {
    describe: (name, fn) => {
      block = name;
      fn();
    },
    test: { each: (rows) => () => out.push(...rows.map((row) => ({ block, row }))) },
    beforeEach: () => {},
    expect: stub,
    vi: stub,
    Type: new Proxy({}, { get: (_t, k) => String(k).toLowerCase() }),
    RefEvent: new Proxy({}, { get: (_t, k) => (k === 'PR' ? 'pr' : String(k).toLowerCase()) }),
    ShaFormat: new Proxy({}, { get: (_t, k) => String(k).toLowerCase() }),
    DefaultPriorities: {
      schedule: '1000',
      semver: '900',
      pep440: '900',
      match: '800',
      edge: '700',
      ref: '600',
      raw: '200',
      sha: '100',
    },
    repoFixture: {},
    __dirname: '.',
    GitHub: stub,
    Toolkit: stub,
    global: { Date: { prototype: {} } },
  };
  const fn = new Function(...Object.keys(g), code);
  fn(...Object.values(g));
  return out;
}

/** Keeps the listed keys of an object (nested: `{ key: [subkeys] }`), for the payload facts a context reads. */
function pick(obj, keys) {
  if (obj === null || typeof obj !== 'object') return obj;
  const out = {};
  for (const k of keys) {
    const [name, sub] = typeof k === 'string' ? [k, undefined] : Object.entries(k)[0];
    if (obj[name] === undefined) continue;
    out[name] =
      sub && obj[name] !== null
        ? Array.isArray(obj[name])
          ? obj[name].map((x) => pick(x, sub))
          : pick(obj[name], sub)
        : obj[name];
  }
  return out;
}

const PAYLOAD = [
  { repository: ['full_name', 'default_branch', 'name', 'description', 'html_url', { license: ['spdx_id'] }] },
  'action',
  'number',
  'base_ref',
  { release: ['tag_name', 'prerelease'] },
  { head_commit: ['id', 'timestamp'] },
  { commits: ['id', 'timestamp'] },
  { pull_request: ['number', { base: ['ref', 'sha'] }, { head: ['sha', { repo: ['full_name', 'fork'] }] }] },
];
const ENV = [
  'GITHUB_EVENT_NAME',
  'GITHUB_REF',
  'GITHUB_SHA',
  'GITHUB_BASE_REF',
  'GITHUB_HEAD_REF',
  'GITHUB_REPOSITORY',
];

/** The facts of one fixture event that a run context reads: its variables and a part of its payload. */
function event(envFile) {
  const all = Object.fromEntries(
    show(`__tests__/fixtures/${envFile}`)
      .split('\n')
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  let payload = {};
  if (all.GITHUB_EVENT_PATH) {
    try {
      payload = pick(JSON.parse(show(`__tests__/fixtures/${all.GITHUB_EVENT_PATH.split('/').pop()}`)), PAYLOAD);
    } catch {
      payload = {};
    }
  }
  return { env: Object.fromEntries(ENV.filter((k) => all[k] !== undefined).map((k) => [k, all[k]])), payload };
}

const repo = JSON.parse(show('__tests__/fixtures/repo.json'));
const cases = [];
const events = {};
for (const { block, row } of await tables('__tests__/meta.test.ts')) {
  if (block === 'isRawStatement') continue;
  const [id, envFile, inputs, ...expected] = row;
  events[envFile] ??= event(envFile);
  const c = { id, block, event: envFile, inputs };
  if (block === 'json') c.json = expected[0];
  else if (block === 'bakeFile')
    Object.assign(c, { bake: { tags: expected[0], labels: expected[1], annotations: expected[2] } });
  else if (block === 'bakeFileTagsLabels') c.bakeDefinition = expected[0];
  else if (block === 'sepTags') c.joined = expected[0];
  else {
    const [version, tags, labels, annotations] = expected;
    Object.assign(c, { version, tags, labels });
    if (annotations !== undefined) c.annotations = annotations;
    if (block === 'pr-head-sha') c.env = { DOCKER_METADATA_PR_HEAD_SHA: 'true' };
  }
  cases.push(c);
}
const numbered = (rows) =>
  rows.map((r, i) => ({ ...r, n: rows.slice(0, i).filter((x) => x.block === r.block).length + 1 }));
const parse = numbered(await tables('__tests__/tag.test.ts')).map(({ block, row, n }) => ({
  id: `tag.${block}.${n}`,
  input: row[0],
  expected: row[1],
  invalid: row[2] === true,
}));
const flavor = numbered(await tables('__tests__/flavor.test.ts')).map(({ block, row, n }) => ({
  id: `flavor.${block}.${n}`,
  input: row[0],
  expected: row[1],
  invalid: row[2] === true,
}));

const out = {
  source: {
    repository: 'docker/metadata-action',
    commit: sha,
    files: ['__tests__/meta.test.ts', '__tests__/tag.test.ts', '__tests__/flavor.test.ts', '__tests__/fixtures/'],
  },
  clock: '2020-01-10T00:30:00.000Z',
  repo: {
    name: repo.name,
    description: repo.description,
    htmlUrl: repo.html_url,
    license: repo.license?.spdx_id,
    defaultBranch: repo.default_branch,
  },
  events,
  cases,
  tagParse: parse,
  flavorParse: flavor,
};
process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
