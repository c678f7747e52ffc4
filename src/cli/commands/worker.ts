import type { Command } from "commander";
import type { Interruption } from "../interruption.js";
import type { CliIo } from "../io.js";
import { compact, money } from "../progress-line.js";
import { loadCliConfig, positiveInt, renderEvent } from "../shared.js";

interface WorkerFlags {
  redisUrl: string;
  config?: string;
  concurrency?: string;
  queue?: string;
  name?: string;
  out?: string;
  lockDuration?: string;
}

/** What the first Ctrl-C (or SIGTERM) of a worker prints. */
const STOPPING =
  "stopping: the items in hand go back to the queue for the other workers (Ctrl-C again to quit at once)";

/**
 * `personasynth worker`: executes the items of distributed runs (`run --backend redis`) from a
 * Redis queue until stopped (Ctrl-C, SIGTERM).
 */
export function registerWorker(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
  signal: AbortSignal,
  interruption: Interruption,
): void {
  program
    .command("worker")
    .description(
      "execute the items of distributed runs (run --backend redis) from a Redis queue, until stopped",
    )
    .requiredOption("--redis-url <url>", "the coordinator's Redis (redis://HOST:PORT)")
    .option(
      "-c, --config <file>",
      "the run's config file (same settings and inputs; keys and base URLs may differ)",
    )
    .option(
      "--concurrency <n>",
      "calls in flight from this worker (default: interaction_generation.max_workers)",
    )
    .option("--queue <name>", "the queue, as given to run --queue (default: personasynth)")
    .option("--name <name>", "this worker's name in reports and of its cache file (default: host-pid)")
    .option("-o, --out <dir>", "where this worker keeps its response cache and usage records")
    .option(
      "--lock-duration <ms>",
      "a job held by a worker that died goes to another one after about this long (default: 30000)",
    )
    .action(async (flags: WorkerFlags) => {
      // The command's modules are loaded when it runs, not at every start of the CLI.
      const { runWorker } = await import("../../distributed/redis-worker.js");
      const loaded = await loadCliConfig(io, flags.config);
      const config = structuredClone(loaded.config);
      if (flags.concurrency !== undefined)
        config.interaction_generation.max_workers = positiveInt(flags.concurrency, "--concurrency");
      const lockMs =
        flags.lockDuration === undefined ? undefined : positiveInt(flags.lockDuration, "--lock-duration");
      interruption.claim(() => io.stderr(`${STOPPING}\n`));
      const summary = await runWorker({
        url: flags.redisUrl,
        queue: flags.queue,
        config,
        env: io.env,
        name: flags.name,
        out: flags.out,
        lockMs,
        events: renderEvent(io),
        signal,
      });
      const u = summary.usage;
      io.stdout(
        `worker ${summary.name}: ${summary.items} items (${summary.failed} failed), calls ${u.calls} (api ${u.api_calls}, cached ${u.cache_hits}), tokens ${compact(u.input_tokens)} in / ${compact(u.output_tokens)} out, cost ${money(u.cost_usd)}\n`,
      );
      setExit(0);
    });
}
