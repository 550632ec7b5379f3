/**
 * The reproduction record: what was built from what, how it ran, what it measured and how that was
 * judged, as one versioned JSON document (docs/record.md). `buildRecord` is pure: the pipeline result,
 * the config and the run context in, the record out; facts that need the disk or the engine (hashes,
 * base image digests) are gathered at the edge (sources.ts) and passed in.
 */
import type { CheckResult } from '../checks/rules.js';
import type { MetricsFormat } from '../checks/metrics.js';
import type { RuleSpec } from '../config/config.js';
import type { StepResources } from '../config/resources.js';
import type { DirtyTree } from '../context.js';
import type { HardwareRecord } from '../hardware/hardware.js';
import type { RepeatSummary } from '../pipeline/metrics-stage.js';
import type { DeterminismReport } from '../determinism/compare.js';
import { VERSION } from '../version.js';

/** Bumped on any change that an older reader would misread; additions of optional fields keep it. */
export const RECORD_SCHEMA_VERSION = 1;
export const RECORD_FILE = 'record.json';

/** How a FROM image was pinned: a registry digest, or only the local image id (built or imported here). */
export interface BaseImageRecord {
  name: string;
  /** `repo@sha256:...` from the engine's RepoDigests. */
  digest?: string;
  /** The image id; the only pin when the base image has no registry digest. */
  id?: string;
  resolved: 'registry-digest' | 'local-image-id' | 'not-found';
  note?: string;
}

export interface ImageSourceFacts {
  dockerfileSha256: string;
  /** SHA-256 over the sorted `path NUL sha256` lines of the build context (.dockerignore applied). */
  contextSha256: string;
  contextFiles: number;
  baseImages: BaseImageRecord[];
}

/** Facts gathered at the edge, per image key. */
export type SourceFacts = Record<string, ImageSourceFacts>;

export interface RecordImage {
  key: string;
  /** Paths relative to the project root (repro.yml's folder). */
  dockerfile: string;
  context: string;
  target?: string;
  buildArgs: Record<string, string>;
  dockerfileSha256?: string;
  contextSha256?: string;
  contextFiles?: number;
  baseImages: BaseImageRecord[];
  /** Local image id (`sha256:...`) and tag. */
  id: string;
  localTag: string;
  pushed?: { repository: string; tags: string[]; digest: string };
}

export interface RecordMount {
  /** Relative to the project root. */
  host: string;
  container: string;
  readOnly: boolean;
  /** The earlier step that writes this host folder (a model a training step saved, say). */
  producedBy?: string;
}

export interface RecordStep {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  /** Values from repro.yml (committed, not secret). Variables passed from the runner are named in `resources.passEnv` only. */
  env: Record<string, string>;
  mounts: RecordMount[];
  workdir?: string;
  network?: string;
  gpus: string;
  timeoutSeconds: number;
  resources: StepResources;
  exitCode?: number;
  /** True when a metrics file is written into one of its writable mounts. */
  writesMetrics: boolean;
}

/** A rule of repro.yml as recorded: the same fields, without its place in the file. */
export type RecordRule = Omit<RuleSpec, 'where'>;

export interface ReproRecord {
  schemaVersion: typeof RECORD_SCHEMA_VERSION;
  tool: { name: 'repro-ci'; version: string };
  createdAt: string;
  project: string;
  /**
   * `sha`: the commit built (on a pull request the merge commit); `pullRequest`, `head` and `base` name the
   * pull request's own commits. `commitTime`: the built commit's, or `commitTimeUnknown` says why not.
   * `dirty`: tracked files differed from `sha` (their paths and a hash of the diff); false when the checkout was the commit.
   */
  source: {
    repository?: string;
    sha: string;
    ref: string;
    event: string;
    commitTime?: string;
    commitTimeUnknown?: string;
    pullRequest?: number;
    head?: string;
    base?: string;
    dirty: DirtyTree | false;
  };
  passed: boolean;
  images: RecordImage[];
  steps: RecordStep[];
  metrics: {
    sources: { path: string; format: MetricsFormat; row?: string; prefix?: string }[];
    reference?: string;
    values: Record<string, number>;
  };
  rules: RecordRule[];
  verdicts: CheckResult[];
  repeat?: RepeatSummary;
  environment: { builder?: string; client?: string; engine?: string; buildx?: string; buildkit?: string };
  hardware?: HardwareRecord;
  timings: { stage: string; status: string; seconds: number }[];
  /** With `determinism.rebuild`: the --no-cache rebuild of each image compared with the kept one. */
  determinism?: DeterminismReport;
  error?: string;
}

/** The record of a run as written to the results folder, and its companion references once pushed. */
export interface RecordOutcome {
  file: string;
  /** Companion references pushed (`repo:sha256-<hex>.repro`). */
  companions: string[];
  record: ReproRecord;
}

/** Checks that a parsed JSON document is a record this version can read; the error says what is wrong. */
export function parseRecord(text: string, where: string): ReproRecord {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`${where} is not JSON: ${(e as Error).message}`, { cause: e });
  }
  const r = doc as Partial<ReproRecord>;
  if (!r || typeof r !== 'object' || typeof r.schemaVersion !== 'number')
    throw new Error(`${where} is not a repro-ci record (no schemaVersion).`);
  if (r.schemaVersion > RECORD_SCHEMA_VERSION)
    throw new Error(
      `${where} has schemaVersion ${r.schemaVersion}; this repro-ci (${VERSION}) reads up to ${RECORD_SCHEMA_VERSION}. Use a newer repro-ci.`,
    );
  for (const k of ['images', 'steps', 'rules', 'verdicts'] as const)
    if (!Array.isArray(r[k])) throw new Error(`${where}: \`${k}\` is missing or not a list.`);
  if (!r.metrics || typeof r.metrics.values !== 'object') throw new Error(`${where}: \`metrics.values\` is missing.`);
  return r as ReproRecord;
}
