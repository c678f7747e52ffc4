import { providerReferences } from "../config/cross-checks.js";
import type { Config } from "../config/schema.js";
import { ProviderError } from "../errors.js";
import { type EventSink, ignoreEvents } from "../events.js";
import { createRng, type RunSeed } from "../rng/random.js";
import type { BatchProgress } from "../scheduler/batch-rounds.js";
import type { CallGate } from "../scheduler/call-gate.js";
import type { SlotLimits } from "../scheduler/call-slots.js";
import { concurrencyPlan } from "../scheduler/concurrency-plan.js";
import type { ResponseCache } from "../scheduler/response-cache.js";
import { type Acceptance, Scheduler } from "../scheduler/scheduler.js";
import type { UsageTracker } from "../scheduler/usage.js";
import type { BatchApi } from "./batch/batch-api.js";
import { createBatchApi, createClient } from "./client-factory.js";
import { HttpClient } from "./http-client.js";
import { type ModelRef, modelKey, modelRef } from "./model-ref.js";
import type { OfflineImplementation, Operation } from "./operation.js";
import { supportedParams } from "./param-support.js";
import { type ResolvedProvider, resolveUsedProviders } from "./providers.js";
import { extractJson, outputSchemaFor } from "./structured.js";
import type { CompletionResult, LlmClient } from "./types.js";

/** Where a call runs and how it is told apart from its siblings. */
export interface RunContext {
  model: ModelRef;
  /** Stable id of the work item: seeds the offline engine and groups usage. */
  itemId: string;
  /** Distinguishes several calls of one operation for one item (turn number, retry of a judge, …). */
  sampleIndex?: number;
  priority?: number;
  signal?: AbortSignal;
}

/** An operation's output with where it came from and what it cost in tokens. */
export interface RunResult<O> {
  output: O;
  provider: string;
  model: string;
  cacheHit: boolean;
  inputTokens: number;
  outputTokens: number;
}

export interface LlmServiceOptions {
  config: Config;
  env: Readonly<Record<string, string | undefined>>;
  runSeed: RunSeed;
  usage: UsageTracker;
  cache?: ResponseCache | undefined;
  /** Limits counted with the other processes of a distributed run (see scheduler/call-gate.ts). */
  gate?: CallGate | undefined;
  /** Where a setting a provider cannot take is reported (once per provider). */
  events?: EventSink;
  /** Where provider batches are journalled (batch mode): a rerun re-attaches to those still open. */
  batchJournal?: string | undefined;
  /** Batch mode's progress (rounds, batches pending, lines done). */
  onBatchProgress?: (progress: BatchProgress) => void;
}

/**
 * Runs operations: offline ones directly through their deterministic implementation, online ones
 * through the scheduler (limits, retries, cache, accounting) with the answer parsed and checked.
 * Construction resolves every provider the config names and fails at once on a missing key.
 */
/** What prepareOffline needs of an operation, whatever its input and output types. */
type OfflineLoadable = Pick<Operation<never, unknown>, "offline">;

export class LlmService {
  readonly providers: ReadonlyMap<string, ResolvedProvider>;
  readonly scheduler: Scheduler;
  /** Calls in flight allowed for the run and per endpoint. */
  readonly concurrency: SlotLimits;
  private readonly http: HttpClient;
  private readonly clients = new Map<string, LlmClient>();
  private readonly schemas = new WeakMap<object, ReturnType<typeof outputSchemaFor>>();
  /** Providers already warned about parameters they cannot take. */
  private readonly warnedDrops = new Set<string>();
  /**
   * Some step of the run is served by the offline engine: a model spec names an offline provider, or
   * leaves the provider to `api:`, which is offline (the engine itself is always resolved, as a
   * fallback, so the resolved providers alone do not tell).
   */
  private readonly offlineSteps: boolean;
  /** Each operation's offline implementation, once loaded (see Operation.offline). */
  private readonly offlineImplementations = new WeakMap<object, OfflineImplementation<unknown, unknown>>();

  constructor(private readonly options: LlmServiceOptions) {
    this.providers = resolveUsedProviders(options.config, options.env);
    const offline = (name: string) => this.providers.get(name)?.type === "offline";
    this.offlineSteps =
      offline(modelRef(options.config).provider) ||
      providerReferences(options.config).some(([, name]) => offline(name));
    this.concurrency = concurrencyPlan(options.config, this.providers);
    this.http = new HttpClient({ maxSockets: Math.max(64, this.concurrency.total * 2) });
    const batchApis = new Map<string, BatchApi>();
    for (const provider of this.providers.values()) {
      if (provider.type === "offline") continue;
      const client = createClient(provider, this.http);
      this.clients.set(provider.name, client);
      if (provider.batch) batchApis.set(provider.name, createBatchApi(provider, client, this.http));
    }
    this.scheduler = new Scheduler({
      providers: this.providers,
      clients: this.clients,
      llm: options.config.llm,
      limits: this.concurrency,
      usage: options.usage,
      runSeed: options.runSeed,
      cache: options.cache,
      gate: options.gate,
      ...(batchApis.size > 0
        ? {
            batch: {
              apis: batchApis,
              journal: options.batchJournal,
              settings: options.config.llm.batch,
              onProgress: options.onBatchProgress,
            },
          }
        : {}),
    });
  }

  /** True when some provider runs in batch mode. */
  get batchMode(): boolean {
    return [...this.providers.values()].some((p) => p.batch);
  }

  /** True when this model reference is served by the offline engine. */
  isOffline(model: ModelRef): boolean {
    return this.providerFor(model).type === "offline";
  }

