/**
 * The Docker client, one method per operation. Argv comes from the pure builders in argv.ts; this
 * class only runs them through the exec edge and turns docker's answers into results or clear errors.
 */
import { copyFileSync, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { clientEnvOverrides, type ContainerEnv } from '../security/env.js';
import { writeFileFresh } from '../security/paths.js';
import { secrets } from '../security/redact.js';
import os from 'node:os';
import path from 'node:path';
import { ReproError } from '../errors.js';
import { isExecutableFile, type Exec, type ExecResult } from '../exec/exec.js';
import type { Logger } from '../log.js';
import { Heartbeat, type HeartbeatOptions } from '../util/heartbeat.js';
import { LineTail } from '../util/text.js';
import * as argv from './argv.js';
import {
  chooseBuilder,
  dockerConfigDir,
  usesContextBuilder,
  type BuilderPreference,
  type DockerEnvironment,
  type DockerFacts,
} from './detect.js';
import { explainBuildFailure, explainLoginFailure, explainPushFailure, pushPastDeadline } from './explain.js';
import { cliConfig, engineApi, type EngineApi } from './engine-api.js';
import { parseBuildkitVersion, parseEngineInfo, type EngineInfo } from './info.js';
import { buildIgnore } from './ignore.js';

export interface RunOutcome {
  exitCode: number;
  timedOut: boolean;
  /** Last lines of the container's output. */
  tail: string[];
  /** From the engine once the container ended (explain.ts tells an OOM kill from another SIGKILL by it). */
  oomKilled?: boolean;
  memoryLimit?: number;
}

/** An image a run built (or verify pulled): its image key, id and local tag. */
export interface BuiltImage {
  key: string;
  id: string;
  localTag: string;
}

export class Docker {
  constructor(
    private readonly exec: Exec,
    private readonly log: Logger,
    readonly bin = 'docker',
    /** Environment for every docker call (DOCKER_CONFIG for registry logins, say). */
    private readonly env: Record<string, string> = {},
    /** The engine's /info without the CLI, where its socket is the CLI's own (src/docker/engine-api.ts). */
    private readonly engine: EngineApi = engineApi,
  ) {}

  private readonly memo: {
    facts?: Promise<DockerFacts>;
    /** `docker info --format {{json .}}`, or the engine's own /info where the facts came from it. */
    info?: Promise<ExecResult>;
    buildxInspect?: Promise<ExecResult>;
    /** The plugin binary docker would most likely find; null where none is to be guessed. */
    likelyBuildx?: string | null;
  } = {};

  /** The buildx plugin's binary, once `docker info` has named it: buildx calls then skip the docker CLI. */
  private buildxPlugin?: string;

  /** Step containers being removed while the run goes on (~40 ms each): name → its removal. */
  private readonly removing = new Map<string, Promise<void>>();

  /** Removals the engine refused (a gone container or image is none), shared with withEnv's copies. */
  private removals = { failed: 0 };

  /** Whether a container or image this client was told to remove may still be there. */
  leftSomethingBehind(): boolean {
    return this.removals.failed > 0;
  }

  /** Waits for the removals run() left going: the pipeline does before it says the run has ended. */
  async removalsDone(): Promise<void> {
    await Promise.all(this.removing.values());
  }

  private call(args: string[], opts: Parameters<Exec>[2] = {}, plugin = this.buildxPlugin): Promise<ExecResult> {
    // The runner's environment less what the client never needs (src/security/env.ts), plus repro-ci's own.
    const env = clientEnvOverrides(process.env, { ...this.env, ...(opts.env as Record<string, string>) });
    if (args[0] === 'buildx' && plugin) {
      const direct = argv.directBuildxCall(plugin, args);
      return this.exec(direct.file, direct.args, { ...opts, env: { ...env, ...direct.env } });
    }
    return this.exec(this.bin, args, { ...opts, env });
  }

  /**
   * One `docker info`: the versions (a client of 23 or later names its own), the engine's error, and the
   * buildx plugin from the client's plugin list (asking `docker buildx version` would start the plugin,
   * ~0.2 s more on every run). `docker version` only for a client whose info lacks its version (20.10).
   */
  facts(): Promise<DockerFacts> {
    return (this.memo.facts ??= this.askFacts());
  }

  private async askFacts(): Promise<DockerFacts> {
    const direct = await this.factsWithoutInfo();
    if (direct) return direct;
    const info = await this.infoJson();
    const facts: DockerFacts = versionsFromInfo(info.stdout) ?? (await this.versionFacts());
    if (!facts.serverVersion) facts.serverError ??= info.stderr || info.stdout;
    const plugins = clientPlugins(info.stdout);
    if (plugins) {
      const buildx = plugins.find((p) => p.Name === 'buildx' && !p.Err);
      if (buildx) facts.buildxVersion = `buildx ${buildx.Version ?? ''}`.trim();
      this.buildxPlugin = buildx?.Path;
    } else {
      const buildx = await this.call(['buildx', 'version']);
      if (buildx.exitCode === 0) facts.buildxVersion = buildx.stdout.trim();
    }
    return facts;
  }

  /**
   * The same facts without `docker info` (which starts the CLI, then each CLI plugin to list it): the
   * engine's /info from its socket, `docker --version` (the client alone) and the buildx plugin's own
   * metadata, all at once. Undefined where any is missing (another context or host, no engine, a buildx
   * outside the plugin folders): `docker info` then answers, and explains.
   */
  private async factsWithoutInfo(): Promise<DockerFacts | undefined> {
    const plugin = this.likelyBuildxPlugin();
    const overrides = clientEnvOverrides(process.env, this.env);
    const socket = plugin && this.engine.socket({ ...process.env, ...overrides });
    if (!plugin || !socket) return undefined;
    const [info, clientAnswer, metaAnswer] = await Promise.all([
      this.engine.info(socket),
      this.call(['--version']),
      this.exec(plugin, ['docker-cli-plugin-metadata'], { env: overrides }),
    ]);
    if (!info) return undefined;
    const clientVersion = /^Docker version ([^\s,]+)/.exec(clientAnswer.stdout)?.[1];
    const buildx = pluginMetadata(metaAnswer.exitCode === 0 ? metaAnswer.stdout : '');
    if (!clientVersion || !buildx) return undefined;
    this.memo.info = Promise.resolve({ exitCode: 0, stdout: info.text, stderr: '' });
    this.buildxPlugin = plugin;
    return {
      clientVersion,
      serverVersion: info.serverVersion,
      buildxVersion: `buildx ${buildx.Version ?? ''}`.trim(),
    };
  }

  /** `docker version`: for clients whose `docker info` does not name their own version. */
  private async versionFacts(): Promise<DockerFacts> {
    const version = await this.call(['version', '--format', '{{json .}}']);
    const facts: DockerFacts = {};
    try {
      const json = JSON.parse(version.stdout.trim().split('\n')[0] || '{}') as {
        Client?: { Version?: string };
        Server?: { Version?: string } | null;
      };
      facts.clientVersion = json.Client?.Version;
      facts.serverVersion = json.Server?.Version;
    } catch {
      /* an old client that cannot print JSON: leave the facts empty and let chooseBuilder explain */
    }
    if (!facts.serverVersion) facts.serverError = version.stderr || version.stdout;
    return facts;
  }

  /** `docker info` as JSON, asked once per Docker object: the engine does not change during a run. */
  private infoJson(): Promise<ExecResult> {
    return (this.memo.info ??= this.call(['info', '--format', '{{json .}}']));
  }

  /** `docker buildx inspect`, asked once: it answers the driver and the BuildKit version. */
  private buildxInspect(): Promise<ExecResult> {
    return (this.memo.buildxInspect ??= this.inspectBuildx());
  }

  /**
   * The plugin's binary run directly answers in 0.08 s instead of 0.28 s, but only `docker info` names it
   * for sure. So it starts beside `docker info` with the binary docker would most likely find, and is asked
   * again in the rare case that info names another (~30 ms off the run's way to its first build).
   */
  private async inspectBuildx(): Promise<ExecResult> {
    const likely = this.likelyBuildxPlugin();
    const early = likely ? this.call(['buildx', 'inspect'], {}, likely) : undefined;
    early?.catch(() => undefined);
    await this.facts().catch(() => undefined);
    return early && this.buildxPlugin === likely ? early : this.call(['buildx', 'inspect']);
  }

  /**
   * The first `docker-buildx` in the docker CLI's plugin folders (Linux); undefined elsewhere, and where
   * config.json adds folders (whose place in the order differs between CLI versions).
   */
  private likelyBuildxPlugin(): string | undefined {
    // Asked by the facts and by `buildx inspect`, both at the start of a run: looked for once.
    if (this.memo.likelyBuildx === undefined) {
      const env = { ...process.env, ...this.env };
      const none = process.platform !== 'linux' || cliConfig(env).pluginExtraDirs;
      this.memo.likelyBuildx = none
        ? null
        : (argv.buildxPluginCandidates(dockerConfigDir(env)).find(isExecutableFile) ?? null);
    }
    return this.memo.likelyBuildx ?? undefined;
  }

  /**
   * Starts detection (`docker version`, `docker info`) and `docker buildx inspect` (~0.3 s; the BuildKit
   * version for the record and the rebuild check, the driver for the layer cache), so that the answers
   * come in while the caller loads and reads what it needs, and before the first helper build instead of
   * slowing it. Asked once; a failure is kept for whoever asks.
   */
  prefetchBuilderFacts(): void {
    this.facts().catch(() => undefined);
    this.buildxInspect().catch(() => undefined);
  }

  async detect(pref: BuilderPreference): Promise<DockerEnvironment> {
    return chooseBuilder(pref, await this.facts());
  }

  /** Builds an image, streaming BuildKit's plain progress; returns the image id. */
  /** `watch` also sees the build's output as it arrives (the layer cache's faults, say). */
  async build(
    kind: argv.BuilderKind,
    req: Omit<argv.BuildRequest, 'iidFile'>,
    dockerfileLabel: string,
    watch?: { push(chunk: string): void },
  ): Promise<string> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-build-'));
    try {
      const iidFile = path.join(dir, 'iid');
      const tail = new LineTail(40);
      const stream = (s: string) => {
        tail.push(s);
        watch?.push(s);
        this.log.output(s);
      };
      const noProvenance = kind === 'buildx' && argv.buildxAtLeast((await this.facts()).buildxVersion, 0, 10);
      const dockerfile = req.exclude?.length
        ? withOwnIgnoreFile(dir, req.dockerfile, req.context, req.exclude)
        : req.dockerfile;
      const full = { ...req, dockerfile, iidFile, noProvenance };
      const res = await this.log.untrusted(() =>
        this.call(argv.buildArgv(kind, full), {
          env: argv.buildEnv(kind),
          capture: false,
          onStdout: stream,
          onStderr: stream,
        }),
      );
      if (res.exitCode !== 0) throw explainBuildFailure(dockerfileLabel, res.exitCode, tail.get());
      const iid = readFileSync(iidFile, 'utf8').trim();
      // On the containerd store an image's id is its manifest's digest, and buildx (0.29, docker driver,
      // no provenance) writes the config's into --iidfile: the engine's own id comes from the tag.
      if (req.tags[0] && (await this.info()).containerdStore) return (await this.imageInspect(req.tags[0]))?.id ?? iid;
      return iid;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** Runs a helper build (argv.helperBuildArgv); `env` holds the values of its `buildArgsFromEnv`. A failure is returned, not thrown: callers warn and go on. */
  async helperBuild(
    kind: argv.BuilderKind,
    req: argv.HelperBuildRequest,
    env: Record<string, string> = {},
  ): Promise<{ exitCode: number; tail: string[]; log: string }> {
    const tail = new LineTail(30);
    // Kept whole (progress lines only: these builds print little) for the markers their RUN prints.
    let log = '';
    const collect = (s: string) => {
      tail.push(s);
      log += s;
    };
    const res = await this.call(argv.helperBuildArgv(kind, req), {
      env: { ...argv.buildEnv(kind), ...env },
      capture: false,
      onStdout: collect,
      onStderr: collect,
    });
    return { exitCode: res.exitCode, tail: tail.get(), log };
  }

  /** The driver of the current buildx builder (`docker`, `docker-container`, ...), or undefined without buildx. */
  async buildxDriver(): Promise<string | undefined> {
    const env = { ...process.env, ...this.env };
    let current: string | undefined;
    try {
      current = readFileSync(path.join(dockerConfigDir(env), 'buildx', 'current'), 'utf8');
    } catch {
      /* no builder was ever chosen with this config */
    }
    if (usesContextBuilder(env.BUILDX_BUILDER, current)) return 'docker';
    const res = await this.buildxInspect();
    return res.exitCode === 0 ? /^Driver:\s*(\S+)/m.exec(res.stdout)?.[1] : undefined;
  }

  /** The first node's endpoint of the current buildx builder (`unix:///…`, `tcp://…`, a context name). */
  async buildxEndpoint(): Promise<string | undefined> {
    const res = await this.buildxInspect();
    return res.exitCode === 0 ? /^Endpoint:\s*(\S+)/m.exec(res.stdout)?.[1] : undefined;
  }

  /**
   * Runs a container in the foreground with a time limit. Output streams to the log and to `logFile`;
   * the container is stopped when the limit passes. Once it has ended (and said how), it is removed while
   * the caller goes on: removalsDone() waits for that, and a later run of the same name waits first.
   */
  async run(
    req: Omit<argv.RunRequest, 'envFile' | 'envNames'>,
    opts: {
      env?: ContainerEnv;
      timeoutSeconds: number;
      logFile: string;
      onStart?: () => void;
      heartbeat?: Omit<HeartbeatOptions, 'now'>;
    },
  ): Promise<RunOutcome> {
    await this.removing.get(req.name);
    // The log file replaces whatever a step left under its name (a link included) instead of writing through it.
    writeFileFresh(opts.logFile, '');
    const file = createWriteStream(opts.logFile, { flags: 'r+' });
    // A full disk (or a log folder gone) must not crash node with an unhandled 'error': the step is
    // stopped, and the run fails naming the file.
    let writeError: NodeJS.ErrnoException | undefined;
    file.on('error', (e: NodeJS.ErrnoException) => {
      if (writeError) return;
      writeError = e;
      void this.stop(req.name, 2);
    });
    const tail = new LineTail(40);
    const heartbeat = opts.heartbeat ? new Heartbeat(opts.heartbeat) : undefined;
    // Values passed from the runner are masked in the log file and the terminal alike.
    const masked = secrets.stream((s) => {
      tail.push(s);
      file.write(s);
      this.log.output(s);
    });
    const stream = (s: string) => {
      heartbeat?.touch();
      masked.write(s);
    };
    const envDir = mkdtempSync(path.join(os.tmpdir(), 'repro-ci-env-'));
    const envFile = path.join(envDir, 'env');
    writeFileSync(envFile, (opts.env?.fileLines ?? []).map((l) => `${l}\n`).join(''), { mode: 0o600 });
    // Kept once it ends, to ask the engine how it ended (an out-of-memory kill), then removed here.
    const full: argv.RunRequest = { ...req, envFile, envNames: Object.keys(opts.env?.clientEnv ?? {}), keep: true };
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      this.log.warning(`step container ${req.name} exceeded its time limit of ${opts.timeoutSeconds}s; stopping it.`);
      void this.stop(req.name, 5);
    }, opts.timeoutSeconds * 1000);
    const stopHeartbeat = heartbeat?.start();
    try {
      opts.onStart?.();
      const res = await this.log.untrusted(async () => {
        try {
          return await this.call(argv.runArgv(full), {
            env: opts.env?.clientEnv,
            capture: false,
            onStdout: stream,
            onStderr: stream,
          });
        } finally {
          masked.end();
        }
      });
      const outcome = {
        exitCode: res.exitCode,
        timedOut,
        tail: tail.get(),
        ...(res.exitCode !== 0 ? await this.howItEnded(req.name) : {}),
      };
      await new Promise<void>((resolve) => (file.writableFinished || writeError ? resolve() : file.end(resolve)));
      if (writeError) {
        throw new ReproError(
          `the log of step container ${req.name} could not be written to ${opts.logFile} (${writeError.code ?? writeError.message}); the step was stopped.`,
          {
            fix:
              writeError.code === 'ENOSPC'
                ? 'free space on the disk that holds the results folder, or point `results:` in repro.yml at another disk.'
                : 'check that the results folder is writable and stays in place while the run goes on.',
          },
        );
      }
      return outcome;
    } finally {
      const removal = this.removeContainers([req.name]).catch(() => undefined);
      this.removing.set(req.name, removal);
      void removal.then(() => this.removing.get(req.name) === removal && this.removing.delete(req.name));
      clearTimeout(timer);
      stopHeartbeat?.();
      rmSync(envDir, { recursive: true, force: true });
      if (!file.writableFinished && !writeError) await new Promise<void>((resolve) => file.end(resolve));
      else file.destroy();
    }
  }

  private async howItEnded(name: string): Promise<{ oomKilled?: boolean; memoryLimit?: number }> {
    const res = await this.call(argv.containerEndArgv(name));
    const m = /^(true|false) (\d+)/.exec(res.stdout.trim());
    return res.exitCode === 0 && m ? { oomKilled: m[1] === 'true', memoryLimit: Number(m[2]) } : {};
  }

  async stop(name: string, graceSeconds: number): Promise<void> {
    await this.call(argv.stopArgv(name, graceSeconds));
  }

  async removeContainers(names: string[]): Promise<void> {
    if (names.length > 0) this.countFailure(await this.call(argv.removeContainersArgv(names)));
  }

  private countFailure(res: ExecResult): void {
    if (res.exitCode === 0) return;
    if (res.stderr.split('\n').some((l) => l.trim() && !/No such (container|image)/i.test(l))) this.removals.failed++;
  }

  /** Ids of every container, running or not, that carries `label` (`key=value`). */
  async containersWithLabel(label: string): Promise<string[]> {
    const res = await this.call(argv.listContainersArgv(label));
    return res.stdout
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  async tag(source: string, target: string): Promise<void> {
    const res = await this.call(argv.tagArgv(source, target));
    if (res.exitCode !== 0)
      throw new ReproError(`docker tag ${target} failed: ${res.stderr.trim()}`, {
        fix: 'check that the image name is a valid lower-case repository.',
      });
  }

  /** The same client with more environment (a temporary DOCKER_CONFIG holding a registry login). */
  withEnv(env: Record<string, string>): Docker {
    const copy = new Docker(this.exec, this.log, this.bin, { ...this.env, ...env }, this.engine);
    copy.removals = this.removals;
    return copy;
  }

  /** `docker login`, the password on stdin. Writes the credentials into this client's DOCKER_CONFIG. */
  async login(registry: string, username: string, password: string): Promise<void> {
    const res = await this.call(argv.loginArgv(registry, username), { input: Buffer.from(password) });
    if (res.exitCode !== 0) throw explainLoginFailure(registry, username, `${res.stderr}\n${res.stdout}`.split('\n'));
  }

  /**
   * Pushes one reference and returns the manifest digest the registry answered with. Past `deadlineMs`
   * the push is stopped (docker would wait for ever on a registry that stalls mid-upload).
   */
  async push(ref: string, deadlineMs?: number): Promise<string> {
    const tail = new LineTail(20);
    const stream = (s: string) => {
      tail.push(s);
      this.log.output(s);
    };
    const res = await this.call(argv.pushArgv(ref), { onStdout: stream, onStderr: stream, deadlineMs });
    if (res.timedOut) throw pushPastDeadline(ref, deadlineMs!);
    if (res.exitCode !== 0) throw explainPushFailure(ref, tail.get());
    const digest = /digest: (sha256:[0-9a-f]{64})/.exec(res.stdout)?.[1];
    if (!digest)
      throw new ReproError(`docker push ${ref} succeeded but printed no digest.`, {
        fix: 'report this with the push log above.',
      });
    return digest;
  }

  async info(): Promise<EngineInfo> {
    // After facts being asked, which may read it from the engine itself.
    await this.memo.facts?.catch(() => undefined);
    const res = await this.infoJson();
    return parseEngineInfo(res.exitCode === 0 ? res.stdout : '');
  }

  /** BuildKit version of the current builder; undefined without the buildx plugin. */
  async buildkitVersion(): Promise<string | undefined> {
    const res = await this.buildxInspect();
    return res.exitCode === 0 ? parseBuildkitVersion(res.stdout) : undefined;
  }

  /** Runs a short-lived container (a GPU probe, say) and returns its exit code and output. */
  async runCaptured(req: argv.RunRequest): Promise<ExecResult> {
    return this.call(argv.runArgv(req));
  }

  /**
   * Removes everything carrying `label`: containers, networks, temporary images, all listed at once (three
   * CLI calls side by side, ~0.08 s less than in turn), then the containers first (a network or image one
   * uses cannot go). Returns how many of each went.
   */
  async removeLabelled(label: string): Promise<{ containers: number; networks: number; images: number }> {
    const ids = async (args: string[]) =>
      (await this.call(args)).stdout
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean);
    const [containers, networks, images] = await Promise.all([
      ids(argv.listContainersArgv(label)),
      ids(argv.listNetworksArgv(label)),
      ids(argv.listImagesArgv(label)).then((x) => [...new Set(x)]),
    ]);
    await this.removeContainers(containers);
    await Promise.all([
      networks.length > 0 ? this.call(argv.removeNetworksArgv(networks)) : undefined,
      images.length > 0 ? this.call(argv.removeImagesArgv(images)) : undefined,
    ]);
    return { containers: containers.length, networks: networks.length, images: images.length };
  }

  /** Image ids and digests for inspection in records and tests. */
  async imageInspect(ref: string): Promise<{ id: string; repoDigests: string[] } | undefined> {
    const res = await this.call(['image', 'inspect', '--format', '{{json .}}', ref]);
    if (res.exitCode !== 0) return undefined;
    const json = JSON.parse(res.stdout) as { Id: string; RepoDigests?: string[] };
    return { id: json.Id, repoDigests: json.RepoDigests ?? [] };
  }

  /**
   * Whether `repo@sha256:…` from an image's RepoDigests names what a registry serves. On the overlay2 store
   * RepoDigests come only from pulls and pushes; on the containerd store a locally built or imported image
   * lists its local manifest there, which no registry holds, so the registry is asked (`manifest inspect`).
   */
  servedByRegistry(digestRef: string): Promise<boolean> {
    // Asked once per reference: the lint and the record both ask about each base image.
    let served = this.served.get(digestRef);
    if (!served) {
      served = this.info().then(
        async (i) => !i.containerdStore || (await this.call(argv.manifestInspectArgv(digestRef))).exitCode === 0,
      );
      this.served.set(digestRef, served);
    }
    return served;
  }

  private readonly served = new Map<string, Promise<boolean>>();

  /** Diff ids of the image's layers, oldest first. */
  async layers(image: string): Promise<string[]> {
    const res = await this.call(argv.layersArgv(image));
    if (res.exitCode !== 0) throw new ReproError(`docker image inspect ${image} failed: ${res.stderr.trim()}`);
    return JSON.parse(res.stdout) as string[];
  }

  /** The CreatedBy of each history entry, oldest first. */
  async history(image: string): Promise<string[]> {
    const res = await this.call(argv.historyArgv(image));
    if (res.exitCode !== 0) throw new ReproError(`docker history ${image} failed: ${res.stderr.trim()}`);
    return res.stdout
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as string)
      .reverse();
  }

  /** Pulls a reference (tag or digest); a failure names the reference and docker's reason. */
  async pull(ref: string): Promise<void> {
    const tail = new LineTail(10);
    const res = await this.call(argv.pullArgv(ref), { onStdout: (s) => tail.push(s), onStderr: (s) => tail.push(s) });
    if (res.exitCode !== 0)
      throw new ReproError(`docker pull ${ref} failed: ${tail.get().join(' ').trim() || `exit code ${res.exitCode}`}`, {
        fix: 'check the reference and that this machine can reach the registry (and is logged in to it for private images).',
      });
  }

  /** Copies one file out of an image, through a container that is created, never started, and removed. */
  async copyFromImage(image: string, src: string, dest: string, name: string): Promise<void> {
    const created = await this.call(argv.createArgv(image, name));
    if (created.exitCode !== 0) throw new ReproError(`docker create ${image} failed: ${created.stderr.trim()}`);
    try {
      const cp = await this.call(argv.copyFromArgv(name, src, dest));
      if (cp.exitCode !== 0) throw new ReproError(`docker cp ${src} out of ${image} failed: ${cp.stderr.trim()}`);
    } finally {
      await this.removeContainers([name]);
    }
  }

  /** An image made of one tar archive (`docker import`, no build); returns its id. */
  async importImage(tar: Buffer, labels: Record<string, string>): Promise<string> {
    const res = await this.call(argv.importArgv(labels), { input: tar });
    if (res.exitCode !== 0) throw new ReproError(`docker import failed: ${res.stderr.trim()}`);
    return res.stdout.trim();
  }

  async removeImages(refs: string[]): Promise<void> {
    if (refs.length > 0) this.countFailure(await this.call(argv.removeImagesArgv(refs)));
  }

  /** `docker save` of the references into one tar file (tags kept, so `docker load` restores them). */
  async save(refs: string[], file: string): Promise<void> {
    const res = await this.call(argv.saveArgv(refs, file));
    if (res.exitCode !== 0)
      throw new ReproError(`docker save ${refs.join(' ')} failed: ${res.stderr.trim()}`, {
        fix: 'check that the images exist locally (`docker image ls`) and that the output folder has space.',
      });
  }

  async load(file: string): Promise<string> {
    const res = await this.call(argv.loadArgv(file));
    if (res.exitCode !== 0) throw new ReproError(`docker load ${file} failed: ${res.stderr.trim()}`);
    return res.stdout;
  }
}

