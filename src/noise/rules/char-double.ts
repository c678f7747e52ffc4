import { graphemes } from "../text-units.js";
import { applyReplacements, type Replacement } from "./replacements.js";
import type { RuleContext, RuleResult, RuleStrategy } from "./rule.js";
import { chooseK, editableWords, scaledCount, tokensOf } from "./word-sites.js";

/** `char_double`: a key held too long, one letter (grapheme cluster) typed twice (`meeting` → `meetingg`). */
export const charDouble: RuleStrategy = {
  name: "char_double",
  apply(text: string, ctx: RuleContext): RuleResult {
    const candidates = editableWords(tokensOf(text, ctx), ctx.protectedSpans).filter(
      (t) => t.text.length >= 3,
    );
    const replacements: Replacement[] = [];
    for (const word of chooseK(ctx.rng, candidates, scaledCount(ctx.intensity, candidates.length, 0.12))) {
      const chars = graphemes(word.text);
      const positions: number[] = [];
      for (let i = 0; i < chars.length; i++) {
        const c = chars[i] as string;
        if (c !== "'" && c !== "’") positions.push(i);
      }
      const at = ctx.rng.pick(positions);
      chars.splice(at, 0, chars[at] as string);
      replacements.push({ start: word.start, end: word.end, after: chars.join("") });
    }
    return applyReplacements(text, this.name, replacements);
  },
};
