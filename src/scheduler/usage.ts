import { existsSync } from "node:fs";
import { dirname } from "node:path";
import type { Config } from "../config/schema.js";
import { ioError, StoreError } from "../errors.js";
import { makeDirectory } from "../util/make-directory.js";
import { appendSyncNoFollow } from "../util/safe-files.js";

/** One call as accounted: what, where, how many tokens, how long, how many attempts, cached or not. */
export interface UsageRecord {
  item_id: string;
  stage: string;
  operation: string;
  provider: string;
  model: string;
  input_tokens: number;
  output_tokens: number;
  /** Of `input_tokens`, those read from the provider's prompt cache. */
  cached_input_tokens: number;
  /** Of `input_tokens`, those written to the provider's prompt cache (Anthropic). */
  cache_write_tokens: number;
  latency_ms: number;
  attempts: number;
  cache_hit: boolean;
  /** Served as a line of a provider batch (billed at the batch price). */
  batch?: boolean;
  cost_usd: number;
  ok: boolean;
  error?: string;
}

/** The tokens of one call, as priced. */
export interface TokenCounts {
  input: number;
  output: number;
  /** Of `input`, read from the prompt cache. */
  cachedInput?: number;
  /** Of `input`, written to the prompt cache. */
  cacheWrite?: number;
}

/** Totals for one group of calls. */
export interface UsageTotals {
  calls: number;
  api_calls: number;
  cache_hits: number;
  failures: number;
  attempts: number;
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  cached_input_tokens: number;
  cache_write_tokens: number;
  cost_usd: number;
  latency_ms_total: number;
}

function emptyTotals(): UsageTotals {
  return {
    calls: 0,
    api_calls: 0,
    cache_hits: 0,
    failures: 0,
    attempts: 0,
    input_tokens: 0,
    output_tokens: 0,
    total_tokens: 0,
    cached_input_tokens: 0,
    cache_write_tokens: 0,
    cost_usd: 0,
    latency_ms_total: 0,
  };
}

function add(totals: UsageTotals, r: UsageRecord): void {
  totals.calls++;
  if (r.cache_hit) totals.cache_hits++;
  else if (r.provider !== "offline") totals.api_calls++;
  if (!r.ok) totals.failures++;
  totals.attempts += r.attempts;
  totals.input_tokens += r.input_tokens;
  totals.output_tokens += r.output_tokens;
  totals.total_tokens += r.input_tokens + r.output_tokens;
  totals.cached_input_tokens += r.cached_input_tokens;
  totals.cache_write_tokens += r.cache_write_tokens;
  totals.cost_usd += r.cost_usd;
  totals.latency_ms_total += r.latency_ms;
}

/** Per-million-token prices by model id (`provider/model` or bare `model`). */
export type PriceTable = Config["llm"]["prices"];

/**
 * Token and cost accounting by stage (`by_module`, the original tool's word) and by model. Records
 * stream to a JSONL file when one is given (flat memory on big runs); otherwise they are kept.
 */
export class UsageTracker {
  private readonly summary = emptyTotals();
  private readonly byStage = new Map<string, UsageTotals>();
  private readonly byModel = new Map<string, UsageTotals>();
  private readonly kept: UsageRecord[] = [];
  /** Offline calls by stage, then model (offline worker threads report these to the main thread). */
  private readonly offlineSeen = new Map<string, Map<string, number>>();
  private buffer: string[] = [];

  constructor(
    private readonly prices: PriceTable = {},
    /** JSONL file the records are appended to. */
    readonly recordsPath?: string,
    /** Masks secrets in what is recorded (a key interpolated into a model name). */
    private readonly redact: (text: string) => string = (text) => text,
  ) {
    if (recordsPath) {
      try {
        makeDirectory(dirname(recordsPath));
      } catch (error) {
        throw ioError("create the usage directory", dirname(recordsPath), error);
      }
    }
  }

