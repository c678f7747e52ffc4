import { hash32, hash52, mix32 } from "./fast-hash.js";
import { wordsOf } from "./text-units.js";

/** The seed of {@link WordHashes.low}: a second, independent hash of each word. */
export const LOW_SEED = 0x5bd1e995;

/** A text's words (see `wordsOf`) as the quality figures count them: hashes, never strings. */
export interface WordHashes {
  /** `hash32(word)` of each word, in order. */
  high: Uint32Array;
  /** `hash32(word, LOW_SEED)` of each word, in order. */
  low: Uint32Array;
  /** `hash52(normalizeText(text))`: the words joined by single spaces. */
  joined: number;
}

// FNV-1a as `hash32` runs it, before its finaliser.
const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// `hash52`'s two seeds.
const SEED_A = 0x2545f491;
const SEED_B = 0x9e3779b9;

/**
 * The hashes of a text's words, equal to hashing the strings `wordsOf(text)` gives. An export counts
 * every word of every message (distinct-n, duplicates): cutting and lower-casing each word into a
 * string of its own cost more than the counting, and its garbage a share of the run's GC. An ASCII
 * text (nearly all of them) is read in place, one pass over its characters: NFKC leaves ASCII as it
 * is, its letters and digits are the `\p{L}\p{N}` of ASCII, and lower case is `| 0x20` on A–Z. Any
 * other text goes through `wordsOf`.
 */
export function wordHashes(text: string): WordHashes {
  const count = asciiWordCount(text);
  if (count < 0) return fromWords(wordsOf(text));
  const high = new Uint32Array(count);
  const low = new Uint32Array(count);
  let a = (FNV_BASIS ^ SEED_A) >>> 0;
  let b = (FNV_BASIS ^ SEED_B) >>> 0;
  const n = text.length;
  let w = 0;
  let i = 0;
  while (i < n) {
    if (!isWordCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    if (w > 0) {
      // The space that joins two words in `normalizeText`.
      a = Math.imul(a ^ 0x20, FNV_PRIME);
      b = Math.imul(b ^ 0x20, FNV_PRIME);
    }
    let h = FNV_BASIS;
    let l = (FNV_BASIS ^ LOW_SEED) >>> 0;
    for (;;) {
      const c = lower(text.charCodeAt(i));
      h = Math.imul(h ^ c, FNV_PRIME);
      l = Math.imul(l ^ c, FNV_PRIME);
      a = Math.imul(a ^ c, FNV_PRIME);
      b = Math.imul(b ^ c, FNV_PRIME);
      i++;
      if (i >= n) break;
      const next = text.charCodeAt(i);
      if (isWordCode(next)) continue;
      // An apostrophe inside a word is part of it ("don't"), not at its end.
      if (next === 39 && i + 1 < n && isWordCode(text.charCodeAt(i + 1))) continue;
      break;
    }
    high[w] = mix32(h);
    low[w] = mix32(l);
    w++;
  }
  return { high, low, joined: (mix32(a) & 0xfffff) * 2 ** 32 + mix32(b) };
}

/** `wordHashes` of words already cut (the text was not ASCII). */
function fromWords(words: readonly string[]): WordHashes {
  const high = new Uint32Array(words.length);
  const low = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) {
    high[i] = hash32(words[i]!);
    low[i] = hash32(words[i]!, LOW_SEED);
  }
  return { high, low, joined: hash52(words.join(" ")) };
}

/** The number of words of an ASCII text as `wordsOf` cuts them, or -1 when the text is not ASCII. */
function asciiWordCount(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return -1;
    if (isWordCode(c)) {
      if (!inWord) count++;
      inWord = true;
    } else if (!(inWord && c === 39 && isWordCode(text.charCodeAt(i + 1)))) inWord = false;
  }
  return count;
}

/** An ASCII letter or digit. */
function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** An ASCII code lower-cased. */
function lower(c: number): number {
  return c >= 65 && c <= 90 ? c | 0x20 : c;
}
