/**
 * Badges that say what a CI run can honestly claim: how many checks passed, the headline metric, and
 * the date, so readers see when results were last re-checked. A CI self-run never uses the ACM artifact
 * badge names (Available, Functional, Reusable, Reproduced, Replicated): reviewers award those. Pure.
 *
 * Two forms: a shields.io endpoint JSON (https://shields.io/badges/endpoint-badge: schemaVersion,
 * label, message, color; unknown keys are rejected by shields) and a self-contained SVG.
 */
import type { CheckResult } from '../checks/rules.js';

export interface ShieldsEndpoint {
  schemaVersion: 1;
  label: string;
  message: string;
  color: string;
}

export const BADGE_LABEL = 'repro-ci';
/** Names that belong to ACM's reviewed artifact badges. */
export const ACM_BADGE_NAMES = ['available', 'functional', 'reusable', 'reproduced', 'replicated'];

export type BadgeOutcome =
  /** `run`: the CI run's own checks; `verify`: a re-run of a published image against its record. */
  | {
      kind: 'run' | 'verify';
      checks: CheckResult[];
      metrics: Record<string, number>;
      date: Date;
      /** A step or stage failed: no claim. */ failed?: boolean;
    }
  /** The run or verification could not happen (image gone, engine down): the last good date stays. */
  | { kind: 'error'; date: Date; lastVerified?: string };

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Four significant digits at most, without trailing zeros: 0.91234 → 0.9123, 0.9 → 0.9. */
export function formatBadgeNumber(n: number): string {
  return String(Number(n.toPrecision(4)));
}

export function badgeFor(o: BadgeOutcome, label = BADGE_LABEL): ShieldsEndpoint {
  checkLabel(label);
  if (o.kind === 'error') {
    return {
      schemaVersion: 1,
      label,
      message: o.lastVerified ? `not verified since ${o.lastVerified}` : 'not verified',
      color: 'lightgrey',
    };
  }
  const judged = o.checks.filter((c) => !c.skipped);
  const passed = judged.filter((c) => c.ok).length;
  const date = isoDate(o.date);
  if (o.failed) return { schemaVersion: 1, label, message: `failing · ${date}`, color: 'red' };
  if (passed < judged.length)
    return { schemaVersion: 1, label, message: `failing ${passed}/${judged.length} · ${date}`, color: 'red' };
  // A run that checked nothing claims nothing: not "reproduced", and not a date a later badge carries.
  if (judged.length === 0)
    return { schemaVersion: 1, label, message: `ran, nothing checked · ${date}`, color: 'yellow' };
  const headline = judged.find((c) => c.value !== undefined) ?? o.checks.find((c) => c.value !== undefined);
  const metric = headline ? ` · ${headline.metric} ${formatBadgeNumber(headline.value!)}` : '';
  const verb = o.kind === 'verify' ? 'reproduced' : 'checks passed';
  return {
    schemaVersion: 1,
    label,
    message: `${verb} ${passed}/${judged.length}${metric} · ${date}`,
    color: 'brightgreen',
  };
}

/** The date at the end of a badge message written before (`… · 2026-11-23`), to carry into "not verified since". */
export function lastVerifiedDate(previous: Partial<ShieldsEndpoint> | undefined): string | undefined {
  const m = previous?.message ?? '';
  // A passing badge ends with its date; "not verified since" carries the older one; a failing one verified nothing.
  if (/^(reproduced|checks passed)\b/.test(m) || m.startsWith('not verified since '))
    return /(\d{4}-\d{2}-\d{2})$/.exec(m)?.[1];
  return undefined;
}

function checkLabel(label: string): void {
  if (ACM_BADGE_NAMES.includes(label.trim().toLowerCase()))
    throw new Error(`"${label}" is an ACM artifact badge name, awarded by reviewers; a CI badge must not use it.`);
}

const ALLOWED_KEYS = [
  'schemaVersion',
  'label',
  'message',
  'color',
  'labelColor',
  'isError',
  'namedLogo',
  'logoSvg',
  'logoColor',
  'style',
  'cacheSeconds',
];

/** shields.io's endpoint schema: the problems with a document (empty when it is valid). */
export function shieldsProblems(doc: unknown): string[] {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return ['not a JSON object'];
  const d = doc as Record<string, unknown>;
  const problems = Object.keys(d)
    .filter((k) => !ALLOWED_KEYS.includes(k))
    .map((k) => `unknown key "${k}"`);
  if (d.schemaVersion !== 1) problems.push('schemaVersion must be 1');
  for (const k of ['label', 'message']) if (typeof d[k] !== 'string') problems.push(`${k} must be a string`);
  if (typeof d.message === 'string' && d.message.length === 0) problems.push('message must not be empty');
  for (const k of ['color', 'labelColor', 'namedLogo', 'logoSvg', 'logoColor', 'style'])
    if (k in d && typeof d[k] !== 'string') problems.push(`${k} must be a string`);
  if ('isError' in d && typeof d.isError !== 'boolean') problems.push('isError must be a boolean');
  if ('cacheSeconds' in d && !(Number.isInteger(d.cacheSeconds) && (d.cacheSeconds as number) >= 0))
    problems.push('cacheSeconds must be a whole number ≥ 0');
  return problems;
}

const COLORS: Record<string, string> = {
  brightgreen: '#4c1',
  green: '#97ca00',
  red: '#e05d44',
  lightgrey: '#9f9f9f',
  orange: '#fe7d37',
};

/** Approximate width of Verdana 11px text (shields' font): narrow, normal and wide characters. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[ilj.,:;'!|·]/.test(ch) ? 3.5 : /[mwMW@]/.test(ch) ? 10 : /[A-Z0-9]/.test(ch) ? 7.5 : 6.5;
  return Math.ceil(w);
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A flat badge, no external fonts, images or scripts: it renders the same from a branch, Pages or an archive. */
export function renderBadgeSvg(b: ShieldsEndpoint): string {
  const lw = textWidth(b.label) + 12;
  const mw = textWidth(b.message) + 12;
  const w = lw + mw;
  const color = COLORS[b.color] ?? (/^#[0-9a-f]{3,6}$/i.test(b.color) ? b.color : COLORS.lightgrey);
  const label = escapeXml(b.label);
  const message = escapeXml(b.message);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${label}: ${message}">`,
    `<title>${label}: ${message}</title>`,
    `<rect width="${lw}" height="20" fill="#555"/>`,
    `<rect x="${lw}" width="${mw}" height="20" fill="${color}"/>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">`,
    `<text x="${lw / 2}" y="14">${label}</text>`,
    `<text x="${lw + mw / 2}" y="14">${message}</text>`,
    `</g>`,
    `</svg>`,
    '',
  ].join('\n');
}

/** Where the badge lives on a branch, and the README snippet that shows it through shields.io. */
export function badgePaths(project: string): { json: string; svg: string } {
  return { json: `badges/${project}.json`, svg: `badges/${project}.svg` };
}

export function readmeSnippet(repository: string, branch: string, project: string, link?: string): string {
  const raw = `https://raw.githubusercontent.com/${repository}/${branch}/${badgePaths(project).json}`;
  const img = `https://img.shields.io/endpoint?url=${encodeURIComponent(raw)}`;
  return `[![${BADGE_LABEL}](${img})](${link ?? `https://github.com/${repository}`})`;
}
