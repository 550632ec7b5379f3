/**
 * `repro-ci verify`: find the image's record (its companion tag, or a record file from an archive),
 * pull the recorded images by digest, re-run the planned steps in a fresh folder through the same
 * pipeline as a run (no build, no push), and judge the metrics with the recorded rules.
 * The record is read back through the engine (src/record/fetch.ts), which verify needs anyway to pull
 * and run the images.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunContext } from '../context.js';
import type { BuilderPreference } from '../docker/detect.js';
import type { Docker } from '../docker/docker.js';
import { ReproError } from '../errors.js';
import type { Logger } from '../log.js';
import { runPipeline } from '../pipeline/pipeline.js';
import { resolveRun } from '../pipeline/plan.js';
import type { BuiltImage, PipelineResult } from '../pipeline/result.js';
import { digestFor, parseImageRef } from '../record/companion.js';
import { fetchRecord } from '../record/fetch.js';
import { registryDown } from '../publish/registry-probe.js';
import { parseRecord, type ReproRecord } from '../record/record.js';
import { configFromRecord, imageRefFor, planVerify, RECORDED_METRICS_FILE, type VerifyPlan } from './plan.js';

/** Where a re-run's results and logs go unless told: kept, where the steps' scratch folder is not. */
export const VERIFY_RESULTS = '.repro-ci-verify';

export interface VerifyRequest {
  /** `repo[:tag][@sha256:...]`; or `recordFile` (an archive's record, images loaded locally). */
  image?: string;
  recordFile?: string;
  steps?: string[];
  /** A checkout of the repository, for read-only inputs that no step produces. */
  workspace?: string;
  /** Results folder; default: VERIFY_RESULTS in the current folder. */
  results?: string;
  builder: BuilderPreference;
  gpus?: string;
  /** Where `gpus` comes from, for messages (`--gpus`, `the gpus input`). */
  gpusFrom?: string;
}

export interface VerifyOutcome {
  record: ReproRecord;
  /** Where the record came from: the companion reference or the file. */
  recordFrom: string;
  /** `repo@sha256:...` of the image asked for; undefined with a record file. */
  image?: string;
  plan: VerifyPlan;
  result: PipelineResult;
}

export async function verify(req: VerifyRequest, docker: Docker, log: Logger): Promise<VerifyOutcome> {
  const runId = `verify-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  let record: ReproRecord;
  let recordFrom: string;
  let image: string | undefined;
  const fromRegistry = !req.recordFile;
  if (req.recordFile) {
    recordFrom = req.recordFile;
    record = parseRecord(readFileSync(req.recordFile, 'utf8'), req.recordFile);
  } else {
    const ref = parseImageRef(req.image!);
    await log.group(`Pull ${req.image}`, async () => {
      // docker pull waits for ever on a registry that never answers (src/publish/registry-probe.ts).
      const down = await registryDown(ref.repository);
      if (down)
        throw new ReproError(`${down} (GET /v2/), so ${req.image} cannot be pulled.`, {
          fix: 'check that the registry is up and reachable from this machine, or verify from an archive with --record.',
          exitCode: 2,
        });
      await docker.pull(req.image!);
    });
    const inspected = await docker.imageInspect(req.image!);
    const digest = ref.digest ?? digestFor(ref.repository, inspected?.repoDigests ?? []);
    if (!digest)
      throw new ReproError(`${req.image} has no registry digest after the pull.`, {
        fix: 'name an image in a registry, e.g. ghcr.io/owner/project:main.',
      });
    image = `${ref.repository}@${digest}`;
    ({ record, ref: recordFrom } = await fetchRecord(docker, ref.repository, digest, runId));
    if (!record.images.some((i) => i.pushed?.digest === digest)) {
      throw new ReproError(
        `the record in ${recordFrom} does not list ${image} among its images, so it does not describe this image.`,
        { fix: 'the companion was overwritten or damaged: publish the record again with `repro-ci run --push`.' },
      );
    }
  }
  log.info(
    `record of ${record.project} at ${record.source.sha || 'no commit'} (${record.createdAt}), schema ${record.schemaVersion}, from ${recordFrom}`,
  );
  const plan = planVerify(record, req.steps);
  for (const n of plan.notes) log.info(n);
  if (plan.externalInputs.length > 0 && !req.workspace) {
    throw new ReproError(
      `the steps read ${plan.externalInputs.map((p) => `${p}/`).join(', ')}, which no step produces and no image holds.`,
      { fix: 'pass --workspace DIR, a checkout of the repository at the recorded commit that holds them.' },
    );
  }

  const images: BuiltImage[] = [];
  for (const key of [...new Set(plan.steps.map((s) => s.image))]) {
    const ref = imageRefFor(record, key, fromRegistry);
    if (fromRegistry) await log.group(`Pull ${key}`, () => docker.pull(ref));
    const found = await docker.imageInspect(ref);
    if (!found)
      throw new ReproError(`image ${ref} (${key}) is not in the local engine.`, {
        fix: 'load the archive first: `docker load -i images.tar` in the archive folder.',
      });
    const recorded = record.images.find((i) => i.key === key)!.id;
    if (!fromRegistry && found.id !== recorded)
      throw new ReproError(`image ${ref} (${key}) is ${found.id}, not the recorded ${recorded}.`, {
        fix: 'load the archived images (`docker load -i images.tar`), which restores the recorded ones under these names.',
      });
    images.push({ key, id: found.id, localTag: ref });
  }

  // The steps' writable folders live in a scratch folder, removed after the run; results and logs are kept.
  const root = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-verify-'));
  try {
    const results = path.resolve(req.results ?? VERIFY_RESULTS);
    mkdirSync(results, { recursive: true });
    writeFileSync(path.join(root, RECORDED_METRICS_FILE), JSON.stringify(record.metrics.values, null, 2) + '\n');
    const config = configFromRecord(record, plan, root, req.workspace && path.resolve(req.workspace), results);
    const context: RunContext = {
      eventName: 'verify',
      sha: record.source.sha,
      ref: record.source.ref,
      repository: record.source.repository,
      isFork: false,
      runId,
    };
    const run = resolveRun(
      config,
      { builder: req.builder, gpus: req.gpus, gpusFrom: req.gpusFrom },
      'verify',
      process.env,
      context,
    );
    const result = await runPipeline({ config, context, docker, log, plan: run, prebuilt: images });
    return { record, recordFrom, image, plan, result };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
