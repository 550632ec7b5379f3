import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { renderConfigReference, renderDocs } from '../../src/docs/reference.js';
import { REPO_ROOT } from '../support/runner.js';

test('docs/config.md is generated from the schema (run `npm run docs`)', () => {
  expect(readFileSync(path.join(REPO_ROOT, 'docs/config.md'), 'utf8')).toBe(renderConfigReference());
});

test('the reference lists nested fields with their defaults', () => {
  const md = renderConfigReference();
  expect(md).toContain('| `steps[].timeout` | duration |  | `6h` |');
  expect(md).toContain('| `images.<name>.dockerfile` | string |  | `Dockerfile` |');
  expect(md).toContain('| `push.when` | `auto` \\| `always` \\| `never` |  | `auto` |');
});

test.each(Object.keys(renderDocs((rel) => readFileSync(path.join(REPO_ROOT, rel), 'utf8'))))(
  '%s is current (run `npm run docs`)',
  (file) => {
    const docs = renderDocs((rel) => readFileSync(path.join(REPO_ROOT, rel), 'utf8'));
    expect(readFileSync(path.join(REPO_ROOT, file), 'utf8')).toBe(docs[file]);
  },
);
