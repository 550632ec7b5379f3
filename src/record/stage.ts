/**
 * The record's edges in a run: gather the source facts, write record.json to the results folder, and,
 * after a push, publish it as a companion image next to every pushed image (companion.ts), built by the
 * same builder and pushed by the same login and retries as the images themselves.
 */
import { writeFileFresh } from '../security/paths.js';
import { secrets } from '../security/redact.js';
import path from 'node:path';
import type { Config } from '../config/config.js';
import type { RunContext } from '../context.js';
import { LABEL_RUN } from '../docker/argv.js';
import type { Docker } from '../docker/docker.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import type { PipelineResult } from '../pipeline/result.js';
import { pushImages, type RegistryLogin } from '../publish/publish.js';
import { companionImage, companionRef, companionTag, MANIFEST_TYPE, type CompanionImage } from './companion.js';
import { dockerConfigDir } from '../docker/detect.js';
import { credentialsFor } from '../publish/login.js';
import { registryOf } from '../publish/naming.js';
import { apiTarget, RegistryClient } from '../publish/registry-api.js';
import { buildRecord } from './build.js';
import { RECORD_FILE, RECORD_SCHEMA_VERSION, type RecordOutcome, type SourceFacts } from './record.js';
import { gatherSourceFacts } from './sources.js';

/**
 * Builds and writes the record; a failure to gather facts is a warning, never the end of the run. `gathered`:
 * the facts as the pipeline gathered them right after the builds (the context as they sent it).
 */
export async function writeRecord(
  config: Config,
  context: RunContext,
  docker: Docker,
  log: Logger,
  result: PipelineResult,
  gathered?: Promise<SourceFacts>,
): Promise<RecordOutcome> {
  let facts = {};
  try {
    facts = await (gathered ?? gatherSourceFacts(config, docker));
  } catch (e) {
    const msg = `the record lacks Dockerfile/context hashes and base image digests: ${errorMessage(e)}`;
    log.warning(msg);
    result.warnings.push(msg);
  }
  const record = buildRecord(result, config, context, facts, new Date());
  const file = path.join(config.results, RECORD_FILE);
  writeFileFresh(file, secrets.redact(JSON.stringify(record, null, 2) + '\n'));
  for (const img of record.images) {
    for (const b of img.baseImages.filter((b) => b.resolved !== 'registry-digest'))
      log.info(
        `record: base image ${b.name} of ${img.key} is pinned by ${b.resolved === 'local-image-id' ? `its local image id ${b.id} only (${b.note})` : 'nothing: it was not found in the engine'}`,
      );
  }
  return { file, companions: [], record };
}

export interface PublishRecordRequest {
  runId: string;
  retries: number;
  timeoutMs?: number;
  login?: RegistryLogin;
}

/** Pushes the record as `<repository>:sha256-<hex>.repro` for every pushed image; returns the references. */
export async function publishRecord(
  docker: Docker,
  log: Logger,
  outcome: RecordOutcome,
  req: PublishRecordRequest,
): Promise<string[]> {
  const pushed = outcome.record.images.flatMap((i) => (i.pushed ? [i.pushed] : []));
  if (pushed.length === 0) return [];
  const labels = {
    'org.opencontainers.image.title': `repro-ci record of ${outcome.record.project}`,
    'io.github.repro-ci.record.schema-version': String(RECORD_SCHEMA_VERSION),
    [LABEL_RUN]: req.runId,
  };
  const json = Buffer.from(secrets.redact(JSON.stringify(outcome.record, null, 2) + '\n'));
  // Straight to the registry's API: a few small requests, where `docker import` + `docker push` cost ~0.5 s.
  const image = companionImage(json, labels, new Date(outcome.record.createdAt));
  const configDir = req.login?.dockerConfig ?? dockerConfigDir(process.env);
  const viaApi = async (p: { repository: string; digest: string }) => {
    const registry = registryOf(p.repository);
    const { host, path: repo } = apiTarget(p.repository, registry);
    const creds = credentialsFor(registry, req.login?.accounts ?? [], configDir);
    const client = new RegistryClient(host, repo, creds, req.timeoutMs ?? 30_000);
    try {
      await client.pushImage(companionTag(p.digest), [image.layer, image.config], image.manifest, MANIFEST_TYPE);
    } finally {
      client.close();
    }
    return companionRef(p.repository, p.digest);
  };
  const tried = await Promise.all(pushed.map((p) => viaApi(p).catch((e: unknown) => new Error(errorMessage(e)))));
  const refs = tried.filter((r): r is string => typeof r === 'string');
  const left = pushed.filter((_, i) => tried[i] instanceof Error);
  if (left.length > 0) {
    log.info(
      `the registry API did not take the record (${(tried.find((r) => r instanceof Error) as Error).message}); pushing it through the engine.`,
    );
    refs.push(...(await publishThroughEngine(docker, log, image, labels, left, req)));
  }
  log.info(`published the reproduction record: ${refs.join(', ')}`);
  return refs;
}

/** The same companion through the engine (`docker import` + `docker push`), for registries only the engine can log in to. */
async function publishThroughEngine(
  docker: Docker,
  log: Logger,
  image: CompanionImage,
  labels: Record<string, string>,
  pushed: { repository: string; digest: string }[],
  req: PublishRecordRequest,
): Promise<string[]> {
  // `docker import` of the API path's tar (the record's time in it): the same image as a FROM-scratch build
  // of it, in a tenth of the time.
  const id = await docker.importImage(image.tar, labels);
  const pushOne = async (p: { repository: string; digest: string }) => {
    await pushImages(docker, log, [{ key: 'record', id, localTag: id }], {
      repositories: [p.repository],
      imageCount: 1,
      tags: [companionTag(p.digest)],
      retries: req.retries,
      timeoutMs: req.timeoutMs,
      login: req.login,
    });
    return companionRef(p.repository, p.digest);
  };
  // One small manifest per image repository: they go at once, unless each must log in first
  // (concurrent logins would race on the same config.json).
  const refs: string[] = [];
  try {
    if (req.login) for (const p of pushed) refs.push(await pushOne(p));
    else refs.push(...(await Promise.all(pushed.map(pushOne))));
  } finally {
    // Local copies serve nothing, pushed or not: the registry holds the record, or the run says it does not.
    await docker.removeImages([...pushed.map((p) => companionRef(p.repository, p.digest)), id]);
  }
  return refs;
}