/** A CLI plugin's answer to `docker-cli-plugin-metadata` (SchemaVersion, Vendor, Version); undefined if not JSON. */
function pluginMetadata(stdout: string): { Version?: string } | undefined {
  try {
    const m = JSON.parse(stdout) as { SchemaVersion?: unknown; Version?: unknown };
    return typeof m.SchemaVersion === 'string'
      ? { Version: typeof m.Version === 'string' ? m.Version : undefined }
      : undefined;
  } catch {
    return undefined;
  }
}

interface ClientPlugin {
  Name?: string;
  Version?: string;
  Path?: string;
  Err?: string;
}

interface InfoJson {
  ClientInfo?: { Version?: string; Plugins?: ClientPlugin[] };
  ServerVersion?: string;
  ServerErrors?: string[];
}

/** `docker info --format '{{json .}}'` read once; undefined when it is no JSON. */
function infoDoc(infoJson: string): InfoJson | undefined {
  try {
    return JSON.parse(infoJson.trim().split('\n')[0] || '{}') as InfoJson;
  } catch {
    return undefined;
  }
}

/**
 * The client and engine versions from `docker info` JSON, where the client names its own (23 and later);
 * undefined where it does not (20.10), so the caller asks `docker version`. An unreachable engine gives
 * its error (ServerErrors) and no server version.
 */
