/**
 * Run-time caches (model weights, datasets: HF_HOME, TORCH_HOME...): a host folder per cache name,
 * mounted into the steps that list it. The folder itself persists on a kept (self-hosted) machine; a
 * RunCacheStore (the Actions cache in the action) carries it to fresh runners: restored before the first
 * step that uses it, saved after the steps only when its content changed. A cache problem never fails a run.
 *
 * The store is the build caches' CacheStore (src/cache/store.ts): one client of the Actions cache, whose
 * service problems come back as `problem` and become warnings here.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, lstatSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CacheStore, StoreResult } from '../cache/store.js';
import type { RunCacheSpec } from '../config/resources.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import { formatBytes } from '../util/bytes.js';

export type RunCacheStore = CacheStore;

export interface RunCacheReport {
  name: string;
  hostDir: string;
  /** Key restored from the store; undefined on a miss or without a store. */
  restoredKey?: string;
  /** Key saved under; undefined when the content did not change or nothing was saved. */
  savedKey?: string;
  files: number;
  bytes: number;
}

/** Where cache folders live: the runner's tool cache when there is one (kept on self-hosted runners), else ~/.cache. */
export function runCacheBase(env: NodeJS.ProcessEnv, home = os.homedir()): string {
  if (env.RUNNER_TOOL_CACHE) return path.join(env.RUNNER_TOOL_CACHE, 'repro-ci', 'run-caches');
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'repro-ci', 'run-caches');
}

export function runCacheKeyPrefix(
  project: string,
  name: string,
  platform = `${process.platform}-${process.arch}`,
): string {
  return `repro-ci-run-v1-${platform}-${project}-${name}-`;
}

/** Files, bytes and a digest of (path, size, mtime) of every file under `dir`: a content change shows in it. */
export function fingerprintDir(dir: string): { files: number; bytes: number; digest: string } {
  const lines: string[] = [];
  let bytes = 0;
  const walk = (rel: string) => {
    let names: string[];
    try {
      names = readdirSync(path.join(dir, rel));
    } catch {
      return;
    }
    for (const name of names) {
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(path.join(dir, r));
      if (st.isDirectory()) walk(r);
      else {
        bytes += st.isFile() ? st.size : 0;
        lines.push(`${r}\t${st.size}\t${Math.floor(st.mtimeMs)}`);
      }
    }
  };
  walk('');
  lines.sort();
  return {
    files: lines.length,
    bytes,
    digest: createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16),
  };
}

interface Entry {
  report: RunCacheReport;
  digestBefore: string;
}

export class RunCaches {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly base: string,
    private readonly project: string,
    private readonly log: Logger,
    private readonly store?: RunCacheStore,
  ) {}

  /** The host folder of a cache, restored from the store the first time a step asks for it. */
  async prepare(spec: RunCacheSpec): Promise<string> {
    const known = this.entries.get(spec.name);
    if (known) return known.report.hostDir;
    const hostDir = path.join(this.base, this.project, spec.name);
    mkdirSync(hostDir, { recursive: true });
    const report: RunCacheReport = { name: spec.name, hostDir, files: 0, bytes: 0 };
    const before = fingerprintDir(hostDir);
    if (this.store && before.files === 0) {
      const prefix = runCacheKeyPrefix(this.project, spec.name);
      const r = await this.store
        .restore([hostDir], prefix, [prefix])
        .catch((e: unknown) => ({ key: undefined, problem: errorMessage(e) }));
      report.restoredKey = r.key;
      if (r.problem) this.log.warning(`run cache "${spec.name}": restore failed, starting empty: ${r.problem}`);
    }
    const now = this.store && before.files === 0 ? fingerprintDir(hostDir) : before;
    Object.assign(report, { files: now.files, bytes: now.bytes });
    this.log.info(
      `run cache "${spec.name}": ${hostDir}, ${now.files} file(s), ${formatBytes(now.bytes)}${report.restoredKey ? ` (restored ${report.restoredKey})` : this.store ? ' (nothing to restore)' : ''}`,
    );
    this.entries.set(spec.name, { report, digestBefore: now.digest });
    return hostDir;
  }

  /** Saves every cache whose content changed since it was prepared. */
  async saveChanged(): Promise<RunCacheReport[]> {
    const out: RunCacheReport[] = [];
    for (const { report, digestBefore } of this.entries.values()) {
      const now = fingerprintDir(report.hostDir);
      Object.assign(report, { files: now.files, bytes: now.bytes });
      if (now.digest !== digestBefore && this.store) {
        const key = `${runCacheKeyPrefix(this.project, report.name)}${now.digest}`;
        const r: StoreResult = await this.store
          .save([report.hostDir], key)
          .catch((e: unknown) => ({ problem: errorMessage(e) }));
        if (r.key) {
          report.savedKey = key;
          this.log.info(`run cache "${report.name}": saved ${now.files} file(s), ${formatBytes(now.bytes)} as ${key}`);
        } else if (r.exists) {
          // The key is the content's digest: another run saved this very content.
          this.log.info(`run cache "${report.name}": ${key} exists already (the same content); not saved again`);
        } else {
          this.log.warning(
            `run cache "${report.name}": not saved: ${r.problem ?? 'the cache service did not accept it'}`,
          );
        }
      } else {
        this.log.info(
          `run cache "${report.name}": ${now.digest === digestBefore ? 'unchanged' : 'kept on this machine'}, ${now.files} file(s), ${formatBytes(now.bytes)}`,
        );
      }
      out.push(report);
    }
    return out;
  }

  get used(): boolean {
    return this.entries.size > 0;
  }
}

/** One line per cache for the summary: `huggingface: 12 file(s), 1.2 GiB, restored KEY, saved KEY`. */
export function runCacheLines(reports: RunCacheReport[]): string[] {
  return reports.map((r) => {
    const parts = [`${r.files} file(s), ${formatBytes(r.bytes)}`];
    if (r.restoredKey) parts.push(`restored \`${r.restoredKey}\``);
    if (r.savedKey) parts.push(`saved \`${r.savedKey}\``);
    else parts.push('not saved (unchanged or no cache service)');
    return `- \`${r.name}\`: ${parts.join(', ')}`;
  });
}
