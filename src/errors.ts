/**
 * Errors the user can act on. Every error carries the place it comes from (a file, and where known a
 * line and column), what went wrong, and the fix, so the CLI can print it and the action can annotate it.
 */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

export class ReproError extends Error {
  readonly fix?: string;
  readonly location?: SourceLocation;
  /** Process exit code to use when this error ends a CLI run. */
  readonly exitCode: number;

  constructor(
    message: string,
    opts: { fix?: string; location?: SourceLocation; exitCode?: number; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'ReproError';
    this.fix = opts.fix;
    this.location = opts.location;
    this.exitCode = opts.exitCode ?? 1;
  }

  /** One human line (or more, when the message has them): `file:line:col: message. Fix: ...`. */
  describe(): string {
    const where = this.location ? `${formatLocation(this.location)}: ` : '';
    const fix = this.fix ? `\n  Fix: ${this.fix}` : '';
    return `${where}${this.message}${fix}`;
  }
}

/** A config file with one or more problems; each problem is reported, not just the first. */
export class ConfigError extends ReproError {
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    const first = problems[0];
    super(
      problems.length === 1
        ? problemText({ ...first, fix: undefined })
        : `${problems.length} problems in ${first.location.file}:\n` +
            problems.map((p) => `  - ${formatLocation(p.location)}: ${problemText(p)}`).join('\n'),
      {
        location: problems.length === 1 ? first.location : undefined,
        fix: problems.length === 1 ? first.fix : undefined,
      },
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export interface ConfigProblem {
  location: SourceLocation;
  /** Dotted field path such as `steps[1].timeout`; empty for the whole document. */
  path: string;
  message: string;
  fix?: string;
}

function problemText(p: ConfigProblem): string {
  const field = p.path ? `${p.path}: ` : '';
  const fix = p.fix ? ` Fix: ${p.fix}` : '';
  return `${field}${p.message}${fix}`;
}

export function formatLocation(loc: SourceLocation): string {
  if (loc.line === undefined) return loc.file;
  return loc.column === undefined ? `${loc.file}:${loc.line}` : `${loc.file}:${loc.line}:${loc.column}`;
}

export function errorMessage(err: unknown): string {
  if (err instanceof ReproError) return err.describe();
  if (err instanceof Error) return err.message;
  return String(err);
}
