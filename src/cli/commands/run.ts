import type { Command } from "commander";
import type { Config } from "../../config/schema.js";
import { secretValues, urlCredentials } from "../../config/secrets.js";
import { closest } from "../../config/zod-issues.js";
import { InterruptedError, UsageError } from "../../errors.js";
import type { LibraryEvent } from "../../events.js";
import { outputPaths } from "../../pipeline/output-paths.js";
import { clockFromEnv } from "../../util/clock.js";
import { INTERRUPTING, type Interruption } from "../interruption.js";
import type { CliIo } from "../io.js";
import { ProgressView } from "../progress.js";
import { RunLog } from "../run-log.js";
import { renderDryRun, renderSummary } from "../run-summary.js";
import { loadCliConfig, positiveInt, wholeNumber } from "../shared.js";
import { VERSION } from "../version.js";

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

/** The short name of each stage, as `--stage` lists them in its help. */
const STAGE_SHORT = ["personas", "queries", "interactions", "distractor", "export"];

/** `personasynth run`: the whole pipeline, resumable, with progress and a final summary. */
export function registerRun(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
  signal: AbortSignal,
  interruption: Interruption,
  /** The command line as given (for the log). */
  argv: readonly string[],
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
      const loaded = await loadCliConfig(io, options.config);
      const config = applyFlags(loaded.config, options);
      const numPersonas =
        options.personas === undefined ? undefined : positiveInt(options.personas, "--personas");
      if (options.threads !== undefined && options.workers !== undefined)
        throw new UsageError("--workers is the old name of --threads: give one of them", {
          hint: "keep --threads",
        });
      const threadsFlag = options.threads !== undefined ? "--threads" : "--workers";
      const threadsText = options.threads ?? options.workers;
      const threads = threadsText === undefined ? undefined : wholeNumber(threadsText, threadsFlag, 0, 64);
      // Every flag is checked before the log is made: a usage error writes nothing.
      const backendName = options.dryRun ? undefined : backendOf(options);
      const view = new ProgressView(io);
      const paths = outputPaths(config, options.out);
      const log = options.dryRun
        ? undefined
        : new RunLog(paths.logs, clockFromEnv(io.env).now(), [
            ...secretValues(config, io.env),
            // The log starts with the command line: a --redis-url password must not reach it.
            ...urlCredentials(options.redisUrl),
          ]);
      log?.start(VERSION, argv, io.cwd);
      interruption.claim(() => {
        log?.interrupted();
        view.interrupt(INTERRUPTING);
      });
      if (options.workers !== undefined)
        view.handle({ type: "warning", message: "--workers is deprecated: use --threads (same meaning)" });
      const events = (event: LibraryEvent) => {
        log?.write(event);
        view.handle(event);
      };
      const backend = backendName === "redis" ? await openRedisBackend(options, events) : undefined;
      // Loaded here, not when the CLI starts: `--version`, `--help` and the other commands skip it.
      const { EnhancedPersonaGenerationPipeline } = await import("../../pipeline/pipeline.js");
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
        if (options.dryRun) {
          const dry = renderDryRun(result, config.llm.budget_usd);
          for (const warning of dry.warnings) io.stderr(`warning: ${warning}\n`);
          io.stdout(dry.text);
        } else {
          log?.summary(result);
          io.stdout(renderSummary(result, config.experiment.stages, log?.path));
        }
        setExit(result.failures.length > 0 ? 1 : 0);
      } catch (caught) {
        view.stop();
        const stored = view.stored;
        // Interrupted: say how much is stored, the count a rerun starts from.
        const error =
          caught instanceof InterruptedError && stored
            ? new InterruptedError(`interrupted with ${stored.done} of ${stored.total} stored`)
            : caught;
        log?.fatal(error);
        throw error;
      } finally {
        view.stop();
        await backend?.close();
      }
    });
}

/** The backend the flags ask for: local (this process) or redis; a usage error when they disagree. */
function backendOf(options: RunOptions): "local" | "redis" {
  const name = options.backend ?? (options.redisUrl === undefined ? "local" : "redis");
  if (name === "local") {
    if (options.redisUrl !== undefined || options.queue !== undefined)
      throw new UsageError("--redis-url and --queue go with --backend redis", {
        hint: "add --backend redis, or leave them out to run here",
      });
    return name;
  }
  if (name !== "redis")
    throw new UsageError(`unknown backend "${name}"`, { hint: "use --backend local or --backend redis" });
  if (options.redisUrl === undefined)
    throw new UsageError("--backend redis needs --redis-url", {
      hint: "give the Redis your workers use, e.g. --redis-url redis://127.0.0.1:6379",
    });
  return name;
}

/** The Redis backend, loaded only when asked for. */
async function openRedisBackend(options: RunOptions, events: (event: LibraryEvent) => void) {
  const { redisBackend } = await import("../../distributed/redis-backend.js");
  return redisBackend({ url: options.redisUrl as string, queue: options.queue, events });
}

/** Applies command-line flags to the configuration before anything is built. */
function applyFlags(base: Config, options: RunOptions): Config {
  const config = structuredClone(base);
  if (options.seed !== undefined) {
    // A typo (`--seed 4e`, `--seed abc`) would silently be another seed, and another dataset.
    if (!/^-?\d+$/.test(options.seed) || !Number.isSafeInteger(Number(options.seed)))
      throw new UsageError(`--seed must be a whole number, got "${options.seed}"`, {
        hint: "a text seed can be set as experiment.seed in the config",
      });
    config.experiment.seed = Number(options.seed);
  }
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
    // Else every stage would be off, and the run would say there is nothing to export.
    if (chosen.length === 0)
      throw new UsageError(`--stage names no stage, got "${options.stage}"`, {
        hint: `name one or more of ${STAGE_SHORT.join(", ")}, comma-separated`,
      });
    const stages = config.experiment.stages;
    for (const key of Object.keys(stages) as Array<keyof typeof stages>) stages[key] = false;
    for (const name of chosen) {
      const stage = STAGE_ALIASES[name];
      if (!stage) {
        const suggestion = closest(name, Object.keys(STAGE_ALIASES));
        throw new UsageError(
          `unknown stage "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}`,
          { hint: `use ${Object.keys(STAGE_ALIASES).join(", ")}` },
        );
      }
      stages[stage] = true;
    }
  }
  return config;
}
