/**
 * What the pipeline needs from a log: lines, warnings, errors and collapsible sections. The action
 * implements it with @actions/core (groups, annotations); the CLI with plain terminal output.
 */
import type { SourceLocation } from './errors.js';

export interface Logger {
  info(message: string): void;
  /** Raw output from a tool (docker build/run), passed through as it arrives. */
  output(chunk: string): void;
  warning(message: string, where?: SourceLocation): void;
  error(message: string, where?: SourceLocation): void;
  debug(message: string): void;
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
  /**
   * Runs `fn` while output it streams is not interpreted as commands (on a runner, a container printing
   * `::add-mask::` or `::error::` lines must not be obeyed).
   */
  untrusted<T>(fn: () => Promise<T>): Promise<T>;
}

/** A logger that keeps everything in memory; used by tests and by callers that want silence. */
export class MemoryLogger implements Logger {
  readonly lines: string[] = [];
  info(m: string): void {
    this.lines.push(m);
  }
  output(c: string): void {
    this.lines.push(c);
  }
  warning(m: string): void {
    this.lines.push(`warning: ${m}`);
  }
  error(m: string): void {
    this.lines.push(`error: ${m}`);
  }
  debug(): void {}
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.lines.push(`[${title}]`);
    return fn();
  }
  untrusted<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }
  text(): string {
    return this.lines.join('\n');
  }
}

type Held = { kind: 'info' | 'output' | 'warning' | 'error' | 'debug'; text: string; where?: SourceLocation };

/**
 * Holds what is logged, in order, and replays it into another logger later: for work that starts before
 * its log section opens (the cache downloads run beside Docker's detection). Holds no groups.
 */
export class HeldLogger implements Logger {
  private held: Held[] = [];
  info(text: string): void {
    this.held.push({ kind: 'info', text });
  }
  output(text: string): void {
    this.held.push({ kind: 'output', text });
  }
  warning(text: string, where?: SourceLocation): void {
    this.held.push({ kind: 'warning', text, where });
  }
  error(text: string, where?: SourceLocation): void {
    this.held.push({ kind: 'error', text, where });
  }
  debug(text: string): void {
    this.held.push({ kind: 'debug', text });
  }
  group<T>(_title: string, fn: () => Promise<T>): Promise<T> {
    return fn();
  }
  untrusted<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }
  /** Writes everything held into `to` (warnings through `warning` when given) and forgets it. */
  replay(to: Logger, warning: (text: string, where?: SourceLocation) => void = (t, w) => to.warning(t, w)): void {
    for (const h of this.held.splice(0)) {
      if (h.kind === 'warning') warning(h.text, h.where);
      else if (h.kind === 'error') to.error(h.text, h.where);
      else to[h.kind](h.text);
    }
  }
}
