import { AsyncLocalStorage } from "node:async_hooks";
import type { CompletionResult } from "../llm/types.js";
import { ResponseCache } from "../scheduler/response-cache.js";
import { type PriceTable, type UsageRecord, UsageTracker } from "../scheduler/usage.js";

/** What one job's calls used: the answers (for the coordinator's cache) and their accounting. */
export interface Captured {
  answers: Map<string, string>;
  usage: UsageRecord[];
  offline: Map<string, number>;
}

/**
 * Attributes a worker's calls to the job that made them. Jobs run concurrently on one scheduler
 * and one cache, so the job is found from the async context of the call (AsyncLocalStorage follows
 * it through every await), not passed down through the pipeline's code.
 */
export class JobCapture {
  private readonly context = new AsyncLocalStorage<Captured>();

  /** Runs `work` with everything its calls use recorded in the returned `captured`. */
  async run<T>(work: () => Promise<T>): Promise<{ value: T; captured: Captured }> {
    const captured: Captured = { answers: new Map(), usage: [], offline: new Map() };
    const value = await this.context.run(captured, work);
    return { value, captured };
  }

  /** The job whose call is running now, if any. */
  current(): Captured | undefined {
    return this.context.getStore();
  }

  /** A response cache at `path` whose hits and new answers are recorded for the job that used them. */
  cache(path: string): ResponseCache {
    return new CapturingCache(path, this);
  }

  /** A usage tracker (its records appended to `recordsPath`) whose records also go to their job. */
  usage(prices: PriceTable, recordsPath: string): UsageTracker {
    return new CapturingUsage(prices, recordsPath, this);
  }
}

class CapturingCache extends ResponseCache {
  constructor(
    path: string,
    private readonly capture: JobCapture,
  ) {
    super(path);
  }

  override get(key: string): CompletionResult | undefined {
    const result = super.get(key);
    if (result) this.capture.current()?.answers.set(key, JSON.stringify(result));
    return result;
  }

  override put(key: string, result: CompletionResult, now: number): void {
    super.put(key, result, now);
    this.capture.current()?.answers.set(key, JSON.stringify(result));
  }
}

class CapturingUsage extends UsageTracker {
  constructor(
    prices: PriceTable,
    recordsPath: string,
    private readonly capture: JobCapture,
  ) {
    super(prices, recordsPath);
  }

  override record(record: UsageRecord): void {
    super.record(record);
    this.capture.current()?.usage.push(record);
  }

  override countOffline(stage: string, model: string, calls = 1): void {
    super.countOffline(stage, model, calls);
    const offline = this.capture.current()?.offline;
    if (!offline) return;
    const key = `${stage}\n${model}`;
    offline.set(key, (offline.get(key) ?? 0) + calls);
  }
}