  async run<I, O>(op: Operation<I, O>, input: I, ctx: RunContext): Promise<RunResult<O>> {
    const provider = this.providerFor(ctx.model);
    if (provider.type === "offline") {
      // Loaded once per operation; after that an offline call never waits.
      const implementation = this.offlineImplementations.get(op) ?? (await this.loadOffline(op));
      return this.runOffline(op, implementation as OfflineImplementation<I, O>, input, ctx);
    }
    const messages = op.messages(input);
    const schema = op.output.kind === "json" ? this.schemaOf(op.output.name, op.output.schema) : undefined;
    let parsed: O | undefined;
    const accept = (result: CompletionResult): Acceptance => {
      const output = this.parse(op, result.text);
      if (!output.ok) return output;
      const problem = op.check?.(output.value, input);
      if (problem) return { ok: false, feedback: problem };
      parsed = output.value;
      return { ok: true };
    };
    const { params, dropped } = supportedParams(provider.type, ctx.model.params);
    if (dropped.length > 0) this.warnDropped(provider, dropped);
    const maxTokens = params.maxTokens ?? op.maxTokens;
    const outcome = await this.scheduler.call({
      itemId: ctx.itemId,
      stage: op.stage,
      operation: op.name,
      provider: provider.name,
      request: {
        model: ctx.model.model,
        messages,
        params: { ...params, ...(maxTokens === undefined ? {} : { maxTokens }) },
        ...(schema ? { schema } : {}),
      },
      sampleIndex: ctx.sampleIndex ?? 0,
      ...(ctx.priority === undefined ? {} : { priority: ctx.priority }),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      accept,
    });
    if (parsed === undefined) {
      // A cache hit is accepted before `parsed` is set only when accept() ran; parse again to be sure.
      const again = this.parse(op, outcome.result.text);
      if (!again.ok) throw new ProviderError(`${op.name}: cached answer no longer parses: ${again.feedback}`);
      parsed = again.value;
    }
    return {
      output: parsed,
      provider: provider.name,
      model: outcome.result.model,
      cacheHit: outcome.cacheHit,
      inputTokens: outcome.result.usage.inputTokens,
      outputTokens: outcome.result.usage.outputTokens,
    };
  }

  private warnDropped(provider: ResolvedProvider, dropped: string[]): void {
    if (this.warnedDrops.has(provider.name)) return;
    this.warnedDrops.add(provider.name);
    (this.options.events ?? ignoreEvents)({
      type: "warning",
      message: `${dropped.join(", ")} not sent to provider "${provider.name}": the ${provider.type} API has no such parameter`,
    });
  }

  /**
   * Loads the offline implementations of these operations now, when some provider of the run is the
   * offline engine (else nothing is loaded). A run calls it before its items start: the first offline
   * call of an operation then does not wait for the import, so concurrent items interleave exactly as
   * they do later, and the stores keep their order.
   */
  async prepareOffline(ops: ReadonlyArray<OfflineLoadable | undefined>): Promise<void> {
    if (!this.offlineSteps) return;
    for (const op of ops)
      if (op && !this.offlineImplementations.has(op))
        this.offlineImplementations.set(op, (await op.offline()) as OfflineImplementation<unknown, unknown>);
  }

  private async loadOffline<I, O>(op: Operation<I, O>): Promise<OfflineImplementation<I, O>> {
    const implementation = await op.offline();
    this.offlineImplementations.set(op, implementation as OfflineImplementation<unknown, unknown>);
    return implementation;
  }

  private runOffline<I, O>(
    op: Operation<I, O>,
    implementation: OfflineImplementation<I, O>,
    input: I,
    ctx: RunContext,
  ): RunResult<O> {
    const rng = createRng(this.options.runSeed, ctx.itemId, `${op.name}#${ctx.sampleIndex ?? 0}`);
    const output = implementation(input, rng);
    this.options.usage.countOffline(op.stage, ctx.model.model);
    return {
      output,
      provider: "offline",
      model: ctx.model.model,
      cacheHit: false,
      inputTokens: 0,
      outputTokens: 0,
    };
  }

  private parse<I, O>(
    op: Operation<I, O>,
    text: string,
  ): { ok: true; value: O } | { ok: false; feedback: string } {
    if (op.output.kind === "text") return { ok: true, value: op.output.parse(text) };
    const json = extractJson(text);
    if (json === undefined) return { ok: false, feedback: "the reply is not a JSON object" };
    const result = op.output.schema.safeParse(json);
    if (!result.success) {
      const first = result.error.issues[0];
      return {
        ok: false,
        feedback: `the JSON does not match the schema (${first?.path.join(".") || "root"}: ${first?.message ?? "invalid"})`,
      };
    }
    return { ok: true, value: result.data };
  }

  private schemaOf(name: string, schema: object): ReturnType<typeof outputSchemaFor> {
    let out = this.schemas.get(schema);
    if (!out) {
      out = outputSchemaFor(name, schema as Parameters<typeof outputSchemaFor>[1]);
      this.schemas.set(schema, out);
    }
    return out;
  }

  private providerFor(model: ModelRef): ResolvedProvider {
    const provider = this.providers.get(model.provider);
    if (!provider)
      throw new ProviderError(`provider "${model.provider}" is not configured (model ${modelKey(model)})`, {
        code: "PROVIDER_AUTH",
      });
    return provider;
  }

  /** Releases everything; `cancelBatches` cancels provider batches still running (else a rerun
   *  re-attaches to them). */
  async close(options: { cancelBatches?: boolean } = {}): Promise<void> {
    await this.scheduler.close(options);
    for (const client of this.clients.values()) await client.close();
    this.http.close();
    this.options.cache?.close(); // the service owns the cache it was given
    this.options.usage.flush();
  }
}
