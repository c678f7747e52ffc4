import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Config } from "../config/schema.js";
import { secretValues } from "../config/secrets.js";
import { StoreError, UsageError } from "../errors.js";
import type { EventSink } from "../events.js";
import { InteractionStorage } from "../interaction/storage.js";
import { generationFingerprint } from "../pipeline/generation.js";
import { outputPaths } from "../pipeline/output-paths.js";
import type { ReportSources } from "../report/report.js";
import { TrainingDataCollector } from "../training/collector.js";
import type { TrainingSample } from "../training/sample.js";
import { Redactor } from "../util/redact.js";
import type { CliIo } from "./io.js";

/**
 * The interactions store named by `--store` or the config, failing clearly when it is absent. `--store`
 * may name the store itself or the output directory of a run (`run --out DIR`), which holds it as
 * `interactions/`; anything else says what was expected.
 */
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
  if (store === undefined || holdsSegments(dir)) return nonEmpty(dir);
  const inner = join(dir, "interactions");
  if (existsSync(inner) && statSync(inner).isDirectory()) return nonEmpty(inner);
  throw new StoreError("no interactions store here", {
    code: "IO",
    where: dir,
    hint: "--store takes a store (a directory of interactions-NNNNNN.jsonl files) or the output directory of a run, which holds one as interactions/",
  });
}

/** Whether a directory holds segments of a store (`interactions-NNNNNN.jsonl`). */
function holdsSegments(dir: string, nonEmptyOnly = false): boolean {
  return readdirSync(dir).some(
    (name) =>
      /^interactions-\d{6}\.jsonl$/.test(name) && (!nonEmptyOnly || statSync(join(dir, name)).size > 0),
  );
}

/** The store, unless it holds nothing: an export or statistics of nothing says so instead. */
function nonEmpty(dir: string): string {
  if (holdsSegments(dir, true)) return dir;
  throw new StoreError("the store is empty: no conversation is stored here", {
    code: "IO",
    where: dir,
    hint: "run `personasynth run` first (its interactions stage stores the conversations)",
  });
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

/**
 * Streams the store's interactions as samples, counting the ones that cannot be converted; with a
 * generation id, only the interactions that generation made.
 */
export function samplesFromStore(
  config: Config,
  storage: InteractionStorage,
  skipped: Array<{ id: string | undefined; reason: string }>,
  generation: string | undefined,
  redactor: Redactor = Redactor.none,
): AsyncGenerator<TrainingSample> {
  const collector = new TrainingDataCollector(config);
  const stored = storage.iterate(redactor);
  const records = generation === undefined ? stored : ofGeneration(stored, generation);
  return collector.collectStream(records, { onSkip: (id, reason) => skipped.push({ id, reason }) });
}

/** The `--generation` option: `all` (undefined), `current` (the config's fingerprint), or an id. */
export function generationOption(value: string | undefined, config: Config): string | undefined {
  if (value === undefined || value === "all") return undefined;
  if (value === "current") return generationFingerprint(config);
  // gen_…: made by a run (generation.ts); import_…: brought in by `personasynth import`.
  if (/^(gen|import)_[0-9a-f]{12}$/.test(value)) return value;
  throw new UsageError(
    `--generation must be current, all or a generation id (gen_ or import_ and 12 hex digits), got "${value}"`,
  );
}

/**
 * The records of one generation. Asking for one the store does not hold is an error naming the ones
 * it does, raised at the end of the pass (an export being written is then dropped, not committed).
 */
async function* ofGeneration(
  records: AsyncIterable<Record<string, unknown>>,
  generation: string,
): AsyncGenerator<Record<string, unknown>> {
  const seen = new Map<string, number>();
  for await (const record of records) {
    const tag = (record.metadata as { generation?: unknown } | undefined)?.generation;
    const name = typeof tag === "string" ? tag : "unknown";
    seen.set(name, (seen.get(name) ?? 0) + 1);
    if (name === generation) yield record;
  }
  if (!seen.has(generation) && seen.size > 0) {
    const held = [...seen].map(([name, count]) => `${name} (${count})`).join(", ");
    throw new UsageError(`the store holds no interaction of generation ${generation}`, {
      hint: `it holds ${held}; pass one of them, or --generation all`,
    });
  }
}

/** The secrets a command must not print or write: the config's keys and secret-named variables. */
export function cliRedactor(config: Config, io: CliIo): Redactor {
  return new Redactor(secretValues(config, io.env));
}
