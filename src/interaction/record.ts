import { z } from "zod";
import type { FeatureValue } from "../persona/persona.js";

/**
 * The Interaction record: one finished conversation as the store keeps it. The shape is the original
 * tool's (so its files stay readable), with a few optional additions; unknown metadata is preserved.
 */

/** Why a conversation ended. */
export const TERMINATION_REASONS = ["satisfied", "max_turns", "gave_up", "error"] as const;
export type TerminationReason = (typeof TERMINATION_REASONS)[number];

/** A persona feature value: the original tool wrote strings, and sometimes YAML-coerced numbers. */
export const FeatureValueSchema: z.ZodType<FeatureValue> = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
]);
export const PersonaFeaturesSchema = z.record(z.string(), FeatureValueSchema);

/** One chat message; `metadata` says for a user message whether it is the initial query or a follow-up. */
export const MessageSchema = z.looseObject({
  role: z.enum(["system", "user", "assistant"]),
  content: z.string(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type Message = z.output<typeof MessageSchema>;

/** One noisy rendering of a user text, as the distractor stage records it. */
export const NoisyVersionSchema = z.looseObject({
  noisy_text: z.string(),
  noise_type: z.string(),
  applied_strategies: z.array(z.string()).default([]),
});
export type NoisyVersionRecord = z.output<typeof NoisyVersionSchema>;

export const NoisyVersionsSchema = z.looseObject({
  initial_query: z
    .looseObject({
      clean_query: z.string().optional(),
      noisy_versions: z.array(NoisyVersionSchema).default([]),
    })
    .optional(),
  followups: z
    .array(
      z.looseObject({
        turn: z.number().int().min(0),
        clean_feedback: z.string().optional(),
        noisy_versions: z.array(NoisyVersionSchema).default([]),
        used_version: z.string().optional(),
      }),
    )
    .default([]),
});
export type NoisyVersions = z.output<typeof NoisyVersionsSchema>;

/**
 * Interaction metadata. The original tool wrote `null` for what it did not have (`query_id`,
 * `assistant_model`, and `noisy_versions` / `semantic_noise` when nothing was noised): null means none.
 */
export const InteractionMetadataSchema = z.looseObject({
  query_id: z.string().nullable().optional(),
  termination_reason: z.enum(TERMINATION_REASONS).optional(),
  assistant_model: z.looseObject({ provider: z.string(), model: z.string() }).nullable().optional(),
  distractor_applied: z.boolean().optional(),
  noisy_versions: NoisyVersionsSchema.nullable().optional(),
  created_at: z.string().optional(),
});

export const InteractionSchema = z.looseObject({
  interaction_id: z.string().min(1),
  /** The id its sample had in the original tool (imported records); exports keep it. */
  sample_id: z.string().min(1).optional(),
  persona_id: z.string().min(1),
  persona_features: PersonaFeaturesSchema.default({}),
  original_query: z.string(),
  initial_query: z.string(),
  messages: z.array(MessageSchema),
  num_turns: z.number().int().min(0),
  metadata: InteractionMetadataSchema.prefault({}),
});

/** A validated Interaction record. */
export type Interaction = z.output<typeof InteractionSchema>;
/** An Interaction as written (optional parts may be absent). */
export type InteractionInput = z.input<typeof InteractionSchema>;

/**
 * `metadata.generation` of records brought in by `personasynth import`: `import_` and 12 hex of a
 * hash of the source files, so they are told apart from generated ones.
 */
export function importGeneration(sourceHashHex: string): string {
  return `import_${sourceHashHex.slice(0, 12)}`;
}

/** True for a record brought in by `personasynth import` (see {@link importGeneration}). */
export function isImported(metadata: Readonly<Record<string, unknown>> | null | undefined): boolean {
  const generation = metadata?.generation;
  return typeof generation === "string" && /^import_[0-9a-f]{12}$/.test(generation);
}
