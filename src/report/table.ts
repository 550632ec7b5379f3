/** Table rows shared by the terminal and Markdown reports, so both always show the same facts. */
import type { PipelineResult } from '../pipeline/result.js';
import { formatDuration } from '../util/text.js';

export type Row = string[];

/**
 * One row per rule condition, then the metrics no rule names. The reference/base and delta columns
 * appear only when some rule compared with something.
 */
export function checkRows(result: Pick<PipelineResult, 'checks' | 'metrics'>): { head: Row; rows: Row[] } {
  const compared = result.checks.some((c) => c.against || c.skipped);
  const head = compared
    ? ['metric', 'value', 'reference/base', 'delta', 'rule', 'status']
    : ['metric', 'value', 'rule', 'status'];
  const ruled = new Set(result.checks.map((c) => c.metric));
  const rows = result.checks.map((c) => {
    const status = c.skipped ? `ℹ️ ${c.message}` : c.ok ? '✅ pass' : `❌ fail: ${c.message}`;
    const value = c.value === undefined ? '—' : formatNumber(c.value);
    if (!compared) return [c.metric, value, c.rule, status];
    return [
      c.metric,
      value,
      c.against ? formatNumber(c.against.value) : '',
      c.against ? formatDelta(c.against.delta) : '',
      c.rule,
      status,
    ];
  });
  for (const [name, value] of Object.entries(result.metrics ?? {}))
    if (!ruled.has(name))
      rows.push(compared ? [name, formatNumber(value), '', '', '', ''] : [name, formatNumber(value), '', '']);
  return { head, rows };
}

/** Statistics over repeated runs, one row per metric. */
export function repeatRows(repeat: NonNullable<PipelineResult['repeat']>): { head: Row; rows: Row[] } {
  return {
    head: ['metric', 'mean', 'std', 'min', 'max'],
    rows: Object.entries(repeat.stats).map(([name, s]) => [
      name,
      formatNumber(s.mean),
      formatNumber(s.std),
      formatNumber(s.min),
      formatNumber(s.max),
    ]),
  };
}

/** The lines under the tables: what the baseline was and how the repeats went. Shared by both reports. */
export function checkNotes(result: Pick<PipelineResult, 'repeat' | 'baseline'>): string[] {
  const notes: string[] = [];
  const b = result.baseline;
  if (b)
    notes.push(b.found ? `Baseline: ${b.label} (last successful run of ${b.branch}).` : `No baseline: ${b.reason}.`);
  const r = result.repeat;
  if (r) {
    const seeds = r.seeds ? ` with seeds ${r.seeds.join(', ')}` : ' with the same inputs';
    notes.push(`${r.count} runs${seeds}; rules applied to ${r.checks === 'each' ? 'each run' : 'the mean'}.`);
    notes.push(
      r.identical
        ? `Outputs bit-identical across the ${r.count} runs.`
        : `Outputs differ between runs: ${r.differing.slice(0, 5).join(', ')}${r.differing.length > 5 ? `, and ${r.differing.length - 5} more` : ''}.`,
    );
  }
  return notes;
}

/** A signed difference: `+0.0012`, `-0.01`, `0`. */
export function formatDelta(n: number): string {
  const rounded = Number(n.toPrecision(6));
  return rounded > 0 ? `+${formatNumber(rounded)}` : formatNumber(rounded === 0 ? 0 : rounded);
}

export function stageRows(result: Pick<PipelineResult, 'stages'>): { head: Row; rows: Row[] } {
  const icon = { ok: '✅', failed: '❌', skipped: '⏭️', cancelled: '⛔' } as const;
  return {
    head: ['stage', 'status', 'time'],
    rows: result.stages.map((s) => [
      s.name,
      `${icon[s.status]} ${s.status}`,
      s.status === 'skipped' ? '' : formatDuration(s.seconds),
    ]),
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
