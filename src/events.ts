/**
 * The library never prints: it reports what happens as typed events, and the CLI (or any caller)
 * decides how to show them.
 */
export type LibraryEvent =
  | { type: "warning"; message: string; where?: string }
  | { type: "info"; message: string }
  | { type: "stage"; stage: string; message: string }
  | {
      type: "plan";
      plan_id: string;
      resumed: boolean;
      personas: number;
      items: number;
      already_done: number;
      to_run: number;
    }
  | ProgressEvent
  | BatchEvent
  | { type: "item_failed"; item_id: string; reason: string };

/** Batch mode: rounds submitted, provider batches still running, lines sent and lines answered. */
export interface BatchEvent {
  type: "batch";
  round: number;
  pending_batches: number;
  lines_submitted: number;
  lines_done: number;
}

/**
 * Where a run stands; emitted after every stored or failed item, and twice a second while calls are
 * in flight.
 */
export interface ProgressEvent {
  type: "progress";
  /** Items stored (this run and before): what a rerun finds done. */
  done: number;
  failed: number;
  total: number;
  calls: number;
  api_calls: number;
  cache_hits: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  /** Calls in flight now, for the whole run. */
  active_calls: number;
  /** Calls ready but waiting for a slot. */
  waiting_calls: number;
  /** Calls the run may have in flight now: `--concurrency`, or less while endpoints' limits are
   *  lowered after 429s. */
  concurrency: number;
  /** Attempts sent again after a failure, since the run started. */
  retries: number;
  /** Answers that were 429 (rate limited), since the run started. */
  rate_limited: number;
}

/** Receives events; must not throw. */
export type EventSink = (event: LibraryEvent) => void;

/** A sink that drops everything (the default for library calls). */
export const ignoreEvents: EventSink = () => undefined;
