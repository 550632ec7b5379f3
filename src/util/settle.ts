/**
 * Work started early whose outcome a later stage reports: the promise never rejects (so nothing is
 * left unhandled while other stages run), and the stage that awaits it rethrows the error in its place.
 */
export type Settled<T> = { value: T } | { error: unknown };

export function settle<T>(work: Promise<T>): Promise<Settled<T>> {
  return work.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

/** What a synchronous `fn` returns or throws, as `settle` gives it for a promise. */
export function attempt<T>(fn: () => T): Settled<T> {
  try {
    return { value: fn() };
  } catch (error) {
    return { error };
  }
}

/** The value, or the error thrown where the outcome is reported. */
export function unwrap<T>(s: Settled<T>): T {
  if ('error' in s) throw s.error;
  return s.value;
}
