import type { Config } from "../config/schema.js";
import type { EventSink } from "../events.js";
import { QUARANTINE_FILE } from "../interaction/quarantine.js";
import { InteractionStorage } from "../interaction/storage.js";
import { openPersonaStore, openSystemPromptStore } from "../persona/persona-stores.js";
import { TrainingDataCollector } from "../training/collector.js";
import { Redactor } from "../util/redact.js";
import { queryRecordProblem } from "./execute-item.js";
import type { OutputPaths } from "./output-paths.js";
import type { PlanItem } from "./plan.js";

/** The stores of an output directory. */
export interface Stores {
  personas: InteractionStorage;
  prompts: InteractionStorage;
  assignments: InteractionStorage;
  queries: InteractionStorage;
  interactions: InteractionStorage;
}

/**
 * Moves the stored records of these items that fail their store's check (`validate`) to quarantine,
 * so the items run again: a record that is not valid is not a finished item.
 */
export async function quarantinePlanned(
  store: InteractionStorage,
  items: readonly PlanItem[],
  idOf: (item: PlanItem) => string,
  emit: EventSink,
): Promise<void> {
  const invalid = await store.invalidRecords();
  if (invalid.size === 0) return;
  const planned = items.map(idOf).filter((id) => invalid.has(id));
  const moved = await store.quarantine(planned);
  if (moved === 0) return;
  const [first] = planned;
  emit({
    type: "warning",
    message: `${moved} stored record(s) of this plan failed their check (${first}: ${invalid.get(first as string)}); moved to ${QUARANTINE_FILE}, their items run again`,
    where: store.dir,
  });
}

/**
 * Opens the stores of an output layout. Interactions and query records are checked as they are
 * indexed (an invalid one of a plan is quarantined and redone); the others are plain.
 */
export function openStores(
  paths: OutputPaths,
  events: EventSink,
  config: Config,
  redactor: Redactor = Redactor.none,
): Stores {
  // Every line is masked before it is written when there is a secret to mask; otherwise nothing runs.
  const redact = redactor.active ? { redact: (text: string) => redactor.text(text) } : {};
  return {
    personas: openPersonaStore(paths.personas, events, redact),
    // Keyed by what their content depends on: a prompt by persona and generation (promptId), a query
    // assignment and a query record by item (a seed query may serve several items: allow_reuse, or
    // another generation).
    prompts: openSystemPromptStore(paths.personas, events, redact),
    assignments: new InteractionStorage(paths.queries, {
      idKey: "item_id",
      prefix: "assignments",
      events,
      ...redact,
    }),
    queries: new InteractionStorage(paths.queries, {
      idKey: "item_id",
      prefix: "queries",
      events,
      validate: queryRecordProblem,
      ...redact,
    }),
    interactions: new InteractionStorage(paths.interactions, {
      events,
      validate: new TrainingDataCollector(config).problemOf,
      ...redact,
    }),
  };
}

/** Flushes and closes every store. */
export async function closeStores(stores: Stores): Promise<void> {
  await Promise.all(Object.values(stores).map((s: InteractionStorage) => s.close()));
}

/** What `repairStores` did, per store that needed it. */
export interface StoreRepair {
  store: string;
  dir: string;
  quarantined: number;
  newlines: number;
}

/**
 * `personasynth repair`: makes every store of an output layout whole — lines that do not parse, are
 * not records, or fail their store's check go to the directory's quarantine.jsonl; a complete last
 * record gets its missing newline. Run while no run uses the directory (the caller holds its lock).
 */
export async function repairStores(
  paths: OutputPaths,
  events: EventSink,
  config: Config,
): Promise<StoreRepair[]> {
  const stores: Record<string, InteractionStorage> = {
    ...openStores(paths, events, config),
    // Written by earlier versions (system prompts keyed by persona alone); repaired, not read.
    system_prompts: new InteractionStorage(paths.personas, { idKey: "persona_id", prefix: "system_prompts" }),
  };
  const done: StoreRepair[] = [];
  for (const [name, store] of Object.entries(stores)) {
    const report = await store.repair();
    await store.close();
    if (report.quarantined + report.newlines > 0)
      done.push({ store: name, dir: store.dir, quarantined: report.quarantined, newlines: report.newlines });
  }
  return done;
}
