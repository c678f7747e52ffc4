/**
 * Every call the scheduler ends, answered, served from the cache or failed, becomes one usage record
 * (tokens of every attempt and repair, latency, attempts, cost); the run's budget is checked against
 * what those records cost before each attempt. Apart from scheduler.ts so that the record's shape and
 * the budget rule sit in one place, next to nothing else.
 */
import type { Config } from "../config/schema.js";
import { BudgetExceededError } from "../errors.js";
import type { Usage } from "../llm/types.js";
import type { Redact } from "./call-failures.js";
import type { ScheduledCall } from "./scheduled-call.js";
import type { TokenCounts, UsageTracker } from "./usage.js";

/** How one call ended, as accounted. */
export interface CallEnd {
  tokens: TokenCounts;
  attempts: number;
  latencyMs: number;
  cacheHit: boolean;
  ok: boolean;
  error?: unknown;
  /** Served as a line of a provider batch (billed at the batch price). */
  batch?: boolean;
}

export class CallAccounting {
  constructor(
    private readonly usage: UsageTracker,
    /** Read at every check: the budget is the config's. */
    private readonly llm: Config["llm"],
    private readonly redact: Redact,
  ) {}

  /** Throws once the run has spent its budget (llm.budget_usd), before another attempt is sent. */
  checkBudget(): void {
    const budget = this.llm.budget_usd;
    if (budget !== undefined && this.usage.spentUsd >= budget) {
      throw new BudgetExceededError(
        `budget of $${budget} reached ($${this.usage.spentUsd.toFixed(4)} spent)`,
        {
          hint: "raise llm.budget_usd and rerun the same command to continue",
        },
      );
    }
  }

  /** Records one call of `provider` (its configured name). */
  record(call: ScheduledCall, provider: string, end: CallEnd): void {
    const { tokens, cacheHit, error } = end;
    const batch = end.batch ?? false;
    this.usage.record({
      item_id: call.itemId,
      stage: call.stage,
      operation: call.operation,
      provider,
      model: call.request.model,
      input_tokens: tokens.input,
      output_tokens: tokens.output,
      cached_input_tokens: tokens.cachedInput ?? 0,
      cache_write_tokens: tokens.cacheWrite ?? 0,
      latency_ms: Math.round(end.latencyMs),
      attempts: end.attempts,
      cache_hit: cacheHit,
      ...(batch ? { batch: true } : {}),
      cost_usd: cacheHit ? 0 : this.usage.cost(provider, call.request.model, tokens, batch),
      ok: end.ok,
      ...(error === undefined
        ? {}
        : { error: this.redact(error instanceof Error ? error.message : String(error)) }),
    });
  }
}

/** A cached answer's usage as priced (a cache hit is recorded with it, at no cost). */
export function tokensOf(usage: Usage): TokenCounts {
  return {
    input: usage.inputTokens,
    output: usage.outputTokens,
    cachedInput: usage.cachedInputTokens ?? 0,
    cacheWrite: usage.cacheWriteTokens ?? 0,
  };
}

/** Adds one attempt's usage (a repaired call is billed for every answer it got). */
export function addUsage(into: Required<TokenCounts>, usage: Usage): void {
  into.input += usage.inputTokens;
  into.output += usage.outputTokens;
  into.cachedInput += usage.cachedInputTokens ?? 0;
  into.cacheWrite += usage.cacheWriteTokens ?? 0;
}
