import { maskSpans, READING_SPANS, unmask } from "./protected-spans.js";

/**
 * The last pass over text the offline engine composed from templates and pieces of the conversation:
 * it removes what a template join can leave and no writer would — a word doubled across the join
 * ("the trade-off is less less maintenance"), a contraction split by a tokenizer ("does n't"), "'ve"
 * before an article ("we've a plan" for "we have a plan"), an article that does not fit the sound of
 * the next word ("a answer", "an useful"). Quotes, code, numbers and links are masked first, so what
 * the user wrote stays byte-identical ("the the" inside a quoted draft is theirs).
 */
export function grammarPass(text: string): string {
  // Most texts hold none of the seams: skip the span scan (a fifth of a reply's cost) for them.
  if (
    !seamAtASpace(text) ||
    (!DOUBLED_TEST.test(text) &&
      // A literal every match holds, searched first: most texts have none, and the search is far
      // cheaper than the backtracking expression.
      !(text.includes(" n't") && SPLIT_CONTRACTION_TEST.test(text)) &&
      !(/'ve /i.test(text) && HAVE_ARTICLE_TEST.test(text)) &&
      (!MAYBE_MISFIT.test(text) || !text.replace(ARTICLE, fitArticle).includes(MISFIT)))
  )
    return text;
  const { masked, parts } = maskSpans(text, READING_SPANS);
  const out = masked
    .replace(DOUBLED, (m, word: string) => (KEEP_DOUBLED.has(word.toLowerCase()) ? m : word))
    .replace(SPLIT_CONTRACTION, "$1n't")
    .replace(HAVE_ARTICLE, "$1 have $2")
    .replace(ARTICLE, fittedArticle);
  return out === masked ? text : unmask(out, parts);
}

/** True for the code of an ASCII letter. */
function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** True for the code of a character `\w` matches (an ASCII letter, a digit, `_`). */
function isWordCode(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 95;
}

/** True when `text[at]` is "a" or "A" opening a word (`\b[Aa]`). */
function isArticleA(text: string, at: number): boolean {
  return at >= 0 && (text.charCodeAt(at) | 32) === 97 && (at === 0 || !isWordCode(text.charCodeAt(at - 1)));
}

// The letters after "an " MAYBE_MISFIT looks for: a consonant, or "u" (and "eu", "ew", "on").
const AFTER_AN = /^(?:[b-df-hj-np-tv-z]|eu|ew|on|u)/;

/**
 * False when no seam {@link grammarPass} repairs can be in the text: every one of them has a space
 * at its heart ("less less", " n't", "'ve a", "a answer"), so one look at each space's neighbours
 * rules out most texts, where each seam's own expression would read the whole text once. True is
 * only a maybe: the expressions decide.
 */
function seamAtASpace(text: string): boolean {
  for (let p = text.indexOf(" "); p >= 0; p = text.indexOf(" ", p + 1)) {
    const before = text.charCodeAt(p - 1);
    const after = text.charCodeAt(p + 1);
    if (isLetter(before) && isLetter(after) && doubledAt(text, p)) return true;
    if (after === 110 && text.startsWith("'t", p + 2)) return true; // " n't"
    // "'ve " in any case.
    if (
      p >= 3 &&
      text.charCodeAt(p - 3) === 39 &&
      (text.charCodeAt(p - 2) | 32) === 118 &&
      (before | 32) === 101
    )
      return true;
    // "a" before a vowel, "an" before a consonant (see MAYBE_MISFIT).
    if (isVowel(after) && isArticleA(text, p - 1)) return true;
    if (before === 110 && isArticleA(text, p - 2) && AFTER_AN.test(text.slice(p + 1, p + 3))) return true;
  }
  return false;
}

/** True for the code of a lower-case vowel. */
function isVowel(c: number): boolean {
  return c === 97 || c === 101 || c === 105 || c === 111 || c === 117;
}

/**
 * True when the letters right before the space at `space` are, in any case, the letters right after
 * it ("less less"): what DOUBLED finds, at most a few cases more (a digit before the first word).
 */
function doubledAt(text: string, space: number): boolean {
  let start = space;
  while (start > 0 && isLetter(text.charCodeAt(start - 1))) start--;
  const len = space - start;
  // An ASCII letter ORed with 0x20 is its lower-case form; no other character's is a letter.
  for (let k = 0; k < len; k++)
    if ((text.charCodeAt(start + k) | 32) !== (text.charCodeAt(space + 1 + k) | 32)) return false;
  return !isLetter(text.charCodeAt(space + 1 + len));
}

/**
 * The article step of {@link grammarPass} alone ("an rundown" → "a rundown", "a attorney" → "an
 * attorney"), for text whose protected parts are already masked: the style transfer's rewrite, whose
 * paraphrases and cuts change the word after an article and make no other seam.
 */
export function fitArticles(masked: string): string {
  return MAYBE_MISFIT.test(masked) ? masked.replace(ARTICLE, fittedArticle) : masked;
}

// "a"/"an" before a lower-case word (a name or an acronym is read by its letters: left alone).
// A capital "A"/"An" only where a sentence starts: inside one it is a name or a letter ("Hoi An",
// "plan A").
const ARTICLE = /\b(an?|(?<=(?:^|[.!?:;]\s|["“‘(])\s*)An?)(?= [a-z])(?= ([a-z]+))/g;
// Words spelt with a vowel that start with a consonant sound ("a user", "a one-off", "a European"),
// and the reverse ("an hour", "an honest").
const CONSONANT_SOUND = /^(?:eu|ewe|one(?![a-z])|once|uni(?!mp|n[^aeiou])|us[aeu]|ut[ei]|ur[aeio]|ub[iu])/;
const VOWEL_SOUND = /^(?:hour|honest|honou?r|heir)/;
const LETTER_NEXT = /^(?:and|or|of|on|in|is|it|if|as|at|up|us|am|an|are|was|were|i)$/;
// "a" before a vowel, "an" before a consonant or a vowel read as one ("an eulogy", "an user"): the
// only places an article can misfit (most texts have none, and skip the exact test).
const MAYBE_MISFIT = /\b[Aa] [aeiou]|\b[Aa]n (?:[b-df-hj-np-tv-z]|eu|ew|on|u)/;
// Marks an article to change, for the fast test (a character no text holds).
const MISFIT = "\u0000";

/** The article that fits `word` (a replacer for {@link ARTICLE}). */
function fittedArticle(m: string, article: string, word: string): string {
  return fitArticle(m, article, word).replace(MISFIT, "");
}

/** The article that fits `word`, marked with {@link MISFIT} when it differs from the one written. */
function fitArticle(m: string, article: string, word: string): string {
  // "option a or b", "vitamin a is": the letter, not the article.
  if (LETTER_NEXT.test(word)) return m;
  const vowel = VOWEL_SOUND.test(word) || (/^[aeiou]/.test(word) && !CONSONANT_SOUND.test(word));
  if ((article.length === 2) === vowel) return m;
  const capital = article[0] === "A";
  return `${MISFIT}${vowel ? (capital ? "An" : "an") : capital ? "A" : "a"}`;
}

const DOUBLED = /\b([A-Za-z]+) \1\b/gi;
// Doubles that English allows: "that that", "had had".
const KEEP_DOUBLED = new Set(["that", "had"]);
const SPLIT_CONTRACTION = /\b([A-Za-z]+) n't\b/g;
const HAVE_ARTICLE = /\b(we|I|you|they)'ve (a|an|the)\b/gi;
// The same patterns without the global flag, so `test` keeps no state between calls.
const DOUBLED_TEST = new RegExp(DOUBLED.source, "i");
const SPLIT_CONTRACTION_TEST = new RegExp(SPLIT_CONTRACTION.source);
const HAVE_ARTICLE_TEST = new RegExp(HAVE_ARTICLE.source, "i");
