/** The verdict of a verification: recorded vs re-run value per rule, and one line that says it. Pure. */
import type { CheckResult } from '../checks/rules.js';
import type { ReproRecord } from '../record/record.js';
import { formatDelta, formatNumber, type Row } from '../report/table.js';
import { textTable } from '../report/text.js';
import { markdownTable } from '../report/markdown.js';

export function verdictRows(record: ReproRecord, checks: CheckResult[]): { head: Row; rows: Row[] } {
  const rows = checks.map((c) => {
    const recorded = c.against?.kind === 'reference' ? c.against.value : record.metrics.values[c.metric];
    const delta = c.value !== undefined && recorded !== undefined ? formatDelta(c.value - recorded) : '';
    const rule = c.rule.replace('≈ reference', '≈ recorded');
    const verdict = c.skipped
      ? `skipped: ${c.message}`
      : c.ok
        ? 'pass'
        : `FAIL: ${c.message.replace(/the reference file \S+/, 'the record')}`;
    return [
      c.metric,
      recorded === undefined ? '—' : formatNumber(recorded),
      c.value === undefined ? '—' : formatNumber(c.value),
      delta,
      rule,
      verdict,
    ];
  });
  return { head: ['metric', 'recorded', 're-run', 'delta', 'rule', 'verdict'], rows };
}

export function verdictLine(checks: CheckResult[], error?: string): string {
  if (error) return `verdict: NOT verified: ${error}`;
  const judged = checks.filter((c) => !c.skipped);
  const failed = judged.filter((c) => !c.ok).length;
  if (judged.length === 0) return 'verdict: re-ran, but the record has no rules to judge the metrics by';
  return failed === 0
    ? `verdict: reproduced (${judged.length}/${judged.length} checks pass)`
    : `verdict: NOT reproduced (${failed} of ${judged.length} checks fail)`;
}

export function renderVerdict(record: ReproRecord, checks: CheckResult[], error?: string): string {
  const t = verdictRows(record, checks);
  return [t.rows.length ? textTable(t.head, t.rows) : '', verdictLine(checks, error)].filter(Boolean).join('\n');
}

/** The verdict for the job summary. */
export function renderVerdictMarkdown(
  image: string,
  recordFrom: string,
  record: ReproRecord,
  steps: string[],
  checks: CheckResult[],
  error?: string,
): string {
  const t = verdictRows(record, checks);
  return [
    `## repro-ci verify`,
    '',
    `Image \`${image}\`, record \`${recordFrom}\` (commit \`${record.source.sha || 'unknown'}\`, recorded ${record.createdAt}). Re-ran: ${steps.join(', ')}.`,
    '',
    ...(t.rows.length ? [markdownTable(t.head, t.rows), ''] : []),
    `**${verdictLine(checks, error).replace(/^verdict: /, '')}**`,
    '',
  ].join('\n');
}
