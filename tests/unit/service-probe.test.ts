/** The cache service's first lookup (src/cache/service-probe.ts) against a loopback server. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { probeCacheService } from '../../src/cache/service-probe.js';
import { probeRegistry } from '../../src/publish/registry-probe.js';
import { askOnce } from '../../src/util/probe.js';

let server: http.Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

async function serve(answer: (res: http.ServerResponse) => void): Promise<NodeJS.ProcessEnv> {
  server = http.createServer((req, res) => {
    req.resume();
    answer(res);
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return {
    ACTIONS_CACHE_SERVICE_V2: 'True',
    ACTIONS_RUNTIME_TOKEN: 't',
    ACTIONS_RESULTS_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
  };
}

test('a twirp answer (a miss) is no fault', async () => {
  expect(await probeCacheService(await serve((res) => res.end('{"ok":false}')))).toBeUndefined();
});

test('a 5xx, a hang and a closed port are faults, said in a few words', async () => {
  expect(await probeCacheService(await serve((res) => res.writeHead(500).end()))).toBe('it answered HTTP 500');
  expect(await probeCacheService(await serve(() => undefined), 200)).toBe('it did not answer within 0.2 s');
  const closed = await serve(() => undefined);
  server!.close();
  expect(await probeCacheService(closed)).toBe('it could not be reached (ECONNREFUSED)');
});

test('without the service variables there is nothing to ask', async () => {
  expect(await probeCacheService({})).toBeUndefined();
});

/** The registry's ping (src/publish/registry-probe.ts): loopback registries are asked over plain HTTP, as docker does. */
async function registry(answer: (res: http.ServerResponse) => void): Promise<string> {
  const env = await serve(answer);
  return new URL(env.ACTIONS_RESULTS_URL!).host;
}

test('a registry that answers (a 401 challenge included) is there; 5xx, silence and a closed port are faults', async () => {
  expect(
    await probeRegistry(await registry((res) => res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' }).end())),
  ).toBeUndefined();
  server!.close();
  expect(await probeRegistry(await registry((res) => res.writeHead(200).end('{}')))).toBeUndefined();
  server!.close();
  expect(await probeRegistry(await registry((res) => res.writeHead(500).end()))).toBe('it answered HTTP 500');
  server!.close();
  expect(await probeRegistry(await registry(() => undefined), 200)).toBe('it did not answer within 0.2 s');
  const host = await registry(() => undefined);
  server!.closeAllConnections();
  await new Promise((r) => server!.close(r));
  expect(await probeRegistry(host)).toBe('it could not be reached (ECONNREFUSED)');
});

test('TLS spoken to a plain-HTTP registry fails as the fallback to plain HTTP expects (EPROTO)', async () => {
  // probeRegistry asks a non-loopback registry over TLS first and falls back on this fault.
  const host = await registry((res) => res.writeHead(200).end('{}'));
  expect(await askOnce(`https://${host}/v2/`, { method: 'GET' }, 2000)).toMatch(/^it could not be reached \(EPROTO\)$/);
  expect(await askOnce(`http://${host}/v2/`, { method: 'GET' }, 2000)).toBeUndefined();
});
