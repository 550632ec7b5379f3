/**
 * A "still running" signal for long, quiet steps: people watching the log and runners' idle watchdogs
 * both see that the job is alive. `tick` is pure over the injected clock; `start` adds the timer.
 */

export interface HeartbeatOptions {
  /** Seconds of silence before a line; 0 or less turns the heartbeat off. */
  everySeconds: number;
  /** Called with the seconds since start and since the last output (or the last heartbeat line). */
  say: (elapsedSeconds: number, silentSeconds: number) => void;
  /** Seconds, monotonic. */
  now?: () => number;
}

export class Heartbeat {
  private readonly now: () => number;
  private readonly started: number;
  private lastOutput: number;
  private lastBeat: number;

  constructor(private readonly opts: HeartbeatOptions) {
    this.now = opts.now ?? (() => performance.now() / 1000);
    this.started = this.lastOutput = this.lastBeat = this.now();
  }

  /** The step printed something. */
  touch(): void {
    this.lastOutput = this.lastBeat = this.now();
  }

  /** Says so when the step has been silent for `everySeconds` since the last output or heartbeat. */
  tick(): boolean {
    if (this.opts.everySeconds <= 0) return false;
    const t = this.now();
    if (t - this.lastBeat < this.opts.everySeconds) return false;
    this.lastBeat = t;
    this.opts.say(t - this.started, t - this.lastOutput);
    return true;
  }

  /** Ticks on a timer until the returned function is called. */
  start(): () => void {
    if (this.opts.everySeconds <= 0) return () => {};
    // Check a few times per period so a line comes close to the period; at most every 30 s.
    const timer = setInterval(() => this.tick(), Math.min(30, Math.max(0.25, this.opts.everySeconds / 4)) * 1000);
    timer.unref();
    return () => clearInterval(timer);
  }
}
