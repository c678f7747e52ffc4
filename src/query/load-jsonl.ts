import { readRawLines } from "../util/line-reader.js";
import { clip, decodeStrict, formatBytes, type RowBatch, strictDecoder } from "./raw-row.js";

/** Bounds on what one JSONL line may hold. */
export interface JsonlLimits {
  /** A longer line is skipped as `too_long` without ever being held in memory. */
  maxLineBytes: number;
}

/**
 * Streams a JSONL file (one JSON value per line; `.jsonl`, `.ndjson`) in batches of rows, holding
 * about one read chunk at a time. Blank lines are not rows. A line that is binary, not UTF-8 or not
 * JSON is a malformed row with its line number; the file is read to the end regardless.
 */
export async function* readJsonlRows(path: string, limits: JsonlLimits): AsyncGenerator<RowBatch> {
  const decoder = strictDecoder();
  for await (const lines of readRawLines(path, limits.maxLineBytes)) {
    const batch: RowBatch = [];
    for (const line of lines) {
      const row = line.line;
      if ("overflowBytes" in line) {
        const size = formatBytes(line.overflowBytes);
        const reason = `line of ${size} exceeds the ${formatBytes(limits.maxLineBytes)} line limit`;
        batch.push({ row, problem: "too_long", reason });
        continue;
      }
      const decoded = decodeStrict(line.bytes, decoder);
      if (!decoded.ok) {
        batch.push({ row, problem: "malformed", reason: decoded.reason });
        continue;
      }
      const text = decoded.text.trim();
      if (text === "") continue;
      try {
        batch.push({ row, record: JSON.parse(text) });
      } catch (error) {
        const reason = `invalid JSON: ${clip(error instanceof Error ? error.message : String(error))}`;
        batch.push({ row, problem: "malformed", reason });
      }
    }
    if (batch.length > 0) yield batch;
  }
}
