import { join } from "node:path";
import { resolveConfig } from "../config/load.js";
import type { Config } from "../config/schema.js";
import { ConfigError, InterruptedError, UsageError } from "../errors.js";
import type { PersonaBank } from "../persona/bank.js";
import { statisticsFor } from "../training/exporter.js";
import type { TrainingSample } from "../training/sample.js";
import { SPLIT_NAMES, type SplitName } from "../training/split.js";
import type { DatasetStatistics } from "../training/statistics.js";
import { writeTextAtomic } from "../util/atomic-write.js";
import { type Clock, fileTimestamp, systemClock } from "../util/clock.js";
import type { ChatOptions } from "./chat.js";
import { pruneExports, writeLatestManifest } from "./export-files.js";
import type { FormatFiles, FormatSkipHandler, FormatTarget, FormatWriter } from "./format-writer.js";
import type { ExportFormat } from "./formats.js";
import { JsonFormatWriter } from "./json.js";
import { JsonlFormatWriter, sampleLine } from "./jsonl.js";
import { openaiLine } from "./openai.js";
import { ParquetFormatWriter, type ParquetSizes } from "./parquet.js";
import { ParquetLayout } from "./parquet-layout.js";
import { sharegptLine } from "./sharegpt.js";
import { trajectoryLine } from "./trajectories.js";

/** Training samples, from a list, a generator or a stream. */
export type SampleSource = Iterable<TrainingSample> | AsyncIterable<TrainingSample>;

/**
 * Why the samples are read: `scan` learns the Parquet columns before anything is written, `export`
 * writes them. A caller that reports skipped records does so on the `export` pass only.
 */
export type ExportPass = "scan" | "export";

/** Options of {@link exportDataset}; each defaults to its `training_data` setting. */
export interface DatasetExportOptions {
  /** Formats to write (default `training_data.formats`, else `[training_data.output_format]`). */
  formats?: readonly ExportFormat[];
  /** The configured persona bank, when the caller has loaded it (else it is read from its file). */
  bank?: PersonaBank;
  /** Split into train/validation/test by persona (default `training_data.split_on_export`). */
  split?: boolean;
  /** `_YYYYmmdd_HHMMSS` in file names (default `training_data.use_timestamp`). */
  useTimestamp?: boolean;
  /** Keep this many timestamped exports, pruning older ones (default `training_data.keep_exports`: all). */
  keepExports?: number;
  /** Where the files go (default `paths.training_data.output_dir`). */
  outputDir?: string;
  /** The instant in the file names and statistics. */
  clock?: Clock;
  /** Chat format options (default `training_data.chat`). */
  chat?: Partial<ChatOptions>;
  /** Parquet row group and shard sizes. */
  parquet?: Partial<ParquetSizes>;
  /** Files of the same export written by the caller, named in `latest.json` (e.g. `token_usage`). */
  companions?: Record<string, string>;
  /** Told about each sample a format cannot represent (it is left out of that format only). */
  onFormatSkip?: FormatSkipHandler;
  /**
   * Stops the export (Ctrl-C): it throws an InterruptedError, its temporary files are removed and no
   * file of it appears; an export whose files are already being committed completes.
   */
  signal?: AbortSignal;
}

/** What {@link exportDataset} wrote. */
export interface DatasetExport {
  /** The files of each format. */
  formats: Partial<Record<ExportFormat, FormatFiles>>;
  stats_file: string;
  /** `latest.json`. */
  manifest: string;
  statistics: DatasetStatistics;
  /** Samples each format left out, with the first one and why (see `onFormatSkip`). */
  left_out: Partial<Record<ExportFormat, { count: number; first: string }>>;
  /** Older exports removed by `keepExports`. */
  pruned: string[];
}

/**
 * Exports training samples in every requested format in one pass over them: the persona-grouped
 * split, statistics, `latest.json` naming the new files, and pruning of older exports. Memory stays
 * bounded whatever the number of samples (Parquet holds one row group per split).
 *
 * Parquet needs the columns before its first row, so it reads the samples twice: pass a function that
 * returns a fresh stream (or an array) when `parquet` is among the formats.
 */
