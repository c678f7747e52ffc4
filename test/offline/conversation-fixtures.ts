import { readFileSync } from "node:fs";
import { join } from "node:path";
import { offlineAssistantReply } from "../../src/offline/assistant/assistant-reply.js";
import { offlineUserTurn } from "../../src/offline/user/user-simulator.js";
import { createRng } from "../../src/rng/random.js";
import { ROOT } from "../helpers/paths.js";

/** The bundled seed queries, as text. */
export function seedQueries(): string[] {
  return readFileSync(join(ROOT, "data/seed_queries.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => (JSON.parse(line) as { query: string }).query);
}

type Features = Record<string, string | number | boolean | null>;

/** Six contrasting personas (features as the bundled bank spells them). */
export const PERSONAS: Readonly<Record<string, Features>> = {
  blunt_expert_in_a_rush: {
    role: "software_engineer",
    seniority: "senior",
    tech_proficiency: "expert",
    tone_pref: "blunt",
    politeness: "curt",
    formality_level: "casual",
    time_sensitivity: "critical",
    scenario: "in_a_rush",
    error_tolerance: "very_low",
    query_length_pref: "very_short",
    length_pref: "terse",
    follow_up_tendency: "iterative",
    emoji_use: "never",
  },
  polite_novice_retiree: {
    role: "retiree",
    age_band: "65_plus",
    tech_proficiency: "novice",
    ai_familiarity: "first_time",
    politeness: "very_polite",
    tone_pref: "warm",
    formality_level: "neutral",
    time_sensitivity: "relaxed",
    error_tolerance: "high",
    follow_up_tendency: "iterative",
    query_length_pref: "long",
    emoji_use: "never",
  },
  casual_teen_with_emoji: {
    role: "student",
    age_band: "under_18",
    formality_level: "very_casual",
    tone_pref: "playful",
    emoji_use: "frequent",
    tech_proficiency: "intermediate",
    follow_up_tendency: "occasional",
    query_length_pref: "short",
    politeness: "neutral",
    error_tolerance: "moderate",
  },
  formal_lawyer: {
    role: "lawyer",
    seniority: "senior",
    industry: "legal_services",
    formality_level: "very_formal",
    tone_pref: "formal",
    politeness: "polite",
    format_pref_primary: "table",
    explanation_depth: "conceptual_deep_dive",
    follow_up_tendency: "occasional",
    emoji_use: "never",
    error_tolerance: "moderate",
  },
  one_shot_tester: {
    follow_up_tendency: "one_shot",
    query_length_pref: "short",
    tone_pref: "direct",
    tech_proficiency: "advanced",
    error_tolerance: "moderate",
  },
  iterative_researcher: {
    role: "researcher",
    follow_up_tendency: "exhaustive",
    explanation_depth: "first_principles",
    example_pref: "several_examples",
    detail_orientation: "exhaustive",
    tech_proficiency: "advanced",
    formality_level: "neutral",
    politeness: "polite",
    time_sensitivity: "relaxed",
    error_tolerance: "high",
  },
};

/** One simulated user turn as the conversation saw it. */
export interface TurnRecord {
  turn: number;
  target: number;
  satisfied: boolean;
  gaveUp: boolean;
  feedback: string | null;
}

/** A conversation: the query, the turns, and the system prompt used. */
export interface Conversation {
  query: string;
  turns: TurnRecord[];
}

/**
 * Runs one offline conversation the way the interaction loop does: the assistant answers, the user
 * reacts, until the user is satisfied, gives up, or `maxTurns` replies were given.
 */
export function runConversation(
  features: Features,
  query: string,
  seed: string,
  targetTurns: number,
  maxTurns = 6,
  system = "",
): Conversation {
  const rng = createRng(7, seed, "conversation");
  const chat: Array<{ role: "system" | "user" | "assistant"; content: string }> = system
    ? [{ role: "system", content: system }]
    : [];
  const history: Array<{ role: "user" | "assistant"; content: string }> = [{ role: "user", content: query }];
  chat.push({ role: "user", content: query });
  const turns: TurnRecord[] = [];
  for (let turn = 1; turn <= maxTurns; turn++) {
    const reply = offlineAssistantReply({ messages: chat, model: "offline-v1" }, rng);
    chat.push({ role: "assistant", content: reply });
    history.push({ role: "assistant", content: reply });
    const out = offlineUserTurn({ features, history, lastReply: reply, currentTurn: turn, targetTurns }, rng);
    turns.push({
      turn,
      target: targetTurns,
      satisfied: out.satisfied,
      gaveUp: out.gave_up === true,
      feedback: out.feedback,
    });
    if (out.satisfied || out.gave_up === true || out.feedback === null) break;
    chat.push({ role: "user", content: out.feedback });
    history.push({ role: "user", content: out.feedback });
  }
  return { query, turns };
}

const POLITE =
  /\b(?:please|thanks|thank you|thx|could you|would you|would it be possible|appreciate|sorry)\b/i;
const EMOJI = /\p{Extended_Pictographic}/u;

/** Style measures over a set of user messages. */
export interface StyleStats {
  messages: number;
  politeRate: number;
  emojiRate: number;
  avgLength: number;
  lowercaseStartRate: number;
}

/** Measures the style of user messages. */
export function styleOf(messages: readonly string[]): StyleStats {
  const n = Math.max(1, messages.length);
  let polite = 0;
  let emoji = 0;
  let length = 0;
  let lower = 0;
  for (const m of messages) {
    if (POLITE.test(m)) polite++;
    if (EMOJI.test(m)) emoji++;
    length += m.length;
    if (/^[a-z]/.test(m)) lower++;
  }
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    messages: messages.length,
    politeRate: round(polite / n),
    emojiRate: round(emoji / n),
    avgLength: round(length / n),
    lowercaseStartRate: round(lower / n),
  };
}
