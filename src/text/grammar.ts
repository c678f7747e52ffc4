import { maskSpans, READING_SPANS, unmask } from "./protected-spans.js";

/**
 * The last pass over text the offline engine composed from templates and pieces of the conversation:
 * it removes what a template join can leave and no writer would — a word doubled across the join
 * ("the trade-off is less less maintenance"), a contraction split by a tokenizer ("does n't"), "'ve"
 * before an article ("we've a plan" for "we have a plan"). Quotes, code, numbers and links are
 * masked first, so what the user wrote stays byte-identical ("the the" inside a quoted draft is theirs).
 */
export function grammarPass(text: string): string {
  // Most texts hold none of the seams: skip the span scan (a fifth of a reply's cost) for them.
  if (!DOUBLED_TEST.test(text) && !SPLIT_CONTRACTION_TEST.test(text) && !HAVE_ARTICLE_TEST.test(text))
    return text;
  const { masked, parts } = maskSpans(text, READING_SPANS);
  const out = masked
    .replace(DOUBLED, (m, word: string) => (KEEP_DOUBLED.has(word.toLowerCase()) ? m : word))
    .replace(SPLIT_CONTRACTION, "$1n't")
    .replace(HAVE_ARTICLE, "$1 have $2");
  return out === masked ? text : unmask(out, parts);
}

const DOUBLED = /\b([A-Za-z]+) \1\b/gi;
// Doubles that English allows: "that that", "had had".
const KEEP_DOUBLED = new Set(["that", "had"]);
const SPLIT_CONTRACTION = /\b([A-Za-z]+) n't\b/g;
const HAVE_ARTICLE = /\b(we|I|you|they)'ve (a|an|the)\b/gi;
// The same patterns without the global flag, so `test` keeps no state between calls.
const DOUBLED_TEST = new RegExp(DOUBLED.source, "i");
const SPLIT_CONTRACTION_TEST = new RegExp(SPLIT_CONTRACTION.source);
const HAVE_ARTICLE_TEST = new RegExp(HAVE_ARTICLE.source, "i");
