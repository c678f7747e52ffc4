import { readdirSync, readFileSync } from "node:fs";
import { dataPath } from "../util/data-path.js";
import { dictionaryLines } from "./cspell-dictionary.js";

/**
 * Spelling repair for what the offline assistant says back to the user. A model reads past a typo
 * and restates the request in correct words; the engine's stand-in repairs a known misspelling
 * (cspell's common-misspellings list: "dangerious" → "dangerous", "isnt" → "isn't"), a contraction
 * typed without its apostrophe ("thats"), and the slips people make most — a letter typed twice
 * ("tablee", "bettween") or once too often ("wouold"), two letters swapped ("sohuld"), and in an
 * uninflected word of six letters or more a letter left out ("sotware") — when the repaired word is
 * one it knows and the typed one is not. It knows the right-hand side of cspell's common-misspellings
 * list (~19k English words) and every word the package ships in data/, with their regular
 * inflections ("teams", "planned"). A word it cannot repair (a name, a rare term) is
 * left as written, and so is any word with a capital after its first letter ("iPhone", "SQL") unless
 * it is shouted whole and five letters or more ("TABLEE").
 */

/** What the speller knows: its vocabulary and the known fixes of cspell's misspellings. */
interface Speller {
  words: ReadonlySet<string>;
  /** `misspelling → its first correction` ("srry" → "sorry", "isnt" → "isn't"). */
  fixes: ReadonlyMap<string, string>;
}

// A lazy cache, like noise/misspellings.ts's: built on first use from the packaged lists (~150 ms,
// ~3 MB), never modified afterwards and identical for every caller, so it cannot make results depend
// on call order.
let cache: Speller | undefined;

const WORD = /^[a-z]+$/;
const FIX = /^[a-z]+(?:'[a-z]+)?$/;

// Contractions typed without their apostrophe that cspell's list leaves out (it holds "isnt",
// "doesnt", "didnt"). Not "its", "ill", "well", "were", "shed": those are words as typed.
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
];

/** The speller's vocabulary and fixes (see the module comment). */
function speller(): Speller {
  if (cache !== undefined) return cache;
  const words = new Set<string>();
  const fixes = new Map<string, string>(BARE_CONTRACTIONS);
  for (const line of dictionaryLines()) {
    const arrow = line.indexOf("->");
    if (arrow <= 0) continue;
    const corrections = line.slice(arrow + 2).split(",");
    for (const raw of corrections) {
      const w = raw.trim().toLowerCase();
      if (w.length >= 3 && WORD.test(w)) words.add(w);
    }
    const wrong = line.slice(0, arrow).trim().toLowerCase();
    const first = corrections[0]?.trim().toLowerCase() ?? "";
    if (WORD.test(wrong) && FIX.test(first) && !fixes.has(wrong)) fixes.set(wrong, first);
  }
  for (const file of bundledTextFiles()) {
    for (const w of readFileSync(file, "utf8")
      .toLowerCase()
      .match(/[a-z]{3,}/g) ?? [])
      words.add(w);
  }
  cache = { words, fixes };
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

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

const SUFFIXES: ReadonlyArray<readonly [string, string]> = [
  ["ies", "y"],
  ["es", ""],
  ["s", ""],
  ["ed", ""],
  ["ed", "e"],
  ["ing", ""],
  ["ing", "e"],
];

/** True when the word or its stem under a regular suffix ("teams" → "team") is known. */
function known(word: string, words: ReadonlySet<string>): boolean {
  if (words.has(word)) return true;
  for (const [suffix, back] of SUFFIXES) {
    if (word.length > suffix.length + 2 && word.endsWith(suffix)) {
      const stem = word.slice(0, -suffix.length);
      if (words.has(stem + back)) return true;
      // "planned", "running": the doubled consonant of the stem.
      if (suffix.length >= 2 && back === "" && stem.at(-1) === stem.at(-2) && words.has(stem.slice(0, -1)))
        return true;
    }
  }
  return false;
}

/** The known word one edit from an unknown lower-case `word`, or undefined. */
function nearest(word: string, words: ReadonlySet<string>): string | undefined {
  const found = (w: string) => w.length >= 4 && known(w, words);
  // A doubled letter first ("tablee"), then two letters swapped ("sohuld").
  for (let i = 1; i < word.length; i++) {
    if (word[i] === word[i - 1]) {
      const w = word.slice(0, i) + word.slice(i + 1);
      if (found(w)) return w;
    }
  }
  for (let i = 0; i < word.length - 1; i++) {
    const w = word.slice(0, i) + (word[i + 1] as string) + (word[i] as string) + word.slice(i + 2);
    if (found(w)) return w;
  }
  // A letter typed once too often anywhere but first ("wouold"), in a word long enough to tell.
  if (word.length >= 6) {
    for (let i = 1; i < word.length; i++) {
      if (word[i] === word[i - 1]) continue;
      const w = word.slice(0, i) + word.slice(i + 1);
      if (found(w)) return w;
    }
  }
  // A letter left out ("sotware"), in a longer word that is not inflected only: put back into a
  // short word or an inflected one it turns words the vocabulary lacks into others ("miles" →
  // "mailes", "grapes" → "graspes", "camping" → "clamping").
  if (word.length >= 6 && !/(?:s|ed|ing)$/.test(word)) {
    for (let i = 1; i < word.length; i++) {
      for (const c of LETTERS) {
        const w = word.slice(0, i) + c + word.slice(i);
        if (found(w)) return w;
      }
    }
  }
  return undefined;
}

/** The word with its typo repaired, in the word's case (`Sohuld` → `Should`), or the word itself. */
export function respellWord(word: string): string {
  if (word.length < 3) return word;
  const lower = word.toLowerCase();
  const { words, fixes } = speller();
  // Most words are words: one lookup.
  if (words.has(lower)) return word;
  const fix = fixes.get(lower);
  if (word.length < 4 && fix === undefined) return word;
  const upper = word === lower.toUpperCase();
  // A shouted word of five letters or more ("TABLEE") is a word; a shorter one may be an acronym,
  // unless it is a listed misspelling ("WONT").
  const shouted = upper && (word.length >= 5 || (word.length === 4 && fix !== undefined));
  if (!WORD.test(lower) || (!shouted && /[A-Z]/.test(word.slice(1)))) return word;
  // A listed misspelling that is no word of the vocabulary, else the nearest known word.
  const fixed =
    fix !== undefined ? fix : word.length < 4 || known(lower, words) ? undefined : nearest(lower, words);
  if (fixed === undefined) return word;
  if (shouted) return fixed.toUpperCase();
  return word[0] === lower[0] ? fixed : fixed.charAt(0).toUpperCase() + fixed.slice(1);
}

// A whole word, also inside a compound ("direct-to-cnosumer") or before a possessive apostrophe
// ("grandparents'"), never a piece of a contraction ("don't").
const ASCII_WORD = /(?<![\p{L}\p{N}]|\p{L}['’])[A-Za-z]{3,}(?![\p{L}\p{N}]|['’]\p{L})/gu;

/** Every word of `text` through {@link respellWord}; everything else (placeholders too) unchanged. */
export function respell(text: string): string {
  return text.replace(ASCII_WORD, respellWord);
}
