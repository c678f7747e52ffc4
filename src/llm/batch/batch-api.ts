import type { TransportError } from "../transport-error.js";
import type { CompletionRequest, CompletionResult } from "../types.js";

/** One request of a batch, named by its custom id (the request's cache key). */
export interface BatchLine {
  customId: string;
  request: Omit<CompletionRequest, "signal">;
}

/** What became of one line: its answer, or why there is none (retried in the next round). */
export type LineOutcome = { ok: true; result: CompletionResult } | { ok: false; error: TransportError };

/** A submitted batch as the provider reports it. */
export interface BatchState {
  finished: boolean;
  /** The provider's own status word (`in_progress`, `completed`, `ended`, …), for progress. */
  status: string;
}

/**
 * A provider's batch API (OpenAI Batch API, Anthropic Message Batches): submit lines, poll, read the
 * results. One call, one HTTP request chain, no retries (the batch rounds decide).
 */
export interface BatchApi {
  /** Most lines one batch may hold. */
  readonly maxLines: number;
  /** Most bytes one batch may hold. */
  readonly maxBytes: number;
  /** True when one batch may mix models (Anthropic); OpenAI wants one model per batch file. */
  readonly mixesModels: boolean;
  /** The line as it goes into the batch (its length counts against `maxBytes`). */
  encode(line: BatchLine): string;
  /** Submits encoded lines; `tag` names their content, so a batch created by a killed run is found. */
  submit(encoded: readonly string[], tag: string): Promise<string>;
  /** The id of a live batch submitted with this tag, when the provider can say. */
  find(tag: string): Promise<string | undefined>;
  poll(id: string): Promise<BatchState>;
  /** Every line's outcome, by custom id; lines missing from a finished batch are absent. */
  results(id: string): Promise<Map<string, LineOutcome>>;
  cancel(id: string): Promise<void>;
}
