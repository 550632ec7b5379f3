/**
 * Pure functions that turn typed requests into docker argv. Nothing here runs anything, so every
 * flag the tool passes to docker is covered by table tests.
 */

export type BuilderKind = 'buildx' | 'classic';

/** Label put on every container and image we create, so cleanup can find exactly ours. */
export const LABEL_RUN = 'io.github.repro-ci.run';
export const LABEL_STEP = 'io.github.repro-ci.step';

/**
 * `docker buildx ...` run as the plugin's own binary (buildx's standalone mode): through the docker CLI,
 * every call starts the CLI, which asks the plugin for its metadata and then starts it again (~0.15 s per
 * call). An empty DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND is how buildx knows no CLI started it.
 */
export function directBuildxCall(
  pluginPath: string,
  argv: readonly string[],
): { file: string; args: string[]; env: Record<string, string> } {
  return { file: pluginPath, args: argv.slice(1), env: { DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND: '' } };
}

/**
 * Where the docker CLI looks for `docker-buildx` on Linux, in its order: the config folder's cli-plugins,
 * then the system folders. (Folders named by config.json's `cliPluginsExtraDirs` come first; not listed.)
 */
export function buildxPluginCandidates(configDir: string): string[] {
  const system = ['/usr/local/lib', '/usr/local/libexec', '/usr/lib', '/usr/libexec'].map((d) => `${d}/docker`);
  return [configDir, ...system].map((d) => `${d}/cli-plugins/docker-buildx`);
}

export interface BuildRequest {
  dockerfile: string;
  context: string;
  tags: string[];
  target?: string;
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
  /** OCI annotations for the image's manifest (buildx `--annotation manifest:K=V`; see src/publish/annotations.ts). */
  annotations?: Record<string, string>;
  /** File where docker writes the image id. */
  iidFile: string;
  cacheFrom?: string[];
  cacheTo?: string[];
  /** Rebuild every step (the determinism rebuild); also starts BuildKit cache mounts empty. */
  noCache?: boolean;
  /** Context paths kept out of the build whatever .dockerignore says (ImageSpec.exclude; Docker.build sees to it). */
  exclude?: string[];
  /**
   * buildx 0.10+: no provenance attestation. It carries the build's time and host, so every build of one
   * commit would push a new index digest, and it turns a single-platform push into an image index (on
   * the containerd store and non-docker drivers). The reproduction record says how the image was built.
   */
  noProvenance?: boolean;
}

/** Whether `buildx 0.13.1+ds1` / `github.com/docker/buildx v0.29.1 abc` is at least `major.minor`. */
export function buildxAtLeast(version: string | undefined, major: number, minor: number): boolean {
  const m = /v?(\d+)\.(\d+)/.exec(version ?? '');
  return !!m && (Number(m[1]) > major || (Number(m[1]) === major && Number(m[2]) >= minor));
}

export function buildArgv(kind: BuilderKind, req: BuildRequest): string[] {
  const argv = kind === 'buildx' ? ['buildx', 'build'] : ['build'];
  argv.push('--progress', 'plain', '--file', req.dockerfile, '--iidfile', req.iidFile);
  // buildx with a non-docker driver keeps results in the builder; --load brings them into the engine.
  if (kind === 'buildx') argv.push('--load');
  if (req.noCache) argv.push('--no-cache');
  if (kind === 'buildx' && req.noProvenance) argv.push('--provenance=false');
  for (const tag of req.tags) argv.push('--tag', tag);
  if (req.target) argv.push('--target', req.target);
  for (const [k, v] of Object.entries(req.buildArgs)) argv.push('--build-arg', `${k}=${v}`);
  for (const [k, v] of Object.entries(req.labels)) argv.push('--label', `${k}=${v}`);
  if (kind === 'buildx')
    for (const [k, v] of Object.entries(req.annotations ?? {})) argv.push('--annotation', `manifest:${k}=${v}`);
  for (const c of req.cacheFrom ?? []) argv.push('--cache-from', c);
  for (const c of req.cacheTo ?? []) argv.push('--cache-to', c);
  argv.push(req.context);
  return argv;
}

