import type { Config } from "../config/schema.js";
import { BudgetExceededError, InterruptedError, ProviderError } from "../errors.js";
import type { BatchApi, LineOutcome } from "../llm/batch/batch-api.js";
import type { ResolvedProvider } from "../llm/providers.js";
import { TransportError } from "../llm/transport-error.js";
import {
  Cancellation,
  type CompletionRequest,
  type CompletionResult,
  type LlmClient,
  type Usage,
} from "../llm/types.js";
import { createRng, type Rng, type RunSeed } from "../rng/random.js";
import { AbortableWaits } from "./abortable-waits.js";
import { retryDelay } from "./backoff.js";
import { BatchJournal } from "./batch-journal.js";
import { type BatchProgress, BatchRounds } from "./batch-rounds.js";
import { type CallGate, type GatePass, type SharedLimits, sharesNothing } from "./call-gate.js";
import { CallSlots, type Lane, type SlotLimits } from "./call-slots.js";
import { declaredEndpointLimits } from "./concurrency-plan.js";
import { LatencyTracker } from "./latency-tracker.js";
import { RateBudget } from "./rate-budget.js";
import { cacheKey, type ResponseCache } from "./response-cache.js";
import type { TokenCounts, UsageTracker } from "./usage.js";

/** The verdict on a well-formed answer: accept it, or send it back with feedback. */
export type Acceptance = { ok: true } | { ok: false; feedback: string };

/** One model call as the pipeline asks for it. */
export interface ScheduledCall {
  /** The work item this call belongs to (usage records, seeds). */
  itemId: string;
  stage: string;
  operation: string;
  provider: string;
  request: Omit<CompletionRequest, "signal">;
  /** Which of several wanted samples of the same request this is (part of the cache key). */
  sampleIndex?: number;
  /** Higher runs first when calls queue for a slot. */
  priority?: number;
  signal?: AbortSignal;
  /** Checks an answer (JSON shape, length, refusal); a rejection is fed back to the model. */
  accept?: (result: CompletionResult) => Acceptance;
}

export interface CallOutcome {
  result: CompletionResult;
  cacheHit: boolean;
  attempts: number;
}

interface KeyState {
  provider: ResolvedProvider;
  client: LlmClient;
  lane: Lane;
  /** Calls go through the provider's batch API. */
  batch: boolean;
  rate: RateBudget;
  latency: LatencyTracker;
  /** What this model's calls count against across processes, when a gate is set and limits declared. */
  shared: SharedLimits | undefined;
}

interface InFlight {
  started: number;
  attempt: number;
  cancel: Cancellation;
  latency: LatencyTracker;
  hardTimeoutMs: number;
  timedOut: boolean;
  /** The caller's signal (Ctrl-C), shared by many calls. */
  callSignal: AbortSignal | undefined;
  /** Fires at the call's deadline. */
  timer?: NodeJS.Timeout | undefined;
}

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
 * endpoint adaptively, a model with its own limit; see CallSlots); per provider+model: request/token budgets, an adaptive per-call timeout under a hard one; retries on
 * 429, 5xx, resets, truncated or unparseable bodies, empty answers and timeouts, with jittered
 * exponential backoff honouring Retry-After; answers the caller rejects are sent back with the reason a
 * bounded number of times. Every successful call is cached; every call is accounted.
 */
export class Scheduler {
  private readonly keys = new Map<string, KeyState>();
  private readonly inFlight = new Set<InFlight>();
  private readonly now: () => number;
  private readonly jitter: Rng;
  private readonly secrets: string[];
  /** Base URLs that have answered at least once: a connection refused there is worth retrying. */
  private readonly answered = new Set<string>();
  /** Backoff and rate waits; an abort of the caller's signal also cancels its calls in flight. */
  private readonly waits = new AbortableWaits((signal) => {
    for (const f of this.inFlight) if (f.callSignal === signal) f.cancel.cancel();
  });
  private readonly slots: CallSlots;
  private readonly rounds: BatchRounds | undefined;
  private readonly journal: BatchJournal | undefined;
  private retries = 0;
  private rateLimited = 0;

