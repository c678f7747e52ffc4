import type { Config } from "../config/schema.js";
import type { LlmService } from "../llm/llm-service.js";
import type { RunSeed } from "../rng/random.js";
import type { Clock } from "../util/clock.js";
import type { QueryRecord } from "./execute-item.js";
import type { RunInputs } from "./inputs.js";
import type { ItemDepsSources } from "./item-deps.js";
import type { Plan } from "./plan.js";
import type { Stores } from "./stores.js";
import { type SystemPromptResult, SystemPrompts } from "./system-prompts.js";

/** Loads what the items need from the stores (prompts and query records stored by earlier runs). */
export async function itemSources(args: {
  config: Config;
  inputs: RunInputs;
  llm: LlmService;
  clock: Clock;
  plan: Plan;
  stores: Stores;
  remaining: Plan["items"];
  runSeed: RunSeed;
}): Promise<ItemDepsSources> {
  const { config, plan, stores, remaining } = args;
  const formulating = config.experiment.stages.persona_generation && config.formulation.enabled;
  const storedPrompts = formulating
    ? await SystemPrompts.load(stores.prompts, plan.generation, new Set(remaining.map((i) => i.persona_id)))
    : new Map<string, SystemPromptResult>();
  const itemIds = new Set(remaining.map((i) => i.item_id));
  const storedQueries = new Map<string, QueryRecord>();
  for await (const record of stores.queries) {
    if (itemIds.has(record.item_id as string))
      storedQueries.set(record.item_id as string, record as unknown as QueryRecord);
  }
  return {
    config,
    generation: plan.generation,
    inputs: args.inputs,
    llm: args.llm,
    clock: args.clock,
    runSeed: args.runSeed,
    personas: new Map(plan.personas.map((p) => [p.persona_id, p])),
    items: remaining,
    storedPrompts,
    storedQueries,
    promptStore: stores.prompts,
    queryStore: stores.queries,
  };
}
