/**
 * The README's quick start, run as written: its workflow (the first YAML block with `jobs:`) through the
 * action harness, with its repro.yml (the first YAML block with `images:`) at the root of the project the
 * text describes (one Dockerfile with WORKDIR /app, COPY . . and CMD train.py; scripts writing out/).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { expect, test } from 'vitest';
import { CacheService } from '../support/cache-service.js';
import { REGISTRY, registryTags, uniqueRepo, workspaceWith } from '../support/docker.js';
import { REPO_ROOT } from '../support/runner.js';
import { runJob, type Workflow } from '../support/workflow.js';

const blocks = [...readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map(
  (m) => m[1],
);
const workflowText = blocks.find((b) => /^jobs:/m.test(b))!;
const configText = blocks.find((b) => /^images:/m.test(b))!;

/** The project the quick start describes. */
const PROJECT = {
  Dockerfile: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "train.py"]\n',
  'train.py': [
    'import os',
    'import numpy as np',
    'os.makedirs("out", exist_ok=True)',
    'np.save("out/weights.npy", np.array([0.9, 0.3]))',
    '',
  ].join('\n'),
  'evaluate.py': [
    'import json',
    'import numpy as np',
    'w = np.load("out/weights.npy")',
    'json.dump({"accuracy": float(w[0]), "loss": float(w[1])}, open("out/metrics.json", "w"))',
    '',
  ].join('\n'),
  'reference/metrics.json': '{"accuracy": 0.9, "loss": 0.3}\n',
};

test('the quick start: its workflow and repro.yml build, run both steps of one image, check and push', async () => {
  const cache = await new CacheService().start();
  try {
    const repo = uniqueRepo('quickstart');
    const ws = workspaceWith({ ...PROJECT, 'repro.yml': configText });
    const r = await runJob(parse(workflowText) as Workflow, 'repro', {
      workspace: ws,
      eventName: 'push',
      ref: 'refs/heads/main',
      repository: 'octo-org/quickstart',
      payload: { repository: { full_name: 'octo-org/quickstart', default_branch: 'main' } },
      env: cache.env(),
      rewrite: (v) => v.replaceAll('ghcr.io/octo-org/quickstart', `${REGISTRY}/${repo}`),
    });
    const step = r.steps.find((s) => s.action)!;
    expect(r.ok, step.action!.stdout).toBe(true);
    expect(JSON.parse(step.outputs.checks)).toHaveLength(3);
    expect(step.outputs.passed).toBe('true');
    expect(JSON.parse(readFileSync(path.join(ws, 'out/metrics.json'), 'utf8'))).toEqual({ accuracy: 0.9, loss: 0.3 });
    expect(await registryTags(repo)).toEqual(['main', 'sha-0123456']);
  } finally {
    await cache.stop();
  }
});
