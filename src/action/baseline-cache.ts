/**
 * BaselineStore on the Actions cache (the edge): one small cache entry per successful run, keyed
 * `repro-ci-metrics-v1/<project>/<branch>/<sha>`; a load restores the newest entry of the branch by prefix.
 * Caches saved on a base branch are readable from pull requests into it. A cache problem never fails a run.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  baselineKey,
  baselineKeyPrefix,
  parseBaseline,
  type BaselineRecord,
  type BaselineStore,
} from '../checks/baseline.js';
import type { CacheStore } from '../cache/store.js';

/**
 * The cached path, relative to the workspace: the cache version hashes the path as written, so it must
 * be the same on every run (RUNNER_TEMP is not guaranteed to be).
 */
export const BASELINE_DIR = '.repro-ci-baseline';
const FILE = 'metrics.json';

export class ActionsCacheBaselineStore implements BaselineStore {
  /** `store`: the same cache client the build caches use, which turns service problems into messages. */
  constructor(
    private readonly workspace: string,
    private readonly store: CacheStore,
  ) {}

  async load(project: string, branch: string): Promise<BaselineRecord | undefined> {
    const prefix = baselineKeyPrefix(project, branch);
    const dir = path.join(this.workspace, BASELINE_DIR);
    rmSync(dir, { recursive: true, force: true });
    try {
      const got = await this.store.restore([BASELINE_DIR], prefix, [prefix]);
      if (got.problem) throw new Error(got.problem);
      if (!got.key) return undefined;
      return parseBaseline(readFileSync(path.join(dir, FILE), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  async save(record: BaselineRecord): Promise<void> {
    const dir = path.join(this.workspace, BASELINE_DIR);
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(path.join(dir, FILE), JSON.stringify(record, null, 2) + '\n');
      const saved = await this.store.save([BASELINE_DIR], baselineKey(record));
      if (saved.problem) throw new Error(saved.problem);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
