/** The text `repro-ci init` writes: repro.yml with a comment on every guess, and the workflows. */
import path from 'node:path/posix';
import type { CheckPlan, ImagePlan, StepPlan } from './types.js';

export interface ConfigParts {
  name: string;
  images: ImagePlan[];
  steps: StepPlan[];
  metrics?: string;
  metricsWhy?: string;
  /** Committed reference metrics (written by `init --run`). */
  reference?: string;
  checks: CheckPlan[];
  /** Why the checks are what they are (a measured run, a committed file). */
  checksWhy?: string;
  pushImage?: string;
}

/** A YAML scalar: plain when safe, JSON-quoted otherwise. */
const q = (s: string) =>
  /^[\w./@-]+$/.test(s) && !/^(true|false|yes|no|on|off|null|~|[\d.]*\d[\d.]*)$/i.test(s) ? s : JSON.stringify(s);
/** A line with a trailing comment. */
const note = (line: string, comment?: string) => (comment ? `${line}  # ${comment}` : line);

export function renderConfig(p: ConfigParts): string {
  const name =
    p.name
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[^a-z0-9]+/, '') || 'project';
  const out = [
    '# repro-ci config, written by `repro-ci init` from what the Dockerfiles and scripts do.',
    '# Check every line marked "guessed". Reference: docs/config.md. `repro-ci validate` checks it,',
    '# `repro-ci run` runs it here as CI will.',
    'version: 1',
    `name: ${name}`,
    '',
    '# Images to build with BuildKit (RUN --mount=type=cache works), by name. Only images a step runs are built.',
    'images:',
  ];
  const built = p.images.filter((i) => !i.left);
  for (const i of built) {
    const f = i.facts;
    const why = i.noStep ? `built to push; no step: ${i.noStep}` : undefined;
    if (f.context === '.' && path.dirname(f.dockerfile) === '.' && !f.contextNote)
      out.push(note(`  ${i.key}: ${q(f.dockerfile)}`, why));
    else
      out.push(
        note(`  ${i.key}:`, why),
        `    dockerfile: ${q(f.dockerfile)}`,
        note(`    context: ${q(f.context)}`, f.contextNote),
      );
    for (const m of f.missing)
      out.push(`    # the build needs ${m.source} (line ${m.line} of ${f.dockerfile}): ${m.hint ?? 'not found'}`);
  }
  for (const i of p.images.filter((x) => x.left))
    out.push(`  # ${i.key}: ${q(i.facts.dockerfile)}  # not built: ${i.left}`);
  if (built.length === 0) out.push('  {}');

  if (p.steps.length > 0) {
    out.push(
      '',
      '# Containers to run, in order. A mount is HOST:CONTAINER[:ro]: the host folder (relative to this file, made',
      '# when missing) is where a step leaves its outputs and where a later step finds them.',
      'steps:',
    );
    for (const s of p.steps) out.push(...renderStep(s));
  } else {
    out.push('', '# steps: no Dockerfile runs a script on its own; add the containers to run here (docs/config.md).');
  }
  out.push('');
  if (p.metrics) {
    out.push('# The metrics file a step writes (host path), and the rules that decide pass or fail.');
    if (p.reference)
      out.push(
        'metrics:',
        note(`  file: ${q(p.metrics)}`, p.metricsWhy),
        note(`  reference: ${q(p.reference)}`, 'commit it'),
      );
    else out.push(note(`metrics: ${q(p.metrics)}`, p.metricsWhy));
    if (p.checks.length > 0) {
      out.push(
        note(
          'checks:',
          p.checksWhy ?? 'guessed: a margin around the values in the metrics file found in the repository',
        ),
      );
      for (const c of p.checks) out.push(note(`  ${q(c.metric)}: ${c.rule}`, c.comment));
    } else {
      out.push(
        '# This config checks nothing yet: `repro-ci init --run --force` runs it once and writes the measured',
        '# metrics as a reference with checks. Or write them yourself:',
        '# checks:',
        '#   accuracy: { min: 0.9 }',
        '#   loss: { max: 0.5 }',
      );
    }
  } else {
    out.push(
      '# No metrics file was found, so nothing is checked: make the evaluation write one into a mounted folder.',
      '# metrics: results/metrics.json',
      '# checks:',
      '#   accuracy: { min: 0.9 }',
    );
  }
  out.push('', '# Where to push the images that passed (on pushes and tags; never on pull requests).');
  if (p.pushImage) out.push('push:', `  image: ${p.pushImage}`);
  else out.push('# push:', '#   image: ghcr.io/OWNER/REPO');
  out.push(
    '',
    '# The Dockerfile lint before the build (docs/lint.md): warn, error (fail on findings) or off.',
    'lint: warn',
    '',
  );
  return out.join('\n');
}

