/**
 * Which BuildKit cache mounts a config's builds use, found in every stage of every Dockerfile (pure:
 * Dockerfile texts in). A mount is one cache per id (BuildKit's identity: the id, else the target), so
 * the same id in several Dockerfiles or stages is one entry with several uses. `cache.mounts` in repro.yml
 * adds mounts, excludes them, or names the files that decide their content. Setting uid, gid or mode
 * makes a separate cache in BuildKit (see `perms`), so those count in the identity too.
 */
import { baseImage, instructionScopes, parseDockerfile, runMounts } from '../dockerfile/parse.js';

export interface MountUse {
  image: string;
  /** Dockerfile as shown to the user, with the line of the RUN. */
  dockerfile: string;
  line: number;
  target: string;
}

export interface CacheMount {
  id: string;
  sharing: string;
  /**
   * Ownership of the mount's folder, only when the Dockerfile sets uid, gid or mode (then all three, with
   * BuildKit's defaults 0, 0, 0755). BuildKit keys a mount with any of them apart from the same id
   * without: it seeds the folder from a scratch state (`[internal] settings cache mount permissions`).
   */
  perms?: { uid: number; gid: number; mode: string };
  uses: MountUse[];
  /** Images whose builds use it (keys under `images`). */
  images: string[];
  /** Images the inject/extract builds can start from (the base images of the stages that use it), in order. */
  helperImages: string[];
  /** Files whose content decides the key (globs relative to repro.yml), when the config names them. */
  files?: string[];
  /** True when the config added it (no Dockerfile uses it by that id). */
  added: boolean;
}

export interface DockerfileInput {
  image: string;
  label: string;
  text: string;
  buildArgs: Record<string, string>;
}

export interface MountOverride {
  files?: string[];
  exclude?: boolean;
}

export interface Discovery {
  mounts: CacheMount[];
  /** Mounts that cannot be kept (with the reason), e.g. `from=` mounts, which BuildKit keys by their source. */
  skipped: { id: string; use: MountUse; reason: string }[];
}

export function discoverMounts(files: DockerfileInput[], overrides: Record<string, MountOverride> = {}): Discovery {
  const byId = new Map<string, CacheMount>();
  const skipped: Discovery['skipped'] = [];
  for (const f of files) {
    const df = parseDockerfile(f.text);
    const scopes = instructionScopes(df, f.buildArgs);
    for (const stage of df.stages) {
      const base = baseImage(df, stage, f.buildArgs);
      for (const instr of stage.instructions) {
        for (const m of runMounts(instr, scopes.get(instr))) {
          if (m.type !== 'cache' || !m.id) continue;
          const use: MountUse = { image: f.image, dockerfile: f.label, line: instr.line, target: m.target ?? '' };
          if (overrides[m.id]?.exclude) continue;
          if (m.error) {
            skipped.push({ id: m.id, use, reason: `BuildKit refuses it: ${m.error}` });
            continue;
          }
          if (m.unresolved) {
            const names = m.unresolved.map((n) => '$' + n).join(', ');
            skipped.push({
              id: m.id,
              use,
              reason: `its options use ${names}, which the Dockerfile does not set (only the base image could); write the value, or declare it with ARG and pass it in the build's args`,
            });
            continue;
          }
          if (m.from) {
            skipped.push({
              id: m.id,
              use,
              reason: `it is seeded \`from=${m.from}\`, and BuildKit keeps such a cache apart from the plain id`,
            });
            continue;
          }
          const perms =
            m.uid !== undefined || m.gid !== undefined || m.mode !== undefined
              ? { uid: m.uid ?? 0, gid: m.gid ?? 0, mode: m.mode ?? '0755' }
              : undefined;
          const identity = mountIdentity(m.id, perms);
          let entry = byId.get(identity);
          if (!entry) {
            entry = {
              id: m.id,
              sharing: m.sharing ?? 'shared',
              perms,
              uses: [],
              images: [],
              helperImages: [],
              added: false,
            };
            byId.set(identity, entry);
          }
          entry.uses.push(use);
          if (!entry.images.includes(f.image)) entry.images.push(f.image);
          if (base && !entry.helperImages.includes(base)) entry.helperImages.push(base);
        }
      }
    }
  }
  // Mounts named in the config: extra key files for found ones; new ones start from the first image's base.
  const firstBase = [...byId.values()].flatMap((m) => m.helperImages)[0] ?? firstBaseOf(files);
  for (const [id, o] of Object.entries(overrides)) {
    if (o.exclude) continue;
    const found = [...byId.values()].filter((m) => m.id === id);
    for (const f of found) if (o.files) f.files = o.files;
    if (found.length > 0) continue;
    byId.set(id, {
      id,
      sharing: 'shared',
      uses: [],
      images: files.map((f) => f.image),
      helperImages: firstBase ? [firstBase] : [],
      files: o.files,
      added: true,
    });
  }
  return { mounts: [...byId.values()], skipped };
}

/** What makes two mounts one cache in BuildKit: the id, and the permissions when they are set. */
export function mountIdentity(id: string, perms: CacheMount['perms']): string {
  return perms ? `${id} uid=${perms.uid},gid=${perms.gid},mode=${perms.mode}` : id;
}

function firstBaseOf(files: DockerfileInput[]): string | undefined {
  for (const f of files) {
    const df = parseDockerfile(f.text);
    for (const s of df.stages) {
      const b = baseImage(df, s, f.buildArgs);
      if (b) return b;
    }
  }
  return undefined;
}
