import { readFileChunks } from "./file-chunks.js";

/**
 * One physical line of a file: its bytes (without `\n` or a trailing `\r`), or only its size when too
 * long. `unterminated` marks a last line with no newline after it (possibly torn by a crash mid-write).
 */
export type RawLine = ({ bytes: Buffer } | { overflowBytes: number }) & {
  line: number;
  unterminated: boolean;
};

/**
 * Streams the lines of a file as bytes, in batches (the lines completed by each chunk read:
 * one async step per line would cost more than the line itself, and its garbage outlives the young
 * generation). A line's bytes are valid until the next batch is asked for (the read buffer is
 * reused), and never more than `maxLineBytes` of a line is held: a longer line is skipped as it
 * streams past (its size is reported instead), so a multi-gigabyte file without newlines cannot exhaust memory. Bytes rather than strings so that each
 * line can be checked for binary data and decoded strictly. Empty lines are included; line numbers
 * are 1-based.
 */
export async function* readRawLines(path: string, maxLineBytes: number): AsyncGenerator<RawLine[]> {
  let parts: Buffer[] = [];
  let length = 0;
  let overflow = false;
  let line = 0;
  const take = (unterminated: boolean): RawLine => {
    line++;
    let result: RawLine;
    if (overflow) result = { line, overflowBytes: length, unterminated };
    else {
      let bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, length);
      if (bytes.length > 0 && bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, bytes.length - 1);
      result = { line, bytes, unterminated };
    }
    parts = [];
    length = 0;
    overflow = false;
    return result;
  };
  // The chunk buffer is reused: a line's bytes are valid until the next batch is asked for, and the
  // start of a line that continues in the next chunk is copied out.
  for await (const chunk of readFileChunks(path, { reuse: true })) {
    const batch: RawLine[] = [];
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(10, start);
      const end = newline === -1 ? chunk.length : newline;
      if (end > start) {
        length += end - start;
        if (!overflow && length > maxLineBytes) {
          overflow = true;
          parts = [];
        } else if (!overflow) {
          const part = chunk.subarray(start, end);
          parts.push(newline === -1 ? Buffer.from(part) : part);
        }
      }
      if (newline === -1) break;
      batch.push(take(false));
      start = newline + 1;
    }
    if (batch.length > 0) yield batch;
  }
  if (length > 0 || overflow) yield [take(true)];
}
