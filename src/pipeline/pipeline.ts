import { rmSync } from "node:fs";
import { join } from "node:path";
import { type LoadedConfig, loadConfig, parseConfigValue } from "../config/load.js";
import type { Config } from "../config/schema.js";
import { secretValues } from "../config/secrets.js";
import type { Backend, ItemRunner } from "../distributed/backend.js";
import { localBackend } from "../distributed/local-backend.js";
import { PersonasynthError, StoreError } from "../errors.js";
import { type EventSink, ignoreEvents } from "../events.js";
import { type DatasetExport, exportDataset } from "../export/export-dataset.js";
import { InteractionStorage } from "../interaction/storage.js";
import { LlmService } from "../llm/llm-service.js";
import { modelRef } from "../llm/model-ref.js";
import type { Persona } from "../persona/persona.js";
import { resolveOthersOperation } from "../persona/resolve-others-operation.js";
import type { RunSeed } from "../rng/random.js";
import { ResponseCache } from "../scheduler/response-cache.js";
import { UsageTracker } from "../scheduler/usage.js";
import { exportTokenUsage } from "../scheduler/usage-export.js";
import { TrainingDataCollector } from "../training/collector.js";
import type { ExportedFiles } from "../training/exporter.js";
import type { DatasetStatistics } from "../training/statistics.js";
import { writeTextAtomic } from "../util/atomic-write.js";
import { type Clock, clockFromEnv, fixedClock } from "../util/clock.js";
import { maskError, Redactor } from "../util/redact.js";
import type { PlanEstimate } from "./estimate.js";
import type { InteractionSummary, QueryRecord } from "./execute-item.js";
import { executeInOrder, type ItemFailure } from "./executor.js";
import { generationFingerprint } from "./generation.js";
import { loadRunInputs, type RunInputs } from "./inputs.js";
import { buildItemDeps, type ItemDepsSources } from "./item-deps.js";
import { prepareOutput } from "./output-dirs.js";
import { type OutputPaths, outputPaths, withOutputPaths } from "./output-paths.js";
import {
  buildPlan,
  type Plan,
  type PlanItem,
  type PlannedPersona,
  type PlanRequest,
  planId,
  recordPlan,
} from "./plan.js";
import { loadSavedPlan, missingPlanError, takenSoFar } from "./plan-file.js";
import { type PreflightFindings, preflight, preflightChecks } from "./preflight.js";
import { every, PROGRESS_INTERVAL_MS, progressEvent } from "./progress-events.js";
import { closeStores, openStores, quarantinePlanned, type Stores } from "./stores.js";
import { isFatalCode, type SystemPromptResult, SystemPrompts } from "./system-prompts.js";

export interface PipelineOptions {
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
  clock?: Clock;
  events?: EventSink;
  /** Ctrl-C: stop starting items, abort calls in flight, flush, throw InterruptedError. */
  signal?: AbortSignal;
  /** Put every output under this directory. */
  out?: string;
  /**
   * Threads for an all-offline run (0: everything in this thread). Default: none on two cores
   * or fewer, else one per core but one (at most four), for runs of 2,000 items or more. The records
   * are the same either way (see offline-pool.ts).
   */
  threads?: number;
  /**
   * The config object is a `Config` already loaded and validated, its warnings reported (the CLI):
   * used as it is. Validated again, its defaults read as keys the user wrote, and keys kept only for
   * compatibility were warned about on every run.
   */
  validated?: boolean;
  /** @deprecated the old name of `threads`. */
  workers?: number;
  /**
   * Where items execute: this process by default (`localBackend`), or workers behind a queue
   * (`redisBackend`). The caller owns it (and closes it).
   */
  backend?: Backend;
}

export interface RunRequest {
  numPersonas?: number;
  /** Plan only: print what would run, make no call, write nothing. */
  dryRun?: boolean;
}

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

