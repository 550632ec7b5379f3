/** The job summary's short "Rebuild check" section. Pure. */
import type { DeterminismReport, DeterminismVerdict } from './compare.js';
import { determinismHeadline } from './compare.js';

const LABEL: Record<DeterminismVerdict, string> = {
  identical: '✅ identical',
  'metadata-only': '🟡 same content, different metadata',
  'content-differs': '❌ different content',
  failed: '⚠️ rebuild failed',
};

export function determinismSection(
  r: DeterminismReport,
  table: (head: string[], rows: string[][]) => string,
): string[] {
  const rows = r.images.map((i) => {
    const l = i.layers;
    const first = l?.firstDifferent
      ? `layer ${l.firstDifferent.index + 1}${l.firstDifferent.instruction ? `: \`${clip(l.firstDifferent.instruction.replace(/`/g, "'"))}\`` : ''}`
      : '';
    return [i.key, LABEL[i.verdict], l ? `${l.matching}/${l.rebuilt}` : '', first];
  });
  const parts = ['### Rebuild check', '', `${determinismHeadline(r).replace(/^rebuild check: /, '')}.`, ''];
  if (r.note) parts.push(`> ${r.note[0].toUpperCase()}${r.note.slice(1)}.`, '');
  parts.push(table(['Image', 'Verdict', 'Layers matching', 'First differing layer'], rows), '');
  return parts;
}

function clip(s: string): string {
  return s.length > 100 ? `${s.slice(0, 99)}…` : s;
}
