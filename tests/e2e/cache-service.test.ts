/**
 * The loopback cache service emulator against the real @actions/cache client (v2 protocol): save and
 * restore below and above the 128 MiB single-PUT limit, restore-key prefix matching, an existing key,
 * and a service that is down.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as cache from '@actions/cache';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { CacheService } from '../support/cache-service.js';

const service = new CacheService();
const saved: Record<string, string | undefined> = {};
let ws: string;

beforeAll(async () => {
  await service.start();
  ws = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-cachesvc-'));
  const env = {
    ...service.env(),
    GITHUB_WORKSPACE: ws,
    RUNNER_TEMP: path.join(ws, '.tmp'),
    GITHUB_SERVER_URL: 'https://github.com',
    ACTIONS_CACHE_URL: undefined,
  };
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  mkdirSync(path.join(ws, '.tmp'));
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});

afterAll(async () => {
  vi.restoreAllMocks();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await service.stop();
  rmSync(ws, { recursive: true, force: true });
});

describe.each([
  { name: 'small (one PUT)', bytes: 1 << 20, expectCalls: ['PUT blob'] },
  {
    name: 'large (blocks + block list)',
    bytes: 150 << 20,
    expectCalls: ['PUT block', 'PUT block', 'PUT block', 'PUT blocklist'],
  },
])('$name archive', ({ name, bytes, expectCalls }) => {
  test('saves, restores the same bytes, and matches a restore key by prefix', async () => {
    const dir = path.join(ws, `data-${bytes}`);
    const content = randomBytes(bytes);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'blob.bin'), content);
    service.calls.length = 0;
    const id = await cache.saveCache([dir], `k-${bytes}-aaa`);
    expect(id, name).toBeGreaterThan(0);
    expect(service.calls.filter((c) => c.startsWith('PUT'))).toEqual(expectCalls);
    expect(service.calls[0]).toBe('CreateCacheEntry');
    expect(service.calls.at(-1)).toBe('FinalizeCacheEntryUpload');

    rmSync(dir, { recursive: true });
    expect(await cache.restoreCache([dir], `k-${bytes}-aaa`)).toBe(`k-${bytes}-aaa`);
    expect(readFileSync(path.join(dir, 'blob.bin')).equals(content)).toBe(true);

    rmSync(dir, { recursive: true });
    expect(await cache.restoreCache([dir], `k-${bytes}-bbb`, [`k-${bytes}-`])).toBe(`k-${bytes}-aaa`);
    expect(readFileSync(path.join(dir, 'blob.bin')).equals(content)).toBe(true);
    expect(await cache.restoreCache([dir], 'other-key', ['other-'])).toBeUndefined();
  });
});

test('saving an existing key returns -1; a stopped service gives misses and failed saves, never a throw', async () => {
  const again = path.join(ws, 'again');
  mkdirSync(again);
  writeFileSync(path.join(again, 'f'), 'x');
  expect(await cache.saveCache([again], 'again-1')).toBeGreaterThan(0);
  expect(await cache.saveCache([again], 'again-1')).toBe(-1);
  await service.stop();
  expect(await cache.restoreCache([again], 'again-1')).toBeUndefined();
  expect(await cache.saveCache([again], 'again-2')).toBe(-1);
}, 120_000);
