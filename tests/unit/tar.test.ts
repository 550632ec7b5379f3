/** The one-file tar handed to `docker import`: GNU tar must read it back byte for byte. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { singleFileTar } from '../../src/util/tar.js';

test.each([0, 1, 511, 512, 513, 5000])('a %i-byte file round-trips through tar', (size) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-tar-'));
  const content = Buffer.alloc(size, 'x');
  const tar = singleFileTar('repro-record.json', content, 1_700_000_000);
  expect(tar.length % 512).toBe(0);
  writeFileSync(path.join(dir, 'a.tar'), tar);
  expect(execFileSync('tar', ['-tvf', path.join(dir, 'a.tar')], { encoding: 'utf8' })).toMatch(
    new RegExp(`^-rw-r--r-- 0/0\\s+${size} 2023-11-14 \\d\\d:\\d\\d repro-record\\.json\\n$`),
  );
  execFileSync('tar', ['-xf', path.join(dir, 'a.tar'), '-C', dir]);
  expect(readFileSync(path.join(dir, 'repro-record.json')).equals(content)).toBe(true);
});

test('a name longer than the ustar field is refused', () => {
  expect(() => singleFileTar('x'.repeat(101), Buffer.alloc(0))).toThrow(/longer than 100 bytes/);
});
