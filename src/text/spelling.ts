import { type SpellerVocabulary, spellerVocabulary } from "./speller-vocabulary.js";
import { COMMON, known, nearestWord, SHORT_WORDS, splitRunTogether } from "./spelling-repair.js";
import type { WordRepairs } from "./word-repairs.js";

/**
 * Spelling repair for what the offline assistant says back to the user. A model reads past a typo
 * and restates the request in correct words; the engine's stand-in repairs a known misspelling
 * (cspell's common-misspellings list: "dangerious" → "dangerous", "isnt" → "isn't"), a contraction
 * typed without its apostrophe ("thats", "ive"), and every slip the noise layer's typo rules make
 * (text/spelling-repair.ts: "tablee", "sohuld", "hwlp", "sotware", "doesa", a word split in two
 * "cont rol") when the repaired word is one it knows (text/speller-vocabulary.ts) and the typed one
 * is not. A word shouted for emphasis ("LEASE") is said back in lower case, an acronym the package
 * writes in capitals stays one ("SQL", and "SLQ" is "SQL"). A word it cannot repair is left as
 * written, and so are names: a capital after the first letter ("iPhone"), a capitalised word inside
 * a sentence ("Godot"), a short shouted word it does not know ("NASA").
 */

/** True when `word` (letters only) is all capitals. */
function isUpper(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
  }
  return true;
}

/**
 * `fixed` in the case the typed word had: capitalised like it, an acronym the package writes in
 * capitals in capitals ("SLQ" → "SQL"), any other shouted word in lower case.
 */
function inCase(typed: string, fixed: string, sentenceStart: boolean, v: SpellerVocabulary): string {
  if (typed.charCodeAt(0) > 90) return fixed;
  const upper = isUpper(typed);
  if (upper && v.acronyms.has(fixed)) return fixed.toUpperCase();
  return !upper || sentenceStart ? fixed.charAt(0).toUpperCase() + fixed.slice(1) : fixed;
}

/** How common a word is in the package's own text; a word of one or two letters is very common. */
function commonness(word: string, v: SpellerVocabulary): number {
  return word.length < 3 && SHORT_WORDS.has(word) ? Number.MAX_SAFE_INTEGER : (v.counts.get(word) ?? 0);
}

/** The correction of a listed misspelling most common in the package's text, the first on a tie. */
function listedFix(lower: string, v: SpellerVocabulary): string | undefined {
  const fixes = v.fixes.get(lower);
  if (fixes === undefined) return undefined;
  let best = fixes[0] as string;
  for (const f of fixes) if (commonness(f, v) > commonness(best, v)) best = f;
  return best;
}

/**
 * The word with its typo repaired (`Sohuld` → `Should`, `doesa` → `does a`), a shouted word in lower
 * case (`LEASE` → `lease`), or the word itself. `sentenceStart`: the word opens a sentence, so a
 * capital is no sign of a name (and a lowered shouted word keeps one).
 */
