import { basename, relative } from "node:path";
import type { DatasetExport } from "../export/export-dataset.js";
import { SPLIT_NAMES } from "../training/split.js";
import { table } from "./io.js";

/**
 * The lines that say what an export wrote: samples per split, then each format's files (relative to
 * the export directory), the statistics, the companions and `latest.json`; then the offline engine's
 * notice when any sample came from it.
 */
export function renderExport(
  result: Pick<DatasetExport, "statistics" | "formats" | "stats_file" | "manifest"> &
    Partial<Pick<DatasetExport, "left_out" | "pruned">>,
  outDir: string,
  companions: Record<string, string | null | undefined> = {},
): string {
  const s = result.statistics;
  const rel = (path: string) => relative(outDir, path) || basename(path);
  const rows: string[][] = [];
  for (const split of SPLIT_NAMES) {
    const files = Object.values(result.formats).some((f) => f.splits[split] !== undefined);
    if (files || s.samples_by_split[split] > 0)
      rows.push([`  ${split}`, `${s.samples_by_split[split]} samples`]);
  }
  for (const [format, files] of Object.entries(result.formats)) {
    const paths = Object.values(files.splits).flatMap((p) => p ?? []);
    const listed = files.dir
      ? `${rel(files.dir)}/ (README.md + ${paths.length} Parquet file${paths.length === 1 ? "" : "s"})`
      : paths.map(rel).join("  ");
    const leftOut = result.left_out?.[format as keyof DatasetExport["left_out"]];
    rows.push([`  ${format}`, `${listed}${leftOut ? `  (${leftOut.count} samples left out)` : ""}`]);
  }
  rows.push(["  statistics", rel(result.stats_file)]);
  for (const [name, path] of Object.entries(companions))
    if (path) rows.push([`  ${name.replace("_", " ")}`, rel(path)]);
  rows.push(["  latest", rel(result.manifest)]);
  if (result.pruned && result.pruned.length > 0)
    rows.push(["  pruned", `${result.pruned.length} older export files`]);
  const note = s.offline_engine === undefined ? "" : `note: ${s.offline_engine}\n`;
  return `${table(rows)}\n${note}`;
}

/** One line per format that left samples out: how many, and the first with its reason. */
export function leftOutWarnings(result: DatasetExport): string[] {
  return Object.entries(result.left_out).map(
    ([format, tally]) => `${format}: ${tally.count} samples left out (first: ${tally.first})`,
  );
}
