import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { PersonaFeatures } from "../../src/persona/persona.js";
import { UPSTREAM } from "../helpers/paths.js";

/** Paths and personas shared by the offline-generator tests. */

export const BUNDLED_BANK = fileURLToPath(new URL("../../data/persona_bank.yaml", import.meta.url));
export const UPSTREAM_BANK = `${UPSTREAM}persona.yaml`;

export interface SeedQuery {
  id: string;
  domain: string;
  query: string;
}

/** The bundled seed queries (data/seed_queries.jsonl). */
export function seedQueries(): SeedQuery[] {
  const path = fileURLToPath(new URL("../../data/seed_queries.jsonl", import.meta.url));
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as SeedQuery);
}

/** Five contrasting personas (bundled bank spellings). */
export const PERSONAS: Readonly<Record<string, PersonaFeatures>> = {
  formal_lawyer: {
    role: "lawyer",
    seniority: "senior",
    industry: "legal_services",
    formality_level: "very_formal",
    tone_pref: "formal",
    politeness: "polite",
    query_length_pref: "long",
    length_pref: "detailed",
    explanation_depth: "conceptual_deep_dive",
    citation_pref: "formal_citations",
    emoji_use: "never",
    typing_accuracy: "meticulous",
    tech_proficiency: "intermediate",
  },
  casual_teen: {
    role: "student",
    age_band: "under_18",
    formality_level: "very_casual",
    tone_pref: "playful",
    politeness: "neutral",
    query_length_pref: "short",
    emoji_use: "frequent",
    typing_accuracy: "frequent_typos",
    tech_proficiency: "basic",
  },
  rushed_expert: {
    role: "software_engineer",
    seniority: "senior",
    tech_proficiency: "expert",
    formality_level: "casual",
    tone_pref: "blunt",
    politeness: "curt",
    query_length_pref: "very_short",
    time_sensitivity: "critical",
    scenario: "in_a_rush",
    emoji_use: "never",
    typing_accuracy: "mostly_clean",
  },
  polite_retiree: {
    role: "retiree",
    age_band: "65_plus",
    formality_level: "formal",
    tone_pref: "warm",
    politeness: "very_polite",
    tech_proficiency: "novice",
    query_length_pref: "medium",
    emoji_use: "never",
    typing_accuracy: "mostly_clean",
  },
  neutral_marketer: {
    role: "marketer",
    seniority: "mid_level",
    formality_level: "neutral",
    tone_pref: "friendly",
    politeness: "neutral",
    tech_proficiency: "intermediate",
    query_length_pref: "medium",
    emoji_use: "rare",
  },
};

/** Twenty varied seed queries: code, error messages, numbers, quotes, short and long. */
export const VARIED_QUERY_IDS = [
  "q0002",
  "q0006",
  "q0022",
  "q0050",
  "q0058",
  "q0085",
  "q0112",
  "q0128",
  "q0136",
  "q0166",
  "q0208",
  "q0220",
  "q0227",
  "q0244",
  "q0297",
  "q0325",
  "q0352",
  "q0456",
  "q0460",
  "q0492",
];

/**
 * The sentence of a request that asks (its last question, else its first imperative, else its last
 * sentence). A short rewrite
 * keeps this one and may drop the side details around it, as a person writing briefly would.
 */
export function askingSentence(query: string): string {
  const sentences = query.split(/(?<=[.?!])\s+(?=[A-Z])/).filter((s) => s.trim() !== "");
  return (
    [...sentences].reverse().find((s) => s.trim().endsWith("?")) ??
    sentences.find((s) => ASKING_VERB.test(s)) ??
    sentences.at(-1) ??
    query
  );
}

const ASKING_VERB =
  /^(?:please\s+)?(?:explain|write|draft|give|suggest|recommend|create|make|plan|compare|summari[sz]e|list|help|design|translate|review|critique|improve|rewrite|convert|solve|prove|propose|brainstorm|outline|build|find|tell|show|describe|calculate|estimate|check|proofread|refactor|integrate|clean)\b/i;

/**
 * The share of {@link keptMeaning} a rewrite must keep: a very short one (3–15 words) may drop a
 * detail of its question ("… in five years"). The original tool's real-LLM rewrites keep a quarter
 * of the request's words; this still asks the offline engine for most of the question's.
 */
export function keptShareFor(target: string): number {
  return target === "very_short" ? 0.6 : 0.8;
}

/**
 * The meaning a rewrite must keep for its target length: the whole request for a medium or long one,
 * the sentence that asks for a short one (see {@link askingSentence}), its first question for a very
 * short one.
 */
export function keptMeaning(query: string, target: string): string {
  if (target === "short") return askingSentence(query);
  // A very short one asks one thing: the first of two joined questions ("…, and should I …?").
  if (target === "very_short") return askingSentence(query).split(/,\s+(?:and|but|or)\s+/)[0] ?? query;
  return query;
}
