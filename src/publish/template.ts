/**
 * The small `{{expression}}` language of docker/metadata-action's tag patterns, written for our needs:
 * `{{name}}` and `{{date 'YYYYMMDD' tz='Asia/Tokyo'}}`. Pure: the values come in as functions.
 */
import { ReproError } from '../errors.js';

export interface TemplateCall {
  /** The quoted argument: `{{date 'YYYYMMDD'}}` → `YYYYMMDD`. */
  arg?: string;
  tz?: string;
  /** An unquoted word where a quoted argument goes: `{{commit_date YYYY-MM-DD}}`. */
  bare?: string;
}

export type TemplateVars = Record<string, (call: TemplateCall) => string>;

const EXPRESSION = /\{\{\s*([A-Za-z_]+)((?:\s+(?:[a-z]+=)?(?:'[^']*'|"[^"]*"|[A-Za-z0-9_:.\-[\]]+))*)\s*\}\}/g;
const ARG = /\s+(?:([a-z]+)=)?(?:'([^']*)'|"([^"]*)"|([A-Za-z0-9_:.\-[\]]+))/g;

/** The expression names a template uses (for checking them before any run). */
export function templateNames(template: string): string[] {
  return [...template.matchAll(EXPRESSION)].map((m) => m[1]);
}

/** Unquoted words where a quoted argument goes (`{{commit_date YYYY-MM-DD}}`), for a warning. */
export function bareArguments(template: string): string[] {
  return [...template.matchAll(EXPRESSION)].flatMap((m) =>
    [...m[2].matchAll(ARG)].filter((a) => a[4] !== undefined && a[1] === undefined).map((a) => a[4]),
  );
}

/** A `{{` that is not a well-formed expression: reported instead of being copied into a tag. */
export function malformedExpression(template: string): string | undefined {
  const rest = template.replace(EXPRESSION, '');
  const at = rest.search(/\{\{|\}\}/);
  return at < 0 ? undefined : rest.slice(Math.max(0, at - 10), at + 12);
}

export function renderTemplate(template: string, vars: TemplateVars): string {
  return template.replace(EXPRESSION, (_all, name: string, args: string) => {
    const fn = vars[name];
    if (!fn)
      throw new ReproError(`unknown expression {{${name}}} in "${template}".`, {
        fix: `use one of: ${Object.keys(vars)
          .map((v) => `{{${v}}}`)
          .join(', ')}.`,
      });
    const call: TemplateCall = {};
    for (const a of args.matchAll(ARG)) {
      const value = a[2] ?? a[3];
      if (a[1] === undefined && a[4] !== undefined) call.bare = a[4];
      else if (a[1] === 'tz') call.tz = value ?? a[4];
      else if (a[1] === undefined) call.arg = value;
      else
        throw new ReproError(`unknown attribute ${a[1]}= in {{${name}}} of "${template}".`, {
          fix: "only tz='Area/City' is supported.",
        });
    }
    return fn(call);
  });
}

/**
 * Formats a date with the moment.js tokens metadata-action's `{{date}}` uses: YYYY YY MM M DD D HH H
 * hh h mm m ss s SSS A a Z, and [literal text]. UTC unless `tz` names an IANA time zone.
 */
export function formatDate(date: Date, format: string, tz = 'UTC'): string {
  let parts: Record<string, string>;
  try {
    parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })
        .formatToParts(date)
        .map((p) => [p.type, p.value]),
    );
  } catch {
    throw new ReproError(`unknown time zone "${tz}".`, {
      fix: "use an IANA name such as tz='Europe/Paris' (UTC when left out).",
    });
  }
  const hour = Number(parts.hour);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const tokens: Record<string, string> = {
    YYYY: parts.year,
    YY: parts.year.slice(-2),
    MM: parts.month,
    M: String(Number(parts.month)),
    DD: parts.day,
    D: String(Number(parts.day)),
    HH: pad(hour),
    H: String(hour),
    hh: pad(hour % 12 || 12),
    h: String(hour % 12 || 12),
    mm: parts.minute,
    m: String(Number(parts.minute)),
    ss: parts.second,
    s: String(Number(parts.second)),
    SSS: pad(date.getUTCMilliseconds(), 3),
    A: hour < 12 ? 'AM' : 'PM',
    a: hour < 12 ? 'am' : 'pm',
    Z: format.includes('Z') ? utcOffset(date, tz) : '',
  };
  return format.replace(
    /\[([^\]]*)\]|YYYY|YY|SSS|MM|M|DD|D|HH|H|hh|h|mm|m|ss|s|A|a|Z/g,
    (tok, literal: string | undefined) => literal ?? tokens[tok],
  );
}

/** moment's `Z`: the offset from UTC in `tz` at `date`, `+09:00` (`+00:00` for UTC). */
function utcOffset(date: Date, tz: string): string {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  return name === 'GMT' ? '+00:00' : name.slice(3);
}

/**
 * moment's default format, which metadata-action's `{{date}}` falls back to without a quoted format:
 * ISO 8601 to the second, with the offset, written `Z` when it is zero (`2020-01-10T00:30:00Z`).
 */
export function formatIsoDate(date: Date, tz = 'UTC'): string {
  return formatDate(date, 'YYYY-MM-DDTHH:mm:ssZ', tz).replace(/[+-]00:00$/, 'Z');
}