  constructor(private readonly options: SchedulerOptions) {
    this.now = options.now ?? (() => performance.now());
    this.jitter = createRng(options.runSeed, "scheduler", "retry-jitter");
    this.secrets = [...options.providers.values()].flatMap((p) => (p.apiKey ? [p.apiKey] : []));
    this.slots = new CallSlots(options.limits);
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
    const state = this.stateFor(call.provider, call.request.model);
    const key = this.options.cache
      ? cacheKey({
          provider: state.provider.type,
          baseUrl: state.provider.baseUrl,
          model: call.request.model,
          messages: call.request.messages,
          params: call.request.params,
          schema: call.request.schema ?? null,
          sampleIndex: call.sampleIndex ?? 0,
        })
      : undefined;
    const cached = key === undefined ? undefined : this.options.cache?.get(key);
    if (cached && (!call.accept || call.accept(cached).ok)) {
      this.account(call, state, tokensOf(cached.usage), 0, 0, true, true);
      return { result: cached, cacheHit: true, attempts: 0 };
    }

    const started = this.now();
    let attempts = 0;
    const tokens: Required<TokenCounts> = { input: 0, output: 0, cachedInput: 0, cacheWrite: 0 };
    let messages = call.request.messages;
    const maxRepairs = this.options.llm.max_repair_attempts;
    try {
      for (let repair = 0; ; repair++) {
        const request = { ...call.request, messages };
        const outcome = await this.withRetries(call, state, request, () => attempts++);
        addUsage(tokens, outcome.usage);
        const verdict = call.accept ? call.accept(outcome) : ({ ok: true } as const);
        if (verdict.ok) {
          if (key !== undefined) this.options.cache?.put(key, outcome, Date.now());
          this.account(
            call,
            state,
            tokens,
            attempts,
            this.now() - started,
            false,
            true,
            undefined,
            state.batch,
          );
          return { result: outcome, cacheHit: false, attempts };
        }
        if (repair >= maxRepairs) {
          throw new ProviderError(
            `${call.operation}: answer rejected after ${repair + 1} tries: ${verdict.feedback}`,
            {
              where: `${call.provider}/${call.request.model}`,
            },
          );
        }
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
      this.account(call, state, tokens, attempts, this.now() - started, false, false, error);
      throw error;
    }
  }

  /**
   * One request, retried on transient failures: sent in realtime through the call slots, or as a line
   * of a provider batch (see BatchRounds), in which case a retry goes in a later round.
   */
  private async withRetries(
    call: ScheduledCall,
    state: KeyState,
    request: Omit<CompletionRequest, "signal">,
    countAttempt: () => void,
  ): Promise<CompletionResult> {
    const maxAttempts = this.options.llm.max_attempts;
    const send = state.batch ? this.batchLine(call, state, request) : this.realtime(call, state, request);
    let last: TransportError | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      this.checkBudget();
      if (call.signal?.aborted) throw new InterruptedError();
      countAttempt();
      const outcome = await send(attempt);
      if (outcome.ok) return outcome.result;
      last = outcome.error;
      if (last.kind === "aborted") throw new InterruptedError();
      if (!last.retryable) throw this.fatal(last, call);
      if (attempt < maxAttempts) {
        this.retries++;
        await this.pause(retryDelay(attempt, this.jitter, last.retryAfterMs), call.signal);
      }
    }
    throw new ProviderError(
      `${call.operation}: gave up after ${maxAttempts} ${state.batch ? "batch rounds" : "attempts"}: ${this.redact(last?.message ?? "unknown error")}`,
      { where: `${call.provider}/${call.request.model}`, hint: hintFor(last) },
    );
  }

