/** RunCacheStore on the Actions cache (the action's edge). Absent service: no store, the host folders still work. */
import * as cache from '@actions/cache';
import type { RunCacheStore } from './runcache.js';

export class ActionsRunCacheStore implements RunCacheStore {
  static available(): boolean {
    return cache.isFeatureAvailable();
  }

  async restore(paths: string[], key: string, restoreKeys: string[]): Promise<string | undefined> {
    return cache.restoreCache(paths, key, restoreKeys);
  }

  async save(paths: string[], key: string): Promise<void> {
    await cache.saveCache(paths, key);
  }
}
