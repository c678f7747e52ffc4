/**
 * Characters as a reader sees them: grapheme clusters (never a split surrogate pair, emoji ZWJ
 * sequence, skin tone, flag or base letter and its accent) and the common emoji clusters, read by a
 * fast scanner in plain text (ASCII, accented Latin letters, curly quotes and dashes, common emoji:
 * most prompts) and by `Intl.Segmenter` elsewhere (CJK, Arabic, Hebrew, any other script, unusual
 * symbols and emoji shapes).
 */
import type { Token } from "./tokenizer.js";

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

const LATIN_WORD = /^[\p{Script=Latin}\p{M}]+(?:['’][\p{Script=Latin}\p{M}]+)*$/u;
const WHITESPACE = /^\s+$/u;

/** True when the text has only ASCII characters. */
export function isAscii(text: string): boolean {
  if (text.length > 24) return !/[\u0080-\uffff]/.test(text);
  // Short strings (single words): a loop is cheaper than a regex call.
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** ASCII letters, and the Latin-1 Supplement and Latin Extended-A/B letters (À–ɏ without × ÷). */
export function isLatinLetter(c: number): boolean {
  return isAsciiLetter(c) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/** Combining diacritical marks: they extend the letter before them. */
export function isMark(c: number): boolean {
  return c >= 0x300 && c <= 0x36f;
}

/** ASCII whitespace: it always separates words and grapheme clusters. */
export function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function isPlainWordChar(c: number): boolean {
  return isLatinLetter(c) || (c >= 48 && c <= 57) || c === 95 || isMark(c);
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
export function isPlain(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 || isLatinLetter(c) || SIMPLE_PUNCT.has(c)) continue;
    if (isMark(c) && i > from && isPlainWordChar(text.charCodeAt(i - 1))) continue;
    const end = c >= 0x2000 ? emojiEnd(text, i) : -1;
    if (end < 0 || end > to) return false;
    i = end - 1;
  }
  return true;
}

/** The end of the punctuation token at `i` in plain text: one code unit or one emoji cluster. */
export function plainPunctEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const end = c >= 0x2000 && !SIMPLE_PUNCT.has(c) ? emojiEnd(text, i) : -1;
  return end > i ? end : i + 1;
}

/**
 * `Intl.Segmenter` word segmentation of `text[from, to)`, appended to `tokens`. UAX #29 word and
 * grapheme rules disagree in corner cases (a flag pair read across a variation selector, prepended
 * concatenation marks), so segments are merged until they end on a grapheme boundary.
 */
export function graphemeBoundedTokens(text: string, from: number, to: number, tokens: Token[]): void {
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
