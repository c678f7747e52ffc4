import type { Token } from "../../text/tokenizer.js";
import { applyReplacements } from "./replacements.js";
import type { RuleContext, RuleResult, RuleStrategy } from "./rule.js";
import { lowerWord } from "./word-case.js";
import { tokensOf } from "./word-sites.js";

/** Words that start a new clause: cutting just before them leaves a natural trailing-off point. */
const CLAUSE_STARTERS = new Set([
  "and",
  "but",
  "so",
  "because",
  "or",
  "with",
  "for",
  "to",
  "about",
  "that",
  "which",
  "if",
  "when",
  "while",
  "since",
  "by",
  "in",
  "on",
]);

/** The smallest share of the words a truncated text keeps. */
const MIN_KEPT = 0.6;

/**
 * `truncation`: the text stops early, as if sent mid-thought: it is cut after a word, dropping the
 * last clause or sentence, keeping at least 60 % of the words and every protected span. Cuts before a
 * conjunction, a preposition or after a comma are three times as likely. Needs three words or more.
 */
export const truncation: RuleStrategy = {
  name: "truncation",
  apply(text: string, ctx: RuleContext): RuleResult {
    if (ctx.intensity <= 0) return { text, edits: [] };
    const tokens = tokensOf(text, ctx);
    const words: number[] = [];
    for (let i = 0; i < tokens.length; i++) if ((tokens[i] as Token).kind === "word") words.push(i);
    const total = words.length;
    const minKeep = Math.ceil(total * MIN_KEPT);
    const maxDrop = total - minKeep;
    if (total < 3 || maxDrop < 1) return { text, edits: [] };
    let lastProtectedEnd = 0;
    for (const span of ctx.protectedSpans) lastProtectedEnd = Math.max(lastProtectedEnd, span.end);
    // Drop between 1 and (intensity-scaled) maxDrop words.
    const dropLimit = Math.max(1, Math.round(maxDrop * Math.max(0.34, ctx.intensity)));
    const cuts: number[] = [];
    const weights: number[] = [];
    for (let drop = 1; drop <= dropLimit; drop++) {
      const lastKept = tokens[words[total - drop - 1] as number] as Token;
      if (lastKept.end < lastProtectedEnd) break;
      const firstDropped = tokens[words[total - drop] as number] as Token;
      const between = text.slice(lastKept.end, firstDropped.start);
      const natural = CLAUSE_STARTERS.has(lowerWord(firstDropped.text)) || /[,;:.!?]/.test(between);
      cuts.push(lastKept.end);
      weights.push(natural ? 3 : 1);
    }
    if (cuts.length === 0) return { text, edits: [] };
    const cut = cuts[ctx.rng.weightedIndex(weights)] as number;
    return applyReplacements(text, this.name, [{ start: cut, end: text.length, after: "" }]);
  },
};
