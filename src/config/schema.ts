/**
 * The repro.yml schema, written once as data. The validator walks it, and the config reference in the
 * docs is generated from it, so the two cannot drift apart.
 */

/**
 * One component of an image name as docker's reference grammar takes it (`[a-z0-9]+` joined by `.`, `_`,
 * `__` or dashes): the project name and image keys become `<name>-<key>:latest` and `<repository>/<key>`.
 */
export const IMAGE_NAME_PART = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

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

/**
 * The value the validator (src/config/validate.ts) returns for a schema: the raw types of repro.yml are
 * derived from the schema data, never restated by hand. A shorthand is expanded to its object; durations
 * are seconds; commands are word lists; scalars are strings.
 */
export type RawOf<S> = S extends { kind: 'string'; enum: readonly (infer E)[] }
  ? E
  : S extends { kind: 'string' | 'scalar' }
    ? string
    : S extends { kind: 'number' | 'duration' }
      ? number
      : S extends { kind: 'boolean' }
        ? boolean
        : S extends { kind: 'command' }
          ? string[]
          : S extends { kind: 'list'; items: infer I }
            ? RawOf<I>[]
            : S extends { kind: 'map'; values: infer V }
              ? Record<string, RawOf<V>>
              : S extends { kind: 'object'; fields: infer F }
                ? RawFields<F>
                : never;

/** An object's fields: `required: true` ones always there, the others optional. */
export type RawFields<F> = {
  -readonly [K in keyof F as F[K] extends { required: true } ? K : never]: F[K] extends { schema: infer S }
    ? RawOf<S>
    : never;
} & {
  -readonly [K in keyof F as F[K] extends { required: true } ? never : K]?: F[K] extends { schema: infer S }
    ? RawOf<S>
    : never;
};

export interface Field {
  schema: Schema;
  doc: string;
  required?: boolean;
  default?: string;
  example?: string;
}

const durationDoc = 'seconds as a number, or a duration such as `90s`, `30m`, `1h30m`';

export const LINT_LEVELS = ['warn', 'error', 'off'] as const;
export type LintLevel = (typeof LINT_LEVELS)[number];
export const PUSH_WHEN = ['auto', 'always', 'never'] as const;
export type PushWhen = (typeof PUSH_WHEN)[number];

export const GPU_VALUES_HINT = '`all`, a count such as `2`, `device=0,2`, `none` or `optional`';
export const GPU_PATTERN = /^(all|none|optional|[1-9]\d*|device=\d+(,\d+)*)$/;

const imageSchema = {
  kind: 'object',
  shorthand: { field: 'dockerfile', schema: { kind: 'string' } },
  fields: {
    dockerfile: { schema: { kind: 'string' }, doc: 'Dockerfile path, relative to repro.yml.', default: 'Dockerfile' },
    context: { schema: { kind: 'string' }, doc: 'Build context folder, relative to repro.yml.', default: '.' },
    target: { schema: { kind: 'string' }, doc: 'Build stage to stop at (`--target`).' },
    'build-args': {
      schema: {
        kind: 'map',
        keyPattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
        keyHint: 'a build arg name such as PYTHON_VERSION',
        values: { kind: 'scalar' },
      },
      doc: 'Build arguments (`--build-arg NAME=VALUE`).',
    },
  },
} as const satisfies Schema;

const mountSchema = {
  kind: 'string',
  pattern: /^[^:]+:\/[^:]*(:(ro|rw))?$/,
  patternHint:
    'write HOST:CONTAINER or HOST:CONTAINER:ro, e.g. `data:/data:ro` (HOST relative to repro.yml, CONTAINER absolute)',
} as const satisfies Schema;

const sizeSchema = {
  kind: 'string',
  pattern: /^\d+(\.\d+)?[bkmg]?$/i,
  patternHint: 'write a size such as `512m` or `2g`',
} as const satisfies Schema;
export const ULIMIT_NAMES = [
  'core',
  'cpu',
  'data',
  'fsize',
  'locks',
  'memlock',
  'msgqueue',
  'nice',
  'nofile',
  'nproc',
  'rss',
  'rtprio',
  'rttime',
  'sigpending',
  'stack',
] as const;

