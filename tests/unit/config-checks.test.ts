/** repro.yml: metrics sources, reference and baseline rules, repeat. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../src/config/config.js';
import { ConfigError, type ConfigProblem } from '../../src/errors.js';

const FILE = '/work/proj/repro.yml';
const at = (line: number, column: number) => ({ file: 'repro.yml', line, column });
const yaml = (...lines: string[]) =>
  ['images: {app: Dockerfile}', 'steps:', '  - name: train', '  - name: evaluate', ...lines].join('\n') + '\n';

function problems(text: string): ConfigProblem[] {
  try {
    parseConfig(text, FILE);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('metrics sources', () => {
  it('keeps `metrics: path` working', () => {
    const c = parseConfig(yaml('metrics: results/m.json'), FILE);
    expect(c.metrics).toEqual({
      file: '/work/proj/results/m.json',
      where: at(5, 10),
      sources: [{ file: '/work/proj/results/m.json', format: 'json', where: at(5, 10) }],
      reference: undefined,
    });
  });

  it('reads `files`, formats, rows, prefixes and the reference', () => {
    const c = parseConfig(
      yaml(
        'metrics:',
        '  file: results/m.yaml',
        '  files:',
        '    - results/log.csv',
        '    - { path: results/s.tsv, row: test, prefix: s }',
        '    - { path: results/out.txt, format: json }',
        '    - dvc.yaml',
        '  reference: ref/m.json',
      ),
      FILE,
    );
    expect(c.metrics?.file).toBe('/work/proj/results/m.yaml');
    expect(
      c.metrics?.sources.map((s) => [path.relative('/work/proj', s.file), s.format, s.row, s.prefix, s.where.line]),
    ).toEqual([
      ['results/m.yaml', 'yaml', undefined, undefined, 6],
      ['results/log.csv', 'csv', undefined, undefined, 8],
      ['results/s.tsv', 'tsv', 'test', 's', 9],
      ['results/out.txt', 'json', undefined, undefined, 10],
      ['dvc.yaml', 'dvc', undefined, undefined, 11],
    ]);
    expect(c.metrics?.reference).toEqual({ file: '/work/proj/ref/m.json', where: at(12, 14) });
  });

  it.each<[string, string[], Partial<ConfigProblem>]>([
    [
      'no file at all',
      ['metrics: {}'],
      {
        path: 'metrics',
        message: 'names no metrics file.',
        fix: 'add `file: results/metrics.json` or a `files:` list.',
      },
    ],
    [
      'an unknown extension',
      ['metrics: results/m.txt'],
      {
        path: 'metrics',
        location: at(5, 10),
        message: 'cannot tell the format of "results/m.txt".',
        fix: 'name it *.json, *.yaml, *.yml, *.csv, *.tsv or dvc.yaml, or set `format:` (json, yaml, csv, tsv, dvc).',
      },
    ],
    [
      'an unknown format',
      ['metrics:', '  files:', '    - { path: m.txt, format: xml }'],
      { path: 'metrics.files[0].format', message: '"xml" is not allowed.' },
    ],
    [
      'a bad prefix',
      ['metrics:', '  files:', '    - { path: m.json, prefix: "a.b" }'],
      { path: 'metrics.files[0].prefix', message: '"a.b" is not valid.' },
    ],
    [
      'a reference of unknown format',
      ['metrics:', '  file: m.json', '  reference: ref.txt'],
      { path: 'metrics.reference', location: at(7, 14), message: 'cannot tell the format of "ref.txt".' },
    ],
  ])('reports %s', (_name, lines, problem) => {
    const ps = problems(yaml(...lines));
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject(problem);
  });
});

describe('rules', () => {
  it('parses reference and no-worse-than-base, with defaults and the shorthand', () => {
    const c = parseConfig(
      yaml(
        'metrics: { file: m.json, reference: ref.json }',
        'checks:',
        '  acc: { min: 0.5, reference: { atol: 0.001 }, no-worse-than-base: higher }',
        '  loss:',
        '    reference: { rtol: 0.05 }',
        '    no-worse-than-base: { direction: lower, allowed-drop: 0.01 }',
      ),
      FILE,
    );
    expect(c.checks.map(({ where: _w, ...r }) => r)).toEqual([
      {
        metric: 'acc',
        min: 0.5,
        max: undefined,
        reference: { atol: 0.001, rtol: 0 },
        base: { direction: 'higher', allowedDrop: 0 },
      },
      {
        metric: 'loss',
        min: undefined,
        max: undefined,
        reference: { atol: 0, rtol: 0.05 },
        base: { direction: 'lower', allowedDrop: 0.01 },
      },
    ]);
  });

  it.each<[string, string[], Partial<ConfigProblem>]>([
    [
      'a reference rule without a reference file',
      ['metrics: m.json', 'checks:', '  acc: { reference: { atol: 0.1 } }'],
      {
        path: 'checks.acc.reference',
        message: 'rule for "acc" compares with a reference, but no reference file is configured.',
        fix: 'add `reference: reference/metrics.json` under `metrics:` (a file committed in the repo).',
      },
    ],
    [
      'a negative atol',
      ['metrics: { file: m.json, reference: r.json }', 'checks:', '  acc: { reference: { atol: -0.1 } }'],
      {
        path: 'checks.acc.reference.atol',
        message: 'atol -0.1 is negative.',
        fix: 'write a tolerance of 0 or more, e.g. `atol: 0.01`.',
      },
    ],
    [
      'a negative allowed drop',
      ['metrics: m.json', 'checks:', '  acc: { no-worse-than-base: { direction: higher, allowed-drop: -1 } }'],
      { path: 'checks.acc.no-worse-than-base.allowed-drop', message: 'allowed-drop -1 is negative.' },
    ],
    [
      'a direction that is not higher/lower',
      ['metrics: m.json', 'checks:', '  acc: { no-worse-than-base: up }'],
      { path: 'checks.acc.no-worse-than-base', message: '"up" is not allowed.' },
    ],
    [
      'a base rule without direction',
      ['metrics: m.json', 'checks:', '  acc: { no-worse-than-base: { allowed-drop: 0.1 } }'],
      { path: 'checks.acc.no-worse-than-base.direction', message: 'is required but missing.' },
    ],
  ])('reports %s', (_name, lines, problem) => {
    const ps = problems(yaml(...lines));
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject(problem);
  });
});

describe('repeat', () => {
  it('a count alone repeats every step, rules on the mean', () => {
    expect(parseConfig(yaml('repeat: 3'), FILE).repeat).toEqual({
      count: 3,
      steps: ['train', 'evaluate'],
      seedEnv: undefined,
      checks: 'mean',
      where: at(5, 9),
    });
  });

  it('the full form', () => {
    expect(
      parseConfig(yaml('repeat: { count: 5, steps: [evaluate], seed-env: SEED, checks: each }'), FILE).repeat,
    ).toMatchObject({ count: 5, steps: ['evaluate'], seedEnv: 'SEED', checks: 'each' });
  });

  it.each<[string, string, Partial<ConfigProblem>]>([
    [
      'zero runs',
      'repeat: 0',
      {
        path: 'repeat',
        message: 'count 0 is not a whole number from 1 to 100.',
        fix: 'write how many runs, e.g. `repeat: 3`.',
      },
    ],
    [
      'a fraction',
      'repeat: { count: 2.5 }',
      { path: 'repeat.count', message: 'count 2.5 is not a whole number from 1 to 100.' },
    ],
    [
      'an unknown step',
      'repeat: { count: 2, steps: [evaluat] }',
      { path: 'repeat.steps[0]', message: 'no step named "evaluat".', fix: 'did you mean "evaluate"?' },
    ],
    [
      'a bad seed variable',
      'repeat: { count: 2, seed-env: "1SEED" }',
      { path: 'repeat.seed-env', message: '"1SEED" is not valid.' },
    ],
    [
      'an unknown mode',
      'repeat: { count: 2, checks: median }',
      { path: 'repeat.checks', message: '"median" is not allowed.' },
    ],
  ])('reports %s', (_name, line, problem) => {
    const ps = problems(yaml(line));
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject(problem);
  });
});

describe('loadConfig: the reference file must exist', () => {
  it('names the file, the line and the fix', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'repro-ci-ref-'));
    writeFileSync(path.join(dir, 'Dockerfile'), 'FROM busybox\n');
    writeFileSync(
      path.join(dir, 'repro.yml'),
      'images: {app: Dockerfile}\nsteps: [{name: a}]\nmetrics:\n  file: m.json\n  reference: reference/metrics.json\n',
    );
    let err: ConfigError | undefined;
    try {
      loadConfig(path.join(dir, 'repro.yml'));
    } catch (e) {
      err = e as ConfigError;
    }
    expect(err?.problems).toEqual([
      {
        location: expect.objectContaining({ line: 5, column: 14 }),
        path: 'metrics.reference',
        message: 'reference file "reference/metrics.json" not found.',
        fix: "commit the reference metrics (e.g. copy a trusted run's metrics file there), or fix the path, relative to repro.yml.",
      },
    ]);
    mkdirSync(path.join(dir, 'reference'));
    writeFileSync(path.join(dir, 'reference/metrics.json'), '{}');
    expect(loadConfig(path.join(dir, 'repro.yml')).metrics?.reference?.file).toBe(
      path.join(dir, 'reference/metrics.json'),
    );
  });
});
