import type { Config } from "../config/schema.js";
import { InterruptedError } from "../errors.js";
import type { BatchApi, LineOutcome } from "../llm/batch/batch-api.js";
import type { ResolvedProvider } from "../llm/providers.js";
import type { TransportError } from "../llm/transport-error.js";
import type { CompletionRequest, CompletionResult, LlmClient } from "../llm/types.js";
import { createRng, type Rng, type RunSeed } from "../rng/random.js";
import { Redactor } from "../util/redact.js";
import { AbortableWaits } from "./abortable-waits.js";
import { retryDelay } from "./backoff.js";
import { BatchJournal } from "./batch-journal.js";
import { type BatchProgress, BatchRounds } from "./batch-rounds.js";
import { addUsage, CallAccounting, type CallEnd, tokensOf } from "./call-accounting.js";
import { CallDeadlines } from "./call-deadlines.js";
import { answerRejected, classifyFailure, gaveUp, rejectedRequest, unreachable } from "./call-failures.js";
import type { CallGate, GatePass } from "./call-gate.js";
import { CallSlots, type SlotLimits } from "./call-slots.js";
import { type ModelState, ModelStates } from "./model-state.js";
import { cacheKey, type ResponseCache } from "./response-cache.js";
import type { CallOutcome, ScheduledCall } from "./scheduled-call.js";
import type { TokenCounts, UsageTracker } from "./usage.js";

export type { Acceptance, CallOutcome, ScheduledCall } from "./scheduled-call.js";

export interface SchedulerOptions {
  providers: ReadonlyMap<string, ResolvedProvider>;
  clients: ReadonlyMap<string, LlmClient>;
  llm: Config["llm"];
  /** The run's total and the endpoints' limits (see concurrency-plan.ts). */
  limits: SlotLimits;
  usage: UsageTracker;
  runSeed: RunSeed;
  cache?: ResponseCache | undefined;
  /** Limits counted with other processes (distributed workers of one run); see call-gate.ts. */
  gate?: CallGate | undefined;
  now?: () => number;
  /** Batch mode: the batch APIs of the providers that use it, and how rounds are run. */
  batch?: {
    apis: ReadonlyMap<string, BatchApi>;
    journal: string | undefined;
    settings: Config["llm"]["batch"];
    onProgress: ((progress: BatchProgress) => void) | undefined;
  };
}

/**
 * The one place calls are limited, timed out and retried. Concurrency in three levels (the run, each
 * endpoint adaptively, a model with its own limit; see CallSlots); per provider+model (ModelStates):
 * request/token budgets, an adaptive per-call timeout under a hard one (CallDeadlines); retries on
 * 429, 5xx, resets, truncated or unparseable bodies, empty answers and timeouts (call-failures.ts), with
 * jittered exponential backoff honouring Retry-After; answers the caller rejects are sent back with the
 * reason a bounded number of times. Every successful call is cached; every call is accounted
 * (CallAccounting).
 */
export class Scheduler {
  private readonly now: () => number;
  private readonly jitter: Rng;
  /** Masks the providers' keys in the errors and usage records this scheduler writes. */
  private readonly redactor: Redactor;
  /** Base URLs that have answered at least once: a connection refused there is worth retrying. */
  private readonly answered = new Set<string>();
  private readonly deadlines: CallDeadlines;
  /** Backoff and rate waits; an abort of the caller's signal also cancels its calls in flight. */
  private readonly waits = new AbortableWaits((signal) => this.deadlines.cancelFor(signal));
  private readonly slots: CallSlots;
  private readonly models: ModelStates;
  private readonly accounting: CallAccounting;
  private readonly rounds: BatchRounds | undefined;
  private readonly journal: BatchJournal | undefined;
  private retries = 0;
  private rateLimited = 0;

  constructor(private readonly options: SchedulerOptions) {
    this.now = options.now ?? (() => performance.now());
    this.jitter = createRng(options.runSeed, "scheduler", "retry-jitter");
    this.redactor = new Redactor(
      [...options.providers.values()].flatMap((p) => (p.apiKey ? [p.apiKey] : [])),
    );
    this.deadlines = new CallDeadlines(this.now);
    this.slots = new CallSlots(options.limits);
    this.accounting = new CallAccounting(options.usage, options.llm, (text) => this.redact(text));
    const batch = options.batch;
    this.journal = batch?.journal === undefined ? undefined : new BatchJournal(batch.journal);
    this.rounds = batch
      ? new BatchRounds({
          apis: batch.apis,
          journal: this.journal,
          pollMs: batch.settings.poll_ms,
          maxPollMs: batch.settings.max_poll_ms,
          quietMs: batch.settings.quiet_ms,
          busy: () => this.slots.load.active > 0,
          ...(batch.onProgress ? { onProgress: batch.onProgress } : {}),
        })
      : undefined;
    this.models = new ModelStates(options.providers, options.clients, this.slots, {
      batch: this.rounds !== undefined,
      gate: options.gate !== undefined,
    });
  }

