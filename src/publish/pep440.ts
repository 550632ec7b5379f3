/**
 * Python version numbers (PEP 440) for `type=pep440` tag rules: a research package tagged `1.2.3rc2`,
 * `1.0.dev4` or `1.2.post1` gets the normalised version PyPI would show. Pure.
 *
 * Spelled after the PEP's own appendix: an optional `v`, an epoch `N!`, release `N(.N)*`, a pre-release
 * (a, b, rc and their long spellings), a post-release (`.postN`, `-N`, `rev`, `r`), a dev release and a
 * local part `+…`, each with optional separators.
 */

export interface Pep440 {
  epoch: number;
  release: number[];
  pre?: { kind: 'a' | 'b' | 'rc'; n: number };
  post?: number;
  dev?: number;
  local?: string;
}

const VERSION =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?(\d+)?)?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/i;

const PRE_KIND: Record<string, 'a' | 'b' | 'rc'> = {
  alpha: 'a',
  a: 'a',
  beta: 'b',
  b: 'b',
  preview: 'rc',
  pre: 'rc',
  c: 'rc',
  rc: 'rc',
};

/** The parsed version, or undefined when `text` is not a PEP 440 version. */
export function parsePep440(text: string): Pep440 | undefined {
  const m = VERSION.exec(text.trim());
  if (!m) return undefined;
  const [, epoch, release, pre, preN, postDash, post, postN, dev, devN, local] = m;
  return {
    epoch: epoch ? Number(epoch) : 0,
    release: release.split('.').map(Number),
    ...(pre ? { pre: { kind: PRE_KIND[pre.toLowerCase()], n: Number(preN ?? 0) } } : {}),
    ...(postDash !== undefined ? { post: Number(postDash) } : post ? { post: Number(postN ?? 0) } : {}),
    ...(dev ? { dev: Number(devN ?? 0) } : {}),
    ...(local ? { local: local.toLowerCase().replace(/[-_]/g, '.') } : {}),
  };
}

/** The normalised spelling: `v1.2.3RC2` → `1.2.3rc2`, `1.0dev4` → `1.0.dev4`, `1.2-1` → `1.2.post1`. */
export function formatPep440(v: Pep440): string {
  const epoch = v.epoch ? `${v.epoch}!` : '';
  const pre = v.pre ? `${v.pre.kind}${v.pre.n}` : '';
  const post = v.post !== undefined ? `.post${v.post}` : '';
  const dev = v.dev !== undefined ? `.dev${v.dev}` : '';
  const local = v.local ? `+${v.local}` : '';
  return `${epoch}${v.release.join('.')}${pre}${post}${dev}${local}`;
}

/** A pre-, post- or dev release: it only ever gets its full version, and never moves `latest`. */
export function isPep440Special(v: Pep440): boolean {
  return v.pre !== undefined || v.post !== undefined || v.dev !== undefined;
}
