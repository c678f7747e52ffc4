import type { Rng } from "../../rng/random.js";
import { PARAPHRASES } from "../../text/lexicon.js";
import { wordCount, wordSpans } from "../../text/tokenizer.js";
import { LENGTH_RANGES } from "./style-length.js";
import { FRAMES } from "./style-rewrites.js";
import {
  capitalize,
  lowerFirstWord,
  matchCase,
  requestIndex,
  splitSentences,
  withoutFinalMark,
} from "./style-rules.js";
import type { StyleContext } from "./style-steps.js";

/**
 * The first step of the offline style transfer: the request put another way, the way a person
 * retells something rather than pastes it. The request sentence gets another frame ("How do I …" →
 * "What's the best way to …", "Explain …" → "Help me understand …"), the sentence that asks comes
 * first when background led up to it, and words get their paraphrase from the lexicon ("tips" →
 * "pointers"). What the request is about (its nouns, numbers, quotes, code) stays, and so does what
 * it asks for: the frames only ever swap a request verb for one that asks the same.
 */
export function restructure(text: string, ctx: StyleContext): string {
  const sentences = splitSentences(text);
  if (sentences.length === 0) return text;
  const i = requestIndex(sentences);
  const request = sentences[i] ?? "";
  // A very short rewrite has no room for a word of emphasis.
  let framed = reframe(request, ctx) ?? (ctx.target === "very_short" ? request : refocus(request, ctx.rng));
  // Nor, when it is long already, for a frame that makes the ask longer ("Is it better …" → "Do you
  // reckon it is better …").
  if (framed.length > request.length && tooLong(framed, ctx) && wordCount(framed) > wordCount(request) + 1)
    framed = request;
  if (framed !== request) {
    sentences[i] = framed;
    ctx.applied.push("reframe");
  }
  ctx.ask = framed;
  // Background first, then the ask, is how requests are written down; people asking in chat lead
  // with the question and add what it rests on.
  if (i > 0 && sentences.every((x) => x.split(/\s+/).length >= 3) && ctx.rng.chance(0.7)) {
    const [ask] = sentences.splice(i, 1);
    sentences.unshift(ask as string);
    ctx.applied.push("reorder");
  }
  // A compact frame has no final mark ("draft a toast for my sister's wedding"): followed by another
  // sentence, it ends with a full stop, or the two would run together.
  const last = sentences.length - 1;
  const ended = sentences.map((x, k) => (k < last && !ENDS_SENTENCE.test(x) ? `${x}.` : x));
  const joined = ctx.register === "formal" ? ended.join(" ") : digitsForCounts(ended.join(" "));
  // A very short rewrite over its length takes no paraphrase that adds words ("wants to" → "would
  // like to").
  const reworded = paraphrase(joined, ctx.rng, PARAPHRASE_ODDS, tooLong(joined, ctx));
  if (reworded !== joined) ctx.applied.push("paraphrase");
  return reworded;
}

// A sentence's end: a mark, or a protected part that closes it (a quote ending with its own stop).
const ENDS_SENTENCE = /[.!?\uF000-\uF8FF]$/u;

/** True when `text` is longer than a very short target allows (others have room). */
function tooLong(text: string, ctx: StyleContext): boolean {
  return ctx.target === "very_short" && wordCount(text) > LENGTH_RANGES.very_short[1] - 2;
}

/** The request sentence in another frame, or undefined when no frame fits it. */
function reframe(sentence: string, ctx: StyleContext): string | undefined {
  const body = withoutFinalMark(sentence).trim();
  // As a case-insensitive pattern sees it ("ſ" matches "s").
  const start = body.slice(0, 16).toLowerCase().replace(/ſ/g, "s");
  for (const frame of FRAMES) {
    if (frame.leads !== undefined && !frame.leads.some((lead) => start.startsWith(lead))) continue;
    const m = frame.pattern.exec(body);
    if (m === null) continue;
    const groups = m.slice(1).map((g) => g ?? "");
    const object = (groups[0] ?? "").trim();
    if (object.length < 2 && !/^[\uE100-\uF8FF]$/u.test(object)) continue;
    const extra = ctx.register === "casual" ? frame.casual : ctx.register === "formal" ? frame.formal : [];
    let pool =
      ctx.target === "very_short"
        ? frame.short.length > 0
          ? [...frame.short]
          : fewestWords(frame.lines)
        : [...frame.lines, ...extra];
    // A sentence that goes on after a comma ("…, and when should I see a doctor") stays a question.
    if ((groups.at(-1) ?? "") !== "") {
      const questions = pool.filter((l) => l.endsWith("?"));
      if (questions.length > 0) pool = questions;
    }
    const line = ctx.rng.pick(pool);
    // A group that opened the sentence ("If …") moves inside it: no capital of its own then.
    const first = m.indices?.findIndex((span, k) => k > 0 && span?.[0] === 0) ?? -1;
    if (first > 0) groups[first - 1] = lowerFirstWord(groups[first - 1] ?? "");
    return capitalize(line.replace(/\$(\d)/g, (_m, n: string) => groups[Number(n) - 1] ?? ""));
  }
  return undefined;
}

/** The lines that add the fewest words of their own (a very short target's, when a frame has none). */
function fewestWords(lines: readonly string[]): string[] {
  const own = (line: string) =>
    line
      .replace(/\$\d/g, "")
      .split(/\s+/)
      .filter((w) => /\w/.test(w)).length;
  const least = Math.min(...lines.map(own));
  return lines.filter((line) => own(line) === least);
}

/** Odds that a word of the paraphrase table is reworded. */
const PARAPHRASE_ODDS = 1;

