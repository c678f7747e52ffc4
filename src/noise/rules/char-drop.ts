import { editWordCharacters } from "./char-edit.js";
import type { RuleContext, RuleResult, RuleStrategy } from "./rule.js";

/** `char_drop`: leaves out one character (grapheme cluster) of a word of four or more, never the first. */
export const charDrop: RuleStrategy = {
  name: "char_drop",
  apply(text: string, ctx: RuleContext): RuleResult {
    return editWordCharacters(text, ctx, this.name, 4, (chars, rng) => {
      if (chars.length < 4) return false;
      chars.splice(1 + rng.int(chars.length - 1), 1);
      return true;
    });
  },
};
