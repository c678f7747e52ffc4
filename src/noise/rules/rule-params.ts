/** Reading rule settings from the loose `params` record, and persona checks shared by rules. */

/** A number parameter clamped to `[min, max]`, or `fallback` when absent or not a finite number. */
export function numberParam(
  params: Readonly<Record<string, unknown>> | undefined,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = params?.[key];
  if (typeof value !== "number" || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}

/** A string parameter, or undefined. */
export function stringParam(
  params: Readonly<Record<string, unknown>> | undefined,
  key: string,
): string | undefined {
  const value = params?.[key];
  return typeof value === "string" ? value : undefined;
}

/**
 * Phrases from the first of `keys` that holds a non-empty list. Entries may be plain strings, or
 * `label: a, b` strings (`urgent: need this soon, kind of urgent`), or records of such lists, as in
 * the strategy file's `attitudes`, `fragments` and `patterns`.
 */
export function phraseList(
  params: Readonly<Record<string, unknown>> | undefined,
  keys: readonly string[],
): string[] | undefined {
  for (const key of keys) {
    const value = params?.[key];
    if (!Array.isArray(value)) continue;
    const phrases: string[] = [];
    for (const entry of value) collectPhrases(entry, phrases);
    if (phrases.length > 0) return phrases;
  }
  return undefined;
}

function collectPhrases(entry: unknown, out: string[]): void {
  if (typeof entry === "string") {
    const colon = entry.indexOf(":");
    const body = colon >= 0 && /^\s*[a-z_ ]+$/i.test(entry.slice(0, colon)) ? entry.slice(colon + 1) : entry;
    const parts = colon >= 0 ? body.split(",") : [body];
    for (const part of parts) {
      const phrase = part.trim().replace(/^["']|["']$/g, "");
      if (phrase.length > 0) out.push(phrase);
    }
  } else if (Array.isArray(entry)) {
    for (const item of entry) collectPhrases(item, out);
  } else if (entry !== null && typeof entry === "object") {
    for (const item of Object.values(entry)) collectPhrases(item, out);
  }
}

const FORMAL = new Set(["formal", "very_formal", "highly_formal", "professional"]);

/** True for a persona whose `formality_level` asks for formal language: text-speak and emoji hold back. */
export function isFormalPersona(persona: Readonly<Record<string, unknown>> | undefined): boolean {
  const level = persona?.formality_level;
  return (
    typeof level === "string" &&
    FORMAL.has(
      level
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, "_"),
    )
  );
}
