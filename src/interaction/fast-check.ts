import { type Interaction, TERMINATION_REASONS } from "./record.js";

/**
 * A fast structural check of an Interaction record for the common case — a record this tool wrote,
 * every optional part either absent or complete. It accepts exactly what InteractionSchema accepts
 * without needing a default filled in, and returns undefined for anything else, which then goes through
 * the zod schema (for its defaults and its precise error messages). Exports read every stored record,
 * and the schema costs about 50 µs per record; this check costs a few.
 */
export function fastInteraction(value: unknown): Interaction | undefined {
  if (!isObject(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (!nonEmpty(v.interaction_id) || !nonEmpty(v.persona_id)) return undefined;
  if (v.sample_id !== undefined && !nonEmpty(v.sample_id)) return undefined;
  if (typeof v.original_query !== "string" || typeof v.initial_query !== "string") return undefined;
  if (!Number.isInteger(v.num_turns) || (v.num_turns as number) < 0) return undefined;
  if (!isObject(v.persona_features) || !Object.values(v.persona_features).every(isFeatureValue))
    return undefined;
  if (!Array.isArray(v.messages) || !v.messages.every(isMessage)) return undefined;
  if (!isObject(v.metadata) || !isMetadata(v.metadata as Record<string, unknown>)) return undefined;
  return value as Interaction;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function nonEmpty(value: unknown): boolean {
  return typeof value === "string" && value.length > 0;
}

function isFeatureValue(value: unknown): boolean {
  return (
    value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean"
  );
}

function isMessage(value: unknown): boolean {
  if (!isObject(value)) return false;
  const role = value.role;
  return (
    (role === "user" || role === "assistant" || role === "system") &&
    typeof value.content === "string" &&
    (value.metadata === undefined || isObject(value.metadata))
  );
}

function optionalString(value: unknown): boolean {
  return value === undefined || typeof value === "string";
}

function isNoisyVersion(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value.noisy_text === "string" &&
    typeof value.noise_type === "string" &&
    Array.isArray(value.applied_strategies) &&
    value.applied_strategies.every((s) => typeof s === "string")
  );
}

function isMetadata(m: Record<string, unknown>): boolean {
  if (!optionalString(m.query_id) || !optionalString(m.created_at)) return false;
  if (
    m.termination_reason !== undefined &&
    !(TERMINATION_REASONS as readonly unknown[]).includes(m.termination_reason)
  )
    return false;
  if (m.distractor_applied !== undefined && typeof m.distractor_applied !== "boolean") return false;
  const model = m.assistant_model;
  if (
    model !== undefined &&
    !(isObject(model) && typeof model.provider === "string" && typeof model.model === "string")
  )
    return false;
  const noisy = m.noisy_versions;
  if (noisy === undefined) return true;
  if (!isObject(noisy) || !Array.isArray(noisy.followups)) return false;
  const initial = noisy.initial_query;
  if (initial !== undefined) {
    if (!isObject(initial) || !optionalString(initial.clean_query)) return false;
    if (!Array.isArray(initial.noisy_versions) || !initial.noisy_versions.every(isNoisyVersion)) return false;
  }
  return noisy.followups.every(
    (f) =>
      isObject(f) &&
      Number.isInteger(f.turn) &&
      (f.turn as number) >= 0 &&
      optionalString(f.clean_feedback) &&
      optionalString(f.used_version) &&
      Array.isArray(f.noisy_versions) &&
      f.noisy_versions.every(isNoisyVersion),
  );
}
