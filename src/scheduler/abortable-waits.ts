import { InterruptedError } from "../errors.js";

/** A wait that an abort of its signal ends early. */
interface Sleeper {
  signal: AbortSignal;
  interrupt: () => void;
}

/**
 * Waits (backoff, rate budgets) that an abort of their signal (Ctrl-C) ends at once with an
 * InterruptedError, with one abort listener per signal, not one per wait: a listener per wait passed
 * Node's limit of 10 and printed MaxListenersExceededWarning. `onAbort` is told of the abort too,
 * through the same listener (the owner's other waits: calls in flight, queued calls).
 */
export class AbortableWaits {
  private readonly sleeping = new Set<Sleeper>();
  private readonly watched = new WeakSet<AbortSignal>();

  constructor(private readonly onAbort: (signal: AbortSignal) => void = () => undefined) {}

  /** Listens to `signal` (once per signal): on abort, ends its waits and calls `onAbort`. */
  watch(signal: AbortSignal): void {
    if (this.watched.has(signal)) return;
    this.watched.add(signal);
    signal.addEventListener(
      "abort",
      () => {
        this.onAbort(signal);
        for (const sleeper of this.sleeping) if (sleeper.signal === signal) sleeper.interrupt();
      },
      { once: true },
    );
  }

  /** Waits `ms`; an abort of `signal` ends the wait with an InterruptedError. */
  pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(new InterruptedError());
    return new Promise((resolve, reject) => {
      const sleeper: Sleeper | undefined = signal && {
        signal,
        interrupt: () => {
          clearTimeout(timer);
          this.sleeping.delete(sleeper as Sleeper);
          reject(new InterruptedError());
        },
      };
      const timer = setTimeout(() => {
        if (sleeper) this.sleeping.delete(sleeper);
        resolve();
      }, ms);
      if (sleeper) {
        this.watch(sleeper.signal);
        this.sleeping.add(sleeper);
      }
    });
  }
}
