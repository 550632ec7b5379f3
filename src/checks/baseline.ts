/**
 * Baseline metrics: what a successful run of a branch saves and a later run (a pull request into that
 * branch, or the next push to it) compares with. The storage is behind `BaselineStore`; the action keeps
 * records in the Actions cache (src/action/baseline-cache.ts). Everything here is pure.
 */
import { branchOf, type RunContext } from '../context.js';
import type { BaseInput } from './rules.js';

export interface BaselineRecord {
  version: 1;
  /** Config name, so two repro.yml files in one repository keep apart. */
  project: string;
  branch: string;
  sha: string;
  savedAt: string;
  metrics: Record<string, number>;
}

export interface BaselineStore {
  /** The newest record saved for the branch, or undefined. */
  load(project: string, branch: string): Promise<BaselineRecord | undefined>;
  save(record: BaselineRecord): Promise<void>;
}

/**
 * Cache key prefix of a branch. The branch is URI-encoded so that `main` never prefix-matches
 * `main-2` or `main/x` (restore keys match by prefix).
 */
export function baselineKeyPrefix(project: string, branch: string): string {
  return `repro-ci-metrics-v1/${encodeURIComponent(project)}/${encodeURIComponent(branch)}/`;
}

export function baselineKey(record: Pick<BaselineRecord, 'project' | 'branch' | 'sha'>): string {
  return baselineKeyPrefix(record.project, record.branch) + record.sha;
}

/** Which branch's baseline a run compares with: a pull request's base, or the pushed branch itself. */
export function baselineBranch(context: RunContext): string | undefined {
  if (context.prNumber !== undefined || context.eventName.startsWith('pull_request')) return context.baseRef;
  return branchOf(context.ref);
}

/** Only a passing run of a pushed branch becomes a baseline (never a pull request's own metrics). */
export function shouldSaveBaseline(context: RunContext, passed: boolean): string | undefined {
  if (!passed || context.eventName !== 'push') return undefined;
  return branchOf(context.ref);
}

export function parseBaseline(text: string): BaselineRecord | undefined {
  try {
    const r = JSON.parse(text) as Partial<BaselineRecord>;
    if (
      r.version !== 1 ||
      typeof r.branch !== 'string' ||
      typeof r.sha !== 'string' ||
      !r.metrics ||
      typeof r.metrics !== 'object'
    )
      return undefined;
    const metrics = Object.fromEntries(
      Object.entries(r.metrics).filter(([, v]) => typeof v === 'number' && Number.isFinite(v)),
    );
    return {
      version: 1,
      project: String(r.project ?? ''),
      branch: r.branch,
      sha: r.sha,
      savedAt: String(r.savedAt ?? ''),
      metrics,
    };
  } catch {
    return undefined;
  }
}

/** What the rules get: the record, or a reason for the "no baseline" notice. */
export function baseInput(record: BaselineRecord | undefined, branch: string | undefined, why?: string): BaseInput {
  if (why) return { found: false, reason: why };
  if (!branch) return { found: false, reason: 'this run has no base branch to compare with' };
  if (!record) return { found: false, reason: `no successful run of ${branch} has saved metrics yet` };
  return { found: true, metrics: record.metrics, label: `${record.branch}@${record.sha.slice(0, 7)}` };
}
