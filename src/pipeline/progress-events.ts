import type { ProgressEvent } from "../events.js";
import type { Scheduler } from "../scheduler/scheduler.js";
import type { UsageTracker } from "../scheduler/usage.js";

/** How often a run says where it stands while calls are in flight. */
export const PROGRESS_INTERVAL_MS = 500;

/** Where the run stands: items stored and failed, calls, tokens, cost, and the scheduler's load. */
export function progressEvent(
  counts: { done: number; failed: number; total: number },
  usage: UsageTracker,
  scheduler: Scheduler,
): ProgressEvent {
  const totals = usage.totals();
  const load = scheduler.load;
  const trouble = scheduler.trouble;
  return {
    type: "progress",
    ...counts,
    calls: totals.calls,
    api_calls: totals.api_calls,
    cache_hits: totals.cache_hits,
    input_tokens: totals.input_tokens,
    output_tokens: totals.output_tokens,
    cost_usd: totals.cost_usd,
    active_calls: load.active,
    waiting_calls: load.waiting,
    concurrency: load.limit,
    retries: trouble.retries,
    rate_limited: trouble.rateLimited,
  };
}

/**
 * Calls `report` every `ms` until the returned function is called. A conversation of real calls
 * takes minutes, so a report per finished item left the progress at 0 for that long; this shows
 * the calls in flight meanwhile. The timer does not keep the process alive.
 */
export function every(ms: number, report: () => void): () => void {
  const timer = setInterval(report, ms);
  timer.unref();
  return () => clearInterval(timer);
}
