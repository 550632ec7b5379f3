/** End-to-end tests need the real engine and registry: fail loudly (never skip) when they are missing. */
import { spawnSync } from 'node:child_process';

export default async function setup(): Promise<void> {
  const info = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8' });
  if (info.status !== 0) {
    throw new Error(
      `end-to-end tests need a Docker engine, and \`docker info\` failed:\n${info.stderr}\nRun \`bash scripts/ensure-docker.sh\` (npm test does this first).`,
    );
  }
  const res = await fetch('http://127.0.0.1:5000/v2/').catch((e: Error) => e);
  if (res instanceof Error || !res.ok) {
    throw new Error('end-to-end tests need the registry on 127.0.0.1:5000. Run `bash scripts/ensure-docker.sh`.');
  }
}