/**
 * The plan's items still to run, after a stored record of this plan that is not whole and valid is
 * moved aside (to be made again): the ones not stored yet, for conversations or only their queries
 * (with neither stage on, nothing runs and nothing counts as done before). A function of its own so
 * that the plan's item list never sits in `run`'s frame: V8 keeps a suspended async function's
 * registers, and a stale one held all 100,000 items of a run (~20 MB) after `plan.items` let them go.
 */
async function itemsToRun(
  plan: Plan,
  stores: Stores,
  stages: Config["experiment"]["stages"],
  emit: EventSink,
): Promise<{ remaining: PlanItem[]; planned: number; alreadyDone: number; storedBefore: number }> {
  for (const [store, idOf] of [
    [stores.interactions, (item: PlanItem) => item.interaction_id],
    [stores.queries, (item: PlanItem) => item.item_id],
  ] as const)
    await quarantinePlanned(store, plan.items, idOf, emit);
  const storedInteractions = await stores.interactions.storedIds();
  const storedQueryItems = await stores.queries.storedIds();
  const isDone = stages.interaction_generation
    ? (item: PlanItem) => storedInteractions.has(item.interaction_id)
    : stages.query_generation
      ? (item: PlanItem) => storedQueryItems.has(item.item_id)
      : undefined;
  const remaining = isDone ? plan.items.filter((item) => !isDone(item)) : [];
  const planned = plan.items.length;
  return {
    remaining,
    planned,
    alreadyDone: isDone ? planned - remaining.length : 0,
    storedBefore: storedInteractions.size,
  };
}

/**
 * Builds a new plan from the seed queries the checks before the run loaded, taking them out of
 * `found`: the run's frame lives as long as the run, and a dataset of 100,000 queries held there
 * would be ~15 MB of its peak memory. The plan keeps only the queries it took.
 */
function planFromFound(
  found: PreflightFindings,
  request: Omit<PlanRequest, "seedQueries">,
  id: string,
  options: { save: boolean },
): Promise<Plan> {
  const seedQueries = found.queries;
  delete found.queries;
  return buildPlan({ ...request, ...(seedQueries ? { seedQueries } : {}) }, id, options);
}

/**
 * The whole pipeline (the seed's `EnhancedPersonaGenerationPipeline`): plan (personas, queries, seeds)
 * → execute items concurrently (calls limited by the scheduler, not conversations) → append to the
 * store in plan order → export the whole store. Rerunning the same command resumes: finished items are
 * skipped, interrupted ones replay their finished calls from the cache.
 */
export class EnhancedPersonaGenerationPipeline {
  readonly config: Config;
  private readonly loaded: LoadedConfig;
  private readonly clock: Clock;
  private readonly events: EventSink;
  /** Masks every configured secret in what the run writes and reports (util/redact.ts). */
  private readonly redactor: Redactor;

  /** @param config a config file path, a config object (partial dicts accepted), or nothing for the defaults. */
  constructor(
    config?: string | Record<string, unknown>,
    private readonly options: PipelineOptions = {},
  ) {
    const env = options.env ?? process.env;
    const cwd = options.cwd ?? process.cwd();
    this.loaded =
      typeof config === "string" || config === undefined
        ? loadConfig(config, { env, cwd })
        : options.validated
          ? { config: config as unknown as Config, file: undefined, baseDir: cwd, warnings: [] }
          : parseConfigValue(config, undefined, cwd, { env });
    this.config = this.loaded.config;
    this.clock = options.clock ?? clockFromEnv(env);
    this.redactor = new Redactor(secretValues(this.config, env));
    const sink = options.events ?? ignoreEvents;
    this.events = this.redactor.active ? (event) => sink(this.redactor.value(event)) : sink;
    for (const warning of this.loaded.warnings)
      this.events({ type: "warning", message: warning.message, where: warning.path });
  }

