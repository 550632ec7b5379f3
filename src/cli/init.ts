/** `repro-ci init`: scans the repository (the file-system edge of src/init/plan.ts) and writes the files. */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ReproError } from '../errors.js';
import { planInit, type RepoScan } from '../init/plan.js';
import type { InitCommand } from './args.js';

/** Folders never worth scanning: data, environments, caches, build output. */
const SKIP = new Set([
  '.git',
  'node_modules',
  'venv',
  '.venv',
  'env',
  'data',
  'datasets',
  'models',
  'checkpoints',
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
const MAX_DEPTH = 4;
const MAX_FILES = 5000;

export function scanRepo(root: string): RepoScan {
  const files: string[] = [];
  const walk = (dir: string, rel: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (files.length >= MAX_FILES) return;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP.has(e.name) && depth < MAX_DEPTH) walk(path.join(dir, e.name), r, depth + 1);
      } else if (e.isFile()) files.push(r);
    }
  };
  walk(root, '', 0);
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

export function initCommand(cmd: InitCommand, root: string, write: (s: string) => void): number {
  const plan = planInit(scanRepo(root));
  const existing = plan.files.filter((f) => existsSync(path.join(root, f.path)));
  if (existing.length > 0 && !cmd.force) {
    throw new ReproError(
      `${existing.map((f) => f.path).join(' and ')} already exist${existing.length === 1 ? 's' : ''}; nothing was written.`,
      {
        fix: 'pass --force to overwrite (your current files are replaced), or move them away first.',
      },
    );
  }
  for (const f of plan.files) {
    mkdirSync(path.dirname(path.join(root, f.path)), { recursive: true });
    writeFileSync(path.join(root, f.path), f.text);
  }
  const s = plan.summary;
  write(
    `wrote ${plan.files.map((f) => f.path).join(' and ')} (${s.images} image(s), ${s.steps} step(s), ${s.checks} check(s)).\n`,
  );
  for (const n of plan.notes) write(`  - ${n}\n`);
  write('next: check the lines marked "guessed", then `repro-ci lint` and `repro-ci run`.\n');
  return 0;
}
