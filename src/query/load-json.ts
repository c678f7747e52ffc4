import { readFile, stat } from "node:fs/promises";
import { DataError, ioError } from "../errors.js";
import { readFileHead } from "../util/file-chunks.js";
import { readRawLines } from "../util/line-reader.js";
import { jsonErrorLocation } from "./json-error-location.js";
import { type JsonlLimits, readJsonlRows } from "./load-jsonl.js";
import { clip, decodeStrict, formatBytes, type RowBatch, strictDecoder } from "./raw-row.js";

/** Rows handed out per batch. */
const BATCH_ROWS = 1000;

/** Bounds on a JSON document, which (unlike JSONL) is parsed whole. */
export interface JsonLimits extends JsonlLimits {
  /** A larger `.json` file is refused with a hint to convert it to JSONL. */
  maxJsonBytes: number;
}

/**
 * Reads a `.json` dataset: an array of rows, or `{"queries": [...]}`. The document is parsed whole
 * (hence `maxJsonBytes`), then rows are handed out one by one and released as they go. A file that is
 * really JSONL under a `.json` name (a complete object on its first line, more lines after) is
 * streamed as JSONL. An empty file has no rows. A document that does not parse is one DataError whose
 * `where` is `file:line:column`.
 */
export async function* readJsonRows(path: string, limits: JsonLimits): AsyncGenerator<RowBatch> {
  if (await looksLikeJsonl(path, limits.maxLineBytes)) {
    yield* readJsonlRows(path, limits);
    return;
  }
  const items = await parseJsonRows(path, limits.maxJsonBytes);
  for (let start = 0; start < items.length; start += BATCH_ROWS) {
    const batch: RowBatch = [];
    for (let i = start; i < Math.min(start + BATCH_ROWS, items.length); i++) {
      batch.push({ row: i + 1, record: items[i] });
      items[i] = undefined; // let each row be collected once it is handed out
    }
    yield batch;
  }
}

async function parseJsonRows(path: string, maxJsonBytes: number): Promise<unknown[]> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    throw ioError("read", path, error);
  }
  if (size > maxJsonBytes) {
    throw new DataError(
      `this JSON file is ${formatBytes(size)}; a .json dataset is parsed whole and may be at most ${formatBytes(maxJsonBytes)}`,
      {
        where: path,
        hint: "convert it to JSONL, one object per line, which is streamed (e.g. `jq -c '.[]' in.json > out.jsonl`)",
      },
    );
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw ioError("read", path, error);
  }
  const decoded = decodeStrict(bytes, strictDecoder());
  if (!decoded.ok) throw new DataError(`not a JSON file: ${decoded.reason}`, { where: path });
  const text = decoded.text;
  if (text.trim() === "") return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = jsonErrorLocation(text, message);
    throw new DataError(`invalid JSON: ${clip(message)}`, {
      where: at === undefined ? path : `${path}:${at.line}:${at.column}`,
      cause: error,
    });
  }
  if (Array.isArray(parsed)) return parsed;
  if (
    parsed !== null &&
    typeof parsed === "object" &&
    Array.isArray((parsed as { queries?: unknown }).queries)
  ) {
    return (parsed as { queries: unknown[] }).queries;
  }
  const found =
    parsed !== null && typeof parsed === "object"
      ? `an object with keys: ${clip(Object.keys(parsed).join(", ") || "(none)")}`
      : `a ${typeof parsed}`;
  throw new DataError(`expected a JSON array of rows or {"queries": [...]}, found ${found}`, { where: path });
}

/**
 * True when a `.json` file is really JSONL: its first non-blank line is a complete JSON object and
 * another line follows. A document starting with `[` is decided from its first bytes alone.
 */
async function looksLikeJsonl(path: string, maxLineBytes: number): Promise<boolean> {
  if ((await firstNonBlankChar(path)) !== "{") return false;
  let first = true;
  for await (const lines of readRawLines(path, maxLineBytes)) {
    for (const line of lines) {
      if ("overflowBytes" in line) return false;
      const text = line.bytes.toString("utf8").trim();
      if (text === "") continue;
      if (!first) return true;
      first = false;
      try {
        const value: unknown = JSON.parse(text);
        if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
      } catch {
        return false;
      }
    }
  }
  return false;
}

async function firstNonBlankChar(path: string): Promise<string | undefined> {
  const head = (await readFileHead(path, 64 * 1024)).toString("utf8").replace(/^\uFEFF/, "");
  return /\S/.exec(head)?.[0];
}
