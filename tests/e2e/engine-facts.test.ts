/**
 * The engine's facts read without `docker info` (its /info on the socket, `docker --version`, the buildx
 * plugin's metadata: src/docker/engine-api.ts) against what `docker info` itself says, on the engine, image
 * store and builder of this CI row: the two paths must agree on every fact the pipeline uses.
 */
import { describe, expect, test } from 'vitest';
import { Docker } from '../../src/docker/docker.js';
import { engineApi } from '../../src/docker/engine-api.js';
import { exec, type Exec } from '../../src/exec/exec.js';
import { MemoryLogger } from '../../src/log.js';

/** A Docker on the real exec edge that notes each program it starts, with or without the engine's socket. */
function docker(viaSocket: boolean) {
  const started: string[] = [];
  const noting: Exec = (file, args, opts) => {
    started.push([file.split('/').pop(), args[0]].join(' '));
    return exec(file, args, opts);
  };
  const api = viaSocket ? engineApi : { socket: () => undefined, info: async () => undefined };
  return { docker: new Docker(noting, new MemoryLogger(), 'docker', {}, api), started };
}

describe("the engine's facts without `docker info`", () => {
  test('the same versions, buildx and engine facts as `docker info` gives, on this row', async () => {
    const direct = docker(true);
    const cli = docker(false);
    direct.docker.prefetchBuilderFacts();
    const [facts, info, buildkit] = await Promise.all([
      direct.docker.facts(),
      direct.docker.info(),
      direct.docker.buildkitVersion(),
    ]);
    expect(facts).toEqual(await cli.docker.facts());
    expect(info).toEqual(await cli.docker.info());
    expect(buildkit).toEqual(await cli.docker.buildkitVersion());
    expect(facts.serverVersion).toMatch(/^\d+\.\d+/);
    expect(cli.started).toContain('docker info');
    // Where the CLI's engine is a local socket and buildx sits in a plugin folder (every row but the classic
    // client's), the engine answered for itself: no `docker info` was started.
    const local = engineApi.socket(process.env) !== undefined && facts.buildxVersion !== undefined;
    expect(direct.started.includes('docker info')).toBe(!local);
  });
});
