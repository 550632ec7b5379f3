/**
 * One bounded question to a remote party before repro-ci hands it to a tool that would wait on it for
 * ever (BuildKit's cache import, `docker push`, `docker login`): a server that accepts connections and
 * never answers, or answers 5xx, is known within seconds instead of holding the run.
 *
 * Asked with Node's http module through @actions/http-client's agent, so the runner's proxy settings
 * (`https_proxy`, `no_proxy`) hold as they do for the tools that come after (Node's fetch ignores them,
 * and costs ~40 ms to load).
 */
import http from 'node:http';
import https from 'node:https';
import { HttpClient } from '@actions/http-client';

export interface Question {
  method: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Undefined when the server answered below 500; else what went wrong, in a few words. */
export function askOnce(url: URL | string, q: Question, timeoutMs: number): Promise<string | undefined> {
  const target = new URL(url);
  const agent = new HttpClient('repro-ci').getAgent(target.href);
  return new Promise((resolve) => {
    const request = (target.protocol === 'https:' ? https : http).request(target, {
      method: q.method,
      headers: q.body === undefined ? q.headers : { ...q.headers, 'content-length': Buffer.byteLength(q.body) },
      agent,
    });
    const timer = setTimeout(() => {
      request.destroy();
      resolve(`it did not answer within ${timeoutMs / 1000} s`);
    }, timeoutMs);
    const answer = (fault: string | undefined) => {
      clearTimeout(timer);
      resolve(fault);
    };
    request.on('response', (res) => {
      const status = res.statusCode ?? 0;
      res.resume();
      res.on('end', () => answer(status >= 500 ? `it answered HTTP ${status}` : undefined));
    });
    request.on('error', (e: NodeJS.ErrnoException) => answer(`it could not be reached (${e.code ?? e.message})`));
    request.end(q.body);
  });
}
