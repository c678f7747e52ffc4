import { graphemes } from "../../text/characters.js";
import type { Token } from "../../text/tokenizer.js";
import { applyReplacements, type Replacement } from "./replacements.js";
import type { RuleContext, RuleResult, RuleStrategy } from "./rule.js";
import { stringParam } from "./rule-params.js";
import { chooseK, isEditableWord, scaledCount, tokensOf } from "./word-sites.js";

type Site = { kind: "split"; word: Token } | { kind: "join"; space: Token };

/**
 * `word_segmentation`: a stray space inside a word (`tomorrow` → `tomorr ow`) or a missing one
 * between two words (`can you` → `canyou`). `params.mode` = `split` | `join` limits it to one kind.
 */
export const wordSegmentation: RuleStrategy = {
  name: "word_segmentation",
  apply(text: string, ctx: RuleContext): RuleResult {
    const mode = stringParam(ctx.params, "mode");
    const tokens = tokensOf(text, ctx);
    const spans = ctx.protectedSpans;
    const sites: Site[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      if (mode !== "join" && t.text.length >= 6 && isEditableWord(t, spans))
        sites.push({ kind: "split", word: t });
      if (
        mode !== "split" &&
        t.text === " " &&
        isEditableWord(tokens[i - 1], spans) &&
        isEditableWord(tokens[i + 1], spans)
      ) {
        sites.push({ kind: "join", space: t });
      }
    }
    const replacements: Replacement[] = [];
    let lastEnd = -1;
    for (const site of chooseK(ctx.rng, sites, scaledCount(ctx.intensity, sites.length, 0.08))) {
      if (site.kind === "join") {
        if (site.space.start < lastEnd) continue;
        replacements.push({ start: site.space.start, end: site.space.end, after: "" });
        lastEnd = site.space.end;
      } else {
        if (site.word.start < lastEnd) continue;
        const chars = graphemes(site.word.text);
        if (chars.length < 6) continue;
        const cut = 2 + ctx.rng.int(chars.length - 3);
        replacements.push({
          start: site.word.start,
          end: site.word.end,
          after: `${chars.slice(0, cut).join("")} ${chars.slice(cut).join("")}`,
        });
        lastEnd = site.word.end;
      }
    }
    return applyReplacements(text, this.name, replacements);
  },
};
