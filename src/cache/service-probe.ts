/**
 * One quick question to the Actions cache service before BuildKit is handed it for `type=gha`: a service
 * that hangs would hold an import up far past any timeout BuildKit honours there (measured on dockerd
 * 28.5: `importing cache manifest from gha` waited until the job was killed, `timeout=` notwithstanding).
 * A lookup of a key nobody saves, bounded in time: any answer but a twirp one is a fault. Cache service v2
 * only (what hosted runners use); without its variables there is nothing to ask.
 */
import { askOnce } from '../util/probe.js';

const LOOKUP = 'twirp/github.actions.results.api.v1.CacheService/GetCacheEntryDownloadURL';

export const PROBE_TIMEOUT_MS = 10_000;

/** Undefined when the service answered, else what went wrong, in a few words. */
export async function probeCacheService(
  env: NodeJS.ProcessEnv,
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<string | undefined> {
  const base = env.ACTIONS_RESULTS_URL;
  if (!env.ACTIONS_CACHE_SERVICE_V2 || !base || !env.ACTIONS_RUNTIME_TOKEN) return undefined;
  const url = new URL(LOOKUP, base.endsWith('/') ? base : `${base}/`);
  const headers = { authorization: `Bearer ${env.ACTIONS_RUNTIME_TOKEN}`, 'content-type': 'application/json' };
  return askOnce(
    url,
    { method: 'POST', headers, body: JSON.stringify({ key: 'repro-ci-probe', version: '0'.repeat(64) }) },
    timeoutMs,
  );
}
