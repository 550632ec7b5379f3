/**
 * A loopback reverse proxy in front of the test registry (127.0.0.1:5000) that can answer some requests
 * itself: registry faults (503), refusals (401), or a Basic-auth login. It listens on another 127.x port,
 * which dockerd treats as an insecure (plain HTTP) registry like 127.0.0.1:5000 itself.
 */
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * Decides the answer for a request (`n` counts from 1); undefined passes it on to the registry, and
 * `'stall'` reads the request and never answers (a registry that hangs mid-upload).
 */
export type ProxyRule = (req: IncomingMessage, n: number) => ProxyAnswer | 'stall' | undefined;

export interface RegistryProxy {
  /** `127.0.0.1:PORT`, to use as the registry host in image names. */
  host: string;
  requests: { method: string; url: string; status: number }[];
  close(): Promise<void>;
}

const UPSTREAM = { host: '127.0.0.1', port: 5000 };

export async function startRegistryProxy(rule: ProxyRule = () => undefined): Promise<RegistryProxy> {
  const requests: RegistryProxy['requests'] = [];
  const server = http.createServer((req, res) => {
    const entry = { method: req.method ?? '', url: req.url ?? '', status: 0 };
    requests.push(entry);
    const answer = rule(req, requests.length);
    if (answer === 'stall') {
      req.resume();
      return;
    }
    if (answer) {
      entry.status = answer.status;
      req.resume();
      res.writeHead(answer.status, {
        'Content-Type': 'application/json',
        'Docker-Distribution-API-Version': 'registry/2.0',
        ...answer.headers,
      });
      res.end(answer.body ?? '');
      return;
    }
    // The Host header is kept, so the upload URLs the registry hands out point back at this proxy.
    const up = http.request({ ...UPSTREAM, method: req.method, path: req.url, headers: req.headers }, (r) => {
      entry.status = r.statusCode ?? 0;
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', (e) => {
      entry.status = 502;
      res.writeHead(502);
      res.end(String(e));
    });
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const isManifestPut = (req: IncomingMessage) => req.method === 'PUT' && /\/manifests\//.test(req.url ?? '');

/**
 * The first `times` manifest uploads get 503. (Docker itself shrugs off a 503 on its ping and blob
 * checks, and retries blob uploads on its own; a failed manifest upload fails `docker push`.)
 */
export function failManifestPuts(times: number): ProxyRule {
  let failed = 0;
  return (req) =>
    isManifestPut(req) && failed++ < times
      ? { status: 503, body: '{"errors":[{"code":"UNAVAILABLE","message":"service unavailable"}]}' }
      : undefined;
}

/** The registry answers its ping and blob checks, then stalls every upload (and cross-repository mount). */
export const stallUploads: ProxyRule = (req) => (/\/blobs\/uploads\//.test(req.url ?? '') ? 'stall' : undefined);

const CHALLENGE = { 'WWW-Authenticate': 'Basic realm="repro-ci-test"' };
const UNAUTHORIZED = '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}';

/** Every request refused, as a registry does without (or with wrong) credentials. */
export const alwaysUnauthorized: ProxyRule = () => ({ status: 401, headers: CHALLENGE, body: UNAUTHORIZED });

/** Requests without `user:password` Basic credentials are refused; the others reach the registry. */
export function basicAuth(user: string, password: string): ProxyRule {
  const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  return (req) =>
    req.headers.authorization === expected ? undefined : { status: 401, headers: CHALLENGE, body: UNAUTHORIZED };
}
