/**
 * The edge that gathers what the record says about the build inputs: Dockerfile and context hashes
 * (.dockerignore applied, as the builder sees the context) and the FROM images pinned to what the
 * engine holds (RepoDigests, or only the image id for a base image built or imported locally).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import type { Config, ImageSpec } from '../config/config.js';
import { buildIgnore } from '../docker/ignore.js';
import { baseImage, parseDockerfile } from '../dockerfile/parse.js';
import type { Docker } from '../docker/docker.js';
import { isIgnored, parseDockerignore } from '../lint/dockerignore.js';
import { digestFor, parseImageRef } from './companion.js';
import type { BaseImageRecord, SourceFacts } from './record.js';

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A file or link a build of an image is sent: its context-relative path (`/`-separated). */
export interface SentFile {
  rel: string;
  abs: string;
  link: boolean;
}

/** What a build of the image is sent: the context with the ignore rules the build applies (src/docker/ignore.ts). */
export function sentFiles(img: Pick<ImageSpec, 'dockerfile' | 'context' | 'exclude'>): SentFile[] {
  const patterns = parseDockerignore(buildIgnore(img.dockerfile, img.context, img.exclude).text);
  const out: SentFile[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(img.context, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (isIgnored(patterns, r)) continue;
      const abs = path.join(img.context, r);
      if (e.isDirectory()) walk(r);
      else if (e.isSymbolicLink() || e.isFile()) out.push({ rel: r, abs, link: e.isSymbolicLink() });
    }
  };
  walk('');
  return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

/** Hash of a build context: sorted `relative-path NUL sha256(content)` lines; links hash their target text. */
export function contextDigest(img: Pick<ImageSpec, 'dockerfile' | 'context' | 'exclude'>): {
  sha256: string;
  files: number;
} {
  const lines = sentFiles(img).map(
    (f) => `${f.rel}\0${f.link ? `link:${readlinkSync(f.abs)}` : sha256(readFileSync(f.abs))}`,
  );
  return { sha256: sha256(lines.join('\n')), files: lines.length };
}

export async function gatherSourceFacts(config: Config, docker: Docker): Promise<SourceFacts> {
  const facts: SourceFacts = {};
  const bases = new Map<string, Promise<BaseImageRecord>>();
  const contexts = new Map<string, { sha256: string; files: number }>();
  for (const img of config.images) {
    if (!existsSync(img.dockerfile)) continue;
    const text = readFileSync(img.dockerfile);
    const df = parseDockerfile(text.toString('utf8'));
    const names = [
      ...new Set(df.stages.map((s) => baseImage(df, s, img.buildArgs)).filter((n): n is string => n !== undefined)),
    ];
    for (const n of names) if (!bases.has(n)) bases.set(n, resolveBase(docker, n));
    // Images built from one context with the same ignore rules (train and evaluate, often) hash it once.
    const key = `${img.context}\0${buildIgnore(img.dockerfile, img.context, img.exclude).text}`;
    if (!contexts.has(key)) contexts.set(key, contextDigest(img));
    const ctx = contexts.get(key)!;
    facts[img.key] = {
      dockerfileSha256: sha256(text),
      contextSha256: ctx.sha256,
      contextFiles: ctx.files,
      baseImages: await Promise.all(names.map((n) => bases.get(n)!)),
    };
  }
  return facts;
}

async function resolveBase(docker: Docker, name: string): Promise<BaseImageRecord> {
  const found = await docker.imageInspect(name);
  if (!found)
    return {
      name,
      resolved: 'not-found',
      note: 'not in the local engine after the build (a digest-pinned FROM still pins it)',
    };
  let repository = name;
  try {
    repository = parseImageRef(name).repository;
  } catch {
    /* a FROM with variables left unexpanded: match nothing, fall back to the first digest */
  }
  const digest = digestFor(repository, found.repoDigests) ?? found.repoDigests[0]?.split('@')[1];
  if (digest && (await docker.servedByRegistry(`${repository}@${digest}`)))
    return { name, digest: `${repository}@${digest}`, id: found.id, resolved: 'registry-digest' };
  const note = digest
    ? `its digest ${digest.slice(0, 19)}… is the engine's local manifest (containerd image store), which no registry serves, so only its image id pins it`
    : 'built or imported on this machine: no registry digest exists, so only its image id pins it';
  return { name, id: found.id, resolved: 'local-image-id', note };
}
