/**
 * The offline classifier behind `inferred_domain` and `inferred_scenario`: keyword cues over the
 * request text, scored and compared. It answers with a value of the bundled bank's `domain` and
 * `scenario` lists, or `others` when no cue fires.
 */
import { z } from "zod";
import { loadDataJson } from "../util/data-json.js";
import { cueTokens } from "./tokenizer.js";

/** The bundled bank's domains, in the order ties are broken. */
export const DOMAINS = [
  "coding",
  "data",
  "writing",
  "finance",
  "health",
  "travel",
  "education",
  "legal",
  "marketing",
  "career",
  "cooking",
  "fitness",
  "science",
  "math",
  "productivity",
  "home",
  "parenting",
  "relationships",
  "shopping",
  "entertainment",
  "gaming",
  "design",
  "business",
  "language_learning",
  "personal_tech",
] as const;
/** An inferred domain. */
export type Domain = (typeof DOMAINS)[number] | "others";

/** The bundled bank's scenarios, in the order ties are broken. */
export const SCENARIOS = [
  "in_a_rush",
  "debugging",
  "troubleshooting",
  "exam_prep",
  "reviewing",
  "brainstorming",
  "decision_making",
  "planning",
  "learning",
  "work_task",
  "on_mobile",
  "casual_curiosity",
] as const;
/** An inferred scenario. */
export type Scenario = (typeof SCENARIOS)[number] | "others";

// Cues per label, from data/offline/query-cues.json (read once, when this module is first imported):
// `_` joins a phrase, a trailing `*` matches any ending, `:2` doubles a cue's weight (a cue that
// alone decides the label). Tables follow DOMAINS and SCENARIOS, whose order breaks ties.
const cues = z.array(z.string().regex(/^\S+$/, "one cue, no spaces")).min(1);
const QueryCues = z.object({
  domain_cues: z.record(z.enum(DOMAINS), cues),
  scenario_cues: z.record(z.enum(SCENARIOS), cues),
});
const CUES = loadDataJson(QueryCues, "offline", "query-cues.json");
const DOMAIN_CUES: Readonly<Record<string, string>> = Object.fromEntries(
  DOMAINS.map((label) => [label, CUES.domain_cues[label].join(" ")]),
);
const SCENARIO_CUES: Readonly<Record<string, string>> = Object.fromEntries(
  SCENARIOS.map((label) => [label, CUES.scenario_cues[label].join(" ")]),
);

interface Cue {
  words: string[];
  prefix: boolean;
  weight: number;
}

function parseCues(spec: string): Cue[] {
  return spec
    .split(/\s+/)
    .filter((c) => c !== "")
    .map((cue) => {
      const [body = "", weight] = cue.split(/:(?=\d$)/);
      const prefix = body.endsWith("*");
      const words = (prefix ? body.slice(0, -1) : body).split("_");
      return { words, prefix, weight: weight === undefined ? 1 : Number(weight) };
    });
}

const CHILD_AGE = /\b\d+-(?:month|year|week)-olds?\b/g;

/** The request's words for cue matching: lower case, straight apostrophes, `$`/`%` kept as words. */
function tokens(text: string): string[] {
  let lower = text.toLowerCase();
  if (lower.includes("’")) lower = lower.replace(/’/g, "'");
  // "6-month-old", "8-year-olds": the age of a child, a cue of its own.
  if (lower.includes("-old")) lower = lower.replace(CHILD_AGE, "$& child-age");
  return cueTokens(lower);
}

/** One cue of one label (domains first, then scenarios), with its number for counting hits. */
interface IndexedCue {
  id: number;
  label: number;
  cue: Cue;
}

/**
 * Both cue tables compiled for matching: cues indexed by their first word (with the plural forms a
 * token may take) and prefix cues by their first three letters, so a request is scored for domain and
 * scenario in one pass over its tokens instead of trying every cue at every position.
 */
interface CueIndex {
  /** Every table's labels, in table order (which breaks ties), one table after another. */
  labels: string[];
  cueCount: number;
  exact: Map<string, IndexedCue[]>;
  prefix: Map<string, IndexedCue[]>;
  /**
   * A lazily-built cache of pure data: for a token, every cue whose first word can match it (a
   * function of the tables alone), so a token seen before costs one lookup. Capped, so that unusual
   * input cannot grow it without bound.
   */
  memo: Map<string, readonly IndexedCue[]>;
  /**
   * Bit sets over a hash of the `exact` keys and of the `prefix` keys: a token whose own hash (and
   * whose first one to three letters' hashes) hit neither cannot start any cue, so it skips the
   * lookup. Most tokens are such words, and the test costs no string hashing or Map probe.
   */
  exactBits: Uint32Array;
  prefixBits: Uint32Array;
}

const HASH_BITS = 17;

/** A hash of `text.slice(start, end)`, folded to {@link HASH_BITS} bits. */
function hashOf(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> (32 - HASH_BITS);
}

const setBit = (bits: Uint32Array, h: number): void => {
  bits[h >>> 5] = (bits[h >>> 5] ?? 0) | (1 << (h & 31));
};
const hasBit = (bits: Uint32Array, h: number): boolean => ((bits[h >>> 5] ?? 0) & (1 << (h & 31))) !== 0;

/** Whether `tok` may have candidates: false only when it certainly has none. */
function mayStartCue(tok: string): boolean {
  if (hasBit(INDEX.exactBits, hashOf(tok, 0, tok.length))) return true;
  for (let k = Math.min(3, tok.length); k >= 1; k--)
    if (hasBit(INDEX.prefixBits, hashOf(tok, 0, k))) return true;
  return false;
}

const MEMO_LIMIT = 50_000;
const NO_CUES: readonly IndexedCue[] = [];

