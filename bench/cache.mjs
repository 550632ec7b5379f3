// Cache mounts on fresh runners, through the bundled action, the real @actions/cache client and the
// loopback cache service (tests/support, bundled here with esbuild). Fixture (`--fixture`): `research`
// (default, bench/fixtures/research-build: ~320 MB of wheels through pip's cache mount, downloaded at 60
// MB/s when missing, then a compile step whose objects live in a second mount) or `small`
// (tests/fixtures/cache-mount: the compile step alone). Every "fresh runner" removes this bench's image
// and builder records (targeted by a token; base images and other caches stay).
// - cold: fresh runner, empty cache service (miss, build, extract, save);
// - restored: fresh runner, service holding the entry (restore, inject, build, extract);
// - warm: local rebuild on a builder that still has the mount (layers removed so the step runs again).
// - image layers (`--layers no` skips): one more cold run with `cache.layers: image` (saves the built
//   image too), a wipe, and a fresh runner that loads it: every step CACHED; compared with the cold median.
// - dance_500mb_s: inject + extract of a 500 MB, 20k-file mount (helper builds only), beside
//   tar_500mb_s: plain tar create + extract of the same folder on the host.
// Prints name=value lines, the ratios last.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { arg, loadLine, loadSupport, median, ROOT, timed } from './lib.mjs';

const rounds = Number(arg('rounds', '5'));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-bench-cache-'));
const { RunnerJob, CacheService, docker } = await loadSupport(tmp);

