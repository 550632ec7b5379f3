/** `docker info` → the facts the GPU preflight, the hardware record and the disk check need. Pure. */

export interface EngineInfo {
  serverVersion?: string;
  operatingSystem?: string;
  kernelVersion?: string;
  storageDriver?: string;
  /**
   * The containerd image store (`features.containerd-snapshotter`, Docker 29's default): the docker driver
   * can export layer caches there, and a local image's RepoDigests name its local manifest, which no
   * registry holds.
   */
  containerdStore: boolean;
  /** Where the engine keeps images and containers (on the engine's machine). */
  rootDir?: string;
  cpus?: number;
  memoryBytes?: number;
  runtimes: string[];
  defaultRuntime?: string;
  /** Container Device Interface spec folders (engines 25+); GPUs can be handed over through them too. */
  cdiSpecDirs: string[];
}

export function parseEngineInfo(json: string): EngineInfo {
  let d: Record<string, unknown> = {};
  try {
    d = JSON.parse(json.trim().split('\n')[0] || '{}') as Record<string, unknown>;
  } catch {
    /* an engine that cannot answer: every fact stays unknown */
  }
  const str = (k: string) => (typeof d[k] === 'string' && d[k] !== '' ? (d[k] as string) : undefined);
  const num = (k: string) => (typeof d[k] === 'number' ? (d[k] as number) : undefined);
  const runtimes = d.Runtimes && typeof d.Runtimes === 'object' ? Object.keys(d.Runtimes).sort() : [];
  return {
    serverVersion: str('ServerVersion'),
    operatingSystem: str('OperatingSystem'),
    kernelVersion: str('KernelVersion'),
    storageDriver: str('Driver'),
    containerdStore:
      Array.isArray(d.DriverStatus) &&
      (d.DriverStatus as unknown[]).some(
        (e) => Array.isArray(e) && e[0] === 'driver-type' && e[1] === 'io.containerd.snapshotter.v1',
      ),
    rootDir: str('DockerRootDir'),
    cpus: num('NCPU'),
    memoryBytes: num('MemTotal'),
    runtimes,
    defaultRuntime: str('DefaultRuntime'),
    cdiSpecDirs: Array.isArray(d.CDISpecDirs)
      ? (d.CDISpecDirs as unknown[]).filter((x): x is string => typeof x === 'string')
      : [],
  };
}

/** `docker buildx inspect` → the BuildKit version of the current builder (`v0.8+unknown`, `v0.20.1`). */
export function parseBuildkitVersion(inspect: string): string | undefined {
  return /^\s*Build[Kk]it(?: version)?:\s*(\S+)/m.exec(inspect)?.[1];
}
