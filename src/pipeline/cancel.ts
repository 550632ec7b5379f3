/**
 * On cancellation (the runner sends SIGINT, then SIGTERM; Ctrl-C locally) remove this run's
 * containers before exiting, so nothing keeps running or holding a GPU on the machine.
 */
import type { Docker } from '../docker/docker.js';
import type { Logger } from '../log.js';

export function onCancel(docker: Docker, label: string, log: Logger): void {
  let cancelling = false;
  const handler = (signal: NodeJS.Signals) => {
    if (cancelling) return;
    cancelling = true;
    log.warning(`received ${signal}: removing this run's containers.`);
    void removeLabelled(docker, label).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

export async function removeLabelled(docker: Docker, label: string): Promise<number> {
  const ids = await docker.containersWithLabel(label);
  await docker.removeContainers(ids);
  return ids.length;
}
