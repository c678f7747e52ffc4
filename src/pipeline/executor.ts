import { InterruptedError, PersonasynthError } from "../errors.js";
import { isFatal } from "./system-prompts.js";

/** An item that failed, with the reason (kept, counted, reported; retried by the next run). */
export interface ItemFailure {
  item_id: string;
  reason: string;
  code: string;
}

export interface ExecutorOptions<I, R> {
  /**
   * The items, in commit order. The executor takes the array over: each entry is cleared once its
   * result is committed, so a long run does not keep every finished item alive (pass a copy to keep
   * them).
   */
  items: I[];
  idOf: (item: I) => string;
  /** Runs one item; `priority` maps the calls an item still has ahead to a scheduler priority. */
  run: (item: I) => Promise<R | undefined>;
  /** Stores a finished result; called in item order (see below). */
  commit: (item: I, result: R) => Promise<void>;
  /** Items open at once: several times the call slots, so a freed slot is taken immediately. */
  window: number;
  signal?: AbortSignal | undefined;
  onSettled?: (item: I, outcome: { ok: true } | { ok: false; failure: ItemFailure }) => void;
}

export interface ExecutorResult {
  done: number;
  failures: ItemFailure[];
  /** The error that stopped the run early (budget, auth, interrupt, a dead endpoint), if any. */
  stoppedBy: unknown;
}

/** How many consecutive failures with the same code, before any success, mean the endpoint is down. */
const BREAKER = 8;

/**
 * Runs items concurrently (at most `window` open) and commits their results in item order: a
 * finished item waits until every earlier one is stored or has failed. The store therefore holds a
 * prefix of the plan (plus failures), so it — and every export of it — is byte-identical whatever the
 * concurrency, and an interrupted run loses only unstored results, whose calls replay from the cache.
 * A fatal error (auth, budget, interrupt) or an endpoint that fails every call stops new items; the
 * items already open finish first.
 */
export async function executeInOrder<I, R>(options: ExecutorOptions<I, R>): Promise<ExecutorResult> {
  const { items, window } = options;
  // Finished results wait for their predecessors; this bounds how many may wait.
  const maxAhead = window * 8;
  const finished = new Map<number, R | undefined>();
  const failures: ItemFailure[] = [];
  let started = 0;
  let flushed = 0;
  let active = 0;
  let done = 0;
  let successes = 0;
  let streak = { code: "", count: 0 };
  let stoppedBy: unknown;
  let committing: Promise<void> = Promise.resolve();

  // Commits are issued in order without waiting for each to be durable: the store writes the
  // records of one turn with one write and one fsync (group commit), in the order they were issued.
  // One pass waits at a time: an item settling while a pass is queued is committed by that pass.
  // (A pass per settled item queued one promise chain link per item behind each fsync: 94,000
  // pending links, most of them empty, at 95,000 of 100,000 offline conversations.)
  let queued: Promise<void> | undefined;
  const flush = (): Promise<void> => {
    if (queued) return queued;
    committing = committing.then(async () => {
      queued = undefined;
      const pending: Array<Promise<void>> = [];
      while (flushed < started && finished.has(flushed)) {
        const result = finished.get(flushed);
        finished.delete(flushed);
        const item = items[flushed] as I;
        (items as Array<I | undefined>)[flushed] = undefined;
        flushed++;
        if (result !== undefined) pending.push(options.commit(item, result));
      }
      await Promise.all(pending);
    });
    queued = committing;
    return committing;
  };

  await new Promise<void>((resolve) => {
    const pump = () => {
      // The stop is an interruption whatever the signal's reason (an AbortController's default is a
      // DOMException): items that never see the signal (offline workers) must still end the run as one.
      if (stoppedBy === undefined && options.signal?.aborted) {
        const reason: unknown = options.signal.reason;
        stoppedBy = reason instanceof PersonasynthError ? reason : new InterruptedError();
      }
      while (
        stoppedBy === undefined &&
        active < window &&
        started < items.length &&
        started - flushed < maxAhead
      ) {
        const index = started++;
        active++;
        void launch(items[index] as I, index);
      }
      if (active === 0 && (stoppedBy !== undefined || started >= items.length)) resolve();
    };

    const launch = async (item: I, index: number) => {
      let outcome: { ok: true } | { ok: false; failure: ItemFailure };
      try {
        finished.set(index, await options.run(item));
        successes++;
        done++;
        streak = { code: "", count: 0 };
        outcome = { ok: true };
      } catch (error) {
        const failure = failureOf(options.idOf(item), error);
        if (isFatal(error)) {
          stoppedBy ??= error;
        } else {
          // Recorded as failed, and its slot in the commit order is released.
          finished.set(index, undefined);
          failures.push(failure);
          streak =
            streak.code === failure.code
              ? { code: failure.code, count: streak.count + 1 }
              : { code: failure.code, count: 1 };
          if (successes === 0 && streak.count >= BREAKER) stoppedBy ??= error;
        }
        outcome = { ok: false, failure };
      }
      options.onSettled?.(item, outcome);
      active--;
      pump();
      flush().then(pump, (error: unknown) => {
        stoppedBy ??= error;
        pump();
      });
    };

    pump();
  });
  await flush();
  return { done, failures, stoppedBy };
}

function failureOf(itemId: string, error: unknown): ItemFailure {
  const message =
    error instanceof PersonasynthError
      ? error.describe()
      : error instanceof Error
        ? error.message
        : String(error);
  const code = error instanceof PersonasynthError ? error.code : "INTERNAL";
  return { item_id: itemId, reason: message, code };
}