  /**
   * Runs the pipeline. The output directory is locked for the run's whole length (a second run on it
   * is refused at once); a dry run reads only and takes no lock.
   */
  async run(request: RunRequest = {}): Promise<PipelineResult> {
    const started = performance.now();
    const paths = outputPaths(this.config, this.options.out);
    if (paths.linkedFrom !== undefined)
      this.events({
        type: "info",
        message: `--out ${paths.linkedFrom} resolves to ${paths.root}: writing there`,
      });
    const lock = request.dryRun ? undefined : prepareOutput(paths, this.events);
    try {
      return await this.runLocked(request, paths, started);
    } catch (error) {
      throw maskError(error, this.redactor);
    } finally {
      lock?.release();
    }
  }

  private async runLocked(request: RunRequest, paths: OutputPaths, started: number): Promise<PipelineResult> {
    const config = this.config;
    const stages = config.experiment.stages;
    const runSeed: RunSeed = config.experiment.seed;
    const numPersonas = request.numPersonas ?? config.persona_generation.num_personas;
    const emit = this.events;

    emit({ type: "stage", stage: "plan", message: "loading inputs" });
    const inputs = loadRunInputs(config);
    // Computed once per run: it reads every input file (generation.ts).
    const generation = generationFingerprint(config);
    const id = planId(generation, numPersonas);
    const saved = loadSavedPlan(paths.runs, id, generation);
    // Every check before the first call, the ones `validate` makes: seed queries, providers (a missing
    // key fails here), output directories, the response cache. Nothing of this run is written before.
    const found: PreflightFindings = {};
    await preflight(
      preflightChecks(
        {
          config,
          env: this.options.env ?? process.env,
          paths,
          write: !request.dryRun,
          seedQueries: !saved && stages.persona_generation,
          events: emit,
          inputs,
          redact: (text) => this.redactor.text(text),
        },
        found,
      ),
    );
    const stores = openStores(paths, emit, config, this.redactor);
    const tracker = new UsageTracker(
      config.llm.prices,
      request.dryRun ? undefined : join(paths.usage, `usage-${id}.jsonl`),
      (text) => this.redactor.text(text),
    );
    // --no-cache: earlier runs' answers are not reused, but this run keeps its own beside its plan
    // until it completes, so a crash (kill -9) repeats only the calls in flight.
    const cache = request.dryRun
      ? undefined
      : (found.cache ?? new ResponseCache(runCachePath(paths.runs, id), (text) => this.redactor.text(text)));
    const llm = request.dryRun
      ? undefined
      : new LlmService({
          config,
          env: this.options.env ?? process.env,
          runSeed,
          usage: tracker,
          cache,
          gate: this.options.backend?.gate,
          events: emit,
          batchJournal: join(paths.runs, "batches.jsonl"),
          onBatchProgress: (progress) => emit({ type: "batch", ...progress }),
        });
    let cancelBatches = false;
    let complete = false;
    try {
      const planRequest = {
        config,
        generation,
        inputs,
        numPersonas,
        runSeed,
        runsDir: paths.runs,
        personaStore: stores.personas,
        assignmentStore: stores.assignments,
        clock: this.clock,
        events: emit,
        ...(llm && config.persona_generation.resolve_others
          ? { resolveOthers: await this.othersResolver(config, inputs, llm) }
          : {}),
      };
      let plan: Plan;
      const taken = saved ? undefined : await takenSoFar(stores.assignments);
      if (taken?.plans.has(id)) throw missingPlanError(paths.runs, id);
      if (saved) {
        plan = saved;
        if (!request.dryRun) await recordPlan(plan, planRequest);
      } else if (stages.persona_generation) {
        emit({
          type: "stage",
          stage: "plan",
          message: `sampling ${numPersonas} persona${numPersonas === 1 ? "" : "s"} and selecting queries`,
        });
        plan = await planFromFound(found, { ...planRequest, usedQueries: taken?.queries ?? new Set() }, id, {
          save: !request.dryRun,
        });
      } else {
        plan = emptyPlan(id, generation, runSeed, this.clock);
      }
      for (const warning of plan.warnings) emit({ type: "warning", message: warning });

      const converse = stages.interaction_generation;
      const { remaining, planned, alreadyDone, storedBefore } = await itemsToRun(plan, stores, stages, emit);
      emit({
        type: "plan",
        plan_id: plan.plan_id,
        resumed: saved !== undefined,
        personas: plan.personas.length,
        items: planned,
        already_done: alreadyDone,
        to_run: remaining.length,
      });

      if (request.dryRun) {
        // Only a dry run estimates: its modules are loaded for it alone.
        const { estimatePlan } = await import("./estimate.js");
        const estimate = await estimatePlan({
          config,
          inputs,
          plan,
          items: remaining,
          prices: new UsageTracker(config.llm.prices),
        });
        return this.result({
          plan,
          planned,
          resumed: saved !== undefined,
          paths,
          started,
          usage: new UsageTracker(),
          failures: [],
          produced: [],
          itemsDone: 0,
          alreadyDone,
          exported: undefined,
          estimate,
        });
      }

      if (!llm) throw new Error("unreachable: no LLM service outside a dry run");
      // From here the items to run live only in `remaining`, which the executor clears as they are
      // stored: at 100,000 items they are a third of the run's live memory.
      plan.items = [];
      const produced: InteractionSummary[] = [];
      let failures: ItemFailure[] = [];
      let itemsDone = 0;
      let stoppedBy: unknown;
      let runner: ItemRunner | undefined;
      try {
        const sources = await this.itemSources(config, inputs, llm, plan, stores, remaining, runSeed);
        const deps = await buildItemDeps(sources);
        const backend =
          this.options.backend ?? localBackend({ threads: this.options.threads ?? this.options.workers });
        runner = await backend.open({
          config,
          inputs,
          runSeed,
          planId: plan.plan_id,
          generation,
          itemCount: remaining.length,
          deps,
          shipping: { ...sources, systemPrompts: deps.systemPrompts },
          llm,
          stores,
          usage: tracker,
          cache,
          produced,
          signal: this.options.signal,
          events: emit,
        });
        const run = runner;
        if (remaining.length > 0)
          emit({
            type: "stage",
            stage: converse ? "interactions" : "queries",
            message: `running ${remaining.length} item${remaining.length === 1 ? "" : "s"}${run.where}`,
          });
        let done = 0;
        let failed = 0;
        // Done is what is stored, what a rerun finds: a conversation finished ahead of an earlier one
        // waits for it (ordered commit), and is lost with it on Ctrl-C.
        const report = () =>
          emit(
            progressEvent(
              { done: alreadyDone + (converse ? produced.length : done), failed, total: planned },
              tracker,
              llm.scheduler,
              run.load(),
            ),
          );
        const stopReports = every(PROGRESS_INTERVAL_MS, report);
        const result = await executeInOrder({
          items: remaining,
          idOf: (item) => item.item_id,
          window: run.window,
          signal: this.options.signal,
          run: (item) => run.run(item),
          commit: async (_item, store) => {
            await store();
            report();
          },
          onSettled: (item, outcome) => {
            if (outcome.ok) done++;
            // An item cut short by what stops the run (budget, key, interrupt, a dead worker) is not
            // a failure of its own: the stop is reported once, and the item runs again on a rerun.
            else if (!isFatalCode(outcome.failure.code)) {
              failed++;
              emit({ type: "item_failed", item_id: item.item_id, reason: outcome.failure.reason });
            }
            if (!converse || !outcome.ok) report();
          },
        }).finally(stopReports);
        failures = result.failures;
        itemsDone = result.done;
        stoppedBy = result.stoppedBy;
        // The budget is spent: batches still running would spend more. (Interrupted, they are left
        // to finish: the rerun re-attaches to them and pays nothing twice.)
        cancelBatches = stoppedBy instanceof PersonasynthError && stoppedBy.code === "BUDGET_EXCEEDED";
        await writeFailures(paths.runs, plan.plan_id, this.redactor.value(failures));
      } finally {
        await runner?.close();
        await closeStores(stores);
      }
      if (stoppedBy !== undefined && isInterrupt(stoppedBy)) throw stoppedBy;

      let exported: Awaited<ReturnType<EnhancedPersonaGenerationPipeline["exportStore"]>> | undefined;
      // No export of nothing: a run stopped before it stored anything leaves the last export as it
      // was, and an empty store gets no empty files.
      const nothingNew = produced.length === 0 && (stoppedBy !== undefined || storedBefore === 0);
      if (stages.training_data_export && !nothingNew) {
        emit({ type: "stage", stage: "export", message: "exporting the whole store" });
        exported = await this.exportStore(config, paths, tracker, inputs);
      } else if (onlyExport(stages) && stoppedBy === undefined && failures.length === 0) {
        // Asked for an export alone (`--stage export`) of an empty store: say so, not "0 samples" and
        // exit 0. With other stages on (planning only), the summary says nothing was exported.
        throw new StoreError("nothing to export: no conversation is stored here", {
          code: "IO",
          where: paths.interactions,
          hint: "run the interactions stage first: personasynth run, without --stage or with --stage interactions,export",
        });
      }
      if (stoppedBy !== undefined) throw stoppedBy;
      complete = failures.length === 0;
      return this.result({
        plan,
        planned,
        resumed: saved !== undefined,
        paths,
        started,
        usage: tracker,
        failures,
        produced,
        itemsDone,
        alreadyDone,
        exported,
        estimate: undefined,
      });
    } finally {
      await llm?.close({ cancelBatches });
      if (complete && !config.llm.cache.enabled) removeRunCache(runCachePath(paths.runs, id));
    }
  }