// Where a question can take a word of emphasis: after its question word ("What exactly should …"),
// or after a verb and its pronoun ("Do I actually need …", "can I actually make …").
const WH_START =
  /^(how (?:much|many|long|often|far|soon|serious|big)|what|when|where|which|who|why|how|in what \w+)\s+(?=(?:should|do|does|did|is|are|was|were|can|could|will|would|am)\b)/i;
const AUX_PRONOUN =
  /\b(do|does|did|should|can|could|would|will|is|are|am)\s+(I|we|it|you|they)\s+(?!actually\b|really\b)(?=\w)/i;

/**
 * A request no frame fits, still put the way a person asking in chat would: a word of emphasis where
 * questions take one ("What exactly should go into …", "Do I actually need …"). Unchanged when the
 * sentence has no such place.
 */
function refocus(sentence: string, rng: Rng): string {
  if (!sentence.endsWith("?")) return sentence;
  if (AUX_PRONOUN.test(sentence) && rng.chance(0.5))
    return sentence.replace(
      AUX_PRONOUN,
      (_m, verb: string, who: string) => `${verb} ${who} ${rng.pick(["actually", "really"])} `,
    );
  if (WH_START.test(sentence)) return sentence.replace(WH_START, (_m, wh: string) => `${wh} exactly `);
  return sentence.replace(AUX_PRONOUN, (_m, verb: string, who: string) => `${verb} ${who} actually `);
}

const PARAPHRASE_OF = new Map(PARAPHRASES.map(([from, to]) => [from.toLowerCase(), to]));
const wordsIn = (phrase: string) => phrase.split(" ").length;
/** The table's phrases whose paraphrase has more words ("handle" → "deal with"). */
const LENGTHENS = new Set(
  PARAPHRASES.filter(([from, to]) => wordsIn(to) > wordsIn(from)).map(([from]) => from.toLowerCase()),
);
/** The longest phrase of the table starting with each word, in words (most words start none). */
const LONGEST_FROM = new Map<string, number>();
for (const key of PARAPHRASE_OF.keys()) {
  const [first = "", ...rest] = key.split(" ");
  LONGEST_FROM.set(first, Math.max(LONGEST_FROM.get(first) ?? 0, rest.length + 1));
}

/** An ASCII letter's lower case (the Kelvin sign lower-cases to `k`); anything else 0. */
function foldedLetter(c: number): number {
  if (c >= 97 && c <= 122) return c;
  if (c >= 65 && c <= 90) return c + 32;
  return c === 0x212a ? 107 : 0;
}

/** A word's length, first and last letter, as one number: a cheap first test before a lookup. */
function outline(text: string, start: number, stop: number): number {
  return (
    (stop - start) * 65536 +
    foldedLetter(text.charCodeAt(start)) * 256 +
    foldedLetter(text.charCodeAt(stop - 1))
  );
}

// The table's words are ASCII letters: a word whose outline no first word has starts no phrase.
const FIRST_OUTLINES = new Set([...LONGEST_FROM.keys()].map((w) => outline(w, 0, w.length)));

/**
 * Words and phrases of the lexicon's paraphrase table reworded, each occurrence with probability `p`.
 * One pass over the words, the longest phrase at each word first ("deal with" before "deal"), each
 * word considered once, so "deal with" → "handle" is never turned back by "handle" → "deal with".
 * `noLonger`: phrases whose paraphrase has more words stay as they are.
 */
export function paraphrase(text: string, rng: Rng, p: number, noLonger = false): string {
  const spans = wordSpans(text);
  const words = spans.length / 2;
  if (words === 0) return text;
  // Lower-cased once (per word only where lower-casing changes a length, as "İ" does).
  const whole = text.toLowerCase();
  const lowered = whole.length === text.length ? whole : undefined;
  let out = "";
  let last = 0;
  for (let i = 0; i < words; ) {
    let matched = 0;
    const start = spans[2 * i] as number;
    const end = spans[2 * i + 1] as number;
    const longest = FIRST_OUTLINES.has(outline(text, start, end))
      ? (LONGEST_FROM.get(lowerSlice(text, lowered, start, end)) ?? 0)
      : 0;
    for (let n = Math.min(longest, words - i); n >= 1 && matched === 0; n--) {
      const stop = spans[2 * (i + n) - 1] as number;
      // A phrase of the table is its words separated by single spaces: nothing else matches it.
      const from = lowerSlice(text, lowered, start, stop);
      const to = PARAPHRASE_OF.get(from);
      if (to === undefined) continue;
      matched = n;
      if ((!noLonger || !LENGTHENS.has(from)) && rng.chance(p)) {
        out += text.slice(last, start) + matchCase(text.slice(start, stop), to);
        last = stop;
      }
    }
    i += Math.max(1, matched);
  }
  return out + text.slice(last);
}

/** `text[start, stop)` lower-cased, cut from `lowered` (the whole text lower-cased) when given. */
function lowerSlice(text: string, lowered: string | undefined, start: number, stop: number): string {
  return lowered !== undefined ? lowered.slice(start, stop) : text.slice(start, stop).toLowerCase();
}

const COUNT_WORDS: Readonly<Record<string, string>> = {
  one: "1",
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
  ten: "10",
  twelve: "12",
  twenty: "20",
};
// A count before the word it counts ("three times", "five novels"); "one" only as a count ("one
// function"), not as a pronoun ("each one", "one of", "the one that").
const COUNT =
  /(?<!\b(?:each|every|this|that|which|the|no|any|one|no-one|some|someone|anyone|a) )\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)(?= (?!of\b|or\b|and\b|more\b|another\b|that\b|who\b|is\b|was\b|to\b)[a-z])/gi;

/** Counts written as digits, as people type them in chat ("3 times", "5 novels"). */
function digitsForCounts(text: string): string {
  return text.replace(COUNT, (w) => COUNT_WORDS[w.toLowerCase()] ?? w);
}
