/**
 * The repro.yml schema, written once as data. The validator walks it, and the config reference in the
 * docs is generated from it, so the two cannot drift apart.
 */

export type Schema =
  | { kind: 'string'; enum?: readonly string[]; pattern?: RegExp; patternHint?: string }
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'duration' }
  /** A scalar turned into a string (env values, build args): strings, numbers and booleans. */
  | { kind: 'scalar' }
  | { kind: 'object'; fields: Readonly<Record<string, Field>>; shorthand?: { field: string; schema: Schema } }
  /** An object whose keys the user chooses (image names, env names, metric names). */
  | { kind: 'map'; keyPattern?: RegExp; keyHint?: string; values: Schema }
  | { kind: 'list'; items: Schema }
  /** A string (split into words) or a list of strings. */
  | { kind: 'command' };

export interface Field {
  schema: Schema;
  doc: string;
  required?: boolean;
  default?: string;
  example?: string;
}

const durationDoc = 'seconds as a number, or a duration such as `90s`, `30m`, `1h30m`';

export const GPU_VALUES_HINT = '`all`, a count such as `2`, `device=0,2`, `none` or `optional`';
export const GPU_PATTERN = /^(all|none|optional|[1-9]\d*|device=\d+(,\d+)*)$/;

const imageSchema: Schema = {
  kind: 'object',
  shorthand: { field: 'dockerfile', schema: { kind: 'string' } },
  fields: {
    dockerfile: { schema: { kind: 'string' }, doc: 'Dockerfile path, relative to repro.yml.', default: 'Dockerfile' },
    context: { schema: { kind: 'string' }, doc: 'Build context folder, relative to repro.yml.', default: '.' },
    target: { schema: { kind: 'string' }, doc: 'Build stage to stop at (`--target`).' },
    'build-args': {
      schema: { kind: 'map', keyPattern: /^[A-Za-z_][A-Za-z0-9_]*$/, keyHint: 'a build arg name such as PYTHON_VERSION', values: { kind: 'scalar' } },
      doc: 'Build arguments (`--build-arg NAME=VALUE`).',
    },
  },
};

const mountSchema: Schema = {
  kind: 'string',
  pattern: /^[^:]+:\/[^:]*(:(ro|rw))?$/,
  patternHint: 'write HOST:CONTAINER or HOST:CONTAINER:ro, e.g. `data:/data:ro` (HOST relative to repro.yml, CONTAINER absolute)',
};

const stepSchema: Schema = {
  kind: 'object',
  fields: {
    name: { schema: { kind: 'string', pattern: /^[a-z0-9][a-z0-9_.-]*$/i, patternHint: 'use letters, digits, `.`, `_` and `-`, e.g. `train`' }, doc: 'Step name, unique.', required: true },
    image: { schema: { kind: 'string' }, doc: 'Key of the image (under `images`) to run. May be left out when there is one image.' },
    command: { schema: { kind: 'command' }, doc: "Command that replaces the image's ENTRYPOINT and CMD (a list, or a string split into words; no shell)." },
    args: { schema: { kind: 'command' }, doc: "Arguments given to the image's ENTRYPOINT, replacing its CMD." },
    env: { schema: { kind: 'map', keyPattern: /^[A-Za-z_][A-Za-z0-9_]*$/, keyHint: 'an environment variable name such as SEED', values: { kind: 'scalar' } }, doc: 'Environment variables for the container.' },
    mounts: { schema: { kind: 'list', items: mountSchema }, doc: 'Bind mounts `HOST:CONTAINER[:ro]`. HOST is relative to repro.yml, must stay inside it, and is created when missing.' },
    workdir: { schema: { kind: 'string', pattern: /^\//, patternHint: 'use an absolute path in the container, e.g. `/app`' }, doc: 'Working directory in the container.' },
    timeout: { schema: { kind: 'duration' }, doc: `Time limit; the container is stopped and the run fails past it (${durationDoc}).`, default: '6h' },
    gpus: { schema: { kind: 'string', pattern: GPU_PATTERN, patternHint: `use ${GPU_VALUES_HINT}` }, doc: `GPUs for the container: ${GPU_VALUES_HINT}.`, default: 'none' },
    network: { schema: { kind: 'string' }, doc: 'Docker network (`none` cuts the container off).', default: 'bridge' },
  },
};

const ruleSchema: Schema = {
  kind: 'object',
  fields: {
    min: { schema: { kind: 'number' }, doc: 'Fail when the metric is below this value.' },
    max: { schema: { kind: 'number' }, doc: 'Fail when the metric is above this value.' },
  },
};

export const configSchema: Schema = {
  kind: 'object',
  fields: {
    version: { schema: { kind: 'number' }, doc: 'Schema version. Only `1` exists.', default: '1' },
    name: { schema: { kind: 'string', pattern: /^[a-z0-9][a-z0-9._-]*$/, patternHint: 'use lower-case letters, digits, `.`, `_` and `-`' }, doc: 'Project name, used for local image tags.', default: 'the folder of repro.yml' },
    images: {
      schema: { kind: 'map', keyPattern: /^[a-z0-9][a-z0-9_-]*$/, keyHint: 'a lower-case name such as `train`', values: imageSchema },
      doc: 'Images to build, by name. A value may be just the Dockerfile path.',
      required: true,
      example: 'images:\n  train: train.dockerfile\n  evaluate: { dockerfile: evaluate.dockerfile }',
    },
    steps: { schema: { kind: 'list', items: stepSchema }, doc: 'Containers to run, in order.', required: true },
    metrics: {
      schema: { kind: 'object', shorthand: { field: 'file', schema: { kind: 'string' } }, fields: { file: { schema: { kind: 'string' }, doc: 'JSON metrics file written by a step (path on the host, relative to repro.yml).', required: true } } },
      doc: 'Where the metrics appear on the host. A value may be just the path.',
    },
    checks: { schema: { kind: 'map', values: ruleSchema }, doc: 'Rules per metric; nested metrics use dotted paths such as `test.accuracy`.' },
    push: {
      schema: {
        kind: 'object',
        fields: {
          image: { schema: { kind: 'string', pattern: /^[a-z0-9][a-z0-9._:/-]*$/, patternHint: 'use a lower-case repository such as `ghcr.io/owner/project` or `127.0.0.1:5000/project`' }, doc: 'Repository to push to (registry host included). With several images, each goes to `IMAGE/KEY`.' },
          when: { schema: { kind: 'string', enum: ['auto', 'always', 'never'] }, doc: '`auto` pushes on pushes and tags, never on pull requests; `always` also pushes elsewhere; `never` does not push.', default: 'auto' },
        },
      },
      doc: 'Where and when to push the images (only after every check passed).',
    },
    results: { schema: { kind: 'string' }, doc: 'Folder for logs, metrics and reports, relative to repro.yml. Kept even when a step or check fails.', default: '.repro-ci' },
  },
};
