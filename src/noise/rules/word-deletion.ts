import type { Token } from "../../text/tokenizer.js";
import { applyReplacements, type Replacement } from "./replacements.js";
import type { RuleContext, RuleResult, RuleStrategy } from "./rule.js";
import { numberParam } from "./rule-params.js";
import { lowerWord } from "./word-case.js";
import { chooseEach, isEditableWord, tokensOf } from "./word-sites.js";

/** Function words a hurried writer leaves out without losing the meaning. */
const FUNCTION_WORDS = new Set([
  "a",
  "an",
  "the",
  "to",
  "of",
  "is",
  "are",
  "for",
  "that",
  "it",
  "in",
  "on",
  "at",
  "please",
  "just",
  "really",
  "very",
  "some",
  "me",
  "my",
  "this",
  "with",
]);

/**
 * `word_deletion`: drops function words and articles (`write the email for me` → `write email for
 * me`) with their space. Each goes with `params.deletion_rate` (default 0.4 × intensity), at least one,
 * never more than a third of the words.
 */
export const wordDeletion: RuleStrategy = {
  name: "word_deletion",
  apply(text: string, ctx: RuleContext): RuleResult {
    if (ctx.intensity <= 0) return { text, edits: [] };
    const tokens = tokensOf(text, ctx);
    const spans = ctx.protectedSpans;
    const sites: Replacement[] = [];
    let words = 0;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      if (t.kind !== "word") continue;
      words++;
      if (!isEditableWord(t, spans) || !FUNCTION_WORDS.has(lowerWord(t.text))) continue;
      const next = tokens[i + 1];
      const prev = tokens[i - 1];
      if (next?.text === " " && tokens[i + 2] !== undefined)
        sites.push({ start: t.start, end: next.end, after: "" });
      else if (prev?.text === " ") sites.push({ start: prev.start, end: t.end, after: "" });
    }
    const rate = numberParam(ctx.params, "deletion_rate", 0.4 * ctx.intensity, 0, 1);
    const replacements: Replacement[] = [];
    let lastEnd = -1;
    const max = Math.max(1, Math.floor(words / 3));
    for (const site of chooseEach(ctx.rng, sites, rate)) {
      if (replacements.length >= max) break;
      if (site.start < lastEnd) continue;
      replacements.push(site);
      lastEnd = site.end;
    }
    return applyReplacements(text, this.name, replacements);
  },
};
