/**
 * One bounded question to a remote party before repro-ci hands it to a tool that would wait on it for
 * ever (BuildKit's cache import, `docker push`, `docker login`): a server that accepts connections and
 * never answers, or answers 5xx, is known within seconds instead of holding the run.
 */

/** Undefined when the server answered below 500; else what went wrong, in a few words. */
export async function askOnce(url: URL | string, init: RequestInit, timeoutMs: number): Promise<string | undefined> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.status >= 500 ? `it answered HTTP ${res.status}` : undefined;
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; errors?: { code?: string }[] } };
    if (err.name === 'TimeoutError') return `it did not answer within ${timeoutMs / 1000} s`;
    return `it could not be reached (${err.cause?.code ?? err.cause?.errors?.[0]?.code ?? err.message})`;
  }
}
