import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/cli/args.js';

const D = `sha256:${'c'.repeat(64)}`;

describe('repro-ci verify / archive arguments', () => {
  it('verify IMAGE with its options', () => {
    expect(
      parseCli([
        'verify',
        `ghcr.io/o/p@${D}`,
        '--steps',
        'train, evaluate',
        '--workspace',
        'ws',
        '--badge-dir',
        'b',
        '--gpus',
        'all',
      ]),
    ).toEqual({
      command: 'verify',
      image: `ghcr.io/o/p@${D}`,
      steps: ['train', 'evaluate'],
      workspace: 'ws',
      badgeDir: 'b',
      gpus: 'all',
      builder: 'auto',
      quiet: false,
      verbose: false,
    });
    expect(parseCli(['verify', '--record', 'record.json', '-q'])).toEqual({
      command: 'verify',
      record: 'record.json',
      builder: 'auto',
      quiet: true,
      verbose: false,
    });
  });
  it('archive', () => {
    expect(parseCli(['archive', '--out', 'a', '--tar', '-c', 'x.yml'])).toEqual({
      command: 'archive',
      config: 'x.yml',
      out: 'a',
      tarball: true,
      quiet: false,
      verbose: false,
    });
  });
  it.each<[string[], string, string]>([
    [['verify'], 'verify needs an image, or --record FILE.', 'e.g. `repro-ci verify ghcr.io/owner/project:main`'],
    [['verify', 'a/b', '--record', 'r.json'], 'give an image or --record, not both.', 'an image finds its own record'],
    [
      ['verify', 'a/b@sha256:1'],
      '"a/b@sha256:1": the part after @ must be sha256: and 64 hex digits.',
      'e.g. ghcr.io/owner/project:main',
    ],
    [['verify', 'a/b', '--push'], '--push is not an option of `repro-ci verify`.', 'run `repro-ci --help`'],
    [['archive'], 'archive needs --out DIR.', 'repro-ci archive --out mnist-archive --tar'],
    [['run', '--out', 'x'], '--out is an option of `repro-ci archive`, not of `run`.', 'run `repro-ci --help`'],
    [
      ['validate', '--badge-dir', 'x'],
      '--badge-dir is an option of `repro-ci run` and `repro-ci verify`, not of `validate`.',
      'run `repro-ci --help`',
    ],
  ])('%j → a usage error (exit 2)', (argv, message, fix) => {
    try {
      parseCli(argv);
      expect.unreachable();
    } catch (e) {
      const err = e as { message: string; fix: string; exitCode: number };
      expect(err.message).toBe(message);
      expect(err.fix).toContain(fix);
      expect(err.exitCode).toBe(2);
    }
  });
  it('run --badge-dir', () => {
    expect(parseCli(['run', '--badge-dir', 'b'])).toMatchObject({ command: 'run', badgeDir: 'b' });
  });
});
