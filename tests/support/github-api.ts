/**
 * A loopback stand-in for the GitHub REST API's issue comments (list, create, update), so the action's
 * sticky PR comment is exercised through the real @actions/github client (point GITHUB_API_URL at `url`);
 * and for what badge commits use: the repository's default branch, git refs (get, create) and the
 * contents API (get, put with the sha of the blob replaced, 409 on a stale one, as GitHub answers).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiCall {
  method: string;
  path: string;
  body?: { body?: string } & Record<string, unknown>;
  authorization?: string;
}

export class GitHubApi {
  readonly calls: ApiCall[] = [];
  readonly comments: { id: number; issue: number; body: string }[] = [];
  /** When set, every write answers this status (403: a read-only token). */
  writeStatus?: number;
  private server?: Server;
  private nextId = 9001;
  /** Branch → head commit sha. */
  readonly branches = new Map<string, string>([['main', 'c0ffee0000000000000000000000000000000000']]);
  /** `branch:path` → blob sha and text. */
  readonly files = new Map<string, { sha: string; content: string }>();

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    s?.closeAllConnections();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://x');
    const call: ApiCall = {
      method: req.method ?? '',
      path: decodeURIComponent(url.pathname),
      authorization: req.headers.authorization,
    };
    if (text) call.body = JSON.parse(text) as ApiCall['body'];
    this.calls.push(call);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const list = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(url.pathname);
    const one = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (req.method !== 'GET' && this.writeStatus)
      return send(this.writeStatus, { message: 'Resource not accessible by integration' });
    if (list && req.method === 'GET')
      return send(
        200,
        this.comments.filter((c) => c.issue === Number(list[1])).map((c) => ({ id: c.id, body: c.body })),
      );
    if (list && req.method === 'POST') {
      const c = { id: this.nextId++, issue: Number(list[1]), body: call.body?.body ?? '' };
      this.comments.push(c);
      return send(201, { id: c.id, body: c.body });
    }
    if (one && req.method === 'PATCH') {
      const c = this.comments.find((x) => x.id === Number(one[1]));
      if (!c) return send(404, { message: 'Not Found' });
      c.body = call.body?.body ?? '';
      return send(200, { id: c.id, body: c.body });
    }
    // Octokit sends `heads/main` in git/ref/{ref} as heads%2Fmain (call.path is decoded).
    const p = call.path;
    const repo = /^\/repos\/[^/]+\/[^/]+$/.exec(p);
    const ref = /^\/repos\/[^/]+\/[^/]+\/git\/ref\/heads\/(.+)$/.exec(p);
    const refs = /^\/repos\/[^/]+\/[^/]+\/git\/refs$/.exec(p);
    const contents = /^\/repos\/[^/]+\/[^/]+\/contents\/(.+)$/.exec(p);
    if (repo && req.method === 'GET') return send(200, { default_branch: 'main' });
    if (ref && req.method === 'GET') {
      const sha = this.branches.get(ref[1]);
      return sha
        ? send(200, { ref: `refs/heads/${ref[1]}`, object: { sha, type: 'commit' } })
        : send(404, { message: 'Not Found' });
    }
    if (refs && req.method === 'POST') {
      const name = String(call.body?.ref ?? '').replace(/^refs\/heads\//, '');
      if (this.branches.has(name)) return send(422, { message: 'Reference already exists' });
      this.branches.set(name, String(call.body?.sha));
      return send(201, { ref: call.body?.ref, object: { sha: call.body?.sha } });
    }
    if (contents) {
      const branch =
        req.method === 'GET' ? (url.searchParams.get('ref') ?? 'main') : String(call.body?.branch ?? 'main');
      const key = `${branch}:${contents[1]}`;
      const file = this.files.get(key);
      if (req.method === 'GET')
        return file
          ? send(200, {
              type: 'file',
              sha: file.sha,
              content: Buffer.from(file.content).toString('base64'),
              encoding: 'base64',
            })
          : send(404, { message: 'Not Found' });
      if (req.method === 'PUT') {
        if (!this.branches.has(branch)) return send(404, { message: 'Branch not found' });
        if ((file?.sha ?? undefined) !== (call.body?.sha ?? undefined))
          return send(409, { message: 'sha does not match' });
        const content = Buffer.from(String(call.body?.content ?? ''), 'base64').toString('utf8');
        const sha = `blob${this.nextId++}`;
        this.files.set(key, { sha, content });
        return send(file ? 200 : 201, { content: { sha } });
      }
    }
    send(404, { message: 'Not Found' });
  }
}