  /**
   * Dollars for these tokens of this model; 0 when no price is configured. Cached input is billed at
   * `cached_input`, cache writes at `cache_write` (each the input price when not set), the rest of
   * the input at `input`; a batch line at `batch_factor` of all of them.
   */
  cost(provider: string, model: string, tokens: TokenCounts, batch = false): number {
    const price = this.prices[`${provider}/${model}`] ?? this.prices[model];
    if (!price) return 0;
    const cached = tokens.cachedInput ?? 0;
    const written = tokens.cacheWrite ?? 0;
    const plain = Math.max(0, tokens.input - cached - written);
    const dollars =
      plain * price.input +
      cached * (price.cached_input ?? price.input) +
      written * (price.cache_write ?? price.input) +
      tokens.output * price.output;
    return (dollars * (batch ? price.batch_factor : 1)) / 1_000_000;
  }

  /** True when some price is configured (dollar figures are meaningful). */
  get priced(): boolean {
    return Object.keys(this.prices).length > 0;
  }

  record(given: UsageRecord): void {
    const record = {
      ...given,
      model: this.redact(given.model),
      ...(given.error === undefined ? {} : { error: this.redact(given.error) }),
    };
    add(this.summary, record);
    add(this.group(this.byStage, record.stage), record);
    add(this.group(this.byModel, `${record.provider}/${record.model}`), record);
    if (this.recordsPath) {
      this.buffer.push(`${JSON.stringify(record)}\n`);
      if (this.buffer.length >= 256) this.flush();
    } else {
      this.kept.push(record);
    }
  }

  /**
   * Counts an offline-engine call in the totals only: it costs nothing and is no API call, and a
   * 100,000-conversation offline run would otherwise write millions of empty records.
   */
  countOffline(stage: string, model: string, calls = 1): void {
    for (const totals of [
      this.summary,
      this.group(this.byStage, stage),
      this.group(this.byModel, `offline/${model}`),
    ]) {
      totals.calls += calls;
      totals.attempts += calls;
    }
    let models = this.offlineSeen.get(stage);
    if (!models) {
      models = new Map();
      this.offlineSeen.set(stage, models);
    }
    models.set(model, (models.get(model) ?? 0) + calls);
  }

  /** The offline calls counted so far, by stage and model, in the order first seen (see `countOffline`). */
  offlineCounts(): Array<[stage: string, model: string, calls: number]> {
    const out: Array<[string, string, number]> = [];
    for (const [stage, models] of this.offlineSeen)
      for (const [model, calls] of models) out.push([stage, model, calls]);
    return out;
  }

  /** Dollars spent so far. */
  get spentUsd(): number {
    return this.summary.cost_usd;
  }

  totals(): UsageTotals {
    return { ...this.summary };
  }

  statistics(): {
    summary: UsageTotals;
    by_module: Record<string, UsageTotals>;
    by_model: Record<string, UsageTotals>;
  } {
    return {
      summary: round(this.summary),
      by_module: roundedByKey(this.byStage),
      by_model: roundedByKey(this.byModel),
    };
  }

  /** Records kept in memory (none when streaming to a file). */
  records(): readonly UsageRecord[] {
    return this.kept;
  }

  /** Appends buffered records to the JSONL file. */
  flush(): void {
    if (!this.recordsPath || this.buffer.length === 0) return;
    const text = this.buffer.join("");
    this.buffer = [];
    try {
      appendSyncNoFollow(this.recordsPath, text);
    } catch (error) {
      throw error instanceof StoreError ? error : ioError("append usage records", this.recordsPath, error);
    }
  }

  /** Whether records were streamed to a file that exists. */
  get hasRecordFile(): boolean {
    return this.recordsPath !== undefined && existsSync(this.recordsPath);
  }

  private group(map: Map<string, UsageTotals>, key: string): UsageTotals {
    let totals = map.get(key);
    if (!totals) {
      totals = emptyTotals();
      map.set(key, totals);
    }
    return totals;
  }
}

/**
 * A group's totals keyed in sorted order: the Map's own order is the order in which concurrently
 * running items first counted a stage or model (timing), and the usage file must not depend on it.
 */
function roundedByKey(groups: Map<string, UsageTotals>): Record<string, UsageTotals> {
  const keys = [...groups.keys()].sort();
  return Object.fromEntries(keys.map((key) => [key, round(groups.get(key) as UsageTotals)]));
}

function round(t: UsageTotals): UsageTotals {
  return {
    ...t,
    cost_usd: Math.round(t.cost_usd * 1e6) / 1e6,
    latency_ms_total: Math.round(t.latency_ms_total),
  };
}
