/**
 * Secrets masked in everything repro-ci writes itself: step log files, the terminal, reports. The action
 * also registers each one with the runner (`::add-mask::`), which masks what reaches the job log.
 * One registry per process, like the runner's own mask list.
 */

export const MASK = '***';

/** Names whose values are masked even when short. */
export const SECRET_NAME = /TOKEN|KEY|SECRET|PASS|PWD|CREDENTIAL|AUTH|PRIVATE|CERT|SESSION|COOKIE/i;

/** Shorter values are masked only under a secret-looking name: masking `true` or `0` would blank the log. */
const MIN_MASKED = 4;

export class Secrets {
  private values: string[] = [];

  /** Registers a value; returns whether it is masked from now on. */
  add(value: string | undefined, name?: string): boolean {
    if (!value || (value.length < MIN_MASKED && !(name && SECRET_NAME.test(name)))) return false;
    for (const v of [value, ...value.split(/\r?\n/).filter((l) => l.trim().length >= MIN_MASKED)]) {
      if (!this.values.includes(v)) this.values.push(v);
    }
    this.values.sort((a, b) => b.length - a.length);
    return true;
  }

  get count(): number {
    return this.values.length;
  }

  redact(text: string): string {
    let out = text;
    for (const v of this.values) if (out.includes(v)) out = out.split(v).join(MASK);
    return out;
  }

  /**
   * A writer that masks a stream arriving in arbitrary chunks: it holds back the last characters a
   * secret could still be completing, and `end()` flushes them.
   */
  stream(write: (s: string) => void): { write: (chunk: string) => void; end: () => void } {
    let held = '';
    return {
      write: (chunk) => {
        if (this.values.length === 0) return write(chunk);
        const text = this.redact(held + chunk);
        const keep = Math.min(text.length, this.values[0].length - 1);
        held = text.slice(text.length - keep);
        if (text.length > keep) write(text.slice(0, text.length - keep));
      },
      end: () => {
        if (held) write(this.redact(held));
        held = '';
      },
    };
  }
}

/** The process's secrets (the action registers the login, the token and every pass-env value). */
export const secrets = new Secrets();