  /** Resolves each `others` value of a persona to a concrete snake_case value (stage 1, LLM). */
  private async othersResolver(config: Config, inputs: RunInputs, llm: LlmService) {
    const op = resolveOthersOperation(inputs.templates.resolveOthers);
    await llm.prepareOffline([op]);
    const model = modelRef(config);
    return async (persona: Persona): Promise<Record<string, string>> => {
      const features = { ...persona.features };
      for (const [dimension, value] of Object.entries(persona.features)) {
        if (value !== "others") continue;
        const dim = inputs.bank.dimensions.find((d) => d.name === dimension);
        const result = await llm.run(
          op,
          {
            dimension,
            description: dim?.description ?? "",
            knownValues: dim?.values ?? [],
            features: persona.features,
          },
          { model, itemId: persona.persona_id, sampleIndex: 0 },
        );
        features[dimension] = result.output;
      }
      return features;
    };
  }

  /** Exports every stored interaction (not just this run's) in every configured format, and the token usage. */
  private async exportStore(config: Config, paths: OutputPaths, usage: UsageTracker, inputs: RunInputs) {
    // Masked: the export writes config values too (the dataset card names the models).
    const exportConfig = withOutputPaths(this.redactor.value(config), paths);
    const store = new InteractionStorage(paths.interactions, { events: this.events });
    const collector = new TrainingDataCollector(exportConfig);
    const records = () => store.iterate(this.redactor);
    // One instant for every file of this export, so their timestamps match.
    const clock = fixedClock(this.clock.now());
    const usageFile = await exportTokenUsage(usage, paths.trainingData, {
      clock,
      useTimestamp: config.training_data.use_timestamp,
    });
    const result = await exportDataset(
      (pass) =>
        collector.collectStream(records(), {
          // Parquet reads the store twice: a skipped record is reported once.
          onSkip: (id, reason) => {
            if (pass === "export")
              this.events({ type: "warning", message: `skipped ${id ?? "a record"}: ${reason}` });
          },
        }),
      exportConfig,
      { clock, outputDir: paths.trainingData, companions: { token_usage: usageFile }, bank: inputs.bank },
    );
    for (const [format, tally] of Object.entries(result.left_out)) {
      this.events({
        type: "warning",
        message: `${format}: ${tally.count} samples left out (first: ${tally.first})`,
      });
    }
    return { ...result, usage_file: usageFile };
  }

