/**
 * Value spellings of both persona banks (the bundled `data/persona_bank.yaml` and the original tool's
 * `persona.yaml`), plus common synonyms, mapped onto small ordinal scales. The offline engine reads
 * personas through these tables so that `very_formal`, `highly_formal` and `Very formal` mean the
 * same thing, and so that a value neither bank knows still lands on a sensible level when it can.
 */

/** A value as it appears in a persona's features. */
import type { FeatureValue } from "../../persona/persona.js";

export type { FeatureValue };

/** The words treated as "no concrete value": the trait falls back to its default. */
const PLACEHOLDERS = new Set(["", "others", "other", "unknown", "unspecified", "n_a", "na", "null", "any"]);

/**
 * A value reduced to a lookup key: trimmed, lower-cased, spaces and hyphens turned into
 * underscores. Placeholders (`others`, `unknown`, empty) and non-text values give `undefined`.
 */
export function valueKey(value: FeatureValue | undefined): string | undefined {
  if (typeof value !== "string") return undefined;
  const key = value
    .trim()
    .toLowerCase()
    .replace(/[\s/-]+/g, "_")
    .replace(/[^a-z0-9_+]/g, "")
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "");
  return PLACEHOLDERS.has(key) ? undefined : key;
}

/** An ordinal scale: spelling → level, and the highest level. */
export interface Scale {
  readonly max: number;
  readonly levels: Readonly<Record<string, number>>;
}

const INTENSIFIERS = /^(very|highly|extremely|super|really|ultra)_/;
const SOFTENERS = /^(somewhat|slightly|fairly|mildly|a_bit|kind_of|semi)_/;

/**
 * Reads a value on a scale. Exact spellings first; then an intensifier (`very_`, `highly_`) moves a
 * known level one step further from the middle and a softener (`somewhat_`, `slightly_`) one step
 * towards it; then the longest known spelling contained in the value. An integer within the scale is
 * taken as the level itself (some configs write `formality_level: 3`); `true`/`false` mean the top
 * and the bottom. Anything else gives `undefined`.
 */
export function readScale(value: FeatureValue | undefined, scale: Scale): number | undefined {
  if (typeof value === "number")
    return Number.isInteger(value) && value >= 0 && value <= scale.max ? value : undefined;
  if (typeof value === "boolean") return value ? scale.max : 0;
  const key = valueKey(value);
  if (key === undefined) return undefined;
  const exact = scale.levels[key];
  if (exact !== undefined) return exact;
  const middle = scale.max / 2;
  const strong = INTENSIFIERS.exec(key);
  if (strong) {
    const base = readScale(key.slice(strong[0].length), scale);
    if (base !== undefined) return clamp(base + Math.sign(base - middle || 1), 0, scale.max);
  }
  const soft = SOFTENERS.exec(key);
  if (soft) {
    const base = readScale(key.slice(soft[0].length), scale);
    if (base !== undefined) return clamp(base - Math.sign(base - middle), 0, scale.max);
  }
  let best: { length: number; level: number } | undefined;
  for (const [spelling, level] of Object.entries(scale.levels)) {
    if (
      spelling.length >= 3 &&
      key.includes(spelling) &&
      (best === undefined || spelling.length > best.length)
    )
      best = { length: spelling.length, level };
  }
  return best?.level;
}

/** Reads a categorical value through an alias table; unknown spellings give `undefined`. */
export function readCategory<T extends string>(
  value: FeatureValue | undefined,
  aliases: Readonly<Record<string, T>>,
): T | undefined {
  const key = valueKey(value);
  return key === undefined ? undefined : aliases[key];
}

/** Builds a scale from one space-separated list of spellings per level, lowest level first. */
export function scale(spellingsPerLevel: readonly string[]): Scale {
  const levels: Record<string, number> = {};
  spellingsPerLevel.forEach((spellings, level) => {
    for (const spelling of spellings.split(" ")) if (spelling !== "") levels[spelling] = level;
  });
  return { max: spellingsPerLevel.length - 1, levels };
}

/** Clamps a number into `[lo, hi]`. */
export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** Formality: 0 very casual · 1 casual · 2 neutral · 3 formal · 4 very formal. */
export const FORMALITY: Scale = scale([
  "very_casual slang text_speak street",
  "casual informal relaxed chatty conversational",
  "neutral business_casual semi_formal standard balanced moderate normal",
  "formal professional businesslike",
  "very_formal highly_formal academic ceremonial legalistic",
]);

/** Technical proficiency: 0 novice · 1 basic · 2 intermediate · 3 advanced · 4 expert. */
export const TECH: Scale = scale([
  "novice beginner none non_technical nontechnical low newbie",
  "basic elementary limited some",
  "intermediate moderate average medium competent",
  "advanced proficient high skilled strong",
  "expert power_user guru very_high specialist",
]);

/** The user's own message length, as a target-length label. */
export const QUERY_LENGTHS = ["very_short", "short", "medium", "long"] as const;
/** A target length for a user message. */
export type QueryLength = (typeof QUERY_LENGTHS)[number];

