// Items executed away from the stores (offline worker threads, distributed workers): each comes with
// what only the main process has (its persona, system prompt, stored query record, the clock's
// reading) and goes back as the lines to store, already serialized. The main process stores them in
// plan order, so the store is the same as when items run in it.
import type { Config } from "../config/schema.js";
import type { RecordSink } from "../interaction/storage.js";
import { serializeRecord } from "../interaction/storage.js";
import type { LlmService } from "../llm/llm-service.js";
import type { RunSeed } from "../rng/random.js";
import type { Clock } from "../util/clock.js";
import type { QueryRecord } from "./execute-item.js";
import { executeItem, interactionSummary } from "./execute-item.js";
import type { RunInputs } from "./inputs.js";
import { buildItemDeps } from "./item-deps.js";
import { describeError, type OfflineBatch, type OfflineItemResult } from "./offline-protocol.js";
import type { PlanItem, PlannedPersona } from "./plan.js";
import type { SystemPromptResult, SystemPrompts } from "./system-prompts.js";

/** What the main process holds that shipped items need. */
export interface ShippingSource {
  personas: ReadonlyMap<string, PlannedPersona>;
  /**
   * Stage 2 runs in the main process, once per persona (as when items run there), and each batch
   * carries its personas' prompts: a persona whose items are shipped apart is formulated once.
   */
  systemPrompts: SystemPrompts | undefined;
  /** Query records earlier runs of this generation stored, by item id. */
  storedQueries: ReadonlyMap<string, QueryRecord>;
  clock: Clock;
}

/** The items with what they need from the main process (formulating their personas' prompts first). */
export async function shippedBatch(
  batch: number,
  items: readonly PlanItem[],
  source: ShippingSource,
  signal?: AbortSignal,
): Promise<OfflineBatch> {
  const { personas, systemPrompts, storedQueries } = source;
  const planned = [...new Set(items.map((item) => item.persona_id))].map((id) => {
    const persona = personas.get(id);
    if (!persona) throw new Error(`plan item names an unknown persona ${id}`);
    return persona;
  });
  // All asked for at once, in plan order: the prompts are stored in the order of an in-process run.
  const prompts: Array<[string, SystemPromptResult]> = systemPrompts
    ? await Promise.all(
        planned.map(
          async (p): Promise<[string, SystemPromptResult]> => [
            p.persona_id,
            await systemPrompts.get(p, signal),
          ],
        ),
      )
    : [];
  const queries: Array<[string, QueryRecord]> = [];
  for (const item of items) {
    const stored = storedQueries.get(item.item_id);
    if (stored) queries.push([item.item_id, stored]);
  }
  return {
    batch,
    now: source.clock.now().toISOString(),
    items: [...items],
    personas: planned,
    prompts,
    queries,
  };
}

/** What executes shipped items: the run's config and inputs, and a service to call models with. */
export interface ShippedContext {
  config: Config;
  /** The config's generation fingerprint (computed once: it reads the input files). */
  generation: string;
  inputs: RunInputs;
  runSeed: RunSeed;
  llm: LlmService;
  /** Stops the items' calls (a worker told to stop): they fail with INTERRUPTED. */
  signal?: AbortSignal | undefined;
}

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

/**
 * Executes a batch of shipped items one after another (saves are attributed to the item that made
 * them) and returns each one's outcome: its lines to store, or its error as plain data.
 */
export async function executeShipped(
  batch: OfflineBatch,
  context: ShippedContext,
): Promise<OfflineItemResult[]> {
  const { config, generation, inputs, runSeed, llm } = context;
  const prompts: RecordSink = {
    save: async () => {
      throw new Error("a system prompt is formulated by the main process, not where items are shipped");
    },
  };
  const queries = new LineSink("item_id");
  const now = new Date(batch.now);
  const deps = await buildItemDeps({
    config,
    generation,
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
  for (const item of batch.items) {
    try {
      const record = await executeItem(item, deps, { signal: context.signal, priority: (left) => left });
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
  return results;
}
