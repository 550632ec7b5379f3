/** The terminal report the CLI prints (and the action logs). Pure. */
import type { PipelineResult } from '../pipeline/result.js';
import { checkNotes, checkRows, imageRows, repeatRows, stageRows, type Row } from './table.js';

export function textTable(head: Row, rows: Row[]): string {
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: Row) =>
    r
      .map((c, i) => (c ?? '').padEnd(widths[i] + (c ?? '').length - [...(c ?? '')].length))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export type Section = 'checks' | 'stages' | 'images';

export function renderTextReport(
  result: Pick<PipelineResult, 'checks' | 'metrics' | 'stages' | 'images' | 'pushed' | 'repeat' | 'baseline'>,
  opts: { sections?: Section[] } = {},
): string {
  const sections = opts.sections ?? ['checks', 'stages', 'images'];
  const out: string[] = [];
  if (sections.includes('checks') && (result.checks.length > 0 || Object.keys(result.metrics ?? {}).length > 0)) {
    const t = checkRows(result);
    out.push(textTable(t.head, t.rows));
  }
  if (sections.includes('checks') && result.repeat) {
    const t = repeatRows(result.repeat);
    out.push(textTable(t.head, t.rows));
  }
  if (sections.includes('checks') && checkNotes(result).length > 0) out.push(checkNotes(result).join('\n'));
  if (sections.includes('stages') && result.stages.length > 0) {
    const t = stageRows(result);
    out.push(textTable(t.head, t.rows));
  }
  if (sections.includes('images') && result.images.length > 0) {
    const t = imageRows(result);
    out.push(textTable(t.head, t.rows));
  }
  return out.join('\n\n');
}
