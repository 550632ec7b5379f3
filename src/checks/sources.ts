/**
 * The file-system edge of the checks: reading the configured metrics files (and the files a dvc.yaml
 * names), the reference file, keeping copies in the results folder, and fingerprinting outputs.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { makeResultsDir, readFileNoFollow, safePath, writeFileFresh } from '../security/paths.js';
import path from 'node:path';
import type { Config, MetricsSourceSpec } from '../config/config.js';
import { ReproError, type SourceLocation } from '../errors.js';
import { dvcMetricsFiles, formatOf, FORMAT_FIX, mergeMetrics, parseMetrics, type MetricsDoc } from './metrics.js';
import type { ReferenceInput } from './rules.js';

export interface ReadMetrics {
  doc: MetricsDoc;
  /** Absolute paths of every file read (dvc.yaml's metrics files included). */
  files: string[];
}

/** Reads and merges every metrics source. Throws a ReproError naming the file and the fix. */
export function readMetricsSources(config: Config): ReadMetrics {
  const docs: { file: string; doc: MetricsDoc; prefix?: string }[] = [];
  const files: string[] = [];
  for (const src of config.metrics?.sources ?? []) {
    if (src.format === 'dvc') {
      const text = readSource(config, src, src.file);
      files.push(src.file);
      const listed = dvcMetricsFiles(text, rel(config, src.file));
      const parts = listed.map((f) => {
        const abs = path.resolve(path.dirname(src.file), f);
        const format = formatOf(abs);
        if (!format || format === 'dvc')
          throw new ReproError(`${rel(config, src.file)} names the metrics file ${f}, whose format is unknown.`, {
            location: { file: rel(config, src.file) },
            fix: FORMAT_FIX,
          });
        files.push(abs);
        return {
          file: rel(config, abs),
          doc: parseMetrics(readSource(config, src, abs), rel(config, abs), format, src.row),
        };
      });
      docs.push({ file: rel(config, src.file), doc: mergeMetrics(parts), prefix: src.prefix });
    } else {
      files.push(src.file);
      docs.push({
        file: rel(config, src.file),
        doc: parseMetrics(readSource(config, src, src.file), rel(config, src.file), src.format, src.row),
        prefix: src.prefix,
      });
    }
  }
  return { doc: mergeMetrics(docs), files };
}

/** Metrics files hold a few numbers; anything larger than this is refused before it is read. */
export const MAX_METRICS_BYTES = 8 * 1024 * 1024;

/** A file a step wrote, read inside the project and without following a link (src/security/paths.ts). */
function readStepFile(config: Config, file: string, what: string, where?: SourceLocation): string {
  safePath(config.root, file, what, where);
  // The folder resolved, the file itself opened as named: a link there is refused, not followed.
  const dir = safePath(config.root, path.dirname(file), what, where);
  return readFileNoFollow(path.join(dir, path.basename(file)), MAX_METRICS_BYTES, what, where);
}

function readSource(config: Config, src: MetricsSourceSpec, file: string): string {
  const shown = rel(config, file);
  if (!existsSync(file)) {
    throw new ReproError(`metrics file ${shown} was not written by the steps.`, {
      location: src.where,
      fix: `make a step write it into a mounted folder (e.g. mount \`${path.dirname(shown) || '.'}:/results\` and write /results/${path.basename(shown)}), or fix \`metrics:\` in repro.yml.`,
    });
  }
  return readStepFile(config, file, 'metrics file', src.where);
}

/** The reference file for `reference` rules: parsed, or the reason it could not be. */
export function readReference(config: Config): ReferenceInput | undefined {
  const ref = config.metrics?.reference;
  if (!ref) return undefined;
  const shown = rel(config, ref.file);
  if (!existsSync(ref.file))
    return {
      file: shown,
      error: `reference file ${shown} not found; commit it (a trusted run's metrics file) or fix metrics.reference`,
    };
  try {
    return {
      file: shown,
      doc: parseMetrics(
        readStepFile(config, ref.file, 'reference file', ref.where),
        shown,
        formatOf(ref.file) as 'json',
      ),
    };
  } catch (e) {
    const err = e as ReproError;
    return {
      file: shown,
      error: `reference ${err.message.replace(/^metrics file/, 'file')}${err.fix ? ` Fix: ${err.fix}` : ''}`,
    };
  }
}

/**
 * Keeps what was read in the results folder: `metrics.json` (a single JSON source verbatim, else the
 * merged metrics) and each source under `metrics/`, relative to the project.
 */
export function keepMetrics(config: Config, read: ReadMetrics, dir = config.results): void {
  const out = makeResultsDir(config.root, config.results, dir);
  const copy = (from: string, to: string) => writeFileFresh(to, readStepFile(config, from, 'metrics file'));
  const single = read.files.length === 1 && formatOf(read.files[0]) === 'json' && !config.metrics?.sources[0]?.prefix;
  if (single) copy(read.files[0], path.join(out, 'metrics.json'));
  else writeFileFresh(path.join(out, 'metrics.json'), JSON.stringify(read.doc, jsonSafe, 2) + '\n');
  if (!single || dir !== config.results) {
    for (const f of read.files) {
      const to = path.join(out, 'metrics', rel(config, f).replace(/^(\.\.[/\\])+/, ''));
      copy(f, path.join(makeResultsDir(config.root, config.results, path.dirname(to)), path.basename(to)));
    }
  }
}

/** NaN and infinities survive as the strings Python would print, instead of JSON's null. */
function jsonSafe(_k: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
}

/** sha256 of every file under `paths` (files or folders), by path relative to `root`; `skip` folders are left out. */
export function fingerprint(
  paths: readonly string[],
  root: string,
  skip: readonly string[] = [],
): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (p: string): void => {
    if (skip.some((s) => p === s || p.startsWith(s + path.sep)) || !existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) for (const e of readdirSync(p).sort()) walk(path.join(p, e));
    else if (st.isFile()) out[path.relative(root, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
  };
  for (const p of paths) walk(p);
  return out;
}

function rel(config: Config, file: string): string {
  return path.relative(config.root, file) || file;
}
