import { createHash } from "node:crypto";
import { basename, extname } from "node:path";
import { ConfigError } from "../errors.js";
import { type EventSink, ignoreEvents } from "../events.js";
import { readCsvRows } from "./load-csv.js";
import { readJsonRows } from "./load-json.js";
import { readJsonlRows } from "./load-jsonl.js";
import { readParquetRows } from "./load-parquet.js";
import {
  countSkip,
  type DatasetLoadReport,
  emptyDatasetReport,
  skippedTotal,
  summarizeDataset,
} from "./load-report.js";
import { isShareGptRecord, readShareGptRows } from "./load-sharegpt.js";
import type { RowBatch } from "./raw-row.js";
import { resolveSeedFormat, type SeedFormat } from "./seed-format.js";
import type { SeedQuery } from "./seed-query.js";
import { SeenQueries } from "./seen-queries.js";
import { extractSeedFields, type TextMode } from "./text-fields.js";

/** One dataset of seed queries, as named in the configuration. */
export interface SeedSource {
  path: string;
  /** The dataset name used in query ids; defaults to the file's base name without its extension. */
  name?: string;
  /** Defaults to what the extension (or, failing that, the first bytes) says. */
  format?: SeedFormat;
  /** Stop after this many queries are loaded; the rest of the file is not read. */
  maxQueries?: number;
}

/** Options for loading seed queries. */
export interface LoadSeedOptions {
  events?: EventSink;
  /** A longer query text is skipped as `too_long`. Default {@link DEFAULT_MAX_TEXT_CHARS}. */
  maxTextChars?: number;
  /** A longer line or CSV record is skipped as `too_long` without being held in memory. Default 32 MiB. */
  maxLineBytes?: number;
  /** A larger `.json` file is refused (it is parsed whole; JSONL streams). Default 200 MiB. */
  maxJsonBytes?: number;
  /** What has been loaded so far: pass one instance to several calls to skip duplicates across datasets. */
  seen?: SeenQueries;
}

/** Query texts longer than this (in UTF-16 code units) are skipped by default. */
export const DEFAULT_MAX_TEXT_CHARS = 20_000;
/** Lines (and CSV records) longer than this are skipped by default, unread. */
export const DEFAULT_MAX_LINE_BYTES = 32 * 1024 * 1024;
/** `.json` files larger than this are refused by default. */
export const DEFAULT_MAX_JSON_BYTES = 200 * 1024 * 1024;

/**
 * Streams the seed queries of one dataset, one row at a time (memory stays flat however large the
 * file; only the duplicate index grows, by the number of queries loaded). A row that cannot give a
 * query (empty, malformed, too long, duplicate) is skipped and counted, never thrown; the counts,
 * with the first few problems, are the generator's return value and are summarised in one event
 * (`warning` when anything was skipped or the file is empty, else `info`) when the dataset is done.
 * Duplicate texts (exact, after trimming) are skipped, and so are repeated ids: the first wins.
 * Throws only for the file as a whole: unreadable (StoreError), a JSON document that does not parse
 * (DataError at `file:line:column`), an unknown format or a bad option (ConfigError).
 *
 * Query ids are `<dataset>:<row id>` when the row has an `id`, `query_id` or `uuid`, else
 * `hash:<first 12 hex of sha1(text)>`: the same file always gives the same ids.
 */
