/**
 * The deadline in front of the cache service (src/cache/service-deadline.ts), against a loopback
 * upstream shaped like cache service v2: twirp lookups answered with signed blob URLs on another host,
 * blob transfers to which the storage client appends its own query parameters.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { builderOnLoopback, layerFlags } from '../../src/cache/layers.js';
import { ServiceDeadline } from '../../src/cache/service-deadline.js';

const TWIRP = 'twirp/github.actions.results.api.v1.CacheService/';
const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

/** A loopback server; `handle` answers each request (or holds it). */
async function upstream(handle: (req: IncomingMessage, body: Buffer, res: ServerResponse) => void): Promise<string> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    handle(req, Buffer.concat(chunks), res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  open.push({ close: () => (server.closeAllConnections(), new Promise((r) => server.close(r))) });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

async function deadline(up: string, idleMs: number): Promise<ServiceDeadline> {
  const d = new ServiceDeadline(up, idleMs);
  await d.start();
  open.push(d);
  return d;
}

const json = (res: ServerResponse, status: number, body: object) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('the deadline in front of the cache service', () => {
  test('lookups pass with their token; signed URLs point at the forwarder, and blob requests reach storage with both query strings', async () => {
    const seen: string[] = [];
    const storage = await upstream((req, body, res) => {
      seen.push(`${req.method} ${req.url} ${body.toString()}`);
      res.writeHead(201, { 'content-length': 0 });
      res.end();
    });
    const service = await upstream((req, body, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
      json(res, 200, {
        ok: true,
        signed_upload_url: `${storage}blob/7?sv=2024&sig=abc%2Bdef`,
        echo: JSON.parse(body.toString()),
      });
    });
    const d = await deadline(service, 2000);
    const answer = await fetch(`${d.url}${TWIRP}CreateCacheEntry`, {
      method: 'POST',
      headers: { authorization: 'Bearer T', 'content-type': 'application/json' },
      body: '{"key":"k"}',
    });
    const got = (await answer.json()) as { signed_upload_url: string; echo: object };
    expect(got.echo).toEqual({ key: 'k' });
    expect(got.signed_upload_url.startsWith(`${d.url}blob/`)).toBe(true);
    const put = await fetch(`${got.signed_upload_url}?comp=block&blockid=QQ%3D%3D`, { method: 'PUT', body: 'bytes' });
    expect(put.status).toBe(201);
    expect(seen).toEqual([
      `POST /${TWIRP}CreateCacheEntry Bearer T`,
      'PUT /blob/7?sv=2024&sig=abc%2Bdef&comp=block&blockid=QQ%3D%3D bytes',
    ]);
    expect(d.faults).toEqual([]);
  });

  test('a request that is never answered gets 504 within the deadline; later ones 503 at once; the fault is kept', async () => {
    const held: ServerResponse[] = [];
    const service = await upstream((_req, _body, res) => void held.push(res));
    const d = await deadline(service, 300);
    const t0 = Date.now();
    const first = await fetch(`${d.url}${TWIRP}GetCacheEntryDownloadURL`, { method: 'POST', body: '{}' });
    expect(first.status).toBe(504);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(Date.now() - t0).toBeLessThan(3000);
    const t1 = Date.now();
    const later = await fetch(`${d.url}${TWIRP}CreateCacheEntry`, { method: 'POST', body: '{}' });
    expect(later.status).toBe(503);
    expect(Date.now() - t1).toBeLessThan(200);
    expect(held).toHaveLength(1);
    expect(d.faults).toEqual([
      expect.stringMatching(
        /^the Actions cache service hung \(POST GetCacheEntryDownloadURL made no progress within 0\.3 s\)/,
      ),
    ]);
  });

  test('a slow transfer that keeps moving is not cut; one that stalls half-way is', async () => {
    const service = await upstream((req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      let n = 0;
      const tick = setInterval(() => {
        res.write('x'.repeat(10));
        if (++n === 6 && req.url === '/moving') {
          clearInterval(tick);
          res.end();
        }
        if (n === 2 && req.url === '/stalls') clearInterval(tick);
      }, 100);
    });
    const d = await deadline(service, 300);
    const moving = await fetch(`${d.url}moving`);
    expect((await moving.text()).length).toBe(60);
    const stalls = await fetch(`${d.url}stalls`);
    await expect(stalls.text()).rejects.toThrow();
    expect(d.faults).toHaveLength(1);
  });

  test('an upstream that refuses connections is a 502, not a hang', async () => {
    const gone = await upstream(() => undefined);
    await open.pop()!.close();
    const d = await deadline(gone, 5000);
    expect((await fetch(`${d.url}${TWIRP}GetCacheEntryDownloadURL`, { method: 'POST', body: '{}' })).status).toBe(502);
  });
});

describe('which builders reach the forwarder on loopback', () => {
  test.each([
    [{ builder: 'buildx', driver: 'docker' }, true],
    [{ builder: 'classic' }, true],
    [{ builder: 'buildx', driver: 'docker', dockerHost: 'unix:///run/docker-28.sock' }, true],
    [{ builder: 'buildx', driver: 'docker', dockerHost: 'ssh://gpu-box' }, false],
    [{ builder: 'buildx', driver: 'remote', endpoint: 'unix:///run/buildkit/buildkitd.sock' }, true],
    [{ builder: 'buildx', driver: 'remote', endpoint: 'tcp://127.0.0.1:1234' }, true],
    [{ builder: 'buildx', driver: 'remote', endpoint: 'tcp://buildkit.internal:1234' }, false],
    [{ builder: 'buildx', driver: 'remote' }, false],
    [{ builder: 'buildx', driver: 'docker-container', endpoint: 'unix:///var/run/docker.sock' }, false],
  ] as const)('%o: %s', (facts, expected) => {
    expect(builderOnLoopback(facts)).toBe(expected);
  });

  test('the gha flags name the forwarder when there is one', () => {
    const flags = layerFlags(
      { strategy: 'gha', reason: '' },
      { builder: 'buildx', scope: 's', branches: [], timeoutSeconds: 300, service: 'url_v2=http://127.0.0.1:4000/' },
    );
    expect(flags.cacheFrom).toEqual(['type=gha,scope=s,url_v2=http://127.0.0.1:4000/,ignore-error=true,timeout=300s']);
    expect(flags.cacheTo).toEqual([
      'type=gha,mode=max,scope=s,url_v2=http://127.0.0.1:4000/,ignore-error=true,timeout=300s',
    ]);
  });
});
