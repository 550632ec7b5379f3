/**
 * Where cache archives go between runs. The action uses GitHub's cache service through the real
 * @actions/cache client; the CLI has none (builds then rely on the local BuildKit cache alone).
 */
type CacheClient = typeof import('@actions/cache');

export interface StoreResult {
  /** restore: the key that matched; save: the key saved under. Undefined on a miss or a failure. */
  key?: string;
  /** What went wrong, when something did (service down, quota, corrupt download...). */
  problem?: string;
}

export interface CacheStore {
  restore(paths: string[], key: string, restoreKeys: string[]): Promise<StoreResult>;
  save(paths: string[], key: string): Promise<StoreResult>;
}

/**
 * @actions/cache never throws for service problems: it prints `::warning::`/`::error::` itself and
 * returns a miss (or -1). So the store catches those lines while it calls the client and hands them back
 * as `problem`, and the caller warns once, naming the mount; a cache problem never shows as a job error.
 */
export class ActionsCacheStore implements CacheStore {
  private constructor(private readonly cache: CacheClient) {}

  /**
   * The store when the runner offers a cache service, else undefined. The client (~1.4 MB with the Azure
   * SDK, ~0.15 s to load) is loaded only where a service may be there, and best while Docker is being
   * asked about its version: the two then share the machine's time instead of adding up.
   */
  static async fromEnv(): Promise<ActionsCacheStore | undefined> {
    if (!process.env.ACTIONS_RESULTS_URL && !process.env.ACTIONS_CACHE_URL) return undefined;
    const cache = await import('@actions/cache');
    return cache.isFeatureAvailable() ? new ActionsCacheStore(cache) : undefined;
  }

  async restore(paths: string[], key: string, restoreKeys: string[]): Promise<StoreResult> {
    const { value, problem } = await captureAnnotations(() => this.cache.restoreCache(paths, key, restoreKeys));
    return { key: value, problem };
  }

  async save(paths: string[], key: string): Promise<StoreResult> {
    const { value, problem } = await captureAnnotations(() => this.cache.saveCache(paths, key));
    if (value !== undefined && value > 0) return { key };
    return { problem: problem ?? `the cache service did not accept key ${key}` };
  }
}

async function captureAnnotations<T>(fn: () => Promise<T>): Promise<{ value?: T; problem?: string }> {
  const problems: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const kept = text
      .split(/(?<=\n)/)
      .filter((line) => {
        const m = /^::(warning|error)(?: [^:]*)?::(.*)$/s.exec(line);
        if (m) problems.push(decodeCommand(m[2].trim()));
        return !m;
      })
      .join('');
    return kept ? (write as (...a: unknown[]) => boolean)(kept, ...rest) : true;
  }) as typeof process.stdout.write;
  try {
    return { value: await fn(), problem: problems.length > 0 ? problems.join('; ') : undefined };
  } catch (e) {
    return { problem: [...problems, (e as Error).message].join('; ') };
  } finally {
    process.stdout.write = write;
  }
}

/** Undoes @actions/core's escaping of command data. */
function decodeCommand(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}
