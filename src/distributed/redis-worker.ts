import { hostname } from "node:os";
import { dirname, join } from "node:path";
import type { Job } from "bullmq";
import type { Config } from "../config/schema.js";
import { BackendError, type PersonasynthError } from "../errors.js";
import { type EventSink, ignoreEvents } from "../events.js";
import { LlmService } from "../llm/llm-service.js";
import { generationFingerprint } from "../pipeline/generation.js";
import { loadRunInputs } from "../pipeline/inputs.js";
import { itemError, type OfflineItemResult } from "../pipeline/offline-protocol.js";
import { outputPaths } from "../pipeline/output-paths.js";
import { executeShipped } from "../pipeline/shipped-items.js";
import type { UsageTotals } from "../scheduler/usage.js";
import { JobCapture } from "./job-capture.js";
import {
  DEFAULT_QUEUE,
  type ItemJobData,
  type ItemJobResult,
  isQueueName,
  KEY_PREFIX,
  PROTOCOL,
  queueBase,
} from "./job-protocol.js";
import { closeRedis, connectRedis, redisTarget } from "./redis-connection.js";
import { RedisGate } from "./redis-gate.js";
import { loadRedisModules } from "./redis-modules.js";

export interface WorkerOptions {
  /** The coordinator's Redis. */
  url: string;
  queue?: string | undefined;
  /** The run's config (the same file the coordinator was given, with this machine's keys). */
  config: Config;
  env: Readonly<Record<string, string | undefined>>;
  /** This worker's name in reports and its cache file's name (default: host-pid). */
  name?: string | undefined;
  /** Where its response cache and usage records go (default: the config's output directory). */
  out?: string | undefined;
  /**
   * How long a job stays locked by this worker without renewal (default 30 s): when the worker is
   * killed, its jobs go to another worker after about this long.
   */
  lockMs?: number | undefined;
  events?: EventSink | undefined;
  /** Stops the worker: the items it holds are interrupted and go back to the queue. */
  signal?: AbortSignal | undefined;
}

/** What a worker did, when it stops. */
export interface WorkerSummary {
  name: string;
  items: number;
  failed: number;
  usage: UsageTotals;
}

/** Errors after which this worker must not take more items (its key, its endpoint, its disk, a bug). */
const WORKER_FATAL = new Set(["PROVIDER_AUTH", "PROVIDER_UNREACHABLE", "IO", "INTERNAL", "BACKEND"]);

/**
 * `personasynth worker`: executes the items a coordinator enqueued, until stopped. Each job is one
 * plan item; the worker runs it with the same code as an in-process run (pipeline/shipped-items.ts)
 * under its own limits (`--concurrency` calls in flight) and the limits shared through Redis, then
 * returns its records, every answer its calls used and their accounting. A job made with another
 * generation (a different config) is put back and the worker stops with one line saying so; so it
 * does when its own key or endpoint fails, leaving the job to the other workers.
 */
