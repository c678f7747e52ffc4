import { graphemes } from "../text-units.js";
import { applyReplacements, type Replacement } from "./replacements.js";
import type { RuleContext, RuleResult, RuleStrategy } from "./rule.js";
import { chooseK, editableWords, scaledCount, tokensOf } from "./word-sites.js";

/** `char_drop`: leaves out one character (grapheme cluster) of a word of four or more, never the first. */
export const charDrop: RuleStrategy = {
  name: "char_drop",
  apply(text: string, ctx: RuleContext): RuleResult {
    const candidates = editableWords(tokensOf(text, ctx), ctx.protectedSpans).filter(
      (t) => t.text.length >= 4,
    );
    const replacements: Replacement[] = [];
    for (const word of chooseK(ctx.rng, candidates, scaledCount(ctx.intensity, candidates.length, 0.12))) {
      const chars = graphemes(word.text);
      if (chars.length < 4) continue;
      chars.splice(1 + ctx.rng.int(chars.length - 1), 1);
      replacements.push({ start: word.start, end: word.end, after: chars.join("") });
    }
    return applyReplacements(text, this.name, replacements);
  },
};
