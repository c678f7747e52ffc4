import { graphemes } from "../text-units.js";
import { applyReplacements, type Replacement } from "./replacements.js";
import type { RuleContext, RuleResult, RuleStrategy } from "./rule.js";
import { chooseK, editableWords, scaledCount, tokensOf } from "./word-sites.js";

/**
 * `char_swap`: transposes two neighbouring characters (grapheme clusters) inside a word of four or
 * more, keeping the first character in place, as fast typists do (`form` → `from`, `the` stays).
 */
export const charSwap: RuleStrategy = {
  name: "char_swap",
  apply(text: string, ctx: RuleContext): RuleResult {
    const candidates = editableWords(tokensOf(text, ctx), ctx.protectedSpans).filter(
      (t) => t.text.length >= 4,
    );
    const replacements: Replacement[] = [];
    for (const word of chooseK(ctx.rng, candidates, scaledCount(ctx.intensity, candidates.length, 0.12))) {
      const chars = graphemes(word.text);
      const positions: number[] = [];
      for (let i = 1; i + 1 < chars.length; i++) {
        const a = chars[i] as string;
        const b = chars[i + 1] as string;
        if (a !== b && a !== "'" && b !== "'" && a !== "’" && b !== "’") positions.push(i);
      }
      if (positions.length === 0) continue;
      const at = ctx.rng.pick(positions);
      const tmp = chars[at] as string;
      chars[at] = chars[at + 1] as string;
      chars[at + 1] = tmp;
      replacements.push({ start: word.start, end: word.end, after: chars.join("") });
    }
    return applyReplacements(text, this.name, replacements);
  },
};
