/** Table rows shared by the terminal and Markdown reports, so both always show the same facts. */
import type { PipelineResult } from '../pipeline/pipeline.js';
import { formatDuration } from '../util/text.js';

export type Row = string[];

export function checkRows(result: Pick<PipelineResult, 'checks' | 'metrics'>): { head: Row; rows: Row[] } {
  const head = ['metric', 'value', 'rule', 'status'];
  const ruled = new Set(result.checks.map((c) => c.metric));
  const rows = result.checks.map((c) => [c.metric, c.value === undefined ? '—' : formatNumber(c.value), c.rule, c.ok ? '✅ pass' : `❌ fail: ${c.message}`]);
  for (const [name, value] of Object.entries(result.metrics ?? {})) if (!ruled.has(name)) rows.push([name, formatNumber(value), '', '']);
  return { head, rows };
}

export function stageRows(result: Pick<PipelineResult, 'stages'>): { head: Row; rows: Row[] } {
  const icon = { ok: '✅', failed: '❌', skipped: '⏭️' } as const;
  return {
    head: ['stage', 'status', 'time'],
    rows: result.stages.map((s) => [s.name, `${icon[s.status]} ${s.status}`, s.status === 'skipped' ? '' : formatDuration(s.seconds)]),
  };
}

export function imageRows(result: Pick<PipelineResult, 'images' | 'pushed'>): { head: Row; rows: Row[] } {
  return {
    head: ['image', 'id', 'pushed'],
    rows: result.images.map((img) => {
      const p = result.pushed.find((x) => x.key === img.key);
      return [img.key, shortId(img.id), p ? `${p.repository}:${p.tags.join(',')} @ ${shortId(p.digest)}` : '—'];
    }),
  };
}

/** `sha256:0123456789ab…` → `0123456789ab`, as `docker images` shows ids. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** Up to 6 significant digits, no exponent for ordinary metric values. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e9)) return n.toExponential(4);
  return String(Number(n.toPrecision(6)));
}
