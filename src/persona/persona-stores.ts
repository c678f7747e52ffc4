import type { EventSink } from "../events.js";
import { InteractionStorage, type StorageOptions } from "../interaction/storage.js";

/** The sampled personas of an output directory (`personas-*.jsonl`), one record per persona id. */
export function openPersonaStore(
  dir: string,
  events?: EventSink,
  options: Pick<StorageOptions, "redact"> = {},
): InteractionStorage {
  return new InteractionStorage(dir, {
    idKey: "persona_id",
    prefix: "personas",
    ...(events ? { events } : {}),
    ...options,
  });
}

/**
 * Their system prompts, beside them (`prompts-*.jsonl`), one record per persona and generation
 * ({@link promptId}): a persona sampled again under another configuration gets its prompt from that
 * configuration's template and model. (`system_prompts-*.jsonl`, keyed by persona alone, is what
 * earlier versions wrote; it is no longer read.)
 */
export function openSystemPromptStore(
  dir: string,
  events?: EventSink,
  options: Pick<StorageOptions, "redact"> = {},
): InteractionStorage {
  return new InteractionStorage(dir, {
    idKey: "prompt_id",
    prefix: "prompts",
    ...(events ? { events } : {}),
    ...options,
  });
}

/** A stored system prompt's id: the persona and the generation that formulated it. */
export function promptId(personaId: string, generation: string): string {
  return `${personaId}@${generation}`;
}
