/**
 * On cancellation (the runner sends SIGINT, then SIGTERM; Ctrl-C locally) the run writes what it has
 * (result.json and report.md saying it was cancelled, and in which stage) and removes its containers
 * before exiting, so nothing keeps running or holding a GPU on the machine, and nothing is lost.
 */
import { processesWithEnv } from '../exec/processes.js';
import type { Docker } from '../docker/docker.js';
import type { Logger } from '../log.js';

/** What a run does when it is cancelled: the pipeline registers its own writer while it runs. */
export interface Cancellation {
  /** Calls `fn` with the signal if the run is cancelled before the returned function is called. */
  whenCancelled(fn: (signal: NodeJS.Signals) => void): () => void;
  /**
   * Resolves at once, unless the run is being cancelled: then never, since the handler ends the process
   * once its containers are gone. Work that would follow a step the cancel stopped (the next stage, the
   * results written over the cancelled ones, the action's own exit code) waits on it.
   */
  settled(): Promise<void>;
}

export function onCancel(docker: Docker, label: string, log: Logger): Cancellation {
  let cancelling = false;
  const hooks = new Set<(signal: NodeJS.Signals) => void>();
  const handler = (signal: NodeJS.Signals) => {
    if (cancelling) return;
    cancelling = true;
    log.warning(`received ${signal}: writing what the run has, and removing its containers.`);
    // Last registered first, as deferred work unwinds: the run writes its results before it lets go of its lock.
    for (const fn of [...hooks].reverse()) {
      try {
        fn(signal);
      } catch (e) {
        log.warning(`could not write the cancelled run's results: ${(e as Error).message}`);
      }
    }
    void removeLabelled(docker, label).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    whenCancelled: (fn) => {
      hooks.add(fn);
      return () => hooks.delete(fn);
    },
    settled: () => (cancelling ? new Promise<void>(() => {}) : Promise.resolve()),
  };
}

export async function removeLabelled(docker: Docker, label: string): Promise<number> {
  const ids = await docker.containersWithLabel(label);
  await docker.removeContainers(ids);
  return ids.length;
}

/**
 * Every docker and buildx process a run starts carries this variable (main.ts gives the client it): the
 * post step finds them by it when main was killed mid-build, since a killed parent leaves its buildx
 * building (measured: the build went on after the post step ended).
 */
export const RUN_ENV = 'REPRO_CI_RUN';

/** Processes of this machine whose environment names the run (Linux: /proc; elsewhere none are found). */
export function processesOfRun(runId: string, proc = '/proc'): number[] {
  return processesWithEnv(`${RUN_ENV}=${runId}`, proc);
}
