/**
 * The workflow examples stay true to the action: every `with:` of repro-ci names an input action.yml
 * declares (read live), every `steps.<id>.outputs.<name>` of a repro-ci step an output it declares, and
 * every config a workflow points at (matrix expanded) validates. The workflow `repro-ci init` writes too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../src/config/config.js';
import { planInit } from '../../src/init/plan.js';
import { REPO_ROOT } from '../support/runner.js';

const DIR = path.join(REPO_ROOT, 'workflows-examples');
const CONFIGS = path.join(DIR, 'configs');
const action = parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
};

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on'?: unknown;
  steps?: Step[];
  strategy?: { matrix?: Record<string, unknown> };
}
interface Workflow {
  name?: string;
  on?: unknown;
  jobs: Record<string, Job>;
}

const isOurs = (s: Step) => typeof s.uses === 'string' && /^repro-ci\/repro-ci@/.test(s.uses);

/** Every combination of the matrix's list values, plus `include` entries. */
function matrixCombos(matrix: Record<string, unknown> | undefined): Record<string, string>[] {
  if (!matrix) return [{}];
  let combos: Record<string, string>[] = [{}];
  for (const [k, v] of Object.entries(matrix)) {
    if (k === 'include' || k === 'exclude' || !Array.isArray(v)) continue;
    combos = combos.flatMap((c) => v.map((x) => ({ ...c, [k]: String(x) })));
  }
  for (const inc of (matrix.include as Record<string, unknown>[] | undefined) ?? [])
    combos.push(Object.fromEntries(Object.entries(inc).map(([k, x]) => [k, String(x)])));
  return combos;
}

/** Problems of one workflow, as readable strings (empty when it is right). */
function problems(file: string, wf: Workflow): { problems: string[]; configs: string[]; ourSteps: number } {
  const out: string[] = [];
  const configs: string[] = [];
  let ourSteps = 0;
  if (wf.on === undefined) out.push(`${file}: no \`on:\``);
  for (const [jobName, job] of Object.entries(wf.jobs ?? {})) {
    if (job['runs-on'] === undefined) out.push(`${file}: job ${jobName} has no runs-on`);
    const ourIds = new Set(
      (job.steps ?? [])
        .filter(isOurs)
        .map((s) => s.id)
        .filter(Boolean),
    );
    for (const step of job.steps ?? []) {
      if (!isOurs(step)) continue;
      ourSteps++;
      for (const input of Object.keys(step.with ?? {}))
        if (!(input in action.inputs))
          out.push(`${file}: job ${jobName}: input "${input}" is not declared in action.yml`);
      const config = String(step.with?.config ?? 'repro.yml');
      const dir = String(step.with?.['working-directory'] ?? '.');
      for (const combo of matrixCombos(job.strategy?.matrix)) {
        const resolved = config.replace(
          /\$\{\{\s*matrix\.([\w-]+)\s*\}\}/g,
          (_, k: string) => combo[k] ?? `<no matrix.${k}>`,
        );
        configs.push(path.join(dir, resolved));
      }
    }
    // Outputs read from our steps anywhere in the job must be declared.
    const text = JSON.stringify(job);
    for (const m of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      if (ourIds.has(m[1]) && !(m[2] in action.outputs))
        out.push(`${file}: job ${jobName}: output "${m[2]}" of step ${m[1]} is not declared in action.yml`);
    }
  }
  return { problems: out, configs, ourSteps };
}

const workflows = readdirSync(DIR)
  .filter((f) => f.endsWith('.yml'))
  .sort();

describe('workflows-examples/', () => {
  it('holds the six workflows the README lists', () => {
    expect(workflows).toEqual([
      'every-push.yml',
      'gpu-self-hosted.yml',
      'matrix-seeds.yml',
      'release.yml',
      'scheduled-reverify.yml',
      'with-metadata-action.yml',
    ]);
    const readme = readFileSync(path.join(DIR, 'README.md'), 'utf8');
    for (const f of workflows) expect(readme).toContain(`](${f})`);
  });

  it.each(workflows)('%s: inputs and outputs exist, configs validate', (file) => {
    const wf = parse(readFileSync(path.join(DIR, file), 'utf8')) as Workflow;
    const r = problems(file, wf);
    expect(r.problems).toEqual([]);
    expect(r.ourSteps).toBeGreaterThan(0);
    for (const c of r.configs) {
      const abs = path.join(CONFIGS, c);
      expect(() => parseConfig(readFileSync(abs, 'utf8'), abs, `configs/${c}`), `configs/${c}`).not.toThrow();
    }
  });

  it('the matrix example expands to one config per experiment and seed', () => {
    const wf = parse(readFileSync(path.join(DIR, 'matrix-seeds.yml'), 'utf8')) as Workflow;
    expect(problems('matrix-seeds.yml', wf).configs).toEqual(
      [1, 2, 3].flatMap(() => ['experiment-small.yml', 'experiment-large.yml']),
    );
  });

  it('the checker catches an undeclared input, an undeclared output and a matrix value with no config', () => {
    const wf: Workflow = {
      on: 'push',
      jobs: {
        j: {
          'runs-on': 'ubuntu-latest',
          strategy: { matrix: { x: ['a'] } },
          steps: [
            { id: 'r', uses: 'repro-ci/repro-ci@v1', with: { confg: 'x.yml', config: '${{ matrix.y }}.yml' } },
            { uses: 'actions/upload-artifact@v4', with: { path: '${{ steps.r.outputs.result-dir }}' } },
          ],
        },
      },
    };
    const r = problems('bad.yml', wf);
    expect(r.problems).toEqual([
      'bad.yml: job j: input "confg" is not declared in action.yml',
      'bad.yml: job j: output "result-dir" of step r is not declared in action.yml',
    ]);
    expect(r.configs).toEqual(['<no matrix.y>.yml']);
  });

  it('the workflow `repro-ci init` writes passes the same checks', () => {
    const plan = planInit({ files: [], read: () => undefined, name: 'p' });
    const wf = parse(plan.files.find((f) => f.path === '.github/workflows/repro.yml')!.text) as Workflow;
    const r = problems('init', wf);
    expect(r.problems).toEqual([]);
    expect(r.configs).toEqual(['repro.yml']);
  });
});
