/**
 * `repro-ci archive`: a folder (and optionally a .tar.gz) to deposit in an archive such as Zenodo:
 * the images (`docker save`), the record, repro.yml and the Dockerfiles, SHA256SUMS and a README that
 * says how to load and re-run it offline. Made from the last run's record in the results folder.
 */
import { copyFileSync, createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Config } from '../config/config.js';
import type { Docker } from '../docker/docker.js';
import { ReproError } from '../errors.js';
import type { Exec } from '../exec/exec.js';
import type { Logger } from '../log.js';
import { parseRecord, RECORD_FILE, type ReproRecord } from '../record/record.js';
import { renderArchiveReadme, renderSha256Sums } from './readme.js';

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
    createReadStream(file).on('data', (d) => h.update(d)).on('end', () => resolve(h.digest('hex'))).on('error', reject);
  });
}

function listFiles(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(dir, r) : [r];
  });
}

export function readLastRecord(config: Config): ReproRecord {
  const file = path.join(config.results, RECORD_FILE);
  if (!existsSync(file)) throw new ReproError(`no record in ${path.relative(process.cwd(), file) || file}.`, { fix: 'run `repro-ci run` first: every run writes its record there.' });
  return parseRecord(readFileSync(file, 'utf8'), file);
}

export async function archive(config: Config, out: string, opts: { tarball: boolean }, docker: Docker, exec: Exec, log: Logger): Promise<ArchiveOutcome> {
  const record = readLastRecord(config);
  if (existsSync(out) && readdirSync(out).length > 0) throw new ReproError(`${out} exists and is not empty.`, { fix: 'name a new folder with --out.' });
  // The images must be the recorded ones: a local tag rebuilt since then would archive something else.
  const refs: string[] = [];
  for (const img of record.images) {
    const found = img.localTag ? await docker.imageInspect(img.localTag) : undefined;
    if (!found || found.id !== img.id) {
      throw new ReproError(`the local image ${img.localTag || img.key} is ${found ? `now ${found.id}, not the recorded ${img.id}` : 'gone'}.`, { fix: 'run `repro-ci run` again and archive right after it, so the record and the images match.' });
    }
    refs.push(img.localTag);
  }
  mkdirSync(path.join(out, 'source'), { recursive: true });
  await log.group(`docker save ${refs.join(' ')}`, () => docker.save(refs, path.join(out, ARCHIVE_IMAGES)));
  writeFileSync(path.join(out, RECORD_FILE), JSON.stringify(record, null, 2) + '\n');
  const sources = [config.file, ...config.images.map((i) => i.dockerfile), ...(config.metrics?.reference ? [config.metrics.reference.file] : [])];
  const copied: string[] = [];
  for (const abs of [...new Set(sources)]) {
    const rel = path.relative(config.root, abs).split(path.sep).join('/');
    mkdirSync(path.dirname(path.join(out, 'source', rel)), { recursive: true });
    copyFileSync(abs, path.join(out, 'source', rel));
    copied.push(rel);
  }
  writeFileSync(path.join(out, 'README.md'), renderArchiveReadme(record, { images: ARCHIVE_IMAGES, record: RECORD_FILE, source: copied }));
  const files = listFiles(out).filter((f) => f !== 'SHA256SUMS');
  const sums: Record<string, string> = {};
  for (const f of files) sums[f] = await fileSha256(path.join(out, f));
  writeFileSync(path.join(out, 'SHA256SUMS'), renderSha256Sums(sums));
  let tarball: string | undefined;
  if (opts.tarball) {
    tarball = `${path.resolve(out)}.tar.gz`;
    const res = await exec('tar', ['-czf', tarball, '-C', path.dirname(path.resolve(out)), path.basename(path.resolve(out))]);
    if (res.exitCode !== 0) throw new ReproError(`tar failed: ${res.stderr.trim()}`, { fix: 'check free space next to the output folder.' });
  }
  log.info(`archived ${refs.length} image(s) (${Math.round(statSync(path.join(out, ARCHIVE_IMAGES)).size / 1e6)} MB) with the record in ${out}`);
  return { dir: out, tarball, files: [...files, 'SHA256SUMS'].sort(), images: refs };
}
