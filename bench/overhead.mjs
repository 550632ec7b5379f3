// Orchestration overhead in seconds (issue 18): the action's wall time, as a runner runs it (the bundled
// dist/, main then post, through the test harness), minus the time of the same docker work typed by hand
// (build both images, run train and evaluate, tag and push two tags of each), on examples/mnist pushed to
// the local registry with the record published. Scenarios, each in rounds that alternate pipeline and raw:
//   warm:    nothing changed since the last run;
//   change:  one source file changed before each run (both images rebuild their last layer);
//   service: warm, with the loopback cache service holding the mounts' entries (lookups, restores);
//   cold:    the builder cache pruned and both images removed before each run (base images stay);
//   first-push: warm, each run pushing into repositories the registry has never seen (issue 18 saw a
//            first push take 100 s against build-push-action's 59 s once: anything repro-ci adds to a
//            first push shows here as push seconds beside the hand-typed `docker push`);
//   build-push: a config with one image and no step (release-time publishing), warm, with the cache
//            service, against the one command build-push-action runs for it (`docker buildx build --push`
//            with both tags): the build and its push count as build by hand. With
//            `--build-push-action DIR` (a checkout of docker/build-push-action with its dist/), that action
//            itself runs too, main then post, as a runner would, and is printed beside.
// Prints each round, then per scenario: the medians (pipeline, raw, overhead_s = pipeline - raw, ratio);
// fixed_s, the run's seconds outside its docker work (a median of rounds); where the pipeline's seconds
// went (its stages' medians, then main outside its stages: node, inputs, the plan, the report; and the
// post step); the docker work beside what typing it by hand took; and the load.
// `--rounds N` (default 3), `--only a,b`, `--build-push-action DIR`.
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { arg, loadLine, loadSupport, median, timed, workspace } from './lib.mjs';

const rounds = Number(arg('rounds', '3'));
const only = arg('only', 'warm,change,service,cold,first-push,build-push').split(',');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-bench-overhead-'));
const { RunnerJob, CacheService, docker } = await loadSupport(tmp);
console.log(`start: ${loadLine()}`);

const ws = workspace('examples/mnist');
const git = (...a) => timed(['git', '-c', 'user.name=bench', '-c', 'user.email=bench@localhost', ...a], { cwd: ws });
git('init', '-q', '-b', 'main');
git('add', '.');
git('commit', '-qm', 'bench');
const stamp = Date.now().toString(36);
let repo = `127.0.0.1:5000/bench-${stamp}/mnist`;
let repos = 0;
/** Repositories the registry has never seen, for the pipeline and for the hand-typed pushes alike. */
const newRepositories = () => (repo = `127.0.0.1:5000/bench-${stamp}-${++repos}/mnist`);
const noService = {
  ACTIONS_CACHE_SERVICE_V2: undefined,
  ACTIONS_RESULTS_URL: undefined,
  ACTIONS_RUNTIME_TOKEN: undefined,
  ACTIONS_CACHE_URL: undefined,
};

/** The same project as a build-and-push-only config: the train image, no step, no check. */
const bp = workspace('examples/mnist');
writeFileSync(path.join(bp, 'repro.yml'), 'version: 1\nname: mnist\nimages:\n  train: train.dockerfile\n');
for (const a of [
  ['init', '-q', '-b', 'main'],
  ['add', '.'],
  ['commit', '-qm', 'bench'],
])
  timed(['git', '-c', 'user.name=bench', '-c', 'user.email=bench@localhost', ...a], { cwd: bp });

/** One run of the action (main + post); seconds and its stages' seconds. */
async function pipeline(env, dir = ws) {
  const start = process.hrtime.bigint();
  const job = new RunnerJob({
    workspace: dir,
    inputs: { image: repo },
    eventName: 'push',
    ref: 'refs/heads/main',
    payload: { repository: { full_name: 'octo-org/mnist', default_branch: 'main' } },
    env,
    timeoutMs: 900_000,
  });
  const main = await job.main();
  if (main.exitCode !== 0 || main.outputs.pushed !== 'true')
    throw new Error(`the action failed or pushed nothing:\n${main.stdout}\n${main.stderr}`);
  const mainSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  await job.post();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const { stages } = JSON.parse(readFileSync(path.join(dir, '.repro-ci/result.json'), 'utf8'));
  const named = Object.fromEntries(stages.map((s) => [s.name, s.seconds]));
  const inStages = Object.values(named).reduce((a, b) => a + b, 0);
  // Outside the stages: node's start, inputs, config, plan, report, outputs (main), and the post step.
  return {
    seconds,
    stages: { ...named, 'main outside stages': mainSeconds - inStages, 'post step': seconds - mainSeconds },
  };
}