/** Query length: 0 very short · 1 short · 2 medium · 3 long. */
export const QUERY_LENGTH: Scale = scale([
  "very_short terse minimal one_liner tiny",
  "short brief concise",
  "medium moderate standard average normal",
  "long detailed verbose very_long multi_paragraph paragraph elaborate",
]);

/** Preferred answer length: 0 terse · 1 concise · 2 moderate · 3 detailed · 4 exhaustive. */
export const ANSWER_LENGTH: Scale = scale([
  "terse minimal very_short one_liner",
  "concise brief short",
  "moderate standard medium balanced normal",
  "detailed long thorough in_depth",
  "exhaustive very_long comprehensive extensive",
]);

/** Urgency: 0 relaxed · 1 normal · 2 urgent · 3 critical. */
export const URGENCY: Scale = scale([
  "relaxed exploratory leisurely no_rush none low casual",
  "normal moderate medium standard average",
  "urgent somewhat_urgent high time_pressed in_a_rush rushed pressed hurried deadline busy",
  "critical emergency asap immediate very_urgent extremely_urgent",
]);

/** Politeness: 0 curt · 1 neutral · 2 polite · 3 very polite. */
export const POLITENESS: Scale = scale([
  "curt rude blunt terse impolite brusque",
  "neutral normal plain matter_of_fact",
  "polite courteous respectful kind",
  "very_polite deferential extremely_polite gracious",
]);

/** Emoji use: 0 never · 1 rare · 2 occasional · 3 frequent. */
export const EMOJI: Scale = scale([
  "never none no no_emoji",
  "rare rarely seldom low",
  "occasional sometimes moderate medium",
  "frequent often heavy always high lots",
]);

/** Typo level (the inverse of typing accuracy): 0 meticulous · 1 mostly clean · 2 occasional · 3 frequent. */
export const TYPOS: Scale = scale([
  "meticulous perfect flawless proofread very_high excellent",
  "mostly_clean clean good careful high accurate",
  "occasional_typos average moderate some_typos medium occasional",
  "frequent_typos sloppy poor low many_typos very_low frequent careless",
]);

/** Follow-up tendency: 0 one shot · 1 occasional · 2 iterative · 3 exhaustive. */
export const FOLLOW_UP: Scale = scale([
  "one_shot single rarely none",
  "occasional occasional_followup sometimes moderate",
  "iterative frequent often",
  "exhaustive deep_dive persistent relentless",
]);

/** Explanation depth: 0 answer only · 1 brief rationale · 2 step by step · 3 deep dive · 4 first principles. */
export const EXPLANATION: Scale = scale([
  "answer_only none minimal",
  "brief_rationale minimal_context brief light",
  "step_by_step moderate_reasoning moderate",
  "conceptual_deep_dive full_reasoning deep_dive detailed",
  "first_principles teach_me_why exhaustive",
]);

/** Detail orientation: 0 big picture · 1 balanced · 2 detail focused · 3 exhaustive. */
export const DETAIL: Scale = scale([
  "big_picture high_level_only high_level",
  "summary_first balanced",
  "detail_focused detailed",
  "exhaustive exhaustive_detail",
]);

/** Citation preference: 0 none · 1 light pointers · 2 sources for claims · 3 formal citations. */
export const CITATIONS: Scale = scale([
  "none no not_needed",
  "light_pointers nice_to_have optional light",
  "sources_for_claims required sources",
  "formal_citations formal academic",
]);

/** Error tolerance: 0 none · 1 low · 2 moderate · 3 high. */
export const ERROR_TOLERANCE: Scale = scale([
  "zero_tolerance very_low none zero",
  "low",
  "moderate medium average",
  "high very_high forgiving",
]);

/** Familiarity with AI assistants: 0 first time · 1 occasional · 2 regular · 3 power user · 4 builds with LLMs. */
export const AI_FAMILIARITY: Scale = scale([
  "first_time none new",
  "occasional occasional_user weekly",
  "regular regular_user daily",
  "power_user multiple_daily heavy",
  "builds_with_llms developer builder",
]);

/**
 * Seniority: 0 intern · 1 entry level · 2 junior · 3 mid level · 4 senior · 5 staff/lead ·
 * 6 manager · 7 director · 8 executive.
 */
export const SENIORITY: Scale = scale([
  "intern trainee apprentice",
  "entry entry_level graduate",
  "junior",
  "mid mid_level intermediate",
  "senior",
  "staff principal lead team_lead",
  "manager",
  "director director_plus head",
  "executive vp c_level cxo founder",
]);

/** How a seniority level reads in a sentence ("a senior lawyer"), by level. */
export const SENIORITY_LABELS = [
  "intern",
  "entry-level",
  "junior",
  "mid-level",
  "senior",
  "lead",
  "manager-level",
  "director-level",
  "executive-level",
] as const;

/** Spellings whose own wording reads better than their level's label. */
export const SENIORITY_SPELLINGS: Readonly<Record<string, string>> = {
  staff: "staff-level",
  principal: "principal",
  team_lead: "team lead",
  vp: "VP-level",
  c_level: "C-level",
  founder: "founder-level",
  graduate: "graduate",
  trainee: "trainee",
};
