import { z } from "zod";
import { loadDataJson } from "../../util/data-json.js";
import { valueKey } from "./trait-scales.js";

/**
 * How categorical persona values read inside a sentence, for both banks' spellings. A value missing
 * here reads as itself with underscores turned into spaces ({@link humanize}), so a value resolved
 * from `others` (`air_traffic_controller`) still reads naturally. The tables are data
 * (data/offline/trait-labels.json), read once when this module is first imported.
 */

const labels = z.record(z.string(), z.string().min(1));
const keys = z.array(z.string().min(1));

const TraitLabels = z.object({
  role_labels: labels,
  technical_roles: keys,
  roles_without_seniority: keys,
  industry_labels: labels,
  domain_labels: labels,
  specialization_labels: labels,
  code_language_labels: labels,
  region_labels: labels,
});

const LABELS = loadDataJson(TraitLabels, "offline", "trait-labels.json");

/** Occupation phrases (singular, without article). */
export const ROLE_LABELS: Readonly<Record<string, string>> = LABELS.role_labels;
/** Roles whose daily work is technical (they ask in tools and terms, not symptoms). */
export const TECHNICAL_ROLES: ReadonlySet<string> = new Set(LABELS.technical_roles);
/** Roles that carry no seniority ("a senior retiree" reads wrong). */
export const ROLES_WITHOUT_SENIORITY: ReadonlySet<string> = new Set(LABELS.roles_without_seniority);
/** Industry phrases, as the object of "in" ("works in fintech"). */
export const INDUSTRY_LABELS: Readonly<Record<string, string>> = LABELS.industry_labels;
/** Subject-area phrases, as the object of "questions about …". */
export const DOMAIN_LABELS: Readonly<Record<string, string>> = LABELS.domain_labels;
/** Specialization phrases, as the object of "specializing in …". */
export const SPECIALIZATION_LABELS: Readonly<Record<string, string>> = LABELS.specialization_labels;
/** Programming languages named by the original bank's `code_preference`. */
export const CODE_LANGUAGE_LABELS: Readonly<Record<string, string>> = LABELS.code_language_labels;
/** Regions, as the object of "based in …". */
export const REGION_LABELS: Readonly<Record<string, string>> = LABELS.region_labels;

/** A value key turned into words: `air_traffic_controller` → `air traffic controller`. */
export function humanize(key: string): string {
  return key.replace(/_/g, " ").trim();
}

/** The phrase for a value through a label table, or the humanized value; `undefined` when absent. */
export function labelOf(
  value: string | number | boolean | null | undefined,
  labels: Readonly<Record<string, string>>,
): string | undefined {
  const key = valueKey(typeof value === "string" ? value : undefined);
  if (key === undefined) return undefined;
  return labels[key] ?? humanize(key);
}

/** "a" or "an" before a phrase, by its first sound (letter names for acronyms: "an HR recruiter"). */
export function withArticle(phrase: string): string {
  const text = phrase.trimStart();
  const word = /^[A-Za-z0-9+#-]+/.exec(text)?.[0] ?? "";
  let an: boolean;
  if (/^[A-Z]{2,}/.test(word)) {
    an = /^[AEFHILMNORSX]/.test(word);
  } else {
    const lower = word.toLowerCase();
    an =
      (/^[aeiou]/.test(lower) && !/^(?:eu|one|once|uni|use|usu|ur[aeo])/.test(lower)) ||
      /^(?:hour|honest|heir)/.test(lower);
  }
  return `${an ? "an" : "a"} ${text}`;
}
