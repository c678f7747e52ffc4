import { z } from "zod";
import { loadDataJson } from "../../util/data-json.js";

/**
 * Sentence templates of the offline system prompt, from data/offline/system-prompt-phrases.json:
 * several per trait value so that prompts read differently across personas. They address the
 * assistant as "you", describe behaviour rather than an identity, and never quote raw trait values.
 * `{x}` slots are filled by `system-prompt.ts`. Read once, when this module is first imported.
 */

type Variants = readonly string[];

const text = z.string().min(1);
const variants = z.array(text).min(1);
// A level may say nothing (an empty list): the prompt then has no sentence for it.
const levels = z.array(z.array(text)).min(1);

const SystemPromptPhrases = z.object({
  who: variants,
  domain_clause: variants,
  age_phrases: z.record(z.string(), text),
  education_phrases: variants,
  formality: levels,
  tone: z.record(z.string(), text),
  tone_join: variants,
  tech: levels,
  length: levels,
  format: z.record(z.string(), variants),
  depth: levels,
  examples: z.record(z.string(), variants),
  learning: z.record(z.string(), text),
  citations: levels,
  code_style: z.record(z.string(), text),
  urgency: levels,
  scenario: z.record(z.string(), text),
  accessibility: z.record(z.string(), text),
  english: z.record(z.string(), text),
  follow_up: levels,
  errors: levels,
  feedback: z.record(z.string(), text),
  ai_familiarity: levels,
  politeness: levels,
  emoji: levels,
  typos: text,
  query_length: z.record(z.string(), text),
  multi_intent: text,
  risk: z.record(z.string(), text),
  precision: levels,
  autonomy: levels,
  collaboration: z.record(z.string(), text),
  memory: z.record(z.string(), text),
  region: text,
  deliverable: text,
  code_language: text,
  generic: z
    .array(z.object({ text: text, covered: z.object({ pattern: z.string(), flags: z.string() }) }))
    .min(1),
});

const PHRASES = loadDataJson(SystemPromptPhrases, "offline", "system-prompt-phrases.json");

/** Who the user is: `{who}` is "a senior lawyer in legal services" or "someone". */
export const WHO: Variants = PHRASES.who;
/** Appended to the who-sentence: what they usually ask about. */
export const DOMAIN_CLAUSE: Variants = PHRASES.domain_clause;
/** Age groups as a phrase after the role ("a student in their teens"). */
export const AGE_PHRASES: Readonly<Record<string, string>> = PHRASES.age_phrases;
/** Education levels 0..5 as a phrase. */
export const EDUCATION_PHRASES: readonly string[] = PHRASES.education_phrases;
/** Register by formality level 0..4. */
export const FORMALITY: readonly Variants[] = PHRASES.formality;
/** How to pitch the tone, by tone word. */
export const TONE: Readonly<Record<string, string>> = PHRASES.tone;
/** Frames a {@link TONE} clause as a sentence. */
export const TONE_JOIN: Variants = PHRASES.tone_join;
/** Jargon by tech proficiency 0..4. */
export const TECH: readonly Variants[] = PHRASES.tech;
/** Answer length 0..4. */
export const LENGTH: readonly Variants[] = PHRASES.length;
/** Layout by format preference. */
export const FORMAT: Readonly<Record<string, Variants>> = PHRASES.format;
/** Explanation depth 0..4. */
export const DEPTH: readonly Variants[] = PHRASES.depth;
/** Worked examples by example preference. */
export const EXAMPLES: Readonly<Record<string, Variants>> = PHRASES.examples;
/** Learning style. */
export const LEARNING: Readonly<Record<string, string>> = PHRASES.learning;
/** Citation preference 1..3 (0 says nothing). */
export const CITATIONS: readonly Variants[] = PHRASES.citations;
/** Code presentation. */
export const CODE_STYLE: Readonly<Record<string, string>> = PHRASES.code_style;
/** Urgency 0..3 (1 says nothing). */
export const URGENCY: readonly Variants[] = PHRASES.urgency;
/** The situation they usually write in. */
export const SCENARIO: Readonly<Record<string, string>> = PHRASES.scenario;
/** Accessibility needs: hard constraints. */
export const ACCESSIBILITY: Readonly<Record<string, string>> = PHRASES.accessibility;
/** English as a second language. */
export const ENGLISH: Readonly<Record<string, string>> = PHRASES.english;
/** Follow-up tendency 0..3. */
export const FOLLOW_UP: readonly Variants[] = PHRASES.follow_up;
/** Error tolerance 0..3. */
export const ERRORS: readonly Variants[] = PHRASES.errors;
/** How they react when an answer misses. */
export const FEEDBACK: Readonly<Record<string, string>> = PHRASES.feedback;
/** Familiarity with AI assistants 0..4. */
export const AI_FAMILIARITY: readonly Variants[] = PHRASES.ai_familiarity;
/** The user's own politeness 0..3. */
export const POLITENESS: readonly Variants[] = PHRASES.politeness;
/** Emoji use 0..3. */
export const EMOJI: readonly Variants[] = PHRASES.emoji;
/** Frequent typos. */
export const TYPOS: string = PHRASES.typos;
/** Their own message length, at the extremes. */
export const QUERY_LENGTH: Readonly<Record<string, string>> = PHRASES.query_length;
/** Several questions per message. */
export const MULTI_INTENT: string = PHRASES.multi_intent;
/** Risk posture. */
export const RISK: Readonly<Record<string, string>> = PHRASES.risk;
/** Creativity versus precision 0..4. */
export const PRECISION: readonly Variants[] = PHRASES.precision;
/** Autonomy 0..4. */
export const AUTONOMY: readonly Variants[] = PHRASES.autonomy;
/** Who sees their outputs. */
export const COLLABORATION: Readonly<Record<string, string>> = PHRASES.collaboration;
/** Context retention expected. */
export const MEMORY: Readonly<Record<string, string>> = PHRASES.memory;
/** Regional conventions. */
export const REGION: string = PHRASES.region;
/** The deliverable they usually want. */
export const DELIVERABLE: string = PHRASES.deliverable;
/** Preferred programming language. */
export const CODE_LANGUAGE: string = PHRASES.code_language;
/** Closing guidance, used when the persona says little; each is skipped when the prompt already covers it. */
export const GENERIC: ReadonlyArray<{ text: string; covered: RegExp }> = PHRASES.generic.map((g) => ({
  text: g.text,
  covered: new RegExp(g.covered.pattern, g.covered.flags),
}));
