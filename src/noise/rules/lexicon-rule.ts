import { findLexiconMatches, type Lexicon, renderChoice } from "./lexicon-match.js";
import { applyReplacements } from "./replacements.js";
import type { RuleContext, RuleResult } from "./rule.js";
import { chooseEach, tokensOf } from "./word-sites.js";

/**
 * Replaces lexicon matches, each with probability `rate`, at least one when any match exists; the
 * replacement is drawn among the entry's choices and takes the original's case.
 */
export function applyLexicon(
  name: string,
  text: string,
  ctx: RuleContext,
  lexicon: Lexicon,
  rate: number,
): RuleResult {
  if (ctx.intensity <= 0) return { text, edits: [] };
  const matches = findLexiconMatches(text, tokensOf(text, ctx), ctx.protectedSpans, lexicon);
  const replacements = chooseEach(ctx.rng, matches, rate).map((m) => ({
    start: m.start,
    end: m.end,
    after: renderChoice(
      m.original,
      m.choices.length === 1 ? (m.choices[0] as string) : ctx.rng.pick(m.choices),
    ),
  }));
  return applyReplacements(text, name, replacements);
}
