/** Lint results as terminal text and as the job-summary section. Pure. */
import { formatBytes } from '../util/bytes.js';
import type { Finding } from './checks.js';
import { ruleInfo } from './rules.js';
import type { LintReport } from './run.js';

/** Whether a finding fails the run at this level (notes never do; what BuildKit refuses always does). */
export function isBlocking(f: Finding, report: Pick<LintReport, 'level'>): boolean {
  const severity = ruleInfo(f.rule).severity;
  return severity === 'error' || (report.level === 'error' && severity === 'warning');
}

export function findingLabel(f: Finding, report: Pick<LintReport, 'level'>): string {
  const sev = ruleInfo(f.rule).severity === 'note' ? 'note' : isBlocking(f, report) ? 'error' : 'warning';
  return `${sev} ${f.rule} ${ruleInfo(f.rule).name}`;
}

/** `file:line: warning RC102 from-digest: message` plus the fix, one finding per block. */
export function renderLintText(report: LintReport): string {
  const out: string[] = [];
  for (const f of report.findings) {
    out.push(`${f.file}:${f.line}: ${findingLabel(f, report)}: ${f.message}`, `  Fix: ${ruleInfo(f.rule).fix}`);
  }
  out.push(summaryLine(report), ...contextLines(report));
  return out.join('\n');
}

/** The build context size report, one line per Dockerfile. */
export function contextLines(report: LintReport): string[] {
  return report.files.map(
    (file) =>
      `  ${file.dockerfile}: build context ${file.context} sends ${file.contextFiles} file(s), ${formatBytes(file.contextBytes)}`,
  );
}

export function summaryLine(report: LintReport): string {
  const n = report.findings.length;
  const blocking = report.findings.filter((f) => isBlocking(f, report)).length;
  const suppressed = report.suppressed ? `, ${report.suppressed} suppressed` : '';
  const verdict = n === 0 ? 'no findings' : `${n} finding(s)${blocking ? `, ${blocking} at level error` : ''}`;
  return `lint: ${report.files.length} Dockerfile(s), ${verdict}${suppressed}.`;
}

/** The job-summary tables: findings (empty when none) and the build context sizes. */
export function lintTables(report: LintReport): {
  findings: { head: string[]; rows: string[][] };
  contexts: { head: string[]; rows: string[][] };
} {
  return {
    findings: {
      head: ['Rule', 'Where', 'Finding', 'Fix'],
      rows: report.findings.map((f) => [
        `${f.rule} ${ruleInfo(f.rule).name}`,
        `\`${f.file}:${f.line}\``,
        f.message,
        ruleInfo(f.rule).fix,
      ]),
    },
    contexts: {
      head: ['Dockerfile', 'Build context', 'Files', 'Size'],
      rows: report.files.map((f) => [
        `\`${f.dockerfile}\``,
        `\`${f.context}\``,
        String(f.contextFiles),
        formatBytes(f.contextBytes),
      ]),
    },
  };
}
