/**
 * Runs one job of a workflow file the way a runner would, as far as these tests need: `${{ }}` expressions
 * (github, env, matrix, secrets, vars, steps, status functions) evaluated, `if:` honoured, repro-ci's steps
 * run through the action harness (RunnerJob: the bundled dist/, INPUT_*, file commands, post step),
 * `run:` steps run with bash, and other actions answered by stand-ins the test names. So the workflow
 * examples the docs promise are run, not only parsed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { RunnerJob, type StepRun } from './runner.js';

type Value = string | number | boolean | null | { [k: string]: Value } | Value[];

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  'continue-on-error'?: boolean;
}

interface Job {
  env?: Record<string, unknown>;
  steps: Step[];
}

export interface Workflow {
  on: unknown;
  jobs: Record<string, Job>;
}

/** A stand-in for an action other than repro-ci: its outputs, or an Error to fail the step. */
export type StandIn = (inputs: Record<string, string>) => Record<string, string> | Error;

export interface JobRunOptions {
  workspace: string;
  eventName: string;
  payload?: Record<string, Value>;
  ref?: string;
  sha?: string;
  repository?: string;
  matrix?: Record<string, Value>;
  secrets?: Record<string, string>;
  vars?: Record<string, string>;
  /** Environment for every step (the cache service, the GitHub API stand-in...). */
  env?: Record<string, string>;
  /** Applied to every input of repro-ci after evaluation (e.g. a registry host to the local registry). */
  rewrite?: (value: string) => string;
  /** Stand-ins by action name (`docker/metadata-action`), over the default no-op ones. */
  uses?: Record<string, StandIn>;
}

export interface StepResult {
  id?: string;
  label: string;
  skipped: boolean;
  outcome: 'success' | 'failure' | 'skipped';
  outputs: Record<string, string>;
  /** repro-ci's run, for its stdout, summary and state. */
  action?: StepRun;
  /** A `run:` step's output. */
  output?: string;
}

export interface JobRun {
  steps: StepResult[];
  /** The job's step summary, as GitHub shows it (every step's summary file, in order). */
  summary: string;
  ok: boolean;
  /** What repro-ci's step (by id) got as inputs, after expressions. */
  inputs: Record<string, Record<string, string>>;
}

/** Actions the examples use that these tests need not run: the checkout is the workspace, buildx is the engine's. */
const NO_OPS = ['actions/checkout', 'docker/setup-buildx-action', 'docker/login-action'];

export function readWorkflow(file: string): Workflow {
  return parse(readFileSync(file, 'utf8')) as Workflow;
}

/** Whether the workflow runs on this event. */
export function triggers(wf: Workflow, event: string): boolean {
  const on = wf.on;
  if (typeof on === 'string') return on === event;
  if (Array.isArray(on)) return on.includes(event);
  return !!on && typeof on === 'object' && event in on;
}

export async function runJob(wf: Workflow, jobName: string, o: JobRunOptions): Promise<JobRun> {
  const job = wf.jobs[jobName];
  if (!job) throw new Error(`test bug: no job ${jobName}`);
  if (!triggers(wf, o.eventName)) throw new Error(`test bug: the workflow does not run on ${o.eventName}`);
  const temp = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-workflow-'));
  const steps: Record<string, { outcome: string; conclusion: string; outputs: Record<string, string> }> = {};
  const ctx: Record<string, Value> = {
    github: {
      event_name: o.eventName,
      event: o.payload ?? {},
      ref: o.ref ?? 'refs/heads/main',
      sha: o.sha ?? '0123456789abcdef0123456789abcdef01234567',
      repository: o.repository ?? 'octo-org/mnist',
      actor: 'octocat',
      token: 'ghs_faketoken0000000000000000000000000000',
    },
    matrix: o.matrix ?? {},
    secrets: { GITHUB_TOKEN: 'ghs_faketoken0000000000000000000000000000', ...o.secrets },
    vars: o.vars ?? {},
    steps: steps as unknown as Value,
    env: {},
  };
  let failed = false;
  const fns = { always: () => true, success: () => !failed, failure: () => failed, cancelled: () => false };
  const jobEnv = Object.fromEntries(
    Object.entries(job.env ?? {}).map(([k, v]) => [k, interpolate(String(v), ctx, fns)]),
  );
  ctx.env = jobEnv;
  const results: StepResult[] = [];
  const inputs: JobRun['inputs'] = {};
  const summaries: string[] = [];
  for (const [i, step] of job.steps.entries()) {
    const label = step.name ?? step.uses ?? step.run?.split('\n')[0] ?? `step ${i}`;
    const cond = step.if === undefined ? 'success()' : step.if.replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
    const statusFn = /\b(always|success|failure|cancelled)\(/.test(cond);
    const run = truthy(evaluate(statusFn ? cond : `success() && (${cond})`, ctx, fns));
    if (!run) {
      results.push({ id: step.id, label, skipped: true, outcome: 'skipped', outputs: {} });
      if (step.id) steps[step.id] = { outcome: 'skipped', conclusion: 'skipped', outputs: {} };
      continue;
    }
    const env = {
      ...jobEnv,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, interpolate(String(v), ctx, fns)])),
    };
    const withs = Object.fromEntries(
      Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(String(v), ctx, fns)]),
    );
    let outcome: 'success' | 'failure' = 'success';
    let outputs: Record<string, string> = {};
    let action: StepRun | undefined;
    let output: string | undefined;
    const name = step.uses?.replace(/@.*$/, '');
    if (name === 'repro-ci/repro-ci') {
      const given = Object.fromEntries(Object.entries(withs).map(([k, v]) => [k, o.rewrite ? o.rewrite(v) : v]));
      if (step.id) inputs[step.id] = given;
      const runner = new RunnerJob({
        workspace: o.workspace,
        inputs: given,
        eventName: o.eventName,
        payload: o.payload,
        ref: String((ctx.github as Record<string, Value>).ref),
        sha: String((ctx.github as Record<string, Value>).sha),
        repository: String((ctx.github as Record<string, Value>).repository),
        env: { ...o.env, ...env },
      });
      action = await runner.main();
      await runner.post();
      outcome = action.exitCode === 0 ? 'success' : 'failure';
      outputs = action.outputs;
      summaries.push(action.summary);
    } else if (name) {
      const standIn = o.uses?.[name] ?? (NO_OPS.includes(name) ? () => ({}) : undefined);
      if (!standIn) throw new Error(`test bug: no stand-in for ${name}`);
      const r = standIn(withs);
      if (r instanceof Error) {
        outcome = 'failure';
        output = r.message;
      } else outputs = r;
    } else if (step.run !== undefined) {
      const summaryFile = path.join(temp, `summary-${i}`);
      writeFileSync(summaryFile, '');
      const script = interpolate(step.run, ctx, fns);
      const r = spawnSync('bash', ['-e', '-c', script], {
        cwd: o.workspace,
        env: { ...process.env, ...o.env, ...env, GITHUB_STEP_SUMMARY: summaryFile, CI: 'true' },
        encoding: 'utf8',
      });
      output = `${r.stdout}${r.stderr}`;
      outcome = r.status === 0 ? 'success' : 'failure';
      summaries.push(readFileSync(summaryFile, 'utf8'));
    }
    const conclusion = outcome === 'failure' && step['continue-on-error'] ? 'success' : outcome;
    if (conclusion === 'failure') failed = true;
    if (step.id) steps[step.id] = { outcome, conclusion, outputs };
    results.push({ id: step.id, label, skipped: false, outcome, outputs, action, output });
  }
  return { steps: results, summary: summaries.join(''), ok: !failed, inputs };
}

