/**
 * Keyword tests without regular expressions: a message is split into lower-case words once, and each
 * keyword list is a table of single words, multi-word phrases and prefixes. A test is one pass over
 * the words with set lookups, which keeps the offline generators at a few microseconds per message
 * however many lists they consult. Words are read as {@link keywordTokens} reads them.
 */
import { isKeywordChar, keywordTokens } from "./tokenizer.js";

/** A keyword list: single words, phrases (by first word) and word prefixes (`crash*`). */
export interface WordTable {
  readonly singles: ReadonlySet<string>;
  readonly phrases: ReadonlyMap<string, ReadonlyArray<readonly string[]>>;
  readonly prefixes: readonly string[];
}

/**
 * Builds a table from `|`-separated entries: `word`, `two words` (consecutive words) or `prefix*`.
 * Apostrophes are straight; `tl;dr` is written `tl dr`.
 */
export function wordTable(entries: string): WordTable {
  const singles = new Set<string>();
  const phrases = new Map<string, string[][]>();
  const prefixes: string[] = [];
  for (const raw of entries.split("|")) {
    const entry = raw.trim().toLowerCase();
    if (entry === "") continue;
    if (entry.endsWith("*")) prefixes.push(entry.slice(0, -1));
    else if (entry.includes(" ")) {
      const words = entry.split(/\s+/);
      const first = words[0] as string;
      const list = phrases.get(first) ?? [];
      list.push(words);
      phrases.set(first, list);
    } else singles.add(entry);
  }
  return { singles, phrases, prefixes };
}

/** Index of the first word where an entry of the table matches, or -1. */
export function findIn(words: readonly string[], table: WordTable, from = 0): number {
  for (let i = from; i < words.length; i++) {
    const w = words[i] as string;
    if (table.singles.has(w)) return i;
    const phrases = table.phrases.get(w);
    if (phrases !== undefined) {
      for (const phrase of phrases) {
        let ok = true;
        for (let k = 1; k < phrase.length; k++) {
          if (words[i + k] !== phrase[k]) {
            ok = false;
            break;
          }
        }
        if (ok) return i;
      }
    }
    for (const prefix of table.prefixes) if (w.startsWith(prefix)) return i;
  }
  return -1;
}

/** True when any entry of the table occurs in the words. */
export function hasAny(words: readonly string[], table: WordTable): boolean {
  return findIn(words, table) >= 0;
}

/** Several keyword lists scanned together: one pass over the words answers all of them. */
export interface Lexicon<K extends string> {
  /** The bit of each list in a scan result. */
  readonly bit: Readonly<Record<K, number>>;
  readonly singles: ReadonlyMap<string, number>;
  readonly phrases: ReadonlyMap<string, ReadonlyArray<readonly [readonly string[], number]>>;
  /** Prefix entries by the char code of their first letter (ASCII only). */
  readonly prefixes: ReadonlyArray<ReadonlyArray<readonly [string, number]> | undefined>;
  /** Every word of every entry, by id, for {@link scanText}. */
  readonly vocab: readonly string[];
  /** Open-addressing hash table of `vocab` (id + 1, 0 for empty), by first letter, last, length. */
  readonly slots: Int32Array;
  /** The bits of the single-word entries, by word id. */
  readonly wordBits: Int32Array;
  /** Phrases by the id of their last word: the ids of the words before it, in order, and the bit. */
  readonly phrasesByLast: ReadonlyArray<ReadonlyArray<readonly [Int32Array, number]> | undefined>;
}

