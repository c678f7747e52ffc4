/**
 * The library's tokenizer: one scanner that cuts text into words. Its callers read words in six
 * ways, and what differs between them is data — which characters make a word, which join two parts
 * of one, what may trail it — so each reading is a {@link WordShape} and all of them go through
 * {@link wordEnd}:
 *
 * - {@link tokenize}: word, whitespace and punctuation tokens that cover the text, with positions,
 *   never splitting a grapheme cluster (the rule strategies edit these);
 * - {@link keywordTokens}: the words keyword tables are matched against (`c++`, `don't`, `#tag`;
 *   hyphens, dots and slashes separate);
 * - {@link contentWords}: words with their inner joiners kept (`walk-in`, `v2.1`, `w/o`), for the
 *   meaning overlap of a rewrite;
 * - {@link cueTokens}: the query classifier's words (`c++`, `node.js`, and `$` and `%` as words);
 * - {@link wordCount} and {@link wordSpans}: how many words a reader counts (`don't` one), and where
 *   the words are (`follow-up` one), for length targets and rewriting words in place.
 */
import {
  graphemeBoundedTokens,
  isAscii,
  isAsciiSpace,
  isLatinLetter,
  isMark,
  isPlain,
  plainPunctEnd,
} from "./characters.js";

/** What a token is. `punct` covers punctuation, symbols and emoji (one grapheme cluster or more). */
export type TokenKind = "word" | "space" | "punct";

/** One token: `[start, end)` in UTF-16 indices of the text it came from. */
export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  text: string;
  /**
   * A word written only in Latin letters (accents included) with at most inner apostrophes: the only
   * words character- and word-level rules touch. CJK, Arabic, Hebrew, digits and mixed words are false.
   */
  latin: boolean;
}

// Classes of a code unit inside a word (0: not a word character).
const LETTER = 1;
const DIGIT = 2;

/** One way of reading words: the classes of characters and the joiners between word parts. */
interface WordShape {
  /** The class of the code unit at `i`: {@link LETTER}, {@link DIGIT} or 0. */
  classAt(text: string, i: number): number;
  /** True when the character at `i` (not a word character, with one after it) joins the parts around it. */
  joins(text: string, i: number): boolean;
  /** True for a character a word may end with, repeated (`c++`, `c#`). */
  trails(c: number): boolean;
}

const never = (): boolean => false;

/** The end of the word that starts at `start` (a word character) under `shape`. */
function wordEnd(text: string, start: number, n: number, shape: WordShape): number {
  let i = start + 1;
  while (i < n) {
    if (shape.classAt(text, i) !== 0) i++;
    else if (i + 1 < n && shape.joins(text, i)) i += 2;
    else break;
  }
  while (i < n && shape.trails(text.charCodeAt(i))) i++;
  return i;
}

/** A class table for the ASCII range from its letters and digits. */
function asciiClasses(letters: string, digits: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const ch of letters) table[ch.charCodeAt(0)] = LETTER;
  for (const ch of digits) table[ch.charCodeAt(0)] = DIGIT;
  return table;
}

const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = LOWER.toUpperCase();
const DIGITS = "0123456789";

// --- tokenize: the rule strategies' tokens ---------------------------------------------------------

// `_` counts as a digit: it makes a word non-Latin, as digits do.
const EDIT_ASCII = asciiClasses(LOWER + UPPER, `${DIGITS}_`);

/** Latin letters with their combining marks, digits and `_`; inner `'` between letters (`don't`), `.` before a letter or digit (`e.g`, `3.14`), `,` and `:` between digits (`1,000`, `10:30`). */
const EDIT_SHAPE: WordShape = {
  classAt(text, i) {
    const c = text.charCodeAt(i);
    if (c < 128) return EDIT_ASCII[c] as number;
    return isLatinLetter(c) || isMark(c) ? LETTER : 0;
  },
  joins(text, i) {
    const c = text.charCodeAt(i);
    const after = EDIT_SHAPE.classAt(text, i + 1);
    if (c === 39 || c === 0x2019) return after === LETTER && EDIT_SHAPE.classAt(text, i - 1) === LETTER;
    if (c === 46) return after !== 0;
    return (c === 44 || c === 58) && after === DIGIT && EDIT_SHAPE.classAt(text, i - 1) === DIGIT;
  },
  trails: never,
};

/** True when a word has only letters and inner apostrophes (no digit, `_` or dot). */
function onlyLetters(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (EDIT_SHAPE.classAt(text, i) !== LETTER && c !== 39 && c !== 0x2019) return false;
  }
  return true;
}

