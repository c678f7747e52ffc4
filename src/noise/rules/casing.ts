import type { Rng } from "../../rng/random.js";
import type { ProtectedSpan } from "../../text/protected-spans.js";
import type { Token } from "../../text/tokenizer.js";
import { applyReplacements, type Replacement } from "./replacements.js";
import type { RuleContext, RuleResult, RuleStrategy } from "./rule.js";
import { stringParam } from "./rule-params.js";
import { caseShape, isPronounI, lowerWord } from "./word-case.js";
import { chooseEach, isEditableWord, tokensOf } from "./word-sites.js";

/** The three casing habits: no capitals at all, lowercase sentence starts, one word in caps lock. */
export const CASING_MODES = ["lowercase", "sentence_start", "caps_word"] as const;
/** One casing habit. */
export type CasingMode = (typeof CASING_MODES)[number];
const MODE_WEIGHTS = [0.45, 0.4, 0.15];

function lowercaseAll(tokens: readonly Token[], spans: readonly ProtectedSpan[]): Replacement[] {
  const out: Replacement[] = [];
  for (const t of tokens) {
    if (!isEditableWord(t, spans)) continue;
    const lower = lowerWord(t.text);
    if (lower !== t.text) out.push({ start: t.start, end: t.end, after: lower });
  }
  return out;
}

function sentenceStarts(
  tokens: readonly Token[],
  spans: readonly ProtectedSpan[],
  rng: Rng,
  intensity: number,
): Replacement[] {
  const starts: Token[] = [];
  let atStart = true;
  for (const t of tokens) {
    if (t.kind === "word") {
      if (atStart && isEditableWord(t, spans) && caseShape(t.text) === "title" && !isPronounI(t.text)) {
        starts.push(t);
      }
      atStart = false;
    } else if (t.kind === "punct") {
      atStart = t.text === "." || t.text === "!" || t.text === "?" || t.text === "\n";
    } else if (t.text.includes("\n")) {
      atStart = true;
    }
  }
  return chooseEach(rng, starts, 0.4 + 0.6 * intensity).map((t) => ({
    start: t.start,
    end: t.end,
    after: t.text.charAt(0).toLowerCase() + t.text.slice(1),
  }));
}

function capsWord(tokens: readonly Token[], spans: readonly ProtectedSpan[], rng: Rng): Replacement[] {
  const words = tokens.filter(
    (t) => isEditableWord(t, spans) && t.text.length >= 3 && caseShape(t.text) === "lower",
  );
  if (words.length === 0) return [];
  const t = rng.pick(words);
  return [{ start: t.start, end: t.end, after: t.text.toUpperCase() }];
}

/**
 * `casing`: one casing habit per text — everything lowercase, lowercase sentence starts, or one word
 * typed in caps lock. `params.mode` picks the habit; otherwise it is drawn (45 / 40 / 15 %), falling
 * back to the others when the drawn one changes nothing.
 */
export const casing: RuleStrategy = {
  name: "casing",
  apply(text: string, ctx: RuleContext): RuleResult {
    if (ctx.intensity <= 0) return { text, edits: [] };
    const tokens = tokensOf(text, ctx);
    const spans = ctx.protectedSpans;
    const requested = stringParam(ctx.params, "mode");
    const first: CasingMode = (CASING_MODES as readonly string[]).includes(requested ?? "")
      ? (requested as CasingMode)
      : (CASING_MODES[ctx.rng.weightedIndex(MODE_WEIGHTS)] as CasingMode);
    const order = requested === first ? [first] : [first, ...CASING_MODES.filter((m) => m !== first)];
    for (const mode of order) {
      const replacements =
        mode === "lowercase"
          ? lowercaseAll(tokens, spans)
          : mode === "sentence_start"
            ? sentenceStarts(tokens, spans, ctx.rng, ctx.intensity)
            : capsWord(tokens, spans, ctx.rng);
      if (replacements.length > 0) return applyReplacements(text, this.name, replacements);
    }
    return { text, edits: [] };
  },
};
