import type { ProtectedSpan } from "../../text/protected-spans.js";
import type { Token } from "../../text/tokenizer.js";
import { lowerWord, matchCase } from "./word-case.js";
import { isEditableWord } from "./word-sites.js";

/** A word or phrase table (`do not` → `don't`), keyed by lowercase words joined by single spaces. */
export interface Lexicon {
  readonly entries: ReadonlyMap<string, readonly string[]>;
  /** First words of the multi-word keys, so single words skip the phrase lookups. */
  readonly phraseStarters: ReadonlySet<string>;
  readonly maxWords: number;
}

/** Builds a lexicon from a literal table; values may list several choices. */
export function buildLexicon(table: Readonly<Record<string, string | readonly string[]>>): Lexicon {
  const entries = new Map<string, readonly string[]>();
  const phraseStarters = new Set<string>();
  let maxWords = 1;
  for (const [key, value] of Object.entries(table)) {
    const words = key.toLowerCase().split(" ");
    entries.set(words.join(" "), typeof value === "string" ? [value] : value);
    if (words.length > 1) phraseStarters.add(words[0] as string);
    maxWords = Math.max(maxWords, words.length);
  }
  return { entries, phraseStarters, maxWords };
}

/** One place where the text holds a lexicon key. */
export interface LexiconMatch {
  start: number;
  end: number;
  original: string;
  choices: readonly string[];
}

function keyOf(word: string): string {
  const lower = lowerWord(word);
  return lower.includes("’") ? lower.replace(/’/g, "'") : lower;
}

/**
 * Every non-overlapping occurrence of a lexicon key, longest phrase first, left to right. A phrase's
 * words must be editable (Latin, unprotected) and separated by single spaces.
 */
export function findLexiconMatches(
  text: string,
  tokens: readonly Token[],
  spans: readonly ProtectedSpan[],
  lexicon: Lexicon,
): LexiconMatch[] {
  const out: LexiconMatch[] = [];
  const n = tokens.length;
  let i = 0;
  while (i < n) {
    const first = tokens[i] as Token;
    if (!isEditableWord(first, spans)) {
      i++;
      continue;
    }
    const key = keyOf(first.text);
    let matchedEnd = -1;
    let choices: readonly string[] | undefined;
    if (lexicon.maxWords > 1 && lexicon.phraseStarters.has(key)) {
      // Gather up to maxWords words joined by single spaces, then try the longest phrase first.
      const keys = [key];
      const ends = [i];
      let j = i;
      while (keys.length < lexicon.maxWords) {
        const space = tokens[j + 1];
        const next = tokens[j + 2];
        if (space?.text !== " " || !isEditableWord(next, spans)) break;
        keys.push(keyOf(next.text));
        ends.push(j + 2);
        j += 2;
      }
      for (let len = keys.length; len >= 2 && choices === undefined; len--) {
        const found = lexicon.entries.get(keys.slice(0, len).join(" "));
        if (found !== undefined) {
          choices = found;
          matchedEnd = ends[len - 1] as number;
        }
      }
    }
    if (choices === undefined) {
      const found = lexicon.entries.get(key);
      if (found !== undefined) {
        choices = found;
        matchedEnd = i;
      }
    }
    if (choices === undefined) {
      i++;
      continue;
    }
    const last = tokens[matchedEnd] as Token;
    out.push({ start: first.start, end: last.end, original: text.slice(first.start, last.end), choices });
    i = matchedEnd + 1;
  }
  return out;
}

/** The replacement for a match, in the original's case and apostrophe style. */
export function renderChoice(original: string, choice: string): string {
  const cased = matchCase(original, choice);
  return original.includes("’") ? cased.replace(/'/g, "’") : cased;
}
