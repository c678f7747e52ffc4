import { readCsvRecords } from "./csv-records.js";
import { decodeStrict, formatBytes, type RawRow, type RowBatch, strictDecoder } from "./raw-row.js";

/** Bounds on one CSV record. */
export interface CsvLimits {
  /** A longer record is skipped as `too_long` without being held in memory. */
  maxLineBytes: number;
}

/**
 * Streams a CSV (`delimiter` `,`) or TSV (tab) file with a header row as objects keyed by the header,
 * in batches. Every value is a string. A record with more fields than the header is malformed (an
 * unquoted comma inside the text would otherwise silently cut it); one with fewer has the missing
 * fields empty. A record that is binary or not UTF-8 is malformed; so is the whole file when its
 * header is (then nothing else is read). Rows are numbered by the line where they start (the header
 * is line 1).
 */
export async function* readCsvRows(
  path: string,
  delimiter: "," | "\t",
  limits: CsvLimits,
): AsyncGenerator<RowBatch> {
  const decoder = strictDecoder();
  let header: string[] | undefined;
  for await (const records of readCsvRecords(path, delimiter.charCodeAt(0), limits.maxLineBytes)) {
    const batch: RowBatch = [];
    for (const record of records) {
      const row = record.line;
      if ("overflowBytes" in record) {
        const size = formatBytes(record.overflowBytes);
        const reason = `record of ${size} exceeds the ${formatBytes(limits.maxLineBytes)} limit`;
        if (header === undefined) {
          yield [{ row, problem: "malformed", reason: `the header row is unreadable: ${reason}` }];
          return;
        }
        batch.push({ row, problem: "too_long", reason });
        continue;
      }
      const values: string[] = [];
      let problem: string | undefined;
      for (const field of record.fields) {
        const decoded = decodeStrict(field, decoder);
        if (!decoded.ok) {
          problem = decoded.reason;
          break;
        }
        values.push(decoded.text);
      }
      if (header === undefined) {
        if (problem !== undefined) {
          yield [{ row, problem: "malformed", reason: `the header row is unreadable: ${problem}` }];
          return;
        }
        header = values.map((name, i) => name.trim() || `column_${i + 1}`);
        continue;
      }
      if (problem === undefined && record.unterminated) {
        problem = "unterminated quoted field (a missing closing quote)";
      }
      if (problem === undefined && values.length > header.length) {
        problem = `${values.length} fields where the header has ${header.length} (an unquoted delimiter in a value?)`;
      }
      batch.push(problem === undefined ? { row, record: toRecord(header, values) } : malformed(row, problem));
    }
    if (batch.length > 0) yield batch;
  }
}

function toRecord(header: readonly string[], values: readonly string[]): Record<string, string> {
  const record: Record<string, string> = Object.create(null); // a `__proto__` column stays a column
  header.forEach((name, i) => {
    if (!Object.hasOwn(record, name)) record[name] = values[i] ?? "";
  });
  return record;
}

function malformed(row: number, reason: string): RawRow {
  return { row, problem: "malformed", reason };
}
