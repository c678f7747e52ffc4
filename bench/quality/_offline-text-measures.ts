// Measures of issue 14's table ("text worth looking at") over stored interactions, each defined here
// from the text alone, independently of the engine code it checks (a measure that reused the code
// under test could not fail).

import { dictionaryLines } from "../../src/text/cspell-dictionary.js";

/** One stored conversation, as the interaction store holds it. */
export interface StoredConversation {
  original_query: string;
  persona_features: Record<string, string>;
  messages: Array<{ role: string; content: string; metadata?: Record<string, unknown> }>;
  metadata: Record<string, unknown>;
}

/** Lower-case words (letters, digits, inner apostrophes). */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? [];
}

/** The user messages after the first, as the simulated user wrote them (before noise). */
export function followUps(c: StoredConversation): string[] {
  return c.messages
    .filter((m) => m.role === "user" && Number(m.metadata?.turn ?? 0) > 0)
    .map((m) => String(m.metadata?.clean_version ?? m.content));
}

/** The initial request as the user wrote it (the style transfer's output, before noise). */
export function initialClean(c: StoredConversation): string {
  const first = c.messages.find((m) => m.role === "user");
  return String(first?.metadata?.clean_version ?? first?.content ?? "");
}

/** Distinct word bigrams over all bigrams (within each text). */
export function distinct2(texts: readonly string[]): { distinct: number; total: number } {
  const seen = new Set<string>();
  let total = 0;
  for (const text of texts) {
    const w = words(text);
    for (let i = 1; i < w.length; i++) {
      seen.add(`${w[i - 1]} ${w[i]}`);
      total++;
    }
  }
  return { distinct: seen.size, total };
}

/**
 * Distinct-2 of `texts` in consecutive windows of `size` bigrams (texts kept whole, in order): the
 * mean over full windows, so a large run compares with a small reference corpus of `size` bigrams.
 */
export function sizeMatchedDistinct2(texts: readonly string[], size: number): number {
  const ratios: number[] = [];
  let window: string[] = [];
  let count = 0;
  for (const text of texts) {
    window.push(text);
    count += Math.max(0, words(text).length - 1);
    if (count >= size) {
      const d = distinct2(window);
      ratios.push(d.distinct / d.total);
      window = [];
      count = 0;
    }
  }
  return ratios.length === 0 ? Number.NaN : ratios.reduce((a, b) => a + b, 0) / ratios.length;
}

/** The sentences of an assistant reply: code blocks and table rows left out, list markers and bold removed. */
export function sentences(reply: string): string[] {
  const out: string[] = [];
  const prose = reply.replace(/```[\s\S]*?```/g, "\n");
  for (const raw of prose.split("\n")) {
    const line = raw
      .replace(/^\s*(?:\d+[.)]|[-*•>])\s*/, "")
      .replace(/\*\*/g, "")
      .trim();
    if (line === "" || line.startsWith("|")) continue;
    for (const s of line.split(/(?<=[.!?:])\s+/)) {
      const norm = s.toLowerCase().replace(/\s+/g, " ").trim();
      if (words(norm).length >= 3) out.push(norm);
    }
  }
  return out;
}

/** Share of sentence occurrences whose sentence occurs at least `times` times in all `replies`. */
export function repeatedSentenceShare(
  replies: readonly string[],
  times: number,
): { part: number; whole: number } {
  const counts = new Map<string, number>();
  for (const r of replies) for (const s of sentences(r)) counts.set(s, (counts.get(s) ?? 0) + 1);
  let part = 0;
  let whole = 0;
  for (const n of counts.values()) {
    whole += n;
    if (n >= times) part += n;
  }
  return { part, whole };
}

/** Texts beyond the first copy of each exact (trimmed, lower-cased) text. */
export function exactDuplicates(texts: readonly string[]): number {
  const seen = new Set<string>();
  let dup = 0;
  for (const t of texts) {
    const key = t.trim().toLowerCase();
    if (seen.has(key)) dup++;
    else seen.add(key);
  }
  return dup;
}

