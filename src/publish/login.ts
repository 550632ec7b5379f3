/**
 * Registry logins: which credentials to use (pure `resolveLogin`), and the private DOCKER_CONFIG folder
 * that holds them for the run only (`createDockerConfig` / `removeDockerConfig`, the file-system edge),
 * so nothing stays behind on a self-hosted runner.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dockerConfigDir } from '../docker/detect.js';
import { ReproError } from '../errors.js';
import { registryOf } from './naming.js';

export interface LoginCredentials {
  registry: string;
  username: string;
  password: string;
  /** Where they came from, for the log: `inputs` or `github-token`. */
  source: 'inputs' | 'github-token';
}

export interface LoginInputs {
  username?: string;
  password?: string;
  githubToken?: string;
}

/**
 * One login per registry of the repositories pushed to. The `username`/`password` inputs log in to the
 * first registry that is not ghcr.io (to ghcr.io when every repository is there); ghcr.io without them
 * takes the workflow's actor and its `github-token` (what docker/login-action users write by hand). A
 * registry left out is pushed to with the job's own login (docker/login-action before this step), which
 * the private DOCKER_CONFIG keeps (`privateDockerConfig`). Empty: no login.
 */
export function resolveLogins(
  repositories: readonly string[],
  inputs: LoginInputs,
  env: NodeJS.ProcessEnv,
): LoginCredentials[] {
  const registries = registriesOf(repositories);
  if (registries.length === 0) return [];
  const inputsRegistry = registries.find((r) => r !== 'ghcr.io') ?? registries[0];
  if (!!inputs.username !== !!inputs.password) {
    throw new ReproError(
      `input ${inputs.username ? 'password' : 'username'} is empty, but ${inputs.username ? 'username' : 'password'} is set.`,
      {
        fix: `set both to log in to ${inputsRegistry} (e.g. \`password: \${{ secrets.REGISTRY_TOKEN }}\`), or neither.`,
      },
    );
  }
  const forInputs = inputs.username ? inputsRegistry : undefined;
  const actor = env.GITHUB_ACTOR || env.GITHUB_REPOSITORY_OWNER;
  return registries.flatMap((registry): LoginCredentials[] => {
    if (registry === forInputs)
      return [{ registry, username: inputs.username!, password: inputs.password!, source: 'inputs' }];
    if (registry === 'ghcr.io' && inputs.githubToken && actor)
      return [{ registry, username: actor, password: inputs.githubToken, source: 'github-token' }];
    return [];
  });
}

/** The registries of the repositories, each once, in order. */
export function registriesOf(repositories: readonly string[]): string[] {
  return [...new Set(repositories.map(registryOf))];
}

/** The key docker keeps a registry's login under in config.json (Docker Hub's is its old index URL). */
export function authKey(registry: string): string {
  return registry === 'docker.io' ? 'https://index.docker.io/v1/' : registry;
}

type DockerConfigJson = {
  auths?: Record<string, { auth?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
  [key: string]: unknown;
};

/**
 * The private config.json, from the user's: the logins of registries this run does not log in to stay
 * usable (auths, and the credential helpers that hold them), and the ones it does are left to its own
 * `docker login`. No `credsStore`: those logins then go into this folder's file, never into a store that
 * outlives the run; a login the store held is reached through a credHelpers entry instead.
 */
export function privateDockerConfig(user: DockerConfigJson, own: readonly string[]): DockerConfigJson {
  const mine = new Set(own.flatMap((r) => [r, authKey(r)]));
  const { auths = {}, credsStore, credHelpers = {}, ...rest } = user;
  const keep = (key: string) => !mine.has(key) && !mine.has(key.replace(/^https?:\/\//, '').replace(/\/.*$/, ''));
  const out: DockerConfigJson = { ...rest, auths: {}, credHelpers: {} };
  for (const [key, entry] of Object.entries(auths)) {
    if (!keep(key)) continue;
    if (entry?.auth) out.auths![key] = { auth: entry.auth };
    else if (credsStore) out.credHelpers![key] = credsStore;
  }
  for (const [key, helper] of Object.entries(credHelpers)) if (keep(key)) out.credHelpers![key] = helper;
  return out;
}

/**
 * A fresh, owner-only DOCKER_CONFIG under `parent` (RUNNER_TEMP) for logging in to `own`: the user's
 * other logins carried over (privateDockerConfig), and the CLI plugins reachable through a `cli-plugins`
 * link (docker looks for buildx there, and a bare config would hide it).
 */
export function createDockerConfig(
  parent: string,
  own: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): string {
  const dir = mkdtempSync(path.join(parent, 'repro-ci-docker-config-'));
  chmodSync(dir, 0o700);
  const userDir = dockerConfigDir(env);
  const plugins = path.join(userDir, 'cli-plugins');
  if (existsSync(plugins)) symlinkSync(plugins, path.join(dir, 'cli-plugins'));
  let user: DockerConfigJson = {};
  try {
    user = JSON.parse(readFileSync(path.join(userDir, 'config.json'), 'utf8')) as DockerConfigJson;
  } catch {
    /* no config yet, or not JSON: docker would ignore it too */
  }
  writeFileSync(path.join(dir, 'config.json'), `${JSON.stringify(privateDockerConfig(user, own), null, 2)}\n`, {
    mode: 0o600,
  });
  return dir;
}

/**
 * The username and password for `registry` without the docker client: this run's own login, else a
 * plain `auths` entry of the config folder (the private one, else the user's). Undefined where only a
 * credential helper holds it (the caller then goes through the engine).
 */
export function credentialsFor(
  registry: string,
  accounts: readonly LoginCredentials[],
  configDir: string,
): { username: string; password: string } | undefined {
  const own = accounts.find((a) => a.registry === registry);
  if (own) return { username: own.username, password: own.password };
  let config: DockerConfigJson;
  try {
    config = JSON.parse(readFileSync(path.join(configDir, 'config.json'), 'utf8')) as DockerConfigJson;
  } catch {
    return undefined;
  }
  const auth = config.auths?.[authKey(registry)]?.auth ?? config.auths?.[`https://${registry}`]?.auth;
  if (!auth) return undefined;
  const plain = Buffer.from(auth, 'base64').toString('utf8');
  const colon = plain.indexOf(':');
  return colon > 0 ? { username: plain.slice(0, colon), password: plain.slice(colon + 1) } : undefined;
}

/** Removes the folder (the link only, never the plugins it points to). True when something was removed. */
export function removeDockerConfig(dir: string | undefined): boolean {
  if (!dir || !existsSync(dir)) return false;
  rmSync(dir, { recursive: true, force: true });
  return true;
}
