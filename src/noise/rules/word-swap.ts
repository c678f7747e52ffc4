import type { Token } from "../../text/tokenizer.js";
import { applyReplacements, type Replacement } from "./replacements.js";
import type { RuleContext, RuleResult, RuleStrategy } from "./rule.js";
import { numberParam } from "./rule-params.js";
import { capitalize, caseShape, decapitalize, isPronounI, lowerWord } from "./word-case.js";
import { isEditableWord, tokensOf } from "./word-sites.js";

/**
 * `word_swap`: swaps two neighbouring words (`can you` → `you can`), carrying a sentence-initial
 * capital over to the new first word. `params.num_swaps` swaps (default: one per 20 words, scaled by
 * intensity, at least one); swapped pairs never overlap.
 */
export const wordSwap: RuleStrategy = {
  name: "word_swap",
  apply(text: string, ctx: RuleContext): RuleResult {
    if (ctx.intensity <= 0) return { text, edits: [] };
    const tokens = tokensOf(text, ctx);
    const spans = ctx.protectedSpans;
    const pairs: Array<readonly [Token, Token]> = [];
    let words = 0;
    for (let i = 0; i < tokens.length; i++) {
      const a = tokens[i] as Token;
      if (a.kind === "word") words++;
      const b = tokens[i + 2];
      if (tokens[i + 1]?.text !== " " || !isEditableWord(a, spans) || !isEditableWord(b, spans)) continue;
      if (lowerWord(a.text) !== lowerWord(b.text)) pairs.push([a, b]);
    }
    const fallback = Math.max(1, Math.round((words / 20) * (0.5 + ctx.intensity)));
    const wanted = Math.round(numberParam(ctx.params, "num_swaps", fallback, 0, 1000));
    const replacements: Replacement[] = [];
    const used = new Set<number>();
    // Pairs in random order; a pair sharing a word with one already swapped is skipped.
    for (const [a, b] of wanted > 0 ? ctx.rng.shuffle(pairs) : []) {
      if (replacements.length >= wanted) break;
      if (used.has(a.start) || used.has(b.start)) continue;
      used.add(a.start);
      used.add(b.start);
      let first = b.text;
      let second = a.text;
      if (caseShape(a.text) === "title" && !isPronounI(a.text) && caseShape(b.text) === "lower") {
        first = capitalize(b.text);
        second = decapitalize(a.text);
      }
      replacements.push({ start: a.start, end: b.end, after: `${first} ${second}` });
    }
    return applyReplacements(text, this.name, replacements);
  },
};
