/**
 * Every environment a step container or the docker client gets is assembled here, and nowhere else.
 *
 * - A container gets the step's `env:` (committed in repro.yml) and the runner variables its `pass-env:`
 *   names, through a private env file: those values never enter the docker client's own environment, so
 *   repro.yml cannot steer the client (`DOCKER_HOST`, `LD_PRELOAD`, `HOME`...).
 * - Some names never pass, whatever repro.yml says: the action's inputs (the registry password among
 *   them), the runner's internals (cache and OIDC tokens), the GitHub token, and anything that steers a
 *   docker client or the dynamic loader. repro.yml naming one is a config error that names it.
 * - The docker client itself runs without the action's inputs and the OIDC request token, and, for
 *   untrusted code, without the cache service's token.
 * Pure: environments in, environments out.
 */

/** Why `name` may never be set or passed into a container, or undefined when it may. */
export function refusedEnvName(name: string): string | undefined {
  const upper = name.toUpperCase();
  if (upper.startsWith('INPUT_'))
    return "it holds one of the action's inputs (the registry password and github-token among them)";
  if (upper.startsWith('STATE_')) return "it holds the action's own state between its steps";
  if (upper.startsWith('ACTIONS_'))
    return "it is one of the runner's internals (the cache service and OIDC tokens among them)";
  if (upper === 'GITHUB_TOKEN' || upper === 'GH_TOKEN') return 'it is the GitHub token of this job';
  if (/^(DOCKER|BUILDX|BUILDKIT|COMPOSE)_/.test(upper)) return 'it steers a docker client or builder';
  if (upper.startsWith('LD_')) return 'it steers the dynamic loader of every program started with it';
  if (upper === 'PATH') return 'it decides which programs run';
  return undefined;
}

/** The fix for a refused name, said the same way by the config check and the run-time check. */
export const REFUSED_ENV_FIX =
  "remove it: pass a secret under a name of your own (e.g. `HF_TOKEN`, set in the workflow step's `env:`), and set search paths with ENV in the Dockerfile.";

/**
 * Names the docker client reads itself. A multi-line value cannot go through an env file, and these
 * names cannot go through the client's environment either.
 */
function steersClient(name: string): boolean {
  return (
    refusedEnvName(name) !== undefined ||
    /^(HOME|TMPDIR|TMP|TEMP|SHELL|USER|XDG_.*|SSL_.*|GO.*|.*_PROXY|NODE_.*)$/i.test(name)
  );
}

/** What a container's environment is made of, before it travels. */
export interface ContainerEnvRequest {
  /** The step's `env:` from repro.yml. */
  fixed: Record<string, string>;
  /** Names from `pass-env:`. */
  passNames: string[];
  /** The runner's environment, where `pass-env` reads. */
  runner: NodeJS.ProcessEnv;
  /** Values that must never reach a container under any name: the registry password, the GitHub token. */
  credentials: string[];
  /** Untrusted code: nothing is passed from the runner. */
  untrusted: boolean;
}

export interface ContainerEnv {
  /** Every name the container gets, in order. */
  names: string[];
  /** Lines of the env file (`NAME=VALUE`, single-line values). */
  fileLines: string[];
  /** Multi-line values, which travel in the client's environment under names that do not steer it. */
  clientEnv: Record<string, string>;
  /** Variables passed from the runner: the caller masks their values in every log it writes. */
  passed: { name: string; value: string }[];
  /** `pass-env` names that were not set on the runner. */
  missing: string[];
  /** `pass-env` names dropped because the code is untrusted. */
  withheld: string[];
}

/** Thrown for a name or value that may not reach a container: `field` is `env` or `pass-env`. */
export class RefusedEnv extends Error {
  constructor(
    readonly variable: string,
    readonly field: 'env' | 'pass-env',
    readonly why: string,
  ) {
    super(`${field}: ${variable} is not passed to containers: ${why}.`);
  }
}

export function containerEnv(req: ContainerEnvRequest): ContainerEnv {
  const out: ContainerEnv = { names: [], fileLines: [], clientEnv: {}, passed: [], missing: [], withheld: [] };
  const add = (name: string, value: string, field: 'env' | 'pass-env') => {
    const why = refusedEnvName(name);
    if (why) throw new RefusedEnv(name, field, why);
    out.names.push(name);
    if (!/[\r\n\0]/.test(value)) out.fileLines.push(`${name}=${value}`);
    else if (value.includes('\0'))
      throw new RefusedEnv(name, field, 'its value holds a NUL byte, which no environment can carry');
    else if (steersClient(name))
      throw new RefusedEnv(
        name,
        field,
        'its value spans several lines, and under this name it would steer the docker client',
      );
    else out.clientEnv[name] = value;
  };
  for (const [name, value] of Object.entries(req.fixed)) add(name, value, 'env');
  for (const name of req.passNames) {
    const value = req.runner[name];
    if (value === undefined) out.missing.push(name);
    else if (req.untrusted) out.withheld.push(name);
    else if (value !== '' && req.credentials.includes(value))
      throw new RefusedEnv(name, 'pass-env', 'it holds the registry login or the GitHub token of this job');
    else {
      add(name, value, 'pass-env');
      if (value !== '') out.passed.push({ name, value });
    }
  }
  return out;
}

/** Runner variables the docker client never needs: the action's inputs and state, the OIDC request token. */
const NEVER_FOR_CLIENT = /^(INPUT_|STATE_|ACTIONS_ID_TOKEN_REQUEST_)/i;
/** The cache service's variables (buildx reads them for `type=gha`): withheld from untrusted builds. */
const CACHE_SERVICE =
  /^(ACTIONS_RUNTIME_TOKEN|ACTIONS_RESULTS_URL|ACTIONS_CACHE_URL|ACTIONS_CACHE_SERVICE_V2|ACTIONS_RUNTIME_URL)$/i;

/**
 * Overrides for the docker client's environment on top of the runner's: `undefined` removes a variable.
 * `extra` (DOCKER_CONFIG of a login, a build's BUILDKIT flags, a container's multi-line values under
 * names that cannot steer the client) comes from repro-ci itself. Untrusted runs have no cache service
 * variables left to pass: `withholdFromUntrusted` removed them from the process.
 */
export function clientEnvOverrides(
  runner: NodeJS.ProcessEnv,
  extra: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name of Object.keys(runner)) if (NEVER_FOR_CLIENT.test(name)) out[name] = undefined;
  return { ...out, ...extra };
}

/** Runner variables removed from this very process when the code is untrusted: no cache writes, no OIDC. */
export function withholdFromUntrusted(env: NodeJS.ProcessEnv): string[] {
  const gone = Object.keys(env).filter((n) => CACHE_SERVICE.test(n) || /^ACTIONS_ID_TOKEN_REQUEST_/i.test(n));
  for (const n of gone) delete env[n];
  return gone;
}