export async function exportDataset(
  samples: SampleSource | ((pass: ExportPass) => SampleSource),
  config?: unknown,
  options: DatasetExportOptions = {},
): Promise<DatasetExport> {
  const resolved = resolveConfig(config);
  const td = resolved.training_data;
  const formats = [...new Set(options.formats ?? td.formats ?? [td.output_format])];
  checkFormats(formats, resolved);
  const source = sampleFactory(samples, formats);
  const now = (options.clock ?? systemClock).now();
  const useTimestamp = options.useTimestamp ?? td.use_timestamp;
  const stamp = useTimestamp ? fileTimestamp(now) : undefined;
  const split = options.split ?? td.split_on_export;
  const target: FormatTarget = {
    outDir: options.outputDir ?? resolved.paths.training_data.output_dir,
    suffix: stamp === undefined ? "" : `_${stamp}`,
    splits: split ? SPLIT_NAMES : ["train"],
  };
  const chat: ChatOptions = {
    target: options.chat?.target ?? td.chat.target,
    userText: options.chat?.userText ?? td.chat.user_text,
  };
  const leftOut: DatasetExport["left_out"] = {};
  const skip = (format: ExportFormat) => (sampleId: string, reason: string) => {
    const tally = leftOut[format] ?? { count: 0, first: `${sampleId}: ${reason}` };
    tally.count++;
    leftOut[format] = tally;
    options.onFormatSkip?.(format, sampleId, reason);
  };

  const stopIfAborted = () => {
    if (options.signal?.aborted) throw interrupted();
  };
  const layout = formats.includes("parquet") ? await scanLayout(source("scan"), stopIfAborted) : undefined;
  const writers = new Map<ExportFormat, FormatWriter>();
  // Decides the split of each persona and leaves out removed duplicates, for every format alike.
  const acc = statisticsFor(resolved, { split, ...(options.bank ? { bank: options.bank } : {}) });
  let written: DatasetExport["formats"];
  let statistics: DatasetStatistics;
  try {
    for (const format of formats) {
      writers.set(
        format,
        await openWriter(format, target, { chat, layout, sizes: options.parquet, skip: skip(format) }),
      );
    }
    for await (const sample of source("export")) {
      stopIfAborted();
      if (!acc.admit(sample)) continue;
      const to: SplitName = split ? acc.splitOf(sample.personaId) : "train";
      for (const writer of writers.values()) await writer.add(sample, to);
    }
    stopIfAborted();
    statistics = acc.result(now);
    written = {};
    for (const [format, writer] of writers) {
      written[format] = await writer.finish({ statistics, config: resolved });
      writers.delete(format);
    }
  } catch (error) {
    for (const writer of writers.values()) await writer.abort();
    throw error;
  }
  const statsFile = join(target.outDir, `statistics${target.suffix}.json`);
  await writeTextAtomic(statsFile, `${JSON.stringify(statistics, null, 2)}\n`);
  const manifest = await writeLatestManifest(target.outDir, {
    exported_at: statistics.created_at,
    total_samples: statistics.total_samples,
    samples_by_split: statistics.samples_by_split,
    statistics: statsFile,
    companions: options.companions ?? {},
    formats: written,
  });
  const keep = options.keepExports ?? td.keep_exports;
  const pruned = keep === undefined ? [] : await pruneExports(target.outDir, keep, stamp);
  return { formats: written, stats_file: statsFile, manifest, statistics, left_out: leftOut, pruned };
}

/** Chat and trajectory formats are built from the conversation: it must be in the samples. */
function checkFormats(formats: readonly ExportFormat[], config: Config): void {
  const needsConversation = formats.filter((f) => f === "openai" || f === "sharegpt");
  if (needsConversation.length > 0 && !config.training_data.format.include_full_conversation) {
    throw new ConfigError(`${needsConversation.join(" and ")} need the conversation in the samples`, [], {
      where: "training_data.format.include_full_conversation",
      hint: "set it to true, or export without these formats",
    });
  }
}

function sampleFactory(
  samples: SampleSource | ((pass: ExportPass) => SampleSource),
  formats: readonly ExportFormat[],
): (pass: ExportPass) => SampleSource {
  if (typeof samples === "function") return samples;
  if (formats.includes("parquet") && !Array.isArray(samples)) {
    throw new UsageError("the parquet format reads the samples twice: pass a function that returns them");
  }
  return () => samples;
}

async function scanLayout(samples: SampleSource, stopIfAborted: () => void): Promise<ParquetLayout> {
  const layout = new ParquetLayout();
  for await (const sample of samples) {
    stopIfAborted();
    layout.observe(sample);
  }
  return layout;
}

function interrupted(): InterruptedError {
  return new InterruptedError("interrupted: the export was not written (its unfinished files are removed)", {
    hint: "rerun the same command to export",
  });
}

function openWriter(
  format: ExportFormat,
  target: FormatTarget,
  o: {
    chat: ChatOptions;
    layout: ParquetLayout | undefined;
    sizes: Partial<ParquetSizes> | undefined;
    skip: (sampleId: string, reason: string) => void;
  },
): Promise<FormatWriter> {
  switch (format) {
    case "json":
      return JsonFormatWriter.open(target);
    case "jsonl":
      return JsonlFormatWriter.open(target, "samples", sampleLine);
    case "parquet":
      return ParquetFormatWriter.open(target, o.layout ?? new ParquetLayout(), {
        ...(o.sizes ? { sizes: o.sizes } : {}),
        createdBy: "personasynth",
      });
    case "openai":
      return JsonlFormatWriter.open(target, "openai", openaiLine(o.chat), o.skip);
    case "sharegpt":
      return JsonlFormatWriter.open(target, "sharegpt", sharegptLine(o.chat), o.skip);
    case "trajectories":
      return JsonlFormatWriter.open(target, "trajectories", trajectoryLine, o.skip);
  }
}
