/**
 * A small client of the registry's HTTP API (the OCI distribution spec), for what needs no engine: a
 * blob and a manifest pushed straight from memory (the reproduction record's companion image, issue 18).
 * Auth as `docker login` does it: the first request goes without; a 401 names Basic (credentials sent
 * as they are) or Bearer (a token fetched from the realm it names, for this repository's pull and push).
 * Plain HTTP only where Docker itself allows it without TLS configuration: loopback registries.
 * Requests go through @actions/http-client, as the runner's own: its proxy settings (`https_proxy`,
 * `no_proxy`) hold, and it is loaded already, where Node's fetch costs ~40 ms to load.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { HttpClient } from '@actions/http-client';

export interface Credentials {
  username: string;
  password: string;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
}

export const sha256 = (data: Buffer | string) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

/** Whether Docker talks plain HTTP to this registry without being told: 127.0.0.0/8, localhost, ::1. */
export function plainHttp(registry: string): boolean {
  const host = registry.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The parameters of a `WWW-Authenticate` header: `Bearer realm="…",service="…"` → scheme and map. */
export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const m = /^(\w+)\s*(.*)$/s.exec(header.trim());
  const params: Record<string, string> = {};
  for (const p of (m?.[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)) params[p[1]] = p[2];
  return { scheme: (m?.[1] ?? '').toLowerCase(), params };
}

export class RegistryError extends Error {}

/** Where a repository is reached over the API: Docker Hub's API host and its `library/` namespace. */
export function apiTarget(repository: string, registry: string): { host: string; path: string } {
  const rest = repository.startsWith(`${registry}/`) ? repository.slice(registry.length + 1) : repository;
  if (registry !== 'docker.io') return { host: registry, path: rest };
  return { host: 'registry-1.docker.io', path: rest.includes('/') ? rest : `library/${rest}` };
}

/** A response as the client reads it: small bodies (errors, tokens), read whole. */
interface Reply {
  status: number;
  header(name: string): string | undefined;
  body: string;
}

export class RegistryClient {
  /** The Authorization a 401 led to, asked once for the client: requests sent after it wait for it. */
  private authorizing?: Promise<string | undefined>;
  private readonly base: string;
  private readonly http: HttpClient;

  constructor(
    readonly registry: string,
    private readonly repository: string,
    private readonly credentials: Credentials | undefined,
    timeoutMs = 30_000,
  ) {
    this.base = `${plainHttp(registry) ? 'http' : 'https'}://${registry}/v2/${repository}`;
    // One connection for the few requests of a push: a TLS handshake each would cost more than they do.
    this.http = new HttpClient('repro-ci', [], { allowRedirects: true, socketTimeout: timeoutMs, keepAlive: true });
  }

  /** Lets go of the kept-alive connections (they would hold a process that ends on its own open). */
  close(): void {
    this.http.dispose();
  }

  /**
   * An image from memory: its blobs side by side, then its manifest under `tag`; returns the manifest's
   * digest. A round trip to a distant registry costs more than these few bytes: no HEAD first (a record's
   * blobs are new on every run; a registry that has one takes it again), one login for all.
   */
  async pushImage(tag: string, blobs: Buffer[], manifest: string, mediaType: string): Promise<string> {
    await Promise.all(blobs.map((b) => this.pushBlob(b)));
    return this.putManifest(tag, manifest, mediaType);
  }

  /** Uploads a blob monolithically: one POST for an upload URL, one PUT of the bytes under their digest. */
  async pushBlob(data: Buffer, digest = sha256(data)): Promise<void> {
    const start = await this.request('POST', `${this.base}/blobs/uploads/`);
    if (start.status !== 202) throw this.failure('start a blob upload', start);
    const location = start.header('location');
    if (!location) throw new RegistryError(`${this.registry} started an upload without a Location header`);
    const url = new URL(location, `${this.base}/`);
    url.searchParams.set('digest', digest);
    const put = await this.request('PUT', url.toString(), data, { 'content-type': 'application/octet-stream' });
    if (put.status !== 201) throw this.failure(`upload blob ${digest}`, put);
  }

  /** Puts a manifest under a tag; returns its digest (as the registry names it, else computed). */
  async putManifest(tag: string, manifest: string, mediaType: string): Promise<string> {
    const res = await this.request('PUT', `${this.base}/manifests/${tag}`, Buffer.from(manifest), {
      'content-type': mediaType,
    });
    if (res.status !== 201) throw this.failure(`put the manifest ${tag}`, res);
    return res.header('docker-content-digest') ?? sha256(manifest);
  }

  private failure(what: string, res: Reply): RegistryError {
    const body = res.body.trim().slice(0, 300);
    return new RegistryError(`${this.registry} refused to ${what}: HTTP ${res.status}${body ? ` ${body}` : ''}`);
  }

  /**
   * One request, authenticating on a 401 as the challenge asks: once for the client, however many
   * requests met the challenge side by side (each is sent again with the answer).
   */
  private async request(method: string, url: string, body?: Buffer, headers: Record<string, string> = {}) {
    const send = (authorization?: string) =>
      this.send(method, url, body, { ...headers, ...(authorization ? { authorization } : {}) });
    const sentWith = await this.authorizing;
    const res = await send(sentWith);
    if (res.status !== 401 || sentWith) return res;
    this.authorizing ??= this.authorize(res.header('www-authenticate') ?? '');
    const authorization = await this.authorizing;
    return authorization ? send(authorization) : res;
  }

  /** One exchange; a body goes with its length (a registry may refuse a chunked upload). */
  private async send(
    method: string,
    url: string,
    body: Buffer | undefined,
    headers: Record<string, string>,
  ): Promise<Reply> {
    const res = await this.http.request(
      method,
      url,
      body ? Readable.from([body]) : null,
      body ? { ...headers, 'content-length': String(body.length) } : headers,
    );
    // Read whole, so the kept-alive connection is free for the next request.
    return {
      status: res.message.statusCode ?? 0,
      header: (name) => [res.message.headers[name.toLowerCase()]].flat()[0],
      body: await res.readBody(),
    };
  }

  private async authorize(header: string): Promise<string | undefined> {
    const { scheme, params } = parseChallenge(header);
    const basic = this.credentials
      ? `Basic ${Buffer.from(`${this.credentials.username}:${this.credentials.password}`).toString('base64')}`
      : undefined;
    if (scheme === 'basic') return basic;
    if (scheme !== 'bearer' || !params.realm) return undefined;
    const url = new URL(params.realm);
    if (params.service) url.searchParams.set('service', params.service);
    url.searchParams.set('scope', `repository:${this.repository}:pull,push`);
    const res = await this.send('GET', url.toString(), undefined, basic ? { authorization: basic } : {});
    if (res.status !== 200) throw this.failure('give a token', res);
    const json = JSON.parse(res.body) as { token?: string; access_token?: string };
    const token = json.token ?? json.access_token;
    return token ? `Bearer ${token}` : undefined;
  }
}
