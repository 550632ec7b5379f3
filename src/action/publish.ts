/**
 * The action's publishing edge: inputs + repro.yml → what the pipeline pushes, and the registry login.
 * The password is masked by main before anything else happens; the private DOCKER_CONFIG it goes into is named
 * in the post step's state first, so post removes it even when main is killed.
 */
import * as core from '@actions/core';
import type { Config } from '../config/config.js';
import type { RegistryLogin } from '../publish/publish.js';
import { createDockerConfig, removeDockerConfig, resolveLogin } from '../publish/login.js';
import { pushImageFor, resolvePublish, type ResolvedPublish } from '../publish/settings.js';
import type { ActionInputs } from './inputs.js';
import { saveDockerConfig } from './state.js';
import os from 'node:os';

export interface ActionPublish {
  pushImage?: string;
  publish: ResolvedPublish;
  login?: RegistryLogin;
  /** Removes the private DOCKER_CONFIG (post does it too, for runs that never get here). */
  cleanup: () => void;
}

export function preparePublish(inputs: ActionInputs, config: Config, env: NodeJS.ProcessEnv, untrusted: boolean): ActionPublish {
  const publish = resolvePublish(config.push, { tags: inputs.tags, flavor: inputs.flavor, labels: inputs.labels, annotations: inputs.annotations });
  const pushImage = pushImageFor(inputs.image, config.push.image, publish, inputs.registry, env.GITHUB_REPOSITORY);
  // Untrusted code is never pushed, so it never gets near a login either.
  const creds = untrusted ? undefined : resolveLogin(pushImage, inputs, env);
  if (!creds) return { pushImage, publish, cleanup: () => undefined };
  const dockerConfig = createDockerConfig(env.RUNNER_TEMP || os.tmpdir(), env);
  saveDockerConfig(dockerConfig);
  core.info(`registry login for ${creds.registry}: ${creds.username}, from ${creds.source === 'inputs' ? 'the username/password inputs' : 'github-token'} (used only if the images are pushed)`);
  return { pushImage, publish, login: { registry: creds.registry, username: creds.username, password: creds.password, dockerConfig }, cleanup: () => void removeDockerConfig(dockerConfig) };
}
