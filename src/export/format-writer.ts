import type { Config } from "../config/schema.js";
import type { TrainingSample } from "../training/sample.js";
import type { SplitName } from "../training/split.js";
import type { DatasetStatistics } from "../training/statistics.js";
import type { ExportFormat } from "./formats.js";

/** What one format wrote: its files per split (absolute paths), plus the dataset directory and card for Parquet. */
export interface FormatFiles {
  splits: Partial<Record<SplitName, string[]>>;
  /** Parquet: the dataset directory (`data/` and `README.md` inside). */
  dir?: string;
  /** Parquet: the dataset card. */
  card?: string;
}

/** Where a format writes: the output directory, the file-name suffix (`_<timestamp>` or empty), the splits. */
export interface FormatTarget {
  outDir: string;
  suffix: string;
  splits: readonly SplitName[];
}

/** What a format may need once every sample is written (the dataset card reads both). */
export interface FinishContext {
  statistics: DatasetStatistics;
  config: Config;
}

/** Called when a format cannot represent a sample, with the reason; the sample is left out of that format only. */
export type FormatSkipHandler = (format: ExportFormat, sampleId: string, reason: string) => void;

/**
 * One format during one export pass: samples arrive one at a time with their split, and nothing is
 * visible under its final name before `finish`. `abort` removes whatever was started.
 */
export interface FormatWriter {
  add(sample: TrainingSample, split: SplitName): Promise<void>;
  finish(context: FinishContext): Promise<FormatFiles>;
  abort(): Promise<void>;
}
