/**
 * The "Rebuild check" stage: every image built again from scratch (`--no-cache`, the same Dockerfile,
 * context, target, build args and labels, no tag, its own --iidfile), then compared with the kept one.
 * Never fails the run by itself: a failed rebuild is a warning; the pipeline decides about
 * `fail-on-difference`.
 */
import path from 'node:path';
import type { ImageSpec } from '../config/config.js';
import type { BuilderKind } from '../docker/argv.js';
import type { Docker } from '../docker/docker.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import {
  compareImages,
  determinismBuildArgs,
  determinismHeadline,
  failedRebuild,
  layerInstructions,
  summarizeDeterminism,
  type DeterminismPlan,
  type DeterminismReport,
  type ImageDeterminism,
} from './compare.js';

export interface RebuildRequest {
  docker: Docker;
  log: Logger;
  builder: BuilderKind;
  plan: DeterminismPlan;
  images: ImageSpec[];
  built: { key: string; id: string }[];
  labels: Record<string, string>;
  /** The first build's manifest annotations: on the containerd store they are part of the image id. */
  annotations?: Record<string, string>;
  warnings: string[];
}

export async function rebuildCheck(req: RebuildRequest): Promise<DeterminismReport> {
  const { docker, log } = req;
  // The summary's determinism section carries the note and each verdict; only failures become run warnings.
  if (req.plan.note) log.warning(req.plan.note);
  if (req.plan.assumed) log.info(req.plan.assumed);
  const results: ImageDeterminism[] = [];
  for (const spec of req.images) {
    const kept = req.built.find((b) => b.key === spec.key);
    if (!kept) continue;
    let rebuiltId: string | undefined;
    // Tagged while it is compared: the containerd store names an image by its manifest, which only a tag finds.
    const tag = `repro-ci-rebuild:${spec.key}-${kept.id.replace(/^sha256:/, '').slice(0, 12)}`;
    try {
      // No layer cache import/export: the rebuild must neither reuse nor overwrite what the first build cached.
      rebuiltId = await docker.build(
        req.builder,
        {
          dockerfile: spec.dockerfile,
          context: spec.context,
          exclude: spec.exclude,
          tags: [tag],
          target: spec.target,
          labels: req.labels,
          annotations: req.annotations,
          buildArgs: { ...spec.buildArgs, ...determinismBuildArgs(req.plan) },
          noCache: true,
        },
        path.relative(process.cwd(), spec.dockerfile) || spec.dockerfile,
      );
      const [layers, rebuiltLayers, history] = await Promise.all([
        docker.layers(kept.id),
        docker.layers(rebuiltId),
        docker.history(rebuiltId),
      ]);
      results.push(
        compareImages({
          key: spec.key,
          id: kept.id,
          rebuiltId,
          layers,
          rebuiltLayers,
          instructions: layerInstructions(history, rebuiltLayers.length),
          plan: req.plan,
        }),
      );
    } catch (e) {
      results.push(failedRebuild(spec.key, kept.id, errorMessage(e)));
    } finally {
      // The kept image stays (removing the tag only untags it when the ids match); a rebuilt one is only evidence.
      if (rebuiltId) await docker.removeImages([tag]);
    }
    const r = results[results.length - 1];
    if (r.verdict === 'identical') log.info(r.message);
    else log.warning(r.message);
    if (r.verdict === 'failed') req.warnings.push(r.message);
  }
  const report = summarizeDeterminism(req.plan, results);
  log.info(determinismHeadline(report));
  return report;
}