export function respellWord(word: string, sentenceStart = true): string {
  if (word.length < 2) return word;
  const v = spellerVocabulary();
  const lower = word.toLowerCase();
  const upper = isUpper(word);
  if (word.length === 2) {
    const fix = upper ? undefined : listedFix(lower, v);
    return fix === undefined ? word : inCase(word, fix, sentenceStart, v);
  }
  // Most words are words: one lookup.
  if (v.counts.has(lower)) {
    // Emphasis when the package's own prose uses the word often and never writes it in capitals;
    // a rarer one may be an acronym ("PDF", "NPM") and stays.
    const shouted = upper && !v.acronyms.has(lower) && (v.counts.get(lower) ?? 0) >= COMMON;
    return shouted ? inCase(word, lower, sentenceStart, v) : word;
  }
  const fix = listedFix(lower, v);
  if (fix !== undefined) return inCase(word, fix, sentenceStart, v);
  if (upper) {
    // A short shouted word may be an acronym: repaired only into one the package writes ("SLQ").
    if (word.length <= 4) return nearestWord(lower, v.acronyms)?.toUpperCase() ?? word;
  } else if (/[A-Z]/.test(word.slice(1))) {
    // A capital typed twice ("HHow") is a slip; any other capital inside a word is a name ("iPhone").
    const once = word.slice(1);
    return word[0] === word[1] && !/[A-Z]/.test(word.slice(2)) && known(once.toLowerCase(), v.counts)
      ? once
      : word;
  }
  if (known(lower, v.counts)) return word;
  // A capitalised word inside a sentence is a name: a slip in it is repaired ("Claifornia"), but
  // it is never cut in two.
  const name = !sentenceStart && !upper && word.charCodeAt(0) <= 90 && !/^I(?:[a-z]{2,})$/.test(word);
  const fixed =
    nearestWord(lower, v.counts) ??
    (name ? undefined : splitRunTogether(lower, v.counts, (part) => listedFix(part, v)));
  return fixed === undefined ? word : inCase(word, fixed, sentenceStart, v);
}

/** True for an ASCII letter's code. */
function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** True for a letter or digit of any script (the rare non-ASCII case through a regex). */
function isWordChar(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c < 128) return isLetter(c) || (c >= 48 && c <= 57);
  return Number.isNaN(c) ? false : /[\p{L}\p{N}]/u.test(text[at] as string);
}

/** True for a straight or a curly apostrophe's code. */
function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

// The endings of a contraction or possessive after a word: "waht's", "sotck's", "I'm".
const ENDING = /^(?:s|m|d|ll|re|ve)(?![\p{L}\p{N}])/u;

/**
 * True when the ASCII letters at `start`..`end` are a whole word: also inside a compound
 * ("direct-to-cnosumer") or before a possessive or a contraction's ending ("grandparents'",
 * "waht's"), never a piece of a contraction like "don't" or a word of another script.
 */
function wholeWord(text: string, start: number, end: number): boolean {
  if (start > 0) {
    if (isWordChar(text, start - 1)) return false;
    if (isApostrophe(text.charCodeAt(start - 1)) && start > 1 && isWordChar(text, start - 2)) return false;
  }
  if (end < text.length) {
    if (isWordChar(text, end)) return false;
    if (isApostrophe(text.charCodeAt(end)) && end + 1 < text.length && isWordChar(text, end + 1))
      return ENDING.test(text.slice(end + 1, end + 4));
  }
  return true;
}

/** The whole ASCII word starting at or after `from`, as [start, end), or undefined. */
function wordFrom(text: string, from: number): readonly [number, number] | undefined {
  let i = from;
  const n = text.length;
  while (i < n) {
    if (!isLetter(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isLetter(text.charCodeAt(i))) i++;
    if (wholeWord(text, start, i)) return [start, i];
  }
  return undefined;
}

/** True when the lower-case `word` reads as a word as typed (a piece of a split word does not). */
function isWord(lower: string, v: SpellerVocabulary): boolean {
  return lower.length < 3 ? SHORT_WORDS.has(lower) : known(lower, v.counts);
}

/** The word two pieces typed apart make ("cont rol" → "control"), or undefined. */
function rejoined(left: string, right: string, v: SpellerVocabulary): string | undefined {
  if (left.length + right.length < 5 || isUpper(left) || /[A-Z]/.test(right)) return undefined;
  const lower = `${left}${right}`.toLowerCase();
  // Pieces are tried with every neighbour: only the cheap slips on top of the split.
  const word = known(lower, v.counts) ? lower : nearestWord(lower, v.counts, "order");
  return word === undefined ? undefined : inCase(left, word, true, v);
}

/** {@link rejoined}, answered by the run's repairs when there are some. */
function join(
  left: string,
  right: string,
  v: SpellerVocabulary,
  repairs: WordRepairs | undefined,
): string | undefined {
  if (repairs === undefined) return rejoined(left, right, v);
  return repairs.rejoined(left, right, (l, r) => rejoined(l, r, v));
}

/** True when the word at `at` opens a sentence: only spaces or quotes since the last full stop. */
function opensSentence(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text[i] === " " || text[i] === '"' || text[i] === "(" || text[i] === "*")) i--;
  return (
    i < 0 || text[i] === "." || text[i] === "?" || text[i] === "!" || text[i] === "\n" || text[i] === ":"
  );
}

