import { z } from "zod";
import { loadDataJson } from "../util/data-json.js";
import { lexicon, scan, scanText } from "./word-table.js";

/**
 * Technical terms the offline assistant may drop into an answer, with a plain-words gloss for each.
 * The assistant uses a term only when the system prompt does not ask for plain language; a novice
 * simulated user who meets one asks what it means, and the assistant answers from the same gloss.
 */

/** A coarse subject area, for picking terms that fit the request. */
export type JargonField = (typeof JARGON_FIELDS)[number];

const JARGON_FIELDS = ["coding", "finance", "health", "legal", "data", "business", "general"] as const;
const JargonData = z.object({
  terms: z.record(z.enum(JARGON_FIELDS), z.array(z.tuple([z.string().min(1), z.string().min(1)]))),
  field_lists: z.object({
    finance: z.string().min(1),
    health: z.string().min(1),
    legal: z.string().min(1),
    data: z.string().min(1),
    business: z.string().min(1),
  }),
  other_jargon: z.array(z.string().min(1)),
});

// The tables, from data/offline/jargon.json: read once, when this module is first imported.
const DATA = loadDataJson(JargonData, "offline", "jargon.json");

/** Terms by field, each with its plain-words gloss. */
const TERMS: Readonly<Record<JargonField, ReadonlyArray<readonly [string, string]>>> = DATA.terms;

const GLOSS: ReadonlyMap<string, string> = new Map(
  Object.values(TERMS).flatMap((list) => list.map(([term, gloss]) => [term.toLowerCase(), gloss] as const)),
);

/** The keyword lists that place a request in a field (also scanned with the request's own lists). */
export const FIELD_LISTS: Readonly<Record<"finance" | "health" | "legal" | "data" | "business", string>> =
  DATA.field_lists;
const FIELDS = lexicon(FIELD_LISTS);
const FIELD_ORDER = ["finance", "health", "legal", "data", "business"] as const;

/** The field a request belongs to (`coding` when it is about code), from its words. */
export function jargonField(words: readonly string[], coding: boolean): JargonField {
  return coding ? "coding" : fieldFromHits(scan(words, FIELDS), FIELDS.bit);
}

/** {@link jargonField} of a text as written (its words read in one pass). */
export function textField(text: string, coding: boolean): JargonField {
  return coding ? "coding" : fieldFromHits(scanText(text, FIELDS), FIELDS.bit);
}

/** The field from a scan that included {@link FIELD_LISTS} (`bit` maps each field to its bit). */
export function fieldFromHits(
  hits: number,
  bit: Readonly<Record<(typeof FIELD_ORDER)[number], number>>,
): JargonField {
  for (const field of FIELD_ORDER) if ((hits & bit[field]) !== 0) return field;
  return "general";
}

/** The terms of a field with their glosses. */
export function termsOf(field: JargonField): ReadonlyArray<readonly [string, string]> {
  return TERMS[field];
}

/** The plain-words gloss of a known term (any case), or undefined. */
export function glossOf(term: string): string | undefined {
  return GLOSS.get(term.toLowerCase());
}

// Every known term, plus common jargon a real assistant uses, longest first so phrases win.
const OTHER_JARGON: readonly string[] = DATA.other_jargon;
const JARGON_SOURCE = [...GLOSS.keys(), ...OTHER_JARGON.map((t) => t.toLowerCase())]
  .sort((a, b) => b.length - a.length)
  .map((t) => t.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&"))
  .join("|");
const JARGON = new RegExp(`\\b(?:${JARGON_SOURCE})\\b`, "i");

/** The first jargon term a text uses, as written there, or undefined. */
export function findJargon(text: string): string | undefined {
  return JARGON.exec(text)?.[0];
}
