import { readFileChunks } from "../util/file-chunks.js";

/** One CSV record: its raw fields, or only its size when it exceeded the limit. */
export type CsvRecord =
  | { line: number; fields: Buffer[]; unterminated: boolean }
  | { line: number; overflowBytes: number };

const QUOTE = 34;
const LF = 10;
const CR = 13;

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3; // just saw a quote inside a quoted field: an escaped quote or the field's end

/**
 * Streams the records of an RFC 4180 file, in batches (those completed by each chunk read): fields separated by `delimiter` (`,` or tab), optionally
 * quoted with `"`, `""` for a quote inside quotes, delimiters and newlines allowed inside quotes, LF
 * or CRLF line ends, a UTF-8 byte-order mark skipped. It works on bytes: every syntax byte is ASCII,
 * which never occurs inside a multi-byte UTF-8 character, so fields are decoded (strictly) only once
 * complete. Lenient where files in the wild are: a quote inside an unquoted field is literal, and
 * text after a closing quote is kept. A record longer than `maxRecordBytes` (a runaway quote, say)
 * is skipped as it streams past. Blank lines are not records. `line` is where the record starts.
 */
export async function* readCsvRecords(
  path: string,
  delimiter: number,
  maxRecordBytes: number,
): AsyncGenerator<CsvRecord[]> {
  let fields: Buffer[] = [];
  let parts: Buffer[] = [];
  let recordBytes = 0;
  let overflow = false;
  let state = FIELD_START;
  let line = 1;
  let recordLine = 1;
  let started = false;
  let firstChunk = true;

  const push = (chunk: Buffer, from: number, to: number) => {
    if (to <= from) return;
    recordBytes += to - from;
    if (overflow) return;
    if (recordBytes > maxRecordBytes) {
      overflow = true;
      parts = [];
      fields = [];
    } else parts.push(chunk.subarray(from, to));
  };
  const endField = (stripCr: boolean) => {
    if (overflow) return;
    let field = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    if (stripCr && field.length > 0 && field[field.length - 1] === CR)
      field = field.subarray(0, field.length - 1);
    fields.push(field);
    parts = [];
  };
  const endRecord = (unterminated: boolean): CsvRecord | undefined => {
    let record: CsvRecord | undefined;
    if (overflow) record = { line: recordLine, overflowBytes: recordBytes };
    else if (!(fields.length === 1 && fields[0]!.length === 0 && !unterminated)) {
      record = { line: recordLine, fields, unterminated };
    }
    fields = [];
    parts = [];
    recordBytes = 0;
    overflow = false;
    started = false;
    return record;
  };

  for await (const raw of readFileChunks(path)) {
    let chunk = raw;
    if (firstChunk) {
      firstChunk = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    const done: CsvRecord[] = [];
    let segment = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (!started && c !== LF) {
        started = true;
        recordLine = line;
      }
      switch (state) {
        case FIELD_START:
          if (c === QUOTE) {
            state = QUOTED;
            segment = i + 1;
          } else if (c === delimiter) endField(false);
          else if (c === LF) {
            endField(false);
            const record = endRecord(false);
            if (record) done.push(record);
            line++;
          } else if (c !== CR) {
            state = UNQUOTED;
            segment = i;
          }
          break;
        case UNQUOTED:
          if (c === delimiter || c === LF) {
            push(chunk, segment, i);
            endField(c === LF);
            state = FIELD_START;
            if (c === LF) {
              const record = endRecord(false);
              if (record) done.push(record);
              line++;
            }
          }
          break;
        case QUOTED:
          if (c === QUOTE) {
            push(chunk, segment, i);
            state = QUOTE_IN_QUOTED;
          } else if (c === LF) line++;
          break;
        default: // QUOTE_IN_QUOTED
          if (c === QUOTE) {
            segment = i; // the second quote of `""` is kept as a literal quote
            state = QUOTED;
          } else if (c === delimiter || c === LF) {
            endField(false);
            state = FIELD_START;
            if (c === LF) {
              const record = endRecord(false);
              if (record) done.push(record);
              line++;
            }
          } else if (c !== CR) {
            segment = i;
            state = UNQUOTED;
          }
      }
    }
    if (state === UNQUOTED || state === QUOTED) push(chunk, segment, chunk.length);
    if (done.length > 0) yield done;
  }
  if (started) {
    endField(state === UNQUOTED);
    const record = endRecord(state === QUOTED);
    if (record) yield [record];
  }
}
