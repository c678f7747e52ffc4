import { readdirSync, readFileSync } from "node:fs";
import { dataPath } from "../util/data-path.js";
import { dictionaryLines } from "./cspell-dictionary.js";
import { WordSpanSet } from "./word-span-set.js";

/**
 * What the offline assistant's speller (text/spelling.ts) knows: the right-hand side of cspell's
 * common-misspellings list (~19k English words) and every word the package ships in data/, with how
 * often each occurs in the shipped text (a stand-in for how common a word is, to choose between two
 * repairs: "mye" is "my" before "may"); the listed fixes of cspell's misspellings; and the
 * acronyms the shipped text writes in capitals ("SQL", "JSON"), which a shouted word ("LEASE") is not.
 */
export interface SpellerVocabulary {
  /** Lower-case words (three letters or more) → occurrences in the shipped text (0: cspell's only). */
  counts: ReadonlyMap<string, number>;
  /** The words of `counts`, asked about a word of a text in place. */
  words: WordSpanSet;
  /** `misspelling → its corrections`, in cspell's order ("mye" → may, my; "isnt" → isn't). */
  fixes: { get(wrong: string): readonly string[] | undefined; has(wrong: string): boolean };
  /** Words of two to six capitals that the shipped text writes so (`sql`, `asap`), lower case → 1. */
  acronyms: ReadonlyMap<string, number>;
}

// A lazy cache, like noise/misspellings.ts's: built on first use from the packaged lists (~150 ms,
// ~3 MB), never modified afterwards and identical for every caller, so it cannot make results depend
// on call order.
let cache: SpellerVocabulary | undefined;

const WORD = /^[a-z]+$/;
const LETTERS_ONLY = /^[A-Za-z]+$/;
const FIX = /^[a-z]+(?:'[a-z]+)?$/;

// Contractions typed without their apostrophe that cspell's list leaves out (it holds "isnt",
// "doesnt", "didnt"). Not "its", "ill", "well", "were", "shed", "id": those are words as typed.
const BARE_CONTRACTIONS: ReadonlyMap<string, string> = new Map([
  ["thats", "that's"],
  ["whats", "what's"],
  ["dont", "don't"],
  ["wont", "won't"],
  ["cant", "can't"],
  ["heres", "here's"],
  ["theres", "there's"],
  ["wouldnt", "wouldn't"],
  ["couldnt", "couldn't"],
  ["shouldnt", "shouldn't"],
  ["wasnt", "wasn't"],
  ["arent", "aren't"],
  ["havent", "haven't"],
  ["hasnt", "hasn't"],
  ["youll", "you'll"],
  ["theyll", "they'll"],
  ["ive", "I've"],
  ["im", "I'm"],
  ["youre", "you're"],
  ["theyre", "they're"],
]);

/** The speller's vocabulary (see {@link SpellerVocabulary}), read once. */
export function spellerVocabulary(): SpellerVocabulary {
  if (cache !== undefined) return cache;
  const counts = new Map<string, number>();
  // The right-hand side of each misspelling's line, read into corrections only when looked up.
  const lines = new Map<string, string>();
  for (const line of dictionaryLines()) {
    const arrow = line.indexOf("->");
    if (arrow <= 0) continue;
    const rhs = line.slice(arrow + 2);
    for (let from = 0; from < rhs.length; ) {
      let to = rhs.indexOf(",", from);
      if (to < 0) to = rhs.length;
      const w = lowerWord(rhs.slice(from, to).trim());
      if (w !== undefined && w.length >= 3) counts.set(w, 0);
      from = to + 1;
    }
    const wrong = lowerWord(line.slice(0, arrow).trim());
    if (wrong !== undefined) {
      const earlier = lines.get(wrong);
      lines.set(wrong, earlier === undefined ? rhs : `${earlier},${rhs}`);
    }
  }
  const acronyms = new Map<string, number>();
  for (const file of bundledTextFiles()) {
    const text = readFileSync(file, "utf8");
    for (const w of text.toLowerCase().match(/[a-z]{3,}/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
    for (const w of text.match(/\b[A-Z]{2,6}\b/g) ?? []) acronyms.set(w.toLowerCase(), 1);
  }
  const fixes: SpellerVocabulary["fixes"] = {
    get(wrong: string): readonly string[] | undefined {
      const bare = BARE_CONTRACTIONS.get(wrong);
      if (bare !== undefined) return [bare];
      const rhs = lines.get(wrong);
      if (rhs === undefined) return undefined;
      const usable = rhs
        .split(",")
        .map((w) => w.trim().toLowerCase())
        .filter((w) => FIX.test(w));
      return usable.length === 0 ? undefined : usable;
    },
    has(wrong: string): boolean {
      return this.get(wrong) !== undefined;
    },
  };
  cache = { counts, words: new WordSpanSet(counts.keys()), fixes, acronyms };
  return cache;
}

/** The word in lower case when it is letters only, else undefined. */
function lowerWord(word: string): string | undefined {
  if (WORD.test(word)) return word;
  return LETTERS_ONLY.test(word) ? word.toLowerCase() : undefined;
}

/**
 * Every text file the package ships in data/ (phrase tables, seed queries, persona bank, prompts)
 * except the noise strategies, whose examples are slips on purpose.
 */
function bundledTextFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (/\.(?:json|jsonl|yaml|txt)$/.test(entry.name) && entry.name !== "distractor_strategy.yaml")
        out.push(path);
    }
  };
  walk(dataPath());
  return out.sort();
}
