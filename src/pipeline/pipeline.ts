import { rmSync } from "node:fs";
import { join } from "node:path";
import { type LoadedConfig, loadConfig, parseConfigValue } from "../config/load.js";
import type { Config } from "../config/schema.js";
import { secretValues } from "../config/secrets.js";
import type { Backend, ItemRunner } from "../distributed/backend.js";
import { localBackend } from "../distributed/local-backend.js";
import { PersonasynthError, StoreError } from "../errors.js";
import { type EventSink, ignoreEvents } from "../events.js";
import { LlmService } from "../llm/llm-service.js";
import type { RunSeed } from "../rng/random.js";
import { ResponseCache } from "../scheduler/response-cache.js";
import { UsageTracker } from "../scheduler/usage.js";
import { writeTextAtomic } from "../util/atomic-write.js";
import { type Clock, clockFromEnv } from "../util/clock.js";
import { maskError, Redactor } from "../util/redact.js";
import type { InteractionSummary } from "./execute-item.js";
import type { ItemFailure } from "./executor.js";
import { exportStore, type StoreExport } from "./export-store.js";
import { generationFingerprint } from "./generation.js";
import { loadRunInputs } from "./inputs.js";
import { buildItemDeps } from "./item-deps.js";
import { itemSources } from "./item-sources.js";
import { othersResolver } from "./others-resolver.js";
import { prepareOutput } from "./output-dirs.js";
import { type OutputPaths, outputPaths } from "./output-paths.js";
import { type PipelineResult, pipelineResult } from "./pipeline-result.js";
import { type Plan, planId, recordPlan } from "./plan.js";
import { loadSavedPlan, missingPlanError, takenSoFar } from "./plan-file.js";
import { emptyPlan, planFromFound } from "./plan-start.js";
import { type PreflightFindings, preflight, preflightChecks } from "./preflight.js";
import { itemsToRun, runItemsInOrder } from "./run-items.js";
import { closeStores, openStores } from "./stores.js";

export type { PipelineResult } from "./pipeline-result.js";

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
        signal: this.options.signal,
        ...(llm && config.persona_generation.resolve_others
          ? { resolveOthers: await othersResolver(config, inputs, llm) }
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
        return pipelineResult({
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
        const sources = await itemSources({
          config,
          inputs,
          llm,
          clock: this.clock,
          plan,
          stores,
          remaining,
          runSeed,
        });
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
        if (remaining.length > 0)
          emit({
            type: "stage",
            stage: converse ? "interactions" : "queries",
            message: `running ${remaining.length} item${remaining.length === 1 ? "" : "s"}${runner.where}`,
          });
        const result = await runItemsInOrder({
          runner,
          items: remaining,
          converse,
          alreadyDone,
          planned,
          produced,
          usage: tracker,
          scheduler: llm.scheduler,
          signal: this.options.signal,
          events: emit,
        });
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

      let exported: StoreExport | undefined;
      // No export of nothing: a run stopped before it stored anything leaves the last export as it
      // was, and an empty store gets no empty files.
      const nothingNew = produced.length === 0 && (stoppedBy !== undefined || storedBefore === 0);
      if (stages.training_data_export && !nothingNew) {
        emit({ type: "stage", stage: "export", message: "exporting the whole store" });
        exported = await exportStore({
          config,
          paths,
          usage: tracker,
          inputs,
          redactor: this.redactor,
          clock: this.clock,
          events: emit,
          signal: this.options.signal,
        });
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
      return pipelineResult({
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

function isInterrupt(error: unknown): boolean {
  return error instanceof PersonasynthError && error.code === "INTERRUPTED";
}

/** Whether the export is the only stage on (`--stage export`). */
function onlyExport(stages: Config["experiment"]["stages"]): boolean {
  return Object.entries(stages).every(([stage, on]) => stage === "training_data_export" || !on);
}