/** Per-step resources and long-job settings (issue 6): each maps to one `docker run` flag or a pipeline feature. */
const resourceFields = {
  'shm-size': {
    schema: sizeSchema,
    doc: "Size of /dev/shm (`--shm-size`), e.g. `8g`. PyTorch DataLoader workers pass tensors through it; docker's 64m makes them crash.",
    default: '2g with GPUs, else 64m',
  },
  memory: { schema: sizeSchema, doc: 'Memory limit (`--memory`), e.g. `16g`.' },
  cpus: { schema: { kind: 'number' }, doc: 'CPU limit (`--cpus`), e.g. `4` or `1.5`.' },
  ulimits: {
    schema: {
      kind: 'map',
      keyPattern: new RegExp(`^(${ULIMIT_NAMES.join('|')})$`),
      keyHint: `one of ${ULIMIT_NAMES.join(', ')}`,
      values: {
        kind: 'string',
        pattern: /^-?\d+(:-?\d+)?$/,
        patternHint: 'write a limit such as `65536`, `SOFT:HARD` such as `1024:65536`, or `-1` for unlimited',
      },
    },
    doc: 'Resource limits (`--ulimit NAME=SOFT[:HARD]`), e.g. `{ memlock: -1, stack: 67108864 }`.',
  },
  ipc: {
    schema: {
      kind: 'string',
      pattern: /^(private|shareable|host|none|container:[a-zA-Z0-9][a-zA-Z0-9_.-]*)$/,
      patternHint: 'use `private`, `shareable`, `host`, `none` or `container:NAME`',
    },
    doc: "IPC namespace (`--ipc`); `host` shares the machine's /dev/shm, so `shm-size` does not apply.",
  },
  user: {
    schema: {
      kind: 'string',
      pattern: /^(runner|[a-z_][a-z0-9_-]*|\d+)(:([a-z_][a-z0-9_-]*|\d+))?$/i,
      patternHint: 'use `runner`, `UID`, `UID:GID` or a user name such as `nobody`',
    },
    doc: 'User in the container (`--user`). `runner` runs as the uid:gid of the runner, so files written to mounts are not owned by root on self-hosted runners.',
  },
  'pass-env': {
    schema: {
      kind: 'list',
      items: {
        kind: 'string',
        pattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
        patternHint: 'use an environment variable name such as `WANDB_API_KEY`',
      },
    },
    doc: 'Names of runner environment variables passed into the container as they are. Values of names containing TOKEN, KEY, SECRET, PASSWORD, PASSWD, CREDENTIAL or AUTH are masked in the log. A name not set on the runner is skipped with a warning.',
  },
  caches: {
    schema: {
      kind: 'map',
      keyPattern: /^[a-z0-9][a-z0-9_.-]*$/,
      keyHint: 'a lower-case name such as `huggingface`',
      values: {
        kind: 'string',
        pattern: /^\/./,
        patternHint: 'use an absolute folder in the container, e.g. `/root/.cache/huggingface`',
      },
    },
    doc: 'Run-time caches, NAME: CONTAINER_FOLDER (model weights, datasets: point HF_HOME, TORCH_HOME... at it). A host folder per name is mounted there, kept between runs on the machine and, in the action, saved and restored through the Actions cache.',
    example: 'caches:\n  huggingface: /cache/hf\nenv:\n  HF_HOME: /cache/hf',
  },
  heartbeat: {
    schema: {
      kind: 'string',
      pattern: /^(off|(?=\d)(\d+h)?(\d+m)?(\d+s?)?)$/,
      patternHint: 'write a duration such as `90s`, `5m` or `1h`, or `off`',
    },
    doc: 'Print a `still running` line when the step has printed nothing for this long, so people and idle watchdogs see it is alive; `off` turns it off.',
    default: '5m',
  },
} as const satisfies Record<string, Field>;

