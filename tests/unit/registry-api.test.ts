/**
 * The registry API client the record's companion goes through (issue 18): the blob and manifest requests
 * a registry expects, and auth as `docker login` does it (Basic; Bearer with a token from the realm the
 * 401 names, scoped to the repository), against a loopback server that answers as the distribution
 * registry does. And the companion image it pushes, and where its credentials come from.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { credentialsFor } from '../../src/publish/login.js';
import { apiTarget, parseChallenge, plainHttp, RegistryClient, sha256 } from '../../src/publish/registry-api.js';
import { companionImage, MANIFEST_TYPE } from '../../src/record/companion.js';

interface Seen {
  method: string;
  url: string;
  authorization?: string;
  /** Content-Length, or `chunked` when the body came without one. */
  length?: string;
}

/** A registry that keeps blobs and manifests in memory; `auth` makes it ask as Docker Hub or a Basic registry does. */
function fakeRegistry(auth: 'none' | 'basic' | 'bearer') {
  const seen: Seen[] = [];
  const blobs = new Map<string, Buffer>();
  const manifests = new Map<string, { type: string; body: Buffer }>();
  let port = 0;
  const allowed = (req: IncomingMessage) =>
    auth === 'none' ||
    (auth === 'basic' && req.headers.authorization === `Basic ${Buffer.from('u:p').toString('base64')}`) ||
    (auth === 'bearer' && req.headers.authorization === 'Bearer tok-team/rec');
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url!, `http://127.0.0.1:${port}`);
      seen.push({
        method: req.method!,
        url: url.pathname + url.search,
        authorization: req.headers.authorization,
        length: req.headers['transfer-encoding'] ?? req.headers['content-length'],
      });
      if (url.pathname === '/token') {
        const ok = req.headers.authorization === `Basic ${Buffer.from('u:p').toString('base64')}`;
        const scope = url.searchParams.get('scope');
        res.writeHead(ok && scope === 'repository:team/rec:pull,push' ? 200 : 401, {
          'content-type': 'application/json',
        });
        return res.end(JSON.stringify({ token: 'tok-team/rec' }));
      }
      if (!allowed(req)) {
        res.writeHead(401, {
          'www-authenticate':
            auth === 'basic'
              ? 'Basic realm="Registry Realm"'
              : `Bearer realm="http://127.0.0.1:${port}/token",service="fake",scope="repository:team/rec:pull"`,
        });
        return res.end();
      }
      const blob = /^\/v2\/team\/rec\/blobs\/(sha256:\w+)$/.exec(url.pathname);
      if (req.method === 'HEAD' && blob) {
        res.writeHead(blobs.has(blob[1]) ? 200 : 404);
        return res.end();
      }
      if (req.method === 'POST' && url.pathname === '/v2/team/rec/blobs/uploads/') {
        res.writeHead(202, { location: '/v2/team/rec/blobs/uploads/u1?state=x' });
        return res.end();
      }
      if (req.method === 'PUT' && url.pathname === '/v2/team/rec/blobs/uploads/u1') {
        const body = Buffer.concat(chunks);
        const digest = url.searchParams.get('digest')!;
        if (sha256(body) !== digest) {
          res.writeHead(400);
          return res.end('DIGEST_INVALID');
        }
        blobs.set(digest, body);
        res.writeHead(201);
        return res.end();
      }
      const manifest = /^\/v2\/team\/rec\/manifests\/(.+)$/.exec(url.pathname);
      if (req.method === 'PUT' && manifest) {
        const body = Buffer.concat(chunks);
        const doc = JSON.parse(body.toString()) as { config: { digest: string }; layers: { digest: string }[] };
        if (![doc.config, ...doc.layers].every((d) => blobs.has(d.digest))) {
          res.writeHead(400);
          return res.end('{"errors":[{"code":"MANIFEST_BLOB_UNKNOWN"}]}');
        }
        manifests.set(manifest[1], { type: String(req.headers['content-type']), body });
        res.writeHead(201, { 'docker-content-digest': sha256(body) });
        return res.end();
      }
      res.writeHead(404);
      res.end();
    });
  });
  return {
    seen,
    blobs,
    manifests,
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () => {
          port = (server.address() as AddressInfo).port;
          resolve(`127.0.0.1:${port}`);
        }),
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const LABELS = { 'org.opencontainers.image.title': 'repro-ci record of p' };
const RECORD = Buffer.from('{"schemaVersion":1}\n');
const CREATED = new Date('2026-12-06T10:00:00Z');