/**
 * The scanner for plain text `text[from, n)`, following UAX #29 word boundaries for the characters it
 * accepts (see `isPlain`). `n` ends a plain region: the end of the text or a chunk for the segmenter.
 */
function tokenizePlain(text: string, from: number, n: number, tokens: Token[]): void {
  let i = from;
  while (i < n) {
    const c = text.charCodeAt(i);
    const start = i;
    if (EDIT_SHAPE.classAt(text, i) !== 0) {
      i = wordEnd(text, i, n, EDIT_SHAPE);
      tokens.push({
        kind: "word",
        start,
        end: i,
        text: text.slice(start, i),
        latin: onlyLetters(text, start, i),
      });
    } else if (isAsciiSpace(c)) {
      i++;
      while (i < n && isAsciiSpace(text.charCodeAt(i))) i++;
      tokens.push({ kind: "space", start, end: i, text: text.slice(start, i), latin: false });
    } else {
      i = plainPunctEnd(text, i);
      tokens.push({ kind: "punct", start, end: i, text: text.slice(start, i), latin: false });
    }
  }
}

/**
 * Splits text into word, whitespace and punctuation tokens that cover it exactly, in order.
 *
 * `Intl.Segmenter` is several times slower than the scanner, so only the whitespace-delimited chunks
 * the scanner cannot handle exactly go through it (ASCII whitespace always separates words and
 * grapheme clusters). Such a chunk that starts with a non-ASCII character takes the whitespace before
 * it along, since a combining mark or joiner there belongs to that whitespace's cluster.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  if (isAscii(text)) {
    tokenizePlain(text, 0, n, tokens);
    return tokens;
  }
  let plainFrom = 0;
  let i = 0;
  while (i < n) {
    while (i < n && isAsciiSpace(text.charCodeAt(i))) i++;
    const chunkStart = i;
    let ascii = true;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (isAsciiSpace(c)) break;
      if (c > 127) ascii = false;
    }
    if (ascii || isPlain(text, chunkStart, i)) continue;
    let from = chunkStart;
    if (text.charCodeAt(chunkStart) > 127) {
      while (from > plainFrom && isAsciiSpace(text.charCodeAt(from - 1))) from--;
    }
    if (from > plainFrom) tokenizePlain(text, plainFrom, from, tokens);
    graphemeBoundedTokens(text, from, i, tokens);
    plainFrom = i;
  }
  if (plainFrom < n) tokenizePlain(text, plainFrom, n, tokens);
  return tokens;
}

// --- keywordTokens: what keyword tables match ------------------------------------------------------

// a–z, 0–9, the apostrophe, `+` and `#`, and the Latin letters U+00DF–U+024F (lower-case input).
const KEYWORD_ASCII = asciiClasses(`${LOWER}'+#`, DIGITS);

/** The class of a code unit for {@link keywordTokens}: a letter or 0 (no joiners, no digits apart). */
export function isKeywordChar(c: number): boolean {
  return c < 128 ? KEYWORD_ASCII[c] !== 0 : c >= 0xdf && c <= 0x24f;
}

const KEYWORD_SHAPE: WordShape = {
  classAt: (text, i) => (isKeywordChar(text.charCodeAt(i)) ? LETTER : 0),
  joins: never,
  trails: never,
};

/**
 * The words of a lower-cased text for keyword tables: runs of letters, digits, apostrophes, `+` and
 * `#`, without the quotes around them (`'cache'` → `cache`), in order.
 */
export function keywordTokens(lower: string): string[] {
  const text = lower.includes("’") ? lower.replace(/’/g, "'") : lower;
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isKeywordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let start = i;
    i = wordEnd(text, i, n, KEYWORD_SHAPE);
    let end = i;
    // Quotes around a word are not part of it.
    if (text.charCodeAt(start) === 39) start++;
    if (end > start && text.charCodeAt(end - 1) === 39) end--;
    if (end > start) out.push(text.slice(start, end));
  }
  return out;
}

// --- contentWords: words with their joiners, for meaning overlap ------------------------------------

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
const CONTENT_ASCII = asciiClasses(LOWER + UPPER, DIGITS);

/** The class of the code point at `i` (a surrogate pair counts on both of its units). */
function contentClass(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return CONTENT_ASCII[c] === 0 ? 0 : LETTER;
  let cp = c;
  if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
    const high = text.charCodeAt(i - 1);
    if (high >= 0xd800 && high <= 0xdbff) cp = ((high - 0xd800) << 10) + (c - 0xdc00) + 0x10000;
  } else if (c >= 0xd800 && c <= 0xdbff) cp = text.codePointAt(i) as number;
  return LETTER_OR_NUMBER.test(String.fromCodePoint(cp)) ? LETTER : 0;
}

