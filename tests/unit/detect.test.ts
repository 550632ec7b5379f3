import { describe, expect, it } from 'vitest';
import {
  chooseBuilder,
  usesContextBuilder,
  type BuilderPreference,
  type DockerEnvironment,
  type DockerFacts,
} from '../../src/docker/detect.js';
import { ReproError } from '../../src/errors.js';

const BUILDX_FIX_START =
  'install the buildx plugin: on GitHub-hosted runners add `docker/setup-buildx-action` before this step;';

function chooseError(pref: BuilderPreference, facts: DockerFacts): ReproError {
  try {
    chooseBuilder(pref, facts);
  } catch (e) {
    expect(e).toBeInstanceOf(ReproError);
    return e as ReproError;
  }
  throw new Error('expected chooseBuilder to throw');
}

describe('chooseBuilder: machines that can build', () => {
  it.each<[string, BuilderPreference, DockerFacts, DockerEnvironment]>([
    [
      'buildx present → buildx',
      'auto',
      { clientVersion: '28.2.2', serverVersion: '28.2.2', buildxVersion: 'v0.24.0' },
      { builder: 'buildx', clientVersion: '28.2.2', serverVersion: '28.2.2', buildxVersion: 'v0.24.0' },
    ],
    [
      'buildx present with an old client → still buildx',
      'auto',
      { clientVersion: '20.10.24+dfsg1', serverVersion: '20.10.24+dfsg1', buildxVersion: 'v0.10.4' },
      { builder: 'buildx', clientVersion: '20.10.24+dfsg1', serverVersion: '20.10.24+dfsg1', buildxVersion: 'v0.10.4' },
    ],
    [
      'client 20.10 without buildx → classic',
      'auto',
      { clientVersion: '20.10.24+dfsg1', serverVersion: '20.10.24+dfsg1' },
      {
        builder: 'classic',
        clientVersion: '20.10.24+dfsg1',
        serverVersion: '20.10.24+dfsg1',
        buildxVersion: undefined,
      },
    ],
    [
      'client 22 without buildx → classic',
      'auto',
      { clientVersion: '22.06.0', serverVersion: '24.0.0' },
      { builder: 'classic', clientVersion: '22.06.0', serverVersion: '24.0.0', buildxVersion: undefined },
    ],
    [
      'pref classic with client 20.10',
      'classic',
      { clientVersion: '20.10.5', serverVersion: '20.10.5', buildxVersion: 'v0.8.0' },
      { builder: 'classic', clientVersion: '20.10.5', serverVersion: '20.10.5', buildxVersion: 'v0.8.0' },
    ],
    [
      'pref classic with client 28 and buildx present (docker build runs through buildx)',
      'classic',
      { clientVersion: '28.0.1', serverVersion: '28.0.1', buildxVersion: 'v0.21.0' },
      { builder: 'classic', clientVersion: '28.0.1', serverVersion: '28.0.1', buildxVersion: 'v0.21.0' },
    ],
    [
      'pref buildx with the plugin',
      'buildx',
      { clientVersion: '20.10.5', serverVersion: '20.10.5', buildxVersion: 'v0.8.0' },
      { builder: 'buildx', clientVersion: '20.10.5', serverVersion: '20.10.5', buildxVersion: 'v0.8.0' },
    ],
  ])('%s', (_name, pref, facts, env) => {
    expect(chooseBuilder(pref, facts)).toEqual(env);
  });
});

describe('chooseBuilder: machines that cannot build', () => {
  it('client 28 without buildx → error that names buildx and the fix', () => {
    const e = chooseError('auto', { clientVersion: '28.2.2', serverVersion: '28.2.2' });
    expect(e.message).toBe(
      'docker client 28.2.2 can only build with BuildKit through the buildx plugin, and the plugin is missing (`docker buildx version` fails). BuildKit is required for `RUN --mount=type=cache`.',
    );
    expect(e.fix).toContain(BUILDX_FIX_START);
    expect(e.fix).toContain('`docker-buildx-plugin`');
    expect(e.fix).toContain('https://github.com/docker/buildx#installing');
  });

  it('pref classic with client 23 without buildx → the same error', () => {
    const e = chooseError('classic', { clientVersion: '23.0.0', serverVersion: '23.0.0' });
    expect(e.message).toContain('docker client 23.0.0 can only build with BuildKit through the buildx plugin');
    expect(e.fix).toContain(BUILDX_FIX_START);
  });

  it('pref buildx without the plugin → error', () => {
    const e = chooseError('buildx', { clientVersion: '20.10.5', serverVersion: '20.10.5' });
    expect(e.message).toBe('`builder: buildx` was asked for, but `docker buildx version` does not answer.');
    expect(e.fix).toContain(BUILDX_FIX_START);
  });

  it("engine unreachable → error with the first line of docker's message", () => {
    const e = chooseError('auto', {
      clientVersion: '28.2.2',
      serverError:
        'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\nsecond line',
    });
    expect(e.message).toBe(
      'the Docker engine is not reachable: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
    );
    expect(e.fix).toContain('start the engine (`sudo systemctl start docker`');
    expect(e.fix).toContain('the `docker` group');
    expect(e.fix).toContain('DOCKER_HOST');
  });

  it('engine unreachable without a message', () => {
    expect(chooseError('buildx', { clientVersion: '28.2.2', buildxVersion: 'v0.24.0' }).message).toBe(
      'the Docker engine is not reachable: no answer',
    );
  });

  it('no docker client → error', () => {
    const e = chooseError('auto', {});
    expect(e.message).toBe('the docker client did not answer `docker version`.');
    expect(e.fix).toBe('install Docker and make sure `docker` is on PATH.');
  });
});

describe('usesContextBuilder: the driver known without asking buildx', () => {
  it.each([
    [undefined, undefined, true],
    [undefined, '{"Key":"unix:///var/run/docker.sock","Name":"","Global":false}', true],
    [undefined, '{"Key":"unix:///var/run/docker.sock","Name":"builder-3f2a","Global":false}', false],
    ['builder-3f2a', undefined, false],
    [undefined, 'not json', false],
    [undefined, '{}', false],
  ])('BUILDX_BUILDER=%s, current file %s → %s', (env, current, want) => {
    expect(usesContextBuilder(env, current)).toBe(want);
  });
});
