import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { PersonasynthError } from "../errors.js";
import type { LlmService } from "../llm/llm-service.js";
import type { UsageTracker } from "../scheduler/usage.js";
import type { OfflineBatchResult, OfflineItemResult, OfflineWorkerInit } from "./offline-protocol.js";
import type { PlanItem } from "./plan.js";
import { type ShippingSource, shippedBatch } from "./shipped-items.js";

/** Items per message to a worker: enough to make a message's cost small against the work it carries. */
export const OFFLINE_BATCH = 32;
/** Batches a worker may hold at once: one running, the next ones waiting, so it never idles. */
const BATCHES_AHEAD = 3;
/** Below this many items the workers' start-up (≈100 ms each) costs more than they save. */
const MIN_ITEMS_FOR_WORKERS = 2000;

/** What the main thread holds that a batch needs, and where the workers' offline calls are counted. */
export interface OfflinePoolContext extends ShippingSource {
  usage: UsageTracker;
}

/**
 * How many worker threads an offline run uses: `requested` when given (0 runs items in this thread).
 * By default none on one or two cores: on two, two workers made 100,000 conversations 16% faster
 * (82–86 → 69–72 s) but raised the peak RSS from 273–278 to 470–475 MB (each isolate has its own
 * heap; `npm run bench -- pipeline offline` with BENCH_WORKERS=0 / 2). With four
 * cores or more, one per core but one (the main thread stores and exports), at most four. None either
 * when any call goes to a real provider (those calls wait on the network, which the scheduler already
 * overlaps) or when the run is too small to pay for starting them.
 */
export function offlineWorkerCount(llm: LlmService, items: number, requested?: number): number {
  const allOffline = [...llm.providers.values()].every((p) => p.type === "offline");
  if (!allOffline) return 0;
  if (requested !== undefined) return requested;
  const cores = availableParallelism();
  if (items < MIN_ITEMS_FOR_WORKERS || cores < 4) return 0;
  return Math.min(cores - 1, 4);
}

interface Pending {
  item: PlanItem;
  resolve: (result: OfflineItemResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs plan items of an all-offline run in worker threads. The offline engine is a pure function of
 * the item and the seed, so a worker's records are byte-identical to this thread's; workers return
 * them serialized and the main thread only stores them, in plan order (the executor's job). Items
 * are sent in batches to the worker with the least work queued. A worker that dies fails every item
 * it held, which stops the run (a rerun resumes).
 */
export class OfflinePool {
  private readonly workers: Array<{ worker: Worker; open: Map<number, Pending[]> }> = [];
  private pending: Pending[] = [];
  private scheduled = false;
  private nextBatch = 0;
  private broken: PersonasynthError | undefined;
  private closing = false;

  constructor(
    count: number,
    init: OfflineWorkerInit,
    private readonly context: OfflinePoolContext,
  ) {
    for (let i = 0; i < count; i++) {
      const worker = startWorker(init);
      const entry = { worker, open: new Map<number, Pending[]>() };
      worker.on("message", (result: OfflineBatchResult) => this.settle(entry.open, result));
      worker.on("error", (error) => this.fail(error));
      worker.on("exit", (code) => {
        if (!this.closing) this.fail(new Error(`exited with code ${code}`));
      });
      this.workers.push(entry);
    }
  }

  /** Items a caller should keep open so that no worker waits for work. */
  get window(): number {
    return this.workers.length * BATCHES_AHEAD * OFFLINE_BATCH;
  }

  /** Runs one item; resolves with its outcome (a failed item is an outcome, not a rejection). */
  run(item: PlanItem): Promise<OfflineItemResult> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise<OfflineItemResult>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= OFFLINE_BATCH) this.dispatch();
      else if (!this.scheduled) {
        // Items started in the same turn share a batch; a short last batch goes out on the next turn.
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          if (this.pending.length > 0) this.dispatch();
        });
      }
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    const workers = this.workers.splice(0);
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
  }

  private dispatch(): void {
    const entries = this.pending;
    this.pending = [];
    const target = this.workers.reduce((a, b) => (b.open.size < a.open.size ? b : a));
    const batch = this.nextBatch++;
    target.open.set(batch, entries);
    shippedBatch(
      batch,
      entries.map((e) => e.item),
      this.context,
    ).then(
      (message) => target.worker.postMessage(message),
      (error: unknown) => {
        target.open.delete(batch);
        for (const entry of entries) entry.reject(error);
      },
    );
  }

  private settle(open: Map<number, Pending[]>, result: OfflineBatchResult): void {
    const entries = open.get(result.batch);
    if (!entries) return;
    open.delete(result.batch);
    for (const [stage, model, calls] of result.calls) this.context.usage.countOffline(stage, model, calls);
    for (let i = 0; i < entries.length; i++)
      (entries[i] as Pending).resolve(result.results[i] as OfflineItemResult);
  }

  private fail(cause: unknown): void {
    const message = cause instanceof Error ? cause.message : String(cause);
    this.broken ??= new PersonasynthError("INTERNAL", `an offline worker thread failed: ${message}`, 1, {
      cause,
      hint: "rerun the same command to continue; --workers 0 runs the offline engine in one thread",
    });
    for (const { open } of this.workers) {
      for (const entries of open.values()) for (const entry of entries) entry.reject(this.broken);
      open.clear();
    }
    for (const entry of this.pending.splice(0)) entry.reject(this.broken);
  }
}

/**
 * A worker running offline-worker.js. Under tsx (tests, benches) this module is TypeScript, and a
 * worker does not inherit the parent's `--import tsx` hooks on Node 20: it registers them first.
 */
function startWorker(init: OfflineWorkerInit): Worker {
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./offline-worker.js", import.meta.url), { workerData: init });
  const script = new URL("./offline-worker.ts", import.meta.url).href;
  // Resolved from here: an eval'd worker would resolve a bare name from the current directory.
  const tsx = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: init });
}
