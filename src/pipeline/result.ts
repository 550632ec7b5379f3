/**
 * What a run produced, stage by stage: the types the pipeline writes and every layer above it reads
 * (the report, the record, the outputs, verify). Types only, so nothing it names can import it back.
 */
import type { CheckResult } from '../checks/rules.js';
import type { CacheReport } from '../cache/report.js';
import type { DeterminismReport } from '../determinism/compare.js';
import type { DockerEnvironment } from '../docker/detect.js';
import type { BuiltImage } from '../docker/docker.js';
import type { ReproError } from '../errors.js';
import type { HardwareRecord } from '../hardware/hardware.js';
import type { LintReport } from '../lint/run.js';
import type { PublishPlan, PushedImage } from '../publish/publish.js';
import type { PushDecision } from '../publish/policy.js';
import type { RecordOutcome } from '../record/record.js';
import type { RunCacheReport } from '../runcache/runcache.js';
import type { BaselineInfo, RepeatSummary } from './metrics-stage.js';

export type { BuiltImage, PushedImage };

export const RESULT_FILE = 'result.json';
export const REPORT_FILE = 'report.md';

export type StageStatus = 'ok' | 'failed' | 'skipped' | 'cancelled';

export interface StageResult {
  name: string;
  status: StageStatus;
  seconds: number;
}

export interface StepResult {
  name: string;
  image: string;
  exitCode: number;
  logFile: string;
  gpus: string;
}

export interface PipelineResult {
  ok: boolean;
  resultsDir: string;
  environment?: DockerEnvironment;
  stages: StageResult[];
  images: BuiltImage[];
  steps: StepResult[];
  /** Every numeric metric, flattened to dotted paths. */
  metrics?: Record<string, number>;
  checks: CheckResult[];
  /** With `repeat`: statistics per metric and whether the runs' outputs were bit-identical. */
  repeat?: RepeatSummary;
  /** With `no-worse-than-base` rules: the run compared with, or why there was none. */
  baseline?: BaselineInfo;
  push: PushDecision;
  pushed: PushedImage[];
  /** Tags and labels computed for this run (labels go on at build time, tags at push time). */
  publish?: PublishPlan;
  /** The error that stopped the run, if one did. Failed checks alone are not errors. */
  error?: ReproError;
  warnings: string[];
  /** The machine: CPU, memory, engine, BuildKit, the GPUs steps saw and which steps ran on them. */
  hardware?: HardwareRecord;
  runCaches?: RunCacheReport[];
  /** Build caches: the layer cache used and, per cache mount, what was restored and saved. */
  cache?: CacheReport;
  /** The Dockerfile lint (absent with `lint: off`), and the SARIF file it wrote. */
  lint?: LintReport;
  sarif?: string;
  /** The reproduction record written to the results folder, and its companion references once pushed. */
  record?: RecordOutcome;
  /** With `determinism.rebuild`: each image rebuilt with --no-cache and compared with the kept one. */
  determinism?: DeterminismReport;
  /** A tag or release that published the commit's earlier, passing images (src/publish/promote.ts). */
  promoted?: { tag: string; recordedAt: string; digests: Record<string, string> };
}