/** What a careful user types for the same work; seconds in all and per kind of work. */
function raw() {
  const start = process.hrtime.bigint();
  const parts = { build: 0, run: 0, push: 0 };
  for (const img of ['train', 'evaluate'])
    parts.build += timed(
      ['docker', 'buildx', 'build', '-q', '--load', '-f', `${img}.dockerfile`, '-t', `mnist-${img}:bench`, '.'],
      { cwd: ws },
    );
  const mount = (h, c, ro = false) => ['-v', `${path.join(ws, h)}:${c}${ro ? ':ro' : ''}`];
  const run = (...a) => (parts.run += timed(['docker', 'run', '--rm', '--network', 'none', ...a]));
  run('-e', 'SEED=42', '-e', 'EPOCHS=60', ...mount('models', '/models'), 'mnist-train:bench');
  run('-e', 'SEED=42', ...mount('models', '/models', true), ...mount('results', '/results'), 'mnist-evaluate:bench');
  const metrics = JSON.parse(readFileSync(path.join(ws, 'results/metrics.json'), 'utf8'));
  if (!(metrics.accuracy >= 0.8 && metrics.loss <= 0.6))
    throw new Error(`metrics out of range: ${JSON.stringify(metrics)}`);
  for (const img of ['train', 'evaluate'])
    for (const tag of ['sha-bench00', 'main']) {
      parts.push += timed(['docker', 'tag', `mnist-${img}:bench`, `${repo}-raw/${img}:${tag}`]);
      parts.push += timed(['docker', 'push', '-q', `${repo}-raw/${img}:${tag}`]);
    }
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, parts };
}

/** build-push-action's one command for the build-and-push-only config. */
function rawBuildPush() {
  const tags = ['sha-bench00', 'main'].flatMap((t) => ['-t', `${repo}-raw/train:${t}`]);
  const seconds = timed(['docker', 'buildx', 'build', '-q', '--push', '-f', 'train.dockerfile', ...tags, '.'], {
    cwd: bp,
  });
  return { seconds, parts: { build: seconds, run: 0, push: 0 } };
}

