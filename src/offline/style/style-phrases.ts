import { z } from "zod";
import { loadDataJson } from "../../util/data-json.js";

/**
 * Phrase banks of the offline style transfer, from data/offline/style-phrases.json. A phrase never
 * carries content of its own that changes the request. Read once, when this module is first imported.
 */

/** Casual (formality ≤ 1), neutral (2) or formal (≥ 3) wording. */
export type Register = "casual" | "neutral" | "formal";

/**
 * An opener and how it joins the request: `comma` lower-cases a common first word after it
 * ("hey, how do I …"), `colon` keeps it, `sentence` stands alone.
 */
export interface Opener {
  text: string;
  join: "comma" | "colon" | "sentence";
}

const lines = z.array(z.string().min(1)).min(1);
const byRegister = z.object({ casual: lines, neutral: lines, formal: lines });
const opener = z.object({ text: z.string().min(1), join: z.enum(["comma", "colon", "sentence"]) });
const openers = z.array(opener).min(1);
const ASK_KEYS = [
  "stepByStep",
  "reasoning",
  "examples",
  "bullets",
  "steps",
  "table",
  "sources",
  "detail",
  "followUp",
  "brief",
] as const;
const urgency = z.object({ prefix: lines, inline: lines, tail: lines, sentence: lines });

const StylePhrases = z.object({
  openers: z.object({
    very_casual: openers,
    casual: openers,
    neutral: openers,
    formal: openers,
    very_formal: openers,
  }),
  closings: byRegister,
  courtesy_openers: byRegister,
  urgency: z.object({ casual: urgency, neutral: urgency, formal: urgency }),
  critical: byRegister,
  scenario_sentences: z.record(z.string(), lines),
  asks: z.record(z.enum(ASK_KEYS), lines),
  tone_markers: z.record(
    z.string(),
    z.object({ greeting: lines.optional(), question: lines.optional(), sentence: lines.optional() }),
  ),
  novice_notes: byRegister,
  casual_asides: z.record(z.string(), lines),
  emoji: z.record(z.string(), lines),
});

const PHRASES = loadDataJson(StylePhrases, "offline", "style-phrases.json");

/** Openers by register; `very_casual` and `very_formal` for the ends of the scale. */
export const OPENERS: Readonly<Record<Register | "very_casual" | "very_formal", readonly Opener[]>> =
  PHRASES.openers;
/** Polite closings by register. */
export const CLOSINGS: Readonly<Record<Register, readonly string[]>> = PHRASES.closings;
/** Extra courtesy at the start for very polite users. */
export const COURTESY_OPENERS: Readonly<Record<Register, readonly string[]>> = PHRASES.courtesy_openers;
/**
 * Urgency markers: for short messages a `prefix`, an `inline` word before the final mark or a `tail`
 * after it; for longer ones an extra `sentence`.
 */
export const URGENCY: Readonly<
  Record<
    Register,
    {
      prefix: readonly string[];
      inline: readonly string[];
      tail: readonly string[];
      sentence: readonly string[];
    }
  >
> = PHRASES.urgency;
/** Critical urgency: stronger than {@link URGENCY}. */
export const CRITICAL: Readonly<Record<Register, readonly string[]>> = PHRASES.critical;
/** Situation sentences by scenario (written neutral; register rules adjust them). */
export const SCENARIO_SENTENCES: Readonly<Record<string, readonly string[]>> = PHRASES.scenario_sentences;
/** Brief asks about the answer's shape, keyed by the trait they come from. */
export const ASKS: Readonly<Record<(typeof ASK_KEYS)[number], readonly string[]>> = PHRASES.asks;
/**
 * Tone markers by tone word. `greeting` opens the message, `question` goes in front of a question
 * ("Sorry if this is a silly question, but how …?"), `sentence` closes the message.
 */
export const TONE_MARKERS: Readonly<
  Record<
    string,
    {
      greeting?: readonly string[] | undefined;
      question?: readonly string[] | undefined;
      sentence?: readonly string[] | undefined;
    }
  >
> = PHRASES.tone_markers;
/** Said by novices about a technical request. */
export const NOVICE_NOTES: Readonly<Record<Register, readonly string[]>> = PHRASES.novice_notes;
/** Very casual asides (with the contractions such writers use), by mood. */
export const CASUAL_ASIDES: Readonly<Record<string, readonly string[]>> = PHRASES.casual_asides;
/** Emoji by mood. */
export const EMOJI: Readonly<Record<string, readonly string[]>> = PHRASES.emoji;
