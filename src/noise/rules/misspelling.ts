import { misspellingIndex } from "../misspellings.js";
import { applyReplacements, type Replacement } from "./replacements.js";
import type { RuleContext, RuleResult, RuleStrategy } from "./rule.js";
import { caseShape, lowerWord, matchCase } from "./word-case.js";
import { editableWords, scaledCount, tokensOf } from "./word-sites.js";

/**
 * `misspelling`: replaces whole words with a real misspelling of them from the cspell dictionary
 * (`definitely` → `definately`), in the word's case. Only words the dictionary knows are touched,
 * long words more likely than short ones.
 */
export const misspelling: RuleStrategy = {
  name: "misspelling",
  apply(text: string, ctx: RuleContext): RuleResult {
    const index = misspellingIndex();
    // Every editable word is looked up, few are misspelt: a word's misspellings are split out of
    // the index only for the words drawn.
    const candidates: Array<{ start: number; end: number; text: string; lower: string }> = [];
    for (const word of editableWords(tokensOf(text, ctx), ctx.protectedSpans)) {
      const lower = lowerWord(word.text);
      if (!index.has(lower) || caseShape(word.text) === "mixed") continue;
      candidates.push({ start: word.start, end: word.end, text: word.text, lower });
    }
    const replacements: Replacement[] = [];
    // Long words are misspelt far more often than short ones: weight by (length - 2)².
    const weights = candidates.map((c) => Math.max(1, c.text.length - 2) ** 2);
    for (let n = scaledCount(ctx.intensity, candidates.length, 0.2); n > 0; n--) {
      const i = ctx.rng.weightedIndex(weights);
      weights[i] = 0;
      const word = candidates[i] as (typeof candidates)[number];
      replacements.push({
        start: word.start,
        end: word.end,
        after: matchCase(word.text, ctx.rng.pick(index.get(word.lower) as readonly string[])),
      });
    }
    return applyReplacements(text, this.name, replacements);
  },
};
