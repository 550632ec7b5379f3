/** Step outputs, computed purely from the pipeline result so every output is unit-testable. */
import type { PipelineResult } from '../pipeline/result.js';
import { cacheOutput } from '../cache/report.js';
import type { OutputSeparators } from './inputs.js';

const NEWLINES: OutputSeparators = { tags: '\n', labels: '\n', annotations: '\n' };
const pairs = (m: Record<string, string>) => Object.entries(m).map(([k, v]) => `${k}=${v}`);

/** metadata-action's `json` output, plus what only a push knows: the first image's pushed refs and digest. */
export function publishMetadata(result: PipelineResult): {
  tags: string[];
  labels: Record<string, string>;
  version: string | null;
  digest: string | null;
  image: string | null;
} {
  const p = result.pushed[0];
  return {
    tags: p ? p.tags.map((t) => `${p.repository}:${t}`) : [],
    labels: result.publish?.labels ?? {},
    version: result.publish?.version ?? null,
    digest: p?.digest ?? null,
    image: p ? `${p.repository}@${p.digest}` : null,
  };
}

export function computeOutputs(result: PipelineResult, sep: OutputSeparators = NEWLINES): Record<string, string> {
  const primary = result.pushed[0];
  const primaryImage = result.images[0];
  const refs = result.pushed.flatMap((p) => p.tags.map((t) => `${p.repository}:${t}`));
  const images = Object.fromEntries(
    result.images.map((img) => {
      const p = result.pushed.find((x) => x.key === img.key);
      return [
        img.key,
        {
          id: img.id,
          local: img.localTag,
          digest: p?.digest ?? null,
          tags: p ? p.tags.map((t) => `${p.repository}:${t}`) : [],
          image: p ? `${p.repository}@${p.digest}` : null,
        },
      ];
    }),
  );
  return {
    'image-id': primaryImage?.id ?? '',
    digest: primary?.digest ?? '',
    image: primary ? `${primary.repository}@${primary.digest}` : '',
    tags: refs.join(sep.tags),
    // metadata-action's outputs of the same names: the labels every image got, and the manifests' annotations.
    labels: pairs(result.publish?.labels ?? {}).join(sep.labels),
    annotations: pairs(result.publish?.annotations ?? {}).join(sep.annotations),
    images: JSON.stringify(images),
    metrics: JSON.stringify(result.metrics ?? {}),
    checks: JSON.stringify(result.checks),
    passed: String(result.ok),
    pushed: String(result.pushed.length > 0),
    promoted: String(!!result.promoted),
    'results-dir': result.resultsDir,
    sarif: result.sarif ?? '',
    hardware: JSON.stringify(result.hardware ?? {}),
    cache: cacheOutput(result.cache),
    metadata: JSON.stringify(publishMetadata(result)),
    record: result.record ? JSON.stringify(result.record.record) : '',
    'record-refs': (result.record?.companions ?? []).join('\n'),
    determinism: result.determinism ? JSON.stringify(result.determinism) : '',
  };
}
