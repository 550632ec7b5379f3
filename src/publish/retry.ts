/** Retries with exponential backoff, for registry faults that pass. Pure over the injected `sleep`. */
import { ReproError } from '../errors.js';

export interface RetryOptions {
  /** Retries after the first attempt (0: try once). */
  retries: number;
  /** First wait; each next one doubles (1 s, 2 s, 4 s...). */
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Longest all attempts together may take: no retry starts past it (a registry failing for ever gives up in bounded time). */
  budgetMs?: number;
  now?: () => number;
  onRetry?: (info: { attempt: number; attempts: number; delayMs: number; error: unknown }) => void;
}

export const DEFAULT_RETRY_BASE_MS = 1000;

export function backoffDelays(retries: number, baseDelayMs = DEFAULT_RETRY_BASE_MS): number[] {
  return Array.from({ length: retries }, (_, i) => baseDelayMs * 2 ** i);
}

/**
 * Runs `fn`, again after each failure `isTransient` accepts, until it succeeds or the retries are spent.
 * A failure that is not transient (a refused login) is thrown at once: retrying it only hammers the
 * registry. When the retries are spent, the error says how many attempts were made.
 */
export async function withRetries<T>(
  what: string,
  fn: () => Promise<T>,
  isTransient: (e: unknown) => boolean,
  opts: RetryOptions,
): Promise<T> {
  const delays = backoffDelays(opts.retries, opts.baseDelayMs);
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const attempts = delays.length + 1;
  const now = opts.now ?? Date.now;
  const started = now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!isTransient(e)) throw e;
      const spent = opts.budgetMs !== undefined && now() - started + (delays[attempt - 1] ?? 0) > opts.budgetMs;
      if (spent && attempt < attempts) {
        const err = e instanceof ReproError ? e : new ReproError(String((e as Error)?.message ?? e));
        throw new ReproError(
          `${what} failed ${attempt} time(s), and another try would pass its time budget of ${Math.round(opts.budgetMs! / 1000)} s; the last attempt: ${err.message}`,
          { fix: err.fix, cause: e },
        );
      }
      if (attempt >= attempts) {
        const err = e instanceof ReproError ? e : new ReproError(String((e as Error)?.message ?? e));
        if (attempts === 1) throw err;
        throw new ReproError(
          `${what} failed ${attempts} times (retried with backoff); the last attempt: ${err.message}`,
          { fix: err.fix, cause: e },
        );
      }
      const delayMs = delays[attempt - 1];
      opts.onRetry?.({ attempt, attempts, delayMs, error: e });
      await sleep(delayMs);
    }
  }
}