export interface HelperBuildRequest {
  dockerfile: string;
  context: string;
  outputDir: string;
  /**
   * Set when no file is wanted, only the work of this stage: buildx then builds just that target and
   * exports nothing (`type=cacheonly`); the classic client, which cannot, still exports to `outputDir`.
   */
  discardTarget?: string;
  /** `host` for the RUN that streams through a loopback socket (cache/dance.ts); `none` otherwise. */
  network?: 'none' | 'host';
  /** Build args whose values the docker client takes from its environment (`--build-arg NAME`). */
  buildArgsFromEnv?: string[];
}

/**
 * A helper build whose only result is files in `outputDir` (`--output type=local`), or nothing, never
 * an image: the cache-mount inject/extract builds. No `--load`, no `--no-cache` (that would empty cache mounts).
 * `--network none` unless asked: those only run tar, and a RUN without a network sandbox starts in 0.1 s
 * instead of 0.5 s (measured on the engine's BuildKit, both clients); `host` starts as fast (no sandbox either).
 */
export function helperBuildArgv(kind: BuilderKind, req: HelperBuildRequest): string[] {
  const argv = kind === 'buildx' ? ['buildx', 'build'] : ['build'];
  argv.push('--progress', 'plain', '--network', req.network ?? 'none', '--file', req.dockerfile);
  for (const name of req.buildArgsFromEnv ?? []) argv.push('--build-arg', name);
  if (kind === 'buildx' && req.discardTarget) argv.push('--target', req.discardTarget, '--output', 'type=cacheonly');
  else argv.push('--output', `type=local,dest=${req.outputDir}`);
  argv.push(req.context);
  return argv;
}

/** Environment for the docker client when building: the classic client needs BuildKit switched on. */
export function buildEnv(kind: BuilderKind): Record<string, string> {
  return kind === 'classic' ? { DOCKER_BUILDKIT: '1' } : {};
}

export interface RunRequest {
  name: string;
  image: string;
  labels: Record<string, string>;
  /**
   * A private file of `NAME=VALUE` lines (src/security/env.ts writes it): values never appear in argv,
   * process listings or logs, and never enter the docker client's own environment.
   */
  envFile?: string;
  /** Names whose (multi-line) values travel in the client's environment: `--env NAME` reads them there. */
  envNames: string[];
  mounts: { host: string; container: string; readOnly: boolean }[];
  workdir?: string;
  /** `all`, a count, `device=0,2`; `none`/undefined for no GPU. */
  gpus?: string;
  network?: string;
  resources?: RunResources;
  /** Replaces the image's ENTRYPOINT; `args` then follow it. */
  entrypoint?: string;
  args: string[];
  /** Keep the container after it ends (no `--rm`), so its state can be read; the caller removes it. */
  keep?: boolean;
}

export function runArgv(req: RunRequest): string[] {
  // --rm: the engine removes the container when it ends, stopped on timeout included.
  const argv = ['run', ...(req.keep ? [] : ['--rm']), '--name', req.name, '--init'];
  for (const [k, v] of Object.entries(req.labels)) argv.push('--label', `${k}=${v}`);
  if (req.network) argv.push('--network', req.network);
  if (req.envFile) argv.push('--env-file', req.envFile);
  for (const name of req.envNames) argv.push('--env', name);
  for (const m of req.mounts) argv.push('--mount', mountFlag(m));
  if (req.workdir) argv.push('--workdir', req.workdir);
  argv.push(...gpuFlags(req.gpus));
  if (req.resources) argv.push(...resourceFlags(req.resources));
  if (req.entrypoint !== undefined) argv.push('--entrypoint', req.entrypoint);
  argv.push(req.image, ...req.args);
  return argv;
}

/** Resource flags, already resolved (sizes as written, `user` as `uid:gid` or a name). */
export interface RunResources {
  shmSize?: string;
  memory?: string;
  cpus?: number;
  /** NAME → `SOFT[:HARD]`. */
  ulimits?: Record<string, string>;
  ipc?: string;
  user?: string;
}

export function resourceFlags(r: RunResources): string[] {
  const argv: string[] = [];
  if (r.shmSize) argv.push('--shm-size', r.shmSize);
  if (r.memory) argv.push('--memory', r.memory);
  if (r.cpus !== undefined) argv.push('--cpus', String(r.cpus));
  for (const [name, limit] of Object.entries(r.ulimits ?? {})) argv.push('--ulimit', `${name}=${limit}`);
  if (r.ipc) argv.push('--ipc', r.ipc);
  if (r.user) argv.push('--user', r.user);
  return argv;
}

