/**
 * Where the docker CLI would find its engine, and the engine's /info asked on that socket, against a real
 * HTTP server on a unix socket made here.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cliConfig, engineApi, engineSocket, getFromSocket } from '../../src/docker/engine-api.js';

const askEngineInfo = async (env: Record<string, string>) => {
  const socket = engineApi.socket(env);
  return socket ? engineApi.info(socket) : undefined;
};

describe('engineSocket: the CLI order of precedence', () => {
  test.each([
    [{}, undefined, '/var/run/docker.sock'],
    [{ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' }, undefined, '/run/user/1000/docker.sock'],
    [{ DOCKER_HOST: 'tcp://10.0.0.2:2376' }, undefined, undefined],
    [{ DOCKER_HOST: 'ssh://me@build-box' }, undefined, undefined],
    // DOCKER_HOST wins over a context, as it does for the CLI.
    [{ DOCKER_HOST: 'unix:///x.sock', DOCKER_CONTEXT: 'remote' }, 'remote', '/x.sock'],
    [{ DOCKER_CONTEXT: 'remote' }, undefined, undefined],
    [{ DOCKER_CONTEXT: 'default' }, 'remote', '/var/run/docker.sock'],
    [{}, 'rootless', undefined],
    [{}, 'default', '/var/run/docker.sock'],
  ])('%j with config context %s → %s', (env, context, socket) => {
    expect(engineSocket(env, context)).toBe(socket);
  });
});

describe('cliConfig', () => {
  test('the current context and whether config.json adds plugin folders; nothing where it has no file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-cfg-'));
    expect(cliConfig({ DOCKER_CONFIG: dir })).toEqual({});
    writeFileSync(path.join(dir, 'config.json'), '{"currentContext":"colima","cliPluginsExtraDirs":["/opt/p"]}');
    expect(cliConfig({ DOCKER_CONFIG: dir })).toEqual({ currentContext: 'colima', pluginExtraDirs: true });
    writeFileSync(path.join(dir, 'config.json'), '{"auths":{},"cliPluginsExtraDirs":[]}');
    expect(cliConfig({ DOCKER_CONFIG: dir })).toEqual({});
  });
});

describe('the engine asked on its socket', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-sock-'));
  const socket = path.join(dir, 'docker.sock');
  let answer = { status: 200, body: '{"ServerVersion":"28.5.2","Driver":"overlay2"}\n' };
  const server = http.createServer((req, res) => {
    res.writeHead(req.url === '/info' ? answer.status : 404, { 'content-type': 'application/json' });
    res.end(req.url === '/info' ? answer.body : '{}');
  });
  beforeAll(() => new Promise<void>((r) => server.listen(socket, r)));
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  test('its /info where it answers with a version; nothing for another answer, a 500 or no socket', async () => {
    const env = { DOCKER_HOST: `unix://${socket}` };
    expect(await askEngineInfo(env)).toEqual({ text: answer.body, serverVersion: '28.5.2' });
    answer = { status: 200, body: '{"message":"page not found"}' };
    expect(await askEngineInfo(env)).toBeUndefined();
    answer = { status: 500, body: '{"ServerVersion":"28.5.2"}' };
    expect(await askEngineInfo(env)).toBeUndefined();
    expect(await askEngineInfo({ DOCKER_HOST: `unix://${dir}/none.sock` })).toBeUndefined();
    expect(await askEngineInfo({ DOCKER_HOST: 'tcp://127.0.0.1:1' })).toBeUndefined();
  });

  test('an engine that does not answer in time is given up on', async () => {
    const silent = http.createServer(() => undefined);
    const quiet = path.join(dir, 'quiet.sock');
    await new Promise<void>((r) => silent.listen(quiet, r));
    const start = Date.now();
    expect(await getFromSocket(quiet, '/info', 100)).toBeUndefined();
    expect(Date.now() - start).toBeLessThan(2000);
    silent.closeAllConnections();
    await new Promise<void>((r) => silent.close(() => r()));
  });
});
