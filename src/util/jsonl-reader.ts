import { isAscii } from "node:buffer";
import { StoreError } from "../errors.js";
import { readRawLines } from "./line-reader.js";

/** One line of a JSONL file, with its 1-based number and whether it was the unterminated last line. */
export interface JsonlLine {
  text: string;
  line: number;
  /** True for a final line without a trailing newline: possibly torn by a crash mid-write. */
  unterminated: boolean;
}

/** Longer lines are refused rather than held in memory (a store record is a few KiB). */
const MAX_LINE_BYTES = 256 * 1024 * 1024;

/**
 * Streams the lines of a file without loading it whole. Empty lines are skipped; `\r\n` ends a line
 * like `\n`. The final line is flagged when the file does not end with a newline, so callers can tell
 * a torn write from a bad record. An ASCII line (most are) is decoded as Latin-1, many times faster
 * than UTF-8 (readline's per-line decoding dominated reading big stores) and the same string.
 */
export async function* readJsonlLines(path: string): AsyncGenerator<JsonlLine> {
  for await (const batch of readRawLines(path, MAX_LINE_BYTES)) {
    for (const raw of batch) {
      if ("overflowBytes" in raw) {
        throw new StoreError(`line is longer than ${MAX_LINE_BYTES} bytes`, { where: `${path}:${raw.line}` });
      }
      const text = raw.bytes.toString(isAscii(raw.bytes) ? "latin1" : "utf8");
      if (text.trim() !== "") yield { text, line: raw.line, unterminated: raw.unterminated };
    }
  }
}
