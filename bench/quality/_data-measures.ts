// Measures of issue 15's table over stored interactions, each defined here independently of the
// code it checks (a measure that reused the code under test could not fail).
import { dictionaryLines } from "../../src/text/cspell-dictionary.js";

/** A noisy rendering as stored in `metadata.noisy_versions`. */
export interface NoisyRecord {
  noisy_text: string;
  noise_type: string;
  applied_strategies: string[];
  layer?: string;
  noise_intensity?: number;
  edits?: Array<{ strategy: string; position: number; before: string; after: string }>;
  skipped_strategies?: string[];
  /** On a skipped record: the layer that was chosen, none of whose strategies applied. */
  chosen_layer?: string;
}

/** One noised user text: the clean text and its noisy version. */
export interface NoisedText {
  clean: string;
  record: NoisyRecord;
}

/** Every noisy version of an interaction's user texts (skipped ones left out). */
export function noisedTexts(interaction: Record<string, unknown>): NoisedText[] {
  const noisy = (interaction.metadata as { noisy_versions?: Record<string, unknown> }).noisy_versions;
  const out: NoisedText[] = [];
  const initial = noisy?.initial_query as
    | { clean_query?: string; noisy_versions?: NoisyRecord[] }
    | undefined;
  for (const record of initial?.noisy_versions ?? [])
    if (record.noise_type !== "skipped") out.push({ clean: initial?.clean_query ?? "", record });
  for (const f of (noisy?.followups ?? []) as Array<{
    clean_feedback?: string;
    noisy_versions?: NoisyRecord[];
  }>)
    for (const record of f.noisy_versions ?? [])
      if (record.noise_type !== "skipped") out.push({ clean: f.clean_feedback ?? "", record });
  return out;
}

/** Every record of an interaction's user texts whose layer was chosen (applied or skipped). */
export function chosenLayerRecords(interaction: Record<string, unknown>): NoisyRecord[] {
  const noisy = (interaction.metadata as { noisy_versions?: Record<string, unknown> }).noisy_versions;
  const initial = noisy?.initial_query as { noisy_versions?: NoisyRecord[] } | undefined;
  const all = [
    ...(initial?.noisy_versions ?? []),
    ...((noisy?.followups ?? []) as Array<{ noisy_versions?: NoisyRecord[] }>).flatMap(
      (f) => f.noisy_versions ?? [],
    ),
  ];
  return all.filter((r) => (r.layer ?? r.chosen_layer) !== undefined);
}

/** A phrase as a reader sees it: lower case, without the joining punctuation around it. */
export function phraseOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/^[\s,.;:!?]+|[\s,.;:!?]+$/g, "")
    .trim();
}

/** The named contradictions (and plain role × specialization clashes), checked directly. */
export function hardContradiction(f: Record<string, unknown>): string | undefined {
  const senior = ["senior", "lead", "manager", "director", "executive"];
  const managing = ["manager", "director", "executive"];
  if (f.age_band === "under_18" && senior.includes(String(f.seniority))) return "under-18 senior/manager";
  if (f.age_band === "65_plus" && f.seniority === "intern") return "65+ intern";
  if (f.role === "student" && managing.includes(String(f.seniority))) return "student manager";
  if (f.role === "customer_support" && f.specialization === "machine_learning") return "support ML";
  const technical = ["frontend", "backend", "mobile", "devops", "machine_learning", "data_engineering"];
  const nonTechnical = [
    "customer_support",
    "salesperson",
    "hr_recruiter",
    "tradesperson",
    "teacher",
    "lawyer",
  ];
  if (nonTechnical.includes(String(f.role)) && technical.includes(String(f.specialization)))
    return "role × specialization";
  if (f.role === "retiree" && f.industry !== undefined && f.industry !== "not_employed")
    return "employed retiree";
  return undefined;
}

/** Applies edits in order, indexing by code point; undefined when an edit's `before` is not there. */
export function replayByCodePoint(
  clean: string,
  edits: NonNullable<NoisyRecord["edits"]>,
): string | undefined {
  let points = [...clean];
  for (const e of edits) {
    const before = [...e.before];
    const at = points.slice(e.position, e.position + before.length).join("");
    if (at !== e.before) return undefined;
    points = [...points.slice(0, e.position), ...e.after, ...points.slice(e.position + before.length)];
  }
  return points.join("");
}

const STOP = new Set(
  "a an the and or but if of to in on for with at by from is are be it this that i you me my can could would should please do does how what why when where which about as so just".split(
    " ",
  ),
);

/** Content words (lower case, ≥ 3 letters, not a stop word). */
export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []).filter((w) => w.length >= 3 && !STOP.has(w));
}

/**
 * True when the noisy text lost or replaced information of the clean one: a content word of the
 * clean text (a number, a name, a detail) no longer appears in it.
 */
export function removesInformation(clean: string, noisy: string): boolean {
  const left = new Set(contentWords(noisy));
  return contentWords(clean).some((w) => !left.has(w));
}

/** Known misspellings (cspell's common-misspellings list), as a set of lower-case words. */
export function misspellingSet(): Set<string> {
  const words = new Set<string>();
  for (const line of dictionaryLines()) {
    const wrong = line.split("->")[0]?.trim().toLowerCase();
    if (wrong && /^[a-z']+$/.test(wrong)) words.add(wrong);
  }
  return words;
}

/** Words of `text` that are known misspellings and not already in `source`. */
export function addedTypos(text: string, source: string, known: ReadonlySet<string>): string[] {
  const had = new Set(source.toLowerCase().match(/[a-z']+/g) ?? []);
  return (text.toLowerCase().match(/[a-z']+/g) ?? []).filter((w) => known.has(w) && !had.has(w));
}
