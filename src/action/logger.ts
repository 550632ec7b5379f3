/** The pipeline's Logger on a GitHub runner: collapsible groups and file/line annotations. */
import { randomBytes } from 'node:crypto';
import * as core from '@actions/core';
import type { SourceLocation } from '../errors.js';
import type { Logger } from '../log.js';

function props(where?: SourceLocation): core.AnnotationProperties {
  return where ? { file: where.file, startLine: where.line, startColumn: where.column } : {};
}

/**
 * Lines of repro-ci's own messages never start with `::`: a message can quote repro.yml (a metric name, a
 * command word), and the runner would obey a line of it as a workflow command. Annotations need no such
 * care: @actions/core escapes their newlines.
 */
export function inert(message: string): string {
  return message.replace(/(^|[\r\n])(\s*)::/g, '$1$2 ::');
}

export const actionLogger: Logger = {
  info: (m) => core.info(inert(m)),
  output: (c) => {
    process.stdout.write(c);
  },
  warning: (m, where) => core.warning(m, props(where)),
  error: (m, where) => core.error(m, props(where)),
  debug: (m) => core.debug(m),
  group: (title, fn) => core.group(title, fn),
  untrusted: async (fn) => {
    const token = randomBytes(16).toString('hex');
    process.stdout.write(`::stop-commands::${token}\n`);
    try {
      return await fn();
    } finally {
      process.stdout.write(`\n::${token}::\n`);
    }
  },
};
