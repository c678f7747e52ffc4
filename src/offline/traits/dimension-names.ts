/**
 * A persona's dimensions under one name each. The bundled bank, the original tool's bank and
 * hand-written personas name the same dimension differently (`formality`, `formality_level`; `age`,
 * `age_group`, `age_band`): the traits are read under the canonical name. Its own file because it is
 * about names, where persona-traits.ts is about values.
 */
import type { PersonaFeatures } from "../../persona/persona.js";
import { type FeatureValue, valueKey } from "./trait-scales.js";

/** Other names a dimension goes by; features are read under their canonical name. */
const DIMENSION_ALIASES: Readonly<Record<string, string>> = {
  formality: "formality_level",
  tone: "tone_pref",
  age: "age_band",
  age_group: "age_band",
  tech: "tech_proficiency",
  technical_proficiency: "tech_proficiency",
  tech_level: "tech_proficiency",
  query_length: "query_length_pref",
  message_length: "query_length_pref",
  urgency: "time_sensitivity",
  emoji: "emoji_use",
  typing: "typing_accuracy",
  format: "format_pref_primary",
  format_pref: "format_pref_primary",
  response_length: "length_pref",
  answer_length: "length_pref",
  occupation: "role",
  job: "role",
  experience_level: "seniority",
  education: "education_level",
  language: "language_background",
  followup_tendency: "follow_up_tendency",
  citations: "citation_pref",
  examples: "example_pref",
  accessibility: "accessibility_need",
};

/** Features under their canonical dimension names; null, empty and `others` values dropped. */
export function canonicalFeatures(features: PersonaFeatures): Map<string, FeatureValue> {
  const out = new Map<string, FeatureValue>();
  for (const [rawName, value] of Object.entries(features)) {
    if (value === null || value === undefined) continue;
    if (typeof value === "string" && valueKey(value) === undefined) continue;
    const name = rawName
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, "_");
    const canonical = DIMENSION_ALIASES[name] ?? name;
    if (!out.has(canonical) || canonical === name) out.set(canonical, value);
  }
  return out;
}
