// Worker thread of an offline run (see offline-pool.ts): executes batches of plan items with the
// offline engine and sends back their records already serialized. It never touches the stores: the
// main thread writes what it returns, in plan order.
import { parentPort, workerData } from "node:worker_threads";
import type { Config } from "../config/schema.js";
import type { RecordSink } from "../interaction/storage.js";
import { serializeRecord } from "../interaction/storage.js";
import { LlmService } from "../llm/llm-service.js";
import type { RunSeed } from "../rng/random.js";
import { UsageTracker } from "../scheduler/usage.js";
import type { QueryRecord } from "./execute-item.js";
import { executeItem, interactionSummary } from "./execute-item.js";
import type { RunInputs } from "./inputs.js";
import { buildItemDeps } from "./item-deps.js";
import {
  describeError,
  type OfflineBatch,
  type OfflineBatchResult,
  type OfflineItemResult,
  type OfflineWorkerInit,
} from "./offline-protocol.js";
import type { PlannedPersona } from "./plan.js";
import type { SystemPromptResult } from "./system-prompts.js";

/** Collects what an item saves (its query record) as serialized lines. */
class LineSink implements RecordSink {
  private lines: Array<[string, string]> = [];
  constructor(private readonly idKey: string) {}
  async save(record: Record<string, unknown>): Promise<void> {
    this.lines.push([String(record[this.idKey]), serializeRecord(record)]);
  }
  take(): Array<[string, string]> {
    const lines = this.lines;
    this.lines = [];
    return lines;
  }
}

async function runBatch(batch: OfflineBatch): Promise<OfflineBatchResult> {
  const init = workerData as OfflineWorkerInit;
  const config = init.config as Config;
  const inputs = init.inputs as RunInputs;
  const runSeed = init.runSeed as RunSeed;
  const usage = new UsageTracker();
  const llm = new LlmService({ config, env: {}, runSeed, usage });
  const prompts: RecordSink = {
    save: async () => {
      throw new Error("a system prompt is formulated by the main thread, not by an offline worker");
    },
  };
  const queries = new LineSink("item_id");
  const now = new Date(batch.now);
  const deps = buildItemDeps({
    config,
    generation: init.generation,
    inputs,
    llm,
    clock: { now: () => new Date(now.getTime()) },
    runSeed,
    personas: new Map(batch.personas.map((p: PlannedPersona) => [p.persona_id, p])),
    items: batch.items,
    storedPrompts: new Map<string, SystemPromptResult>(batch.prompts),
    storedQueries: new Map<string, QueryRecord>(batch.queries),
    promptStore: prompts,
    queryStore: queries,
  });
  const results: OfflineItemResult[] = [];
  try {
    // One item after another: offline calls never wait, so concurrency inside a batch buys nothing,
    // and saves are attributed to the item that made them.
    for (const item of batch.items) {
      try {
        const record = await executeItem(item, deps, { priority: (left) => left });
        results.push({
          ok: true,
          queries: queries.take(),
          ...(record
            ? {
                interaction: serializeRecord(record as unknown as Record<string, unknown>),
                summary: interactionSummary(record),
              }
            : {}),
        });
      } catch (error) {
        queries.take();
        results.push({ ok: false, error: describeError(error) });
      }
    }
  } finally {
    await llm.close();
  }
  return { batch: batch.batch, results, calls: usage.offlineCounts() };
}

/** Answers the main thread's batches, one at a time, in the order received. */
function serve(): void {
  const port = parentPort;
  if (!port) throw new Error("offline-worker runs as a worker thread (see offline-pool.ts)");
  let chain: Promise<void> = Promise.resolve();
  port.on("message", (batch: OfflineBatch) => {
    // A batch that fails outside its items rejects the chain: the thread ends with that error and
    // the pool fails the run (see OfflinePool).
    chain = chain.then(async () => port.postMessage(await runBatch(batch)));
  });
}

serve();
