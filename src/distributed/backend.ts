// The Backend port: where a run's items execute. The pipeline plans, then hands each item to its
// backend's runner and stores what comes back in plan order (pipeline/executor.ts), so every
// backend writes the same store. `localBackend` (this process, or offline threads) is the default;
// `redisBackend` ships items to `personasynth worker` processes through BullMQ on Redis.
import type { Config } from "../config/schema.js";
import type { EventSink } from "../events.js";
import type { InteractionStorage } from "../interaction/storage.js";
import type { LlmService } from "../llm/llm-service.js";
import type { InteractionSummary, ItemDeps } from "../pipeline/execute-item.js";
import type { RunInputs } from "../pipeline/inputs.js";
import type { PlanItem } from "../pipeline/plan.js";
import type { ShippingSource } from "../pipeline/shipped-items.js";
import type { RunSeed } from "../rng/random.js";
import type { CallGate } from "../scheduler/call-gate.js";
import type { ResponseCache } from "../scheduler/response-cache.js";
import type { UsageTracker } from "../scheduler/usage.js";

/** What a backend is given of the run whose items it executes. */
export interface BackendRun {
  config: Config;
  inputs: RunInputs;
  runSeed: RunSeed;
  planId: string;
  /** The generation fingerprint of the config (what a remote worker must share to run the items). */
  generation: string;
  /** How many items the run executes. */
  itemCount: number;
  /** The items' operations, models and stores, for running them in this process. */
  deps: ItemDeps;
  /** What shipped items need from this process (personas, system prompts, stored query records). */
  shipping: ShippingSource;
  llm: LlmService;
  stores: { interactions: InteractionStorage; queries: InteractionStorage };
  /** Where calls made for this run are counted (a remote worker's are added when its item is stored). */
  usage: UsageTracker;
  /** The run's response cache (a remote worker's answers are added to it). */
  cache: ResponseCache | undefined;
  /** Filled with a summary of every interaction stored. */
  produced: InteractionSummary[];
  signal: AbortSignal | undefined;
  events: EventSink;
}

/** Stores an item's result; the executor calls it in plan order. */
export type StoreResult = () => Promise<void>;

/** Runs the items of one run. */
export interface ItemRunner {
  /** How the items run, for the stage message ("in 2 offline worker threads"); empty in this process. */
  readonly where: string;
  /** Items to keep open at once, so that nothing executing them waits for work. */
  readonly window: number;
  /** Executes an item; resolves with what stores it (undefined: nothing to store). */
  run(item: PlanItem): Promise<StoreResult | undefined>;
  /** Calls in flight and waiting for this run's items, and how many may be in flight (progress). */
  load(): { active: number; waiting: number; limit: number };
  close(): Promise<void>;
}

/** Where a run's items execute. */
export interface Backend {
  /**
   * Limits this process shares with the other processes of the run (declared endpoint and model
   * limits, rate budgets), for its own calls (system prompts); absent when nothing is shared.
   */
  readonly gate?: CallGate | undefined;
  open(run: BackendRun): Promise<ItemRunner>;
}