/** docker/build-push-action (a checkout given by --build-push-action) for the same build and push. */
const bpaDir = arg('build-push-action', undefined);
function buildPushAction() {
  const dir = mkdtempSync(path.join(tmp, 'bpa-'));
  const files = { GITHUB_OUTPUT: 'out', GITHUB_STATE: 'state', GITHUB_STEP_SUMMARY: 'summary' };
  for (const [k, f] of Object.entries(files)) writeFileSync((files[k] = path.join(dir, f)), '');
  const env = {
    ...process.env,
    ...files,
    ...{ GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: bp, GITHUB_REPOSITORY: 'octo-org/mnist', RUNNER_TEMP: dir },
    ...{ GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main', GITHUB_RUN_ID: '1', GITHUB_RUN_ATTEMPT: '1' },
    // No GitHub API here: no build summary, no build record upload.
    ...{ DOCKER_BUILD_SUMMARY: 'false', DOCKER_BUILD_RECORD_UPLOAD: 'false' },
    ...{ INPUT_CONTEXT: '.', INPUT_FILE: 'train.dockerfile', INPUT_PUSH: 'true', 'INPUT_GITHUB-TOKEN': 'x' },
    // Its action.yml's defaults, which the runner would pass.
    ...{ INPUT_LOAD: 'false', 'INPUT_NO-CACHE': 'false', INPUT_PULL: 'false' },
    INPUT_TAGS: ['sha-bench00', 'main'].map((t) => `${repo}-bpa/train:${t}`).join('\n'),
  };
  const entry = path.join(bpaDir, 'dist/index.cjs');
  const seconds = timed([process.execPath, entry], { cwd: bp, env });
  // The post step gets what main saved (`name<<delimiter`, the value, the delimiter).
  const state = readFileSync(files.GITHUB_STATE, 'utf8').matchAll(/^(\w+)<<(\S+)\n([\s\S]*?)\n\2$/gm);
  for (const [, name, , value] of state) env[`STATE_${name}`] = value;
  return seconds + timed([process.execPath, entry], { cwd: bp, env });
}

let edits = 0;
/** A change a researcher makes and commits: one line of evaluate.py (both images COPY src/). */
const change = () => {
  appendFileSync(path.join(ws, 'src/evaluate.py'), `# edit ${++edits}\n`);
  git('commit', '-qam', `edit ${edits}`);
};
/** A cold builder: its cache and this bench's images gone (base images stay). */
function coldBuilder() {
  const ids = docker('images', '--format', '{{.ID}} {{.Repository}}')
    .split('\n')
    .filter((l) => /\s(.*\/)?mnist(-train|-evaluate|\/train|\/evaluate)?$/.test(l))
    .map((l) => l.split(' ')[0]);
  if (ids.length > 0) docker('rmi', '--force', ...new Set(ids));
  docker('builder', 'prune', '--all', '--force');
}

const scenarios = {
  warm: { before: () => {} },
  change: { before: change },
  service: { before: () => {}, service: true },
  cold: { before: coldBuilder },
  'first-push': { before: newRepositories },
  'build-push': { before: () => {}, service: true, dir: bp, raw: rawBuildPush },
};

/** The pipeline's stages that do the docker work a hand-typed run does too, by kind. */
const WORK = { build: /^Build /, run: /^Step /, push: /^Push$/ };
const isWork = (stage) => Object.values(WORK).some((re) => re.test(stage));

const results = {};
for (const name of only) {
  const sc = scenarios[name];
  const svc = sc.service ? await new CacheService().start() : undefined;
  const env = svc ? svc.env() : noService;
  // Warm-up, not counted: layers, registry blobs and (with the service) the mounts' entries exist after it.
  const byHand = sc.raw ?? raw;
  await pipeline(env, sc.dir);
  byHand();
  const p = [];
  const r = [];
  const stages = {};
  const rawParts = { build: [], run: [], push: [] };
  // The run's seconds outside its docker work (the rest of its stages, main outside them, the post step):
  // what repro-ci itself costs, free of the noise of a CPU-bound training step that the difference carries.
  const fixed = [];
  const bpa = [];
  for (let i = 0; i < rounds; i++) {
    sc.before();
    const run = await pipeline(env, sc.dir);
    p.push(run.seconds);
    fixed.push(Object.entries(run.stages).reduce((a, [k, v]) => (isWork(k) ? a : a + v), 0));
    for (const [k, v] of Object.entries(run.stages)) (stages[k] ??= []).push(v);
    sc.before();
    const hand = byHand();
    r.push(hand.seconds);
    for (const k of Object.keys(rawParts)) rawParts[k].push(hand.parts[k]);
    const peer =
      sc.dir === bp && bpaDir ? (bpa.push(buildPushAction()), ` build-push-action ${bpa.at(-1).toFixed(2)}s`) : '';
    console.log(`${name} round ${i + 1}: pipeline ${p[i].toFixed(2)}s raw ${r[i].toFixed(2)}s${peer} (${loadLine()})`);
  }
  await svc?.stop();
  results[name] = { p: median(p), r: median(r), stages, rawParts, fixed: median(fixed), bpa };
}

for (const [name, { p, r, stages, rawParts, fixed, bpa }] of Object.entries(results)) {
  console.log(`\n${name}: where the pipeline's seconds went (medians; beside the work, what typing it by hand took)`);
  for (const [stage, xs] of Object.entries(stages)) console.log(`  ${stage.padEnd(20)} ${median(xs).toFixed(2)}s`);
  for (const [kind, re] of Object.entries(WORK)) {
    const mine = Object.entries(stages)
      .filter(([stage]) => re.test(stage))
      .reduce((a, [, xs]) => a + median(xs), 0);
    console.log(`  ${kind}: pipeline ${mine.toFixed(2)}s, by hand ${median(rawParts[kind]).toFixed(2)}s`);
  }
  console.log(`${name}_pipeline_median_s=${p.toFixed(3)}`);
  console.log(`${name}_raw_median_s=${r.toFixed(3)}`);
  console.log(`${name}_overhead_s=${(p - r).toFixed(3)}`);
  console.log(`${name}_fixed_s=${fixed.toFixed(3)}`);
  if (bpa.length > 0) {
    console.log(`${name}_build_push_action_median_s=${median(bpa).toFixed(3)}`);
    console.log(`${name}_vs_build_push_action=${(p / median(bpa)).toFixed(3)}`);
  }
}
console.log(`end: ${loadLine()}`);
for (const [name, { p, r }] of Object.entries(results)) console.log(`${name}_ratio=${(p / r).toFixed(3)}`);