  /** One realtime attempt: a slot at every level, a deadline, the HTTP call. */
  private realtime(
    call: ScheduledCall,
    state: KeyState,
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
      const flight: InFlight = {
        started: this.now(),
        attempt,
        cancel: new Cancellation(),
        latency: state.latency,
        hardTimeoutMs: state.provider.timeoutMs ?? this.options.llm.timeout_ms,
        timedOut: false,
        callSignal: call.signal,
      };
      this.track(flight);
      try {
        const result = await state.client.complete({ ...request, signal: flight.cancel });
        this.answered.add(state.provider.baseUrl);
        // The first calls ran under the hard timeout only: now that the model's usual latency is
        // known, bring their deadlines in.
        if (state.latency.record(this.now() - flight.started)) this.rearm(state.latency);
        this.slots.onSuccess(permit);
        usedTokens = result.usage.inputTokens + result.usage.outputTokens;
        state.rate.correct(estimate, usedTokens);
        return { ok: true, result };
      } catch (error) {
        const failure = this.classify(error, flight, call.signal);
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
        this.untrack(flight);
        pass?.leave(usedTokens);
        this.slots.release(permit);
      }
    };
  }

  /** One attempt as a batch line; its custom id is the request's cache key. */
  private batchLine(
    call: ScheduledCall,
    state: KeyState,
    request: Omit<CompletionRequest, "signal">,
  ): () => Promise<LineOutcome> {
    const rounds = this.rounds as BatchRounds;
    const customId = cacheKey({
      provider: state.provider.type,
      baseUrl: state.provider.baseUrl,
      model: request.model,
      messages: request.messages,
      params: request.params,
      schema: request.schema ?? null,
      sampleIndex: call.sampleIndex ?? 0,
    });
    return async () => {
      try {
        return await rounds.run(state.provider.name, { customId, request }, call.signal);
      } catch (error) {
        if (error instanceof InterruptedError) throw error;
        return { ok: false, error: this.classify(error, undefined, call.signal) };
      }
    };
  }

  private classify(
    error: unknown,
    flight: InFlight | undefined,
    callerSignal: AbortSignal | undefined,
  ): TransportError {
    if (flight?.timedOut)
      return new TransportError("timeout", `no answer within ${Math.round(this.now() - flight.started)} ms`);
    if (error instanceof TransportError) {
      if (error.kind === "aborted" && !callerSignal?.aborted)
        return new TransportError("timeout", "cancelled");
      return error;
    }
    return new TransportError("unparseable", error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }

  private fatal(error: TransportError, call: ScheduledCall): ProviderError {
    const auth = error.kind === "auth";
    return new ProviderError(`${call.operation}: ${this.redact(error.message)}`, {
      code: auth ? "PROVIDER_AUTH" : "PROVIDER",
      where: `${call.provider}/${call.request.model}`,
      ...(error.status === undefined ? {} : { status: error.status }),
      hint: auth
        ? "check the API key for this provider"
        : "the provider rejected the request; check the model name and parameters",
    });
  }

  private checkBudget(): void {
    const budget = this.options.llm.budget_usd;
    if (budget !== undefined && this.options.usage.spentUsd >= budget) {
      throw new BudgetExceededError(
        `budget of $${budget} reached ($${this.options.usage.spentUsd.toFixed(4)} spent)`,
        {
          hint: "raise llm.budget_usd and rerun the same command to continue",
        },
      );
    }
  }

  private account(
    call: ScheduledCall,
    state: KeyState,
    tokens: TokenCounts,
    attempts: number,
    latencyMs: number,
    cacheHit: boolean,
    ok: boolean,
    error?: unknown,
    batch = false,
  ): void {
    this.options.usage.record({
      item_id: call.itemId,
      stage: call.stage,
      operation: call.operation,
      provider: state.provider.name,
      model: call.request.model,
      input_tokens: tokens.input,
      output_tokens: tokens.output,
      cached_input_tokens: tokens.cachedInput ?? 0,
      cache_write_tokens: tokens.cacheWrite ?? 0,
      latency_ms: Math.round(latencyMs),
      attempts,
      cache_hit: cacheHit,
      ...(batch ? { batch: true } : {}),
      cost_usd: cacheHit
        ? 0
        : this.options.usage.cost(state.provider.name, call.request.model, tokens, batch),
      ok,
      ...(error === undefined
        ? {}
        : { error: this.redact(error instanceof Error ? error.message : String(error)) }),
    });
  }

  /** Removes every configured API key from a text that may reach a log or an error. */
  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) if (secret.length >= 4) out = out.split(secret).join("[redacted]");
    return out;
  }

  private stateFor(providerName: string, model: string): KeyState {
    const id = `${providerName}/${model}`;
    let state = this.keys.get(id);
    if (!state) {
      const provider = this.options.providers.get(providerName);
      const client = this.options.clients.get(providerName);
      if (!provider || !client)
        throw new ProviderError(`provider "${providerName}" is not configured`, { code: "PROVIDER_AUTH" });
      state = {
        provider,
        client,
        lane: this.slots.lane(provider.endpoint, model, provider.modelConcurrency[model]),
        batch: provider.batch && this.rounds !== undefined,
        rate: new RateBudget(provider.requestsPerMinute, provider.tokensPerMinute, () => Date.now()),
        latency: new LatencyTracker(4, 250),
        shared: this.options.gate ? this.sharedLimits(provider, model) : undefined,
      };
      this.keys.set(id, state);
    }
    return state;
  }

  /**
   * The limits a model's calls count against with other processes: the same levels as this
   * process's (its endpoint, its own model limit) where the config declares them, and its rate budget.
   */
  private sharedLimits(provider: ResolvedProvider, model: string): SharedLimits | undefined {
    const levels: Array<{ key: string; limit: number }> = [];
    const endpointLimit = declaredEndpointLimits(this.options.providers).get(provider.endpoint);
    if (endpointLimit !== undefined) levels.push({ key: provider.endpoint, limit: endpointLimit });
    const modelLimit = provider.modelConcurrency[model];
    if (modelLimit !== undefined) levels.push({ key: `${provider.endpoint}\n${model}`, limit: modelLimit });
    const { requestsPerMinute: rpm, tokensPerMinute: tpm } = provider;
    const rate =
      rpm === undefined && tpm === undefined ? undefined : { key: `${provider.name}/${model}`, rpm, tpm };
    const limits = { levels, rate };
    return sharesNothing(limits) ? undefined : limits;
  }

  private track(flight: InFlight): void {
    this.inFlight.add(flight);
    if (flight.callSignal) this.waits.watch(flight.callSignal);
    this.arm(flight);
  }

  /** Waits `ms`; an abort of `signal` ends the wait with an InterruptedError. */
  private pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return this.waits.pause(ms, signal);
  }

  private untrack(flight: InFlight): void {
    this.inFlight.delete(flight);
    clearTimeout(flight.timer);
  }

  /**
   * A timer per call at its deadline (not a periodic sweep: a 20 ms watchdog woke an idle process
   * 50 times a second, which cost more CPU per call than the rest of the scheduler at 200 ms calls).
   */
  private arm(flight: InFlight): void {
    const wait = flight.started + this.limitOf(flight) - this.now();
    flight.timer = setTimeout(() => this.expire(flight), Math.max(1, Math.ceil(wait)));
    flight.timer.unref();
  }

  private rearm(latency: LatencyTracker): void {
    for (const flight of this.inFlight) {
      if (flight.latency !== latency || flight.timedOut) continue;
      clearTimeout(flight.timer);
      this.arm(flight);
    }
  }

  /** Cancels a call past its hard timeout or far past what this model usually takes now. */
  private expire(flight: InFlight): void {
    if (!this.inFlight.has(flight) || flight.timedOut) return;
    // The adaptive bound may have grown since the call started: then wait for the new deadline.
    if (this.now() - flight.started <= this.limitOf(flight)) {
      this.arm(flight);
      return;
    }
    flight.timedOut = true;
    flight.cancel.cancel();
  }

  private limitOf(flight: InFlight): number {
    const adaptive = flight.latency.bound(flight.attempt);
    return adaptive === undefined ? flight.hardTimeoutMs : Math.min(adaptive, flight.hardTimeoutMs);
  }

  async close(options: { cancelBatches?: boolean } = {}): Promise<void> {
    for (const flight of this.inFlight) clearTimeout(flight.timer);
    await this.rounds?.close({ cancel: options.cancelBatches ?? false });
    this.journal?.close();
  }
}