/** Letters and numbers of any script; `'`, `.`, `/` and `-` between two of them join (`walk-in`, `v2.1`, `w/o`); `+` and `#` may trail (`c++`). */
const CONTENT_SHAPE: WordShape = {
  classAt: contentClass,
  joins(text, i) {
    const c = text.charCodeAt(i);
    return (c === 39 || c === 46 || c === 47 || c === 45) && contentClass(text, i + 1) !== 0;
  },
  trails: (c) => c === 43 || c === 35,
};

/** The words of `text`, lower-cased, with curly apostrophes straightened and inner joiners kept. */
export function contentWords(text: string): string[] {
  const lower = text.replace(/’/g, "'").toLowerCase();
  const out: string[] = [];
  const n = lower.length;
  for (let i = 0; i < n; ) {
    if (contentClass(lower, i) === 0) {
      i++;
      continue;
    }
    const end = wordEnd(lower, i, n, CONTENT_SHAPE);
    out.push(lower.slice(i, end));
    i = end;
  }
  return out;
}

// --- wordCount, wordSpans: words as a reader counts them, in place --------------------------------------------------------

/**
 * Letters and numbers of any script; an apostrophe before a letter or digit joins (`don't`, `it’s`),
 * and so does a hyphen when `hyphens` (`follow-up`).
 */
function countShape(hyphens: boolean): WordShape {
  return {
    classAt: contentClass,
    joins(text, i) {
      const c = text.charCodeAt(i);
      return (c === 39 || c === 0x2019 || (hyphens && c === 45)) && contentClass(text, i + 1) !== 0;
    },
    trails: never,
  };
}
const COUNT_SHAPE = countShape(false);
const SPAN_SHAPE = countShape(true);

/**
 * Where the words of `text` are, as `[start, end)` pairs one after another (`[s0, e0, s1, e1, …]`):
 * letters and numbers of any script, inner apostrophes and hyphens joining (`don't`, `follow-up`),
 * for rewriting words in place without cutting the text into strings first.
 */
export function wordSpans(text: string): number[] {
  const spans: number[] = [];
  const n = text.length;
  for (let i = 0; i < n; ) {
    if (contentClass(text, i) === 0) {
      i++;
      continue;
    }
    const end = wordEnd(text, i, n, SPAN_SHAPE);
    spans.push(i, end);
    i = end;
  }
  return spans;
}

/**
 * How many words `text` has as a reader counts them (`don't` one word, `3 km` two), without building
 * them: length targets count after every sentence they add or drop.
 */
export function wordCount(text: string): number {
  let count = 0;
  let inWord = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 128 ? CONTENT_ASCII[c] : contentClass(text, i)) !== 0) {
      if (!inWord) count++;
      inWord = true;
    } else if (!(inWord && i + 1 < n && COUNT_SHAPE.joins(text, i))) inWord = false;
  }
  return count;
}

// --- cueTokens: the query classifier's words --------------------------------------------------------

const CUE_ASCII = asciiClasses(LOWER, DIGITS);

const isCueChar = (c: number): boolean => (c < 128 ? CUE_ASCII[c] !== 0 : c === 0xe9);
const isCueTrail = (c: number): boolean => c === 43 || c === 35;

/** a–z, 0–9 and `é`; `'`, `.`, `/`, `+`, `#` and `-` join when a word character, `+` or `#` follows. */
const CUE_SHAPE: WordShape = {
  classAt: (text, i) => (isCueChar(text.charCodeAt(i)) ? LETTER : 0),
  joins(text, i) {
    const c = text.charCodeAt(i);
    const after = text.charCodeAt(i + 1);
    return (
      (c === 39 || c === 46 || c === 47 || c === 43 || c === 35 || c === 45) &&
      (isCueChar(after) || isCueTrail(after))
    );
  },
  trails: isCueTrail,
};

/**
 * The classifier's words of a lower-cased text with straight apostrophes: words as
 * {@link CUE_SHAPE} reads them, and `$` and `%` on their own.
 */
export function cueTokens(lower: string): string[] {
  const out: string[] = [];
  const n = lower.length;
  for (let i = 0; i < n; ) {
    const c = lower.charCodeAt(i);
    if (isCueChar(c)) {
      const end = wordEnd(lower, i, n, CUE_SHAPE);
      out.push(lower.slice(i, end));
      i = end;
    } else {
      if (c === 36 || c === 37) out.push(lower[i] as string);
      i++;
    }
  }
  return out;
}