export async function* loadSeedQueries(
  source: SeedSource,
  options: LoadSeedOptions = {},
): AsyncGenerator<SeedQuery, DatasetLoadReport, undefined> {
  const name = datasetName(source);
  const maxQueries = checkCount(source.maxQueries, "maxQueries", source.path);
  const maxTextChars =
    checkCount(options.maxTextChars, "maxTextChars", source.path) ?? DEFAULT_MAX_TEXT_CHARS;
  const limits = {
    maxLineBytes: checkCount(options.maxLineBytes, "maxLineBytes", source.path) ?? DEFAULT_MAX_LINE_BYTES,
    maxJsonBytes: checkCount(options.maxJsonBytes, "maxJsonBytes", source.path) ?? DEFAULT_MAX_JSON_BYTES,
  };
  const events = options.events ?? ignoreEvents;
  const seen = options.seen ?? new SeenQueries();
  const { format, delimiter } = await resolveSeedFormat(source.path, source.format);
  const report = emptyDatasetReport(name, source.path, format);
  if (maxQueries === 0) {
    report.stopped_early = true;
    return report;
  }

  let mode: TextMode | undefined =
    format === "sharegpt" ? "sharegpt" : format === "json" || format === "jsonl" ? undefined : "fields";
  let failed = false;
  try {
    reading: for await (const batch of readRows(source.path, format, delimiter, limits)) {
      for (const raw of batch) {
        report.rows++;
        if ("problem" in raw) {
          countSkip(report, raw.problem, raw.row, raw.reason);
          continue;
        }
        if (mode === undefined && isPlainObject(raw.record)) {
          mode = isShareGptRecord(raw.record) ? "sharegpt" : "fields";
          if (mode === "sharegpt") report.format = "sharegpt";
        }
        const query = toSeedQuery(raw, mode ?? "fields", name, maxTextChars, seen, report);
        if (query === undefined) continue;
        report.loaded++;
        yield query;
        if (maxQueries !== undefined && report.loaded >= maxQueries) {
          report.stopped_early = true;
          break reading;
        }
      }
    }
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // Also when the caller stops early: the counts so far are still worth telling.
    if (!failed) {
      const message = summarizeDataset(report);
      if (skippedTotal(report) > 0 || report.rows === 0)
        events({ type: "warning", message, where: source.path });
      else events({ type: "info", message });
    }
  }
  return report;
}

/** The query a parsed row gives, or undefined when it is skipped (and counted in `report`). */
function toSeedQuery(
  raw: { row: number; record: unknown; columns?: readonly string[] },
  mode: TextMode,
  name: string,
  maxTextChars: number,
  seen: SeenQueries,
  report: DatasetLoadReport,
): SeedQuery | undefined {
  const fields = extractSeedFields(raw.record, mode, raw.columns);
  if (!fields.ok) {
    countSkip(report, fields.kind, raw.row, fields.reason);
    return undefined;
  }
  const text = fields.text;
  if (text.length > maxTextChars) {
    countSkip(
      report,
      "too_long",
      raw.row,
      `text of ${text.length} characters exceeds the ${maxTextChars} limit`,
    );
    return undefined;
  }
  if (text.includes("\u0000")) {
    countSkip(report, "malformed", raw.row, "text contains NUL characters (binary data?)");
    return undefined;
  }
  const digest = createHash("sha1").update(text).digest();
  const queryId =
    fields.rowId === undefined ? `hash:${digest.toString("hex", 0, 6)}` : `${name}:${fields.rowId}`;
  const before = seen.admit(digest, queryId);
  if (before !== undefined) {
    const reason =
      before === "text"
        ? "duplicate text (an earlier row has the same query)"
        : `duplicate id ${queryId} (an earlier row has the same id)`;
    countSkip(report, "duplicate", raw.row, reason);
    return undefined;
  }
  const query: SeedQuery = { query_id: queryId, text, source_dataset: name, row: raw.row };
  if (fields.domain !== undefined) query.domain = fields.domain;
  return query;
}

/** The dataset name: `name`, or the file's base name without its extension. */
export function datasetName(source: SeedSource): string {
  const name = source.name ?? basename(source.path, extname(source.path));
  if (name.trim() === "") {
    throw new ConfigError("a seed dataset needs a non-empty name", [], { where: source.path });
  }
  return name;
}

function readRows(
  path: string,
  format: SeedFormat,
  delimiter: "," | "\t",
  limits: { maxLineBytes: number; maxJsonBytes: number },
): AsyncGenerator<RowBatch> {
  switch (format) {
    case "jsonl":
      return readJsonlRows(path, limits);
    case "json":
      return readJsonRows(path, limits);
    case "csv":
      return readCsvRows(path, delimiter, limits);
    case "sharegpt":
      return readShareGptRows(path, limits);
    case "parquet":
      return readParquetRows(path);
  }
}

function checkCount(value: number | undefined, option: string, path: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ConfigError(`${option} must be a whole number ≥ 0, got ${String(value)}`, [], { where: path });
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
