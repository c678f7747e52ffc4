import { resolve } from "node:path";
import type { Command } from "commander";
import { UsageError } from "../../errors.js";
import { TrainingDataExporter } from "../../training/exporter.js";
import type { CliIo } from "../io.js";
import { loadCliConfig, renderEvent } from "../shared.js";
import { openStore, samplesFromStore } from "../store-source.js";

interface ExportOptions {
  config?: string;
  store?: string;
  out?: string;
  split?: boolean;
  format?: string;
  timestamp: boolean;
}

/** `personasynth export`: the whole store → training sample files and statistics. */
export function registerExport(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command("export")
    .description("export every stored interaction as training samples, with statistics")
    .option("-c, --config <file>", "config file (default: built-in defaults)")
    .option("--store <dir>", "interactions store (default: paths.interactions.output_dir)")
    .option("-o, --out <dir>", "output directory (default: paths.training_data.output_dir)")
    .option("--split", "split into train/validation/test by persona")
    .option("--no-split", "write everything to train_samples")
    .option("--format <format>", "json (one array per file) or jsonl (one sample per line)")
    .option("--no-timestamp", "file names without the _YYYYmmdd_HHMMSS suffix")
    .action(async (options: ExportOptions) => {
      if (options.format !== undefined && options.format !== "json" && options.format !== "jsonl") {
        throw new UsageError(`--format must be json or jsonl, got "${options.format}"`);
      }
      const { config } = loadCliConfig(io, options.config);
      const events = renderEvent(io);
      const storage = openStore(io, config, options.store, events);
      const exporter = new TrainingDataExporter(config, {
        ...(options.out === undefined ? {} : { outputDir: resolve(io.cwd, options.out) }),
      });
      const skipped: Array<{ id: string | undefined; reason: string }> = [];
      const result = await exporter.exportAll(samplesFromStore(config, storage, skipped), {
        split: options.split ?? config.training_data.split_on_export,
        useTimestamp: options.timestamp,
        ...(options.format === undefined ? {} : { format: options.format }),
      });
      for (const skip of skipped) io.stderr(`warning: skipped ${skip.id ?? "a record"}: ${skip.reason}\n`);
      const s = result.statistics;
      io.stdout(
        `exported ${s.total_samples} samples from ${s.unique_personas} personas${skipped.length ? ` (${skipped.length} skipped)` : ""}\n`,
      );
      for (const [split, path] of Object.entries(result.sample_files)) {
        io.stdout(
          `  ${split.padEnd(10)} ${String(s.samples_by_split[split as "train"] ?? s.total_samples).padStart(7)}  ${path}\n`,
        );
      }
      io.stdout(`  statistics          ${result.stats_file}\n`);
      setExit(0);
    });
}