export async function runWorker(options: WorkerOptions): Promise<WorkerSummary> {
  const queue = options.queue ?? DEFAULT_QUEUE;
  if (!isQueueName(queue))
    throw new BackendError(`queue name "${queue}" is not usable`, {
      hint: "use letters, digits, - and _ (at most 64)",
    });
  const events = options.events ?? ignoreEvents;
  const target = redisTarget(options.url);
  const config = options.config;
  const name = options.name ?? `${hostname()}-${process.pid}`;
  const generation = generationFingerprint(config);
  const inputs = loadRunInputs(config);
  const runSeed = config.experiment.seed;
  const modules = await loadRedisModules();
  const redis = await connectRedis(modules, target, events, `worker ${name}`);
  const stop = new AbortController();
  let stoppedBy: PersonasynthError | undefined;
  const stopWith = (error: PersonasynthError | undefined) => {
    stoppedBy ??= error;
    stop.abort();
  };
  options.signal?.addEventListener("abort", () => stopWith(undefined), { once: true });

  const paths = outputPaths(config, options.out);
  const capture = new JobCapture();
  const usage = capture.usage(config.llm.prices, join(paths.usage, `worker-${name}.jsonl`));
  const gate = await RedisGate.open(redis, { base: queueBase(queue), events });
  let llm: LlmService | undefined;
  const summary: WorkerSummary = { name, items: 0, failed: 0, usage: usage.totals() };
  try {
    llm = new LlmService({
      config,
      env: options.env,
      runSeed,
      usage,
      cache: config.llm.cache.enabled
        ? capture.cache(join(dirname(paths.cache), `worker-${name}.sqlite`))
        : undefined,
      gate,
      events,
    });
    const service = llm;
    const lockMs = options.lockMs ?? 30_000;
    const worker = new modules.bullmq.Worker(
      queue,
      async (job: Job<ItemJobData>, token?: string) => {
        const refusal = refuse(job.data, generation);
        if (refusal) {
          stopWith(refusal);
          return putBack(job, token, modules.bullmq.WaitingError);
        }
        const { value, captured } = await capture.run(() =>
          executeShipped(job.data.batch, {
            config,
            generation,
            inputs,
            runSeed,
            llm: service,
            signal: stop.signal,
          }),
        );
        const outcome = value[0] as OfflineItemResult;
        if (!outcome.ok && (stop.signal.aborted || WORKER_FATAL.has(outcome.error.code))) {
          // Not this item's fault: another worker (or this one, restarted) takes it.
          if (outcome.error.code !== "INTERRUPTED") stopWith(itemError(outcome));
          return putBack(job, token, modules.bullmq.WaitingError);
        }
        summary.items++;
        if (!outcome.ok) summary.failed++;
        const result: ItemJobResult = {
          protocol: PROTOCOL,
          generation,
          worker: name,
          outcome,
          answers: [...captured.answers],
          usage: captured.usage,
          offline: [...captured.offline].map(([key, calls]) => {
            const [stage, model] = key.split("\n") as [string, string];
            return [stage, model, calls];
          }),
        };
        return result;
      },
      {
        connection: redis,
        prefix: KEY_PREFIX,
        // Items open at once: several per call slot, as in an in-process run (pipeline window).
        concurrency: Math.min(4096, Math.max(16, service.concurrency.total * 4)),
        lockDuration: lockMs,
        stalledInterval: Math.max(1000, Math.floor(lockMs / 2)),
        // A job whose worker died twice is reported as failed rather than killing a third.
        maxStalledCount: 2,
        name,
      },
    );
    worker.on("error", () => undefined);
    events({
      type: "info",
      message: `worker ${name}: taking items of queue "${queue}" at ${target.label} (generation ${generation}, ${service.concurrency.total} calls in flight at most)`,
    });
    await new Promise<void>((resolve) => {
      if (stop.signal.aborted) resolve();
      else stop.signal.addEventListener("abort", () => resolve(), { once: true });
    });
    // Jobs in hand were interrupted by the abort and put back; wait for them to be handed over.
    await worker.close();
  } finally {
    await llm?.close();
    await gate.close();
    await closeRedis(redis);
  }
  summary.usage = usage.totals();
  if (stoppedBy) throw stoppedBy;
  return summary;
}

/** Why this worker must not run a job, if it must not. */
function refuse(data: ItemJobData, generation: string): PersonasynthError | undefined {
  if (data.protocol !== PROTOCOL)
    return new BackendError(
      `the run's items were enqueued by another version of personasynth (protocol ${data.protocol}, this worker speaks ${PROTOCOL})`,
      { hint: "run the same personasynth version on the coordinator and every worker" },
    );
  if (data.generation !== generation)
    return new BackendError(
      `this worker's config makes generation ${generation}, but plan ${data.plan_id} on this queue is generation ${data.generation}: it would make other data`,
      {
        hint: "start the worker with the coordinator's config and input files (keys, base URLs and limits may differ)",
      },
    );
  return undefined;
}

/** Gives a job back to the queue (another worker takes it); never a failure of the job. */
async function putBack(
  job: Job<ItemJobData>,
  token: string | undefined,
  WaitingError: new () => Error,
): Promise<never> {
  await job.moveToWait(token);
  throw new WaitingError();
}
