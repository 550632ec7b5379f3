/**
 * A loopback stand-in for the GitHub REST API's issue comments (list, create, update), so the action's
 * sticky PR comment is exercised through the real @actions/github client (point GITHUB_API_URL at `url`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiCall {
  method: string;
  path: string;
  body?: { body?: string };
  authorization?: string;
}

export class GitHubApi {
  readonly calls: ApiCall[] = [];
  readonly comments: { id: number; issue: number; body: string }[] = [];
  /** When set, every write answers this status (403: a read-only token). */
  writeStatus?: number;
  private server?: Server;
  private nextId = 9001;

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
    const call: ApiCall = { method: req.method ?? '', path: url.pathname, authorization: req.headers.authorization };
    if (text) call.body = JSON.parse(text) as { body?: string };
    this.calls.push(call);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const list = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(url.pathname);
    const one = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (req.method !== 'GET' && this.writeStatus) return send(this.writeStatus, { message: 'Resource not accessible by integration' });
    if (list && req.method === 'GET') return send(200, this.comments.filter((c) => c.issue === Number(list[1])).map((c) => ({ id: c.id, body: c.body })));
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
    send(404, { message: 'Not Found' });
  }
}
