import type { DatasetExport } from "../export/export-dataset.js";
import type { UsageTracker } from "../scheduler/usage.js";
import type { ExportedFiles } from "../training/exporter.js";
import type { DatasetStatistics } from "../training/statistics.js";
import type { PlanEstimate } from "./estimate.js";
import type { InteractionSummary } from "./execute-item.js";
import type { ItemFailure } from "./executor.js";
import type { StoreExport } from "./export-store.js";
import type { OutputPaths } from "./output-paths.js";
import type { Plan, PlannedPersona } from "./plan.js";

/** What `run` returns: the seed's shape (`training_data.{total_samples, sample_files}`) plus details. */
export interface PipelineResult {
  plan_id: string;
  /** The generation fingerprint of this run's configuration (generation.ts). */
  generation: string;
  /**
   * Samples of the exported store made by other configurations, by generation (empty when the store
   * holds only this one's, or nothing was exported).
   */
  other_generations: Record<string, number>;
  resumed: boolean;
  personas: PlannedPersona[];
  queries: number;
  interactions: InteractionSummary[];
  failures: ItemFailure[];
  training_data: {
    total_samples: number;
    /** The `json` (else `jsonl`) files by split, as the seed's result names them. */
    sample_files: ExportedFiles | Record<string, never>;
    /** Every format's files. */
    formats: DatasetExport["formats"];
    /** `training_data/latest.json`, naming the newest files per format. */
    manifest: string | null;
    stats_file: string | null;
    usage_file: string | null;
    statistics: DatasetStatistics | null;
  };
  summary: {
    requested: number;
    /** Conversations stored by this run. */
    produced: number;
    /** Items this run finished: conversations, or queries when the interactions stage is off. */
    items_done: number;
    already_done: number;
    failed: number;
    seconds: number;
    calls: number;
    api_calls: number;
    cache_hits: number;
    input_tokens: number;
    /** Of `input_tokens`, read from the providers' prompt caches. */
    cached_input_tokens: number;
    output_tokens: number;
    cost_usd: number;
    /** The offline engine's notice (training/statistics.ts) when any exported sample came from it. */
    notice?: string;
  };
  estimate?: PlanEstimate;
  paths: OutputPaths;
}

/** What a run (or a dry run) knows at its end, from which its result is told. */
export interface RunOutcome {
  plan: Plan;
  /** Items in the plan (its `items` are let go while the run executes them). */
  planned: number;
  resumed: boolean;
  paths: OutputPaths;
  /** `performance.now()` when the run started. */
  started: number;
  usage: UsageTracker;
  failures: ItemFailure[];
  produced: InteractionSummary[];
  itemsDone: number;
  alreadyDone: number;
  exported: StoreExport | undefined;
  estimate: PlanEstimate | undefined;
}

/** The run's result: what it planned, produced and exported, and its summary line's figures. */
export function pipelineResult(args: RunOutcome): PipelineResult {
  const totals = args.usage.totals();
  const generations = { ...args.exported?.statistics.generations };
  delete generations[args.plan.generation];
  return {
    plan_id: args.plan.plan_id,
    generation: args.plan.generation,
    other_generations: generations,
    resumed: args.resumed,
    personas: args.plan.personas,
    queries: args.planned,
    interactions: args.produced,
    failures: args.failures,
    training_data: {
      total_samples: args.exported?.statistics.total_samples ?? 0,
      sample_files: args.exported ? sampleFiles(args.exported.formats) : {},
      formats: args.exported?.formats ?? {},
      manifest: args.exported?.manifest ?? null,
      stats_file: args.exported?.stats_file ?? null,
      usage_file: args.exported?.usage_file ?? null,
      statistics: args.exported?.statistics ?? null,
    },
    summary: {
      requested: args.planned,
      produced: args.produced.length,
      items_done: args.itemsDone,
      already_done: args.alreadyDone,
      failed: args.failures.length,
      seconds: Math.round((performance.now() - args.started) / 100) / 10,
      calls: totals.calls,
      api_calls: totals.api_calls,
      cache_hits: totals.cache_hits,
      input_tokens: totals.input_tokens,
      cached_input_tokens: totals.cached_input_tokens,
      output_tokens: totals.output_tokens,
      cost_usd: Math.round(totals.cost_usd * 1e6) / 1e6,
      ...(args.exported?.statistics.offline_engine
        ? { notice: args.exported.statistics.offline_engine }
        : {}),
    },
    ...(args.estimate ? { estimate: args.estimate } : {}),
    paths: args.paths,
  };
}

/** The seed's `sample_files`: one path per split, from the `json` export, else the `jsonl` one. */
function sampleFiles(formats: DatasetExport["formats"]): ExportedFiles | Record<string, never> {
  const files = formats.json ?? formats.jsonl;
  if (!files) return {};
  return Object.fromEntries(
    Object.entries(files.splits).map(([split, paths]) => [split, paths?.[0] ?? ""]),
  ) as ExportedFiles;
}
