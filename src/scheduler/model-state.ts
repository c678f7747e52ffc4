/**
 * What the scheduler keeps per provider+model, made on its first call: the client, its lane in the
 * call slots, whether it goes through the batch API, its request/token budget, its recent latencies
 * (for the adaptive timeout) and, with distributed workers, the limits it shares with other processes.
 * Apart from scheduler.ts because it is where config becomes limits, once per model.
 */
import { ProviderError } from "../errors.js";
import type { ResolvedProvider } from "../llm/providers.js";
import type { LlmClient } from "../llm/types.js";
import { type SharedLimits, sharesNothing } from "./call-gate.js";
import type { CallSlots, Lane } from "./call-slots.js";
import { declaredEndpointLimits } from "./concurrency-plan.js";
import { LatencyTracker } from "./latency-tracker.js";
import { RateBudget } from "./rate-budget.js";

export interface ModelState {
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

export class ModelStates {
  private readonly states = new Map<string, ModelState>();

  constructor(
    private readonly providers: ReadonlyMap<string, ResolvedProvider>,
    private readonly clients: ReadonlyMap<string, LlmClient>,
    private readonly slots: CallSlots,
    /** Batch mode is on (some provider may use its batch API); a gate counts limits across processes. */
    private readonly modes: { batch: boolean; gate: boolean },
  ) {}

  /** The state of `model` at the provider configured as `providerName`. */
  get(providerName: string, model: string): ModelState {
    const id = `${providerName}/${model}`;
    let state = this.states.get(id);
    if (!state) {
      const provider = this.providers.get(providerName);
      const client = this.clients.get(providerName);
      if (!provider || !client)
        throw new ProviderError(`provider "${providerName}" is not configured`, { code: "PROVIDER_AUTH" });
      state = {
        provider,
        client,
        lane: this.slots.lane(provider.endpoint, model, provider.modelConcurrency[model]),
        batch: provider.batch && this.modes.batch,
        rate: new RateBudget(provider.requestsPerMinute, provider.tokensPerMinute, () => Date.now()),
        latency: new LatencyTracker(4, 250),
        shared: this.modes.gate ? sharedLimits(this.providers, provider, model) : undefined,
      };
      this.states.set(id, state);
    }
    return state;
  }
}

/**
 * The limits a model's calls count against with other processes: the same levels as this
 * process's (its endpoint, its own model limit) where the config declares them, and its rate budget.
 */
function sharedLimits(
  providers: ReadonlyMap<string, ResolvedProvider>,
  provider: ResolvedProvider,
  model: string,
): SharedLimits | undefined {
  const levels: Array<{ key: string; limit: number }> = [];
  const endpointLimit = declaredEndpointLimits(providers).get(provider.endpoint);
  if (endpointLimit !== undefined) levels.push({ key: provider.endpoint, limit: endpointLimit });
  const modelLimit = provider.modelConcurrency[model];
  if (modelLimit !== undefined) levels.push({ key: `${provider.endpoint}\n${model}`, limit: modelLimit });
  const { requestsPerMinute: rpm, tokensPerMinute: tpm } = provider;
  const rate =
    rpm === undefined && tpm === undefined ? undefined : { key: `${provider.name}/${model}`, rpm, tpm };
  const limits = { levels, rate };
  return sharesNothing(limits) ? undefined : limits;
}
