import { TextDecoder } from "node:util";
import { excerpt } from "../util/excerpt.js";

/**
 * What every format reader yields: either a parsed record (left to `extractSeedFields` to interpret)
 * or a row that could not be read at all. Readers never throw for one bad row; they report it here so
 * it is counted with its row number.
 */
export type RawRow =
  | {
      row: number;
      /** A parsed row: usually an object, possibly a bare string or anything JSON can hold. */
      record: unknown;
      /** The columns the file has, when the record holds only some of them (Parquet reads only useful ones). */
      columns?: readonly string[];
    }
  | { row: number; problem: "malformed" | "too_long"; reason: string };

/**
 * Readers hand out rows in batches (those completed by one chunk read, or one row group): an async
 * step per row would cost more than the row, so only the public generator steps once per query.
 */
export type RowBatch = RawRow[];

/**
 * Shortens a reason taken from a parser message or the data itself, so a report stays readable, and
 * masks what looks like a secret (a config path may point at a file of keys).
 */
export function clip(text: string, max = 160): string {
  return excerpt(text, max);
}

/** The result of decoding one line or field: its text, or why it is not text. */
export type Decoded = { ok: true; text: string } | { ok: false; reason: string };

/**
 * Decodes bytes as strict UTF-8. A NUL byte or an invalid sequence means binary data, which is
 * reported rather than turned into replacement characters (a literal U+FFFD that is validly encoded
 * is kept: it is text). `decoder` must be created with `{ fatal: true }`.
 */
export function decodeStrict(bytes: Uint8Array, decoder: TextDecoder): Decoded {
  if (bytes.includes(0)) return { ok: false, reason: "binary data (NUL byte), not text" };
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    return { ok: false, reason: "not valid UTF-8 (binary data?)" };
  }
}

/** A strict UTF-8 decoder (one per reader: decoders are cheap and this keeps state out of modules). */
export function strictDecoder(): TextDecoder {
  return new TextDecoder("utf-8", { fatal: true });
}

/** A byte count for messages: `512 B`, `3.2 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
