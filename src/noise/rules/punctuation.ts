import { isFree } from "../../text/protected-spans.js";
import type { Token } from "../../text/tokenizer.js";
import { applyReplacements, type Replacement } from "./replacements.js";
import type { RuleContext, RuleResult, RuleStrategy } from "./rule.js";
import { chooseEach, isEditableWord, tokensOf } from "./word-sites.js";

const CONTRACTION = /^[A-Za-z]+['’](?:t|s|m|re|ve|ll|d)$/i;
const DROPPABLE = new Set([".", ",", "?", "!", ";"]);

/**
 * `punctuation`: casual punctuation — drops sentence-final periods, question and exclamation marks,
 * commas, and the apostrophe of contractions (`don't` → `dont`). Ellipses and punctuation inside
 * protected spans stay. Each site goes with probability 0.35 + 0.65 × intensity, at least one.
 */
export const punctuation: RuleStrategy = {
  name: "punctuation",
  apply(text: string, ctx: RuleContext): RuleResult {
    if (ctx.intensity <= 0) return { text, edits: [] };
    const tokens = tokensOf(text, ctx);
    const spans = ctx.protectedSpans;
    const sites: Replacement[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      if (t.kind === "punct" && DROPPABLE.has(t.text)) {
        const prev = tokens[i - 1];
        const next = tokens[i + 1];
        // Only punctuation that ends a word and is followed by a space or the end: not `...`, `?!`, `a.b`.
        const endsWord = prev !== undefined && prev.kind === "word";
        const free = next === undefined || next.kind === "space";
        if (endsWord && free && isFree(t.start, t.end, spans))
          sites.push({ start: t.start, end: t.end, after: "" });
      } else if (t.kind === "word" && CONTRACTION.test(t.text) && isEditableWord(t, spans)) {
        sites.push({ start: t.start, end: t.end, after: t.text.replace(/['’]/, "") });
      }
    }
    return applyReplacements(text, this.name, chooseEach(ctx.rng, sites, 0.35 + 0.65 * ctx.intensity));
  },
};