/** `text` with every `${{ expr }}` replaced by its value, as GitHub renders it. */
export function interpolate(text: string, ctx: Record<string, Value>, fns: Record<string, () => boolean> = {}): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, e: string) => render(evaluate(e, ctx, fns)));
}

function render(v: Value): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function truthy(v: Value): boolean {
  return !(v === null || v === undefined || v === false || v === '' || v === 0);
}

/** GitHub's loose equality: strings case-insensitively, null and '' alike. */
function equal(a: Value, b: Value): boolean {
  const norm = (x: Value) => (x === null || x === undefined ? '' : typeof x === 'string' ? x.toLowerCase() : x);
  return norm(a) === norm(b) || (typeof a !== typeof b && String(norm(a)) === String(norm(b)));
}

/**
 * Evaluates a GitHub Actions expression: literals, context paths (names may hold `-`), `!`, `==`, `!=`,
 * `&&`, `||`, parentheses and the status functions.
 */
export function evaluate(expr: string, ctx: Record<string, Value>, fns: Record<string, () => boolean> = {}): Value {
  const tokens = expr.match(/'(?:[^']|'')*'|&&|\|\||==|!=|[()!.[\]]|[\w-]+/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const or = (): Value => {
    let v = and();
    while (peek() === '||') {
      next();
      const r = and();
      v = truthy(v) ? v : r;
    }
    return v;
  };
  const and = (): Value => {
    let v = unary();
    while (peek() === '&&') {
      next();
      const r = unary();
      v = truthy(v) ? r : v;
    }
    return v;
  };
  const unary = (): Value => {
    if (peek() === '!') {
      next();
      return !truthy(unary());
    }
    const left = primary();
    if (peek() === '==' || peek() === '!=') {
      const op = next();
      const right = primary();
      return op === '==' ? equal(left, right) : !equal(left, right);
    }
    return left;
  };
  const primary = (): Value => {
    const t = next();
    if (t === undefined) throw new Error(`test bug: expression ends early: ${expr}`);
    if (t === '(') {
      const v = or();
      if (next() !== ')') throw new Error(`test bug: no ) in ${expr}`);
      return v;
    }
    if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
    if (/^\d+$/.test(t)) return Number(t);
    if (t === 'true' || t === 'false') return t === 'true';
    if (t === 'null') return null;
    if (peek() === '(') {
      next();
      if (next() !== ')') throw new Error(`test bug: only status functions are supported: ${expr}`);
      const fn = fns[t];
      if (!fn) throw new Error(`test bug: no function ${t}()`);
      return fn();
    }
    let v: Value = ctx[t] ?? null;
    while (peek() === '.' || peek() === '[') {
      const key = next() === '.' ? next() : String(or());
      if (peek() === ']') next();
      v = v && typeof v === 'object' && !Array.isArray(v) ? ((v as Record<string, Value>)[key] ?? null) : null;
    }
    return v;
  };
  const v = or();
  if (i < tokens.length) throw new Error(`test bug: cannot read ${expr} past ${tokens[i]}`);
  return v;
}