export function versionsFromInfo(infoJson: string): DockerFacts | undefined {
  const d = infoDoc(infoJson);
  if (!d?.ClientInfo?.Version) return undefined;
  return {
    clientVersion: d.ClientInfo.Version,
    ...(d.ServerVersion ? { serverVersion: d.ServerVersion } : {}),
    ...(d.ServerErrors?.length ? { serverError: d.ServerErrors.join('\n') } : {}),
  };
}

/** The CLI plugins `docker info` lists under ClientInfo; undefined when the client does not say. */
export function clientPlugins(infoJson: string): ClientPlugin[] | undefined {
  const plugins = infoDoc(infoJson)?.ClientInfo?.Plugins;
  return Array.isArray(plugins) ? plugins : undefined;
}

/**
 * A copy of `dockerfile` in `dir`, beside the ignore file that keeps `exclude` out of the build
 * (src/docker/ignore.ts); returns the copy's path, for `--file`.
 */
function withOwnIgnoreFile(dir: string, dockerfile: string, context: string, exclude: string[]): string {
  const copy = path.join(dir, path.basename(dockerfile));
  copyFileSync(dockerfile, copy);
  writeFileSync(`${copy}.dockerignore`, buildIgnore(dockerfile, context, exclude).text);
  return copy;
}
