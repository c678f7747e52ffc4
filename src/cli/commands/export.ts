import { resolve } from "node:path";
import type { Command } from "commander";
import { UsageError } from "../../errors.js";
import type { ExportPass } from "../../export/export-dataset.js";
import { EXPORT_FORMATS, type ExportFormat } from "../../export/formats.js";
import type { TrainingSample } from "../../training/sample.js";
import { clockFromEnv } from "../../util/clock.js";
import type { StopControl } from "../interruption.js";
import type { CliIo } from "../io.js";
import { loadCliConfig, positiveInt, renderEvent } from "../shared.js";

/** What the first Ctrl-C of an export prints. */
const EXPORT_INTERRUPTING =
  "interrupting: removing the unfinished export files (Ctrl-C again to quit at once)";

interface ExportOptions {
  config?: string;
  store?: string;
  out?: string;
  split?: boolean;
  format: string[];
  timestamp?: boolean;
  keepExports?: string;
  generation?: string;
}

/** `--format a,b --format c` → [a, b, c], each checked. */
function collectFormats(value: string, previous: string[]): string[] {
  const formats = value
    .split(",")
    .map((f) => f.trim())
    .filter(Boolean);
  for (const format of formats) {
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(", ")}, got "${format}"`);
    }
  }
  return [...previous, ...formats];
}

/** `personasynth export`: the whole store → training data in the chosen formats, with statistics. */
export function registerExport(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
  { signal, interruption }: StopControl,
): void {
  program
    .command("export")
    .description("export every stored interaction as training data, with statistics")
    .option("-c, --config <file>", "config file (default: built-in defaults)")
    .option("--store <dir>", "interactions store (default: paths.interactions.output_dir)")
    .option("-o, --out <dir>", "output directory (default: paths.training_data.output_dir)")
    .option("--split", "split into train/validation/test by persona")
    .option("--no-split", "write everything to the train split")
    .option(
      "--format <formats>",
      `${EXPORT_FORMATS.join(", ")}; repeatable or comma-separated (default: training_data.formats)`,
      collectFormats,
      [],
    )
    .option("--timestamp", "add _YYYYmmdd_HHMMSS to file names")
    .option(
      "--no-timestamp",
      "file names without the _YYYYmmdd_HHMMSS suffix (replaces the last such export)",
    )
    .option("--keep-exports <n>", "keep the n newest timestamped exports, remove older ones")
    .option(
      "--generation <which>",
      "current (this config's generation), all (default), or a generation id: which configuration's samples",
    )
    .action(async (options: ExportOptions) => {
      // The command's modules are loaded when it runs, not at every start of the CLI.
      const [
        { exportDataset },
        { leftOutWarnings, renderExport },
        { cliRedactor, generationOption, openStore, samplesFromStore },
      ] = await Promise.all([
        import("../../export/export-dataset.js"),
        import("../export-summary.js"),
        import("../store-source.js"),
      ]);
      const { config } = await loadCliConfig(io, options.config);
      // Ctrl-C stops the export here, not by ending the process: its temporary files are removed.
      interruption.claim(() => io.stderr(`${EXPORT_INTERRUPTING}\n`));
      const generation = generationOption(options.generation, config);
      const redactor = cliRedactor(config, io);
      const events = renderEvent(io);
      const storage = openStore(io, config, options.store, events);
      const outDir =
        options.out === undefined ? config.paths.training_data.output_dir : resolve(io.cwd, options.out);
      const skipped: Array<{ id: string | undefined; reason: string }> = [];
      // Parquet reads the store twice: skipped records are counted on the export pass only.
      const samples = (pass: ExportPass): AsyncGenerator<TrainingSample> =>
        samplesFromStore(config, storage, pass === "export" ? skipped : [], generation, redactor);
      // Masked: the export writes config values too (the dataset card names the models).
      const result = await exportDataset(samples, redactor.value(config), {
        outputDir: outDir,
        clock: clockFromEnv(io.env),
        ...(options.format.length > 0 ? { formats: options.format as ExportFormat[] } : {}),
        ...(options.split === undefined ? {} : { split: options.split }),
        ...(options.timestamp === undefined ? {} : { useTimestamp: options.timestamp }),
        signal,
        ...(options.keepExports === undefined
          ? {}
          : { keepExports: positiveInt(options.keepExports, "--keep-exports") }),
      });
      for (const skip of skipped) io.stderr(`warning: skipped ${skip.id ?? "a record"}: ${skip.reason}\n`);
      for (const warning of leftOutWarnings(result)) io.stderr(`warning: ${warning}\n`);
      const s = result.statistics;
      io.stdout(
        `exported ${s.total_samples} samples from ${s.unique_personas} personas${skipped.length ? ` (${skipped.length} skipped)` : ""} to ${outDir}\n`,
      );
      io.stdout(renderExport(result, outDir));
      setExit(0);
    });
}
