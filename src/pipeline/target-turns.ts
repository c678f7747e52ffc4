import type { PersonaFeatures } from "../persona/persona.js";
import type { Rng } from "../rng/random.js";

/**
 * The part of the `min_turns..max_turns` range a persona's conversations are planned in, by its
 * `follow_up_tendency` (either bank's spelling): a one-shot user's conversations are short, an
 * exhaustive one's long. Fractions of the range, low and high end.
 */
const SPAN_BY_TENDENCY: Readonly<Record<string, readonly [number, number]>> = {
  one_shot: [0, 0.34],
  occasional: [0.2, 0.6],
  occasional_followup: [0.2, 0.6],
  iterative: [0.4, 0.85],
  exhaustive: [0.67, 1],
  deep_dive: [0.67, 1],
};

/**
 * A conversation's planned length: drawn from the part of `min..max` the persona's follow-up tendency
 * gives (the whole range when the persona has none, or one this table does not know).
 */
export function targetTurnsFor(features: PersonaFeatures, min: number, max: number, rng: Rng): number {
  const span = SPAN_BY_TENDENCY[String(features.follow_up_tendency ?? "")];
  if (span === undefined || max <= min) return rng.intBetween(min, max);
  const width = max - min;
  return rng.intBetween(min + Math.round(span[0] * width), min + Math.round(span[1] * width));
}
