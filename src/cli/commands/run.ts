import type { Command } from "commander";
import type { Config } from "../../config/schema.js";
import { redisBackend } from "../../distributed/redis-backend.js";
import { UsageError } from "../../errors.js";
import type { LibraryEvent } from "../../events.js";
import { outputPaths } from "../../pipeline/output-paths.js";
import { EnhancedPersonaGenerationPipeline, type PipelineResult } from "../../pipeline/pipeline.js";
import { clockFromEnv } from "../../util/clock.js";
import { renderExport } from "../export-summary.js";
import { INTERRUPTING, type Interruption } from "../interruption.js";
import { type CliIo, table } from "../io.js";
import { compact, ProgressView } from "../progress.js";
import { RunLog } from "../run-log.js";
import { loadCliConfig, positiveInt } from "../shared.js";

interface RunOptions {
  config?: string;
  personas?: string;
  seed?: string;
  stage?: string;
  skipDistractor?: boolean;
  skipStyleTransfer?: boolean;
  concurrency?: string;
  batch?: boolean;
  out?: string;
  cache: boolean;
  dryRun?: boolean;
  threads?: string;
  /** The old name of --threads (it read like the distributed workers of `personasynth worker`). */
  workers?: string;
  backend?: string;
  redisUrl?: string;
  queue?: string;
}

const STAGE_ALIASES: Record<string, keyof Config["experiment"]["stages"]> = {
  persona_generation: "persona_generation",
  personas: "persona_generation",
  query_generation: "query_generation",
  queries: "query_generation",
  interaction_generation: "interaction_generation",
  interactions: "interaction_generation",
  distractor_application: "distractor_application",
  distractor: "distractor_application",
  training_data_export: "training_data_export",
  export: "training_data_export",
};

/** `personasynth run`: the whole pipeline, resumable, with progress and a final summary. */
export function registerRun(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
  signal: AbortSignal,
  interruption: Interruption,
): void {
  program
    .command("run")
    .description("generate personas, queries, conversations and noise, then export the whole store")
    .option("-c, --config <file>", "config file (default: built-in offline defaults)")
    .option("-n, --personas <n>", "number of personas (default: persona_generation.num_personas)")
    .option("--seed <seed>", "run seed (default: experiment.seed)")
    .option(
      "--stage <stages>",
      "run only these stages (comma-separated: personas, queries, interactions, distractor, export)",
    )
    .option("--skip-distractor", "no noise on user prompts")
    .option("--skip-style-transfer", "use seed queries as written")
    .option("--concurrency <n>", "calls in flight for the whole run (interaction_generation.max_workers)")
    .option("--batch", "send calls through the providers' batch APIs, in rounds (half the price, slower)")
    .option("-o, --out <dir>", "write every output under this directory")
    .option(
      "--no-cache",
      "do not reuse earlier runs' answers (this run keeps its own until it completes: a crash repeats only the calls in flight)",
    )
    .option(
      "--threads <n>",
      "offline runs: threads for the offline engine (default: 0 on 1-2 cores, else cores-1, max 4)",
    )
    .option("--workers <n>", "deprecated: the old name of --threads")
    .option(
      "--backend <name>",
      "where items execute: local (this process, the default) or redis (personasynth worker processes)",
    )
    .option("--redis-url <url>", "the Redis of --backend redis (redis://HOST:PORT); implies --backend redis")
    .option(
      "--queue <name>",
      "--backend redis: the queue this run and its workers use (default: personasynth)",
    )
    .option("--dry-run", "print the plan, expected calls, tokens and cost; make no call, write nothing")
    .action(async (options: RunOptions) => {
      const loaded = loadCliConfig(io, options.config);
      const config = applyFlags(loaded.config, options);
      const numPersonas =
        options.personas === undefined ? undefined : positiveInt(options.personas, "--personas");
      const view = new ProgressView(io);
      interruption.claim(() => view.interrupt(INTERRUPTING));
      if (options.workers !== undefined)
        view.handle({ type: "warning", message: "--workers is deprecated: use --threads (same meaning)" });
      const threadsFlag = options.threads !== undefined ? "--threads" : "--workers";
      const threadsText = options.threads ?? options.workers;
      const threads = threadsText === undefined ? undefined : count(threadsText, threadsFlag);
      const paths = outputPaths(config, options.out);
      const log = options.dryRun ? undefined : new RunLog(paths.logs, clockFromEnv(io.env).now());
      const events = (event: LibraryEvent) => {
        log?.write(event);
        view.handle(event);
      };
      const backend = options.dryRun ? undefined : await openBackend(options, events);
      const pipeline = new EnhancedPersonaGenerationPipeline(config as unknown as Record<string, unknown>, {
        env: io.env,
        cwd: io.cwd,
        events,
        signal,
        validated: true,
        ...(options.out === undefined ? {} : { out: options.out }),
        ...(threads === undefined ? {} : { threads }),
        ...(backend ? { backend } : {}),
      });
      try {
        const result = await pipeline.run({
          ...(numPersonas === undefined ? {} : { numPersonas }),
          dryRun: options.dryRun ?? false,
        });
        view.stop();
        io.stdout(options.dryRun ? renderDryRun(result) : renderSummary(result, log?.path));
        setExit(result.failures.length > 0 ? 1 : 0);
      } finally {
        view.stop();
        await backend?.close();
      }
    });
}

