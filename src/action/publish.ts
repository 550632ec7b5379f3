/**
 * The action's login edge: the run plan's registry accounts (src/pipeline/plan.ts) into a private DOCKER_CONFIG.
 * The password is masked by main before anything else happens; the private DOCKER_CONFIG it goes into is named
 * in the post step's state first, so post removes it even when main is killed.
 */
import * as core from '@actions/core';
import type { RunPlan } from '../pipeline/plan.js';
import type { RegistryLogin } from '../publish/publish.js';
import { createDockerConfig, registriesOf, removeDockerConfig } from '../publish/login.js';
import { saveDockerConfig } from './state.js';
import os from 'node:os';

export interface ActionLogin {
  login?: RegistryLogin;
  /** Removes the private DOCKER_CONFIG (post does it too, for runs that never get here). */
  cleanup: () => void;
}

/** Writes the plan's logins into a private DOCKER_CONFIG, named in the post step's state first. */
export function prepareLogin(plan: RunPlan, env: NodeJS.ProcessEnv): ActionLogin {
  const accounts = plan.logins;
  if (accounts.length === 0) return { cleanup: () => undefined };
  const dockerConfig = createDockerConfig(
    env.RUNNER_TEMP || os.tmpdir(),
    accounts.map((a) => a.registry),
    env,
  );
  saveDockerConfig(dockerConfig);
  for (const a of accounts)
    core.info(
      `registry login for ${a.registry}: ${a.username}, from ${a.source === 'inputs' ? 'the username/password inputs' : 'github-token'} (used only if the images are pushed)`,
    );
  const others = registriesOf(plan.repositories).filter((r) => !accounts.some((a) => a.registry === r));
  if (others.length)
    core.info(
      `no login given for ${others.join(', ')}: pushed there with the job's own docker login (docker/login-action before this step)`,
    );
  return { login: { accounts, dockerConfig }, cleanup: () => void removeDockerConfig(dockerConfig) };
}
