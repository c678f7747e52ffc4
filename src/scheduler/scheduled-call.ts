/**
 * What a caller hands the scheduler and what it gets back: one model call with its item, stage and
 * priority, and an optional check of the answer. Apart from scheduler.ts so that the types the pipeline
 * and llm-service speak are read without the machinery that runs them.
 */
import type { CompletionRequest, CompletionResult } from "../llm/types.js";

/** The verdict on a well-formed answer: accept it, or send it back with feedback. */
export type Acceptance = { ok: true } | { ok: false; feedback: string };

/** One model call as the pipeline asks for it. */
export interface ScheduledCall {
  /** The work item this call belongs to (usage records, seeds). */
  itemId: string;
  stage: string;
  operation: string;
  provider: string;
  request: Omit<CompletionRequest, "signal">;
  /** Which of several wanted samples of the same request this is (part of the cache key). */
  sampleIndex?: number;
  /** Higher runs first when calls queue for a slot. */
  priority?: number;
  signal?: AbortSignal;
  /** Checks an answer (JSON shape, length, refusal); a rejection is fed back to the model. */
  accept?: (result: CompletionResult) => Acceptance;
}

export interface CallOutcome {
  result: CompletionResult;
  cacheHit: boolean;
  attempts: number;
}