const stepSchema = {
  kind: 'object',
  fields: {
    name: {
      schema: {
        kind: 'string',
        pattern: /^[a-z0-9][a-z0-9_.-]*$/i,
        patternHint: 'use letters, digits, `.`, `_` and `-`, e.g. `train`',
      },
      doc: 'Step name, unique.',
      required: true,
    },
    image: {
      schema: { kind: 'string' },
      doc: 'Key of the image (under `images`) to run. May be left out when there is one image.',
    },
    command: {
      schema: { kind: 'command' },
      doc: "Command that replaces the image's ENTRYPOINT and CMD (a list, or a string split into words; no shell).",
    },
    args: { schema: { kind: 'command' }, doc: "Arguments given to the image's ENTRYPOINT, replacing its CMD." },
    env: {
      schema: {
        kind: 'map',
        keyPattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
        keyHint: 'an environment variable name such as SEED',
        values: { kind: 'scalar' },
      },
      doc: 'Environment variables for the container.',
    },
    mounts: {
      schema: { kind: 'list', items: mountSchema },
      doc: "Bind mounts `HOST:CONTAINER[:ro]`. HOST is relative to repro.yml, must stay inside it, and is created when missing. A relative path a script writes lands under the image's WORKDIR: mount there. A writable HOST folder inside a build context is kept out of that build (a run's outputs never enter the next image) unless the Dockerfile COPYs it by name.",
    },
    workdir: {
      schema: { kind: 'string', pattern: /^\//, patternHint: 'use an absolute path in the container, e.g. `/app`' },
      doc: 'Working directory in the container.',
    },
    timeout: {
      schema: { kind: 'duration' },
      doc: `Time limit; the container is stopped and the run fails past it (${durationDoc}).`,
      default: '6h',
    },
    gpus: {
      schema: { kind: 'string', pattern: GPU_PATTERN, patternHint: `use ${GPU_VALUES_HINT}` },
      doc: `GPUs for the container: ${GPU_VALUES_HINT}.`,
      default: 'none',
    },
    network: { schema: { kind: 'string' }, doc: 'Docker network (`none` cuts the container off).', default: 'bridge' },
    ...resourceFields,
  },
} as const satisfies Schema;

const ruleSchema = {
  kind: 'object',
  fields: {
    min: { schema: { kind: 'number' }, doc: 'Fail when the metric is below this value.' },
    max: { schema: { kind: 'number' }, doc: 'Fail when the metric is above this value.' },
    reference: {
      schema: {
        kind: 'object',
        fields: {
          atol: { schema: { kind: 'number' }, doc: 'Absolute tolerance.', default: '0' },
          rtol: { schema: { kind: 'number' }, doc: 'Tolerance relative to the reference value.', default: '0' },
        },
      },
      doc: 'Fail unless `|value - reference| <= atol + rtol * |reference|`, the reference read from `metrics.reference`.',
      example: 'reference: { atol: 0.001, rtol: 0.01 }',
    },
    'no-worse-than-base': {
      schema: {
        kind: 'object',
        shorthand: { field: 'direction', schema: { kind: 'string', enum: ['higher', 'lower'] } },
        fields: {
          direction: {
            schema: { kind: 'string', enum: ['higher', 'lower'] },
            doc: 'Which way is better: `higher` (accuracy) or `lower` (loss).',
            required: true,
          },
          'allowed-drop': {
            schema: { kind: 'number' },
            doc: 'How much worse than the base the value may be (absolute).',
            default: '0',
          },
        },
      },
      doc: "Fail when the metric is worse than in the last successful run of the pull request's base branch (of the same branch on pushes), kept in the Actions cache. No saved run: a notice, not a failure. A value may be just the direction.",
      example: 'no-worse-than-base: { direction: higher, allowed-drop: 0.005 }',
    },
  },
} as const satisfies Schema;

const metricsSourceSchema = {
  kind: 'object',
  shorthand: { field: 'path', schema: { kind: 'string' } },
  fields: {
    path: { schema: { kind: 'string' }, doc: 'Metrics file on the host, relative to repro.yml.', required: true },
    format: {
      schema: { kind: 'string', enum: ['json', 'yaml', 'csv', 'tsv', 'dvc'] },
      doc: 'File format; `dvc` reads the metrics files a dvc.yaml lists.',
      default: 'from the file name',
    },
    row: {
      schema: { kind: 'string' },
      doc: 'CSV/TSV: the row whose first column has this value, or `last`.',
      default: 'last',
    },
    prefix: {
      schema: {
        kind: 'string',
        pattern: /^[A-Za-z0-9_-]+$/,
        patternHint: 'use letters, digits, `_` and `-`, e.g. `train`',
      },
      doc: "Namespace for this file's metrics (`PREFIX.name`), so files may share metric names.",
    },
  },
} as const satisfies Schema;

export const configSchema = {
  kind: 'object',
  fields: {
    version: { schema: { kind: 'number' }, doc: 'Schema version. Only `1` exists.', default: '1' },
    name: {
      schema: {
        kind: 'string',
        pattern: IMAGE_NAME_PART,
        patternHint:
          'use lower-case letters and digits, joined by single `.` or `_`, or by dashes, as docker takes them in an image name, e.g. `mnist-baseline`',
      },
      doc: 'Project name, used for local image tags.',
      default: 'the folder of repro.yml',
    },
    images: {
      schema: {
        kind: 'map',
        keyPattern: IMAGE_NAME_PART,
        keyHint:
          'a lower-case name such as `train` (letters and digits, joined by `_` or dashes, as docker takes them in an image name)',
        values: imageSchema,
      },
      doc: 'Images to build, by name. A value may be just the Dockerfile path.',
      required: true,
      example: 'images:\n  train: train.dockerfile\n  evaluate: { dockerfile: evaluate.dockerfile }',
    },
    steps: {
      schema: { kind: 'list', items: stepSchema },
      doc: 'Containers to run, in order. Left out: a build-and-push-only config (release-time publishing), which runs and checks nothing.',
    },
    metrics: {
      schema: {
        kind: 'object',
        shorthand: { field: 'file', schema: { kind: 'string' } },
        fields: {
          file: {
            schema: { kind: 'string' },
            doc: 'Metrics file written by a step (path on the host, relative to repro.yml): JSON, YAML, CSV/TSV (last row) or a dvc.yaml.',
          },
          files: {
            schema: { kind: 'list', items: metricsSourceSchema },
            doc: 'Several metrics files, merged; each a path or a mapping.',
            example: 'files:\n  - results/metrics.json\n  - { path: results/log.csv, row: test, prefix: log }',
          },
          reference: {
            schema: { kind: 'string' },
            doc: 'Reference metrics committed in the repo, for `reference` rules (same formats).',
          },
        },
      },
      doc: 'Where the metrics appear on the host. A value may be just the path.',
    },
    repeat: {
      schema: {
        kind: 'object',
        shorthand: { field: 'count', schema: { kind: 'number' } },
        fields: {
          count: { schema: { kind: 'number' }, doc: 'How many runs (2 or more).', required: true },
          steps: {
            schema: { kind: 'list', items: { kind: 'string' } },
            doc: 'Steps run again for each repeat; earlier steps run once.',
            default: 'every step',
          },
          'seed-env': {
            schema: {
              kind: 'string',
              pattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
              patternHint: 'use an environment variable name such as SEED',
            },
            doc: "Variable set per run to the step's value plus the run index (0, 1, ...); without it every run gets the same environment, which tests determinism.",
          },
          checks: {
            schema: { kind: 'string', enum: ['mean', 'each'] },
            doc: 'Apply the rules to the mean over the runs, or to each run.',
            default: 'mean',
          },
        },
      },
      doc: 'Run the steps several times: mean, std, min and max per metric, and whether the outputs were bit-identical. A value may be just the count.',
      example: 'repeat: { count: 3, steps: [evaluate], seed-env: SEED }',
    },
    checks: {
      schema: { kind: 'map', values: ruleSchema },
      doc: 'Rules per metric; nested metrics use dotted paths such as `test.accuracy`.',
    },
    push: {
      schema: {
        kind: 'object',
        fields: {
          image: {
            schema: {
              kind: 'string',
              pattern: /^[a-z0-9][a-z0-9._:/-]*$/,
              patternHint: 'use a lower-case repository such as `ghcr.io/owner/project` or `127.0.0.1:5000/project`',
            },
            doc: 'Repository to push to (registry host included). With several images, each goes to `IMAGE/KEY`.',
          },
          when: {
            schema: { kind: 'string', enum: PUSH_WHEN },
            doc: '`auto` pushes pushes to the default branch, git tags and published releases, never pull requests or forks; `always` also pushes other branches and pull requests (never forks); `never` does not push.',
            default: 'auto',
          },
          tags: {
            schema: { kind: 'list', items: { kind: 'string' } },
            doc: 'Tag rules in docker/metadata-action syntax (`type=schedule|semver|pep440|match|edge|ref|raw|sha,...`), plain tags, or full references. Pre-releases never move `latest`. See docs/tags.md.',
            default: 'type=schedule; semver {{version}} and {{major}}.{{minor}}; ref branch, tag, pr; sha',
            example:
              'tags:\n  - type=semver,pattern={{version}}\n  - type=ref,event=branch\n  - type=raw,value=latest,enable={{is_default_branch}}',
          },
          flavor: {
            schema: {
              kind: 'object',
              fields: {
                latest: {
                  schema: { kind: 'scalar' },
                  doc: '`auto` (semver, pep440, match and git tags that are not pre-releases), `true` or `false`.',
                  default: 'auto',
                },
                prefix: {
                  schema: { kind: 'string' },
                  doc: 'Prefix for every tag a rule without its own `prefix=` makes.',
                },
                suffix: {
                  schema: { kind: 'string' },
                  doc: 'Suffix for every tag a rule without its own `suffix=` makes, e.g. `-gpu`.',
                },
              },
            },
            doc: "Defaults for every tag rule, as metadata-action's `flavor`.",
          },
          images: {
            schema: { kind: 'list', items: { kind: 'string' } },
            doc: "Several repositories to push the same images to, as docker/metadata-action's `images` lines: `ghcr.io/owner/project`, or `name=docker.io/owner/project,enable=false`. The first enabled one is the main repository (layer cache, record, promotion); each gets every tag. Not with `image`.",
            example: 'images:\n  - ghcr.io/owner/project\n  - name=docker.io/owner/project,enable=true',
          },
          labels: {
            schema: { kind: 'map', values: { kind: 'scalar' } },
            doc: 'Extra image labels; they override the OCI labels made from the repository and event.',
          },
          annotations: {
            schema: { kind: 'map', values: { kind: 'scalar' } },
            doc: "OCI annotations for the pushed manifests, over the OCI ones made from the repository and event (as metadata-action's `annotations`). Written where the builder supports them (a non-docker buildx driver on the containerd image store); always in the `annotations` output.",
          },
          dirty: {
            schema: { kind: 'string', enum: ['refuse', 'tag'] },
            doc: 'A run whose tracked files differ from the commit (uncommitted edits): `refuse` pushes nothing; `tag` pushes it under `dirty-<sha7>-<diff12>` only (the commit and a hash of the edits), never under the tags the rules give (sha, branch, semver, latest), which name the commit. Untracked files do not count.',
            default: 'refuse',
          },
          timeout: {
            schema: { kind: 'duration' },
            doc: `Longest the push of one tag may take, its retries included (${durationDoc}). Past it the upload is stopped and the push fails naming the registry: a registry that stops answering mid-upload never holds the job. Raise it for large images on a slow link.`,
            default: '10m',
          },
          retries: {
            schema: { kind: 'number' },
            doc: 'Retries of a push that failed for a passing reason (HTTP 5xx, 429, reset connection, timeout), with backoff. Refused logins are never retried.',
            default: '3',
          },
        },
      },
      doc: 'Where and when to push the images (only after every check passed).',
    },
    cache: {
      schema: {
        kind: 'object',
        fields: {
          layers: {
            schema: { kind: 'string', enum: ['auto', 'gha', 'registry', 'image', 'builder', 'none'] },
            doc: 'Layer cache: `gha` (buildx builders that can export: a non-docker driver, or the docker driver on the containerd image store; with the Actions cache), `registry` (inline cache in `push.image`, read back with --cache-from), `image` (the docker driver or the classic client with the Actions cache: the built image, less the layers of its base image, is kept there with docker save/load and read back with --cache-from; `docker save` writes the whole image after every build that changed it, so `auto` never picks it), `builder` (the local BuildKit cache only), `none`. `auto` picks the first of gha, registry, builder the machine supports.',
            default: 'auto',
          },
          'service-timeout': {
            schema: { kind: 'duration' },
            doc: `Longest one restore or save of a cache entry in the Actions cache (lookup and transfer) may take before the run goes on without it, with a warning (${durationDoc}).`,
            default: '10m',
          },
          'layer-timeout': {
            schema: { kind: 'duration' },
            doc: `Longest a \`type=gha\` layer cache import or export may take before the build goes on without it, with a warning (${durationDoc}). Where the builder reaches this machine's loopback (the docker driver, a remote driver on a unix socket), each request to the cache service must also make progress within 30 s or this time, whichever is less: past that the service is taken as gone for the run.`,
            default: '5m',
          },
          mounts: {
            schema: {
              kind: 'map',
              values: {
                kind: 'object',
                fields: {
                  files: {
                    schema: { kind: 'list', items: { kind: 'string' } },
                    doc: 'Files whose content decides the cache key (globs relative to repro.yml). Default: lock and requirements files found in the build context.',
                  },
                  exclude: {
                    schema: { kind: 'boolean' },
                    doc: 'Do not keep this mount between runs.',
                    default: 'false',
                  },
                },
              },
            },
            doc: 'Per `RUN --mount=type=cache` id (the target when it has no id): every such mount is found and kept between runs; list one here to name its key files, exclude it, or add a mount no Dockerfile names.',
            example:
              'cache:\n  mounts:\n    /root/.cache/pip: { files: [requirements.txt] }\n    /var/cache/apt: { exclude: true }',
          },
        },
      },
      doc: 'Caches kept between CI runs through the Actions cache: BuildKit cache mounts and the layer cache.',
    },
    results: {
      schema: { kind: 'string' },
      doc: 'Folder for logs, metrics and reports, relative to repro.yml. Kept even when a step or check fails.',
      default: '.repro-ci',
    },
    lint: {
      schema: {
        kind: 'object',
        shorthand: { field: 'level', schema: { kind: 'string', enum: LINT_LEVELS } },
        fields: {
          level: {
            schema: { kind: 'string', enum: LINT_LEVELS },
            doc: '`warn` reports findings as warnings; `error` fails the run before the build when there are any; `off` skips the lint.',
            default: 'warn',
          },
          ignore: {
            schema: {
              kind: 'list',
              items: {
                kind: 'string',
                pattern: /^RC\d{3}$/i,
                patternHint: 'write a rule id such as `RC102` (see docs/lint.md)',
              },
            },
            doc: 'Rule ids to switch off for every Dockerfile (see docs/lint.md).',
          },
        },
      },
      doc: 'The reproducibility lint of the Dockerfiles, run before the build (see docs/lint.md). A value may be just the level.',
      example: 'lint: { level: error, ignore: [RC102] }',
    },
    determinism: {
      schema: {
        kind: 'object',
        fields: {
          rebuild: {
            schema: { kind: 'boolean' },
            doc: 'After the build (and after the build caches are saved), build each image again with `--no-cache` and report whether the image ids match; when they differ, whether the file content (layer diff ids) does, and which layer first differs. SOURCE_DATE_EPOCH (the commit time) goes to both builds where BuildKit >= 0.11 supports it.',
            default: 'false',
          },
          'fail-on-difference': {
            schema: { kind: 'boolean' },
            doc: 'Fail the run when a rebuilt image has different file content. Differences in metadata only (timestamps) and failed rebuilds never fail it.',
            default: 'false',
          },
        },
      },
      doc: 'Rebuild determinism (see docs/record.md). Costs one uncached build per image.',
      example: 'determinism: { rebuild: true }',
    },
  },
} as const satisfies Schema;

/** repro.yml as the validator returns it. */
export type RawConfig = RawOf<typeof configSchema>;
