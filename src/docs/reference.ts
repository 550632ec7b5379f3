/**
 * Renders the config reference (docs/config.md) from the schema, so the docs are generated from the
 * one source of truth the validator uses. A unit test fails when the committed file is stale.
 */
import { configSchema, type Field, type Schema } from '../config/schema.js';
import { renderActionReference } from './action.js';
import { renderLintReference } from './lint.js';
import { renderTagsReference, runsInParity } from './tags.js';
import { GLOBAL_EXPRESSIONS, TAG_ATTRIBUTES, TAG_TYPES } from '../publish/tags.js';

function typeName(s: Schema): string {
  switch (s.kind) {
    case 'string':
      return s.enum ? s.enum.map((e) => `\`${e}\``).join(' \\| ') : 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'duration':
      return 'duration';
    case 'scalar':
      return 'string / number / boolean';
    case 'command':
      return 'list of strings, or string';
    case 'list':
      return `list of ${s.items.kind === 'object' ? 'objects' : typeName(s.items)}`;
    case 'map':
      return s.values.kind === 'object' ? 'map of name → object' : `map of name → ${typeName(s.values)}`;
    case 'object':
      return s.shorthand ? `object, or ${typeName(s.shorthand.schema)}` : 'object';
  }
}

function rows(fields: Readonly<Record<string, Field>>, prefix: string, out: string[]): void {
  for (const [name, f] of Object.entries(fields)) {
    const key = `${prefix}${name}`;
    const req = f.required ? 'yes' : '';
    const def = f.default ? `\`${f.default}\``.replace('`the folder of repro.yml`', 'the folder of repro.yml') : '';
    out.push(`| \`${key}\` | ${typeName(f.schema)} | ${req} | ${def} | ${f.doc.replace(/\|/g, '\\|')} |`);
    const inner = f.schema.kind === 'list' ? f.schema.items : f.schema.kind === 'map' ? f.schema.values : f.schema;
    const innerPrefix = f.schema.kind === 'list' ? `${key}[].` : f.schema.kind === 'map' ? `${key}.<name>.` : `${key}.`;
    if (inner.kind === 'object') rows(inner.fields, innerPrefix, out);
  }
}

export function renderConfigReference(): string {
  if (configSchema.kind !== 'object') throw new Error('the config schema must be an object');
  const out = [
    '# repro.yml reference',
    '',
    '<!-- Generated from src/config/schema.ts by `npm run docs`. Do not edit by hand. -->',
    '',
    'Paths are relative to the folder of repro.yml. Durations are seconds (`90`) or `90s`, `30m`, `1h30m`.',
    '',
    '| key | type | required | default | meaning |',
    '| --- | --- | --- | --- | --- |',
  ];
  rows(configSchema.fields, '', out);
  out.push('');
  return out.join('\n');
}

/** Every generated page, by repository path; `read` gives the text of a repository file (action.yml). */
export function renderDocs(read: (rel: string) => string): Record<string, string> {
  return {
    'docs/config.md': renderConfigReference(),
    'docs/action.md': renderActionReference(read('action.yml')),
    'docs/lint.md': renderLintReference(JSON.parse(read('tests/fixtures/dockerfile-corpus/corpus.json'))),
    'docs/tags.md': renderTagsReference(TAG_TYPES, TAG_ATTRIBUTES, GLOBAL_EXPRESSIONS, parityCount(JSON.parse(read('tests/fixtures/metadata-action/cases.json')))),
  };
}

/** The rows tests/unit/metadata-action-parity.test.ts runs. */
function parityCount(cases: { source: { commit: string }; cases: { block: string }[]; tagParse: unknown[]; flavorParse: unknown[] }) {
  const rows = cases.cases.filter((c) => runsInParity(c.block)).length + cases.tagParse.length + cases.flavorParse.length;
  return { commit: cases.source.commit, rows };
}