// The words of one or two letters the speller reads as words, by their lower-case codes (see `shortCode`).
const SHORT_CODES: ReadonlySet<number> = new Set(
  [...SHORT_WORDS].map((w) => (w.charCodeAt(0) << 8) | (w.length > 1 ? w.charCodeAt(1) : 0)),
);

/**
 * True when the ASCII letters `text[start, end)` read as a word as typed: a short word, or a known
 * one not all in capitals (a shouted word still goes to `respellWord`). No string is made: most
 * words of a message are words, and this is asked of every one.
 */
function readsAsTyped(text: string, start: number, end: number, v: SpellerVocabulary): boolean {
  const len = end - start;
  if (len < 3) {
    const second = len > 1 ? text.charCodeAt(start + 1) | 32 : 0;
    return SHORT_CODES.has(((text.charCodeAt(start) | 32) << 8) | second);
  }
  let lower = false;
  for (let i = start; i < end && !lower; i++) {
    const c = text.charCodeAt(i);
    lower = c >= 97 && c <= 122;
  }
  return lower && v.words.hasLetters(text, start, end);
}

/**
 * Every word of `text` through {@link respellWord}, and the two pieces of a word typed apart joined
 * again; everything else (placeholders too) unchanged. `repairs`, the run's repairs so far, answers
 * for `respellWord` when it has met the word before, and for two pieces it has tried to join (results
 * are the same without it).
 */
export function respell(text: string, repairs?: WordRepairs): string {
  const v = spellerVocabulary();
  let out = "";
  let last = 0;
  // The word before the current one, when it is still as typed (a piece may join it).
  let prev: readonly [number, number] | undefined;
  for (let at = wordFrom(text, 0); at !== undefined; ) {
    const [start, end] = at;
    const next = wordFrom(text, end);
    if (readsAsTyped(text, start, end, v)) {
      prev = at;
      at = next;
      continue;
    }
    const word = text.slice(start, end);
    const lower = word.toLowerCase();
    if (!isWord(lower, v) && !isUpper(word)) {
      // A piece of a word typed apart ("cont rol"), joined with the next or the previous piece.
      const after = next !== undefined && next[0] === end + 1 && text[end] === " " ? next : undefined;
      const withNext =
        after === undefined ? undefined : join(word, text.slice(after[0], after[1]), v, repairs);
      if (withNext !== undefined && after !== undefined) {
        out += text.slice(last, start) + withNext;
        last = after[1];
        prev = undefined;
        at = wordFrom(text, after[1]);
        continue;
      }
      const before = prev !== undefined && prev[1] + 1 === start && text[prev[1]] === " " ? prev : undefined;
      const withPrev =
        before === undefined ? undefined : join(text.slice(before[0], before[1]), word, v, repairs);
      if (withPrev !== undefined && before !== undefined) {
        out += text.slice(last, before[0]) + withPrev;
        last = end;
        prev = undefined;
        at = next;
        continue;
      }
    }
    const opens = opensSentence(text, start);
    const fixed =
      repairs === undefined ? respellWord(word, opens) : repairs.repaired(word, opens, respellWord);
    if (fixed !== word) {
      out += text.slice(last, start) + fixed;
      last = end;
      prev = undefined;
    } else prev = at;
    at = next;
  }
  return last === 0 ? text : out + text.slice(last);
}
