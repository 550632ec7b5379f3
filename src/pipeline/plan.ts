/**
 * The run, planned once for the action, the CLI and verify: repro.yml and what the entry point was told
 * (inputs, flags, a record to re-run) resolved into the typed plan the pipeline carries out. Pure: the
 * entry points read their inputs, this decides what they mean, and the pipeline never looks back at them.
 */
import type { LayerChoice } from '../cache/layers.js';
import type { Config } from '../config/config.js';
import type { LintLevel, PushWhen } from '../config/schema.js';
import type { RunContext } from '../context.js';
import type { BuilderPreference } from '../docker/detect.js';
import { gpuRequest, type GpuRequest } from '../gpu/gpu.js';
import { resolveLogins, type LoginCredentials, type LoginInputs } from '../publish/login.js';
import { planPublish, type PublishPlan } from '../publish/publish.js';
import {
  pushRepositoriesFor,
  resolvePublish,
  type PushOverrides,
  type PushTargets,
  type ResolvedPublish,
} from '../publish/settings.js';

/** Who asked for the run: its own words go in the messages (`the gpus input`, `--gpus`). */
export type EntryPoint = 'action' | 'cli' | 'verify';

/** What an entry point was told over repro.yml: the action's inputs, the CLI's flags, verify's options. */
export interface RunOverrides extends PushTargets, PushOverrides, LoginInputs {
  builder?: BuilderPreference;
  /** Over `push.when`. A local run pushes only as its command line says (RunContext.localPush). */
  push?: PushWhen;
  /** Every step's `gpus`, over repro.yml's; `gpusFrom` names it in messages (default: the entry point's word for it). */
  gpus?: string;
  gpusFrom?: string;
  /** Over `lint.level`. */
  lint?: LintLevel;
}

export interface RunPlan {
  entry: EntryPoint;
  builder: BuilderPreference;
  push: PushWhen;
  /** Lower-cased, with the registry input applied; the first is the main one (layer cache, record, promotion). */
  repositories: string[];
  /** Tag rules, flavor, labels, annotations, retries (repro.yml `push:` with the inputs over it). */
  publish: ResolvedPublish;
  /** This run's tags, labels and annotations, rendered from those rules (labels go on at build time, tags at push time). */
  meta: PublishPlan;
  /** One account per registry the run logs in to before it pushes; none for untrusted code or the CLI. */
  logins: LoginCredentials[];
  /** Each step's GPUs, by step name, the override included. */
  gpus: Record<string, GpuRequest>;
  lint: LintLevel;
  layers: LayerChoice;
  /** What the plan changed, for the log (a repository name lower-cased, say). */
  notices: string[];
}

const OVERRIDE_NAMES: Record<EntryPoint, string> = { action: 'the gpus input', cli: '--gpus', verify: '--gpus' };

/**
 * `env`: the runner's variables (GITHUB_REPOSITORY names the repository the `registry` input completes;
 * GITHUB_ACTOR logs in to ghcr.io). `context` is complete: its commit time and dirty tree go into the tags
 * and labels. Verify re-runs a record: it never pushes and never lints.
 */
export function resolveRun(
  config: Config,
  over: RunOverrides,
  entry: EntryPoint,
  env: NodeJS.ProcessEnv,
  context: RunContext,
  now = new Date(),
): RunPlan {
  const notices: string[] = [];
  const verify = entry === 'verify';
  const publish = resolvePublish(config.push, entry === 'action' ? over : {});
  const repositories = verify
    ? []
    : pushRepositoriesFor(over, config.push, publish, entry === 'action' ? env.GITHUB_REPOSITORY : undefined, notices);
  // Untrusted code is never pushed, so it never gets near a login; the CLI pushes with the user's own.
  const logins = entry !== 'action' || context.untrusted ? [] : resolveLogins(repositories, over, env);
  const from = over.gpusFrom ?? OVERRIDE_NAMES[entry];
  return {
    entry,
    builder: over.builder ?? 'auto',
    push: verify ? 'never' : (over.push ?? config.push.when),
    repositories,
    publish,
    meta: planPublish(context, publish, now),
    logins,
    gpus: Object.fromEntries(config.steps.map((s) => [s.name, gpuRequest(s.gpus, { value: over.gpus, from })])),
    lint: verify ? 'off' : (over.lint ?? config.lint.level),
    layers: config.cache.layers,
    notices,
  };
}