function compile(tables: ReadonlyArray<Readonly<Record<string, string>>>): CueIndex {
  const index: CueIndex = {
    labels: [],
    cueCount: 0,
    exact: new Map(),
    prefix: new Map(),
    memo: new Map(),
    exactBits: new Uint32Array(1 << (HASH_BITS - 5)),
    prefixBits: new Uint32Array(1 << (HASH_BITS - 5)),
  };
  const push = (map: Map<string, IndexedCue[]>, key: string, entry: IndexedCue) => {
    const list = map.get(key);
    if (list) list.push(entry);
    else map.set(key, [entry]);
  };
  for (const table of tables) {
    for (const [name, spec] of Object.entries(table)) {
      const label = index.labels.push(name) - 1;
      for (const cue of parseCues(spec)) {
        const first = cue.words[0] ?? "";
        const entry = { id: index.cueCount++, label, cue };
        if (cue.prefix && cue.words.length === 1) {
          push(index.prefix, first.slice(0, 3), entry);
        } else {
          for (const form of [first, `${first}s`, `${first}es`]) push(index.exact, form, entry);
        }
      }
    }
  }
  for (const key of index.exact.keys()) setBit(index.exactBits, hashOf(key, 0, key.length));
  for (const key of index.prefix.keys()) setBit(index.prefixBits, hashOf(key, 0, key.length));
  return index;
}

// Parsed and indexed once: read-only after module load (the token memo aside, see `CueIndex`).
// The domains' labels come first, the scenarios' follow.
const INDEX = compile([DOMAIN_CUES, SCENARIO_CUES]);
const DOMAIN_COUNT = Object.keys(DOMAIN_CUES).length;

/** Every cue whose first word matches `tok` (exact or plural form, or as a prefix). */
function candidates(tok: string): readonly IndexedCue[] {
  const known = INDEX.memo.get(tok);
  if (known !== undefined) return known;
  const found: IndexedCue[] = [...(INDEX.exact.get(tok) ?? [])];
  // Prefix cues are keyed by up to three letters (shorter prefixes by all they have).
  for (let k = Math.min(3, tok.length); k >= 1; k--) {
    for (const entry of INDEX.prefix.get(tok.slice(0, k)) ?? []) {
      const want = entry.cue.words[0] ?? "";
      if (Math.min(3, want.length) === k && tok.startsWith(want)) found.push(entry);
    }
  }
  const list = found.length === 0 ? NO_CUES : found;
  if (INDEX.memo.size < MEMO_LIMIT) INDEX.memo.set(tok, list);
  return list;
}

/** `tok` is `want`, or with a prefix cue starts with it; else its plural in `s` or `es`. */
function wordMatches(tok: string, want: string, prefix: boolean): boolean {
  if (prefix) return tok.startsWith(want);
  const extra = tok.length - want.length;
  if (extra === 0) return tok === want;
  if (extra === 1) return tok.endsWith("s") && tok.startsWith(want);
  if (extra === 2) return tok.endsWith("es") && tok.startsWith(want);
  return false;
}

/** Whether `cue` matches at token `i` (its first word is already known to match). */
function matchesAt(toks: readonly string[], i: number, cue: Cue): boolean {
  const n = cue.words.length;
  if (i + n > toks.length) return false;
  for (let j = 1; j < n; j++) {
    if (!wordMatches(toks[i + j] ?? "", cue.words[j] ?? "", j === n - 1 && cue.prefix)) return false;
  }
  return true;
}

/** Each label's score: the weights of the cues found, a cue counting at most twice. */
function scores(toks: readonly string[]): number[] {
  // Plain arrays: a typed array this size would be allocated off the heap, which costs more here.
  const total: number[] = new Array<number>(INDEX.labels.length).fill(0);
  // Cues found so far, once per hit: a cue counts at most twice, so one repeated word cannot outvote
  // several different cues. Few cues fire per request, so a list is the cheapest record.
  const hits: number[] = [];
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i] ?? "";
    if (!mayStartCue(tok)) continue;
    for (const entry of candidates(tok)) {
      const cue = entry.cue;
      if (cue.words.length > 1 && !matchesAt(toks, i, cue)) continue;
      const first = hits.indexOf(entry.id);
      if (first >= 0 && hits.indexOf(entry.id, first + 1) >= 0) continue;
      hits.push(entry.id);
      total[entry.label] = (total[entry.label] ?? 0) + cue.weight;
    }
  }
  return total;
}

/** The first label in `[from, to)` with the highest positive score. */
function top(total: readonly number[], from: number, to: number): string | undefined {
  let found: string | undefined;
  let topScore = 0;
  for (let i = from; i < to; i++) {
    const score = total[i] ?? 0;
    if (score > topScore) {
      found = INDEX.labels[i];
      topScore = score;
    }
  }
  return found;
}

const domainOf = (total: readonly number[]): Domain =>
  (top(total, 0, DOMAIN_COUNT) as Domain | undefined) ?? "others";
const scenarioOf = (total: readonly number[]): Scenario =>
  (top(total, DOMAIN_COUNT, INDEX.labels.length) as Scenario | undefined) ?? "others";

/** The domain a request is about, by keyword cues; `others` when none fires. */
export function inferDomain(query: string): Domain {
  return domainOf(scores(tokens(query)));
}

/** The situation a request is asked in, by cue words; `others` when none fires. */
export function inferScenario(query: string): Scenario {
  return scenarioOf(scores(tokens(query)));
}

/** {@link inferDomain} and {@link inferScenario} together, reading the request once. */
export function classifyQuery(query: string): { domain: Domain; scenario: Scenario } {
  const total = scores(tokens(query));
  return { domain: domainOf(total), scenario: scenarioOf(total) };
}
