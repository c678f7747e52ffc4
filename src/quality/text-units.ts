/**
 * How the quality figures read text: NFKC, lower case, words of letters and digits (an apostrophe
 * inside a word kept). Punctuation, spacing and case never make two texts different.
 */

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/** The words of a text, normalised. */
export function wordsOf(text: string): string[] {
  return text.normalize("NFKC").toLowerCase().match(WORD) ?? [];
}

/** A text's words joined by single spaces: equal for texts that differ only in case, spacing or punctuation. */
export function normalizeText(text: string): string {
  return wordsOf(text).join(" ");
}
