import { dictionaryLines } from "../text/cspell-dictionary.js";

/**
 * Real misspellings from `@cspell/dict-en-common-misspellings` (CC BY-SA 4.0), inverted from the
 * package's `misspelling->word, word` entries into `word → misspellings`. Only all-lowercase ASCII
 * words (with at most an inner apostrophe) are kept, so a replacement can take the case of the word
 * it replaces.
 */

const WORD = /^[a-z]+(?:'[a-z]+)?$/;

/** `word → misspellings`, each list sorted, for a lookup by lowercase word. */
export interface MisspellingIndex {
  get(word: string): readonly string[] | undefined;
  /** True when `get(word)` has misspellings (without splitting them out). */
  has(word: string): boolean;
}

/**
 * Each word's misspellings kept as one space-joined string (a misspelling never holds a space): the
 * ~96,000 misspellings as ~19,000 strings take 2.3 MB instead of 7.9 MB as arrays of strings, for
 * the whole run. A lookup splits the few lists the noise asks for.
 */
class JoinedMisspellings implements MisspellingIndex {
  constructor(private readonly lists: ReadonlyMap<string, string>) {}

  get(word: string): readonly string[] | undefined {
    return this.lists.get(word)?.split(" ");
  }

  has(word: string): boolean {
    return this.lists.has(word);
  }
}

// The one module-level cache of the noise layer: built on first use (reading ~2.6 MB of JSON takes
// ~100 ms), never modified afterwards, identical for every caller, so sharing it cannot make results
// depend on call order.
let cache: MisspellingIndex | undefined;

/** Inverts cspell `misspelling->word, word` lines into an index. Exported for tests. */
export function invertMisspellings(lines: Iterable<string>): MisspellingIndex {
  const index = new Map<string, string[]>();
  for (const line of lines) {
    const arrow = line.indexOf("->");
    if (arrow <= 0) continue;
    const wrong = line.slice(0, arrow);
    if (!WORD.test(wrong)) continue;
    for (const raw of line.slice(arrow + 2).split(",")) {
      const word = raw.trim();
      if (!WORD.test(word) || word === wrong) continue;
      let list = index.get(word);
      if (list === undefined) {
        list = [];
        index.set(word, list);
      }
      if (!list.includes(wrong)) list.push(wrong);
    }
  }
  const joined = new Map<string, string>();
  for (const [word, list] of index) joined.set(word, list.sort().join(" "));
  return new JoinedMisspellings(joined);
}

/** The shared `word → misspellings` index, loaded on first call. */
export function misspellingIndex(): MisspellingIndex {
  cache ??= invertMisspellings(dictionaryLines());
  return cache;
}
