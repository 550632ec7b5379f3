/** `repro-ci init`: scans the repository (the file-system edge of src/init/plan.ts) and writes the files. */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ReproError } from '../errors.js';
import { loadConfig } from '../config/config.js';
import { CONFIG_FILE, planInit, type InitPlan, type RepoScan } from '../init/plan.js';
import { runLocal } from './run.js';
import type { InitCommand } from './args.js';

/** Folders never worth scanning: environments, caches, build output, version control. */
const SKIP = new Set([
  '.git',
  'node_modules',
  'venv',
  '.venv',
  'env',
  '__pycache__',
  '.repro-ci',
  'dist',
  'build',
  'wandb',
  'mlruns',
  '.mypy_cache',
  '.pytest_cache',
  '.tox',
]);
/**
 * Data folders: often huge, but whether they exist (and hold something) decides a build context, so a
 * few of their files are listed.
 */
const DATA = new Set(['data', 'datasets', 'models', 'checkpoints', 'outputs', 'multirun', 'mlartifacts']);
const DATA_FILES = 20;
const MAX_DEPTH = 6;
const MAX_FILES = 5000;

export function scanRepo(root: string): RepoScan {
  const files: string[] = [];
  const walk = (dir: string, rel: string, depth: number, cap: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return 0;
    }
    let listed = 0;
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (files.length >= MAX_FILES || listed >= cap) break;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (SKIP.has(e.name) || depth >= MAX_DEPTH) continue;
        const data = DATA.has(e.name) || cap < Infinity;
        listed += walk(path.join(dir, e.name), r, depth + 1, data ? Math.min(cap - listed, DATA_FILES) : Infinity);
      } else if (e.isFile()) {
        files.push(r);
        listed++;
      }
    }
    return listed;
  };
  walk(root, '', 0, Infinity);
  const read = (rel: string) => {
    const abs = path.join(root, rel);
    try {
      return statSync(abs).isFile() && statSync(abs).size < 1024 * 1024 ? readFileSync(abs, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  };
  const gitConfig = read('.git/config') ?? '';
  const remote = /url\s*=\s*\S*github\.com[:/]([\w.-]+)\/([\w.-]+?)(?:\.git)?\s*$/m.exec(gitConfig);
  return {
    files,
    read,
    name: path.basename(path.resolve(root)),
    github: remote ? `${remote[1]}/${remote[2]}` : undefined,
  };
}

export async function initCommand(cmd: InitCommand, root: string, write: (s: string) => void): Promise<number> {
  const scan = scanRepo(root);
  const plan = planInit(scan);
  const reference = plan.metrics ? path.posix.join('reference', path.posix.basename(plan.metrics)) : undefined;
  const ours = [...plan.files.map((f) => f.path), ...(cmd.run && reference ? [reference] : [])];
  const existing = ours.filter((f) => existsSync(path.join(root, f)));
  if (existing.length > 0 && !cmd.force) {
    throw new ReproError(
      `${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}; nothing was written.`,
      {
        fix: 'pass --force to overwrite (your current files are replaced), or move them away first.',
      },
    );
  }
  writePlan(root, plan);
  const s = plan.summary;
  write(
    `wrote ${plan.files.map((f) => f.path).join(', ')} (${s.images} image(s), ${s.steps} step(s), ${s.checks} check(s)).\n`,
  );
  if (!cmd.run) {
    for (const n of plan.notes) write(`  - ${n}\n`);
    write('next: check the lines marked "guessed", then `repro-ci init --run --force` (or `repro-ci run`).\n');
    return 0;
  }
  if (!plan.metrics || !reference) {
    for (const n of plan.notes) write(`  - ${n}\n`);
    write(
      '--run: there is no metrics file to measure, so no reference was written; fix the config, then `repro-ci run`.\n',
    );
    return 1;
  }
  write(`running ${CONFIG_FILE} once to measure ${plan.metrics}...\n`);
  const config = loadConfig(path.join(root, CONFIG_FILE));
  const { code, result } = await runLocal(
    { command: 'run', config: config.file, builder: cmd.builder, quiet: cmd.quiet, verbose: cmd.verbose },
    config,
  );
  const measured = path.join(root, plan.metrics);
  if (result.error || !result.metrics || !existsSync(measured)) {
    write(
      `--run: the run did not give ${plan.metrics} (exit ${code}), so ${CONFIG_FILE} has no checks yet: see the report above, fix the config or the code, then \`repro-ci init --run --force\`.\n`,
    );
    return code || 1;
  }
  mkdirSync(path.join(root, path.dirname(reference)), { recursive: true });
  copyFileSync(measured, path.join(root, reference));
  // The scan from before the run: what the run wrote must not change the plan.
  const final = planInit(scan, { reference, metrics: result.metrics });
  writePlan(root, final);
  loadConfig(path.join(root, CONFIG_FILE)); // what was written must load, reference and all
  write(
    `wrote ${reference} (the metrics this run measured) and ${final.summary.checks} check(s) against it in ${CONFIG_FILE}.\n`,
  );
  for (const n of final.notes) write(`  - ${n}\n`);
  write(
    `next: commit ${[...final.files.map((f) => f.path), reference].join(', ')}; every run is then checked against it.\n`,
  );
  return 0;
}

function writePlan(root: string, plan: InitPlan): void {
  for (const f of plan.files) {
    mkdirSync(path.dirname(path.join(root, f.path)), { recursive: true });
    writeFileSync(path.join(root, f.path), f.text);
  }
}