  /** Batch mode's progress, when some provider uses it. */
  get batchProgress(): BatchProgress | undefined {
    return this.rounds?.progress;
  }

  /** Calls in flight and waiting for the whole run, and how many may be in flight now. */
  get load(): { active: number; waiting: number; limit: number } {
    return this.slots.load;
  }

  /** Attempts sent again after a failure, and answers that were 429s, since the start. */
  get trouble(): { retries: number; rateLimited: number } {
    return { retries: this.retries, rateLimited: this.rateLimited };
  }

  async call(call: ScheduledCall): Promise<CallOutcome> {
    const state = this.models.get(call.provider, call.request.model);
    const key = this.options.cache ? requestKey(state.provider, call.request, call.sampleIndex) : undefined;
    const cached = key === undefined ? undefined : this.options.cache?.get(key);
    if (cached && (!call.accept || call.accept(cached).ok)) {
      this.accounting.record(call, state.provider.name, {
        tokens: tokensOf(cached.usage),
        attempts: 0,
        latencyMs: 0,
        cacheHit: true,
        ok: true,
      });
      return { result: cached, cacheHit: true, attempts: 0 };
    }

    const started = this.now();
    let attempts = 0;
    const tokens: Required<TokenCounts> = { input: 0, output: 0, cachedInput: 0, cacheWrite: 0 };
    let messages = call.request.messages;
    const maxRepairs = this.options.llm.max_repair_attempts;
    const account = (end: Pick<CallEnd, "ok" | "error" | "batch">) =>
      this.accounting.record(call, state.provider.name, {
        tokens,
        attempts,
        latencyMs: this.now() - started,
        cacheHit: false,
        ...end,
      });
    try {
      for (let repair = 0; ; repair++) {
        const request = { ...call.request, messages };
        const outcome = await this.withRetries(call, state, request, () => attempts++);
        addUsage(tokens, outcome.usage);
        const verdict = call.accept ? call.accept(outcome) : ({ ok: true } as const);
        if (verdict.ok) {
          if (key !== undefined) this.options.cache?.put(key, outcome, Date.now());
          account({ ok: true, batch: state.batch });
          return { result: outcome, cacheHit: false, attempts };
        }
        if (repair >= maxRepairs) throw answerRejected(call, repair + 1, verdict.feedback);
        messages = [
          ...messages,
          { role: "assistant", content: outcome.text },
          {
            role: "user",
            content: `That answer cannot be used: ${verdict.feedback}. Answer again, correcting this.`,
          },
        ];
      }
    } catch (error) {
      account({ ok: false, error });
      throw error;
    }
  }

