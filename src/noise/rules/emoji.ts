import { canInsertAt } from "../../text/protected-spans.js";
import { applyReplacements } from "./replacements.js";
import type { RuleContext, RuleResult, RuleStrategy } from "./rule.js";
import { isFormalPersona } from "./rule-params.js";

/** Emoji by the tone a text shows, first match wins. */
const TONES: ReadonlyArray<readonly [RegExp, readonly string[]]> = [
  [/\b(?:thanks?|thx|appreciate|grateful|pls|please)\b/i, ["🙏", "😊", "🙌"]],
  [/\b(?:urgent|asap|quick(?:ly)?|soon|deadline|hurry|now|tonight|today)\b/i, ["😅", "⏰", "😬"]],
  [
    /\b(?:error|bug|broken|crash\w*|fail\w*|stuck|issue|problem|wrong|doesn'?t work)\b/i,
    ["😩", "😭", "🥲", "😤"],
  ],
  [
    /\b(?:code|python|script|function|api|deploy|server|database|sql|javascript|app)\b/i,
    ["👩‍💻", "💻", "🤓"],
  ],
  [
    /\b(?:great|love|awesome|happy|excited|cool|nice|fun|party|birthday|trip|vacation)\b/i,
    ["😄", "🎉", "✨", "👍🏽"],
  ],
  [/\?\s*$/, ["🤔", "🙂"]],
];
const DEFAULT_EMOJI = ["🙂", "😊", "👍"];
const HAS_EMOJI = /\p{Extended_Pictographic}/u;

/**
 * `emoji`: one emoji that fits the text's tone (thanks → 🙏, a bug → 😩, code → 👩‍💻), appended at the
 * end or after the first sentence. At most one per text: none when the text already has one, and none
 * for a persona whose `formality_level` is formal.
 */
export const emoji: RuleStrategy = {
  name: "emoji",
  apply(text: string, ctx: RuleContext): RuleResult {
    if (ctx.intensity <= 0 || isFormalPersona(ctx.persona) || HAS_EMOJI.test(text) || text.trim() === "") {
      return { text, edits: [] };
    }
    let choices: readonly string[] = DEFAULT_EMOJI;
    for (const [pattern, list] of TONES) {
      if (pattern.test(text)) {
        choices = list;
        break;
      }
    }
    const picked = ctx.rng.pick(choices);
    // Inside the text: right after a sentence end followed by a space ("Thanks! 🙏 Can you…").
    const inner: number[] = [];
    for (let i = 0; i + 2 < text.length; i++) {
      const c = text[i];
      if ((c === "." || c === "!" || c === "?") && text[i + 1] === " " && text[i + 2] !== " ") {
        if (canInsertAt(i + 1, ctx.protectedSpans)) inner.push(i + 1);
      }
    }
    if (inner.length > 0 && ctx.rng.chance(0.3)) {
      const at = ctx.rng.pick(inner);
      return applyReplacements(text, this.name, [{ start: at, end: at, after: ` ${picked}` }]);
    }
    const trimmedEnd = text.replace(/\s+$/u, "").length;
    const at = canInsertAt(trimmedEnd, ctx.protectedSpans) ? trimmedEnd : text.length;
    return applyReplacements(text, this.name, [{ start: at, end: at, after: ` ${picked}` }]);
  },
};
