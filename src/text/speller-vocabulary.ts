import { readdirSync, readFileSync } from "node:fs";
import { dataPath } from "../util/data-path.js";
import { dictionaryLines } from "./cspell-dictionary.js";

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
  /** `misspelling → its corrections`, in cspell's order ("mye" → may, my; "isnt" → isn't). */
  fixes: ReadonlyMap<string, readonly string[]>;
  /** Words of two to six capitals that the shipped text writes so (`sql`, `asap`), lower case → 1. */
  acronyms: ReadonlyMap<string, number>;
}

// A lazy cache, like noise/misspellings.ts's: built on first use from the packaged lists (~150 ms,
// ~3 MB), never modified afterwards and identical for every caller, so it cannot make results depend
// on call order.
let cache: SpellerVocabulary | undefined;

const WORD = /^[a-z]+$/;
const FIX = /^[a-z]+(?:'[a-z]+)?$/;

// Contractions typed without their apostrophe that cspell's list leaves out (it holds "isnt",
// "doesnt", "didnt"). Not "its", "ill", "well", "were", "shed", "id": those are words as typed.
const BARE_CONTRACTIONS: ReadonlyArray<readonly [string, string]> = [
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
];

/** The speller's vocabulary (see {@link SpellerVocabulary}), read once. */
export function spellerVocabulary(): SpellerVocabulary {
  if (cache !== undefined) return cache;
  const counts = new Map<string, number>();
  const fixes = new Map<string, readonly string[]>(BARE_CONTRACTIONS.map(([w, f]) => [w, [f]]));
  for (const line of dictionaryLines()) {
    const arrow = line.indexOf("->");
    if (arrow <= 0) continue;
    const corrections = line
      .slice(arrow + 2)
      .split(",")
      .map((raw) => raw.trim().toLowerCase());
    for (const w of corrections) if (w.length >= 3 && WORD.test(w)) counts.set(w, 0);
    const wrong = line.slice(0, arrow).trim().toLowerCase();
    const usable = corrections.filter((w) => FIX.test(w));
    if (WORD.test(wrong) && usable.length > 0 && !fixes.has(wrong)) fixes.set(wrong, usable);
  }
  const acronyms = new Map<string, number>();
  for (const file of bundledTextFiles()) {
    const text = readFileSync(file, "utf8");
    for (const w of text.toLowerCase().match(/[a-z]{3,}/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
    for (const w of text.match(/\b[A-Z]{2,6}\b/g) ?? []) acronyms.set(w.toLowerCase(), 1);
  }
  cache = { counts, fixes, acronyms };
  return cache;
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
