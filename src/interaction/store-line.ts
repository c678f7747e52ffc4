/** A stored record: any JSON object with a string id under the store's id key. */
export type StoredRecord = Record<string, unknown>;

/** A line of a store segment as a record, or what is wrong with it. */
export type ParsedLine = { record: StoredRecord } | { problem: string };

/** Parses one stored line: a JSON object with a non-empty string under `idKey`, or the problem. */
export function parseStoreLine(text: string, idKey: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: "line is not valid JSON" };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return { problem: "line is not a JSON object" };
  const id = (value as StoredRecord)[idKey];
  if (typeof id !== "string" || id === "") return { problem: `record has no string "${idKey}"` };
  return { record: value as StoredRecord };
}

/** What a corrupt line in a store calls for: the repair command, which moves it to quarantine. */
export const REPAIR_HINT =
  "run `personasynth repair` with this run's --out (or --config) to move the line to quarantine.jsonl; the item is then made again";
