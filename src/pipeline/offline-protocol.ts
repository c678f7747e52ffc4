// The messages between the main thread and the offline worker threads (offline-pool.ts,
// offline-worker.ts). Everything crosses by structured clone: plain data only, so an item's error
// crosses as its fields (`describeError` there, `itemError` here).
import { type ErrorCode, PersonasynthError } from "../errors.js";
import type { InteractionSummary, QueryRecord } from "./execute-item.js";
import type { PlanItem, PlannedPersona } from "./plan.js";
import type { SystemPromptResult } from "./system-prompts.js";

/** What every worker starts from (its `workerData`). */
export interface OfflineWorkerInit {
  /** The validated config (plain data). */
  config: unknown;
  /** The config's generation fingerprint. */
  generation: string;
  /** The run inputs: bank, sampling config, strategy file, templates (plain data). */
  inputs: unknown;
  runSeed: unknown;
}

/** Items to execute, with what they need that only the main thread has. */
export interface OfflineBatch {
  batch: number;
  /** The clock's reading when the batch was sent (the records' `created_at`). */
  now: string;
  items: PlanItem[];
  personas: PlannedPersona[];
  /** These personas' system prompts (formulated or loaded by the main thread). */
  prompts: Array<[string, SystemPromptResult]>;
  /** Query records earlier runs stored for these items. */
  queries: Array<[string, QueryRecord]>;
}

/** An item's failure, as the main thread rebuilds it. */
export interface OfflineItemError {
  code: ErrorCode;
  message: string;
  exitCode: number;
  where?: string;
  hint?: string;
}

/** One item's outcome: the lines to store (its query record, then its interaction). */
export type OfflineItemResult =
  | {
      ok: true;
      /** The item's query record, unless an earlier run stored it: [item id, serialized record]. */
      queries: Array<[string, string]>;
      /** The interaction record (serialized); absent when conversations are off. */
      interaction?: string;
      summary?: InteractionSummary;
    }
  | { ok: false; error: OfflineItemError };

export interface OfflineBatchResult {
  batch: number;
  results: OfflineItemResult[];
  /** Offline calls made, by stage and model, in the order first seen. */
  calls: Array<[stage: string, model: string, calls: number]>;
}

/** An item's error as it crosses to the main thread. */
export function describeError(error: unknown): OfflineItemError {
  if (error instanceof PersonasynthError) {
    return {
      code: error.code,
      message: error.message,
      exitCode: error.exitCode,
      ...(error.where === undefined ? {} : { where: error.where }),
      ...(error.hint === undefined ? {} : { hint: error.hint }),
    };
  }
  return {
    code: "INTERNAL",
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    exitCode: 1,
  };
}

/** The error an item failed with in a worker, rebuilt in the main thread. */
export function itemError(result: OfflineItemResult & { ok: false }): PersonasynthError {
  const { code, message, exitCode, where, hint } = result.error;
  return new PersonasynthError(code, message, exitCode, {
    ...(where === undefined ? {} : { where }),
    ...(hint === undefined ? {} : { hint }),
  });
}
