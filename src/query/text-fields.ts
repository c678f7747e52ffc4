import { isShareGptRecord, shareGptUserText } from "./load-sharegpt.js";
import { clip } from "./raw-row.js";

/** The fields that may hold a query's text, in priority order. */
export const TEXT_FIELDS = ["instruction", "query", "question", "prompt", "text", "input"] as const;
/** The fields that may hold a row's own id, in priority order. */
export const ID_FIELDS = ["id", "query_id", "uuid"] as const;
/** The fields that may hold a row's domain, in priority order. */
export const DOMAIN_FIELDS = ["domain", "category"] as const;

/** How to read a row: plain fields first, or (ShareGPT) the conversation's first user turn first. */
export type TextMode = "fields" | "sharegpt";

/** What a row gives: its text, optional domain and id, or why it gives nothing. */
export type SeedFields =
  | { ok: true; text: string; domain?: string; rowId?: string }
  | { ok: false; kind: "empty" | "malformed"; reason: string };

/**
 * Reads one row's text, domain and id.
 *
 * Text: the first non-empty (after trimming) string among `instruction, query, question, prompt,
 * text, input`, looked up by exact key first and then, as a fallback, by the same names in any letter
 * case (`Question`, `PROMPT`). Alpaca rows: when the text comes from `instruction` and the row also
 * has a non-empty `input`, the input is appended after a blank line (`instruction\n\ninput`), since
 * the instruction alone is often meaningless ("Summarise this text."). When no field gives text, the
 * conversation is used: the first human/user turn of `conversations` (or `messages`), falling back to
 * `conversations[0].value`. In `sharegpt` mode the conversation comes first. A bare string row is its
 * own text. The text is trimmed.
 *
 * Domain: `domain` or `category` (non-empty string). Id: `id`, `query_id` or `uuid` (non-empty string,
 * finite number or bigint).
 */
export function extractSeedFields(record: unknown, mode: TextMode, columns?: readonly string[]): SeedFields {
  if (typeof record === "string") {
    const text = record.trim();
    return text === "" ? { ok: false, kind: "empty", reason: "empty string row" } : { ok: true, text };
  }
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    return { ok: false, kind: "malformed", reason: `row is ${describeValue(record)}, not an object` };
  }
  const row = record as Record<string, unknown>;
  const lookup = fieldLookup(row);
  const text =
    mode === "sharegpt"
      ? (conversationText(row) ?? fieldText(lookup))
      : (fieldText(lookup) ?? conversationText(row));
  if (text === undefined) return missingText(row, lookup, columns);
  const result: SeedFields = { ok: true, text };
  const domain = firstString(lookup, DOMAIN_FIELDS);
  if (domain !== undefined) result.domain = domain;
  const rowId = firstId(lookup);
  if (rowId !== undefined) result.rowId = rowId;
  return result;
}

/** Reads a field by exact key, or (`anyCase`) by the same name in any letter case. */
type Lookup = (name: string, anyCase: boolean) => unknown;

function fieldLookup(row: Record<string, unknown>): Lookup {
  let folded: Map<string, unknown> | undefined;
  return (name, anyCase) => {
    if (!anyCase) return Object.hasOwn(row, name) ? row[name] : undefined;
    if (folded === undefined) {
      folded = new Map();
      for (const [key, value] of Object.entries(row)) {
        const lower = key.toLowerCase();
        if (!folded.has(lower) || isBlank(folded.get(lower))) folded.set(lower, value);
      }
    }
    return folded.get(name);
  };
}

/** Exact keys in priority order first; only when none gives text, the same names in any letter case. */
function fieldText(lookup: Lookup): string | undefined {
  for (const anyCase of [false, true]) {
    for (const name of TEXT_FIELDS) {
      const text = nonBlank(lookup(name, anyCase));
      if (text === undefined) continue;
      if (name === "instruction") {
        const input = nonBlank(lookup("input", false)) ?? nonBlank(lookup("input", true));
        if (input !== undefined) return `${text}\n\n${input}`;
      }
      return text;
    }
  }
  return undefined;
}

function conversationText(row: Record<string, unknown>): string | undefined {
  return isShareGptRecord(row) ? shareGptUserText(row) : undefined;
}

function firstString(lookup: Lookup, names: readonly string[]): string | undefined {
  for (const anyCase of [false, true]) {
    for (const name of names) {
      const value = nonBlank(lookup(name, anyCase));
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

function firstId(lookup: Lookup): string | undefined {
  for (const anyCase of [false, true]) {
    for (const name of ID_FIELDS) {
      const value = lookup(name, anyCase);
      if (typeof value === "string" && value.trim() !== "") return value.trim();
      if (typeof value === "number" && Number.isFinite(value)) return String(value);
      if (typeof value === "bigint") return value.toString();
    }
  }
  return undefined;
}

/** Says why a row has no text: blank text fields (empty), non-string ones, or none of the known names. */
function missingText(
  row: Record<string, unknown>,
  lookup: Lookup,
  columns: readonly string[] | undefined,
): SeedFields {
  const present = TEXT_FIELDS.filter((name) => lookup(name, true) !== undefined);
  if (present.some((name) => isBlank(lookup(name, true)))) {
    return { ok: false, kind: "empty", reason: `empty text (${present.join(", ")})` };
  }
  if (present.length > 0) {
    const name = present[0]!;
    const value = describeValue(lookup(name, true));
    return { ok: false, kind: "malformed", reason: `field ${name} is ${value}, not a string` };
  }
  if (isShareGptRecord(row)) return { ok: false, kind: "empty", reason: "no user text in the conversation" };
  const keys = columns ?? Object.keys(row);
  const shown = keys.slice(0, 12).join(", ") + (keys.length > 12 ? `, … (${keys.length} in all)` : "");
  const reason =
    keys.length === 0 ? "no text field (the row has no fields)" : `no text field among: ${shown}`;
  return { ok: false, kind: "malformed", reason: clip(reason, 300) };
}

function nonBlank(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  return text === "" ? undefined : text;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  const type = typeof value;
  return type === "object" ? "an object" : `a ${type}`;
}
