import { COMPRESS } from "./style-rewrites.js";
import { escapeRegex } from "./style-rules.js";

/**
 * Clause-level compression for a very short rewrite: what a person typing a one-line message leaves
 * out of a request, as text operations that keep every sentence whole and every protected part (a
 * placeholder of the masked text) and name in place. Each operation returns the sentence shorter, or
 * undefined when it has nothing to leave out; the caller applies them only while the rewrite is over
 * its word limit, least damage first.
 */

// A detail a short message keeps: a protected part, or a name (a capital inside the sentence).
const DETAIL = /[\uE100-\uF8FF]|(?<=[\p{L},;:]\s+)(?!I\b)\p{Lu}/u;

/** True when `text` holds a protected part or a name. */
export function holdsDetail(text: string): boolean {
  return DETAIL.test(text);
}

const either = (words: readonly string[]) => words.map(escapeRegex).join("|");

// "about 10 loads", "around $900": the hedge on a number goes, the number stays (only where the
// hedge cannot be a preposition: after a verb of amount, a preposition of quantity or a copula).
const HEDGE = new RegExp(
  `(?<=\\b(?:${either(COMPRESS.hedge_after)})\\s+)(?:${either(COMPRESS.hedges)})\\s+(?=[\\uE100-\\uF8FF])`,
  "giu",
);
// "a good sear", "the main factors", "mostly read": a qualifier before a lower-case word goes; one
// the sentence asks about ("Is it a good model?") stays.
const QUALIFIER = new RegExp(
  `(?<!\\b(?:is|are|was|were|be|it|it's|that's|this|that|them)\\s+(?:(?:a|an|the)\\s+)?)\\b(?:${either(COMPRESS.qualifiers)})\\s+(?=(?!(?:${either(COMPRESS.qualifier_not_before)})\\b)[\\p{Ll}\\uE100-\\uF8FF])`,
  "giu",
);

const ANY_QUALIFIER = new RegExp(`\\b(?:${either([...COMPRESS.hedges, ...COMPRESS.qualifiers])})\\s`, "iu");

/** The sentence without qualifiers and hedges ("a good sear" → "a sear", "about 10" → "10"). */
export function withoutQualifiers(sentence: string): string | undefined {
  // The patterns look behind at every position: most sentences hold none of the words.
  if (!ANY_QUALIFIER.test(sentence)) return undefined;
  const out = sentence.replace(HEDGE, "").replace(QUALIFIER, "");
  if (out === sentence || words(out) < 3) return undefined;
  // A qualifier that opened the sentence leaves its capital to the next word.
  return /^\p{Lu}/u.test(sentence) ? capitalFirst(out) : out;
}

