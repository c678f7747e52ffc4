/**
 * The calls in flight and their deadlines. A call is cancelled past its hard timeout, or far past what
 * its model usually takes now (LatencyTracker's adaptive bound), so a hung connection is retried long
 * before the hard timeout. Apart from the scheduler's retry loop because this is where the timers are:
 * one per call, moved when the model's usual latency becomes known or grows.
 */
import { Cancellation } from "../llm/types.js";
import type { LatencyTracker } from "./latency-tracker.js";

/** One attempt in flight: when it started, how to cancel it, and what bounds its wait. */
export interface InFlight {
  readonly started: number;
  readonly attempt: number;
  /** Handed to the client as the request's signal; cancelled at the deadline or on the caller's abort. */
  readonly cancel: Cancellation;
  readonly latency: LatencyTracker;
  readonly hardTimeoutMs: number;
  timedOut: boolean;
  /** The caller's signal (Ctrl-C), shared by many calls. */
  readonly callSignal: AbortSignal | undefined;
  /** Fires at the call's deadline. */
  timer?: NodeJS.Timeout | undefined;
}

export class CallDeadlines {
  private readonly inFlight = new Set<InFlight>();

  constructor(private readonly now: () => number) {}

  /** Counts an attempt in from now and arms its deadline. */
  start(attempt: {
    attempt: number;
    latency: LatencyTracker;
    hardTimeoutMs: number;
    callSignal: AbortSignal | undefined;
  }): InFlight {
    const flight: InFlight = {
      started: this.now(),
      attempt: attempt.attempt,
      cancel: new Cancellation(),
      latency: attempt.latency,
      hardTimeoutMs: attempt.hardTimeoutMs,
      timedOut: false,
      callSignal: attempt.callSignal,
    };
    this.inFlight.add(flight);
    this.arm(flight);
    return flight;
  }

  /** The attempt is over (answered or failed): its deadline no longer applies. */
  finish(flight: InFlight): void {
    this.inFlight.delete(flight);
    clearTimeout(flight.timer);
  }

  /** How long the attempt had run when its deadline cancelled it; undefined when it did not. */
  timedOutAfter(flight: InFlight): number | undefined {
    return flight.timedOut ? this.now() - flight.started : undefined;
  }

  /** Cancels every attempt in flight for this caller's signal (its abort: Ctrl-C). */
  cancelFor(signal: AbortSignal): void {
    for (const f of this.inFlight) if (f.callSignal === signal) f.cancel.cancel();
  }

  /**
   * The first calls of a model run under the hard timeout only: once its usual latency is known,
   * their deadlines are brought in.
   */
  rearm(latency: LatencyTracker): void {
    for (const flight of this.inFlight) {
      if (flight.latency !== latency || flight.timedOut) continue;
      clearTimeout(flight.timer);
      this.arm(flight);
    }
  }

  /** Stops every timer (the scheduler is closing). */
  close(): void {
    for (const flight of this.inFlight) clearTimeout(flight.timer);
  }

  /**
   * A timer per call at its deadline (not a periodic sweep: a 20 ms watchdog woke an idle process
   * 50 times a second, which cost more CPU per call than the rest of the scheduler at 200 ms calls).
   */
  private arm(flight: InFlight): void {
    const wait = flight.started + this.limitOf(flight) - this.now();
    flight.timer = setTimeout(() => this.expire(flight), Math.max(1, Math.ceil(wait)));
    flight.timer.unref();
  }

  /** Cancels a call past its hard timeout or far past what this model usually takes now. */
  private expire(flight: InFlight): void {
    if (!this.inFlight.has(flight) || flight.timedOut) return;
    // The adaptive bound may have grown since the call started: then wait for the new deadline.
    if (this.now() - flight.started <= this.limitOf(flight)) {
      this.arm(flight);
      return;
    }
    flight.timedOut = true;
    flight.cancel.cancel();
  }

  private limitOf(flight: InFlight): number {
    const adaptive = flight.latency.bound(flight.attempt);
    return adaptive === undefined ? flight.hardTimeoutMs : Math.min(adaptive, flight.hardTimeoutMs);
  }
}
