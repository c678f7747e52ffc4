/**
 * Unicode-safe text units for the rule strategies. A text is split into word, whitespace and
 * punctuation tokens whose boundaries are always grapheme-cluster boundaries, so no rule can cut an
 * emoji (ZWJ sequences, skin tones, flags), a base letter from its combining accent, or a surrogate
 * pair. Plain text (ASCII, accented Latin letters, curly quotes and dashes, common emoji: most prompts)
 * takes a fast scanner; every other chunk (CJK, Arabic, Hebrew, any other script, unusual symbols and
 * emoji shapes) goes through `Intl.Segmenter`.
 */

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

// Lazily built, immutable caches: `Intl.Segmenter` instances are stateless after construction and
// costly to create, so one of each granularity is shared by every call.
let wordSegmenter: Intl.Segmenter | undefined;
let graphemeSegmenter: Intl.Segmenter | undefined;

function words(): Intl.Segmenter {
  wordSegmenter ??= new Intl.Segmenter("en", { granularity: "word" });
  return wordSegmenter;
}

function graphemeSeg(): Intl.Segmenter {
  graphemeSegmenter ??= new Intl.Segmenter("en", { granularity: "grapheme" });
  return graphemeSegmenter;
}

const NON_ASCII = /[\u0080-\uffff]/;
const LATIN_WORD = /^[\p{Script=Latin}\p{M}]+(?:['’][\p{Script=Latin}\p{M}]+)*$/u;
const WHITESPACE = /^\s+$/u;

/** True when the text has only ASCII characters. */
export function isAscii(text: string): boolean {
  if (text.length > 24) return !NON_ASCII.test(text);
  // Short strings (single words): a loop is cheaper than a regex call.
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** ASCII letters, and the Latin-1 Supplement and Latin Extended-A/B letters (À–ɏ without × ÷). */
function isLatinLetter(c: number): boolean {
  return isAsciiLetter(c) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/** Combining diacritical marks: they extend the letter before them. */
function isMark(c: number): boolean {
  return c >= 0x300 && c <= 0x36f;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWordChar(c: number): boolean {
  return isLatinLetter(c) || isDigit(c) || c === 95 || isMark(c);
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** Non-ASCII punctuation that is one code unit and never part of a larger cluster. */
const SIMPLE_PUNCT: ReadonlySet<number> = new Set([
  0x2018, 0x2019, 0x201c, 0x201d, 0x2013, 0x2014, 0x2026, 0xab, 0xbb, 0x2022, 0xb0, 0x20ac, 0xa3, 0xa5,
  0x20b9, 0xa1, 0xbf, 0xa7, 0xa9, 0xae,
]);

// One common emoji cluster: a flag (two regional indicators), or a pictograph with an optional
// presentation selector or skin tone, joined to more by ZWJ. Rarer shapes (keycaps, tag sequences,
// text-style selectors) are left to `Intl.Segmenter`. Compiled once and only used sticky: `lastIndex`
// is set before every `exec` in this module's synchronous functions, so no call sees another's state.
const EMOJI_CLUSTER =
  /\p{Regional_Indicator}{2}|\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?(?:\u200D\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?)*/uy;

/** The end of the emoji cluster starting at `i`, or -1 when none starts there. */
function emojiEnd(text: string, i: number): number {
  EMOJI_CLUSTER.lastIndex = i;
  return EMOJI_CLUSTER.test(text) ? EMOJI_CLUSTER.lastIndex : -1;
}

/** True when the fast scanner handles `text[from, to)` exactly as the segmenter would. */
function isPlain(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 || isLatinLetter(c) || SIMPLE_PUNCT.has(c)) continue;
    if (isMark(c) && i > from && isWordChar(text.charCodeAt(i - 1))) continue;
    const end = c >= 0x2000 ? emojiEnd(text, i) : -1;
    if (end < 0 || end > to) return false;
    i = end - 1;
  }
  return true;
}

// Character classes of the scanner, by code unit for ASCII (a read-only table built at load time).
const OTHER = 0;
const LETTER = 1;
const DIGIT = 2;
const SPACE = 3;
const ASCII_CLASS: Readonly<Uint8Array> = (() => {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    if (isAsciiLetter(c)) table[c] = LETTER;
    else if (isDigit(c) || c === 95) table[c] = DIGIT;
    else if (isAsciiSpace(c)) table[c] = SPACE;
  }
  return table;
})();

/** The scanner's class of a code unit: Latin letters and combining marks count as letters. */
function classOf(c: number): number {
  if (c < 128) return ASCII_CLASS[c] as number;
  return isLatinLetter(c) || isMark(c) ? LETTER : OTHER;
}

/**
 * The fast scanner for plain text `text[from, n)`, following UAX #29 word boundaries for the
 * characters it accepts. `n` ends a plain region: the end of the text or a chunk for the segmenter.
 */
function tokenizePlain(text: string, from: number, n: number, tokens: Token[]): void {
  let i = from;
  while (i < n) {
    const c = text.charCodeAt(i);
    const k = classOf(c);
    const start = i;
    if (k === LETTER || k === DIGIT) {
      let onlyLetters = k === LETTER;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        const kd = classOf(d);
        if (kd === LETTER) {
          i++;
          continue;
        }
        if (kd === DIGIT) {
          onlyLetters = false;
          i++;
          continue;
        }
        if (kd === SPACE) break;
        // Inner joiners: don't, don’t, e.g, 3.14, 1,000 (a joiner needs a word character on each side).
        const next = i + 1 < n ? classOf(text.charCodeAt(i + 1)) : OTHER;
        const prev = classOf(text.charCodeAt(i - 1));
        if (isApostrophe(d) && prev === LETTER && next === LETTER) {
          i++;
          continue;
        }
        if (d === 46 && prev !== OTHER && prev !== SPACE && (next === LETTER || next === DIGIT)) {
          onlyLetters = false;
          i++;
          continue;
        }
        if ((d === 44 || d === 58) && prev === DIGIT && next === DIGIT) {
          i++;
          continue;
        }
        break;
      }
      tokens.push({ kind: "word", start, end: i, text: text.slice(start, i), latin: onlyLetters });
    } else if (k === SPACE) {
      i++;
      while (i < n && classOf(text.charCodeAt(i)) === SPACE) i++;
      tokens.push({ kind: "space", start, end: i, text: text.slice(start, i), latin: false });
    } else {
      // Plain text holds only one-unit punctuation and the emoji clusters `isPlain` accepted.
      const end = c >= 0x2000 && !SIMPLE_PUNCT.has(c) ? emojiEnd(text, i) : -1;
      i = end > i ? end : i + 1;
      tokens.push({ kind: "punct", start, end: i, text: text.slice(start, i), latin: false });
    }
  }
}

/**
 * `Intl.Segmenter` word segmentation of `text[from, to)`, appended to `tokens`. UAX #29 word and
 * grapheme rules disagree in corner cases (a flag pair read across a variation selector, prepended
 * concatenation marks), so segments are merged until they end on a grapheme boundary.
 */
function tokenizeSegmented(text: string, from: number, to: number, tokens: Token[]): void {
  const chunk = text.slice(from, to);
  const boundaries = new Set<number>([chunk.length]);
  for (const seg of graphemeSeg().segment(chunk)) boundaries.add(seg.index);
  let pending = "";
  let pendingStart = 0;
  let wordLike = false;
  for (const seg of words().segment(chunk)) {
    if (pending === "") pendingStart = seg.index;
    pending += seg.segment;
    wordLike ||= seg.isWordLike === true;
    const end = seg.index + seg.segment.length;
    if (!boundaries.has(end)) continue;
    const start = from + pendingStart;
    if (wordLike) {
      tokens.push({ kind: "word", start, end: from + end, text: pending, latin: LATIN_WORD.test(pending) });
    } else if (WHITESPACE.test(pending)) {
      const last = tokens[tokens.length - 1];
      if (last !== undefined && last.kind === "space") {
        last.end = from + end;
        last.text += pending;
      } else {
        tokens.push({ kind: "space", start, end: from + end, text: pending, latin: false });
      }
    } else {
      tokens.push({ kind: "punct", start, end: from + end, text: pending, latin: false });
    }
    pending = "";
    wordLike = false;
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
    tokenizeSegmented(text, from, i, tokens);
    plainFrom = i;
  }
  if (plainFrom < n) tokenizePlain(text, plainFrom, n, tokens);
  return tokens;
}

/** The grapheme clusters of a string (user-perceived characters), never splitting a surrogate pair. */
export function graphemes(text: string): string[] {
  if (isAscii(text) && !text.includes("\r")) return text.split("");
  if (isPlain(text, 0, text.length)) {
    // Plain text: every cluster is an emoji cluster, or one code unit plus the combining marks after it.
    const out: string[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let end = c >= 0x2000 && !SIMPLE_PUNCT.has(c) ? emojiEnd(text, i) : -1;
      if (end < 0) end = c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      while (end < text.length && isMark(text.charCodeAt(end))) end++;
      out.push(text.slice(i, end));
      i = end - 1;
    }
    return out;
  }
  const out: string[] = [];
  for (const seg of graphemeSeg().segment(text)) out.push(seg.segment);
  return out;
}

/** True for a single ASCII letter. */
export function isAsciiLetterString(g: string): boolean {
  return g.length === 1 && isAsciiLetter(g.charCodeAt(0));
}
