import type { EventSink } from "../events.js";
import { InteractionStorage } from "../interaction/storage.js";

/** The sampled personas of an output directory (`personas-*.jsonl`), one record per persona id. */
export function openPersonaStore(dir: string, events?: EventSink): InteractionStorage {
  return new InteractionStorage(dir, {
    idKey: "persona_id",
    prefix: "personas",
    ...(events ? { events } : {}),
  });
}

/** Their system prompts, beside them (`system_prompts-*.jsonl`), one record per persona id. */
export function openSystemPromptStore(dir: string, events?: EventSink): InteractionStorage {
  return new InteractionStorage(dir, {
    idKey: "persona_id",
    prefix: "system_prompts",
    ...(events ? { events } : {}),
  });
}