function renderStep(s: StepPlan): string[] {
  const out = [`  - name: ${q(s.name)}`, note(`    image: ${q(s.image)}`, s.command ? undefined : s.why)];
  if (s.command) out.push(note(`    command: [${s.command.map(q).join(', ')}]`, s.why));
  const valued = s.env.filter((e) => e.value !== undefined);
  const unset = s.env.filter((e) => e.value === undefined);
  if (valued.length > 0) {
    out.push('    env:');
    for (const e of valued) out.push(note(`      ${e.name}: ${JSON.stringify(e.value)}`, e.why));
    for (const e of unset) out.push(note(`      # ${e.name}: ""`, e.why));
  } else if (unset.length > 0) {
    out.push('    # env:');
    for (const e of unset) out.push(note(`    #   ${e.name}: ""`, e.why));
  }
  if (s.defaults.length > 0)
    out.push(
      `    # ${s.defaults.join(', ')}: the code has its own default${s.defaults.length > 1 ? 's' : ''}, kept; set under env: only to change the experiment`,
    );
  if (s.mounts.length > 0) {
    out.push('    mounts:');
    for (const m of s.mounts)
      out.push(note(`      - ${q(`${m.host}:${m.container}${m.readOnly ? ':ro' : ''}`)}`, m.why));
  }
  if (s.gpu) out.push(note('    gpus: optional', `${s.gpu}: a GPU where the runner has one, the CPU otherwise`));
  out.push(
    '    # network: none      # cut the container off the network once it needs nothing from outside',
    '    timeout: 1h',
  );
  for (const c of s.comments) out.push(`    # note: ${c}`);
  return out;
}

const WORKFLOW_HEAD = [
  'permissions:',
  '  contents: read',
  '  packages: write          # push to ghcr.io',
  '  pull-requests: write     # the report as a pull request comment',
];

export function renderWorkflow(push: boolean): string {
  return [
    '# Written by `repro-ci init`. Builds the images, runs the steps, checks the metrics on every push and',
    '# pull request, and pushes the images that passed (never from pull requests). More: workflows-examples/.',
    'name: repro',
    'on:',
    '  push:',
    '    branches: [main]',
    '    tags: ["v*"]',
    '  pull_request:',
    '',
    ...WORKFLOW_HEAD.map((l) =>
      l.includes('packages') && !push ? '  packages: write          # needed once push.image names ghcr.io' : l,
    ),
    '',
    'concurrency:',
    '  group: repro-${{ github.ref }}',
    '  cancel-in-progress: true',
    '',
    'jobs:',
    '  repro:',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 120',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: docker/setup-buildx-action@v3',
    '      - uses: repro-ci/repro-ci@v1',
    '        id: repro',
    '        with:',
    '          config: repro.yml',
    '      # Lint findings in code scanning (needs `security-events: write`):',
    '      # - uses: github/codeql-action/upload-sarif@v3',
    "      #   if: always() && steps.repro.outputs.sarif != ''",
    '      #   with: { sarif_file: "${{ steps.repro.outputs.sarif }}" }',
    '',
  ].join('\n');
}

/** The same config on a self-hosted GPU runner, with every GPU (the steps say `gpus: optional`). */
export function renderGpuWorkflow(): string {
  return [
    '# Written by `repro-ci init`: the code uses a GPU where there is one. This runs repro.yml on a self-hosted',
    '# runner with an NVIDIA GPU (driver and NVIDIA Container Toolkit installed, labels below), with every GPU:',
    '# a runner without a GPU runtime fails with a clear error instead of quietly training on the CPU.',
    'name: repro (GPU)',
    'on:',
    '  push:',
    '    branches: [main]',
    '  workflow_dispatch:',
    '',
    ...WORKFLOW_HEAD,
    '',
    '# One GPU job at a time per branch: a second push waits instead of fighting for the GPU.',
    'concurrency:',
    '  group: repro-gpu-${{ github.ref }}',
    '  cancel-in-progress: false',
    '',
    'jobs:',
    '  repro-gpu:',
    '    runs-on: [self-hosted, linux, x64, gpu]',
    '    timeout-minutes: 600',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: repro-ci/repro-ci@v1',
    '        id: repro',
    '        with:',
    '          config: repro.yml',
    "          gpus: all               # over the steps' `gpus: optional`: this runner must have them",
    '',
  ].join('\n');
}
