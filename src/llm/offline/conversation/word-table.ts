/**
 * Keyword tests without regular expressions: a message is split into lower-case words once, and each
 * keyword list is a table of single words, multi-word phrases and prefixes. A test is one pass over
 * the words with set lookups, which keeps the offline generators at a few microseconds per message
 * however many lists they consult.
 */

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

// Anything that is not a letter, a digit, an apostrophe, `+` or `#` separates words.
const SEPARATORS = /[^a-z0-9'+#\u00df-\u024f]+/;

/** The words of a lower-cased text (letters, digits, inner apostrophes, `+`, `#`), in order. */
export function tokens(lower: string): string[] {
  const text = lower.includes("’") ? lower.replace(/’/g, "'") : lower;
  const pieces = text.split(SEPARATORS);
  const out: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    let word = pieces[i] as string;
    if (word === "") continue;
    // Quotes around a word are not part of it.
    if (word.charCodeAt(0) === 39) word = word.slice(1);
    if (word.charCodeAt(word.length - 1) === 39) word = word.slice(0, -1);
    if (word !== "") out.push(word);
  }
  return out;
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
  return { bit, singles, phrases, prefixes };
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