/** The backend the flags ask for: none (this process) or the Redis one, loaded only then. */
async function openBackend(options: RunOptions, events: (event: LibraryEvent) => void) {
  const name = options.backend ?? (options.redisUrl === undefined ? "local" : "redis");
  if (name === "local") {
    if (options.redisUrl !== undefined || options.queue !== undefined)
      throw new UsageError("--redis-url and --queue go with --backend redis", {
        hint: "add --backend redis, or leave them out to run here",
      });
    return undefined;
  }
  if (name !== "redis")
    throw new UsageError(`unknown backend "${name}"`, { hint: "use --backend local or --backend redis" });
  if (options.redisUrl === undefined)
    throw new UsageError("--backend redis needs --redis-url", {
      hint: "give the Redis your workers use, e.g. --redis-url redis://127.0.0.1:6379",
    });
  return redisBackend({ url: options.redisUrl, queue: options.queue, events });
}

/** Applies command-line flags to the configuration before anything is built. */
function applyFlags(base: Config, options: RunOptions): Config {
  const config = structuredClone(base);
  if (options.seed !== undefined)
    config.experiment.seed = /^-?\d+$/.test(options.seed) ? Number(options.seed) : options.seed;
  if (options.skipDistractor) config.distractor.enabled = false;
  if (options.skipStyleTransfer) config.query_generation.style_transfer.enabled = false;
  if (!options.cache) config.llm.cache.enabled = false;
  if (options.batch) config.llm.batch.enabled = true;
  if (options.concurrency !== undefined) {
    const n = positiveInt(options.concurrency, "--concurrency");
    config.interaction_generation.max_workers = n;
  }
  if (options.stage !== undefined) {
    const chosen = options.stage
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const stages = config.experiment.stages;
    for (const key of Object.keys(stages) as Array<keyof typeof stages>) stages[key] = false;
    for (const name of chosen) {
      const stage = STAGE_ALIASES[name];
      if (!stage)
        throw new UsageError(`unknown stage "${name}"`, {
          hint: `use ${Object.keys(STAGE_ALIASES).join(", ")}`,
        });
      stages[stage] = true;
    }
  }
  return config;
}

/** A whole number from 0 to 64 (worker threads). */
function count(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 64)
    throw new UsageError(`${flag} must be a whole number from 0 to 64, got "${text}"`);
  return n;
}

function renderSummary(result: PipelineResult, logPath: string | undefined): string {
  const s = result.summary;
  const lines = [
    `run ${result.plan_id}${result.resumed ? " (resumed)" : ""}: requested ${s.requested}, produced ${s.produced}${s.already_done ? ` (+${s.already_done} from before)` : ""}, failed ${s.failed}, ${s.seconds} s, generation ${result.generation}`,
    `calls ${s.calls} (api ${s.api_calls}, cached ${s.cache_hits}), tokens ${compact(s.input_tokens)} in${s.cached_input_tokens > 0 ? ` (${compact(s.cached_input_tokens)} from the prompt cache)` : ""} / ${compact(s.output_tokens)} out, cost $${s.cost_usd.toFixed(4)}`,
  ];
  const td = result.training_data;
  if (td.statistics && td.stats_file && td.manifest) {
    lines.push(`exported ${td.total_samples} samples (the whole store) to ${result.paths.trainingData}:`);
    const exported = {
      statistics: td.statistics,
      formats: td.formats,
      stats_file: td.stats_file,
      manifest: td.manifest,
    };
    lines.push(renderExport(exported, result.paths.trainingData, { token_usage: td.usage_file }).trimEnd());
    const others = Object.entries(result.other_generations);
    if (others.length > 0) {
      const count = others.reduce((n, [, c]) => n + c, 0);
      lines.push(
        `note: the store also holds ${count} samples of ${others.length} other generation(s) (${others.map(([g, c]) => `${g} ${c}`).join(", ")}), made with another configuration; to export only this one: personasynth export --store ${result.paths.interactions} --generation ${result.generation}`,
      );
    }
  }
  if (result.failures.length > 0) {
    lines.push(
      `${result.failures.length} item(s) failed; rerun the same command to retry them. Reasons: ${result.paths.runs}/${result.plan_id}/failures.json`,
    );
  }
  if (logPath) lines.push(`log: ${logPath}`);
  return `${lines.join("\n")}\n`;
}

function renderDryRun(result: PipelineResult): string {
  const e = result.estimate;
  if (!e) return "nothing planned\n";
  const rows = [
    ["STAGE", "OPERATION", "MODEL", "CALLS", "IN TOKENS", "CACHED IN", "OUT TOKENS", "COST"],
    ...e.rows.map((r) => [
      r.stage,
      r.operation,
      `${r.provider}/${r.model}`,
      String(r.calls),
      compact(r.input_tokens),
      compact(r.cached_input_tokens),
      compact(r.output_tokens),
      e.priced ? `$${r.cost_usd.toFixed(4)}` : "-",
    ]),
    [
      "total",
      "",
      "",
      String(e.total.calls),
      compact(e.total.input_tokens),
      compact(e.total.cached_input_tokens),
      compact(e.total.output_tokens),
      e.priced ? `$${e.total.cost_usd.toFixed(4)}` : "-",
    ],
  ];
  return `dry run of ${result.plan_id}: ${result.personas.length} personas, ${result.queries} items, ${e.items} to run (nothing was called or written)\n${table(rows)}\n${e.notes.map((n) => `note: ${n}`).join("\n")}\n`;
}
