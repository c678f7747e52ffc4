import type { Queue, QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import { BackendError, InterruptedError } from "../errors.js";
import { type EventSink, ignoreEvents } from "../events.js";
import type { CompletionResult } from "../llm/types.js";
import { itemError } from "../pipeline/offline-protocol.js";
import type { PlanItem } from "../pipeline/plan.js";
import { shippedBatch } from "../pipeline/shipped-items.js";
import type { Backend, BackendRun, ItemRunner, StoreResult } from "./backend.js";
import { CoordinatorLock } from "./coordinator-lock.js";
import {
  DEFAULT_QUEUE,
  type ItemJobData,
  type ItemJobResult,
  isQueueName,
  JOB_NAME,
  jobIdOf,
  KEY_PREFIX,
  PROTOCOL,
  queueBase,
} from "./job-protocol.js";
import { storeShipped } from "./local-backend.js";
import { closeRedis, connectRedis, type RedisTarget, redisTarget } from "./redis-connection.js";
import { RedisGate } from "./redis-gate.js";
import { loadRedisModules, type RedisModules } from "./redis-modules.js";

export interface RedisBackendOptions {
  /** redis:// or rediss:// URL of the server the workers use too. */
  url: string;
  /** The queue (default `personasynth`): one run at a time per queue. */
  queue?: string | undefined;
  /** Items enqueued ahead of the results (default 1024): enough to keep every worker busy. */
  window?: number | undefined;
  events?: EventSink | undefined;
}

/** States a job of this run can be found in; a job in none of them was lost (Redis restarted empty). */
const KNOWN_STATES = [
  "wait",
  "active",
  "delayed",
  "prioritized",
  "waiting-children",
  "completed",
  "failed",
] as const;
/** How often the coordinator checks the queue for results whose notice it missed, and lost jobs. */
const RECONCILE_MS = 2000;
/** Jobs waiting this long with nothing finished and no worker connected: the user is told. */
const IDLE_WARNING_MS = 30_000;

/**
 * Connects to Redis and returns the backend of a distributed run: its items become BullMQ jobs
 * (see RedisRunner) executed by `personasynth worker` processes, and its own calls (system prompts)
 * share the workers' limits. Fails with one line when bullmq/ioredis are not installed or Redis
 * does not answer.
 */
export async function redisBackend(
  options: RedisBackendOptions,
): Promise<Backend & { close(): Promise<void> }> {
  const queue = options.queue ?? DEFAULT_QUEUE;
  if (!isQueueName(queue))
    throw new BackendError(`queue name "${queue}" is not usable`, {
      hint: "use letters, digits, - and _ (at most 64)",
    });
  const target = redisTarget(options.url);
  const events = options.events ?? ignoreEvents;
  const modules = await loadRedisModules();
  const redis = await connectRedis(modules, target, events, "coordinator");
  const gate = await RedisGate.open(redis, { base: queueBase(queue), events });
  return {
    gate,
    open: (run) => RedisRunner.start({ modules, redis, target, queue, run, window: options.window ?? 1024 }),
    close: async () => {
      await gate.close();
      await closeRedis(redis);
    },
  };
}

interface Pending {
  item: PlanItem;
  resolve: (result: ItemJobResult) => void;
  reject: (error: unknown) => void;
}

interface RunnerSetup {
  modules: RedisModules;
  redis: Redis;
  target: RedisTarget;
  queue: string;
  run: BackendRun;
  window: number;
}

/**
 * The coordinator's side of a distributed run. Each item is a job whose id is its stable id, so
 * enqueueing it again (a rerun after the coordinator was killed) adds nothing, and a result a worker
 * finished while the coordinator was away is collected from the queue. Results come back through
 * BullMQ's events and a periodic look at the queue (which also re-adds jobs lost with a Redis that
 * restarted empty); each is stored once, in plan order, by the pipeline's executor, then its job is
 * removed. A worker killed mid-item leaves its job locked until BullMQ finds it stalled and gives
 * it to another worker.
 */
class RedisRunner implements ItemRunner {
  readonly where: string;
  readonly window: number;
  private readonly pending = new Map<string, Pending>();
  private toAdd: Array<{ name: string; data: ItemJobData; opts: { jobId: string } }> = [];
  /** Jobs being added now (not in Redis yet, not lost either). */
  private readonly inFlightAdds = new Set<string>();
  /** Jobs to remove before they are added again (they failed in an earlier run). */
  private readonly toRetry = new Set<string>();
  private adding: Promise<void> = Promise.resolve();
  private readonly toRemove = new Set<string>();
  private readonly timer: NodeJS.Timeout;
  private reconciling = false;
  private lastProgress = performance.now();
  private warnedIdle = false;
  private closed = false;

  private constructor(
    private readonly setup: RunnerSetup,
    private readonly queue: Queue,
    private readonly queueEvents: QueueEvents,
    private readonly lock: CoordinatorLock,
    /** Jobs of this queue finished before this run started (collected, or retried when failed). */
    private readonly finishedBefore: { completed: Set<string>; failed: Set<string> },
  ) {
    this.where = ` on the workers of queue "${setup.queue}" at ${setup.target.label}`;
    this.window = setup.window;
    queueEvents.on("completed", ({ jobId, returnvalue }) => this.finished(jobId, returnvalue));
    queueEvents.on("failed", ({ jobId, failedReason }) => this.failed(jobId, failedReason));
    setup.redis.on("ready", () => this.reconcile());
    this.timer = setInterval(() => this.reconcile(), RECONCILE_MS);
    this.timer.unref();
    setup.run.signal?.addEventListener("abort", () => this.interrupt(), { once: true });
  }

  static async start(setup: RunnerSetup): Promise<RedisRunner> {
    const { bullmq } = setup.modules;
    const { run, redis, queue: name } = setup;
    const lock = await CoordinatorLock.take(redis, queueBase(name), {
      plan_id: run.planId,
      generation: run.generation,
      queue: name,
    });
    const queue = new bullmq.Queue(name, {
      connection: redis,
      prefix: KEY_PREFIX,
      // Every result is also written to the events stream: keep it short.
      streams: { events: { maxLen: 1000 } },
      defaultJobOptions: { attempts: 1, removeOnComplete: false, removeOnFail: false },
    });
    queue.on("error", () => undefined);
    const queueEvents = new bullmq.QueueEvents(name, { connection: redis, prefix: KEY_PREFIX });
    queueEvents.on("error", () => undefined);
    await queueEvents.waitUntilReady();
    const [completed, failed] = await Promise.all([
      queue.getRanges(["completed"], 0, -1),
      queue.getRanges(["failed"], 0, -1),
    ]);
    return new RedisRunner(setup, queue, queueEvents, lock, {
      completed: new Set(completed),
      failed: new Set(failed),
    });
  }

  load(): { active: number; waiting: number; limit: number } {
    return this.setup.run.llm.scheduler.load;
  }

  async run(item: PlanItem): Promise<StoreResult | undefined> {
    const { run } = this.setup;
    let result: ItemJobResult;
    try {
      // The persona's system prompt is formulated here, once, and travels with the item.
      const batch = await shippedBatch(0, [item], run.shipping, run.signal);
      result = await this.execute(item, {
        protocol: PROTOCOL,
        generation: run.generation,
        plan_id: run.planId,
        batch,
      });
    } finally {
      run.shipping.systemPrompts?.release(item.persona_id);
    }
    const id = jobIdOf(run.generation, item.item_id);
    const now = Date.now();
    for (const [key, answer] of result.answers)
      run.cache?.put(key, JSON.parse(answer) as CompletionResult, now);
    const account = () => {
      for (const record of result.usage) run.usage.record(record);
      for (const [stage, model, calls] of result.offline) run.usage.countOffline(stage, model, calls);
    };
    if (!result.outcome.ok) {
      account();
      this.removeLater(id);
      throw itemError(result.outcome);
    }
    const store = storeShipped(result.outcome, run);
    return async () => {
      // Accounted once stored: a coordinator killed before this collects the result again on the rerun.
      await store();
      account();
      this.removeLater(id);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    this.interrupt();
    await this.adding;
    await this.removeFinished();
    await this.queueEvents.close();
    await this.queue.close();
    await this.lock.release();
  }

  /** Enqueues the item (unless its job exists) and resolves with its result. */
  private execute(item: PlanItem, data: ItemJobData): Promise<ItemJobResult> {
    const id = jobIdOf(data.generation, item.item_id);
    return new Promise<ItemJobResult>((resolve, reject) => {
      if (this.closed || this.setup.run.signal?.aborted) {
        reject(new InterruptedError());
        return;
      }
      this.pending.set(id, { item, resolve, reject });
      if (this.finishedBefore.completed.delete(id)) {
        void this.collect(id);
        return;
      }
      if (this.finishedBefore.failed.delete(id)) this.toRetry.add(id);
      if (this.toAdd.length === 0) setImmediate(() => this.flushAdds());
      this.toAdd.push({ name: JOB_NAME, data, opts: { jobId: id } });
    });
  }

  /** Adds the jobs of this turn in one call (a job that failed in an earlier run is retried). */
  private flushAdds(): void {
    const jobs = this.toAdd;
    this.toAdd = [];
    if (jobs.length === 0) return;
    const retry = jobs.map((job) => job.opts.jobId).filter((id) => this.toRetry.delete(id));
    for (const job of jobs) this.inFlightAdds.add(job.opts.jobId);
    this.adding = this.adding.then(async () => {
      try {
        await Promise.all(retry.map((id) => this.queue.remove(id)));
        await this.queue.addBulk(jobs);
      } catch (error) {
        // Redis is away: the periodic check adds what is missing once it is back.
        this.setup.run.events({ type: "warning", message: `enqueueing items: ${describe(error)}` });
      } finally {
        for (const job of jobs) this.inFlightAdds.delete(job.opts.jobId);
      }
    });
  }

  private finished(jobId: string, returnvalue: unknown): void {
    if (!this.pending.has(jobId)) return;
    if (isResult(returnvalue)) this.settle(jobId, returnvalue);
    else void this.collect(jobId);
  }

  private failed(jobId: string, reason: string): void {
    const pending = this.pending.get(jobId);
    if (!pending) return;
    this.pending.delete(jobId);
    this.lastProgress = performance.now();
    pending.reject(
      new BackendError(`the workers could not execute this item: ${reason}`, {
        hint: "rerun the same command to retry it",
      }),
    );
  }

  /** Reads a finished job's result from the queue. */
  private async collect(jobId: string): Promise<void> {
    try {
      const job = await this.queue.getJob(jobId);
      if (!job) return; // lost: the periodic check enqueues it again
      if (job.finishedOn && job.failedReason) this.failed(jobId, job.failedReason);
      else if (isResult(job.returnvalue)) this.settle(jobId, job.returnvalue);
    } catch (error) {
      this.setup.run.events({ type: "warning", message: `reading a result: ${describe(error)}` });
    }
  }

  private settle(jobId: string, result: ItemJobResult): void {
    const pending = this.pending.get(jobId);
    if (!pending) return;
    this.pending.delete(jobId);
    this.lastProgress = performance.now();
    this.warnedIdle = false;
    if (result.protocol !== PROTOCOL || result.generation !== this.setup.run.generation) {
      pending.reject(
        new BackendError(
          `worker ${result.worker} returned a result of generation ${result.generation} (protocol ${result.protocol}) for this run of ${this.setup.run.generation}`,
          { hint: "start every worker with the run's config and the same personasynth version" },
        ),
      );
      return;
    }
    pending.resolve(result);
  }

  /**
   * Results whose notice was missed (the events stream is short, and a reconnect loses what was
   * sent meanwhile), jobs lost with their Redis (re-added), and no worker in sight (the user is told).
   */
  private async reconcile(): Promise<void> {
    if (this.reconciling || this.closed) return;
    this.reconciling = true;
    try {
      await this.removeFinished();
      if (this.pending.size === 0) return;
      const [completed, failed, present] = await Promise.all([
        this.queue.getRanges(["completed"], 0, -1),
        this.queue.getRanges(["failed"], 0, -1),
        this.queue.getRanges([...KNOWN_STATES], 0, -1),
      ]);
      for (const id of completed) if (this.pending.has(id)) await this.collect(id);
      for (const id of failed) if (this.pending.has(id)) await this.collect(id);
      const known = new Set(present);
      const queued = new Set(this.toAdd.map((job) => job.opts.jobId));
      const lost = [...this.pending.entries()].filter(
        ([id]) => !known.has(id) && !queued.has(id) && !this.inFlightAdds.has(id),
      );
      if (lost.length > 0) await this.reAdd(lost.map(([, pending]) => pending.item));
      await this.warnWhenIdle();
    } catch (error) {
      if (!this.closed)
        this.setup.run.events({ type: "warning", message: `checking the queue: ${describe(error)}` });
    } finally {
      this.reconciling = false;
    }
  }

  /** Jobs Redis no longer has (restarted without its data): enqueued again, with the same ids. */
  private async reAdd(items: PlanItem[]): Promise<void> {
    const { run } = this.setup;
    this.setup.run.events({
      type: "warning",
      message: `${items.length} items are not in the queue (Redis restarted without its data, or was away when they were added): enqueueing them again`,
    });
    for (const item of items) {
      const batch = await shippedBatch(0, [item], run.shipping, run.signal);
      this.toAdd.push({
        name: JOB_NAME,
        data: { protocol: PROTOCOL, generation: run.generation, plan_id: run.planId, batch },
        opts: { jobId: jobIdOf(run.generation, item.item_id) },
      });
    }
    this.flushAdds();
    await this.adding;
  }

  private async warnWhenIdle(): Promise<void> {
    if (this.warnedIdle || performance.now() - this.lastProgress < IDLE_WARNING_MS) return;
    if ((await this.queue.getWorkersCount()) > 0) return;
    this.warnedIdle = true;
    this.setup.run.events({
      type: "warning",
      message: `no worker is connected to queue "${this.setup.queue}" at ${this.setup.target.label}: start one with personasynth worker --redis-url ${this.setup.target.label} --config <this run's config>`,
    });
  }

  private removeLater(jobId: string): void {
    this.toRemove.add(jobId);
  }

  /** Removes the jobs whose results are stored (a killed coordinator leaves a few: harmless). */
  private async removeFinished(): Promise<void> {
    const ids = [...this.toRemove];
    this.toRemove.clear();
    await Promise.all(ids.map((id) => this.queue.remove(id).catch(() => 0)));
  }

  /** Ctrl-C: every item waiting for a worker stops now (its job stays queued for the rerun). */
  private interrupt(): void {
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      pending.reject(new InterruptedError());
    }
  }
}

function isResult(value: unknown): value is ItemJobResult {
  return typeof value === "object" && value !== null && "outcome" in value && "protocol" in value;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
