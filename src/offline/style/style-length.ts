import { unmask } from "../../text/protected-spans.js";
import { headPhrase } from "../../text/request-analysis.js";
import { wordCount } from "../../text/tokenizer.js";
import type { QueryLength } from "../traits/persona-traits.js";
import { asFragment, detailClauses, withoutQualifiers, withoutSubordinate } from "./style-compress.js";
import { BACKGROUND } from "./style-rewrites.js";
import {
  capitalize,
  firstWord,
  IMPERATIVE_VERBS,
  lowerFirstWord,
  requestIndex,
  splitSentences,
  trimRequest,
  withoutFinalMark,
} from "./style-rules.js";
import type { StyleContext } from "./style-steps.js";

/**
 * Word counts of the style transfer's template for each target length (data/prompts/
 * query_style_transfer.txt): the offline rewrite lengthens and shortens a request into its class's
 * range, as the template asks a model to.
 */
export const LENGTH_RANGES: Readonly<Record<QueryLength, readonly [number, number]>> = {
  very_short: [3, 15],
  short: [15, 35],
  medium: [35, 80],
  long: [80, 150],
};

// A character that would join a protected part to the word beside it, once the part is put back.
const JOINS_PART = /[\p{L}\p{N}'’\uE100-\uF8FF]/u;
const FIRST_PLACEHOLDER = 0xe100;
const LAST_PLACEHOLDER = 0xf8ff;

/**
 * Words of a masked rewrite as a reader counts them (the protected parts put back). The length steps
 * count after every sentence they add or drop, so each part's words are counted once per rewrite
 * (`partWords`, a cache in the rewrite's context) rather than the text unmasked at every count; a
 * part that touches a word ("5" + "km") could join it, and then the unmasked text is counted.
 */
export function countWords(
  masked: string,
  { parts, partWords }: Pick<StyleContext, "parts" | "partWords">,
): number {
  let count = wordCount(masked);
  if (parts.length === 0) return count;
  for (let i = 0; i < masked.length; i++) {
    const code = masked.charCodeAt(i);
    if (code < FIRST_PLACEHOLDER || code > LAST_PLACEHOLDER) continue;
    if (JOINS_PART.test(masked.charAt(i - 1)) || JOINS_PART.test(masked.charAt(i + 1)))
      return wordCount(unmask(masked, parts));
    let words = partWords.get(code);
    if (words === undefined) {
      words = wordCount(unmask(masked.charAt(i), parts));
      partWords.set(code, words);
    }
    count += words;
  }
  return count;
}

/**
 * Background sentences added until the rewrite reaches `aim` words: what the user already tried,
 * their goal, how they will use the answer, a closing ask — each purpose once, in an order the rng
 * picks, and each only while it keeps the rewrite under the class's ceiling.
 */
export function addBackground(
  text: string,
  ctx: StyleContext,
  aim: number,
  words = countWords(text, ctx),
): string {
  const [, ceiling] = LENGTH_RANGES[ctx.target];
  let out = text;
  let count = words;
  const purposes = ctx.rng.shuffle(["tried", "goal", "use", "close"] as const);
  for (const purpose of purposes) {
    if (count >= aim) break;
    const sentence = ctx.rng.pick(BACKGROUND[purpose]);
    const next = ctx.rng.chance(0.3) && purpose === "tried" ? `${sentence} ${out}` : `${out} ${sentence}`;
    // Joined by a space, the sentence's words add to the rewrite's.
    const nextCount = count + countWords(sentence, ctx);
    if (nextCount > ceiling - 10) continue;
    out = next;
    count = nextCount;
    ctx.applied.push("background");
  }
  return out;
}

/**
 * A short target's request cut to `limit` words before the other steps add theirs: the sentences
 * beside the one that asks go, last first, unless they hold a protected part (details and code win
 * over the word count, as the template says); then, for a very short target, side clauses of what is
 * left (", and why …", " so that …") that hold no protected part.
 */
export function shorten(text: string, ctx: StyleContext, limit: number): string {
  const sentences = splitSentences(text);
  let ask = sentences[askIndex(sentences, ctx.ask)] as string;
  // An ask that leans on what came before ("What should we do to help her settle in?") keeps what it
  // is about: the dropped sentence's head noun goes in front of it ("A two-year-old rescue dog: …").
  let needsSubject = LEANS_ON_CONTEXT.test(ask) || (ask.match(CONTENT)?.length ?? 0) < 4;
  // The subject is the one the message introduces first ("We're adopting a rescue dog. We live in an
  // apartment." → the dog), read only when a sentence is dropped.
  let head: { value: string | undefined } | undefined;
  const words = new SentenceWords(sentences, ctx);
  for (let i = sentences.length - 1; i >= 0 && words.total > limit; i--) {
    const s = sentences[i] as string;
    // Another ask ("Make it more specific.", "Why?") stays as well as every protected part.
    if (s === ask || hasPart(s) || isAsk(s)) continue;
    if (needsSubject) {
      head ??= { value: firstHead(sentences.filter((x) => x !== ask && !hasPart(x) && !isAsk(x))) };
      if (head.value === undefined) continue;
      const at = sentences.indexOf(ask);
      ask = `${capitalize(head.value)}: ${lowerFirstWord(ask)}`;
      words.set(at, ask);
      needsSubject = false;
    }
    words.remove(i);
  }
  let out = sentences.join(" ");
  if (ctx.target === "very_short" && words.total > limit) {
    compress(words, sentences.indexOf(ask), limit);
    out = sentences.join(" ");
    // Telegraphic, as a last resort even for a formal writer: no articles.
    if (words.total > limit) out = trimRequest(out, "very_short");
  }
  if (out !== text) ctx.applied.push("trim");
  return out;
}

/**
 * A very short rewrite's sentences cut, operation by operation, least damage first, each only while
 * the rewrite is over `limit`: qualifiers and hedges, side clauses, a statement's clauses that hold
 * no detail, a statement put as a fragment, a trailing phrase, a trailing subordinate clause. The ask (`at`) keeps its clauses; it
 * may lose a place ("… in a stainless steel pan") or a condition. Details (protected parts, names)
 * always stay.
 */
function compress(words: SentenceWords, at: number, limit: number): void {
  const ops: Array<(s: string, i: number) => string | undefined> = [
    (s) => withoutQualifiers(s),
    (s) => {
      const cut = s.replace(SIDE_CLAUSE, (_m, mark: string | undefined) => mark ?? "");
      return cut === s ? undefined : cut;
    },
    (s, i) => (i === at ? undefined : detailClauses(s)),
    (s, i) => (i === at ? undefined : asFragment(s)),
    (s, i) => withoutLastPhrase(s, i === at ? ASK_PHRASE_START : PHRASE_START),
    (s) => withoutSubordinate(s),
  ];
  const { sentences } = words;
  for (const op of ops)
    for (let i = 0; i < sentences.length && words.total > limit; i++)
      for (let step = 0; step < 4 && words.total > limit; step++) {
        const was = sentences[i] as string;
        const cut = op(was, i);
        if (cut === undefined) break;
        words.set(i, cut);
        // The rewrite never goes under its class's floor.
        if (words.total < LENGTH_RANGES.very_short[0]) {
          words.set(i, was);
          break;
        }
      }
}

/**
 * The words of a rewrite's sentences, kept per sentence as they are cut, set or removed: joined by a
 * space, the rewrite's words are the sum of theirs, so a length step counts each sentence once rather
 * than the whole rewrite after every cut. `sentences` is changed in place.
 */
class SentenceWords {
  readonly counts: number[];
  total: number;

  constructor(
    readonly sentences: string[],
    private readonly ctx: Pick<StyleContext, "parts" | "partWords">,
  ) {
    this.counts = sentences.map((s) => countWords(s, ctx));
    this.total = this.counts.reduce((a, b) => a + b, 0);
  }

  set(i: number, sentence: string): void {
    const words = countWords(sentence, this.ctx);
    this.total += words - (this.counts[i] as number);
    this.counts[i] = words;
    this.sentences[i] = sentence;
  }

  remove(i: number): void {
    this.total -= this.counts[i] as number;
    this.counts.splice(i, 1);
    this.sentences.splice(i, 1);
  }
}

// Where a trailing phrase starts: a preposition ("… for a small kitchen"); a clause ("when the bank
// raises rates", "that thanks my manager") is what the request is about and stays.
const PHRASE_START = /\s+(?:for|at|during|after|before|by)\s+/gu;
const ASK_PHRASE_START = /\s+(?:for|in|from|at|during|after|before|by)\s+/gu;

/**
 * The sentence without its last trailing phrase, when that phrase holds no protected part, no comma
 * and at most five words besides its opening word, and at least five words stay; undefined otherwise.
 */
function withoutLastPhrase(sentence: string, starts: RegExp): string | undefined {
  const mark = /[.?!]$/.exec(sentence)?.[0] ?? "";
  const body = mark === "" ? sentence : sentence.slice(0, -1);
  let start = -1;
  for (const m of body.matchAll(starts)) {
    const rest = body.slice(m.index);
    // Names and numbers ("to Series B", "in 5 years") are details that win over the word count.
    // Nor is a clause after "but" ("… for a year but can't hold a conversation"): it is the problem.
    if (!/[,;:\uE100-\uF8FF\d]|\s\p{Lu}|\sbut\s/u.test(rest)) {
      start = m.index;
    }
  }
  // A trailing phrase of a few words is a detail; a longer one is what the sentence is about, and one
  // that ends on the sentence's verb ("… when rolling four dice is") is not a phrase at all.
  if (start < 0 || (body.slice(start).match(/[\p{L}\p{N}]+/gu)?.length ?? 0) > 6) return undefined;
  if (/\b(?:is|are|was|were|be|do|does|did|works?|mean|means)$/i.test(body)) return undefined;
  const kept = body.slice(0, start);
  // "… in a way that works for …" loses its whole "in a way": a phrase ending on a word that needs
  // what followed it is cut further.
  if (/\b(?:in|for|with|to|of|on)\s+(?:a|an|the)?\s*(?:way|kind|sort|manner|thing|point)$/i.test(kept))
    return withoutLastPhrase(
      kept.replace(/\s+(?:in|for|with|to|of|on)\s+(?:a|an|the)?\s*\w+$/i, "") + mark,
      starts,
    );
  if ((kept.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) < 5) return undefined;
  return kept + mark;
}

// A side clause at the end of a sentence: after ", and", ", but", "so that", "because" …, up to the
// sentence's end, with no protected part in it (lists joined by plain commas are left alone).
const SIDE_CLAUSE =
  /(?:,\s+(?:and|but|so|because|which|including|especially)\s+|\s+(?:so that|because|including|especially)\s+)[^,.?!\uE100-\uF8FF]*?(?:([.?!])(?=\s|$)|$)/u;

/**
 * The finished rewrite brought under its class's ceiling: sentences the rewrite added (openers,
 * courtesy, urgency, background: none of the request's content words in them, no protected part) go,
 * last first. The request's own sentences were cut to size before (see {@link shorten}).
 */
export function fitLength(text: string, ctx: StyleContext): string {
  const [, ceiling] = LENGTH_RANGES[ctx.target];
  // A long target is rarely over: one count of the whole rewrite tells; a short one often is, and
  // its sentences are counted once, for the check and the cuts.
  const short = ctx.target === "very_short" || ctx.target === "short";
  if (!short && countWords(text, ctx) <= ceiling) return text;
  const sentences = splitSentences(text);
  const words = new SentenceWords(sentences, ctx);
  if (words.total <= ceiling) return text;
  // The ask stays even when all its words are short or reworded ("How to fix it?").
  const ask = sentences[askIndex(sentences, ctx.ask)];
  for (let i = sentences.length - 1; i >= 0 && words.total > ceiling; i--) {
    const s = sentences[i] as string;
    if (s === ask || hasPart(s) || overlap(s, ctx.requestWords()) > 0 || sentences.length === 1) continue;
    words.remove(i);
    ctx.applied.push("fit_length");
  }
  const out = sentences.join(" ");
  // A very short message that the other steps pushed over: their words go, then the cuts again.
  if (ctx.target !== "very_short" || words.total <= ceiling) return out;
  const bare = out
    .replace(/,?\s*\b(?:please|pls)\b/gi, "")
    .replace(/^(?:urgent|asap|quick one|time-sensitive):\s*/i, "");
  return shorten(bare, ctx, ceiling);
}

/** The head noun phrase of the first of `sentences` that has one holding no protected part. */
function firstHead(sentences: readonly string[]): string | undefined {
  for (const s of sentences) {
    const head = headPhrase(withoutFinalMark(s));
    if (head !== undefined && !hasPart(head)) return head;
  }
  return undefined;
}

function isAsk(sentence: string): boolean {
  return sentence.endsWith("?") || IMPERATIVE_VERBS.has(firstWord(sentence));
}

function hasPart(sentence: string): boolean {
  return /[\uE100-\uF8FF]/u.test(sentence);
}

const CONTENT = /[\p{L}]{4,}/gu;
// Words that point back at an earlier sentence.
const LEANS_ON_CONTEXT = /\b(?:it|its|this|that|these|those|her|him|them|she|he|they|one)\b/i;

/** How many of the request's content words (4 letters or more) a sentence holds. */
function overlap(sentence: string, requestWords: ReadonlySet<string>): number {
  let n = 0;
  for (const w of sentence.toLowerCase().match(CONTENT) ?? []) if (requestWords.has(w)) n++;
  return n;
}

/**
 * The sentence that asks: the one sharing most words with the ask the phrasing step left (later
 * steps trim it), else the first imperative, last question or last sentence.
 */
function askIndex(sentences: readonly string[], ask: string | undefined): number {
  if (ask === undefined) return requestIndex(sentences);
  const words = requestWordsOf(ask);
  let best = requestIndex(sentences);
  let most = 0;
  sentences.forEach((s, i) => {
    const n = overlap(s, words);
    if (n > most) {
      most = n;
      best = i;
    }
  });
  return best;
}

/** The content words (4 letters or more, lower case) of a request, for telling its sentences apart. */
export function requestWordsOf(masked: string): Set<string> {
  return new Set(masked.toLowerCase().match(CONTENT) ?? []);
}
