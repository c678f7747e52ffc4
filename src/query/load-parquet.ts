import type { asyncBufferFromFile, parquetMetadataAsync } from "hyparquet";
import { DataError, ioError } from "../errors.js";
import type { RawRow, RowBatch } from "./raw-row.js";
import { DOMAIN_FIELDS, ID_FIELDS, TEXT_FIELDS } from "./text-fields.js";

/** Only these columns are decoded (in any letter case); a wide dataset's other columns are never read. */
const USEFUL_COLUMNS = new Set<string>([
  ...TEXT_FIELDS,
  ...ID_FIELDS,
  ...DOMAIN_FIELDS,
  "conversations",
  "messages",
]);

/**
 * Streams a Parquet file one row group at a time (hyparquet reads a group's column chunks with
 * ranged file reads), so memory is bounded by the largest row group, not the file. Only the columns
 * a seed query can use are decoded. Uncompressed and Snappy files are readable; other codecs (ZSTD,
 * GZIP, …) fail with a DataError naming the codec. A file that is not Parquet fails the same way.
 */
export async function* readParquetRows(path: string): AsyncGenerator<RowBatch> {
  // Loaded on first use: ~30 modules every start-up would load for a format few seed datasets use.
  const { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } = await import(
    "hyparquet"
  );
  let file: Awaited<ReturnType<typeof asyncBufferFromFile>>;
  try {
    file = await asyncBufferFromFile(path);
  } catch (error) {
    throw ioError("read", path, error);
  }
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    throw new DataError(`not a readable Parquet file: ${message(error)}`, { where: path, cause: error });
  }
  const columns = parquetSchema(metadata).children.map((child) => child.element.name);
  const wanted = columns.filter((name) => USEFUL_COLUMNS.has(name.toLowerCase()));
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    if (wanted.length === 0) {
      // Nothing to decode: every row lacks text, and says which columns it has.
      for (let start = rowStart; start < rowEnd; start += 10_000) {
        const batch: RawRow[] = [];
        for (let row = start; row < Math.min(start + 10_000, rowEnd); row++)
          batch.push({ row: row + 1, record: {}, columns });
        yield batch;
      }
    } else {
      let rows: Record<string, unknown>[];
      try {
        rows = await parquetReadObjects({ file, metadata, columns: wanted, rowStart, rowEnd });
      } catch (error) {
        throw new DataError(`cannot read Parquet rows ${rowStart + 1}-${rowEnd}: ${message(error)}`, {
          where: path,
          cause: error,
          ...(/compression|codec/i.test(message(error))
            ? { hint: "only uncompressed and Snappy Parquet files are supported; convert it to JSONL" }
            : {}),
        });
      }
      yield rows.map((record, i): RawRow => ({ row: rowStart + i + 1, record, columns }));
    }
    rowStart = rowEnd;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
