import type { Strategy } from "../strategy-config.js";

/**
 * The phrase lists of the offline semantic strategies: the strategy file's own lists when it has
 * them (`patterns`, `connectors`, `vague_patterns`, `contradiction_types`, `ambiguous_patterns`, …),
 * else built-in defaults, with text-speak filtered out for formal personas.
 */

/** A phrase and the label it was filed under (`length`, `exact_price`), if any. */
export interface LabelledPhrase {
  label: string | undefined;
  phrase: string;
}

type ListKey =
  | "patterns"
  | "connectors"
  | "vague_patterns"
  | "contradiction_types"
  | "ambiguous_patterns"
  | "fragments"
  | "attitudes";

function collect(entry: unknown, label: string | undefined, out: LabelledPhrase[]): void {
  if (typeof entry === "string") {
    const phrase = entry.trim();
    if (phrase !== "") out.push({ label, phrase });
  } else if (Array.isArray(entry)) {
    for (const item of entry) collect(item, label, out);
  } else if (entry !== null && typeof entry === "object") {
    for (const [key, value] of Object.entries(entry)) collect(value, key, out);
  }
}

/** The labelled phrases of one list of a strategy, or empty. */
export function listOf(strategy: Strategy | undefined, key: ListKey): LabelledPhrase[] {
  const value = strategy?.[key];
  const out: LabelledPhrase[] = [];
  if (Array.isArray(value)) collect(value, undefined, out);
  return out;
}

// Chat shorthand a formal writer never uses.
const TEXT_SPEAK =
  /\b(?:btw|rn|pls|plz|u|ur|thx|ty|lol|omg|idk|tbh|imo|gonna|wanna|gotta|kinda|sorta|ya|yep|nope|dunno|ok|oh|hmm|ugh|whatever|stuff)\b/i;
const EMOJI = /\p{Extended_Pictographic}/u;

/** True for a phrase a formal persona would not write. */
export function isCasualPhrase(phrase: string): boolean {
  return TEXT_SPEAK.test(phrase) || EMOJI.test(phrase);
}

/**
 * The phrases of a list (labels dropped), the file's when present, else `defaults`; for a formal
 * persona the casual ones are dropped, falling back to `formalDefaults` when none is left.
 */
export function phrasesOf(
  strategy: Strategy | undefined,
  key: ListKey,
  defaults: readonly string[],
  formal: boolean,
  formalDefaults: readonly string[] = defaults,
): string[] {
  const own = listOf(strategy, key).map((p) => p.phrase);
  const list = own.length > 0 ? own : defaults.slice();
  if (!formal) return list;
  const kept = list.filter((p) => !isCasualPhrase(p));
  return kept.length > 0 ? kept : formalDefaults.filter((p) => !isCasualPhrase(p));
}

/** Built-in lists, used when the strategy file has none. */
export const DEFAULTS = {
  context: [
    "like last time",
    "the usual way",
    "same as before",
    "as we discussed",
    "the one I mentioned",
    "you know the one",
  ],
  contextFormal: ["as discussed previously", "in the same format as last time", "as in my previous request"],
  priority: [
    "whatever you think is best",
    "up to you",
    "you decide",
    "whichever makes more sense",
    "I trust your judgment",
  ],
  priorityFormal: ["whichever you consider best", "I will leave that to your judgment", "as you see fit"],
  connectors: ["oh and", "also", "btw", "one more thing", "while you're at it", "and separately"],
  connectorsFormal: ["Also", "Additionally", "One more thing", "Separately"],
  corrections: ["actually wait", "no, scratch that", "hmm, on second thought", "or actually", "wait no"],
  correctionsFormal: ["On second thought", "Actually", "To correct myself"],
  ambiguous: [
    "look at this",
    "sort this out",
    "deal with this",
    "do something with this",
    "work on this",
    "help with this",
    "make this work",
  ],
  contradictions: [
    "length: keep it short but cover everything",
    "tone: professional but super relaxed",
    "budget: cheap but the best quality",
    "time: no rush but I need it today",
    "scope: just the basics, and also the advanced stuff",
  ],
} as const;

/** Vague replacements by slot kind (strategy file keys `exact_number`, `exact_price`, …). */
export const VAGUE_DEFAULTS: Readonly<Record<string, readonly string[]>> = {
  exact_number: ["a few", "a handful of", "not too many", "a bunch of", "some"],
  exact_price: ["not too pricey", "reasonable", "on the cheaper side", "mid-range", "affordable"],
  exact_time: ["soonish", "sometime next week", "before the weekend", "whenever works", "soon"],
  exact_length: ["not too long", "short-ish", "fairly brief", "a decent length"],
  exact_place: ["somewhere near there", "around that area"],
};

/** The vague phrases for one slot kind: the file's `vague_patterns` entry, else the default. */
export function vagueFor(strategy: Strategy | undefined, kind: string, formal: boolean): string[] {
  const own = listOf(strategy, "vague_patterns")
    .filter((p) => p.label === kind)
    .map((p) => p.phrase);
  const list = own.length > 0 ? own : (VAGUE_DEFAULTS[kind] ?? []).slice();
  return formal ? list.filter((p) => !isCasualPhrase(p)) : list;
}

/** Contradictions as `[type, phrase]`: a record `{length: "…"}` or a `length: …` string gives its type. */
export function contradictionsOf(strategy: Strategy | undefined, formal: boolean): LabelledPhrase[] {
  let list = listOf(strategy, "contradiction_types");
  if (list.length === 0) list = DEFAULTS.contradictions.map((s) => ({ label: undefined, phrase: s }));
  const out = list.map((p) => {
    const m = /^([a-z_]{2,30}):\s*(.+)$/i.exec(p.phrase);
    return m === null ? p : { label: p.label ?? m[1], phrase: (m[2] ?? "").replace(/^["']|["']$/g, "") };
  });
  const kept = formal ? out.filter((p) => !isCasualPhrase(p.phrase)) : out;
  return kept.length > 0 ? kept : out;
}

/**
 * Ambiguous verb phrases as templates with `{O}` for the object: `look at this (review it? fix it?)`
 * becomes `look at {O}`, `make it better` becomes `make {O} better`.
 */
export function ambiguousTemplates(strategy: Strategy | undefined): string[] {
  const own = listOf(strategy, "ambiguous_patterns").map((p) => p.phrase);
  const list = own.length > 0 ? own : [...DEFAULTS.ambiguous];
  const out: string[] = [];
  for (const raw of list) {
    const phrase = raw.replace(/\s*\(.*$/, "").trim();
    const template = phrase.replace(/\b(?:this|it|this thing)\b/i, "{O}");
    out.push(template.includes("{O}") ? template : `${phrase} {O}`);
  }
  return out;
}