  /**
   * One request, retried on transient failures: sent in realtime through the call slots, or as a line
   * of a provider batch (see BatchRounds), in which case a retry goes in a later round.
   */
  private async withRetries(
    call: ScheduledCall,
    state: ModelState,
    request: Omit<CompletionRequest, "signal">,
    countAttempt: () => void,
  ): Promise<CompletionResult> {
    const maxAttempts = this.options.llm.max_attempts;
    const send = state.batch ? this.batchLine(call, state, request) : this.realtime(call, state, request);
    let last: TransportError | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      this.accounting.checkBudget();
      if (call.signal?.aborted) throw new InterruptedError();
      countAttempt();
      const outcome = await send(attempt);
      if (outcome.ok) return outcome.result;
      last = outcome.error;
      if (last.kind === "aborted") throw new InterruptedError();
      if (!last.retryable) throw rejectedRequest(last, call, (text) => this.redact(text));
      if (attempt < maxAttempts) {
        this.retries++;
        await this.pause(retryDelay(attempt, this.jitter, last.retryAfterMs), call.signal);
      }
    }
    throw gaveUp(call, maxAttempts, state.batch, last, (text) => this.redact(text));
  }

  /** One realtime attempt: a slot at every level, a deadline, the HTTP call. */
  private realtime(
    call: ScheduledCall,
    state: ModelState,
    request: Omit<CompletionRequest, "signal">,
  ): (attempt: number) => Promise<LineOutcome> {
    let chars = 0;
    for (const m of request.messages) chars += m.content.length;
    // Charged against tokens/min before the call, corrected with the reported usage after.
    const estimate = Math.ceil(chars / 4) + (request.params.maxTokens ?? 256);
    return async (attempt) => {
      // Without a budget, or with a free slot, nothing is awaited: each await is a trip through the
      // microtask queue on every call.
      if (!state.rate.unlimited) await state.rate.take(estimate, (ms) => this.pause(ms, call.signal));
      const permit =
        this.slots.tryAcquire(state.lane) ?? (await this.slots.acquire(state.lane, call.priority ?? 0));
      if (call.signal?.aborted) {
        // Interrupted while queued: the slot goes back and the call is never sent.
        this.slots.release(permit);
        throw new InterruptedError();
      }
      // The shared limits are taken after this process's slot: a call waiting here holds one of
      // this process's slots, never one another process could use.
      let pass: GatePass | undefined;
      let usedTokens: number | undefined;
      if (state.shared && this.options.gate) {
        try {
          pass = await this.options.gate.enter(state.shared, estimate, call.signal);
        } catch (error) {
          this.slots.release(permit);
          throw error;
        }
      }
      const flight = this.deadlines.start({
        attempt,
        latency: state.latency,
        hardTimeoutMs: state.provider.timeoutMs ?? this.options.llm.timeout_ms,
        callSignal: call.signal,
      });
      if (call.signal) this.waits.watch(call.signal);
      try {
        const result = await state.client.complete({ ...request, signal: flight.cancel });
        this.answered.add(state.provider.baseUrl);
        // The first calls ran under the hard timeout only: now that the model's usual latency is
        // known, bring their deadlines in.
        if (state.latency.record(this.now() - flight.started)) this.deadlines.rearm(state.latency);
        this.slots.onSuccess(permit);
        usedTokens = result.usage.inputTokens + result.usage.outputTokens;
        state.rate.correct(estimate, usedTokens);
        return { ok: true, result };
      } catch (error) {
        const failure = classifyFailure(error, this.deadlines.timedOutAfter(flight), call.signal);
        // Nothing ever answered at this URL: it is wrong or the server is down, and retrying every
        // call with backoff only delays saying so (it took 7.6 s and ten identical lines).
        if (failure.kind === "unreachable" && !this.answered.has(state.provider.baseUrl))
          throw unreachable(state.provider, failure);
        if (failure.kind === "rate_limited") {
          this.rateLimited++;
          this.slots.onRateLimited(permit);
        }
        return { ok: false, error: failure };
      } finally {
        this.deadlines.finish(flight);
        pass?.leave(usedTokens);
        this.slots.release(permit);
      }
    };
  }

  /** One attempt as a batch line; its custom id is the request's cache key. */
  private batchLine(
    call: ScheduledCall,
    state: ModelState,
    request: Omit<CompletionRequest, "signal">,
  ): () => Promise<LineOutcome> {
    const rounds = this.rounds as BatchRounds;
    const customId = requestKey(state.provider, request, call.sampleIndex);
    return async () => {
      try {
        return await rounds.run(state.provider.name, { customId, request }, call.signal);
      } catch (error) {
        if (error instanceof InterruptedError) throw error;
        return { ok: false, error: classifyFailure(error, undefined, call.signal) };
      }
    };
  }

  /** Removes every configured API key from a text that may reach a log or an error. */
  redact(text: string): string {
    return this.redactor.text(text);
  }

  /** Waits `ms`; an abort of `signal` ends the wait with an InterruptedError. */
  private pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return this.waits.pause(ms, signal);
  }

  async close(options: { cancelBatches?: boolean } = {}): Promise<void> {
    this.deadlines.close();
    await this.rounds?.close({ cancel: options.cancelBatches ?? false });
    this.journal?.close();
  }
}

/** The cache key of a request (and a batch line's custom id): the canonical request at its provider. */
function requestKey(
  provider: ResolvedProvider,
  request: Omit<CompletionRequest, "signal">,
  sampleIndex: number | undefined,
): string {
  return cacheKey({
    provider: provider.type,
    baseUrl: provider.baseUrl,
    model: request.model,
    messages: request.messages,
    params: request.params,
    schema: request.schema ?? null,
    sampleIndex: sampleIndex ?? 0,
  });
}
