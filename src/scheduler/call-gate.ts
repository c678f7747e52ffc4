/**
 * Limits shared with other processes calling the same endpoints: the distributed workers of one run
 * (distributed/redis-gate.ts). The scheduler keeps its own slots (CallSlots: this process's total,
 * adaptive per endpoint); a gate adds, after a local slot is granted, the limits the config declares
 * for an endpoint or a model counted across every process, and requests/tokens per minute counted
 * across every process. Without a gate (one process) the local limits are the whole story.
 */
export interface CallGate {
  /**
   * Waits until one more call fits every shared level and the shared rate budgets, then counts it.
   * An abort of `signal` ends the wait with an InterruptedError.
   */
  enter(limits: SharedLimits, tokens: number, signal: AbortSignal | undefined): Promise<GatePass>;
}

/** What a call counts against across processes (only what the config declares). */
export interface SharedLimits {
  /** Concurrency levels: an endpoint's declared limit, a model's own declared limit. */
  levels: ReadonlyArray<{ key: string; limit: number }>;
  /** Requests and tokens per minute of a provider's model, when declared. */
  rate?: { key: string; rpm: number | undefined; tpm: number | undefined } | undefined;
}

/** A call counted in by a gate: leave it exactly once, with the tokens the call really used. */
export interface GatePass {
  leave(usedTokens: number | undefined): void;
}

/** True when nothing is shared for this call (no declared limit): the gate can be skipped. */
export function sharesNothing(limits: SharedLimits): boolean {
  return limits.levels.length === 0 && limits.rate === undefined;
}
