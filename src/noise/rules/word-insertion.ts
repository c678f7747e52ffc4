import type { Token } from "../../text/tokenizer.js";
import { applyReplacements, type Replacement } from "./replacements.js";
import type { RuleContext, RuleResult, RuleStrategy } from "./rule.js";
import { numberParam, phraseList } from "./rule-params.js";
import { caseShape, lowerWord } from "./word-case.js";
import { chooseEach, isEditableWord, tokensOf } from "./word-sites.js";

/** Adverbs that fit between a subject, modal or `to` and the verb after it (`can you just help`). */
const ADVERBS = ["just", "really", "actually", "quickly", "also", "maybe", "kinda", "like"];
/** Words after which a verb usually follows. */
const BEFORE_VERB = new Set([
  "i",
  "you",
  "we",
  "they",
  "to",
  "can",
  "could",
  "would",
  "will",
  "should",
  "please",
  "pls",
  "u",
]);
/** Pronouns and auxiliaries: an adverb before them reads wrong (`can maybe you`, `I kinda am`). */
const NO_ADVERB_BEFORE = new Set([
  "i",
  "you",
  "u",
  "we",
  "they",
  "it",
  "he",
  "she",
  "me",
  "us",
  "them",
  "not",
  "am",
  "is",
  "are",
  "was",
  "were",
  "be",
  "have",
  "has",
  "had",
  "the",
  "a",
  "an",
]);
/** Adjectives that fit after `a` (`a quick email`). */
const AFTER_A = ["quick", "little", "short", "simple"];

interface Gap {
  word: Token;
  previous: string;
  choices: readonly string[];
}

/**
 * `word_insertion`: slips in a plausible extra word: an adverb between a subject, modal or `to` and
 * the next word (`can you help` → `can you just help`, `to write` → `to quickly write`), or an
 * adjective after `a` (`a quick email`). Each gap goes with `params.insertion_rate` (default 0.25 ×
 * intensity), at least one. `params.words` replaces the adverb list.
 */
export const wordInsertion: RuleStrategy = {
  name: "word_insertion",
  apply(text: string, ctx: RuleContext): RuleResult {
    if (ctx.intensity <= 0) return { text, edits: [] };
    const tokens = tokensOf(text, ctx);
    const spans = ctx.protectedSpans;
    const adverbs = phraseList(ctx.params, ["words"]) ?? ADVERBS;
    const gaps: Gap[] = [];
    for (let i = 2; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      const prev = tokens[i - 2] as Token;
      if (tokens[i - 1]?.text !== " " || prev.kind !== "word") continue;
      if (!isEditableWord(t, spans) || caseShape(t.text) !== "lower") continue;
      const previous = lowerWord(prev.text);
      if (BEFORE_VERB.has(previous) && !NO_ADVERB_BEFORE.has(t.text) && !adverbs.includes(t.text))
        gaps.push({ word: t, previous, choices: adverbs });
      else if (previous === "a" && !AFTER_A.includes(t.text))
        gaps.push({ word: t, previous, choices: AFTER_A });
    }
    const rate = numberParam(ctx.params, "insertion_rate", 0.25 * ctx.intensity, 0, 1);
    const replacements: Replacement[] = [];
    for (const { word, previous, choices } of chooseEach(ctx.rng, gaps, rate)) {
      let inserted = ctx.rng.pick(choices);
      if (inserted.toLowerCase() === previous) inserted = ctx.rng.pick(choices);
      if (inserted.toLowerCase() === previous) continue;
      replacements.push({ start: word.start, end: word.start, after: `${inserted} ` });
    }
    return applyReplacements(text, this.name, replacements);
  },
};