/** Builds a lexicon from named `|`-separated lists (see {@link wordTable}); at most 31 lists. */
export function lexicon<K extends string>(lists: Readonly<Record<K, string>>): Lexicon<K> {
  const bit = {} as Record<K, number>;
  const singles = new Map<string, number>();
  const phrases = new Map<string, Array<readonly [readonly string[], number]>>();
  const prefixes: Array<Array<readonly [string, number]> | undefined> = new Array(128).fill(undefined);
  let n = 0;
  for (const name of Object.keys(lists) as K[]) {
    if (n >= 31) throw new RangeError("lexicon: at most 31 lists");
    const b = 1 << n++;
    bit[name] = b;
    const table = wordTable(lists[name]);
    for (const w of table.singles) singles.set(w, (singles.get(w) ?? 0) | b);
    for (const [first, list] of table.phrases) {
      const entries = phrases.get(first) ?? [];
      for (const phrase of list) entries.push([phrase, b]);
      phrases.set(first, entries);
    }
    for (const p of table.prefixes) {
      const c = p.charCodeAt(0);
      if (c >= 128) throw new RangeError("lexicon: prefixes must start with an ASCII letter");
      const list = prefixes[c] ?? [];
      list.push([p, b]);
      prefixes[c] = list;
    }
  }
  // The same entries by word id, for scanning a text without cutting it into words.
  const ids = new Map<string, number>();
  const vocab: string[] = [];
  const idOf = (w: string): number => {
    let id = ids.get(w);
    if (id === undefined) {
      id = vocab.length;
      vocab.push(w);
      ids.set(w, id);
    }
    return id;
  };
  for (const w of singles.keys()) idOf(w);
  for (const list of phrases.values()) for (const [phrase] of list) for (const w of phrase) idOf(w);
  let size = 16;
  while (size < vocab.length * 4) size *= 2;
  const slots = new Int32Array(size);
  for (let id = 0; id < vocab.length; id++) {
    const w = vocab[id] as string;
    let at = wordKey(w.charCodeAt(0), w.charCodeAt(w.length - 1), w.length) & (size - 1);
    while (slots[at] !== 0) at = (at + 1) & (size - 1);
    slots[at] = id + 1;
  }
  const wordBits = new Int32Array(vocab.length);
  for (const [w, bits] of singles) wordBits[idOf(w)] = bits;
  const phrasesByLast: Array<Array<readonly [Int32Array, number]> | undefined> = new Array(vocab.length);
  for (const list of phrases.values()) {
    for (const [phrase, b] of list) {
      if (phrase.length > 8) throw new RangeError("lexicon: phrases of at most 8 words");
      const last = idOf(phrase[phrase.length - 1] as string);
      const before = Int32Array.from(phrase.slice(0, -1), idOf);
      const list = phrasesByLast[last] ?? [];
      list.push([before, b]);
      phrasesByLast[last] = list;
    }
  }
  return { bit, singles, phrases, prefixes, vocab, slots, wordBits, phrasesByLast };
}

/** Where a word goes in a lexicon's table: from its first and last letters and its length. */
function wordKey(first: number, last: number, length: number): number {
  return Math.imul((first << 11) ^ (last << 5) ^ length, 0x9e3779b1) >>> 16;
}

// For scanning text that is not lower-cased yet: the lower-case code of each ASCII word character
// (A–Z lowered), 0 for a separator.
const WORD_LOWER = (() => {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) if (isKeywordChar(c)) table[c] = c;
  for (let c = 65; c <= 90; c++) table[c] = c + 32;
  return table;
})();

// The lower-case code of a word character outside ASCII as `keywordTokens` sees it after `toLowerCase`
// (curly apostrophe straightened), 0 for a separator, -1 when it lower-cases to more than one unit.
function wideWordCode(c: number): number {
  if (c === 0x2019) return 39;
  // General punctuation (dashes, quotes, bullets), the surrogates and the private use area (the
  // placeholders of masked text) have no case and no letters.
  if ((c >= 0x2000 && c <= 0x206f) || (c >= 0xd800 && c <= 0xf8ff)) return 0;
  const lower = String.fromCharCode(c).toLowerCase();
  if (lower.length !== 1) return -1;
  const d = lower.charCodeAt(0);
  return isKeywordChar(d) ? d : 0;
}

function wordCode(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c < 128 ? (WORD_LOWER[c] as number) : wideWordCode(c);
}

/**
 * `scan(keywordTokens(text.toLowerCase()), lex)` in one pass over the characters, with no intermediate
 * strings: each word is lower-cased and hashed as it is read and looked up among the lexicon's
 * words, phrases are matched backwards from their last word, prefixes are compared in place.
 */
