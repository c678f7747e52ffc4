/**
 * The lowercase form of a word, returning the word itself when it has no capital. `toLowerCase` takes
 * a slow path for strings sliced from text with any non-ASCII character, even for ASCII words.
 */
export function lowerWord(word: string): string {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return word.toLowerCase();
  }
  return word;
}

/** The case shape of a word, to carry over to its replacement. */
export type CaseShape = "lower" | "upper" | "title" | "mixed";

/** The case shape of a word: `UPPER` needs two or more cased letters. */
export function caseShape(word: string): CaseShape {
  const ascii = asciiCaseShape(word);
  if (ascii !== undefined) return ascii;
  const lower = word.toLowerCase();
  if (word === lower) return "lower";
  const upper = word.toUpperCase();
  if (word === upper) return lower.length > 1 && countCased(word) > 1 ? "upper" : "title";
  const first = word.slice(0, 1);
  if (first === first.toUpperCase() && word.slice(1) === word.slice(1).toLowerCase()) return "title";
  return "mixed";
}

/** The same for ASCII words without allocating; undefined when the word is not plain ASCII letters. */
function asciiCaseShape(word: string): CaseShape | undefined {
  let upper = 0;
  let lower = 0;
  let firstUpper = false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      upper++;
      if (i === 0) firstUpper = true;
    } else if (c >= 97 && c <= 122) lower++;
    else if (c > 127) return undefined;
  }
  if (upper === 0) return "lower";
  if (lower === 0) return upper > 1 ? "upper" : "title";
  return firstUpper && upper === 1 ? "title" : "mixed";
}

function countCased(word: string): number {
  let n = 0;
  for (const ch of word) if (ch.toLowerCase() !== ch.toUpperCase()) n++;
  return n;
}

/** Capitalises the first character (which is ASCII or a BMP letter for every rule's output). */
export function capitalize(word: string): string {
  return word.length === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1);
}

/** Gives `replacement` the case shape of `original` (`Thanks`→`Thx`, `THANKS`→`THX`). */
export function matchCase(original: string, replacement: string): string {
  switch (caseShape(original)) {
    case "upper":
      return replacement.toUpperCase();
    case "title":
      return capitalize(replacement);
    default:
      return replacement;
  }
}

/** True for the pronoun `I` and its contractions, which stay capitalised when a word moves. */
export function isPronounI(word: string): boolean {
  return word === "I" || /^I['’](?:m|d|ll|ve)$/.test(word);
}

/** Lowercases a sentence-initial `Title` word so it can move inside a sentence (`I` stays). */
export function decapitalize(word: string): string {
  if (isPronounI(word) || caseShape(word) !== "title") return word;
  return word.charAt(0).toLowerCase() + word.slice(1);
}
