/**
 * A deadline in front of the Actions cache service for BuildKit's `type=gha` backend. BuildKit bounds
 * neither its lookups nor its blob transfers (measured on dockerd 28.5, docker and remote drivers:
 * `timeout=20s` did not end an import whose request was never answered, and while it waited the
 * engine's BuildKit started no other build). So repro-ci hands a builder that shares this machine's
 * network a loopback forwarder instead of the service: every request must make progress (an answer,
 * a chunk either way) within `idleMs`, or the forwarder answers 504 and drops the upstream request.
 * After one such fault the service is taken as gone for the run: later requests get 503 at once, so
 * the export at the end of a build does not wait again. With `ignore-error=true` BuildKit goes on
 * without the cache, and the run warns (layers.ts, build-cache.ts).
 *
 * The service answers lookups with signed blob URLs (Azure storage on GitHub); the forwarder rewrites
 * them to itself, so the transfers get the same deadline. It adds no credential: the token travels in
 * BuildKit's own requests, the signature in the blob URLs. It listens on 127.0.0.1 only.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

/** Keys of the service's JSON answers that hold a blob URL (cache service v2, and v1's archiveLocation). */
const BLOB_URL_KEYS = ['signed_upload_url', 'signed_download_url', 'archiveLocation'];
const BLOB_ROUTE = '/blob/';
/** JSON answers are read whole to rewrite their URLs; the service's are a few hundred bytes. */
const MAX_JSON_BYTES = 1024 * 1024;
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'proxy-connection', 'upgrade']);

export const DEFAULT_IDLE_MS = 30_000;

export class ServiceDeadline {
  /** What went wrong, one line each, for the run's warnings. */
  readonly faults: string[] = [];
  private server?: http.Server;
  private gone?: string;
  private readonly upstream: URL;

  constructor(
    upstream: string,
    private readonly idleMs = DEFAULT_IDLE_MS,
  ) {
    this.upstream = new URL(upstream.endsWith('/') ? upstream : `${upstream}/`);
  }

  async start(): Promise<string> {
    const server = http.createServer((req, res) => this.forward(req, res));
    server.keepAliveTimeout = 120_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    // Never what keeps the process alive: a run that ends early (a failed build) need not close it.
    server.unref();
    this.server = server;
    return this.url;
  }

  /** The forwarder's base URL, in place of the service's. */
  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
  }

  async close(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  private target(reqUrl: string): URL {
    const incoming = new URL(reqUrl, 'http://forwarder');
    if (!incoming.pathname.startsWith(BLOB_ROUTE))
      return new URL(`${incoming.pathname.slice(1)}${incoming.search}`, this.upstream);
    const blob = new URL(Buffer.from(incoming.pathname.slice(BLOB_ROUTE.length), 'base64url').toString('utf8'));
    // The storage client appends its own parameters (comp=block, blockid) to the signed URL it was given.
    for (const [k, v] of incoming.searchParams) blob.searchParams.append(k, v);
    return blob;
  }

  private blobUrl(signed: string): string {
    return `${this.url}${BLOB_ROUTE.slice(1)}${Buffer.from(signed, 'utf8').toString('base64url')}`;
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    if (this.gone) return answer(res, 503, `the cache service is taken as gone for this run: ${this.gone}`);
    let target: URL;
    try {
      target = this.target(req.url ?? '/');
    } catch {
      return answer(res, 400, 'not a URL this forwarder made');
    }
    const call = target.pathname.split('/').pop() || target.pathname;
    const headers = { ...req.headers };
    for (const h of Object.keys(headers)) if (HOP_BY_HOP.has(h)) delete headers[h];
    const client = target.protocol === 'https:' ? https : http;
    const up = client.request(target, { method: req.method, headers });
    let timer: NodeJS.Timeout | undefined;
    const progress = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const fault = `${req.method} ${call} made no progress within ${this.idleMs / 1000} s`;
        this.gone = fault;
        this.faults.push(
          `the Actions cache service hung (${fault}); repro-ci's deadline answered 504 and dropped the request`,
        );
        up.destroy();
        if (!res.headersSent) answer(res, 504, fault);
        else res.destroy();
      }, this.idleMs).unref();
    };
    const done = () => clearTimeout(timer);
    progress();
    req.on('data', progress);
    res.on('close', done);
    up.on('error', (e) => {
      done();
      if (!res.headersSent) answer(res, 502, `the cache service could not be reached: ${e.message}`);
      else res.destroy();
    });
    up.on('response', (upRes) => {
      progress();
      const out: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(upRes.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
      const json =
        /json/i.test(upRes.headers['content-type'] ?? '') &&
        Number(upRes.headers['content-length'] ?? 0) <= MAX_JSON_BYTES;
      if (!json) {
        res.writeHead(upRes.statusCode ?? 502, out);
        upRes.on('data', progress);
        upRes.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      upRes.on('data', (c: Buffer) => {
        progress();
        chunks.push(c);
      });
      upRes.on('end', () => {
        done();
        const body = Buffer.from(this.rewrite(Buffer.concat(chunks).toString('utf8')), 'utf8');
        res.writeHead(upRes.statusCode ?? 502, { ...out, 'content-length': String(body.length) });
        res.end(body);
      });
    });
    req.pipe(up);
  }

  /** The service's JSON answer with its blob URLs pointing here; any other text as it came. */
  private rewrite(text: string): string {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return text;
    }
    if (!parsed || typeof parsed !== 'object') return text;
    const o = parsed as Record<string, unknown>;
    let changed = false;
    for (const k of BLOB_URL_KEYS) {
      if (typeof o[k] === 'string' && /^https?:\/\//.test(o[k] as string)) {
        o[k] = this.blobUrl(o[k] as string);
        changed = true;
      }
    }
    return changed ? JSON.stringify(o) : text;
  }
}

function answer(res: ServerResponse, status: number, msg: string): void {
  const body = JSON.stringify({ code: status === 504 ? 'deadline_exceeded' : 'unavailable', msg });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
