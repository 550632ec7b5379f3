/**
 * A loopback emulator of the GitHub Actions cache service v2, enough for the real @actions/cache client:
 * the three twirp methods (JSON, snake_case, int64 as strings) and blob storage as the Azure SDK uses it
 * (one PUT up to 128 MiB, else PUT ?comp=block per block and PUT ?comp=blocklist), plain GET to download.
 * Entries live in memory. `env()` gives the variables a runner sets for the cache service.
 * BuildKit's `type=gha` backend (go-actions-cache) needs more than @actions/cache, as the real service gives
 * it: a token that parses as a JWT (claims `ac`, `exp`, `nbf`), an `x-ms-request-id` header on every blob
 * answer (without it BuildKit dereferences nil and takes dockerd down), connections kept alive past Node's
 * 5 s (Go reuses them), and ranged downloads.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface CacheEntry {
  key: string;
  version: string;
  id: number;
  size: number;
  data?: Buffer;
  createdAt: number;
}

const TWIRP = '/twirp/github.actions.results.api.v1.CacheService/';

export class CacheService {
  readonly entries: CacheEntry[] = [];
  /** Every twirp call and blob request, in order (method names and `PUT block`, `GET blob`...). */
  readonly calls: string[] = [];
  private server?: Server;
  private nextId = 1;
  private blocks = new Map<number, Map<string, Buffer>>();
  /** Called after each answered call (twirp method name, `GET blob`, `PUT ...`): tests stop the service mid-run here. */
  afterCall?: (call: string) => void;
  /**
   * `corrupt`: every lookup hits, and the download is bytes that are no archive. `miss`: every lookup
   * misses though the entries stay (as when another job saves a key between a run's lookup and its save).
   */
  fault?: 'corrupt' | 'miss' | 'error500' | 'hang';
  /** The bearer token the client must send: a JWT, as the runner's is. */
  readonly token = runtimeJwt();

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const before = this.calls.length;
      this.handle(req, res)
        .catch((e: Error) => send(res, 500, { msg: e.message }))
        .finally(() => {
          if (this.calls.length === before) return;
          const call = this.calls[this.calls.length - 1];
          if (res.writableFinished) this.afterCall?.(call);
          else res.once('finish', () => this.afterCall?.(call));
        });
    });
    // Go's client reuses idle connections long after Node's 5 s default would have closed them.
    this.server.keepAliveTimeout = 120_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
  }

  env(): Record<string, string> {
    return { ACTIONS_CACHE_SERVICE_V2: 'true', ACTIONS_RESULTS_URL: this.url, ACTIONS_RUNTIME_TOKEN: this.token };
  }

  /** Stops answering: every later call fails with a connection error, as when the service goes down. */
  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    s.closeAllConnections();
    for (const r of this.hung.splice(0)) r.destroy();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** Answers held by the `hang` fault (released when the service stops). */
  private hung: ServerResponse[] = [];

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const body = await readBody(req);
    res.setHeader('x-ms-request-id', randomBytes(8).toString('hex'));
    if (this.fault === 'hang') {
      this.calls.push('hang');
      this.hung.push(res);
      return;
    }
    if (this.fault === 'error500') {
      this.calls.push('500');
      return send(res, 500, { code: 'internal', msg: 'emulated service fault' });
    }
    if (req.method === 'POST' && url.pathname.startsWith(TWIRP)) {
      if (req.headers.authorization !== `Bearer ${this.token}`)
        return send(res, 401, { code: 'unauthenticated', msg: 'bad token' });
      const method = url.pathname.slice(TWIRP.length);
      this.calls.push(method);
      const r = JSON.parse(body.toString('utf8') || '{}') as {
        key: string;
        version: string;
        restore_keys?: string[];
        size_bytes?: string;
      };
      if (method === 'GetCacheEntryDownloadURL' && this.fault === 'miss') return send(res, 200, { ok: false });
      if (method === 'GetCacheEntryDownloadURL' && this.fault === 'corrupt')
        return send(res, 200, { ok: true, signed_download_url: `${this.url}download/corrupt`, matched_key: r.key });
      if (method === 'GetCacheEntryDownloadURL') {
        const done = this.entries
          .filter((e) => e.version === r.version && e.data)
          .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
        const hit =
          done.find((e) => e.key === r.key) ??
          (r.restore_keys ?? []).map((k) => done.find((e) => e.key.startsWith(k))).find(Boolean);
        return send(
          res,
          200,
          hit
            ? { ok: true, signed_download_url: `${this.url}download/${hit.id}`, matched_key: hit.key }
            : { ok: false },
        );
      }
      if (method === 'CreateCacheEntry') {
        if (this.entries.some((e) => e.key === r.key && e.version === r.version))
          return send(res, 200, { ok: false, message: `cache entry ${r.key} already exists` });
        const entry: CacheEntry = { key: r.key, version: r.version, id: this.nextId++, size: 0, createdAt: Date.now() };
        this.entries.push(entry);
        return send(res, 200, { ok: true, signed_upload_url: `${this.url}upload/${entry.id}` });
      }
      if (method === 'FinalizeCacheEntryUpload') {
        const entry = this.entries.find((e) => e.key === r.key && e.version === r.version);
        if (!entry?.data) return send(res, 200, { ok: false, entry_id: '0' });
        entry.size = Number(r.size_bytes);
        return send(res, 200, { ok: true, entry_id: String(entry.id) });
      }
      return send(res, 404, { code: 'bad_route', msg: method });
    }
    if (url.pathname === '/download/corrupt') {
      this.calls.push('GET blob');
      const junk = Buffer.from('this is not a zstd or gzip tar archive\n'.repeat(100));
      res.writeHead(200, { 'content-length': junk.length });
      res.end(junk);
      return;
    }
    const m = /^\/(upload|download)\/(\d+)$/.exec(url.pathname);
    const entry = m ? this.entries.find((e) => e.id === Number(m[2])) : undefined;
    if (!m || !entry) return send(res, 404, {});
    if (m[1] === 'download' && (req.method === 'GET' || req.method === 'HEAD') && entry.data) {
      this.calls.push('GET blob');
      const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
      const [from, to] = range
        ? [Number(range[1]), range[2] ? Number(range[2]) : entry.data.length - 1]
        : [0, entry.data.length - 1];
      const part = entry.data.subarray(from, to + 1);
      const headers = {
        'content-type': 'application/octet-stream',
        'content-length': part.length,
        'accept-ranges': 'bytes',
        ...(range ? { 'content-range': `bytes ${from}-${to}/${entry.data.length}` } : {}),
      };
      res.writeHead(range ? 206 : 200, headers);
      res.end(req.method === 'HEAD' ? undefined : part);
      return;
    }
    if (m[1] === 'upload' && req.method === 'PUT') {
      const comp = url.searchParams.get('comp');
      this.calls.push(`PUT ${comp ?? 'blob'}`);
      if (comp === 'block') {
        const blocks = this.blocks.get(entry.id) ?? new Map<string, Buffer>();
        this.blocks.set(entry.id, blocks);
        blocks.set(url.searchParams.get('blockid')!, body);
      } else if (comp === 'blocklist') {
        const ids = [...body.toString('utf8').matchAll(/<(?:Latest|Committed|Uncommitted)>([^<]+)<\//g)].map(
          (x) => x[1],
        );
        const blocks = this.blocks.get(entry.id);
        const parts = ids.map((id) => blocks?.get(id));
        if (parts.some((p) => !p)) return send(res, 400, { msg: 'unknown block id' });
        entry.data = Buffer.concat(parts as Buffer[]);
        this.blocks.delete(entry.id);
      } else {
        entry.data = body;
      }
      // The Azure SDK throws on anything but 201.
      res.writeHead(201, { 'content-length': 0, 'x-ms-request-server-encrypted': 'true' });
      res.end();
      return;
    }
    return send(res, 405, {});
  }
}

/** A token shaped like the runner's: three base64url parts, with the claims BuildKit reads (`ac`, `exp`, `nbf`). */
function runtimeJwt(): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const ac = JSON.stringify([{ Scope: 'refs/heads/main', Permission: 3 }]);
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ac, exp: now + 6 * 3600, nbf: now - 60, iss: 'emulator' })}.${randomBytes(32).toString('base64url')}`;
}

function send(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
