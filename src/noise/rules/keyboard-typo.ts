import { graphemes, isAsciiLetterString } from "../../text/characters.js";
import { KEY_NEIGHBOURS } from "../../text/keyboard.js";
import { applyReplacements, type Replacement } from "./replacements.js";
import type { RuleContext, RuleResult, RuleStrategy } from "./rule.js";
import { chooseK, editableWords, scaledCount, tokensOf } from "./word-sites.js";

/**
 * `keyboard_typo`: hits a key next to the intended one, inside a word (never its first letter),
 * keeping the letter's case. About one word in seven at intensity 1, at least one typo.
 */
export const keyboardTypo: RuleStrategy = {
  name: "keyboard_typo",
  apply(text: string, ctx: RuleContext): RuleResult {
    const candidates = editableWords(tokensOf(text, ctx), ctx.protectedSpans).filter(
      (t) => t.text.length >= 3,
    );
    const count = scaledCount(ctx.intensity, candidates.length, 0.15);
    const replacements: Replacement[] = [];
    for (const word of chooseK(ctx.rng, candidates, count)) {
      const chars = graphemes(word.text);
      const positions: number[] = [];
      for (let i = 1; i < chars.length; i++) if (isAsciiLetterString(chars[i] as string)) positions.push(i);
      if (positions.length === 0) continue;
      const at = ctx.rng.pick(positions);
      const original = chars[at] as string;
      const lower = original.toLowerCase();
      const typed = ctx.rng.pick((KEY_NEIGHBOURS[lower] as string).split(""));
      chars[at] = original === lower ? typed : typed.toUpperCase();
      replacements.push({ start: word.start, end: word.end, after: chars.join("") });
    }
    return applyReplacements(text, this.name, replacements);
  },
};
