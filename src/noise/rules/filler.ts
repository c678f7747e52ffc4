import { canInsertAt } from "../../text/protected-spans.js";
import type { Token } from "../../text/tokenizer.js";
import { applyReplacements, type Replacement } from "./replacements.js";
import type { RuleContext, RuleResult, RuleStrategy } from "./rule.js";
import { phraseList } from "./rule-params.js";
import { capitalize, caseShape, decapitalize, lowerWord } from "./word-case.js";
import { chooseK, isEditableWord, scaledCount, tokensOf } from "./word-sites.js";

/** Fillers said at the start of a sentence, and inside a phrase. */
const OPENERS = ["um", "so", "basically", "like", "honestly", "ok so", "uh"];
const INNER = ["like", "basically", "kinda", "tbh", "honestly", "um", "just"];
/** Words that open a phrase: a filler before them sits on a phrase boundary. */
const PHRASE_OPENERS = new Set([
  "and",
  "but",
  "so",
  "because",
  "if",
  "when",
  "which",
  "that",
  "then",
  "or",
  "with",
  "for",
  "to",
]);

/** Where a filler goes: opening a sentence, before the word after a comma, after a conjunction. */
type Site = { at: "sentence" | "after_comma" | "after_conjunction"; word: Token };

/**
 * `filler`: spoken-style fillers (`um`, `like`, `basically`, `tbh`) at phrase boundaries: the start of
 * a sentence (`Um, can you…`), after a comma, or after a conjunction (`and like then`). About one per 15 words at
 * intensity 1, at least one. `params.fillers` replaces the inner list.
 */
export const filler: RuleStrategy = {
  name: "filler",
  apply(text: string, ctx: RuleContext): RuleResult {
    const tokens = tokensOf(text, ctx);
    const spans = ctx.protectedSpans;
    const inner = phraseList(ctx.params, ["fillers"]) ?? INNER;
    const sites: Site[] = [];
    let wordCount = 0;
    let sentenceStart = true;
    let afterComma = false;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      if (t.kind === "word") {
        wordCount++;
        if (isEditableWord(t, spans)) {
          if (sentenceStart) sites.push({ at: "sentence", word: t });
          else if (afterComma && canInsertAt(t.start, spans)) sites.push({ at: "after_comma", word: t });
          else if (PHRASE_OPENERS.has(lowerWord(t.text)) && tokens[i + 1]?.text === " ") {
            sites.push({ at: "after_conjunction", word: t });
          }
        }
        sentenceStart = false;
        afterComma = false;
      } else if (t.kind === "punct") {
        sentenceStart = t.text === "." || t.text === "!" || t.text === "?";
        afterComma = t.text === "," || t.text === ";";
      } else if (t.text.includes("\n")) {
        sentenceStart = true;
      }
    }
    const count = Math.min(
      sites.length,
      scaledCount(ctx.intensity, Math.max(1, Math.round(wordCount / 15)), 1),
    );
    const replacements: Replacement[] = [];
    for (const site of chooseK(ctx.rng, sites, count)) {
      const word = site.word.text;
      if (site.at === "sentence") {
        const opener = ctx.rng.pick(OPENERS);
        const shown = caseShape(word) === "title" ? capitalize(opener) : opener;
        replacements.push({
          start: site.word.start,
          end: site.word.end,
          after: `${shown}, ${decapitalize(word)}`,
        });
      } else if (site.at === "after_comma") {
        replacements.push({ start: site.word.start, end: site.word.start, after: `${ctx.rng.pick(inner)} ` });
      } else {
        replacements.push({ start: site.word.end, end: site.word.end, after: ` ${ctx.rng.pick(inner)}` });
      }
    }
    return applyReplacements(text, this.name, replacements);
  },
};
