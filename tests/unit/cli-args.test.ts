import { describe, expect, it } from 'vitest';
import { parseCli, USAGE, type CliCommand } from '../../src/cli/args.js';
import { ReproError } from '../../src/errors.js';

function cliError(argv: string[]): ReproError {
  try {
    parseCli(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(ReproError);
    return e as ReproError;
  }
  throw new Error('expected parseCli to throw');
}

const defaults = {
  config: 'repro.yml',
  push: undefined,
  image: undefined,
  registry: undefined,
  gpus: undefined,
  builder: 'auto',
  quiet: false,
  verbose: false,
} as const;

describe('parseCli', () => {
  it.each<[string[], CliCommand]>([
    [['run'], { command: 'run', ...defaults }],
    [['validate'], { command: 'validate', ...defaults }],
    [['validate', '-c', 'x/repro.yml'], { command: 'validate', ...defaults, config: 'x/repro.yml' }],
    [
      [
        'run',
        '--config',
        'examples/mnist/repro.yml',
        '--push',
        '--image',
        'ghcr.io/o/p',
        '--registry',
        '127.0.0.1:5000',
        '--gpus',
        'device=0,2',
        '--builder',
        'classic',
        '--quiet',
        '--verbose',
      ],
      {
        command: 'run',
        config: 'examples/mnist/repro.yml',
        push: 'ci',
        image: 'ghcr.io/o/p',
        registry: '127.0.0.1:5000',
        gpus: 'device=0,2',
        builder: 'classic',
        quiet: true,
        verbose: true,
      },
    ],
    [['run', '--push-any-branch'], { command: 'run', ...defaults, push: 'any-branch' }],
    [
      ['run', '-c', 'r.yml', '-q', '-v', '--no-push'],
      { command: 'run', ...defaults, config: 'r.yml', push: 'never', quiet: true, verbose: true },
    ],
    [
      ['--config=r.yml', 'run', '--gpus=all', '--builder=buildx'],
      { command: 'run', ...defaults, config: 'r.yml', gpus: 'all', builder: 'buildx' },
    ],
    [['run', '--gpus', '2'], { command: 'run', ...defaults, gpus: '2' }],
    [['run', '--gpus', 'optional'], { command: 'run', ...defaults, gpus: 'optional' }],
    [[], { command: 'help' }],
    [['help'], { command: 'help' }],
    [['--help'], { command: 'help' }],
    [['-h'], { command: 'help' }],
    [['run', '--help'], { command: 'help' }],
    [['--version'], { command: 'version' }],
    [['run', '--version'], { command: 'version' }],
  ])('%j', (argv, command) => {
    expect(parseCli(argv)).toEqual(command);
  });

  it.each<[string[], string, string]>([
    [
      ['deploy'],
      'unknown command "deploy".',
      'use `repro-ci run` or `repro-ci validate` (`repro-ci --help` lists everything).',
    ],
    [['run', 'extra'], 'unexpected argument "extra".', 'name the config with --config FILE.'],
    [['run', '--push', '--no-push'], '--push and --no-push contradict each other.', 'pass one of them.'],
    [
      ['run', '--push', '--push-any-branch'],
      '--push and --push-any-branch contradict each other.',
      'pass one of them.',
    ],
    [
      ['run', '--gpus', 'lots'],
      '--gpus "lots" is not valid.',
      'use `all`, a count such as `2`, `device=0,2`, `none` or `optional`.',
    ],
    [
      ['run', '--gpus', 'device=a'],
      '--gpus "device=a" is not valid.',
      'use `all`, a count such as `2`, `device=0,2`, `none` or `optional`.',
    ],
    [['run', '--builder', 'kaniko'], '--builder "kaniko" is not valid.', 'use auto, buildx or classic.'],
  ])('rejects %j', (argv, message, fix) => {
    const e = cliError(argv);
    expect(e.message).toBe(message);
    expect(e.fix).toBe(fix);
    expect(e.exitCode).toBe(2);
  });

  it.each<[string[], string]>([
    [['run', '--frobnicate'], "Unknown option '--frobnicate'"],
    [['run', '--config'], "Option '-c, --config <value>' argument missing"],
  ])('turns parseArgs errors %j into usage errors', (argv, text) => {
    const e = cliError(argv);
    expect(e.message).toContain(text);
    expect(e.fix).toBe('run `repro-ci --help` for the options.');
    expect(e.exitCode).toBe(2);
  });

  it('documents every option in USAGE', () => {
    for (const opt of [
      '--config',
      '--push',
      '--no-push',
      '--image',
      '--registry',
      '--gpus',
      '--builder',
      '--quiet',
      '--verbose',
      '--version',
      '--help',
    ])
      expect(USAGE).toContain(opt);
  });
});
