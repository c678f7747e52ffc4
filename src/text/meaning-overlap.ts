import { EQUIVALENT_PHRASES } from "./lexicon.js";
import { findProtectedSpans, REWRITE_SPANS } from "./protected-spans.js";
import { isStopWord, stem } from "./text-words.js";
import { contentWords } from "./tokenizer.js";

/** How much of a request's content a rewrite kept. */
export interface MeaningOverlap {
  /** Share of the original's content units found in the rewrite, 0..1 (1 when there is nothing to keep). */
  score: number;
  /** The original's content units that the rewrite lost: protected text as written, words lower-cased. */
  missing: string[];
}

/**
 * The offline meaning check: which of the original's content units survive in the adapted text.
 *
 * Units are the protected parts of the original (numbers, code, quoted text, URLs, emails, …), which
 * must appear byte-identical, and its content words: lower-cased, stop words removed, lightly stemmed
 * (plural `s`, `-ing`, `-ed`) and counted once each. Like the LLM judge, it forgives what style
 * transfer is meant to change: a word counts as kept when the rewrite has it with a single typo
 * (words of four letters or more, same first letter), or when the rewrite uses the text-speak or
 * jargon form the offline engine's tables give for it ("ppl" for "people", "SEO" for
 * "search engine optimization").
 */
export function meaningOverlap(original: string, adapted: string): MeaningOverlap {
  const missing: string[] = [];
  let total = 0;
  let kept = 0;

  const spans = findProtectedSpans(original, REWRITE_SPANS);
  const seenParts = new Set<string>();
  for (const span of spans) {
    const part = original.slice(span.start, span.end);
    if (seenParts.has(part)) continue;
    seenParts.add(part);
    total++;
    if (adapted.includes(part)) kept++;
    else missing.push(part);
  }

  let rest = "";
  let last = 0;
  for (const span of spans) {
    rest += `${original.slice(last, span.start)} `;
    last = span.end;
  }
  rest += original.slice(last);

  // Hyphenated words also count by their parts, so "150-word" in the rewrite keeps "word" (the
  // original's "150" is a protected part of its own).
  const adaptedWords = contentWords(adapted).flatMap((w) => (w.includes("-") ? [w, ...w.split("-")] : [w]));
  const adaptedStems = new Set(adaptedWords.map(stem));
  const credited = paraphraseCredits(contentWords(original), adaptedWords);
  const seenStems = new Set<string>();
  for (const word of contentWords(rest)) {
    if (isStopWord(word) || (word.length < 2 && !/\d/.test(word))) continue;
    const s = stem(word);
    if (seenStems.has(s)) continue;
    seenStems.add(s);
    total++;
    const present = (w: string): boolean =>
      adaptedStems.has(stem(w)) ||
      credited.has(stem(w)) ||
      adaptedWords.some((a) => oneTypoApart(w, a) || oneTypoApart(stem(w), stem(a)));
    const byParts =
      word.includes("-") && word.split("-").every((p) => p === "" || isStopWord(p) || present(p));
    if (present(word) || byParts) kept++;
    else missing.push(word);
  }
  return { score: total === 0 ? 1 : kept / total, missing };
}

/** Stems of original words whose table equivalent (abbreviation, jargon) the rewrite uses. */
function paraphraseCredits(originalWords: readonly string[], adaptedWords: readonly string[]): Set<string> {
  const credited = new Set<string>();
  for (const [a, b] of EQUIVALENT_PHRASES) {
    const aw = contentWords(a);
    const bw = contentWords(b);
    for (const [from, to] of [
      [aw, bw],
      [bw, aw],
    ] as const) {
      if (containsPhrase(originalWords, from) && containsPhrase(adaptedWords, to))
        for (const w of from) credited.add(stem(w));
    }
  }
  return credited;
}

function containsPhrase(haystack: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  outer: for (let i = 0; i + phrase.length <= haystack.length; i++) {
    for (let j = 0; j < phrase.length; j++) {
      const word = haystack[i + j] ?? "";
      const want = phrase[j] ?? "";
      if (word !== want && !oneTypoApart(want, word)) continue outer;
    }
    return true;
  }
  return false;
}

/** One insertion, deletion, substitution or adjacent swap apart; letters only, same first letter. */
function oneTypoApart(word: string, other: string): boolean {
  if (word.length < 4 || word === other || /\d/.test(word) || word[0] !== other[0]) return false;
  const diff = other.length - word.length;
  if (Math.abs(diff) > 1) return false;
  let i = 0;
  while (i < word.length && i < other.length && word[i] === other[i]) i++;
  if (diff === 0) {
    if (word.slice(i + 1) === other.slice(i + 1)) return true; // substitution
    return word[i] === other[i + 1] && word[i + 1] === other[i] && word.slice(i + 2) === other.slice(i + 2);
  }
  return diff > 0 ? word.slice(i) === other.slice(i + 1) : word.slice(i + 1) === other.slice(i);
}
