import { InterruptedError } from "../errors.js";
import type { BatchApi, BatchLine, LineOutcome } from "../llm/batch/batch-api.js";
import { TransportError } from "../llm/transport-error.js";
import { sha256Hex } from "../util/hash.js";
import type { BatchJournal } from "./batch-journal.js";

/** Where the batch rounds stand (emitted as the `batch` event). */
export interface BatchProgress {
  /** Rounds submitted so far (a round: every line that was ready, in as few batches as allowed). */
  round: number;
  /** Batches submitted and not yet read. */
  pending_batches: number;
  /** Lines sent in batches so far, and lines whose outcome has been read. */
  lines_submitted: number;
  lines_done: number;
}

export interface BatchRoundsOptions {
  /** The batch API of each provider that runs in batch mode, by provider name. */
  apis: ReadonlyMap<string, BatchApi>;
  journal: BatchJournal | undefined;
  /** First poll this long after a submission, then 1.5× longer each time up to `maxPollMs`. */
  pollMs: number;
  maxPollMs: number;
  /** A round is submitted once no line has been added for this long and `busy()` is false. */
  quietMs: number;
  /** True while calls that may lead to more lines are in flight elsewhere (realtime calls). */
  busy: () => boolean;
  onProgress?: (progress: BatchProgress) => void;
}

interface Waiter {
  resolve: (outcome: LineOutcome) => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
}

/** Consecutive failed polls of one batch before its lines are failed (and sent again). */
const MAX_POLL_FAILURES = 8;

/**
 * Batch mode, in rounds. A conversation is a chain of dependent calls, so its calls cannot all go in
 * one batch: lines wait here until no more can become ready without an answer (no line added for
 * `quietMs`, no realtime call in flight), then every waiting line is submitted — one batch per model
 * where the API wants that, split at its size limits — and polled with backoff. The answers let the
 * conversations make their next calls, which form the next round. A line's outcome goes to every
 * caller of the same request (custom id = cache key); a failed line is the caller's to send again.
 * Submitted batches are journalled, so a rerun after a crash waits for them instead of resubmitting.
 */
export class BatchRounds {
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly queued = new Map<string, Map<string, BatchLine>>();
  /** Lines in a submitted batch: custom id → batch id. */
  private readonly submitted = new Map<string, string>();
  /** Outcomes of re-attached lines no caller has asked for yet. */
  private readonly unclaimed = new Map<string, LineOutcome>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly watched = new WeakSet<AbortSignal>();
  private readonly pendingBatches = new Map<string, { provider: string; api: BatchApi }>();
  /** Submissions under way (close waits for them, so every batch created is journalled and known). */
  private readonly submitting = new Set<Promise<void>>();
  private quiet: NodeJS.Timeout | undefined;
  private lastAdded = 0;
  private closed = false;
  private readonly state: BatchProgress = { round: 0, pending_batches: 0, lines_submitted: 0, lines_done: 0 };

  constructor(private readonly options: BatchRoundsOptions) {
    for (const batch of options.journal?.open.values() ?? []) {
      const api = options.apis.get(batch.provider);
      if (!api) continue;
      for (const key of batch.keys) this.submitted.set(key, batch.id);
      this.track(batch.id, batch.provider, api, batch.keys);
    }
  }

  get progress(): BatchProgress {
    return { ...this.state };
  }

  /** Sends a line in the next round (or waits for the batch that already holds it). */
  run(provider: string, line: BatchLine, signal?: AbortSignal): Promise<LineOutcome> {
    const known = this.unclaimed.get(line.customId);
    if (known) {
      this.unclaimed.delete(line.customId);
      return Promise.resolve(known);
    }
    if (signal?.aborted) return Promise.reject(new InterruptedError());
    return new Promise<LineOutcome>((resolve, reject) => {
      let list = this.waiters.get(line.customId);
      if (!list) {
        list = [];
        this.waiters.set(line.customId, list);
        if (!this.submitted.has(line.customId)) this.enqueue(provider, line);
      }
      list.push({ resolve, reject, signal });
      if (signal) this.watch(signal);
    });
  }

  /** Stops polling. Batches still running stay journalled (a rerun re-attaches), or are cancelled. */
  async close(options: { cancel?: boolean } = {}): Promise<void> {
    this.closed = true;
    if (this.quiet) clearTimeout(this.quiet);
    await Promise.all(this.submitting);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (options.cancel) {
      await Promise.all(
        [...this.pendingBatches].map(async ([id, { api }]) => {
          try {
            await api.cancel(id);
          } catch {
            // Cancelling is a courtesy to the bill: a batch that cannot be cancelled just finishes.
          }
        }),
      );
    }
  }

  private enqueue(provider: string, line: BatchLine): void {
    let lines = this.queued.get(provider);
    if (!lines) {
      lines = new Map();
      this.queued.set(provider, lines);
    }
    lines.set(line.customId, line);
    this.lastAdded = performance.now();
    if (!this.quiet) this.armQuiet(this.options.quietMs);
  }

  private armQuiet(ms: number): void {
    this.quiet = setTimeout(
      () => {
        this.quiet = undefined;
        const wait = this.lastAdded + this.options.quietMs - performance.now();
        if (wait > 1) this.armQuiet(wait);
        else if (this.options.busy()) this.armQuiet(this.options.quietMs);
        else this.flush();
      },
      Math.max(1, Math.ceil(ms)),
    );
  }

