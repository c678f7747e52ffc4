// The default backend: items execute in this process, or, for an all-offline run, in offline worker
// threads (pipeline/offline-pool.ts) whose records this process stores.
import type { LlmService } from "../llm/llm-service.js";
import { executeItem, interactionSummary } from "../pipeline/execute-item.js";
import { OfflinePool, offlineWorkerCount } from "../pipeline/offline-pool.js";
import type { OfflineItemResult } from "../pipeline/offline-protocol.js";
import { itemError } from "../pipeline/offline-protocol.js";
import type { PlanItem } from "../pipeline/plan.js";
import type { Backend, BackendRun, ItemRunner, StoreResult } from "./backend.js";

/**
 * Items in this process; `threads` sets the offline worker threads of an all-offline run (0: none;
 * default: see offlineWorkerCount).
 */
export function localBackend(options: { threads?: number | undefined } = {}): Backend {
  return {
    open: async (run) => {
      const threads = offlineWorkerCount(run.llm, run.itemCount, options.threads);
      if (threads === 0) return inProcess(run);
      const pool = new OfflinePool(
        threads,
        { config: run.config, generation: run.generation, inputs: run.inputs, runSeed: run.runSeed },
        { ...run.shipping, usage: run.usage },
      );
      const load = () => run.llm.scheduler.load;
      return {
        where: ` in ${threads} offline worker threads`,
        window: pool.window,
        load,
        run: async (item) => {
          let result: OfflineItemResult;
          try {
            result = await pool.run(item);
          } finally {
            run.shipping.systemPrompts?.release(item.persona_id);
          }
          return storeShipped(result, run);
        },
        close: () => pool.close(),
      };
    },
  };
}

/** Items in this thread: the query record and system prompt are stored as the item runs. */
function inProcess(run: BackendRun): ItemRunner {
  return {
    where: "",
    window: windowFor(run.llm, run.itemCount),
    load: () => run.llm.scheduler.load,
    run: async (item: PlanItem) => {
      const record = await executeItem(item, run.deps, { signal: run.signal, priority: (left) => left });
      if (!record) return undefined;
      return async () => {
        await run.stores.interactions.save(record as unknown as Record<string, unknown>);
        run.produced.push(interactionSummary(record));
      };
    },
    close: async () => undefined,
  };
}

/**
 * What stores an item executed elsewhere (a thread, a worker), which returns its records serialized:
 * its query record is made durable before its interaction, as in this thread. A failed item throws
 * its error, rebuilt.
 */
export function storeShipped(result: OfflineItemResult, run: BackendRun): StoreResult {
  if (!result.ok) throw itemError(result);
  return async () => {
    await Promise.all(result.queries.map(([id, line]) => run.stores.queries.saveSerialized(id, line)));
    if (result.interaction === undefined || !result.summary) return;
    await run.stores.interactions.saveSerialized(result.summary.interaction_id, result.interaction);
    run.produced.push(result.summary);
  };
}

/**
 * Open items: several times the call slots (so freed slots are taken at once); offline, a fixed
 * batch; in batch mode every item (up to 50,000), so each round holds every call that can be ready.
 */
function windowFor(llm: LlmService, items: number): number {
  if (llm.batchMode) return Math.max(16, Math.min(50_000, items));
  const online = [...llm.providers.values()].some((provider) => provider.type !== "offline");
  return online ? Math.min(4096, Math.max(16, llm.concurrency.total * 4)) : 64;
}
