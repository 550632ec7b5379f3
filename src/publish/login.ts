/**
 * Registry logins: which credentials to use (pure `resolveLogin`), and the private DOCKER_CONFIG folder
 * that holds them for the run only (`createDockerConfig` / `removeDockerConfig`, the file-system edge),
 * so nothing stays behind on a self-hosted runner.
 */
import { chmodSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { dockerConfigDir } from '../docker/detect.js';
import { ReproError } from '../errors.js';
import { registryOf } from './tags.js';

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
 * The `username`/`password` inputs for the registry of `image`; for a ghcr.io image without them, the
 * workflow's actor and its `github-token` (what docker/login-action users write by hand). Undefined:
 * no login (a public registry, or one the job logged in to before).
 */
export function resolveLogin(image: string | undefined, inputs: LoginInputs, env: NodeJS.ProcessEnv): LoginCredentials | undefined {
  if (!image) return undefined;
  const registry = registryOf(image);
  if (inputs.username && inputs.password) return { registry, username: inputs.username, password: inputs.password, source: 'inputs' };
  if (inputs.username || inputs.password) {
    throw new ReproError(`input ${inputs.username ? 'password' : 'username'} is empty, but ${inputs.username ? 'username' : 'password'} is set.`, {
      fix: `set both to log in to ${registry} (e.g. \`password: \${{ secrets.REGISTRY_TOKEN }}\`), or neither.`,
    });
  }
  const actor = env.GITHUB_ACTOR || env.GITHUB_REPOSITORY_OWNER;
  if (registry === 'ghcr.io' && inputs.githubToken && actor) return { registry, username: actor, password: inputs.githubToken, source: 'github-token' };
  return undefined;
}

/**
 * A fresh, owner-only DOCKER_CONFIG under `parent` (RUNNER_TEMP). The user's CLI plugins stay reachable
 * through a `cli-plugins` link: docker looks for buildx there, and a bare config would hide it.
 */
export function createDockerConfig(parent: string, env: NodeJS.ProcessEnv = process.env): string {
  const dir = mkdtempSync(path.join(parent, 'repro-ci-docker-config-'));
  chmodSync(dir, 0o700);
  const plugins = path.join(dockerConfigDir(env), 'cli-plugins');
  if (existsSync(plugins)) symlinkSync(plugins, path.join(dir, 'cli-plugins'));
  return dir;
}

/** Removes the folder (the link only, never the plugins it points to). True when something was removed. */
export function removeDockerConfig(dir: string | undefined): boolean {
  if (!dir || !existsSync(dir)) return false;
  rmSync(dir, { recursive: true, force: true });
  return true;
}
