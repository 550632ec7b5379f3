/**
 * Where cache archives go between runs. The action uses GitHub's cache service through the real
 * @actions/cache client; the CLI has none (builds then rely on the local BuildKit cache alone).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

type CacheClient = typeof import('@actions/cache');

export interface StoreResult {
  /** restore: the key that matched; save: the key saved under. Undefined on a miss or a failure. */
  key?: string;
  /** What went wrong, when something did (service down, quota, corrupt download...). */
  problem?: string;
  /** save: refused because an entry with this key is there already (another job saved it first). */
  exists?: boolean;
}

/**
 * The service's answer when a key is taken ("(409) Conflict: cache entry with the same key, version, and
 * scope already exists"), which the client prints as a debug line or a warning. Its own "another job may be
 * creating this cache" is no proof: it says that for any refused reservation, a service down included.
 */
const KEY_TAKEN = /\balready exists\b/i;

/** Why an entry was not saved when its key was taken (StoreResult.exists). */
export function keyTakenReason(key: string): string {
  return `another run saved ${key} first (entries cannot be replaced)`;
}

export interface CacheStore {
  /** `out` receives what the client prints (its progress lines), instead of the log, when given. */
  restore(paths: string[], key: string, restoreKeys: string[], out?: (text: string) => void): Promise<StoreResult>;
  save(paths: string[], key: string): Promise<StoreResult>;
  /** Whether an entry of these paths has exactly this key, without downloading it (one lookup). */
  lookup?(paths: string[], key: string): Promise<StoreResult>;
}

/**
 * @actions/cache never throws for service problems: it prints `::warning::`/`::error::` itself and
 * returns a miss (or -1). So the store catches those lines while it calls the client and hands them back
 * as `problem`, and the caller warns once, naming the mount; a cache problem never shows as a job error.
 */
export class ActionsCacheStore implements CacheStore {
  constructor(
    private readonly cache: Pick<CacheClient, 'restoreCache' | 'saveCache'>,
    /** Longest one restore or save may take, lookup and transfer together (`cache.service-timeout`). */
    private readonly budgetMs?: number,
  ) {}

  /**
   * The store when the runner offers a cache service, else undefined. The client (~1.4 MB with the Azure
   * SDK, ~0.15 s to load) is loaded only where a service may be there, and best while Docker is being
   * asked about its version: the two then share the machine's time instead of adding up.
   */
  static async fromEnv(budgetMs?: number): Promise<ActionsCacheStore | undefined> {
    if (!process.env.ACTIONS_RESULTS_URL && !process.env.ACTIONS_CACHE_URL) return undefined;
    const cache = await import('@actions/cache');
    return cache.isFeatureAvailable() ? new ActionsCacheStore(cache, budgetMs) : undefined;
  }

  async restore(
    paths: string[],
    key: string,
    restoreKeys: string[],
    out?: (text: string) => void,
  ): Promise<StoreResult> {
    const { value, problem } = await captureClientOutput(
      () => this.cache.restoreCache(paths, key, restoreKeys),
      out,
      this.budgetMs,
    );
    return { key: value, problem };
  }

  async lookup(paths: string[], key: string): Promise<StoreResult> {
    const { value, problem } = await captureClientOutput(
      () => this.cache.restoreCache(paths, key, [], { lookupOnly: true }),
      () => undefined,
      this.budgetMs,
    );
    return { key: value, problem };
  }

  async save(paths: string[], key: string): Promise<StoreResult> {
    const { value, problem, said } = await captureClientOutput(
      () => this.cache.saveCache(paths, key),
      undefined,
      this.budgetMs,
    );
    if (value !== undefined && value > 0) return { key };
    const why = problem ?? `the cache service did not accept key ${key}`;
    return KEY_TAKEN.test(said) ? { problem: why, exists: true } : { problem: why };
  }
}

/** One client call's output: the problems it announced, and where its other lines go. */
interface Capture {
  problems: string[];
  /** Everything the call printed, problems included. */
  said: string;
  out?: (text: string) => void;
  open: boolean;
}

// Calls may overlap (a download runs beside the builds), so each write is routed by the async context
// it comes from: only the client's own writes, made inside its call, are captured; the pipeline's pass.
const captures = new AsyncLocalStorage<Capture>();
let calls = 0;
let stdoutWrite: typeof process.stdout.write | undefined;

/**
 * One client call, its output captured, within `budgetMs`: the client bounds neither its lookups nor its
 * transfers (a service that hangs mid-download held a run for minutes), so past the budget the call is
 * given up on (it may finish in the background; main.ts exits without waiting for it) and reported.
 */
async function captureClientOutput<T>(
  fn: () => Promise<T>,
  out?: (text: string) => void,
  budgetMs?: number,
): Promise<{ value?: T; problem?: string; said: string }> {
  const capture: Capture = { problems: [], said: '', out, open: true };
  if (calls++ === 0) stdoutWrite = interceptStdout();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    capture.open = false;
    if (--calls === 0) process.stdout.write = stdoutWrite!;
  };
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    if (budgetMs !== undefined) timer = setTimeout(() => resolve('late'), budgetMs).unref();
  });
  try {
    const value = await Promise.race([captures.run(capture, fn), late]);
    if (value === 'late')
      return {
        problem: `the cache service did not finish within ${budgetMs! / 1000} s (\`cache.service-timeout\`), so the run goes on without it`,
        said: capture.said,
      };
    return {
      value,
      problem: capture.problems.length > 0 ? capture.problems.join('; ') : undefined,
      said: capture.said,
    };
  } catch (e) {
    return { problem: [...capture.problems, (e as Error).message].join('; '), said: capture.said };
  } finally {
    clearTimeout(timer);
    close();
  }
}

/** Routes stdout writes made inside a client call to its capture; returns the write it replaced. */
function interceptStdout(): typeof process.stdout.write {
  const write = process.stdout.write;
  const pass = (...args: unknown[]) => (write as (...a: unknown[]) => boolean).apply(process.stdout, args);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const capture = captures.getStore();
    // A late write from a finished call (a kept-alive socket, say) is shown as it is: nothing is lost.
    if (!capture?.open) return pass(chunk, ...rest);
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    capture.said += text;
    const kept = text
      .split(/(?<=\n)/)
      .filter((line) => {
        const m = /^::(warning|error)(?: [^:]*)?::(.*)$/s.exec(line);
        if (m) capture.problems.push(decodeCommand(m[2].trim()));
        return !m;
      })
      .join('');
    if (!kept) return true;
    if (capture.out) {
      capture.out(kept);
      return true;
    }
    return pass(kept, ...rest);
  }) as typeof process.stdout.write;
  return write;
}

/** Undoes @actions/core's escaping of command data. */
function decodeCommand(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}
