import { describe, expect, it } from 'vitest';
import { parseInputs, type ActionInputs } from '../../src/action/inputs.js';
import { ReproError } from '../../src/errors.js';

const getter = (values: Record<string, string>) => (name: string) => values[name] ?? '';

function inputError(values: Record<string, string>): ReproError {
  try {
    parseInputs(getter(values));
  } catch (e) {
    expect(e).toBeInstanceOf(ReproError);
    return e as ReproError;
  }
  throw new Error('expected parseInputs to throw');
}

const NEWLINES = { tags: '\n', labels: '\n', annotations: '\n' };

describe('parseInputs', () => {
  it('defaults', () => {
    expect(parseInputs(getter({}))).toEqual({
      config: 'repro.yml',
      workingDirectory: '.',
      push: undefined,
      image: undefined,
      registry: undefined,
      gpus: undefined,
      builder: 'auto',
      githubToken: undefined,
      allowUntrustedCode: false,
      separators: NEWLINES,
      mode: 'run',
    } satisfies ActionInputs);
  });

  it('publishing inputs: the password kept exactly as given (spaces are part of a secret), lists as written', () => {
    const i = parseInputs(
      getter({
        username: ' octocat ',
        password: ' p@ss ',
        tags: 'type=sha\nstable\n',
        flavor: 'latest=false',
        labels: 'a=1\nb=2',
      }),
    );
    expect([i.username, i.password, i.tags, i.flavor, i.labels]).toEqual([
      'octocat',
      ' p@ss ',
      'type=sha\nstable',
      'latest=false',
      'a=1\nb=2',
    ]);
  });

  it('every input, trimmed', () => {
    expect(
      parseInputs(
        getter({
          config: ' ci/repro.yml ',
          'working-directory': 'examples/mnist',
          push: 'always',
          image: 'ghcr.io/o/p',
          registry: '127.0.0.1:5000',
          gpus: 'device=0,2',
          builder: 'classic',
          'github-token': 'tok',
        }),
      ),
    ).toEqual({
      config: 'ci/repro.yml',
      workingDirectory: 'examples/mnist',
      push: 'always',
      image: 'ghcr.io/o/p',
      registry: '127.0.0.1:5000',
      gpus: 'device=0,2',
      builder: 'classic',
      githubToken: 'tok',
      allowUntrustedCode: false,
      separators: NEWLINES,
      mode: 'run',
    } satisfies ActionInputs);
  });

  it("sep-* kept as given, a space or a comma included; empty is a newline (metadata-action's reading)", () => {
    // Trimmed by the runner (as core.getInput trims), `' '` would be lost; the separators ask for it untrimmed.
    const get = (name: string, untrimmed?: boolean) => {
      const v =
        (
          { 'sep-tags': ' ', 'sep-labels': ',', annotations: 'org.opencontainers.image.title=MNIST' } as Record<
            string,
            string
          >
        )[name] ?? '';
      return untrimmed ? v : v.trim();
    };
    const i = parseInputs(get);
    expect(i.separators).toEqual({ tags: ' ', labels: ',', annotations: '\n' });
    expect(i.annotations).toBe('org.opencontainers.image.title=MNIST');
  });

  it('treats blank inputs as unset', () => {
    expect(parseInputs(getter({ config: '   ', push: ' ', gpus: '' }))).toMatchObject({
      config: 'repro.yml',
      push: undefined,
      gpus: undefined,
    });
  });

  it.each<[string, string]>([
    ['true', 'always'],
    ['TRUE', 'always'],
    ['True', 'always'],
    ['false', 'never'],
    ['FALSE', 'never'],
    ['auto', 'auto'],
    ['always', 'always'],
    ['never', 'never'],
    ['Never', 'never'],
  ])('push %j → %s', (value, push) => {
    expect(parseInputs(getter({ push: value })).push).toBe(push);
  });

  it.each<[string]>([['all'], ['2'], ['device=0,2'], ['none'], ['optional']])('accepts gpus %j', (gpus) => {
    expect(parseInputs(getter({ gpus })).gpus).toBe(gpus);
  });

  it.each<[Record<string, string>, string, string]>([
    [
      { builder: 'docker' },
      'input builder: "docker" is not one of auto, buildx, classic.',
      'set `builder:` to one of auto, buildx, classic, or leave it out for the default.',
    ],
    [
      { builder: 'BuildX' },
      'input builder: "BuildX" is not one of auto, buildx, classic.',
      'set `builder:` to one of auto, buildx, classic, or leave it out for the default.',
    ],
    [
      { push: 'yes' },
      'input push: "yes" is not one of auto, always, never.',
      'set `push:` to one of auto, always, never, or leave it out for the default.',
    ],
    [
      { push: 'sometimes' },
      'input push: "sometimes" is not one of auto, always, never.',
      'set `push:` to one of auto, always, never, or leave it out for the default.',
    ],
    [
      { gpus: 'lots' },
      'input gpus: "lots" is not valid.',
      'use `all`, a count such as `2`, `device=0,2`, `none` or `optional`.',
    ],
    [
      { gpus: '0' },
      'input gpus: "0" is not valid.',
      'use `all`, a count such as `2`, `device=0,2`, `none` or `optional`.',
    ],
    [
      { gpus: 'device=0,' },
      'input gpus: "device=0," is not valid.',
      'use `all`, a count such as `2`, `device=0,2`, `none` or `optional`.',
    ],
  ])('rejects %j', (values, message, fix) => {
    const e = inputError(values);
    expect(e.message).toBe(message);
    expect(e.fix).toBe(fix);
  });
});
