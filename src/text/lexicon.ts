import { z } from "zod";
import { loadDataJson } from "../util/data-json.js";

/**
 * Word tables of the offline style transfer, from data/offline/lexicon.json: contractions,
 * text-speak abbreviations, the small plain-wording ↔ jargon table and the paraphrases. The meaning check
 * (meaning-overlap.ts) reads the same tables so that a rewrite using them is not counted as losing
 * words. Read once, when this module is first imported.
 */

const word = z.string().min(1);
const pair = z.tuple([word, word]);

const Lexicon = z.object({
  contractions: z.array(pair),
  have_contraction_next: z.array(word),
  expansions: z.record(z.string(), word),
  abbreviations: z.array(pair),
  jargon: z.array(z.object({ plain: word, expert: word, direction: z.enum(["both", "expert", "plain"]) })),
  abbreviation_context: z.record(z.string(), word),
  paraphrases: z.array(pair),
  request_equivalents: z.array(pair),
});

const LEXICON = loadDataJson(Lexicon, "offline", "lexicon.json");

/** Expanded form → contraction. Multi-word forms only; matched on word boundaries. */
export const CONTRACTIONS: ReadonlyArray<readonly [string, string]> = LEXICON.contractions;

/** "I have", "we have", "they have" contract only before these words ("I've tried", not "I've a dog"). */
export const HAVE_CONTRACTION_NEXT: ReadonlySet<string> = new Set(LEXICON.have_contraction_next);

/** Contraction → expanded form, for formal rewrites (lower-case keys; both apostrophes accepted). */
export const EXPANSIONS: Readonly<Record<string, string>> = LEXICON.expansions;

/**
 * Text-speak for very casual writers: phrase → abbreviation. Longer phrases first, so "thank you"
 * wins over "you". "thanks" and "thank you" only as an interjection ("thanks!", "thanks in advance"),
 * never as a verb ("that thanks my manager").
 */
export const ABBREVIATIONS: ReadonlyArray<readonly [string, string]> = LEXICON.abbreviations;

/**
 * Plain wording ↔ jargon. `both`: experts get the right side, novices the left; `expert`: only
 * towards jargon (a novice would not expand an acronym they know); `plain`: only towards plain words.
 */
export const JARGON: ReadonlyArray<{
  plain: string;
  expert: string;
  direction: "both" | "expert" | "plain";
}> = LEXICON.jargon;

/** Where an abbreviation may be used: a lookahead (regular expression) that must follow the phrase. */
export const ABBREVIATION_CONTEXT: Readonly<Record<string, string>> = LEXICON.abbreviation_context;

/**
 * Paraphrases the style transfer rewords a request with: word or phrase → an alternative that means
 * the same in any sentence it can occur in ("tips" → "pointers", "get rid of" → "eliminate").
 */
export const PARAPHRASES: ReadonlyArray<readonly [string, string]> = LEXICON.paraphrases;

/**
 * Word pairs the meaning check treats as the same word: every text-speak abbreviation, every jargon
 * pair and every paraphrase (phrases on either side).
 */
export const EQUIVALENT_PHRASES: ReadonlyArray<readonly [string, string]> = [
  ...ABBREVIATIONS.map(([long, short]) => [long, short] as const),
  ...JARGON.map(({ plain, expert }) => [plain, expert] as const),
  ...PARAPHRASES,
  // The request verbs the style transfer's frames replace ("explain" → "walk me through").
  ...LEXICON.request_equivalents,
];
