/**
 * Is a dependency pinned? Pure checks over pip requirement files, pip/uv/conda package arguments and
 * conda environment files. Pinned means one exact version (`==`, `===`, conda `=x.y.z`), a commit, or a
 * hash: `>=`, `~=`, `==1.*` and bare names all let the next build get something else.
 */

export interface RequirementLine {
  line: number;
  text: string;
  /** The package name, or the whole requirement when it has none (a URL, say). */
  name: string;
  pinned: boolean;
  hashed: boolean;
}

export interface RequirementsFile {
  requirements: RequirementLine[];
  /** Files named by `-r` / `-c` lines, as written (relative to this file). */
  includes: { path: string; line: number }[];
}

/** Parses a pip requirements file into its requirement lines (continuations joined, comments dropped). */
export function parseRequirements(text: string): RequirementsFile {
  const out: RequirementsFile = { requirements: [], includes: [] };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1;
    let logical = lines[i];
    while (/\\\s*$/.test(logical) && i + 1 < lines.length) logical = logical.replace(/\\\s*$/, ' ') + lines[++i];
    const body = logical.replace(/(^|\s)#.*$/, '').trim();
    if (body === '') continue;
    const include = /^(?:-r|--requirement|-c|--constraint)(?:\s+|=)(\S+)/.exec(body);
    if (include) {
      out.includes.push({ path: include[1], line: start });
      continue;
    }
    // Other options (--index-url, --find-links, --require-hashes...) pin nothing by themselves.
    if (body.startsWith('-') && !/^(-e|--editable)\b/.test(body)) continue;
    const hashed = /--hash[= ]\w+:[0-9a-f]+/i.test(body);
    const spec = body
      .replace(/\s--hash[= ]\S+/gi, '')
      .replace(/^(-e|--editable)\s+/, '')
      .trim();
    out.requirements.push({
      line: start,
      text: spec,
      name: requirementName(spec),
      pinned: hashed || isPinnedSpec(spec),
      hashed,
    });
  }
  return out;
}

function requirementName(spec: string): string {
  return /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(spec)?.[1] ?? spec;
}

/**
 * A local path (the project itself, a vendored wheel; extras allowed: `.[dev]`, `./pkg[train]`) is as
 * fixed as the repository.
 */
function isLocalPath(spec: string): boolean {
  const s = spec.replace(/\[[^\]]*\]$/, '');
  return /^(\.{1,2}(\/|$)|\/|file:)/.test(s) || (/\.(whl|tar\.gz|zip)$/.test(s) && !/:\/\//.test(s));
}

/**
 * A URL to one released file whose name holds its version: a wheel (`torch-2.0.1+cu118-cp311-...whl`) or an
 * sdist (`pkg-1.2.3.tar.gz`). Such a file does not change (indexes refuse to replace a released file).
 */
function isVersionedArchiveUrl(spec: string): boolean {
  const url = /(?:^|@\s*)(https?:\/\/\S+)$/.exec(spec)?.[1];
  const file = url ? decodeURIComponent(url.split(/[?#]/)[0].split('/').pop() ?? '') : '';
  return (
    /^[A-Za-z0-9._]+-\d[^-]*(-\d[^-]*)?-[^-]+-[^-]+-[^-]+\.whl$/.test(file) ||
    /^[A-Za-z0-9._-]+-\d[\w.+!]*\.(tar\.gz|zip)$/.test(file)
  );
}

/** One requirement (`numpy==1.24.2`, `pkg @ git+https://...@<sha>`, `./local`), markers ignored. */
export function isPinnedSpec(spec: string): boolean {
  const s = spec.split(';')[0].trim();
  if (isLocalPath(s)) return true;
  const vcs = /(?:^|@\s*)(?:git|hg|svn|bzr)\+\S+@([0-9a-f]{40})\b/.exec(s);
  if (vcs) return true;
  if (/:\/\//.test(s)) return isVersionedArchiveUrl(s);
  const m = /^[A-Za-z0-9][A-Za-z0-9._-]*(\[[^\]]*\])?\s*(===?)\s*([^\s,;*]+)\s*$/.exec(s);
  return m !== null;
}

/** A conda package spec (`numpy=1.24.2`, `numpy==1.24.2=py311h...`, `conda-forge::numpy=1.24`) with an exact version. */
export function isPinnedCondaSpec(spec: string): boolean {
  const s = spec.replace(/^[\w.-]+::/, '').trim();
  // `==1.26` is exact; a single `=` is a prefix match (`=1.26` means 1.26.*), so it needs a full
  // major.minor.patch or a build string. Wildcards and ranges are never pins.
  const m = /^[A-Za-z0-9][A-Za-z0-9._-]*\s*(==?)\s*([0-9][^\s*<>!,|=]*)(=\S+)?$/.exec(s);
  return m !== null && (m[1] === '==' || m[3] !== undefined || m[2].split('.').length >= 3);
}

export interface CondaEnvDep {
  line: number;
  spec: string;
  pinned: boolean;
  pip: boolean;
}

/** The dependencies of a conda environment.yml (conda ones and those under `- pip:`). */
export function parseCondaEnvironment(text: string): CondaEnvDep[] {
  const out: CondaEnvDep[] = [];
  const lines = text.split(/\r?\n/);
  let inDeps = false;
  let depsIndent = -1;
  let pipIndent = -1;
  lines.forEach((raw, i) => {
    const line = raw.replace(/\s+#.*$/, '');
    if (/^dependencies:\s*$/.test(line)) {
      inDeps = true;
      depsIndent = -1;
      return;
    }
    if (/^\S/.test(line)) {
      inDeps = false;
      return;
    }
    if (!inDeps) return;
    const item = /^(\s*)-\s*(.+?)\s*$/.exec(line);
    if (!item) return;
    const indent = item[1].length;
    if (depsIndent < 0) depsIndent = indent;
    if (indent <= depsIndent) pipIndent = -1;
    const value = item[2].replace(/^["']|["']$/g, '');
    if (indent === depsIndent && /^pip:\s*$/.test(value)) {
      pipIndent = indent;
      return;
    }
    const pip = pipIndent >= 0 && indent > pipIndent;
    // `python` and `pip` themselves are tools: a floating python is still a problem, so they count too.
    out.push({ line: i + 1, spec: value, pip, pinned: pip ? isPinnedSpec(value) : isPinnedCondaSpec(value) });
  });
  return out;
}

/** A conda explicit spec (`@EXPLICIT`, from `conda list --explicit` or conda-lock) pins everything. */
export function isExplicitCondaSpec(text: string): boolean {
  return /^@EXPLICIT\s*$/m.test(text);
}
