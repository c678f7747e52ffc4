/** What the first Ctrl-C (or SIGTERM) prints. */
export const INTERRUPTING =
  "interrupting: stopping the calls in flight, storing what is finished (Ctrl-C again to quit at once)";

/**
 * How the running command takes an interruption. A command that can stop cleanly (`run`) claims it:
 * it prints the notice itself, after stopping its progress bar, so the bar is never drawn over the
 * notice or after it. Any other command is ended at once with exit code 130.
 */
export class Interruption {
  private notice: (() => void) | undefined;

  /** The running command stops cleanly on the signal and prints the notice with `notice`. */
  claim(notice: () => void): void {
    this.notice = notice;
  }

  get claimed(): boolean {
    return this.notice !== undefined;
  }

  /** Called once, on the first signal: true when the command stops by itself. */
  interrupt(): boolean {
    this.notice?.();
    return this.notice !== undefined;
  }
}

/** What a command that stops cleanly on Ctrl-C is given: the signal, and the interruption to claim. */
export interface StopControl {
  signal: AbortSignal;
  interruption: Interruption;
}