/** When each token was made: builder records created since then belong to this bench's runs with it. */
const born = new Map();
function newToken(prefix) {
  const token = `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  born.set(token, Date.now() - 1000);
  return token;
}

/**
 * Removes the image and the builder records of `token`'s runs: those naming it, and those created since it
 * was made (a layer after a RUN, such as `COPY src/`, names no token but keeps its parent alive); passes
 * until none is left. With keepMounts, cache mounts stay (a warm builder).
 */
function wipe(token, image, keepMounts = false) {
  try {
    docker('rmi', '--force', image);
  } catch {
    /* not built */
  }
  for (let pass = 0; pass < 4; pass++) {
    let pruned = 0;
    for (const rec of docker('builder', 'du', '--verbose').split(/\n(?=ID:)/)) {
      const created = /^Created at:\s*(\S+) (\d+:\d+:\d+)/m.exec(rec);
      const ours = rec.includes(token) || (created && Date.parse(`${created[1]}T${created[2]}Z`) >= born.get(token));
      if (!ours || (keepMounts && /Type:\s*exec\.cachemount/.test(rec))) continue;
      const id = /^ID:\s*(\S+)/m.exec(rec)?.[1];
      if (id) execFileSync('docker', ['builder', 'prune', '--force', '--filter', `id=${id}`], { stdio: 'ignore' });
      pruned++;
    }
    if (pruned === 0) break;
  }
}

function workspace(fixtureFiles, token) {
  const ws = mkdtempSync(path.join(tmp, 'ws-'));
  for (const [rel, text] of Object.entries(fixtureFiles)) {
    mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    writeFileSync(path.join(ws, rel), text.replaceAll('__TOKEN__', token));
  }
  return ws;
}

/** Every file under `dir` as relative path → text. */
function fixture(dir) {
  const out = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile())
      out[path.relative(dir, path.join(e.parentPath ?? e.path, e.name))] = readFileSync(
        path.join(e.parentPath ?? e.path, e.name),
        'utf8',
      );
  }
  return out;
}

/** Runs the action's main step; returns seconds and the parsed `cache` output. */
async function action(ws, env) {
  const start = process.hrtime.bigint();
  const main = await new RunnerJob({ workspace: ws, inputs: { push: 'never' }, env, timeoutMs: 900_000 }).main();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (main.exitCode !== 0) throw new Error(`action failed:\n${main.stdout}\n${main.stderr}`);
  return { seconds, cache: JSON.parse(main.outputs.cache), stdout: main.stdout, stages: stagesOf(ws) };
}

/** `Stage 1.23s, ...` from the run's result.json: where the seconds of one run went. */
function stagesOf(ws) {
  const { stages } = JSON.parse(readFileSync(path.join(ws, '.repro-ci/result.json'), 'utf8'));
  return stages.map((s) => `${s.name} ${s.seconds.toFixed(2)}s`).join(', ');
}

const noService = {
  ACTIONS_CACHE_SERVICE_V2: undefined,
  ACTIONS_RESULTS_URL: undefined,
  ACTIONS_RUNTIME_TOKEN: undefined,
  ACTIONS_CACHE_URL: undefined,
};
const research = arg('fixture', 'research') !== 'small';
// The research build adds its wheels to the small fixture's sources and compiler (its Dockerfile and repro.yml win).
const files = {
  ...fixture(path.join(ROOT, 'tests/fixtures/cache-mount')),
  ...(research ? fixture(path.join(ROOT, 'bench/fixtures/research-build')) : {}),
};
console.log(`fixture=${research ? 'research-build' : 'cache-mount'} ${loadLine()}`);
const cold = [];
const restored = [];
const warm = [];
for (let i = 0; i < rounds; i++) {
  const token = newToken('b');
  const image = `cachefix-${token}:latest`;
  const svc = await new CacheService().start();
  const c = await action(workspace(files, token), svc.env());
  cold.push(c.seconds);
  wipe(token, image);
  const r = await action(workspace(files, token), svc.env());
  const restoredAll =
    r.cache.mounts.every((m) => m.restore.status === 'hit') &&
    r.stdout.includes('object cache: 6 hits, 0 compiled') &&
    (!research || r.stdout.includes('pip cache: 10 hits, 0 downloaded'));
  if (!restoredAll)
    throw new Error(
      `round ${i + 1}: restore did not give the build its wheels and objects:\n${r.stdout
        .split('\n')
        .filter((l) => /cache|mount/.test(l) && !l.startsWith('::debug'))
        .join('\n')}`,
    );
  restored.push(r.seconds);
  wipe(token, image, true);
  const w = await action(workspace(files, token), noService);
  warm.push(w.seconds);
  await svc.stop();
  wipe(token, image);
  console.log(
    `round ${i + 1}: cold ${cold[i].toFixed(2)}s restored ${restored[i].toFixed(2)}s warm ${warm[i].toFixed(2)}s`,
  );
  const mounts = r.cache.mounts
    .map(
      (m) =>
        `${m.id}: restore ${m.restore.seconds.toFixed(2)}s, of it inject ${m.restore.injectSeconds.toFixed(2)}s, ${(m.restore.bytes / 1024 ** 2).toFixed(0)} MiB`,
    )
    .join('; ');
  console.log(`  cold:     ${c.stages}\n  restored: ${r.stages} (${mounts})\n  warm:     ${w.stages}  (${loadLine()})`);
}

/** The `image` layer cache: a cold run that saves the built image, a wipe, a fresh runner that loads it. */
async function imageLayers() {
  const token = newToken('bl');
  const image = `cachefix-${token}:latest`;
  const withLayers = { ...files, 'repro.yml': files['repro.yml'].replace('cache:\n', 'cache:\n  layers: image\n') };
  const svc = await new CacheService().start();
  const c = await action(workspace(withLayers, token), svc.env());
  wipe(token, image);
  const r = await action(workspace(withLayers, token), svc.env());
  await svc.stop();
  wipe(token, image);
  if (r.cache.layerImages?.[0]?.restore.status !== 'hit' || /object cache:|pip cache:/.test(r.stdout))
    throw new Error('the image layer cache did not bring the layers back');
  console.log(
    `image layers: cold (saving the image too) ${c.seconds.toFixed(2)}s, fresh runner loading it ${r.seconds.toFixed(2)}s`,
  );
  console.log(
    `  cold:     ${c.stages} (image: save ${c.cache.layerImages[0].save.seconds.toFixed(2)}s, ${(c.cache.layerImages[0].save.bytes / 1024 ** 2).toFixed(0)} MiB)\n  restored: ${r.stages} (image: restore ${r.cache.layerImages[0].restore.seconds.toFixed(2)}s)`,
  );
  return r.seconds;
}

/** Inject + extract of a 500 MB, 20k-file mount, and plain tar of the same folder on the host. */
async function dance500() {
  // 500 MB in 20k files (25 KiB each, random so compression cannot help), made inside the mount by the build.
  const GEN =
    "import os,sys\nd=sys.argv[1]\nif not os.path.exists(os.path.join(d,'done')):\n  for i in range(20000):\n    p=os.path.join(d,'%02d'%(i%100))\n    os.makedirs(p,exist_ok=True)\n    open(os.path.join(p,'f%05d'%i),'wb').write(os.urandom(25000))\n  open(os.path.join(d,'done'),'w').write('1')\n";
  const bigToken = newToken('big');
  const big = {
    'gen.py': GEN,
    Dockerfile:
      'FROM python:3.11-slim\nCOPY gen.py /gen.py\nRUN --mount=type=cache,id=big-__TOKEN__,target=/data python /gen.py /data && echo "__TOKEN__ $(ls /data | wc -l)"\n',
    'repro.yml':
      'version: 1\nname: cachebig-__TOKEN__\nimages:\n  app: Dockerfile\nsteps:\n  - name: noop\n    command: ["true"]\n    network: none\n',
  };
  const svc = await new CacheService().start();
  const first = await action(workspace(big, bigToken), svc.env());
  wipe(bigToken, `cachebig-${bigToken}:latest`);
  const second = await action(workspace(big, bigToken), svc.env());
  await svc.stop();
  wipe(bigToken, `cachebig-${bigToken}:latest`);
  const m1 = first.cache.mounts[0];
  const m2 = second.cache.mounts[0];
  if (m2.restore.status !== 'hit' || m2.restore.files !== 20001)
    throw new Error(`500 MB mount not restored: ${JSON.stringify(m2.restore)}`);
  const dance = m1.save.extractSeconds + m2.restore.injectSeconds;

  // The same folder with plain tar on the host.
  const host = path.join(tmp, 'host');
  mkdirSync(host);
  execFileSync('python3', ['-c', GEN, host]);
  const tarFile = path.join(tmp, 'host.tar');
  const out = path.join(tmp, 'host-out');
  mkdirSync(out);
  const tarS = timed(['tar', '-cf', tarFile, '-C', host, '.']) + timed(['tar', '-xf', tarFile, '-C', out]);
  console.log(`mount_500mb_bytes=${m1.save.bytes}`);
  console.log(`mount_500mb_files=${m1.save.files}`);
  console.log(`extract_500mb_s=${m1.save.extractSeconds}`);
  console.log(`inject_500mb_s=${m2.restore.injectSeconds}`);
  console.log(`save_500mb_s=${m1.save.seconds}`);
  console.log(`restore_500mb_s=${m2.restore.seconds}`);
  console.log(`tar_500mb_s=${tarS.toFixed(2)}`);
  return dance;
}

// `--big no` skips the 500 MB part (a quicker look at the small fixture's rounds).
const layered = arg('layers', 'yes') === 'no' ? undefined : await imageLayers();
const dance = arg('big', 'yes') === 'no' ? undefined : await dance500();
console.log(`cold_median_s=${median(cold).toFixed(2)}`);
console.log(`restored_median_s=${median(restored).toFixed(2)}`);
console.log(`warm_median_s=${median(warm).toFixed(2)}`);
if (dance !== undefined) console.log(`dance_500mb_s=${dance.toFixed(2)}`);
console.log(`end: ${loadLine()}`);
console.log(`restored_over_warm=${(median(restored) / median(warm)).toFixed(3)}`);
console.log(`cold_over_restored=${(median(cold) / median(restored)).toFixed(3)}`);
if (layered !== undefined) console.log(`cold_over_restored_image_layers=${(median(cold) / layered).toFixed(3)}`);
rmSync(tmp, { recursive: true, force: true });
