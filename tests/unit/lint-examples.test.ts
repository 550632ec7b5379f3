/** docs/lint.md's examples, linted: each rule finds its example and passes its counter-example. */
import { describe, expect, test } from 'vitest';
import { lintDockerfile, type ContextEntry } from '../../src/lint/checks.js';
import { RULE_EXAMPLES, type LintExample } from '../../src/lint/examples.js';
import { RULES } from '../../src/lint/rules.js';

function rulesFound(e: LintExample): string[] {
  const context: ContextEntry[] | undefined =
    e.context &&
    Object.entries(e.context).map(([name, mib]) => ({
      name,
      dir: !name.includes('.'),
      bytes: Math.abs(mib) * 1024 ** 2,
      files: 1,
      ignored: mib < 0,
    }));
  const names = new Set(Object.keys(e.context ?? {}).filter((n) => (e.context?.[n] ?? 0) > 0));
  return lintDockerfile({
    dockerfile: { path: 'Dockerfile', text: e.dockerfile },
    readContext: (rel) => e.files?.[rel],
    contextPath: (rel) => rel,
    contextHas: e.context ? (rel) => names.has(rel.split('/')[0]) : undefined,
    dockerignore: e.dockerignore === null ? null : { path: '.dockerignore', text: e.dockerignore ?? '.git\n' },
    context,
    outputsSent: e.outputsSent,
  }).findings.map((f) => f.rule);
}

describe('docs/lint.md examples', () => {
  test('every rule has one', () => {
    expect(RULE_EXAMPLES.map((e) => e.rule)).toEqual(RULES.map((r) => r.id));
  });
  test.each(RULE_EXAMPLES.map((e) => [e.rule, e] as const))(
    '%s: found in its example, not in the counter-example',
    (rule, e) => {
      expect(rulesFound(e.finds)).toContain(rule);
      expect(rulesFound(e.passes)).not.toContain(rule);
    },
  );
});
