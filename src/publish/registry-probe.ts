/**
 * A registry asked once, within a deadline, before docker is handed it: `docker login`, `docker push`,
 * `docker pull` and BuildKit's `--cache-from` wait for ever on a registry that accepts connections and
 * never answers (measured on dockerd 20.10: the build stayed at `importing cache manifest from …`, and it
 * held other builds on the engine too), and a registry that answers 500 takes minutes of docker's own
 * retries to give up (406 s once). `GET /v2/` is the registry API's own ping: any answer below 500, a 401
 * included, means it is there.
 */
import { askOnce } from '../util/probe.js';
import { registryOf } from './naming.js';

export const REGISTRY_PROBE_MS = 10_000;

/** The host docker talks to for an image reference's registry (`docker.io` is registry-1.docker.io). */
function apiHost(registry: string): string {
  return registry === 'docker.io' ? 'registry-1.docker.io' : registry;
}

/** Docker talks plain HTTP to a registry on this machine (127.0.0.0/8, localhost); TLS elsewhere. */
function isLoopback(registry: string): boolean {
  return /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(registry);
}

/**
 * Undefined when the registry answered, else what went wrong. Over TLS first (plain HTTP for loopback);
 * a registry the engine is told is insecure answers plain HTTP only, so a TLS failure asks that too.
 */
export async function probeRegistry(registry: string, timeoutMs = REGISTRY_PROBE_MS): Promise<string | undefined> {
  const host = apiHost(registry);
  if (isLoopback(host)) return askOnce(`http://${host}/v2/`, { method: 'GET' }, timeoutMs);
  const tls = await askOnce(`https://${host}/v2/`, { method: 'GET' }, timeoutMs);
  if (tls === undefined || !/could not be reached \((EPROTO|ERR_SSL|ECONNRESET)/.test(tls)) return tls;
  return askOnce(`http://${host}/v2/`, { method: 'GET' }, timeoutMs);
}

/**
 * For the registry of an image reference or repository: undefined when it answers, else the fault as a
 * sentence's subject and verb (`the registry ghcr.io did not answer within 10 s`), for every caller's message.
 */
export async function registryDown(image: string): Promise<string | undefined> {
  const registry = registryOf(image);
  const fault = await probeRegistry(registry);
  return fault && `the registry ${registry} ${fault.replace(/^it /, '')}`;
}
