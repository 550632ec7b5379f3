/**
 * The action's publishing edge: inputs + repro.yml → what the pipeline pushes, and the registry login.
 * The password is masked by main before anything else happens; the private DOCKER_CONFIG it goes into is named
 * in the post step's state first, so post removes it even when main is killed.
 */
import * as core from '@actions/core';
import type { Config } from '../config/config.js';
import type { RegistryLogin } from '../publish/publish.js';
import { createDockerConfig, registriesOf, removeDockerConfig, resolveLogins } from '../publish/login.js';
import { pushRepositoriesFor, resolvePublish, type ResolvedPublish } from '../publish/settings.js';
import type { ActionInputs } from './inputs.js';
import { saveDockerConfig } from './state.js';
import os from 'node:os';

export interface ActionPublish {
  /** The main repository (layer cache, record, promotion). */
  pushImage?: string;
  /** The other repositories of the `images` input or `push.images`: every image and tag goes there too. */
  mirrors: string[];
  publish: ResolvedPublish;
  login?: RegistryLogin;
  /** Removes the private DOCKER_CONFIG (post does it too, for runs that never get here). */
  cleanup: () => void;
}

export function preparePublish(inputs: ActionInputs, config: Config, env: NodeJS.ProcessEnv, untrusted: boolean): ActionPublish {
  const publish = resolvePublish(config.push, { tags: inputs.tags, flavor: inputs.flavor, labels: inputs.labels, annotations: inputs.annotations });
  const notices: string[] = [];
  const [pushImage, ...mirrors] = pushRepositoriesFor({ image: inputs.image, images: inputs.images, registry: inputs.registry }, config.push, publish, env.GITHUB_REPOSITORY, notices);
  for (const n of notices) core.info(n);
  // Untrusted code is never pushed, so it never gets near a login either.
  const accounts = untrusted || !pushImage ? [] : resolveLogins([pushImage, ...mirrors], inputs, env);
  const bare = { pushImage, mirrors, publish };
  if (accounts.length === 0) return { ...bare, cleanup: () => undefined };
  const dockerConfig = createDockerConfig(env.RUNNER_TEMP || os.tmpdir(), accounts.map((a) => a.registry), env);
  saveDockerConfig(dockerConfig);
  for (const a of accounts) core.info(`registry login for ${a.registry}: ${a.username}, from ${a.source === 'inputs' ? 'the username/password inputs' : 'github-token'} (used only if the images are pushed)`);
  const others = registriesOf([pushImage!, ...mirrors]).filter((r) => !accounts.some((a) => a.registry === r));
  if (others.length) core.info(`no login given for ${others.join(', ')}: pushed there with the job's own docker login (docker/login-action before this step)`);
  return { ...bare, login: { accounts, dockerConfig }, cleanup: () => void removeDockerConfig(dockerConfig) };
}
