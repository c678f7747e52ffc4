import { TEXT_FIELDS } from "./text-fields.js";

/** Why a row was not loaded. */
export type SkipKind = "empty" | "malformed" | "too_long" | "duplicate";

/** How many rows were skipped, by reason. */
export type SkipCounts = Record<SkipKind, number>;

/** One skipped row, kept as an example of what went wrong. */
export interface SkipExample {
  /** 1-based row or line in the file (as in `SeedQuery.row`). */
  row: number;
  kind: SkipKind;
  reason: string;
}

/** What happened to one dataset: rows seen, queries loaded, and every skip counted by reason. */
export interface DatasetLoadReport {
  name: string;
  path: string;
  /** The format actually read (after detection and ShareGPT sniffing). */
  format: string;
  /** Rows seen (blank lines are not rows). */
  rows: number;
  loaded: number;
  skipped: SkipCounts;
  /** The first few problems, in file order. */
  examples: SkipExample[];
  /** True when reading stopped at `maxQueries`: the rest of the file was not read. */
  stopped_early: boolean;
}

/** What `loadAllSeedQueries` loaded, dataset by dataset. */
export interface LoadReport {
  datasets: DatasetLoadReport[];
  /** Queries loaded from all datasets together. */
  total: number;
}

/** How many problems a report keeps as examples. */
export const MAX_EXAMPLES = 5;

/** A report with nothing counted yet. */
export function emptyDatasetReport(name: string, path: string, format: string): DatasetLoadReport {
  return {
    name,
    path,
    format,
    rows: 0,
    loaded: 0,
    skipped: { empty: 0, malformed: 0, too_long: 0, duplicate: 0 },
    examples: [],
    stopped_early: false,
  };
}

/** Counts one skipped row, keeping it as an example while there are fewer than {@link MAX_EXAMPLES}. */
export function countSkip(report: DatasetLoadReport, kind: SkipKind, row: number, reason: string): void {
  report.skipped[kind]++;
  if (report.examples.length < MAX_EXAMPLES) report.examples.push({ row, kind, reason });
}

/** Rows skipped for any reason. */
export function skippedTotal(report: DatasetLoadReport): number {
  const s = report.skipped;
  return s.empty + s.malformed + s.too_long + s.duplicate;
}

/** One line on a dataset: `loaded 95 of 100 rows; skipped 3 malformed, 2 duplicate (row 4: …)`. */
export function summarizeDataset(report: DatasetLoadReport): string {
  const head = `seed dataset ${report.name} (${report.path})`;
  if (report.rows === 0) return `${head}: no rows (the file is empty)`;
  const counts = (Object.entries(report.skipped) as Array<[SkipKind, number]>)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind.replace("_", " ")}`);
  const skipped = counts.length === 0 ? "" : `; skipped ${counts.join(", ")}`;
  const examples = report.examples
    .slice(0, 2)
    .map((e) => `row ${e.row}: ${e.reason}`)
    .join("; ");
  const stopped = report.stopped_early ? " (stopped at max_queries)" : "";
  return `${head}: loaded ${report.loaded} of ${report.rows} rows${stopped}${skipped}${examples ? ` (${examples})` : ""}`;
}

/** Why a dataset gave no query, and what to do about it. */
export function whyNothingLoaded(report: DatasetLoadReport): { reason: string; hint: string } {
  if (report.rows === 0)
    return {
      reason: "the file is empty (no rows)",
      hint: "add queries to it, or remove it from paths.query_datasets",
    };
  const first = report.examples[0];
  const counts = (Object.entries(report.skipped) as Array<[SkipKind, number]>)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind.replace("_", " ")}`)
    .join(", ");
  const reason = `all ${report.rows} rows skipped (${counts})${first ? `; row ${first.row}: ${first.reason}` : ""}`;
  // A CSV's first line is its header: with no text column named there (often: no header at all,
  // so the first query was taken for one), no row can have a text.
  const columns = first?.reason.match(/^no text field among: (.*)$/)?.[1];
  if (report.format === "csv" && columns !== undefined && report.skipped.malformed === report.rows)
    return {
      reason: `the header row (line 1) names no text column (${columns}), so ${report.rows === 1 ? "its one row was" : `all ${report.rows} rows were`} skipped`,
      hint: `the first line of a CSV must be a header naming the text column: ${TEXT_FIELDS.join(", ")}`,
    };
  return {
    reason,
    hint: `a row's text comes from one of: ${TEXT_FIELDS.join(", ")}, or a ShareGPT conversation`,
  };
}
