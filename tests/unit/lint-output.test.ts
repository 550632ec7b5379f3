import { describe, expect, it } from 'vitest';
import { parseInputs } from '../../src/action/inputs.js';
import { parseCli } from '../../src/cli/args.js';
import { parseConfig } from '../../src/config/config.js';
import { ConfigError, ReproError } from '../../src/errors.js';
import type { Finding } from '../../src/lint/checks.js';
import { lintTables, renderLintText, summaryLine } from '../../src/lint/report.js';
import { RULES, ruleInfo } from '../../src/lint/rules.js';
import type { LintReport } from '../../src/lint/run.js';
import { annotate } from '../../src/lint/stage.js';
import { SARIF_SCHEMA, toSarif } from '../../src/lint/sarif.js';
import { MemoryLogger } from '../../src/log.js';

const FINDINGS: Finding[] = [
  {
    rule: 'RC102',
    message: '`FROM python:3.11-slim` is not pinned by digest.',
    file: 'docker/train.dockerfile',
    line: 3,
  },
  {
    rule: 'RC201',
    message: '`torch>=2` in requirements.txt is not pinned to one version.',
    file: 'requirements dir/req.txt',
    line: 7,
  },
  { rule: 'RC501', message: 'CMD runs python without `-u`.', file: 'docker/train.dockerfile', line: 12 },
];

function report(level: LintReport['level'], findings = FINDINGS): LintReport {
  return {
    level,
    findings,
    suppressed: 1,
    files: [
      {
        dockerfile: 'docker/train.dockerfile',
        context: '.',
        contextBytes: 2048,
        contextFiles: 4,
        findings: findings.length,
      },
    ],
  };
}

/** The fields SARIF 2.1.0 requires (and GitHub code scanning reads), checked by shape. */
function assertSarifShape(doc: any): void {
  expect(doc.version).toBe('2.1.0');
  expect(doc.$schema).toBe(SARIF_SCHEMA);
  expect(Array.isArray(doc.runs)).toBe(true);
  for (const run of doc.runs) {
    expect(typeof run.tool.driver.name).toBe('string');
    expect(Array.isArray(run.tool.driver.rules)).toBe(true);
    for (const rule of run.tool.driver.rules) {
      expect(rule.id).toMatch(/^RC\d{3}$/);
      expect(typeof rule.shortDescription.text).toBe('string');
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
    }
    for (const r of run.results) {
      expect(typeof r.ruleId).toBe('string');
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(['error', 'warning', 'note']).toContain(r.level);
      expect(typeof r.message.text).toBe('string');
      expect(r.locations.length).toBeGreaterThan(0);
      for (const l of r.locations) {
        expect(typeof l.physicalLocation.artifactLocation.uri).toBe('string');
        expect(l.physicalLocation.artifactLocation.uri).not.toMatch(/^\/|\\/);
        expect(Number.isInteger(l.physicalLocation.region.startLine)).toBe(true);
        expect(l.physicalLocation.region.startLine).toBeGreaterThan(0);
      }
    }
  }
}

