import { editWordCharacters } from "./char-edit.js";
import type { RuleContext, RuleResult, RuleStrategy } from "./rule.js";

/**
 * `char_swap`: transposes two neighbouring characters (grapheme clusters) inside a word of four or
 * more, keeping the first character in place, as fast typists do (`form` → `from`, `the` stays).
 */
export const charSwap: RuleStrategy = {
  name: "char_swap",
  apply(text: string, ctx: RuleContext): RuleResult {
    return editWordCharacters(text, ctx, this.name, 4, (chars, rng) => {
      const positions: number[] = [];
      for (let i = 1; i + 1 < chars.length; i++) {
        const a = chars[i] as string;
        const b = chars[i + 1] as string;
        if (a !== b && a !== "'" && b !== "'" && a !== "’" && b !== "’") positions.push(i);
      }
      if (positions.length === 0) return false;
      const at = rng.pick(positions);
      const tmp = chars[at] as string;
      chars[at] = chars[at + 1] as string;
      chars[at + 1] = tmp;
      return true;
    });
  },
};
