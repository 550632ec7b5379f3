/** The job summary and report.md. Pure: a pipeline result in, Markdown out. */
import type { PipelineResult } from '../pipeline/result.js';
import { hardwareRows } from '../hardware/hardware.js';
import { lintTables, summaryLine } from '../lint/report.js';
import { runCacheLines } from '../runcache/runcache.js';
import { cacheRows, cacheSummaryLine } from '../cache/report.js';
import { determinismSection } from '../determinism/report.js';
import { checkNotes, checkRows, imageRows, repeatRows, stageRows, type Row } from './table.js';

export function markdownTable(head: Row, rows: Row[]): string {
  const esc = (c: string) => c.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    `| ${head.map(esc).join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

/** GitHub refuses a step summary over 1 MiB, and outputs over 1 MB. */
export const MAX_SUMMARY_BYTES = 1024 * 1024;
export const MAX_OUTPUT_BYTES = 1_000_000;

/**
 * The job summary within GitHub's limit: cut at a line, with a note saying where the whole report is
 * (the results folder keeps it). Pure.
 */
export function fitSummary(markdown: string, fullReport: string, limit = MAX_SUMMARY_BYTES): string {
  if (Buffer.byteLength(markdown) <= limit) return markdown;
  const note = `\n\n> The summary stops here: GitHub takes at most ${Math.round(limit / 1024)} KiB. The whole report is in \`${fullReport}\`.\n`;
  let cut = markdown.slice(0, limit - Buffer.byteLength(note) - 4096);
  while (Buffer.byteLength(cut) > limit - Buffer.byteLength(note)) cut = cut.slice(0, -1024);
  return cut.slice(0, cut.lastIndexOf('\n')) + note;
}

/** An output within GitHub's limit; a larger one says where the data is instead (never half a JSON value). */
export function fitOutput(name: string, value: string, file: string, limit = MAX_OUTPUT_BYTES): string {
  if (Buffer.byteLength(value) <= limit) return value;
  return JSON.stringify({
    omitted: `${name} is ${Buffer.byteLength(value)} bytes, more than GitHub takes in an output (${limit}); see ${file}`,
  });
}

export function renderMarkdownReport(result: PipelineResult): string {
  const failed = result.checks.filter((c) => !c.ok).length;
  const verdict = result.error
    ? '❌ failed'
    : failed > 0
      ? `❌ ${failed} check${failed > 1 ? 's' : ''} failed`
      : '✅ passed';
  const parts = [`## repro-ci: ${verdict}`, ''];
  if (result.error) parts.push('```text', result.error.describe(), '```', '');
  for (const w of result.warnings) parts.push(`> [!WARNING]\n> ${w}`, '');
  if (result.checks.length > 0 || Object.keys(result.metrics ?? {}).length > 0) {
    const t = checkRows(result);
    parts.push('### Metrics', '', markdownTable(t.head, t.rows), '');
  }
  if (result.repeat) {
    const r = repeatRows(result.repeat);
    parts.push(`### Repeats (${result.repeat.count} runs)`, '', markdownTable(r.head, r.rows), '');
  }
  const notes = checkNotes(result);
  if (notes.length > 0) parts.push(notes.join('\n'), '');
  if (result.lint) {
    const t = lintTables(result.lint);
    parts.push('### Lint', '', summaryLine(result.lint).replace(/^lint: /, ''), '');
    if (t.findings.rows.length > 0) parts.push(markdownTable(t.findings.head, t.findings.rows), '');
    parts.push(markdownTable(t.contexts.head, t.contexts.rows), '');
  }
  if (result.determinism) parts.push(...determinismSection(result.determinism, markdownTable));
  const s = stageRows(result);
  parts.push('### Stages', '', markdownTable(s.head, s.rows), '');
  if (result.images.length > 0) {
    const i = imageRows(result);
    parts.push('### Images', '', markdownTable(i.head, i.rows), '');
  }
  if (result.hardware)
    parts.push('### Hardware', '', markdownTable(['Machine', 'This run'], hardwareRows(result.hardware)), '');
  if (result.runCaches?.length) parts.push('### Run-time caches', '', ...runCacheLines(result.runCaches), '');
  if (result.cache) {
    const c = cacheRows(result.cache);
    parts.push('### Build caches', '', cacheSummaryLine(result.cache), '');
    if (c.rows.length > 0) parts.push(markdownTable(c.head, c.rows), '');
  }
  parts.push(`Push: ${result.push.push ? 'pushed' : 'not pushed'} (${result.push.reason}).`, '');
  if (result.environment) {
    const e = result.environment;
    parts.push(
      `Docker engine ${e.serverVersion}, client ${e.clientVersion}, ${e.builder === 'buildx' ? `buildx ${e.buildxVersion ?? ''}`.trim() : 'classic BuildKit builder'}. Results and logs: \`${result.resultsDir}\`.`,
      '',
    );
  }
  return parts.join('\n');
}