export function scanText<K extends string>(text: string, lex: Lexicon<K>): number {
  const n = text.length;
  const { slots, vocab, wordBits, phrasesByLast, prefixes } = lex;
  const mask = slots.length - 1;
  // The ids of the last words read (-1 for a word the lexicon does not know), newest last.
  const recent = [-1, -1, -1, -1, -1, -1, -1, -1];
  let count = 0;
  let hits = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const code = c < 128 ? (WORD_LOWER[c] as number) : wideWordCode(c);
    if (code === 0) {
      i++;
      continue;
    }
    let start = i;
    let next = code;
    while (next > 0 && ++i < n) {
      const d = text.charCodeAt(i);
      next = d < 128 ? (WORD_LOWER[d] as number) : wideWordCode(d);
    }
    // A character that lower-cases to two ("İ"): read the text the slow way.
    if (next < 0 || code < 0) return scan(keywordTokens(text.toLowerCase()), lex);
    // The word is [start, end); quotes around it are not part of it.
    let end = i;
    let first = code;
    if (first === 39) {
      start++;
      if (start < end) first = wordCode(text, start);
    }
    let last = wordCode(text, end - 1);
    if (last === 39 && end > start) {
      end--;
      if (end > start) last = wordCode(text, end - 1);
    }
    const len = end - start;
    if (len <= 0) continue;
    let id = -1;
    for (let at = wordKey(first, last, len) & mask; slots[at] !== 0; at = (at + 1) & mask) {
      const candidate = (slots[at] as number) - 1;
      const w = vocab[candidate] as string;
      if (w.length !== len || w.charCodeAt(0) !== first || w.charCodeAt(len - 1) !== last) continue;
      let k = 1;
      while (k < len - 1 && wordCode(text, start + k) === w.charCodeAt(k)) k++;
      if (k >= len - 1) {
        id = candidate;
        break;
      }
    }
    if (id >= 0) {
      hits |= wordBits[id] as number;
      const ends = phrasesByLast[id];
      if (ends !== undefined) {
        for (let p = 0; p < ends.length; p++) {
          const entry = ends[p] as readonly [Int32Array, number];
          const words = entry[0];
          if ((hits & entry[1]) !== 0 || words.length > count) continue;
          let k = 0;
          while (k < words.length && recent[(count - words.length + k) & 7] === words[k]) k++;
          if (k === words.length) hits |= entry[1];
        }
      }
    }
    const candidates = first < 128 ? prefixes[first] : undefined;
    if (candidates !== undefined) {
      for (let p = 0; p < candidates.length; p++) {
        const entry = candidates[p] as readonly [string, number];
        const prefix = entry[0];
        if ((hits & entry[1]) !== 0 || prefix.length > len) continue;
        let k = 1;
        while (k < prefix.length && wordCode(text, start + k) === prefix.charCodeAt(k)) k++;
        if (k === prefix.length) hits |= entry[1];
      }
    }
    recent[count & 7] = id;
    count++;
  }
  return hits;
}

/** The lists of the lexicon that occur in the words, as bits (test with `hits & lex.bit.name`). */
export function scan<K extends string>(words: readonly string[], lex: Lexicon<K>): number {
  let hits = 0;
  const prefixes = lex.prefixes;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    hits |= lex.singles.get(w) ?? 0;
    const phrases = lex.phrases.get(w);
    if (phrases !== undefined) {
      for (const [phrase, b] of phrases) {
        if ((hits & b) !== 0) continue;
        let ok = true;
        for (let k = 1; k < phrase.length; k++) {
          if (words[i + k] !== phrase[k]) {
            ok = false;
            break;
          }
        }
        if (ok) hits |= b;
      }
    }
    const candidates = prefixes[w.charCodeAt(0)];
    if (candidates !== undefined) {
      for (let p = 0; p < candidates.length; p++) {
        const entry = candidates[p] as readonly [string, number];
        if ((hits & entry[1]) === 0 && w.startsWith(entry[0])) hits |= entry[1];
      }
    }
  }
  return hits;
}
