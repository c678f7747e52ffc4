import { rmSync } from "node:fs";
import type { Config } from "../config/schema.js";
import type { EventSink } from "../events.js";
import { exportDataset } from "../export/export-dataset.js";
import { InteractionStorage } from "../interaction/storage.js";
import type { UsageTracker } from "../scheduler/usage.js";
import { exportTokenUsage } from "../scheduler/usage-export.js";
import { TrainingDataCollector } from "../training/collector.js";
import { type Clock, fixedClock } from "../util/clock.js";
import type { Redactor } from "../util/redact.js";
import type { RunInputs } from "./inputs.js";
import { type OutputPaths, withOutputPaths } from "./output-paths.js";

/** What the export of the store wrote: every format's files, the statistics, and the token usage file. */
export type StoreExport = Awaited<ReturnType<typeof exportStore>>;

/** Exports every stored interaction (not just this run's) in every configured format, and the token usage. */
export async function exportStore(args: {
  config: Config;
  paths: OutputPaths;
  usage: UsageTracker;
  inputs: RunInputs;
  redactor: Redactor;
  clock: Clock;
  events: EventSink;
  /** Ctrl-C: the export stops and writes nothing. */
  signal?: AbortSignal | undefined;
}) {
  const { config, paths, usage, inputs, redactor, events } = args;
  // Masked: the export writes config values too (the dataset card names the models).
  const exportConfig = withOutputPaths(redactor.value(config), paths);
  const store = new InteractionStorage(paths.interactions, { events });
  const collector = new TrainingDataCollector(exportConfig);
  const records = () => store.iterate(redactor);
  // One instant for every file of this export, so their timestamps match.
  const clock = fixedClock(args.clock.now());
  const usageFile = await exportTokenUsage(usage, paths.trainingData, {
    clock,
    useTimestamp: config.training_data.use_timestamp,
  });
  const dataset = exportDataset(
    (pass) =>
      collector.collectStream(records(), {
        // Parquet reads the store twice: a skipped record is reported once.
        onSkip: (id, reason) => {
          if (pass === "export")
            events({ type: "warning", message: `skipped ${id ?? "a record"}: ${reason}` });
        },
      }),
    exportConfig,
    {
      clock,
      outputDir: paths.trainingData,
      companions: { token_usage: usageFile },
      bank: inputs.bank,
      ...(args.signal ? { signal: args.signal } : {}),
    },
  );
  // An export that stops (Ctrl-C, a full disk) leaves no file of it, its token usage included (a name
  // without a timestamp is the last export's too: it stays, for the latest.json that names it).
  const result = await dataset.catch((error: unknown) => {
    if (config.training_data.use_timestamp) rmSync(usageFile, { force: true });
    throw error;
  });
  for (const [format, tally] of Object.entries(result.left_out)) {
    events({
      type: "warning",
      message: `${format}: ${tally.count} samples left out (first: ${tally.first})`,
    });
  }
  return { ...result, usage_file: usageFile };
}
