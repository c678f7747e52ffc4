import type { Config } from "../config/schema.js";
import { createRng, type RunSeed } from "../rng/random.js";
import { type ModelRef, modelRef } from "./model-ref.js";

/**
 * The assistant for one conversation: drawn once from the weighted `model_pool` (seeded by the
 * conversation id, so a rerun draws the same), or the single `assistant_model`.
 */
export function assistantModelFor(config: Config, runSeed: RunSeed, conversationId: string): ModelRef {
  const assistant = config.interaction_generation.assistant_model;
  const pool = assistant.model_pool;
  if (!pool || pool.length === 0) return modelRef(config, assistant);
  const rng = createRng(runSeed, conversationId, "assistant-model");
  const { inference, ...entry } = rng.weighted(pool, (e) => e.weight);
  return modelRef(config, entry, inference, { ...assistant, provider: entry.provider, model: entry.model });
}
