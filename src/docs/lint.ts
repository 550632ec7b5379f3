/** docs/lint.md, generated from the lint's rule table (src/lint/rules.ts). Pure. */
import { RULE_EXAMPLES, type LintExample } from '../lint/examples.js';
import { RULES } from '../lint/rules.js';

const block = (label: string, e: LintExample) => [`${label}${e.note ? ` (${e.note})` : ''}:`, '', '```dockerfile', e.dockerfile.trimEnd(), '```', ''];

/** What tests/fixtures/dockerfile-corpus/corpus.json holds that the page shows: the judged findings. */
interface CorpusFindings {
  fixtures: { dir: string; mirrors: { repo: string }; lint: { rule: string; true: boolean; why?: string }[] }[];
}

/** Precision per rule on the corpus, as judged there (tests/unit/dockerfile-corpus.test.ts keeps it current). */
function renderPrecision(corpus: CorpusFindings): string[] {
  const all = corpus.fixtures.flatMap((f) => f.lint.map((x) => ({ ...x, dir: f.dir, repo: f.mirrors.repo })));
  const pct = (t: number, n: number) => `${((100 * t) / n).toFixed(1)}%`;
  const rules = [...new Set(all.map((x) => x.rule))].sort();
  const real = all.filter((x) => x.true).length;
  return [
    '## Measured precision',
    '',
    `On a corpus of ${corpus.fixtures.length} Dockerfiles that reproduce public ML and research repositories' own`,
    '(tests/fixtures/dockerfile-corpus; each names the file and commit it mirrors), linted on their own, without',
    `their build contexts: ${all.length} findings, ${real} of them real problems, judged by hand: **${pct(real, all.length)}**.`,
    'The context rules (RC30x) are measured by their own tests, since the corpus has no contexts.',
    '',
    '| rule | findings | real | precision |',
    '| --- | --- | --- | --- |',
    ...rules.map((r) => {
      const of = all.filter((x) => x.rule === r);
      const t = of.filter((x) => x.true).length;
      return `| ${r} | ${of.length} | ${t} | ${pct(t, of.length)} |`;
    }),
    '',
    'False positives:',
    '',
    ...all.filter((x) => !x.true).map((x) => `- ${x.rule} in ${x.dir} (mirrors ${x.repo}): ${x.why}.`),
    '',
    'Seen in the corpus and reported by no rule: a model trained during the build (`RUN python train.py`), an',
    'ARG without a default used in a COPY source, and a cache mount whose target is relative (BuildKit puts it',
    'under the WORKDIR).',
    '',
  ];
}

export function renderLintReference(corpus?: CorpusFindings): string {
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
  if (corpus) out.push(...renderPrecision(corpus));
  return out.join('\n');
}