/** `--mount` instead of `-v`: it never creates missing host paths as root-owned folders, and has no `:` ambiguity. */
export function mountFlag(m: { host: string; container: string; readOnly: boolean }): string {
  const fields = ['type=bind', csvField(`source=${m.host}`), csvField(`target=${m.container}`)];
  if (m.readOnly) fields.push('readonly');
  return fields.join(',');
}

/**
 * The --mount value is CSV: a field holding a comma or quote must be quoted as a whole
 * (`"source=/a,b"`); docker rejects a quote inside a field (`source="/a,b"`: bare " in non-quoted-field).
 */
function csvField(v: string): string {
  return /[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * `--gpus` parses its value as CSV, so `device=0,2` must reach docker wrapped in double quotes
 * (`--gpus '"device=0,2"'` in a shell), or docker reads `2` as a separate, invalid option.
 */
export function gpuFlags(gpus: string | undefined): string[] {
  if (!gpus || gpus === 'none') return [];
  if (gpus.startsWith('device=')) return ['--gpus', `"${gpus}"`];
  return ['--gpus', gpus];
}

export function stopArgv(name: string, graceSeconds: number): string[] {
  return ['stop', '--time', String(graceSeconds), name];
}

/** What the engine knows of a container that ended: killed for memory, and its memory limit in bytes. */
export function containerEndArgv(name: string): string[] {
  return ['container', 'inspect', '--format', '{{.State.OOMKilled}} {{.HostConfig.Memory}}', name];
}

export function removeContainersArgv(names: string[]): string[] {
  return ['rm', '--force', '--volumes', ...names];
}

export function listContainersArgv(label: string): string[] {
  return ['ps', '--all', '--quiet', '--filter', `label=${label}`];
}

export function listNetworksArgv(label: string): string[] {
  return ['network', 'ls', '--quiet', '--filter', `label=${label}`];
}

export function removeNetworksArgv(ids: string[]): string[] {
  return ['network', 'rm', ...ids];
}

/** Only temporary images carry the run label (helper images, probes); the images a run builds do not. */
export function listImagesArgv(label: string): string[] {
  return ['image', 'ls', '--all', '--quiet', '--filter', `label=${label}`];
}

export function removeImagesArgv(ids: string[]): string[] {
  return ['image', 'rm', '--force', ...ids];
}

export function tagArgv(source: string, target: string): string[] {
  return ['tag', source, target];
}

export function pushArgv(ref: string): string[] {
  return ['push', ref];
}

/** The password goes to stdin (`--password-stdin`), never into argv where `ps` and logs would show it. */
export function loginArgv(registry: string, username: string): string[] {
  return ['login', '--username', username, '--password-stdin', registry];
}

/** The diff ids of an image's filesystem layers, oldest first. */
export function layersArgv(image: string): string[] {
  return ['image', 'inspect', '--format', '{{json .RootFS.Layers}}', image];
}

/** The instructions that made an image, newest first, one per line, untruncated. */
export function historyArgv(image: string): string[] {
  return ['history', '--no-trunc', '--format', '{{json .CreatedBy}}', image];
}

/** Asks the registry for a manifest without pulling; plain HTTP only for a registry on this machine. */
export function manifestInspectArgv(ref: string): string[] {
  const host = ref.split('/')[0];
  const local = ref.includes('/') && /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host);
  return ['manifest', 'inspect', ...(local ? ['--insecure'] : []), ref];
}

export function pullArgv(ref: string): string[] {
  return ['pull', ref];
}

/** A stopped container, only to copy files out of its image (`docker cp`); the command is never run. */
export function createArgv(image: string, name: string): string[] {
  return ['create', '--name', name, image, 'none'];
}

export function copyFromArgv(container: string, src: string, dest: string): string[] {
  return ['cp', `${container}:${src}`, dest];
}

export function saveArgv(refs: string[], file: string): string[] {
  return ['save', '--output', file, ...refs];
}

export function loadArgv(file: string): string[] {
  return ['load', '--input', file];
}

/** `docker import` of a tar on stdin; `labels` become LABEL changes (JSON-quoted: values may hold spaces). */
export function importArgv(labels: Record<string, string>): string[] {
  const argv = ['import'];
  for (const [k, v] of Object.entries(labels)) argv.push('--change', `LABEL ${JSON.stringify(k)}=${JSON.stringify(v)}`);
  argv.push('-');
  return argv;
}