  /** Loads what the items need from the stores (prompts and query records stored by earlier runs). */
  private async itemSources(
    config: Config,
    inputs: RunInputs,
    llm: LlmService,
    plan: Plan,
    stores: Stores,
    remaining: Plan["items"],
    runSeed: RunSeed,
  ): Promise<ItemDepsSources> {
    const formulating = config.experiment.stages.persona_generation && config.formulation.enabled;
    const storedPrompts = formulating
      ? await SystemPrompts.load(stores.prompts, plan.generation, new Set(remaining.map((i) => i.persona_id)))
      : new Map<string, SystemPromptResult>();
    const itemIds = new Set(remaining.map((i) => i.item_id));
    const storedQueries = new Map<string, QueryRecord>();
    for await (const record of stores.queries) {
      if (itemIds.has(record.item_id as string))
        storedQueries.set(record.item_id as string, record as unknown as QueryRecord);
    }
    return {
      config,
      generation: plan.generation,
      inputs,
      llm,
      clock: this.clock,
      runSeed,
      personas: new Map(plan.personas.map((p) => [p.persona_id, p])),
      items: remaining,
      storedPrompts,
      storedQueries,
      promptStore: stores.prompts,
      queryStore: stores.queries,
    };
  }

  private result(args: {
    plan: Plan;
    /** Items in the plan (its `items` are let go while the run executes them). */
    planned: number;
    resumed: boolean;
    paths: OutputPaths;
    started: number;
    usage: UsageTracker;
    failures: ItemFailure[];
    produced: InteractionSummary[];
    itemsDone: number;
    alreadyDone: number;
    exported: Awaited<ReturnType<EnhancedPersonaGenerationPipeline["exportStore"]>> | undefined;
    estimate: PlanEstimate | undefined;
  }): PipelineResult {
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
}

async function writeFailures(runsDir: string, id: string, failures: ItemFailure[]): Promise<void> {
  const path = join(runsDir, id, "failures.json");
  if (failures.length === 0) {
    rmSync(path, { force: true });
    return;
  }
  await writeTextAtomic(path, `${JSON.stringify(failures, null, 2)}\n`);
}

/** Where a --no-cache run keeps its own answers until it completes (never read by another plan). */
function runCachePath(runsDir: string, id: string): string {
  return join(runsDir, id, "responses.sqlite");
}

function removeRunCache(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal.jsonl`])
    rmSync(file, { force: true });
}

function emptyPlan(id: string, generation: string, seed: RunSeed, clock: Clock): Plan {
  return {
    plan_id: id,
    generation,
    created_at: clock.now().toISOString(),
    seed,
    num_personas: 0,
    personas: [],
    items: [],
    sampling: {
      requested: 0,
      produced: 0,
      strategy: "none",
      attempts_total: 0,
      relaxed: 0,
      skipped: 0,
      min_distance_observed: null,
    },
    queries: { loaded: 0, available: 0, used_before: 0, report: { datasets: [], total: 0 } as never },
    warnings: ["persona_generation is off and this run has no saved plan: nothing to generate"],
  };
}

function isInterrupt(error: unknown): boolean {
  return error instanceof PersonasynthError && error.code === "INTERRUPTED";
}

/** The seed's `sample_files`: one path per split, from the `json` export, else the `jsonl` one. */
function sampleFiles(formats: DatasetExport["formats"]): ExportedFiles | Record<string, never> {
  const files = formats.json ?? formats.jsonl;
  if (!files) return {};
  return Object.fromEntries(
    Object.entries(files.splits).map(([split, paths]) => [split, paths?.[0] ?? ""]),
  ) as ExportedFiles;
}

/** Whether the export is the only stage on (`--stage export`). */
function onlyExport(stages: Config["experiment"]["stages"]): boolean {
  return Object.entries(stages).every(([stage, on]) => stage === "training_data_export" || !on);
}
