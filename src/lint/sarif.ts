/**
 * Findings → SARIF 2.1.0, the format GitHub code scanning ingests (github/codeql-action/upload-sarif).
 * Pure. Paths are repository-relative URIs against %SRCROOT%, as code scanning expects.
 */
import type { Finding } from './checks.js';
import { RULES, type RuleInfo } from './rules.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const LINT_DOCS_URL = 'https://github.com/repro-ci/repro-ci/blob/main/docs/lint.md';

export type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(rule: RuleInfo, failOnFindings: boolean): SarifLevel {
  if (rule.severity === 'note') return 'note';
  if (rule.severity === 'error') return 'error';
  return failOnFindings ? 'error' : 'warning';
}

export function toSarif(findings: Finding[], opts: { version: string; failOnFindings: boolean }): object {
  const index = new Map(RULES.map((r, i) => [r.id as string, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'repro-ci',
            informationUri: LINT_DOCS_URL,
            version: opts.version,
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.title },
              fullDescription: { text: `${r.why} Fix: ${r.fix}` },
              help: {
                text: `${r.why}\nFix: ${r.fix}\nSilence one finding with a comment line above the instruction: # repro-ci: ignore=${r.id}`,
              },
              helpUri: `${LINT_DOCS_URL}#${r.id.toLowerCase()}`,
              defaultConfiguration: { level: sarifLevel(r, false) },
            })),
          },
        },
        results: findings.map((f) => {
          const rule = RULES[index.get(f.rule)!];
          return {
            ruleId: f.rule,
            ruleIndex: index.get(f.rule),
            level: sarifLevel(rule, opts.failOnFindings),
            message: { text: `${f.message} Fix: ${rule.fix}` },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: toUri(f.file), uriBaseId: '%SRCROOT%' },
                  region: { startLine: f.line },
                },
              },
            ],
          };
        }),
      },
    ],
  };
}

function toUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}
