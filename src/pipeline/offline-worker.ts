// Worker thread of an offline run (see offline-pool.ts): executes batches of plan items with the
// offline engine and sends back their records already serialized (shipped-items.ts). It never
// touches the stores: the main thread writes what it returns, in plan order.
import { parentPort, workerData } from "node:worker_threads";
import type { Config } from "../config/schema.js";
import { LlmService } from "../llm/llm-service.js";
import type { RunSeed } from "../rng/random.js";
import { UsageTracker } from "../scheduler/usage.js";
import type { RunInputs } from "./inputs.js";
import type { OfflineBatch, OfflineBatchResult, OfflineWorkerInit } from "./offline-protocol.js";
import { executeShipped } from "./shipped-items.js";

async function runBatch(batch: OfflineBatch): Promise<OfflineBatchResult> {
  const init = workerData as OfflineWorkerInit;
  const config = init.config as Config;
  const inputs = init.inputs as RunInputs;
  const runSeed = init.runSeed as RunSeed;
  const usage = new UsageTracker();
  const llm = new LlmService({ config, env: {}, runSeed, usage });
  try {
    // One item after another: offline calls never wait, so concurrency inside a batch buys nothing.
    const results = await executeShipped(batch, {
      config,
      generation: init.generation,
      inputs,
      runSeed,
      llm,
    });
    return { batch: batch.batch, results, calls: usage.offlineCounts() };
  } finally {
    await llm.close();
  }
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