describe('RegistryClient', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => stop?.());

  const push = async (auth: 'none' | 'basic' | 'bearer', creds?: { username: string; password: string }) => {
    const reg = fakeRegistry(auth);
    stop = reg.stop;
    const host = await reg.start();
    const client = new RegistryClient(host, 'team/rec', creds);
    const image = companionImage(RECORD, LABELS, CREATED);
    try {
      const blobs = [image.layer, image.config];
      const digest = await client.pushImage('sha256-abc.repro', blobs, image.manifest, MANIFEST_TYPE);
      return { reg, image, digest };
    } finally {
      client.close();
    }
  };

  it('no auth: POST and PUT per blob, side by side, then the manifest under the tag, with its media type', async () => {
    const { reg, image, digest } = await push('none');
    const requests = reg.seen.map((s) => `${s.method} ${s.url.replace(/sha256(:|%3A)\w+/, 'D')}`);
    expect(requests.slice(0, 4).sort()).toEqual([
      'POST /v2/team/rec/blobs/uploads/',
      'POST /v2/team/rec/blobs/uploads/',
      'PUT /v2/team/rec/blobs/uploads/u1?state=x&digest=D',
      'PUT /v2/team/rec/blobs/uploads/u1?state=x&digest=D',
    ]);
    // The manifest goes last: a registry refuses one whose blobs it lacks.
    expect(requests.slice(4)).toEqual(['PUT /v2/team/rec/manifests/sha256-abc.repro']);
    expect([...reg.blobs.keys()].sort()).toEqual([sha256(image.layer), sha256(image.config)].sort());
    expect(reg.manifests.get('sha256-abc.repro')!.type).toBe(MANIFEST_TYPE);
    expect(digest).toBe(sha256(image.manifest));
    // Each body goes with its length: some registries refuse a chunked monolithic upload.
    expect(reg.seen.filter((s) => s.method === 'PUT').map((s) => s.length)).toEqual([
      String(image.layer.length),
      String(image.config.length),
      String(Buffer.byteLength(image.manifest)),
    ]);
  });

  it('blobs met by the challenge side by side share one login: one token, each request sent again with it', async () => {
    const { reg } = await push('bearer', { username: 'u', password: 'p' });
    expect(reg.seen.filter((s) => s.url.startsWith('/token'))).toHaveLength(1);
    const challenged = reg.seen.filter((s) => s.url.startsWith('/v2/') && !s.authorization);
    expect(challenged.map((s) => s.method)).toEqual(['POST', 'POST']);
    expect(reg.manifests.size).toBe(1);
  });

  it('Basic: credentials sent after the 401, and on every request after it', async () => {
    const { reg } = await push('basic', { username: 'u', password: 'p' });
    // The two blobs' first requests go side by side, without; every request after the 401 carries them.
    expect(reg.seen.slice(0, 2).map((s) => [s.method, s.authorization])).toEqual([
      ['POST', undefined],
      ['POST', undefined],
    ]);
    expect(reg.seen.slice(2).every((s) => s.authorization?.startsWith('Basic '))).toBe(true);
    expect(reg.manifests.size).toBe(1);
  });

  it('Bearer: a token for repository:team/rec:pull,push from the realm, with the credentials', async () => {
    const { reg } = await push('bearer', { username: 'u', password: 'p' });
    const token = reg.seen.find((s) => s.url.startsWith('/token'))!;
    expect(token.url).toBe('/token?service=fake&scope=repository%3Ateam%2Frec%3Apull%2Cpush');
    expect(reg.seen.filter((s) => s.url.startsWith('/v2/')).at(-1)!.authorization).toBe('Bearer tok-team/rec');
    expect(reg.manifests.size).toBe(1);
  });

  it('refused credentials: an error naming the registry and what it refused', async () => {
    await expect(push('bearer', { username: 'u', password: 'wrong' })).rejects.toThrow(
      /^127\.0\.0\.1:\d+ refused to give a token: HTTP 401/,
    );
  });
});

describe('the companion image and its way to the registry', () => {
  it('one gzip layer holding the record at /repro-record.json, the labels, a schema 2 manifest; the same record, the same digest', () => {
    const a = companionImage(RECORD, LABELS, CREATED);
    const tar = gunzipSync(a.layer);
    expect(tar.subarray(0, 17).toString()).toBe('repro-record.json');
    expect(tar.subarray(512, 512 + RECORD.length)).toEqual(RECORD);
    const config = JSON.parse(a.config.toString()) as { config: { Labels: object }; rootfs: { diff_ids: string[] } };
    expect(config.config.Labels).toEqual(LABELS);
    expect(config.rootfs.diff_ids).toEqual([sha256(tar)]);
    expect(JSON.parse(a.manifest)).toMatchObject({
      schemaVersion: 2,
      mediaType: MANIFEST_TYPE,
      layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', digest: sha256(a.layer) }],
    });
    expect(companionImage(RECORD, LABELS, CREATED).manifest).toBe(a.manifest);
  });

  it('plain HTTP for loopback registries only; Docker Hub through its API host and library/', () => {
    expect(['127.0.0.1:5000', 'localhost:5000', '[::1]:5000', 'ghcr.io', '10.0.0.1:5000'].map(plainHttp)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(apiTarget('ghcr.io/o/p', 'ghcr.io')).toEqual({ host: 'ghcr.io', path: 'o/p' });
    expect(apiTarget('docker.io/o/p', 'docker.io')).toEqual({ host: 'registry-1.docker.io', path: 'o/p' });
    expect(apiTarget('ubuntu', 'docker.io')).toEqual({ host: 'registry-1.docker.io', path: 'library/ubuntu' });
    expect(parseChallenge('Bearer realm="https://a/token",service="s"')).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://a/token', service: 's' },
    });
  });

  it("credentials: this run's login, else a plain auths entry; none where a helper holds them", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-creds-'));
    writeFileSync(
      path.join(dir, 'config.json'),
      JSON.stringify({
        auths: {
          'registry.example.com': { auth: Buffer.from('bot:s3:cret').toString('base64') },
          'https://index.docker.io/v1/': { auth: Buffer.from('hub:pw').toString('base64') },
        },
        credHelpers: { 'gcr.io': 'gcloud' },
      }),
    );
    const own = [{ registry: 'ghcr.io', username: 'octocat', password: 'ghs_x', source: 'github-token' as const }];
    expect(credentialsFor('ghcr.io', own, dir)).toEqual({ username: 'octocat', password: 'ghs_x' });
    expect(credentialsFor('registry.example.com', own, dir)).toEqual({ username: 'bot', password: 's3:cret' });
    expect(credentialsFor('docker.io', own, dir)).toEqual({ username: 'hub', password: 'pw' });
    expect(credentialsFor('gcr.io', own, dir)).toBeUndefined();
  });
});
