import { existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Config } from "../config/schema.js";
import { StoreError } from "../errors.js";
import type { EventSink } from "../events.js";
import { InteractionStorage } from "../interaction/storage.js";
import { outputPaths } from "../pipeline/output-paths.js";
import type { ReportSources } from "../report/report.js";
import { TrainingDataCollector } from "../training/collector.js";
import type { TrainingSample } from "../training/sample.js";
import type { CliIo } from "./io.js";

/** The interactions store named by `--store` or the config, failing clearly when it is absent. */
export function storeDir(io: CliIo, config: Config, store: string | undefined): string {
  const dir = store === undefined ? config.paths.interactions.output_dir : resolve(io.cwd, store);
  if (!existsSync(dir)) {
    throw new StoreError("no interactions store here", {
      code: "IO",
      where: dir,
      hint: "run `personasynth run` first, or pass --store DIR",
    });
  }
  if (!statSync(dir).isDirectory())
    throw new StoreError("the store must be a directory", { code: "IO", where: dir });
  return dir;
}

/** Opens the interactions store named by `--store` or the config, failing clearly when it is absent. */
export function openStore(
  io: CliIo,
  config: Config,
  store: string | undefined,
  events: EventSink,
): InteractionStorage {
  return new InteractionStorage(storeDir(io, config, store), { events });
}

/**
 * The interactions store and the stores a run writes beside it (personas, queries, usage, runs): as
 * the config places them, or, with `--store DIR`, in DIR's parent as `run --out` lays them out.
 */
export function storeSources(io: CliIo, config: Config, store: string | undefined): ReportSources {
  const interactions = storeDir(io, config, store);
  const paths = outputPaths(config, store === undefined ? undefined : dirname(interactions));
  return {
    interactions,
    personas: paths.personas,
    queries: paths.queries,
    usage: paths.usage,
    runs: paths.runs,
  };
}

/** Streams the store's interactions as samples, counting the ones that cannot be converted. */
export function samplesFromStore(
  config: Config,
  storage: InteractionStorage,
  skipped: Array<{ id: string | undefined; reason: string }>,
): AsyncGenerator<TrainingSample> {
  const collector = new TrainingDataCollector(config);
  return collector.collectStream(storage.iterate(), { onSkip: (id, reason) => skipped.push({ id, reason }) });
}
