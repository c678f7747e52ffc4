import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { ioError } from "../errors.js";

/** One line of a JSONL file, with its 1-based number and whether it was the unterminated last line. */
export interface JsonlLine {
  text: string;
  line: number;
  /** True for a final line without a trailing newline: possibly torn by a crash mid-write. */
  unterminated: boolean;
}

/**
 * Streams the lines of a file without loading it whole. Empty lines are skipped. The final line is
 * flagged when the file does not end with a newline, so callers can tell a torn write from a bad record.
 */
export async function* readJsonlLines(path: string): AsyncGenerator<JsonlLine> {
  let endsWithNewline = true;
  let lastByteKnown = false;
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 });
  stream.on("data", (chunk) => {
    if (chunk.length > 0) {
      endsWithNewline = (chunk as string).endsWith("\n");
      lastByteKnown = true;
    }
  });
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let pending: { text: string; line: number } | undefined;
  let n = 0;
  try {
    for await (const text of lines) {
      n++;
      if (pending) yield { ...pending, unterminated: false };
      pending = text.trim() === "" ? undefined : { text, line: n };
    }
  } catch (error) {
    throw ioError("read", path, error);
  }
  if (pending) yield { ...pending, unterminated: lastByteKnown && !endsWithNewline };
}
