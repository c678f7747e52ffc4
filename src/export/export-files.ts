import { readdir, rm } from "node:fs/promises";
import { join, relative } from "node:path";
import { ioError } from "../errors.js";
import type { SplitName } from "../training/split.js";
import { writeTextAtomic } from "../util/atomic-write.js";
import type { FormatFiles } from "./format-writer.js";
import type { ExportFormat } from "./formats.js";

/** The manifest every export leaves in its directory: the newest files of each kind, relative to it. */
export interface LatestManifest {
  exported_at: string;
  total_samples: number;
  samples_by_split: Record<SplitName, number>;
  statistics: string;
  /** Other files of the same export, by name (e.g. `token_usage`). */
  companions: Record<string, string>;
  /** Per format: files by split, and the dataset directory and card for Parquet. */
  formats: Partial<Record<ExportFormat, FormatFiles>>;
}

/** The manifest's name: `training_data/latest.json`. */
export const LATEST_MANIFEST = "latest.json";

/** Writes `latest.json` atomically; every path in it is made relative to `outDir`. */
export async function writeLatestManifest(outDir: string, manifest: LatestManifest): Promise<string> {
  const rel = (path: string) => relative(outDir, path);
  const formats: Record<string, FormatFiles> = {};
  for (const [format, files] of Object.entries(manifest.formats)) {
    const splits: FormatFiles["splits"] = {};
    for (const [split, paths] of Object.entries(files.splits)) splits[split as SplitName] = paths?.map(rel);
    formats[format] = {
      ...(files.dir ? { dir: rel(files.dir) } : {}),
      ...(files.card ? { card: rel(files.card) } : {}),
      splits,
    };
  }
  const companions = Object.fromEntries(Object.entries(manifest.companions).map(([k, v]) => [k, rel(v)]));
  const json = {
    exported_at: manifest.exported_at,
    total_samples: manifest.total_samples,
    samples_by_split: manifest.samples_by_split,
    statistics: rel(manifest.statistics),
    ...companions,
    formats,
  };
  const path = join(outDir, LATEST_MANIFEST);
  await writeTextAtomic(path, `${JSON.stringify(json, null, 2)}\n`);
  return path;
}

/**
 * The timestamp of a file or directory an export wrote (`<kind>_YYYYmmdd_HHMMSS[.ext]`), or
 * undefined for anything else: pruning only ever touches names of this shape.
 */
export function exportTimestamp(name: string): string | undefined {
  const match =
    /^(?:(?:train|validation|test)_(?:samples|openai|sharegpt|trajectories)_(\d{8}_\d{6})\.jsonl?|(?:statistics|token_usage)_(\d{8}_\d{6})\.json|parquet_(\d{8}_\d{6}))$/.exec(
      name,
    );
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/**
 * `training_data.keep_exports: N`: keeps the current export and the N−1 newest timestamped ones
 * before it; removes every other timestamped export file and Parquet directory. Returns what it removed.
 */
export async function pruneExports(
  outDir: string,
  keep: number,
  current: string | undefined,
): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(outDir);
  } catch (error) {
    throw ioError("read", outDir, error);
  }
  const byTimestamp = new Map<string, string[]>();
  for (const name of names) {
    const stamp = exportTimestamp(name);
    if (stamp === undefined || stamp === current) continue;
    byTimestamp.set(stamp, [...(byTimestamp.get(stamp) ?? []), name]);
  }
  const older = [...byTimestamp.keys()]
    .sort()
    .reverse()
    .slice(Math.max(0, keep - 1));
  const removed: string[] = [];
  for (const stamp of older) {
    for (const name of byTimestamp.get(stamp) ?? []) {
      const path = join(outDir, name);
      try {
        await rm(path, { recursive: true, force: true });
      } catch (error) {
        throw ioError("remove", path, error);
      }
      removed.push(path);
    }
  }
  return removed;
}