// Where one clause of a statement ends and the next begins: ", and", "; ", and a bare "and" before a
// new subject or a verb ("… $85k and I earn $40k", "I'm 41 and haven't exercised in years").
// A clause after "but" is the problem the request is about ("… every day for a year but still can't
// hold a conversation"): it is never a break.
const CLAUSE_BREAK =
  /,\s+(?:and|so|while|whereas)\s+|;\s+|\s+and\s+(?=(?:I|I'm|I've|we|we're|my|our|she|he|they|it|it's|the|now|also|have|has|had|am|is|was|can't|cannot|don't|haven't)\b)/giu;
// A clause that names its own subject.
const SUBJECT_START =
  /^(?:[\p{Lu}\uE100-\uF8FF]|(?:we|we're|we've|my|our|your|his|her|their|she|he|they|it|it's|the|this|that|there|last)\b)/u;

/**
 * A statement cut to its clauses that hold a detail: "I care about reliability more than features,
 * and my budget is around $900." → "My budget is around $900." Undefined when every clause holds one,
 * or none does.
 */
export function detailClauses(sentence: string): string | undefined {
  const mark = /[.!?]$/.exec(sentence)?.[0] ?? "";
  const body = mark === "" ? sentence : sentence.slice(0, -1);
  const clauses: Array<{ text: string; joint: string }> = [];
  let last = 0;
  let joint = "";
  for (const m of body.matchAll(CLAUSE_BREAK)) {
    // "My partner and I have …" is one subject, not two clauses.
    if (m[0].startsWith(" ") && words(body.slice(last, m.index)) < 3) continue;
    clauses.push({ text: body.slice(last, m.index), joint });
    joint = m[0];
    last = m.index + m[0].length;
  }
  clauses.push({ text: body.slice(last), joint });
  if (clauses.length < 2) return undefined;
  const kept = clauses.filter((c) => holdsDetail(c.text));
  // A clause that shares the first one's subject ("… and have not exercised in years") cannot open.
  if (kept.length === 0 || kept.length === clauses.length || !SUBJECT_START.test(kept[0]?.text ?? ""))
    return undefined;
  const out = kept.map((c, i) => (i === 0 ? c.text : `${c.joint}${c.text}`)).join("");
  return `${capitalFirst(out)}${mark}`;
}

// A trailing clause that qualifies what came before ("… if I'll be hiking most days", "… so nobody
// feels lost", "… who specialises in candid, documentary-style photos", "…, returning a list"), up to
// the sentence's end.
const SUBORDINATE = new RegExp(
  `^(.*)(,?\\s+(?:${either(COMPRESS.subordinators)})\\s+[^;.?!—]*|,\\s+\\p{Ll}+ing\\s+[^,;.?!—]*)$`,
  "u",
);
// A second question after a comma ("…, and what can I do about it"): not part of a side clause.
const SECOND_ASK =
  /,\s+(?:(?:and|or|but)\s+)?(?:what|how|why|when|where|which|who|is|are|can|could|should|do|does|will|would)\b/i;

/**
 * The sentence without its last trailing subordinate clause, when that clause holds no detail and
 * at least five words stay; undefined otherwise.
 */
export function withoutSubordinate(sentence: string): string | undefined {
  const mark = /[.!?]$/.exec(sentence)?.[0] ?? "";
  const body = mark === "" ? sentence : sentence.slice(0, -1);
  // The last such clause: the greedy start leaves the shortest one to cut.
  const m = SUBORDINATE.exec(body);
  const clause = m?.[2] ?? "";
  if (m === null || holdsDetail(clause) || SECOND_ASK.test(clause)) return undefined;
  const kept = (m[1] ?? "").replace(/,$/, "");
  // What is left must still say something, and not end on a word that needs what followed it.
  if (words(kept) < 5 || /\b(?:to|the|a|an|of|and|or|in|on|for|with|is|are)$/i.test(kept)) return undefined;
  return kept + mark;
}

function words(text: string): number {
  return text.match(/[\p{L}\p{N}\uE100-\uF8FF]+/gu)?.length ?? 0;
}

// A statement of what the user has or wants, before what it is ("I need a washing machine for …",
// "We have €2,500 for …"): the ask says they want it, so the fragment carries the facts.
// Only before what is had or needed ("a …", "two offers", "$15,000"), never before a verb ("I have
// been …", "I need to …").
const HAVE_OR_NEED =
  /^(?:I|We)(?:\s+(?:need|want|have got|have|am looking for|are looking for)|['’](?:ve got|m looking for|re looking for))\s+(?=(?:a|an|the|some|two|three|four|five|six|[\p{N}\uE100-\uF8FF])(?:\s|$))/iu;
// "My budget is around $900." → "Budget: $900.": a sentence that only gives a value (a protected
// number, perhaps qualified, and nothing that says more: "My son is in 5th grade" is not a value).
const VALUE =
  /^(?:my|our|the)\s+((?:\p{L}+\s+){0,1}\p{L}+)\s+(?:is|are|was)\s+((?:(?:only|just|under|over|nearly|almost)\s+)?[\uE100-\uF8FF](?![^,;]*\b(?:but|is|are|was)\b)[^,;]*)$/iu;

/**
 * A statement put as the fragment a short message gives ("I need a washing machine for a family of
 * five." → "Washing machine for a family of five.", "My budget is $900." → "Budget: $900."), or
 * undefined when the sentence is neither.
 */
export function asFragment(sentence: string): string | undefined {
  const mark = /[.!]$/.exec(sentence)?.[0] ?? "";
  if (sentence.endsWith("?")) return undefined;
  const body = mark === "" ? sentence : sentence.slice(0, -1);
  const value = VALUE.exec(body);
  if (value !== null) return `${capitalFirst(value[1] ?? "")}: ${value[2]}${mark}`;
  const rest = body.replace(HAVE_OR_NEED, "");
  if (rest === body || words(rest) < 3) return undefined;
  return `${capitalFirst(rest.replace(/^(?:a|an|the)\s+/i, ""))}${mark}`;
}

function capitalFirst(text: string): string {
  return text.replace(/^\p{Ll}/u, (c) => c.toUpperCase());
}
