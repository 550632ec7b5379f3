/**
 * `repro-ci archive`: a folder (and optionally a .tar.gz) to deposit in an archive such as Zenodo:
 * the recorded images (`docker save`), the record, the sources each build was sent, SHA256SUMS and a
 * README that says how to load, rebuild and re-run it offline. Made from the last run's record in the results folder.
 */
import {
  copyFileSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Config } from '../config/config.js';
import type { Docker } from '../docker/docker.js';
import { ReproError } from '../errors.js';
import type { Exec } from '../exec/exec.js';
import type { Logger } from '../log.js';
import { parseRecord, RECORD_FILE, type ReproRecord } from '../record/record.js';
import { sentFiles } from '../record/sources.js';
import { envFileOf, envFileText, renderArchiveReadme, renderSha256Sums } from './readme.js';

export const ARCHIVE_IMAGES = 'images.tar';

export interface ArchiveOutcome {
  dir: string;
  tarball?: string;
  files: string[];
  images: string[];
}

function fileSha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (d) => h.update(d))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });
}

/** Files under `dir` (links left out: SHA256SUMS checks contents, and a link's is its target's). */
function listFiles(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(dir, r) : e.isFile() ? [r] : [];
  });
}

export function readLastRecord(config: Config): ReproRecord {
  const file = path.join(config.results, RECORD_FILE);
  if (!existsSync(file))
    throw new ReproError(`no record in ${path.relative(process.cwd(), file) || file}.`, {
      fix: 'run `repro-ci run` first: every run writes its record there.',
    });
  return parseRecord(readFileSync(file, 'utf8'), file);
}

/** What went into the archive for one recorded image: the reference it is saved (and loads) under. */
interface ArchivedImage {
  key: string;
  ref: string;
}

/**
 * The recorded image under a name that `docker load` restores: its local tag while that still points at
 * the recorded id; else the id itself, found locally or pulled by the recorded registry digest, under a
 * tag of its own (`<repository>:archived-<id12>`), which stays: removing an image's last tag removes the
 * image. A local tag that moved on is common: the CLI and the action on one machine share `<name>-<key>:latest`.
 */
async function findRecorded(docker: Docker, img: ReproRecord['images'][number], log: Logger): Promise<ArchivedImage> {
  const byTag = img.localTag ? await docker.imageInspect(img.localTag) : undefined;
  if (byTag?.id === img.id) return { key: img.key, ref: img.localTag };
  const name = img.localTag ? img.localTag.replace(/:[^:/]+$/, '') : `${img.key}`;
  const archived = `${name}:archived-${img.id.replace(/^sha256:/, '').slice(0, 12)}`;
  const moved = byTag ? `${img.localTag} is now ${byTag.id.slice(0, 19)}…` : `${img.localTag || img.key} is gone`;
  let found = await docker.imageInspect(img.id);
  if (!found && img.pushed) {
    const ref = `${img.pushed.repository}@${img.pushed.digest}`;
    log.info(`${moved}, and the recorded image ${img.id.slice(0, 19)}… is not in this engine: pulling ${ref}`);
    await docker.pull(ref);
    found = await docker.imageInspect(ref);
    if (found && found.id !== img.id) {
      throw new ReproError(`${ref} is ${found.id} in this engine, not the recorded ${img.id}.`, {
        fix: 'archive on the machine (or image store) that made the record, or run `repro-ci run` again and archive right after it.',
      });
    }
  }
  if (!found) {
    throw new ReproError(
      `the recorded image ${img.id} of ${img.key} is not in this engine (${moved})${img.pushed ? '' : ', and it was never pushed'}.`,
      { fix: 'run `repro-ci run` again and archive right after it, so the record and the images match.' },
    );
  }
  log.info(`${moved}: archiving the recorded image by its id as ${archived} (that tag stays, and keeps the image)`);
  await docker.tag(img.id, archived);
  return { key: img.key, ref: archived };
}

/**
 * `source/`: repro.yml, each Dockerfile and reference file, and every file each build was sent (its
 * context with the build's ignore rules, repro-ci's own results folder left out), at their paths in the
 * project. Enough to rebuild offline; the record's `contextSha256` can be checked against it.
 */
function copySources(config: Config, dest: string): string[] {
  const copied = new Set<string>();
  const copy = (abs: string, link: boolean) => {
    const rel = path.relative(config.root, abs).split(path.sep).join('/');
    if (copied.has(rel) || rel.startsWith('..')) return;
    const to = path.join(dest, rel);
    mkdirSync(path.dirname(to), { recursive: true });
    if (link) symlinkSync(readlinkSync(abs), to);
    else copyFileSync(abs, to);
    copied.add(rel);
  };
  for (const f of [
    config.file,
    ...config.images.map((i) => i.dockerfile),
    ...(config.metrics?.reference ? [config.metrics.reference.file] : []),
  ])
    copy(f, false);
  for (const img of config.images) for (const f of sentFiles(img)) copy(f.abs, f.link);
  return [...copied].sort();
}

export async function archive(
  config: Config,
  out: string,
  opts: { tarball: boolean },
  docker: Docker,
  exec: Exec,
  log: Logger,
): Promise<ArchiveOutcome> {
  const record = readLastRecord(config);
  if (existsSync(out) && readdirSync(out).length > 0)
    throw new ReproError(`${out} exists and is not empty.`, { fix: 'name a new folder with --out.' });
  // The images must be the recorded ones: a local tag rebuilt since then would archive something else.
  const images: ArchivedImage[] = [];
  for (const img of record.images) images.push(await findRecorded(docker, img, log));
  mkdirSync(path.join(out, 'source'), { recursive: true });
  const saved = images.map((i) => i.ref);
  await log.group(`docker save ${saved.join(' ')}`, () => docker.save(saved, path.join(out, ARCHIVE_IMAGES)));
  writeFileSync(path.join(out, RECORD_FILE), JSON.stringify(record, null, 2) + '\n');
  const copied = copySources(config, path.join(out, 'source'));
  for (const step of record.steps.filter((s) => Object.keys(s.env).length > 0)) {
    mkdirSync(path.join(out, path.dirname(envFileOf(step))), { recursive: true });
    writeFileSync(path.join(out, envFileOf(step)), envFileText(step));
  }
  const refs = Object.fromEntries(images.map((i) => [i.key, i.ref]));
  writeFileSync(
    path.join(out, 'README.md'),
    renderArchiveReadme(record, { images: ARCHIVE_IMAGES, record: RECORD_FILE, source: copied, refs }),
  );
  const files = listFiles(out).filter((f) => f !== 'SHA256SUMS');
  const sums: Record<string, string> = {};
  for (const f of files) sums[f] = await fileSha256(path.join(out, f));
  writeFileSync(path.join(out, 'SHA256SUMS'), renderSha256Sums(sums));
  let tarball: string | undefined;
  if (opts.tarball) {
    tarball = `${path.resolve(out)}.tar.gz`;
    const res = await exec('tar', [
      '-czf',
      tarball,
      '-C',
      path.dirname(path.resolve(out)),
      path.basename(path.resolve(out)),
    ]);
    if (res.exitCode !== 0)
      throw new ReproError(`tar failed: ${res.stderr.trim()}`, { fix: 'check free space next to the output folder.' });
  }
  log.info(
    `archived ${images.length} image(s) (${Math.round(statSync(path.join(out, ARCHIVE_IMAGES)).size / 1e6)} MB) with the record and ${copied.length} source file(s) in ${out}`,
  );
  return { dir: out, tarball, files: [...files, 'SHA256SUMS'].sort(), images: images.map((i) => i.ref) };
}