  /** Submits every waiting line: one round. */
  private flush(): void {
    if (this.closed || this.queued.size === 0) return;
    this.state.round++;
    for (const [provider, lines] of this.queued) {
      const api = this.options.apis.get(provider);
      if (!api) continue;
      // In id order: a batch's tag is a hash of its lines' ids, and a rerun after a crash finds the
      // batch the killed run created (an intent without an id) only if its round lists the same lines
      // in the same order, while the order calls become ready in varies with load.
      const sorted = [...lines.values()].sort((a, b) =>
        a.customId < b.customId ? -1 : a.customId > b.customId ? 1 : 0,
      );
      for (const chunk of chunks(api, sorted)) {
        const submission = this.submit(provider, api, chunk);
        this.submitting.add(submission);
        void submission.finally(() => this.submitting.delete(submission));
      }
    }
    this.queued.clear();
    this.report();
  }

  private async submit(provider: string, api: BatchApi, lines: Array<{ line: BatchLine; encoded: string }>) {
    const keys = lines.map((l) => l.line.customId);
    const tag = sha256Hex(keys.join(",")).slice(0, 32);
    let id: string | undefined;
    try {
      const journal = this.options.journal;
      // A killed run may have created this very batch without living to write its id down.
      if (journal?.orphanTags.has(tag)) id = await api.find(tag).catch(() => undefined);
      if (id === undefined) {
        journal?.intent(provider, tag);
        id = await api.submit(
          lines.map((l) => l.encoded),
          tag,
        );
      }
      journal?.submitted({ id, provider, tag, keys });
    } catch (error) {
      this.fail(keys, error);
      return;
    }
    for (const key of keys) this.submitted.set(key, id);
    this.state.lines_submitted += keys.length;
    this.track(id, provider, api, keys);
  }

  private track(id: string, provider: string, api: BatchApi, keys: readonly string[]): void {
    this.pendingBatches.set(id, { provider, api });
    this.state.pending_batches = this.pendingBatches.size;
    this.report();
    let delay = this.options.pollMs;
    let failures = 0;
    const poll = async () => {
      try {
        const state = await api.poll(id);
        failures = 0;
        if (state.finished) {
          this.deliver(id, keys, await api.results(id));
          return;
        }
      } catch (error) {
        if (++failures >= MAX_POLL_FAILURES) {
          this.pendingBatches.delete(id);
          for (const key of keys) this.submitted.delete(key);
          this.fail(keys, error);
          return;
        }
      }
      delay = Math.min(this.options.maxPollMs, delay * 1.5);
      schedule();
    };
    const schedule = () => {
      if (this.closed) return;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void poll();
      }, delay);
      this.timers.add(timer);
    };
    schedule();
  }

  private deliver(id: string, keys: readonly string[], results: Map<string, LineOutcome>): void {
    this.pendingBatches.delete(id);
    this.options.journal?.done(id);
    for (const key of keys) {
      this.submitted.delete(key);
      const outcome: LineOutcome = results.get(key) ?? {
        ok: false,
        error: new TransportError("timeout", "the line is missing from the batch's results"),
      };
      this.state.lines_done++;
      const waiters = this.waiters.get(key);
      if (waiters) {
        this.waiters.delete(key);
        for (const waiter of waiters) waiter.resolve(outcome);
      } else if (outcome.ok) {
        this.unclaimed.set(key, outcome);
      }
    }
    this.state.pending_batches = this.pendingBatches.size;
    this.report();
  }

  private fail(keys: readonly string[], error: unknown): void {
    for (const key of keys) {
      const waiters = this.waiters.get(key);
      this.waiters.delete(key);
      for (const waiter of waiters ?? []) waiter.reject(error);
    }
  }

  /** One listener per caller signal (not one per line): an interrupt releases every waiter on it. */
  private watch(signal: AbortSignal): void {
    if (this.watched.has(signal)) return;
    this.watched.add(signal);
    signal.addEventListener(
      "abort",
      () => {
        for (const [key, list] of this.waiters) {
          const left = list.filter((w) => w.signal !== signal);
          for (const w of list) if (w.signal === signal) w.reject(new InterruptedError());
          if (left.length === 0) this.waiters.delete(key);
          else this.waiters.set(key, left);
        }
      },
      { once: true },
    );
  }

  private report(): void {
    this.options.onProgress?.(this.progress);
  }
}

/** Splits lines into batches the API accepts: one model per batch unless it mixes them, size limits. */
function chunks(api: BatchApi, lines: BatchLine[]): Array<Array<{ line: BatchLine; encoded: string }>> {
  const groups = new Map<string, BatchLine[]>();
  for (const line of lines) {
    const key = api.mixesModels ? "" : line.request.model;
    let group = groups.get(key);
    if (!group) {
      group = [];
      groups.set(key, group);
    }
    group.push(line);
  }
  const out: Array<Array<{ line: BatchLine; encoded: string }>> = [];
  for (const group of groups.values()) {
    let current: Array<{ line: BatchLine; encoded: string }> = [];
    let bytes = 0;
    for (const line of group) {
      const encoded = api.encode(line);
      const size = Buffer.byteLength(encoded) + 1;
      if (current.length > 0 && (current.length >= api.maxLines || bytes + size > api.maxBytes)) {
        out.push(current);
        current = [];
        bytes = 0;
      }
      current.push({ line, encoded });
      bytes += size;
    }
    if (current.length > 0) out.push(current);
  }
  return out;
}
