import { join } from "node:path";
import { resolveConfig } from "../config/load.js";
import type { Config } from "../config/schema.js";
import type { FormatFiles, FormatTarget, FormatWriter } from "../export/format-writer.js";
import { JsonFormatWriter } from "../export/json.js";
import { JsonlFormatWriter, sampleLine } from "../export/jsonl.js";
import { loadPersonaBank, type PersonaBank } from "../persona/bank.js";
import { Compatibility } from "../persona/compatibility.js";
import { writeTextAtomic } from "../util/atomic-write.js";
import { type Clock, fileTimestamp, systemClock } from "../util/clock.js";
import { dataPath } from "../util/data-path.js";
import type { TrainingSample } from "./sample.js";
import { SPLIT_NAMES, type SplitName } from "./split.js";
import { type DatasetStatistics, StatisticsAccumulator } from "./statistics.js";

/** Options of {@link TrainingDataExporter.exportSamples}. */
export interface ExportOptions {
  /** Split into train/validation/test by persona (default false: everything in `train`). */
  split?: boolean;
  /** Add `_YYYYmmdd_HHMMSS` (UTC) to file names (default true). */
  useTimestamp?: boolean;
  /** `json`: one array per file; `jsonl`: one sample per line. Default: `training_data.output_format`. */
  format?: "json" | "jsonl";
}

/** Split name → written file path: `{train}` or `{train, validation, test}`. */
export type ExportedFiles = { train: string } & Partial<Record<Exclude<SplitName, "train">, string>>;

/** Everything one export pass produced. */
export interface ExportResult {
  sample_files: ExportedFiles;
  stats_file: string;
  statistics: DatasetStatistics;
}

type SampleSource = Iterable<TrainingSample> | AsyncIterable<TrainingSample>;

/**
 * Writes training samples and statistics (the seed's `TrainingDataExporter`). Files are written
 * atomically and streamed: memory does not grow with the number of samples.
 */
export class TrainingDataExporter {
  private readonly config: Config;
  private readonly clock: Clock;
  /** Directory the files go to (`paths.training_data.output_dir` unless overridden). */
  readonly outputDir: string;

  constructor(config?: unknown, options: { clock?: Clock; outputDir?: string } = {}) {
    this.config = resolveConfig(config);
    this.clock = options.clock ?? systemClock;
    this.outputDir = options.outputDir ?? this.config.paths.training_data.output_dir;
  }

  /** Writes the samples; returns the path of each split file. */
  async exportSamples(samples: SampleSource, options: ExportOptions = {}): Promise<ExportedFiles> {
    const suffix = this.suffix(options.useTimestamp);
    const acc = statisticsFor(this.config, { split: options.split ?? false });
    return (await this.writeSamples(samples, options, suffix, acc)).files;
  }

  /** Writes the statistics file; returns its path. */
  async exportStatistics(samples: SampleSource, options: { useTimestamp?: boolean } = {}): Promise<string> {
    const statistics = await this.computeStatisticsAsync(samples);
    const path = join(this.outputDir, `statistics${this.suffix(options.useTimestamp)}.json`);
    await writeTextAtomic(path, `${JSON.stringify(statistics, null, 2)}\n`);
    return path;
  }

  /** Statistics of an in-memory list. */
  computeStatistics(samples: Iterable<TrainingSample>): DatasetStatistics {
    const acc = statisticsFor(this.config);
    for (const sample of samples) acc.add(sample);
    return acc.result(this.clock.now());
  }

  /** Statistics of any stream of samples, in one pass. */
  async computeStatisticsAsync(samples: SampleSource): Promise<DatasetStatistics> {
    const acc = statisticsFor(this.config);
    for await (const sample of samples) acc.add(sample);
    return acc.result(this.clock.now());
  }

  /** Samples and statistics in a single pass over the source, sharing one timestamp. */
  async exportAll(samples: SampleSource, options: ExportOptions = {}): Promise<ExportResult> {
    const suffix = this.suffix(options.useTimestamp);
    const acc = statisticsFor(this.config, { split: options.split ?? false });
    const { files } = await this.writeSamples(samples, options, suffix, acc);
    const statistics = acc.result(this.clock.now());
    const statsFile = join(this.outputDir, `statistics${suffix}.json`);
    await writeTextAtomic(statsFile, `${JSON.stringify(statistics, null, 2)}\n`);
    return { sample_files: files, stats_file: statsFile, statistics };
  }

  private suffix(useTimestamp: boolean | undefined): string {
    return useTimestamp === false ? "" : `_${fileTimestamp(this.clock.now())}`;
  }

  private async writeSamples(
    samples: SampleSource,
    options: ExportOptions,
    suffix: string,
    acc: StatisticsAccumulator,
  ): Promise<{ files: ExportedFiles }> {
    const format = options.format ?? this.config.training_data.output_format;
    const target: FormatTarget = {
      outDir: this.outputDir,
      suffix,
      splits: options.split ? SPLIT_NAMES : ["train"],
    };
    const writer: FormatWriter =
      format === "jsonl"
        ? await JsonlFormatWriter.open(target, "samples", sampleLine)
        : await JsonFormatWriter.open(target);
    let written: FormatFiles;
    try {
      for await (const sample of samples) {
        if (!acc.admit(sample)) continue;
        await writer.add(sample, options.split ? acc.splitOf(sample.personaId) : "train");
      }
      written = await writer.finish({ statistics: acc.result(this.clock.now()), config: this.config });
    } catch (error) {
      await writer.abort();
      throw error;
    }
    const files: Record<string, string> = {};
    for (const [name, paths] of Object.entries(written.splits)) files[name] = paths?.[0] ?? "";
    return { files: files as ExportedFiles };
  }
}

/**
 * The statistics of one pass over a config's samples, which also decide what an export leaves out
 * (duplicates, per `training_data.dedup`) and which split each persona's samples go to. Persona
 * contradictions are counted against the rules of the configured persona bank.
 */
export function statisticsFor(
  config: Config,
  options: {
    split?: boolean;
    /** The configured persona bank when the caller has it loaded already (a run: parsed once). */
    bank?: PersonaBank;
  } = {},
): StatisticsAccumulator {
  const td = config.training_data;
  return new StatisticsAccumulator({
    ratios: td.split,
    splitting: options.split ?? true,
    dedup: td.dedup,
    minScore: td.filter.min_score,
    compat: Compatibility.of(
      options.bank ?? loadPersonaBank(config.paths.persona_bank.persona ?? dataPath("persona_bank.yaml")),
    ),
  });
}
