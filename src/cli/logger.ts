/** The pipeline's Logger in a terminal: section headers, warnings and errors on stderr, colour on a TTY. */
import { formatLocation, type SourceLocation } from '../errors.js';
import type { Logger } from '../log.js';

export function terminalLogger(opts: { verbose?: boolean; quiet?: boolean } = {}): Logger {
  const color = process.stderr.isTTY && !process.env.NO_COLOR;
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const where = (w?: SourceLocation) => (w ? `${formatLocation(w)}: ` : '');
  return {
    info: (m) => {
      if (!opts.quiet) process.stdout.write(`${m}\n`);
    },
    output: (c) => {
      if (!opts.quiet) process.stdout.write(c);
    },
    warning: (m, w) => process.stderr.write(`${paint('33', 'warning')}: ${where(w)}${m}\n`),
    error: (m, w) => process.stderr.write(`${paint('31', 'error')}: ${where(w)}${m}\n`),
    debug: (m) => {
      if (opts.verbose) process.stderr.write(`debug: ${m}\n`);
    },
    group: async (title, fn) => {
      if (!opts.quiet) process.stdout.write(`\n${paint('1;36', `▶ ${title}`)}\n`);
      return fn();
    },
    untrusted: (fn) => fn(),
  };
}
