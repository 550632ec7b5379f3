/**
 * Every temp file of a test run (tests, the action and CLI they start, containers' bind mounts) goes
 * under one folder, removed when the run ends: test runs on a long-lived machine otherwise leave
 * gigabytes in /tmp (an e2e archive alone is ~300 MB). REPRO_CI_KEEP_TMP=1 keeps it for a post-mortem.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-tests-'));
  // Workers and every child process inherit it; os.tmpdir() reads TMPDIR on each call.
  process.env.TMPDIR = root;
  return () => {
    if (process.env.REPRO_CI_KEEP_TMP === '1') {
      console.log(`temp files kept in ${root}`);
      return;
    }
    try {
      rmSync(root, { recursive: true, force: true });
    } catch (e) {
      console.warn(`could not remove ${root}: ${(e as Error).message}`);
    }
  };
}