const FRAMING =
  /\b(?:for context|by way of background|just so you know|a bit of background|some context|as background|i'm asking because|i am asking because)\b/i;
const SELF = /\b(?:i'm|i am|i work as|as)\s+(?:a|an)\s+([^.,;!?]{1,60})/gi;
const NOT_IDENTITY = new Set([
  "other",
  "others",
  "level",
  "general",
  "sector",
  "worker",
  "specialist",
  "professional",
  "and",
  "the",
]);

/** The persona's identity words: its role, seniority, specialization, industry and age band, as words. */
function identityWords(features: Record<string, string>): Set<string> {
  const out = new Set<string>();
  for (const key of ["role", "seniority", "specialization", "industry"]) {
    for (const w of (features[key] ?? "").toLowerCase().split(/[_\s-]+/))
      if (w.length >= 4 && !NOT_IDENTITY.has(w)) out.add(w);
  }
  for (const w of ["retiree", "student", "intern", "teenager", "beginner"]) out.add(w);
  return out;
}

/** True when the text describes who the user is ("For context, I'm a lead writer in government"). */
export function announcesSelf(text: string, features: Record<string, string>): boolean {
  if (FRAMING.test(text) && /\b(?:i'm|i am)\b/i.test(text)) return true;
  const identity = identityWords(features);
  for (const m of text.matchAll(SELF)) {
    if (words(m[1] ?? "").some((w) => identity.has(w))) return true;
  }
  return false;
}

/** Damerau–Levenshtein distance (optimal string alignment), capped at `max` + 1. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(
        (d[i - 1] as number[])[j]! + 1,
        row[j - 1]! + 1,
        (d[i - 1] as number[])[j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j]!, (d[i - 2] as number[])[j - 2]! + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** The correct English words of cspell's misspellings list (its right-hand sides), lower case. */
export function correctWordSet(): Set<string> {
  const out = new Set<string>();
  for (const line of dictionaryLines())
    for (const w of line.slice(line.indexOf("->") + 2).split(",")) out.add(w.trim().toLowerCase());
  return out;
}

/**
 * The typos in a user message: words that are known misspellings, or that are not in the reference
 * text (what the user meant: the seed query or the clean message) but one or two edits from a word of
 * it — unless they are correct English words (`correct`, e.g. {@link correctWordSet}: "makes" beside
 * "make", "think" beside "thank" are words, not slips).
 */
export function typosOf(
  message: string,
  reference: string,
  known: ReadonlySet<string>,
  correct: ReadonlySet<string> = new Set(),
): Set<string> {
  const ref = new Set(words(reference));
  const out = new Set<string>();
  for (const w of words(message)) {
    if (!/^[a-z']+$/.test(w) || ref.has(w)) continue;
    if (known.has(w)) out.add(w);
    else if (w.length >= 4 && !correct.has(w)) {
      for (const r of ref)
        if (r.length >= 4 && r[0] === w[0] && editDistance(w, r, 2) <= (w.length >= 8 ? 2 : 1)) {
          out.add(w);
          break;
        }
    }
  }
  return out;
}

/** True when the reply contains one of the typos as a word. */
export function copiesTypo(reply: string, typos: ReadonlySet<string>): boolean {
  return typos.size > 0 && words(reply).some((w) => typos.has(w));
}

const THANKS =
  /\b(?:thanks?|thank you|thx|ty|appreciated?|cheers|perfect|great|got it|cool|that helps|makes sense|works|good enough|ok|okay|k|you're welcome)\b/i;
const ASKS =
  /\?|\b(?:could|can|would|will) (?:you|u)\b|\b(?:what|how|why|which|when|where|whether)\b|(?:^|[.!,;]\s*)(?:please\s+|pls\s+)?(?:give|show|explain|tell|walk|make|put|redo|tailor|skip|summari[sz]e|list|add|change|cut|go)\b|\b(?:as|in) (?:a |an )?(?:table|bullet|checklist|outline|list|steps|paragraph|q&a)/i;

/** A follow-up that only thanks or acknowledges: no question, no request. */
export function isPadding(text: string): boolean {
  return THANKS.test(text) && !ASKS.test(text);
}

const COMPLAINT =
  /\b(?:not (?:right|correct|useful|helpful|helping|what i (?:asked|need)|quite (?:it|what i need))|wrong|(?:didn'?t|did not|doesn'?t|does not|won'?t|will not) (?:help|work|match)|an error in|isn'?t (?:right|helping|useful)|is not (?:right|helping|useful)|too long|that's a lot|tl;dr|seems off|sounds (?:high|low|wrong)|never mind|forget it|look elsewhere|another resource)\b/i;

/** True when a user message complains about the answer or gives up on it. */
export function isComplaint(text: string): boolean {
  return COMPLAINT.test(text);
}

/** The name of the artefact "a answer" / "an useful". */
export const A_AN = "a/an before the wrong sound";

/**
 * Grammar and composition artefacts no writer leaves: a doubled word, "does n't", "we've a", a slot
 * left unfilled, "a answer" / "an useful", two request openers in a row ("Can you look at this? could
 * you …").
 */
export const ARTEFACTS: ReadonlyArray<readonly [string, RegExp]> = [
  ["doubled word", /\b([a-z]+) \1\b/gi],
  ["split contraction", /\b\w+ n't\b/gi],
  ["'ve + article", /\b(?:we|i|you|they)'ve (?:a|an|the)\b/gi],
  ["unfilled slot", /\{[A-Z]\}/g],
  [
    A_AN,
    /\b[Aa] (?!(?:one|once|or|of|on|in|is|it|if|as|at|and|eu\w*|us[aeu]\w*|uni\w*)\b)[aeio][a-z]*|\b[Aa]n (?!(?:h(?:our|onest|onou?r|eir)\w*)\b)[b-df-hj-np-tv-z][a-z]*/g,
  ],
  [
    "two request openers",
    /\b(?:can|could) (?:you|u) (?:look at|help (?:me )?with) this\? (?:could|can|would) (?:you|u)\b/gi,
  ],
];

/** The names of the artefacts in a text, leaving out any the source text (the seed query) already had. */
export function artefactsIn(text: string, source = ""): string[] {
  const had = source.toLowerCase();
  return ARTEFACTS.filter(([, re]) =>
    [...text.matchAll(re)].some((m) => !had.includes(m[0].toLowerCase())),
  ).map(([name]) => name);
}

/** Word-count range of each target length class (the style transfer template's table). */
export const LENGTH_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  very_short: [3, 15],
  short: [15, 35],
  medium: [35, 80],
  long: [80, 150],
};

const STOP = new Set(
  "a an the and or but if of to in on for with at by from is are was be been it its this that these those i you me my we our your can could would should please do does did how what why when where which who about as so just not no any some into than then there their they them also".split(
    " ",
  ),
);

/** Content words (lower case, ≥ 3 letters, not a stop word). */
export function contentWords(text: string): string[] {
  return words(text).filter((w) => w.length >= 3 && !STOP.has(w) && !/^\d+$/.test(w));
}

/** Share of the original's distinct content words that the rewrite still holds, word for word. */
export function keptShare(original: string, rewrite: string): number {
  const orig = new Set(contentWords(original));
  if (orig.size === 0) return 1;
  const kept = new Set(contentWords(rewrite));
  let n = 0;
  for (const w of orig) if (kept.has(w)) n++;
  return n / orig.size;
}

/** True when the rewrite holds the original sentence for sentence (case and end punctuation aside). */
export function holdsVerbatim(original: string, rewrite: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();
  const core = norm(original).replace(/[.?!]+$/, "");
  return core.length > 0 && norm(rewrite).includes(core);
}

/** The median of a list of numbers. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

const GIVES_UP =
  /\b(?:forget it|never ?mind|nvm|(?:not|isn't|is not) (?:really )?(?:helping|useful|getting me anywhere|quite what i need|it)|giving up|look (?:elsewhere|for [^.]* somewhere else)|another (?:resource|way)|try (?:elsewhere|something else)|(?:figure|sort) (?:it|[^.]*) (?:out )?(?:myself|on my own|elsewhere)|ask (?:a friend|someone|an expert)|leave it here|can wait|going in circles|google it|watch a video|done\.?$)/i;

/** True when a user message gives up on the conversation ("forget it", "I'll look elsewhere"). */
export function givesUp(text: string): boolean {
  return GIVES_UP.test(text);
}

/** A message typed in haste: it starts without a capital letter. */
export function typedHastily(text: string): boolean {
  return /^\p{Ll}/u.test(text.trim());
}
