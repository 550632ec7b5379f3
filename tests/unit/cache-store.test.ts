/**
 * The Actions cache store's handling of what @actions/cache prints: problems it announces become the
 * result's `problem`, and a download started beside other work keeps its lines for later while the
 * other work's lines still print (the two are told apart by async context, not by timing).
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ActionsCacheStore } from '../../src/cache/store.js';
import { HeldLogger, MemoryLogger } from '../../src/log.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('ActionsCacheStore', () => {
  let printed: string[];
  let realWrite: typeof process.stdout.write;
  let spy: typeof process.stdout.write;
  beforeEach(() => {
    printed = [];
    realWrite = process.stdout.write;
    spy = ((chunk: string) => {
      printed.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    process.stdout.write = spy;
  });
  afterEach(() => {
    process.stdout.write = realWrite;
  });

  const client = (lines: string[], key: string | undefined) => ({
    restoreCache: async () => {
      for (const l of lines) {
        process.stdout.write(l);
        await sleep(5);
      }
      return key;
    },
    saveCache: async () => {
      for (const l of lines) process.stdout.write(l);
      return key ? 1 : -1;
    },
  });

  test('a restore given a sink keeps its lines there while other work prints; announced problems come back', async () => {
    const store = new ActionsCacheStore(
      client(
        ['Cache hit for: k\n', '::warning::Failed to restore: quota%0Areached\n', 'Cache restored successfully\n'],
        'k',
      ),
    );
    const held: string[] = [];
    const restoring = store.restore(['p'], 'k', ['k-'], (t) => held.push(t));
    process.stdout.write('::group::Detect Docker\n');
    await sleep(7);
    process.stdout.write('engine 20.10\n');
    expect(await restoring).toEqual({ key: 'k', problem: 'Failed to restore: quota\nreached' });
    expect(held).toEqual(['Cache hit for: k\n', 'Cache restored successfully\n']);
    expect(printed).toEqual(['::group::Detect Docker\n', 'engine 20.10\n']);
    expect(process.stdout.write).toBe(spy);
  });

  test('without a sink the client prints as usual, less its problems; a refused save says why', async () => {
    const store = new ActionsCacheStore(client(['Cache Size: ~0 MB\n', '::error::reserve failed\n'], undefined));
    expect(await store.save(['p'], 'k')).toEqual({ problem: 'reserve failed' });
    expect(printed).toEqual(['Cache Size: ~0 MB\n']);
  });

  test('a key that another job saved first is told apart from other refusals, from a debug line or a warning', async () => {
    const refused = 'Failed to save: Unable to reserve cache with key k, another job may be creating this cache.\n';
    const conflict =
      '::debug::Failed to reserve cache: Error: Failed to CreateCacheEntry: Received non-retryable error: Failed request: (409) Conflict: cache entry with the same key, version, and scope already exists\n';
    expect(await new ActionsCacheStore(client([conflict, refused], undefined)).save(['p'], 'k')).toEqual({
      problem: 'the cache service did not accept key k',
      exists: true,
    });
    // The client says "another job may be creating this cache" for a service that is down too.
    expect(
      await new ActionsCacheStore(
        client(['::debug::Failed to reserve cache: Error: connect ECONNREFUSED\n', refused], undefined),
      ).save(['p'], 'k'),
    ).toEqual({ problem: 'the cache service did not accept key k' });
    expect(
      await new ActionsCacheStore(
        client(['::warning::Cache reservation failed: cache entry k already exists\n'], undefined),
      ).save(['p'], 'k'),
    ).toEqual({ problem: 'Cache reservation failed: cache entry k already exists', exists: true });
    expect(
      await new ActionsCacheStore(client(['::warning::Failed to save: quota reached\n'], undefined)).save(['p'], 'k'),
    ).toEqual({ problem: 'Failed to save: quota reached' });
  });

  test('two calls at once: each keeps its own lines, and stdout is given back after the last', async () => {
    const a = new ActionsCacheStore(client(['a1\n', 'a2\n'], 'a'));
    const b = new ActionsCacheStore(client(['b1\n', 'b2\n'], 'b'));
    const heldA: string[] = [];
    const [ra, rb] = await Promise.all([a.restore(['p'], 'a', [], (t) => heldA.push(t)), b.restore(['q'], 'b', [])]);
    expect([ra.key, rb.key]).toEqual(['a', 'b']);
    expect(heldA).toEqual(['a1\n', 'a2\n']);
    expect(printed).toEqual(['b1\n', 'b2\n']);
    expect(process.stdout.write).toBe(spy);
  });
});

describe('HeldLogger', () => {
  test('replays in order, warnings through the given function, then holds nothing', () => {
    const held = new HeldLogger();
    held.info('one');
    held.warning('careful');
    held.output('raw\n');
    const to = new MemoryLogger();
    const warned: string[] = [];
    held.replay(to, (m) => warned.push(m));
    expect(to.lines).toEqual(['one', 'raw\n']);
    expect(warned).toEqual(['careful']);
    held.replay(to);
    expect(to.lines).toHaveLength(2);
  });
});

describe('the budget of one call', () => {
  test('a client call that never ends is given up on past the budget, as a problem, not a wait', async () => {
    const hung = {
      restoreCache: () => new Promise<string | undefined>(() => undefined),
      saveCache: () => new Promise<number>(() => undefined),
    };
    const store = new ActionsCacheStore(hung, 200);
    const started = Date.now();
    expect(await store.restore(['p'], 'k', [])).toEqual({
      key: undefined,
      problem: 'the cache service did not finish within 0.2 s (`cache.service-timeout`), so the run goes on without it',
    });
    expect((await store.save(['p'], 'k')).problem).toMatch(/^the cache service did not finish within 0\.2 s/);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
