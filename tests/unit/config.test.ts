import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PUSH_RETRIES, DEFAULT_PUSH_TIMEOUT_S } from '../../src/publish/settings.js';
import { DEFAULT_FLAVOR } from '../../src/publish/tags.js';
import { DEFAULT_STEP_TIMEOUT_S, loadConfig, parseConfig, parseMount, type Config } from '../../src/config/config.js';

/** What a step without resource settings parses to. */
const NO_RESOURCES = {
  shmSize: undefined,
  memory: undefined,
  cpus: undefined,
  ulimits: {},
  ipc: undefined,
  user: undefined,
  passEnv: [],
  caches: [],
  heartbeatSeconds: 300,
};
import { ConfigError, ReproError, type ConfigProblem } from '../../src/errors.js';

const FILE = '/work/proj/repro.yml';
const ROOT = '/work/proj';
const at = (line: number, column: number) => ({ file: 'repro.yml', line, column });

/** Joins lines, so that line numbers in the tests are easy to count. */
const yaml = (...lines: string[]) => lines.join('\n') + '\n';

function configError(text: string): ConfigError {
  try {
    parseConfig(text, FILE);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected parseConfig to throw a ConfigError');
}

function onlyProblem(text: string): ConfigProblem {
  const err = configError(text);
  expect(err.problems).toHaveLength(1);
  return err.problems[0];
}

describe('parseConfig: valid configs', () => {
  it('normalizes a full config', () => {
    const text = yaml(
      'version: 1', // 1
      'name: mnist', // 2
      'images:', // 3
      '  train:', // 4
      '    dockerfile: docker/train.dockerfile', // 5
      '    context: docker', // 6
      '    target: runtime', // 7
      '    build-args:', // 8
      '      PYTHON_VERSION: "3.11"', // 9
      '      TORCH: 2', // 10
      '  evaluate: evaluate.dockerfile', // 11
      'steps:', // 12
      '  - name: train', // 13
      '    image: train', // 14
      '    command: python train.py --epochs 3', // 15
      '    env:', // 16
      '      SEED: 42', // 17
      '      MODE: fast', // 18
      '      DEBUG: false', // 19
      '    mounts:', // 20
      '      - data:/data:ro', // 21
      '      - results:/results', // 22
      '    workdir: /app', // 23
      '    timeout: 1h30m', // 24
      '    gpus: all', // 25
      '    network: none', // 26
      '  - name: evaluate', // 27
      '    image: evaluate', // 28
      '    args: ["--split", "test"]', // 29
      '    mounts:', // 30
      '      - ./results:/results:rw', // 31
      '    timeout: 600', // 32
      '    gpus: device=0,2', // 33
      'metrics: results/metrics.json', // 34
      'checks:', // 35
      '  accuracy:', // 36
      '    min: 0.9', // 37
      '  loss: { max: 0.5 }', // 38
      '  test.f1:', // 39
      '    min: 0.1', // 40
      '    max: 1', // 41
      'push:', // 42
      '  image: ghcr.io/owner/mnist', // 43
      '  when: always', // 44
      'results: out', // 45
    );
    const expected: Config = {
      file: FILE,
      root: ROOT,
      name: 'mnist',
      images: [
        {
          key: 'train',
          dockerfile: '/work/proj/docker/train.dockerfile',
          context: '/work/proj/docker',
          target: 'runtime',
          buildArgs: { PYTHON_VERSION: '3.11', TORCH: '2' },
          where: at(5, 5),
          // The results folder (/work/proj/out) is not in this context.
          exclude: [],
        },
        {
          key: 'evaluate',
          dockerfile: '/work/proj/evaluate.dockerfile',
          context: '/work/proj',
          target: undefined,
          buildArgs: {},
          where: at(11, 13),
          exclude: ['out'],
        },
      ],
      steps: [
        {
          name: 'train',
          image: 'train',
          command: ['python', 'train.py', '--epochs', '3'],
          args: undefined,
          env: { SEED: '42', MODE: 'fast', DEBUG: 'false' },
          mounts: [
            { host: '/work/proj/data', container: '/data', readOnly: true },
            { host: '/work/proj/results', container: '/results', readOnly: false },
          ],
          workdir: '/app',
          timeoutSeconds: 5400,
          gpus: 'all',
          network: 'none',
          resources: NO_RESOURCES,
          where: at(13, 5),
        },
        {
          name: 'evaluate',
          image: 'evaluate',
          command: undefined,
          args: ['--split', 'test'],
          env: {},
          mounts: [{ host: '/work/proj/results', container: '/results', readOnly: false }],
          workdir: undefined,
          timeoutSeconds: 600,
          gpus: 'device=0,2',
          network: undefined,
          resources: NO_RESOURCES,
          where: at(27, 5),
        },
      ],
      metrics: {
        file: '/work/proj/results/metrics.json',
        where: at(34, 10),
        sources: [{ file: '/work/proj/results/metrics.json', format: 'json', where: at(34, 10) }],
      },
      checks: [
        { metric: 'accuracy', min: 0.9, max: undefined, where: at(37, 5) },
        { metric: 'loss', min: undefined, max: 0.5, where: at(38, 9) },
        { metric: 'test.f1', min: 0.1, max: 1, where: at(40, 5) },
      ],
      push: {
        image: 'ghcr.io/owner/mnist',
        when: 'always',
        tags: undefined,
        flavor: DEFAULT_FLAVOR,
        labels: {},
        annotations: {},
        retries: DEFAULT_PUSH_RETRIES,
        timeoutSeconds: DEFAULT_PUSH_TIMEOUT_S,
        dirty: 'refuse',
      },
      results: '/work/proj/out',
      lint: { level: 'warn', ignore: [] },
      cache: { layers: 'auto', layerTimeoutSeconds: 300, serviceTimeoutSeconds: 600, mounts: {} },
    };
    expect(parseConfig(text, FILE)).toEqual(expected);
  });

  it('expands the shorthands and fills the defaults', () => {
    const config = parseConfig(
      yaml('images: {app: Dockerfile}', 'steps:', '  - name: run', 'metrics: metrics.json'),
      '/work/My Proj!/repro.yml',
    );
    expect(config).toEqual({
      file: '/work/My Proj!/repro.yml',
      root: '/work/My Proj!',
      name: 'my-proj',
      images: [
        {
          key: 'app',
          dockerfile: '/work/My Proj!/Dockerfile',
          context: '/work/My Proj!',
          target: undefined,
          buildArgs: {},
          where: at(1, 15),
          exclude: ['.repro-ci'],
        },
      ],
      steps: [
        {
          name: 'run',
          image: 'app',
          command: undefined,
          args: undefined,
          env: {},
          mounts: [],
          workdir: undefined,
          timeoutSeconds: DEFAULT_STEP_TIMEOUT_S,
          gpus: 'none',
          network: undefined,
          resources: NO_RESOURCES,
          where: at(3, 5),
        },
      ],
      metrics: {
        file: '/work/My Proj!/metrics.json',
        where: at(4, 10),
        sources: [{ file: '/work/My Proj!/metrics.json', format: 'json', where: at(4, 10) }],
      },
      checks: [],
      push: {
        image: undefined,
        when: 'auto',
        tags: undefined,
        flavor: DEFAULT_FLAVOR,
        labels: {},
        annotations: {},
        retries: DEFAULT_PUSH_RETRIES,
        timeoutSeconds: DEFAULT_PUSH_TIMEOUT_S,
        dirty: 'refuse',
      },
      results: '/work/My Proj!/.repro-ci',
      lint: { level: 'warn', ignore: [] },
      cache: { layers: 'auto', layerTimeoutSeconds: 300, serviceTimeoutSeconds: 600, mounts: {} },
    } satisfies Config);
    expect(DEFAULT_STEP_TIMEOUT_S).toBe(21600);
  });

  it('accepts metrics as a mapping with `file`', () => {
    const config = parseConfig(
      yaml('images: {app: Dockerfile}', 'steps: [{name: a}]', 'metrics:', '  file: out/m.json'),
      FILE,
    );
    expect(config.metrics?.file).toBe('/work/proj/out/m.json');
  });

  it('defaults the image of a step only when there is one image', () => {
    expect(
      parseConfig(yaml('images:', '  only: {}', 'steps: [{name: a}, {name: b}]'), FILE).steps.map((s) => s.image),
    ).toEqual(['only', 'only']);
    expect(parseConfig(yaml('images:', '  only: {}', 'steps: [{name: a}]'), FILE).images[0].dockerfile).toBe(
      '/work/proj/Dockerfile',
    );
  });

  it.each<[string, number]>([
    ['timeout: 90', 90],
    ['timeout: 90s', 90],
    ['timeout: 30m', 1800],
    ['timeout: "2h"', 7200],
    ['timeout: 1h30m', 5400],
  ])('parses `%s`', (line, seconds) => {
    expect(
      parseConfig(yaml('images: {app: Dockerfile}', 'steps:', '  - name: a', `    ${line}`), FILE).steps[0]
        .timeoutSeconds,
    ).toBe(seconds);
  });

  it.each<[string, string]>([
    ['gpus: all', 'all'],
    ['gpus: 2', '2'],
    ['gpus: "2"', '2'],
    ['gpus: device=0,2', 'device=0,2'],
    ['gpus: device=1', 'device=1'],
    ['gpus: optional', 'optional'],
    ['gpus: none', 'none'],
  ])('parses `%s`', (line, gpus) => {
    expect(
      parseConfig(yaml('images: {app: Dockerfile}', 'steps:', '  - name: a', `    ${line}`), FILE).steps[0].gpus,
    ).toBe(gpus);
  });

  it.each<[string, string[]]>([
    ['command: python train.py', ['python', 'train.py']],
    ['command: [python, "train.py", 3]', ['python', 'train.py', '3']],
    ['command: python -c "print(1)"', ['python', '-c', 'print(1)']],
  ])('parses `%s`', (line, words) => {
    expect(
      parseConfig(yaml('images: {app: Dockerfile}', 'steps:', '  - name: a', `    ${line}`), FILE).steps[0].command,
    ).toEqual(words);
  });

  it('keeps env and build-arg values exactly as written (no float rounding)', () => {
    const config = parseConfig(
      yaml(
        'images:',
        '  app:',
        '    build-args: {PYTHON_VERSION: 3.10, CUDA: 12.0}',
        'steps:',
        '  - name: a',
        '    env: {LR: 1e-3, VERSION: 1.10, N: 007, FLAG: true, S: "x"}',
      ),
      FILE,
    );
    expect(config.images[0].buildArgs).toEqual({ PYTHON_VERSION: '3.10', CUDA: '12.0' });
    expect(config.steps[0].env).toEqual({ LR: '1e-3', VERSION: '1.10', N: '007', FLAG: 'true', S: 'x' });
  });

  it('uses the display name in locations', () => {
    const err = (() => {
      try {
        parseConfig('images: {app: Dockerfile}\nsteps: [{name: a, tiemout: 3}]\n', FILE, 'sub/repro.yml');
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(err?.problems[0].location).toEqual({ file: 'sub/repro.yml', line: 2, column: 19 });
  });
});

describe('parseConfig: problems', () => {
  const base = ['images: {app: Dockerfile}', 'steps:', '  - name: a'];

  it.each<[string, string[], number, number, string]>([
    [
      'a nested mapping on one line',
      ['images:', '  app: Dockerfile', 'steps:', '  - name: a: b'],
      4,
      11,
      'is not valid YAML: Nested mappings are not allowed in compact mappings.',
    ],
    [
      'a tab as indentation',
      ['images:', '  app: Dockerfile', '\tsteps: []'],
      3,
      1,
      'is not valid YAML: Tabs are not allowed as indentation.',
    ],
    [
      'a bad indentation',
      ['images:', '  app: Dockerfile', ' steps:', '  - name: a'],
      3,
      1,
      'is not valid YAML: All mapping items must start at the same column.',
    ],
    [
      'an unclosed flow mapping',
      ['images: {app: Dockerfile', 'steps: []'],
      2,
      1,
      'is not valid YAML: Flow map in block collection must be sufficiently indented and end with a }.',
    ],
    // The YAML library reports an unclosed quote where the text ends.
    [
      'an unclosed quote',
      ['images:', '  app: Dockerfile', 'steps:', '  - name: "unclosed', '    image: app'],
      6,
      1,
      'is not valid YAML: Missing closing "quote.',
    ],
  ])('reports a YAML syntax error with its line and column: %s', (_name, lines, line, column, message) => {
    const err = configError(yaml(...lines));
    expect(err.problems).toEqual([
      {
        location: at(line, column),
        path: '',
        message,
        fix: 'check the indentation and quoting on that line (YAML uses spaces, not tabs).',
      },
    ]);
    expect(err.describe()).toBe(
      `repro.yml:${line}:${column}: ${message}\n  Fix: check the indentation and quoting on that line (YAML uses spaces, not tabs).`,
    );
  });

  it.each<[string, string[], string, string]>([
    // Past node's timer limit (2^31 - 1 ms) a timeout fired at once, reported as "exceeded its time limit".
    [
      "a timeout past node's timer limit",
      ['images: {app: Dockerfile}', 'steps:', '  - name: a', '    timeout: 99999h'],
      'steps[0].timeout',
      'is 359996400 s, longer than the longest time repro-ci can wait (2147483 s, 24 days).',
    ],
    [
      'a timeout of 1e9 seconds',
      ['images: {app: Dockerfile}', 'steps:', '  - name: a', '    timeout: 1e9'],
      'steps[0].timeout',
      'is 1000000000 s, longer than the longest time repro-ci can wait (2147483 s, 24 days).',
    ],
    // Names docker refuses in `<name>-<key>:latest` (they failed at build time with "invalid reference format").
    ['an image key ending in a dash', ['images: {"train-": Dockerfile}', 'steps:', '  - name: a'], 'images.train-', ''],
    [
      'a project name with a doubled dot',
      ['name: audit..x', 'images: {app: Dockerfile}', 'steps:', '  - name: a'],
      'name',
      '',
    ],
    // 60k values once ended in `spawn E2BIG`; docker's env-file reader takes 64 KiB lines.
    [
      'an env value docker cannot read',
      ['images: {app: Dockerfile}', 'steps:', '  - name: a', `    env: {BLOB: ${'x'.repeat(70_000)}}`],
      'steps[0].env.BLOB',
      'BLOB is 70005 bytes, more than docker takes in one variable (65535).',
    ],
    [
      'an environment of 1.2 MB',
      [
        'images: {app: Dockerfile}',
        'steps:',
        '  - name: a',
        `    env: {${Array.from({ length: 20 }, (_, i) => `V${i}: ${'x'.repeat(60_000)}`).join(', ')}}`,
      ],
      'steps[0].env',
      "the step's environment is 1200090 bytes, more than repro-ci passes to a container (1048576).",
    ],
  ])('refuses what docker or node would not take: %s', (_name, lines, at_, message) => {
    const problems = configError(yaml(...lines)).problems;
    expect(problems.map((p) => p.path)).toContain(at_);
    if (message) expect(problems.find((p) => p.path === at_)?.message).toBe(message);
  });

  it('reports duplicate keys as YAML errors with a position', () => {
    const err = configError(yaml('images: {app: Dockerfile}', 'steps: []', 'steps: []'));
    expect(err.problems[0].location).toEqual(at(3, 1));
    expect(err.problems[0].message).toMatch(/^is not valid YAML: Map keys must be unique/);
  });

  it.each<[string, string]>([
    ['', 'empty'],
    ['# only a comment\n', 'comment'],
    ['- a\n- b\n', 'list'],
    ['just a string\n', 'scalar'],
  ])('reports an empty or non-mapping document (%#: %s)', (text) => {
    const p = onlyProblem(text);
    expect(p).toEqual({
      location: at(1, 1),
      path: '',
      message: 'is empty or not a mapping.',
      fix: 'start from the example in the README: `images:` and `steps:` at the top level.',
    });
  });

  it('suggests a fix for an unknown key in an image (`dockerfiel`)', () => {
    const err = configError(yaml('images:', '  app:', '    dockerfiel: train.dockerfile', 'steps:', '  - name: a'));
    expect(err.problems).toEqual([
      {
        location: at(3, 5),
        path: 'images.app.dockerfiel',
        message: 'unknown key "dockerfiel".',
        fix: 'Did you mean "dockerfile"?',
      },
    ]);
    expect(err.message).toBe('images.app.dockerfiel: unknown key "dockerfiel".');
    expect(err.describe()).toBe(
      'repro.yml:3:5: images.app.dockerfiel: unknown key "dockerfiel".\n  Fix: Did you mean "dockerfile"?',
    );
    expect(err.location).toEqual(at(3, 5));
    expect(err.fix).toBe('Did you mean "dockerfile"?');
  });

  it('prints the fix once in describe()', () => {
    const err = configError(yaml('images: {app: Dockerfile}', 'steps: [{name: a}]', 'chekcs: {}'));
    const text = err.describe();
    expect(text).toContain('repro.yml:3:1: chekcs: unknown key "chekcs".');
    expect(text).toContain('Fix: Did you mean "checks"?');
    expect(text.split('Fix:')).toHaveLength(2);
  });

  it('reports an unknown top-level key (`stpes`)', () => {
    const err = configError(yaml('images: {app: Dockerfile}', 'stpes:', '  - name: a'));
    expect(err.problems).toEqual([
      { location: at(2, 1), path: 'stpes', message: 'unknown key "stpes".', fix: 'Did you mean "steps"?' },
    ]);
  });

  it('takes a build-and-push-only config without steps (issue 18), but not metrics that no step writes', () => {
    const config = parseConfig(yaml('name: release', 'images: {app: Dockerfile}', 'push: {image: ghcr.io/o/p}'), FILE);
    expect(config.steps).toEqual([]);
    expect(onlyProblem(yaml('images: {app: Dockerfile}', 'metrics: m.json'))).toMatchObject({
      path: 'metrics',
      message: 'is read after the steps, and there is no step to write it.',
      fix: 'add the step that writes it under `steps:`, or remove `metrics:` and `checks:` for a build-and-push-only config.',
    });
  });

  it('lists the known keys when nothing is close', () => {
    const p = onlyProblem(yaml(...base, '    colour: blue'));
    expect(p).toEqual({
      location: at(4, 5),
      path: 'steps[0].colour',
      message: 'unknown key "colour".',
      fix: 'Expected one of: name, image, command, args, env, mounts, workdir, timeout, gpus, network, shm-size, memory, cpus, ulimits, ipc, user, pass-env, caches, heartbeat',
    });
  });

  it.each<[string, string[], ConfigProblem]>([
    [
      'timeout as words',
      ['    timeout: ten minutes'],
      {
        location: at(4, 14),
        path: 'steps[0].timeout',
        message: 'the string "ten minutes" is not a duration.',
        fix: 'write seconds as a number, or a duration such as `90s`, `30m` or `1h30m`.',
      },
    ],
    [
      'timeout zero',
      ['    timeout: 0'],
      {
        location: at(4, 14),
        path: 'steps[0].timeout',
        message: 'number 0 is not a duration.',
        fix: 'write seconds as a number, or a duration such as `90s`, `30m` or `1h30m`.',
      },
    ],
    [
      'env as a list',
      ['    env:', '      - SEED=1'],
      {
        location: at(5, 7),
        path: 'steps[0].env',
        message: 'expected a mapping of names to values, got a list.',
        fix: 'write `NAME: value` lines, indented under the key.',
      },
    ],
    [
      'env with a bad name',
      ['    env: {"MY-VAR": 1}'],
      {
        location: at(4, 11),
        path: 'steps[0].env.MY-VAR',
        message: '"MY-VAR" is not a valid name.',
        fix: 'Use an environment variable name such as SEED.',
      },
    ],
    [
      'env with an empty value',
      ['    env: {SEED: }'],
      {
        location: at(4, 17),
        path: 'steps[0].env.SEED',
        message: 'has no value.',
        fix: 'write a value, or quote an empty one as `""`.',
      },
    ],
    [
      'mounts as a string',
      ['    mounts: data:/data'],
      {
        location: at(4, 13),
        path: 'steps[0].mounts',
        message: 'expected a list, got the string "data:/data".',
        fix: 'write a YAML list, one `- item` per line.',
      },
    ],
    [
      'invalid mount syntax (no container path)',
      ['    mounts: [data]'],
      {
        location: at(4, 14),
        path: 'steps[0].mounts[0]',
        message: '"data" is not valid.',
        fix: 'Write HOST:CONTAINER or HOST:CONTAINER:ro, e.g. `data:/data:ro` (HOST relative to repro.yml, CONTAINER absolute).',
      },
    ],
    [
      'invalid mount syntax (relative container path)',
      ['    mounts: ["data:data"]'],
      {
        location: at(4, 14),
        path: 'steps[0].mounts[0]',
        message: '"data:data" is not valid.',
        fix: 'Write HOST:CONTAINER or HOST:CONTAINER:ro, e.g. `data:/data:ro` (HOST relative to repro.yml, CONTAINER absolute).',
      },
    ],
    [
      'invalid mount mode',
      ['    mounts: ["data:/data:readonly"]'],
      {
        location: at(4, 14),
        path: 'steps[0].mounts[0]',
        message: '"data:/data:readonly" is not valid.',
        fix: 'Write HOST:CONTAINER or HOST:CONTAINER:ro, e.g. `data:/data:ro` (HOST relative to repro.yml, CONTAINER absolute).',
      },
    ],
    [
      'gpus with an invalid value',
      ['    gpus: yes please'],
      {
        location: at(4, 11),
        path: 'steps[0].gpus',
        message: '"yes please" is not valid.',
        fix: 'Use `all`, a count such as `2`, `device=0,2`, `none` or `optional`.',
      },
    ],
    [
      'gpus zero',
      ['    gpus: 0'],
      {
        location: at(4, 11),
        path: 'steps[0].gpus',
        message: '"0" is not valid.',
        fix: 'Use `all`, a count such as `2`, `device=0,2`, `none` or `optional`.',
      },
    ],
    [
      'gpus as a boolean',
      ['    gpus: true'],
      {
        location: at(4, 11),
        path: 'steps[0].gpus',
        message: 'expected a string, got boolean true.',
        fix: 'write a string (quote it if needed).',
      },
    ],
    [
      'relative workdir',
      ['    workdir: app'],
      {
        location: at(4, 14),
        path: 'steps[0].workdir',
        message: '"app" is not valid.',
        fix: 'Use an absolute path in the container, e.g. `/app`.',
      },
    ],
    [
      'command with an unclosed quote',
      ['    command: python -c "print(1)'],
      {
        location: at(4, 14),
        path: 'steps[0].command',
        message: 'cannot be split into words: unclosed " quote.',
        fix: 'close the quote, or write the command as a list: `["python", "train.py"]`.',
      },
    ],
    [
      'command as a mapping',
      ['    command: {run: x}'],
      {
        location: at(4, 14),
        path: 'steps[0].command',
        message: 'expected a command, got a mapping.',
        fix: 'write a list such as `["python", "train.py"]` or a string such as `python train.py`.',
      },
    ],
  ])('reports a wrong type: %s', (_name, lines, problem) => {
    expect(onlyProblem(yaml(...base, ...lines))).toEqual(problem);
  });

  it('reports checks min given as a string', () => {
    const p = onlyProblem(yaml(...base, 'metrics: m.json', 'checks:', '  accuracy:', '    min: "0.9"'));
    expect(p).toEqual({
      location: at(7, 10),
      path: 'checks.accuracy.min',
      message: 'expected a number, got the string "0.9".',
      fix: 'write a number such as `0.9` (no quotes).',
    });
  });

  it('reports a rule with no condition', () => {
    const p = onlyProblem(yaml(...base, 'metrics: m.json', 'checks:', '  accuracy: {}'));
    expect(p).toEqual({
      location: at(6, 13),
      path: 'checks.accuracy',
      message: 'rule for "accuracy" has no condition.',
      fix: 'add `min:`, `max:`, `reference:` or `no-worse-than-base:`.',
    });
  });

  it('reports min above max', () => {
    const p = onlyProblem(yaml(...base, 'metrics: m.json', 'checks:', '  loss:', '    min: 0.9', '    max: 0.1'));
    expect(p).toEqual({
      location: at(7, 5),
      path: 'checks.loss',
      message: 'min 0.9 is above max 0.1, so the rule can never pass.',
      fix: 'swap them.',
    });
  });

  it('reads push tags, flavor, labels and retries', () => {
    const push = parseConfig(
      yaml(
        ...base,
        'push:',
        '  image: ghcr.io/o/p',
        '  tags: [type=sha, "type=semver,pattern={{version}}"]',
        '  flavor: {latest: false, suffix: -cpu}',
        '  labels: {org.example.paper: arXiv 2401, org.example.year: 2024}',
        '  retries: 5',
        '  timeout: 20m',
      ),
      FILE,
    ).push;
    expect({ ...push, tags: push.tags?.map((t) => t.source) }).toEqual({
      image: 'ghcr.io/o/p',
      when: 'auto',
      tags: ['type=sha', 'type=semver,pattern={{version}}'],
      flavor: { latest: 'false', prefix: '', suffix: '-cpu', prefixOnLatest: false, suffixOnLatest: false },
      labels: { 'org.example.paper': 'arXiv 2401', 'org.example.year': '2024' },
      annotations: {},
      retries: 5,
      timeoutSeconds: 1200,
      dirty: 'refuse',
    });
  });

  it('reports a bad tag rule at its line', () => {
    const p = onlyProblem(yaml(...base, 'push:', '  tags:', '    - type=sha', '    - type=ref,event=branches'));
    expect(p).toEqual({
      location: at(7, 7),
      path: 'push.tags[1]',
      message: '"type=ref,event=branches": event=branches is not one of branch, tag, pr.',
      fix: 'write `event=branch`, `event=tag` or `event=pr`.',
    });
  });

  it('accepts min equal to max', () => {
    expect(
      parseConfig(yaml(...base, 'metrics: m.json', 'checks:', '  n: {min: 3, max: 3}'), FILE).checks[0],
    ).toMatchObject({ metric: 'n', min: 3, max: 3 });
  });

  it('reports checks without metrics', () => {
    const p = onlyProblem(yaml(...base, 'checks:', '  accuracy: {min: 0.9}'));
    expect(p).toEqual({
      location: at(5, 3),
      path: 'checks',
      message: 'has rules but no metrics file is configured.',
      fix: 'add `metrics: results/metrics.json` (where a step writes its metrics on the host).',
    });
  });

  it('reports an unknown image with a suggestion', () => {
    const p = onlyProblem(
      yaml('images:', '  train: {}', '  evaluate: {}', 'steps:', '  - name: a', '    image: trian'),
    );
    expect(p).toEqual({
      location: at(6, 12),
      path: 'steps[0].image',
      message: 'no image named "trian" under images.',
      fix: 'did you mean "train"?',
    });
  });

  it('reports an unknown image with the list when nothing is close', () => {
    const p = onlyProblem(
      yaml('images:', '  train: {}', '  evaluate: {}', 'steps:', '  - name: a', '    image: gpu-box'),
    );
    expect(p.fix).toBe('expected one of: train, evaluate');
  });

  it('reports a step without image when there are several images', () => {
    const p = onlyProblem(yaml('images:', '  train: {}', '  evaluate: {}', 'steps:', '  - name: a'));
    expect(p).toEqual({
      location: at(5, 5),
      path: 'steps[0]',
      message: 'step "a" does not say which image it runs.',
      fix: 'add `image:` with one of: train, evaluate.',
    });
  });

  it('reports a duplicate step name at the second one', () => {
    const p = onlyProblem(yaml(...base, '  - name: b', '  - name: a'));
    expect(p).toEqual({
      location: at(5, 11),
      path: 'steps[2].name',
      message: 'step name "a" is used twice.',
      fix: 'give every step its own name.',
    });
  });

  it.each<[string, string, number]>([
    ['../data:/data', '../data', 13],
    ['/etc:/etc', '/etc', 13],
    ['data/../../x:/x:ro', 'data/../../x', 13],
  ])('reports mount %j escaping the project', (mount, host, column) => {
    const p = onlyProblem(yaml(...base, `    mounts: ["${mount}"]`));
    expect(p).toEqual({
      location: at(4, column + 1),
      path: 'steps[0].mounts[0]',
      message: `host path "${host}" is outside the project folder /work/proj.`,
      fix: 'use a folder inside the project (paths are relative to repro.yml); move or copy the data there.',
    });
  });

  it.each<[string, string]>([
    ['..data:/data', '/work/proj/..data'],
    ['./:/work', '/work/proj'],
    ['/work/proj/data:/data', '/work/proj/data'],
    ['a/../b:/b', '/work/proj/b'],
  ])('accepts mount %j inside the project', (mount, host) => {
    expect(parseConfig(yaml(...base, `    mounts: ["${mount}"]`), FILE).steps[0].mounts[0].host).toBe(host);
  });

  it('reports a results folder outside the project', () => {
    const p = onlyProblem(yaml(...base, 'results: ../out'));
    expect(p).toEqual({
      location: at(4, 10),
      path: 'results',
      message: '"../out" is outside the project folder.',
      fix: 'use a folder inside the project, e.g. `.repro-ci`.',
    });
  });

  it.each<[string, string[], ConfigProblem]>([
    [
      'version 2',
      ['version: 2'],
      { location: at(4, 10), path: 'version', message: 'version 2 is not supported.', fix: 'write `version: 1`.' },
    ],
    [
      'bad name',
      ['name: My Project'],
      {
        location: at(4, 7),
        path: 'name',
        message: '"My Project" is not valid.',
        fix: 'Use lower-case letters and digits, joined by single `.` or `_`, or by dashes, as docker takes them in an image name, e.g. `mnist-baseline`.',
      },
    ],
    [
      'bad push.when',
      ['push: {image: ghcr.io/o/p, when: sometimes}'],
      {
        location: at(4, 34),
        path: 'push.when',
        message: '"sometimes" is not allowed.',
        fix: 'Expected one of: auto, always, never',
      },
    ],
    [
      'push.when typo',
      ['push: {when: alwys}'],
      { location: at(4, 14), path: 'push.when', message: '"alwys" is not allowed.', fix: 'Did you mean "always"?' },
    ],
    [
      'upper-case push.image',
      ['push: {image: GHCR.io/O/P}'],
      {
        location: at(4, 15),
        path: 'push.image',
        message: '"GHCR.io/O/P" is not valid.',
        fix: 'Use a lower-case repository such as `ghcr.io/owner/project` or `127.0.0.1:5000/project`.',
      },
    ],
  ])('reports a top-level problem: %s', (_name, lines, problem) => {
    expect(onlyProblem(yaml(...base, ...lines))).toEqual(problem);
  });

  it('reports a missing step name and a bad step name', () => {
    const err = configError(yaml('images: {app: Dockerfile}', 'steps:', '  - image: app', '  - name: "-bad"'));
    expect(err.problems).toEqual([
      {
        location: at(3, 5),
        path: 'steps[0].name',
        message: 'is required but missing.',
        fix: 'add `name:` (Step name, unique).',
      },
      {
        location: at(4, 11),
        path: 'steps[1].name',
        message: '"-bad" is not valid.',
        fix: 'Use letters, digits, `.`, `_` and `-`, e.g. `train`.',
      },
    ]);
  });

  it('reports an empty images map and an invalid image key', () => {
    expect(onlyProblem(yaml('images: {}', 'steps: [{name: a}]'))).toEqual({
      location: at(1, 9),
      path: 'images',
      message: 'lists no image.',
      fix: 'add one, e.g. `images: { app: Dockerfile }`.',
    });
    expect(onlyProblem(yaml('images: {Train: Dockerfile}', 'steps: [{name: a}]'))).toEqual({
      location: at(1, 10),
      path: 'images.Train',
      message: '"Train" is not a valid name.',
      fix: 'Use a lower-case name such as `train` (letters and digits, joined by `_` or dashes, as docker takes them in an image name).',
    });
  });

  it('reports an empty steps list', () => {
    expect(onlyProblem(yaml('images: {app: Dockerfile}', 'steps: []'))).toEqual({
      location: at(2, 8),
      path: 'steps',
      message: 'lists no step.',
      fix: 'add at least one step, e.g. `- name: train`.',
    });
  });

  it('reports several schema problems together, each with its position', () => {
    const err = configError(
      yaml(
        'images:', // 1
        '  app:', // 2
        '    dockerfiel: x', // 3
        'steps:', // 4
        '  - name: a', // 5
        '    timeout: ten minutes', // 6
        '    env: [A]', // 7
        '    gpus: lots', // 8
        'checks:', // 9
        '  acc: {min: high}', // 10
      ),
    );
    expect(err.problems.map((p) => [p.path, p.location.line, p.location.column])).toEqual([
      ['images.app.dockerfiel', 3, 5],
      ['steps[0].timeout', 6, 14],
      ['steps[0].env', 7, 10],
      ['steps[0].gpus', 8, 11],
      ['checks.acc.min', 10, 14],
    ]);
    expect(err.location).toBeUndefined();
    expect(err.fix).toBeUndefined();
    expect(err.message.split('\n')).toEqual([
      '5 problems in repro.yml:',
      '  - repro.yml:3:5: images.app.dockerfiel: unknown key "dockerfiel". Fix: Did you mean "dockerfile"?',
      '  - repro.yml:6:14: steps[0].timeout: the string "ten minutes" is not a duration. Fix: write seconds as a number, or a duration such as `90s`, `30m` or `1h30m`.',
      '  - repro.yml:7:10: steps[0].env: expected a mapping of names to values, got a list. Fix: write `NAME: value` lines, indented under the key.',
      '  - repro.yml:8:11: steps[0].gpus: "lots" is not valid. Fix: Use `all`, a count such as `2`, `device=0,2`, `none` or `optional`.',
      '  - repro.yml:10:14: checks.acc.min: expected a number, got the string "high". Fix: write a number such as `0.9` (no quotes).',
    ]);
  });

  it('reports several semantic problems together', () => {
    const err = configError(
      yaml(
        'images:', // 1
        '  train: {}', // 2
        '  eval: {}', // 3
        'steps:', // 4
        '  - name: a', // 5
        '    image: trian', // 6
        '    mounts: ["../x:/x"]', // 7
        '  - name: a', // 8
        '    image: eval', // 9
        'checks:', // 10
        '  acc: {min: 2, max: 1}', // 11
      ),
    );
    expect(err.problems.map((p) => `${p.location.line}:${p.location.column} ${p.path}: ${p.message}`)).toEqual([
      '6:12 steps[0].image: no image named "trian" under images.',
      '7:14 steps[0].mounts[0]: host path "../x" is outside the project folder /work/proj.',
      '8:11 steps[1].name: step name "a" is used twice.',
      '11:8 checks.acc: min 2 is above max 1, so the rule can never pass.',
      '11:3 checks: has rules but no metrics file is configured.',
    ]);
  });
});

describe('parseMount', () => {
  it.each<[string, { host: string; container: string; readOnly: boolean }, boolean]>([
    ['data:/data', { host: '/r/data', container: '/data', readOnly: false }, false],
    ['data:/data:ro', { host: '/r/data', container: '/data', readOnly: true }, false],
    ['data:/data:rw', { host: '/r/data', container: '/data', readOnly: false }, false],
    ['../up:/up', { host: '/up', container: '/up', readOnly: false }, true],
    ['/abs:/abs:ro', { host: '/abs', container: '/abs', readOnly: true }, true],
    ['..hidden:/h', { host: '/r/..hidden', container: '/h', readOnly: false }, false],
  ])('%j', (text, spec, escapes) => {
    expect(parseMount(text, '/r')).toEqual({ spec, escapes });
  });
});

describe('loadConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'repro-ci-config-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };

  it('loads a config whose files exist', () => {
    write(
      'repro.yml',
      yaml('images:', '  train: {dockerfile: docker/train.dockerfile, context: docker}', 'steps: [{name: a}]'),
    );
    write('docker/train.dockerfile', 'FROM scratch\n');
    const config = loadConfig(path.join(dir, 'repro.yml'));
    expect(config.root).toBe(dir);
    expect(config.images[0].dockerfile).toBe(path.join(dir, 'docker/train.dockerfile'));
  });

  it('reports a missing config file', () => {
    const file = path.join(dir, 'nope.yml');
    let err: unknown;
    try {
      loadConfig(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ReproError);
    const e = err as ReproError;
    expect(e.message).toBe(`config file ${path.relative(process.cwd(), file)} not found.`);
    expect(e.fix).toBe(
      'create repro.yml (see the README quick start), or point the `config` input / `--config` option at yours.',
    );
    expect(e.location).toEqual({ file: path.relative(process.cwd(), file) });
  });

  it('reports a missing Dockerfile', () => {
    write('repro.yml', yaml('images:', '  train: train.dockerfile', 'steps: [{name: a}]'));
    let err: unknown;
    try {
      loadConfig(path.join(dir, 'repro.yml'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const display = path.relative(process.cwd(), path.join(dir, 'repro.yml'));
    expect((err as ConfigError).problems).toEqual([
      {
        location: { file: display, line: 2, column: 10 },
        path: 'images.train.dockerfile',
        message: 'Dockerfile "train.dockerfile" not found.',
        fix: 'write the path relative to repro.yml, e.g. `dockerfile: train.dockerfile`.',
      },
    ]);
  });

  it('reports a missing context folder (and a context that is a file)', () => {
    write(
      'repro.yml',
      yaml('images:', '  a: {context: missing}', '  b: {context: file.txt}', 'steps: [{name: s, image: a}]'),
    );
    write('Dockerfile', 'FROM scratch\n');
    write('file.txt', 'x');
    let err: unknown;
    try {
      loadConfig(path.join(dir, 'repro.yml'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems;
    expect(problems.map((p) => [p.path, p.message, p.location.line])).toEqual([
      ['images.a.context', 'build context folder "missing" does not exist.', 2],
      ['images.b.context', 'build context folder "file.txt" does not exist.', 3],
    ]);
    expect(problems[0].fix).toBe('point `context:` at an existing folder, relative to repro.yml.');
  });
});
