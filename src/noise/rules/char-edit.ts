import type { Rng } from "../../rng/random.js";
import { graphemes } from "../../text/characters.js";
import { applyReplacements, type Replacement } from "./replacements.js";
import type { RuleContext, RuleResult } from "./rule.js";
import { chooseK, editableWords, scaledCount, tokensOf } from "./word-sites.js";

/** Share of the editable words a character typo touches at intensity 1. */
const WORD_RATE = 0.12;

/**
 * The frame of the character-level typos: picks editable words of at least `minLength` code units
 * (about 12% of them at full intensity) and lets `edit` change each word's grapheme clusters in
 * place; `edit` returns false to leave a word as it was.
 */
export function editWordCharacters(
  text: string,
  ctx: RuleContext,
  name: string,
  minLength: number,
  edit: (chars: string[], rng: Rng) => boolean,
): RuleResult {
  const candidates = editableWords(tokensOf(text, ctx), ctx.protectedSpans).filter(
    (t) => t.text.length >= minLength,
  );
  const replacements: Replacement[] = [];
  for (const word of chooseK(ctx.rng, candidates, scaledCount(ctx.intensity, candidates.length, WORD_RATE))) {
    const chars = graphemes(word.text);
    if (edit(chars, ctx.rng)) replacements.push({ start: word.start, end: word.end, after: chars.join("") });
  }
  return applyReplacements(text, name, replacements);
}
