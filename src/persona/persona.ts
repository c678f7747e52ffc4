import { contentId } from "../util/hash.js";

/** A persona feature value: banks hold strings; the original tool's files sometimes hold YAML-coerced numbers. */
export type FeatureValue = string | number | boolean | null;

/**
 * A persona's features, dimension name → value: what the sampler draws ({@link Persona.features}), what
 * an Interaction record keeps and what every operation (online or offline) reads.
 */
export type PersonaFeatures = Readonly<Record<string, FeatureValue>>;

/** One sampled persona: its features (dimension → value) and how it was sampled. */
export interface Persona {
  /** `persona_` + 16 hex of SHA-256 of the canonical features: see {@link personaIdFor}. */
  persona_id: string;
  /** Dimension name → value, in persona-bank order. */
  features: Record<string, string>;
  metadata: PersonaMetadata;
}

/** How a persona came to be: kept with the persona so a dataset explains itself. */
export interface PersonaMetadata {
  /** The sampling strategy that produced it (`random`, `stratified`, `custom`, `coverage`). */
  strategy: string;
  feature_count: number;
  /** How many of its dimensions are constraint dimensions (`is_constraint: true`). */
  constraint_count: number;
  /** Candidates drawn before this one was accepted (1 = the first was accepted). */
  attempts: number;
  /** True when no candidate reached `min_hamming_distance` and the best one was accepted anyway. */
  diversity_relaxed: boolean;
}

/**
 * The content-derived id of a feature dict: equal features (in any key order) always give the same
 * id, so a rerun never mints a persona it already knows under a new id.
 */
export function personaIdFor(features: Readonly<Record<string, string>>): string {
  return contentId("persona", features, 16);
}
