import type { Config } from "../config/schema.js";
import type { ModelSpec, PoolEntry } from "../config/schema-models.js";
import { ConfigError } from "../errors.js";
import type { CompletionParams } from "./types.js";

/** Which provider and model serve a call, and with which sampling parameters. */
export interface ModelRef {
  provider: string;
  model: string;
  params: CompletionParams;
}

/** The model used when a provider is named without one. */
const DEFAULT_MODELS: Record<string, string> = {
  offline: "offline-v1",
  openai: "gpt-4o-mini",
  anthropic: "claude-haiku-4-5",
};

type Spec = Partial<ModelSpec> | Partial<PoolEntry> | undefined;

/** Fills a model reference from specs, most specific first, falling back to `api:`. */
export function modelRef(config: Config, ...specs: Spec[]): ModelRef {
  const chain: Spec[] = [
    ...specs,
    {
      ...config.api.inference,
      provider: config.api.provider,
      ...(config.api.model ? { model: config.api.model } : {}),
    },
  ];
  const pick = <K extends keyof ModelSpec>(key: K): ModelSpec[K] | undefined => {
    for (const spec of chain) if (spec && spec[key] !== undefined) return spec[key] as ModelSpec[K];
    return undefined;
  };
  const provider = pick("provider") ?? "offline";
  // A model name applies to the provider named at or after it in the chain: a spec that switches
  // provider must not inherit a model name meant for another one.
  let model: string | undefined;
  for (const spec of chain) {
    model ??= spec?.model;
    if (spec?.provider !== undefined) break;
  }
  model ??= DEFAULT_MODELS[provider];
  if (!model) {
    throw new ConfigError(`no model named for provider "${provider}"`, [], {
      hint: "set the model next to the provider",
    });
  }
  const params: CompletionParams = {};
  const temperature = pick("temperature");
  const maxTokens = pick("max_completion_tokens") ?? pick("max_tokens");
  const topP = pick("top_p");
  const frequencyPenalty = pick("frequency_penalty");
  const presencePenalty = pick("presence_penalty");
  if (temperature !== undefined) params.temperature = temperature;
  if (maxTokens !== undefined) params.maxTokens = maxTokens;
  if (topP !== undefined) params.topP = topP;
  if (frequencyPenalty !== undefined) params.frequencyPenalty = frequencyPenalty;
  if (presencePenalty !== undefined) params.presencePenalty = presencePenalty;
  return { provider, model, params };
}

/** The provider+model key that limits, usage and prices are grouped by. */
export function modelKey(ref: Pick<ModelRef, "provider" | "model">): string {
  return `${ref.provider}/${ref.model}`;
}
