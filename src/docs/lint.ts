/** docs/lint.md, generated from the lint's rule table (src/lint/rules.ts). Pure. */
import { RULE_EXAMPLES, type LintExample } from '../lint/examples.js';
import { RULES } from '../lint/rules.js';

const block = (label: string, e: LintExample) => [`${label}${e.note ? ` (${e.note})` : ''}:`, '', '```dockerfile', e.dockerfile.trimEnd(), '```', ''];

export function renderLintReference(): string {
  const out = [
    '# Dockerfile lint rules',
    '',
    '<!-- Generated from src/lint/rules.ts by `npm run docs`. Do not edit by hand. -->',
    '',
    'The lint runs before the build in the action (`lint:` in repro.yml or the `lint` input: `warn`, the default,',
    'annotates each finding on its line; `error` fails the run before the build; `off` skips it) and as',
    '`repro-ci lint` (add `--error` to exit 1 on findings). It reads the Dockerfiles of repro.yml, the requirement',
    'and environment files they copy in, the `.dockerignore` (`<Dockerfile>.dockerignore` first, as BuildKit does)',
    'and the build context, and asks the engine for the digests of the base images. Findings also go to a',
    'SARIF 2.1.0 file (`lint.sarif` in the results folder; the action\'s `sarif` output) for',
    '`github/codeql-action/upload-sarif`.',
    '',
    'Notes never fail a run; with `lint: error`, warnings do; errors (what BuildKit itself refuses) always do.',
    'Each rule below shows a Dockerfile it reports and one it passes; the unit tests lint both.',
    '',
    '**Silencing a finding.** A comment line directly above the instruction: `# repro-ci: ignore=RC102` (several:',
    '`ignore=RC101,RC102`). Anywhere in the Dockerfile, `# repro-ci: ignore-file=RC501` silences a rule for the',
    'whole file, as does `lint: { ignore: [RC501] }` in repro.yml for every Dockerfile. A requirement line can',
    'carry its own: `torch>=2 # repro-ci: ignore=RC201`.',
    '',
    '| rule | name | level | finds |',
    '| --- | --- | --- | --- |',
    ...RULES.map((r) => `| [${r.id}](#${r.id.toLowerCase()}) | ${r.name} | ${r.severity} | ${r.title.replace(/\|/g, '\\|')} |`),
    '',
  ];
  for (const r of RULES) {
    out.push(`## ${r.id}`, '', `**${r.name}** (${r.severity}): ${r.title}`, '', `- Why: ${r.why}`, `- Fix: ${r.fix}`, `- Silence: \`# repro-ci: ignore=${r.id}\``, '');
    const example = RULE_EXAMPLES.find((e) => e.rule === r.id);
    if (example) out.push(...block('Reported', example.finds), ...block('Not reported', example.passes));
  }
  return out.join('\n');
}
