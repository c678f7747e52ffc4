import { extname } from "node:path";
import { type JsonLimits, readJsonRows } from "./load-json.js";
import { type JsonlLimits, readJsonlRows } from "./load-jsonl.js";
import type { RowBatch } from "./raw-row.js";

/** Speakers whose turn is the user's query. */
const USER_ROLES = new Set(["human", "user"]);

/**
 * Streams the rows of a ShareGPT dataset: a `.json` file (array or `{queries: […]}`) or JSONL.
 * Each row is `{conversations: [{from|role, value|content}, …]}`; OpenAI-style `messages` works too.
 * The text itself is chosen by `extractSeedFields` in `sharegpt` mode (see {@link shareGptUserText}).
 */
export function readShareGptRows(path: string, limits: JsonLimits & JsonlLimits): AsyncGenerator<RowBatch> {
  return extname(path).toLowerCase() === ".json" ? readJsonRows(path, limits) : readJsonlRows(path, limits);
}

/** True when the row holds a conversation: a `conversations` (ShareGPT) or `messages` (OpenAI) array. */
export function isShareGptRecord(row: Record<string, unknown>): boolean {
  return Array.isArray(row.conversations) || Array.isArray(row.messages);
}

/**
 * The query of a conversation: the first human/user turn with text (`from` or `role`; `value` or
 * `content`, which may be an array of `{type: "text", text}` parts), falling back to the first turn's
 * text when no turn is marked as the user's (`conversations[0].value`). Trimmed; undefined when none.
 */
export function shareGptUserText(row: Record<string, unknown>): string | undefined {
  const turns = Array.isArray(row.conversations) ? row.conversations : row.messages;
  if (!Array.isArray(turns)) return undefined;
  for (const turn of turns) {
    if (!isObject(turn)) continue;
    const speaker = turn.from ?? turn.role;
    if (typeof speaker !== "string" || !USER_ROLES.has(speaker.toLowerCase())) continue;
    const text = turnText(turn);
    if (text !== undefined) return text;
  }
  const first: unknown = turns[0];
  return isObject(first) ? turnText(first) : undefined;
}

function turnText(turn: Record<string, unknown>): string | undefined {
  const value = turn.value ?? turn.content;
  let text: string | undefined;
  if (typeof value === "string") text = value;
  else if (Array.isArray(value)) {
    text = value
      .map((part) =>
        typeof part === "string" ? part : isObject(part) && typeof part.text === "string" ? part.text : "",
      )
      .filter((part) => part !== "")
      .join("\n");
  }
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