describe('SARIF 2.1.0', () => {
  it('has the required shape, every rule, and one result per finding', () => {
    const doc = toSarif(FINDINGS, { version: '1.2.3', failOnFindings: false }) as any;
    assertSarifShape(doc);
    expect(doc.runs[0].tool.driver.version).toBe('1.2.3');
    expect(doc.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(
      doc.runs[0].results.map((r: any) => [
        r.ruleId,
        r.level,
        r.locations[0].physicalLocation.artifactLocation.uri,
        r.locations[0].physicalLocation.region.startLine,
      ]),
    ).toEqual([
      ['RC102', 'warning', 'docker/train.dockerfile', 3],
      ['RC201', 'warning', 'requirements%20dir/req.txt', 7],
      ['RC501', 'note', 'docker/train.dockerfile', 12],
    ]);
    expect(doc.runs[0].results[0].message.text).toBe(
      `\`FROM python:3.11-slim\` is not pinned by digest. Fix: ${ruleInfo('RC102').fix}`,
    );
    expect(doc.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uriBaseId).toBe('%SRCROOT%');
  });

  it('at lint: error, warnings become errors; notes stay notes', () => {
    const doc = toSarif(FINDINGS, { version: '1', failOnFindings: true }) as any;
    assertSarifShape(doc);
    expect(doc.runs[0].results.map((r: { level: string }) => r.level)).toEqual(['error', 'error', 'note']);
  });

  it('no findings: an empty result list, still valid', () => {
    const doc = toSarif([], { version: '1', failOnFindings: false }) as any;
    assertSarifShape(doc);
    expect(doc.runs[0].results).toEqual([]);
  });
});

describe('reports and annotations', () => {
  it('terminal text', () => {
    expect(renderLintText(report('warn'))).toBe(
      [
        'docker/train.dockerfile:3: warning RC102 from-digest: `FROM python:3.11-slim` is not pinned by digest.',
        `  Fix: ${ruleInfo('RC102').fix}`,
        'requirements dir/req.txt:7: warning RC201 requirements-unpinned: `torch>=2` in requirements.txt is not pinned to one version.',
        `  Fix: ${ruleInfo('RC201').fix}`,
        'docker/train.dockerfile:12: note RC501 python-unbuffered: CMD runs python without `-u`.',
        `  Fix: ${RULES.find((r) => r.id === 'RC501')!.fix}`,
        'lint: 1 Dockerfile(s), 3 finding(s), 1 suppressed.',
        '  docker/train.dockerfile: build context . sends 4 file(s), 2.0 KiB',
      ].join('\n'),
    );
    expect(summaryLine(report('error'))).toBe('lint: 1 Dockerfile(s), 3 finding(s), 2 at level error, 1 suppressed.');
    expect(summaryLine(report('warn', []))).toBe('lint: 1 Dockerfile(s), no findings, 1 suppressed.');
  });

  it('summary tables', () => {
    const t = lintTables(report('warn'));
    expect(t.findings.rows[0]).toEqual([
      'RC102 from-digest',
      '`docker/train.dockerfile:3`',
      FINDINGS[0].message,
      ruleInfo('RC102').fix,
    ]);
    expect(t.contexts.rows).toEqual([['`docker/train.dockerfile`', '`.`', '4', '2.0 KiB']]);
  });

  it('annotations: warnings at warn, errors at error (notes stay warnings), on the file and line', () => {
    const warn = new MemoryLogger();
    annotate(report('warn'), warn);
    expect(warn.lines).toEqual([
      `warning: warning RC102 from-digest: ${FINDINGS[0].message} Fix: ${ruleInfo('RC102').fix}`,
      `warning: warning RC201 requirements-unpinned: ${FINDINGS[1].message} Fix: ${ruleInfo('RC201').fix}`,
      `warning: note RC501 python-unbuffered: ${FINDINGS[2].message} Fix: ${RULES.find((r) => r.id === 'RC501')!.fix}`,
    ]);
    const where: unknown[] = [];
    const log = {
      ...new MemoryLogger(),
      warning: (_m: string, w: unknown) => where.push(['warning', w]),
      error: (_m: string, w: unknown) => where.push(['error', w]),
    } as unknown as MemoryLogger;
    annotate(report('error'), log);
    expect(where).toEqual([
      ['error', { file: 'docker/train.dockerfile', line: 3 }],
      ['error', { file: 'requirements dir/req.txt', line: 7 }],
      ['warning', { file: 'docker/train.dockerfile', line: 12 }],
    ]);
  });
});

describe('configuration of the lint', () => {
  const yml = (lint: string) => `images: { app: Dockerfile }\nsteps: [{ name: run }]\n${lint}\n`;

  it('repro.yml: default, shorthand, object', () => {
    expect(parseConfig(yml(''), '/p/repro.yml').lint).toEqual({ level: 'warn', ignore: [] });
    expect(parseConfig(yml('lint: error'), '/p/repro.yml').lint).toEqual({ level: 'error', ignore: [] });
    expect(parseConfig(yml('lint: { level: off, ignore: [rc102, RC501] }'), '/p/repro.yml').lint).toEqual({
      level: 'off',
      ignore: ['RC102', 'RC501'],
    });
  });

  it('repro.yml: bad level and unknown rule ids say where and what to write', () => {
    const problems = (text: string) => {
      try {
        parseConfig(text, '/p/repro.yml');
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as ConfigError).problems.map((p) => [p.location.line, p.path, p.message, p.fix]);
      }
      throw new Error('expected a ConfigError');
    };
    expect(problems(yml('lint: strict'))[0].slice(0, 2)).toEqual([3, 'lint']);
    expect(problems(yml('lint: { ignore: [RC109] }'))).toEqual([
      [3, 'lint.ignore[0]', 'there is no lint rule RC109.', 'did you mean "RC101"? (docs/lint.md lists them)'],
    ]);
    expect(problems(yml('lint: { ignore: [DL3006] }'))[0].slice(0, 2)).toEqual([3, 'lint.ignore[0]']);
  });

  it('the lint input', () => {
    const get = (v: Record<string, string>) => (n: string) => v[n] ?? '';
    expect(parseInputs(get({ lint: 'Error' })).lint).toBe('error');
    expect(parseInputs(get({})).lint).toBeUndefined();
    expect(() => parseInputs(get({ lint: 'strict' }))).toThrow('input lint: "strict" is not one of warn, error, off.');
  });

  it('CLI: lint and init', () => {
    expect(parseCli(['lint'])).toEqual({
      command: 'lint',
      config: 'repro.yml',
      dockerfiles: [],
      context: undefined,
      sarif: undefined,
      error: false,
      ignore: [],
    });
    expect(
      parseCli([
        'lint',
        'a.dockerfile',
        'b/Dockerfile',
        '--context',
        '.',
        '--sarif',
        'out.sarif',
        '--error',
        '--ignore',
        'rc102, RC501',
      ]),
    ).toEqual({
      command: 'lint',
      config: 'repro.yml',
      dockerfiles: ['a.dockerfile', 'b/Dockerfile'],
      context: '.',
      sarif: 'out.sarif',
      error: true,
      ignore: ['RC102', 'RC501'],
    });
    expect(parseCli(['init', '--force'])).toEqual({
      command: 'init',
      force: true,
      run: false,
      builder: 'auto',
      quiet: false,
      verbose: false,
    });
    expect(parseCli(['init', '--run', '-q'])).toMatchObject({ command: 'init', run: true, quiet: true });
    const err = (argv: string[]) => {
      try {
        parseCli(argv);
      } catch (e) {
        return [(e as ReproError).message, (e as ReproError).fix, (e as ReproError).exitCode];
      }
      throw new Error('expected an error');
    };
    expect(err(['lint', '--ignore', 'RC1O2'])).toEqual([
      '--ignore: there is no lint rule RC1O2.',
      'did you mean "RC102"? (docs/lint.md lists the rules)',
      2,
    ]);
    expect(err(['run', '--force'])).toEqual([
      '--force is an option of `repro-ci init`, not of `run`.',
      'run `repro-ci --help` for the options of each command.',
      2,
    ]);
    expect(err(['init', 'x'])).toEqual([
      'unexpected argument "x".',
      'run `repro-ci init` in the root of the repository.',
      2,
    ]);
  });
});
