/**
 * The original tool's records turned into this tool's stored records. Its InteractionStorage wrote
 * one file per conversation in one of two shapes: a TrainingSample dict when it had a collector
 * (`sample_id`, `full_conversation`, …; the noise under `metadata.noisy_versions`), an Interaction
 * dict otherwise (`interaction_id`, `messages`, …). Its persona files are `{persona_id, features,
 * system_prompt, metadata}`. Nothing it wrote is dropped: unknown keys stay on the record.
 */

import { promptId } from "../persona/persona-stores.js";

type Json = Record<string, unknown>;

/** A converted record, or why the value cannot be one. */
export type Converted<T> = { ok: true; value: T } | { ok: false; reason: string };

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value !== "";
}

/**
 * An interaction record from either shape, carrying `generation` and, when the file lacks one, the
 * `query_id` the original's index gives. `sample_id` is the id the original gave its sample (its
 * collector named a sample after its interaction), so exports keep it.
 */
export function interactionFromOriginal(
  value: unknown,
  generation: string,
  queryIdFromIndex: (id: string) => string | undefined,
): Converted<Json> {
  if (!isObject(value)) return { ok: false, reason: "not a JSON object" };
  let record: Json;
  if (Array.isArray(value.messages)) {
    if (!nonEmptyString(value.interaction_id))
      return { ok: false, reason: "an Interaction without a string interaction_id" };
    record = {
      ...value,
      sample_id: nonEmptyString(value.sample_id) ? value.sample_id : value.interaction_id,
    };
  } else if (nonEmptyString(value.sample_id)) {
    const { sample_id, full_conversation, prompt_trajectory: _derived, ...rest } = value;
    if (!Array.isArray(full_conversation)) {
      return {
        ok: false,
        reason:
          "a TrainingSample without full_conversation (written with include_full_conversation: false): the conversation cannot be rebuilt",
      };
    }
    // The trajectory is the user messages of the conversation: it is derived again on export.
    record = { interaction_id: sample_id, sample_id, ...rest, messages: full_conversation };
  } else {
    return {
      ok: false,
      reason:
        "neither an Interaction (interaction_id, messages) nor a TrainingSample (sample_id, full_conversation)",
    };
  }
  if (record.metadata !== undefined && !isObject(record.metadata))
    return { ok: false, reason: "metadata is not an object" };
  const metadata: Json = { ...((record.metadata as Json | undefined) ?? {}) };
  if (metadata.query_id === undefined || metadata.query_id === null) {
    const fromIndex = queryIdFromIndex(record.interaction_id as string);
    if (fromIndex !== undefined) metadata.query_id = fromIndex;
  }
  metadata.generation = generation;
  return { ok: true, value: { ...record, metadata } };
}

/** A persona and, when it had one, its system prompt: the records of the persona stores. */
export interface PersonaRecords {
  persona: Json;
  prompt: Json | undefined;
}

/** The persona store's records from one of the original's persona files. */
export function personaFromOriginal(value: unknown, generation: string): Converted<PersonaRecords> {
  if (!isObject(value)) return { ok: false, reason: "not a JSON object" };
  const { persona_id, features, system_prompt, metadata, ...rest } = value;
  if (!nonEmptyString(persona_id)) return { ok: false, reason: "no string persona_id" };
  if (!isObject(features)) return { ok: false, reason: "features is not an object" };
  const scalar = (v: unknown) => v === null || ["string", "number", "boolean"].includes(typeof v);
  const bad = Object.entries(features).find(([, v]) => !scalar(v));
  if (bad) return { ok: false, reason: `feature "${bad[0]}" is not a single value` };
  if (metadata !== undefined && !isObject(metadata))
    return { ok: false, reason: "metadata is not an object" };
  return {
    ok: true,
    value: {
      persona: { persona_id, features, ...rest, metadata: { ...(metadata ?? {}), generation } },
      prompt: nonEmptyString(system_prompt)
        ? { prompt_id: promptId(persona_id, generation), persona_id, generation, system_prompt }
        : undefined,
    },
  };
}