/** The endpoint cannot be reached and never could: the URL, where it was set, and the fix. Ends the run. */
function unreachable(provider: ResolvedProvider, error: TransportError): ProviderError {
  const from = provider.baseUrlFrom;
  const setting = /^[A-Z][A-Z0-9_]*$/.test(from) ? `the environment variable ${from}` : from;
  return new ProviderError(
    `cannot reach provider "${provider.name}" at ${provider.baseUrl} (set by ${setting}): ${error.message}`,
    {
      code: "PROVIDER_UNREACHABLE",
      hint: from.startsWith("the default")
        ? "check the network connection, then rerun the same command"
        : `start the server or fix ${from}, then rerun the same command`,
    },
  );
}

function tokensOf(usage: Usage): TokenCounts {
  return {
    input: usage.inputTokens,
    output: usage.outputTokens,
    cachedInput: usage.cachedInputTokens ?? 0,
    cacheWrite: usage.cacheWriteTokens ?? 0,
  };
}

/** Adds one attempt's usage (a repaired call is billed for every answer it got). */
function addUsage(into: Required<TokenCounts>, usage: Usage): void {
  into.input += usage.inputTokens;
  into.output += usage.outputTokens;
  into.cachedInput += usage.cachedInputTokens ?? 0;
  into.cacheWrite += usage.cacheWriteTokens ?? 0;
}

function hintFor(error: TransportError | undefined): string {
  switch (error?.kind) {
    case "unreachable":
    case "network":
      return "the endpoint is unreachable: check base_url and that the server is running";
    case "rate_limited":
      return "the provider keeps rate-limiting: lower providers.<name>.max_concurrency or set requests_per_minute";
    case "timeout":
      return "calls keep timing out: raise llm.timeout_ms or check the server";
    default:
      return "rerun the same command to retry the failed items";
  }
}
