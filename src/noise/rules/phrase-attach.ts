import { canInsertAt } from "../../text/protected-spans.js";
import type { Token } from "../../text/tokenizer.js";
import { applyReplacements, type Replacement } from "./replacements.js";
import type { RuleContext, RuleResult } from "./rule.js";
import { capitalize, caseShape, decapitalize } from "./word-case.js";
import { isEditableWord, tokensOf } from "./word-sites.js";

/** Where a phrase goes: before the text (`quick question, can you…`) or after it (`…, kind of urgent`). */
export type PhrasePlace = "prefix" | "suffix";

function prefix(tokens: readonly Token[], ctx: RuleContext, phrase: string): Replacement {
  const first = tokens.find((t) => t.kind !== "space");
  if (first !== undefined && isEditableWord(first, ctx.protectedSpans) && caseShape(first.text) === "title") {
    return {
      start: first.start,
      end: first.end,
      after: `${capitalize(phrase)}, ${decapitalize(first.text)}`,
    };
  }
  const at = first?.start ?? 0;
  return { start: at, end: at, after: `${phrase}, ` };
}

function suffix(text: string, tokens: readonly Token[], ctx: RuleContext, phrase: string): Replacement {
  let i = tokens.length - 1;
  while (i >= 0 && (tokens[i] as Token).kind === "space") i--;
  const last = tokens[i];
  if (last === undefined) return { start: 0, end: 0, after: phrase };
  const free = canInsertAt(last.start, ctx.protectedSpans) && canInsertAt(last.end, ctx.protectedSpans);
  // "Write a report." → "Write a report, kind of urgent."; "Can you help?" → "Can you help? kind of urgent".
  if (free && last.kind === "punct" && last.text === "." && tokens[i - 1]?.kind === "word") {
    return { start: last.start, end: last.start, after: `, ${phrase}` };
  }
  const at = free ? last.end : text.length;
  const joiner = last.kind === "punct" && /[?!.)]/.test(last.text) ? " " : ", ";
  return { start: at, end: at, after: `${joiner}${phrase}` };
}

/** Attaches one phrase to the text at the given place, recorded as one edit. */
export function attachPhrase(
  name: string,
  text: string,
  ctx: RuleContext,
  phrase: string,
  place: PhrasePlace,
): RuleResult {
  if (ctx.intensity <= 0 || text.trim() === "" || phrase.trim() === "") return { text, edits: [] };
  const tokens = tokensOf(text, ctx);
  const replacement = place === "prefix" ? prefix(tokens, ctx, phrase) : suffix(text, tokens, ctx, phrase);
  return applyReplacements(text, name, [replacement]);
}
