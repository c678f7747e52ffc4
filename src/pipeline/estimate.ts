import type { Config } from "../config/schema.js";
import { assistantModelFor } from "../llm/model-pool.js";
import { type ModelRef, modelRef } from "../llm/model-ref.js";
import { resolveProvider } from "../llm/providers.js";
import { renderTemplate } from "../llm/template.js";
import { isOpenAiModel, loadTokenCounters, type TokenCounter } from "../llm/token-count.js";
import { renderPersona } from "../persona/render-persona.js";
import type { UsageTracker } from "../scheduler/usage.js";
import { type CacheMode, cacheSplits } from "./estimate-cache.js";
import type { RunInputs } from "./inputs.js";
import type { Plan, PlanItem } from "./plan.js";

/** Expected calls, tokens and cost of one operation on one model. */
export interface EstimateRow {
  stage: string;
  operation: string;
  provider: string;
  model: string;
  calls: number;
  input_tokens: number;
  /** Of `input_tokens`, read from the provider's prompt cache. */
  cached_input_tokens: number;
  /** Of `input_tokens`, written to it (Anthropic). */
  cache_write_tokens: number;
  output_tokens: number;
  cost_usd: number;
}

export interface PlanEstimate {
  items: number;
  /** Batch mode: rounds of batches the longest conversation needs (0 when no provider batches). */
  batch_rounds: number;
  rows: EstimateRow[];
  total: Omit<EstimateRow, "stage" | "operation" | "provider" | "model">;
  priced: boolean;
  notes: string[];
}

/** Typical answer lengths, in tokens, when the model's output limit says nothing better. */
export const TYPICAL_OUTPUT = {
  formulate: 250,
  style_transfer: 90,
  judge_meaning: 40,
  assistant_reply: 450,
  simulate_user: 70,
  extract_intent: 90,
  add_noise: 80,
};
/** Of a simulated user's JSON answer, the message itself. */
const USER_MESSAGE = 55;
/** Of a style transfer's JSON answer, the adapted query itself. */
const ADAPTED_QUERY = 60;

type Operation = keyof typeof TYPICAL_OUTPUT;

/** One call as estimated: its input (and how much of it the provider's cache serves), its output. */
interface CallTokens {
  input: number;
  cachedInput?: number;
  cacheWrite?: number;
}

/**
 * `--dry-run`: the calls the plan will make, per stage and model, with token estimates and cost when
 * prices are configured. Prompts are rendered from the real templates and counted with the model's
 * tokenizer (see token-count.ts); answers are typical lengths capped by the configured limits, and
 * conversations last their target turns. A conversation's history grows turn by turn as the run
 * sends it, and what the provider's prompt cache serves of it is counted apart. Offline operations
 * cost nothing and make no call.
 */
export async function estimatePlan(args: {
  config: Config;
  inputs: RunInputs;
  plan: Plan;
  items: readonly PlanItem[];
  prices: UsageTracker;
}): Promise<PlanEstimate> {
  const { config, inputs, plan, items } = args;
  const t = inputs.templates;
  const counters = await loadTokenCounters();
  const models = new Map<string, { count: TokenCounter; cache: CacheMode; batch: boolean }>();
  let rounds = 0;
  const modelOf = (model: ModelRef) => {
    const key = `${model.provider}/${model.model}`;
    let known = models.get(key);
    if (!known) {
      const provider = model.provider === "offline" ? undefined : resolveProvider(config, model.provider, {});
      const cache: CacheMode =
        provider?.type === "anthropic" && (provider.cacheControl.system || provider.cacheControl.history)
          ? "anthropic"
          : provider?.type === "openai-compatible" && isOpenAiModel(model.model)
            ? "openai"
            : "none";
      known = { count: counters(provider, model.model), cache, batch: provider?.batch ?? false };
      models.set(key, known);
    }
    return known;
  };
  const rows = new Map<string, EstimateRow>();
  const add = (stage: string, operation: Operation, model: ModelRef, calls: readonly CallTokens[]) => {
    if (calls.length === 0) return;
    const key = `${stage}|${operation}|${model.provider}|${model.model}`;
    const row = rows.get(key) ?? {
      stage,
      operation,
      provider: model.provider,
      model: model.model,
      ...noCalls(),
    };
    const output = outputOf(model, operation);
    for (const call of calls) {
      const tokens = {
        input: Math.round(call.input),
        output,
        cachedInput: call.cachedInput ?? 0,
        cacheWrite: call.cacheWrite ?? 0,
      };
      row.calls++;
      row.input_tokens += tokens.input;
      row.cached_input_tokens += tokens.cachedInput;
      row.cache_write_tokens += tokens.cacheWrite;
      row.output_tokens += output;
      row.cost_usd +=
        model.provider === "offline"
          ? 0
          : args.prices.cost(model.provider, model.model, tokens, modelOf(model).batch);
    }
    rows.set(key, row);
  };
  const personas = new Map(plan.personas.map((p) => [p.persona_id, p]));
  const stages = config.experiment.stages;
  const seen = new Set<string>();
  const style = config.query_generation.style_transfer;
  const noise = config.distractor;
  const noisy = stages.distractor_application && noise.enabled && noise.use_semantic;
  const formulating = stages.persona_generation && config.formulation.enabled;
  const systemPrompt =
    formulating && config.interaction_generation.assistant_model.use_system_prompt
      ? outputOf(modelRef(config, config.formulation.model), "formulate")
      : 0;
  const userModel = modelRef(config, config.interaction_generation.user_model);
  for (const item of items) {
    const persona = renderPersona(personas.get(item.persona_id)?.features ?? {});
    if (formulating && !seen.has(item.persona_id)) {
      seen.add(item.persona_id);
      const model = modelRef(config, config.formulation.model);
      add("formulation", "formulate", model, [
        { input: modelOf(model).count(renderTemplate(t.formulate, { persona })) },
      ]);
    }
    const styleModel = modelRef(config, style.model);
    const transferring = stages.query_generation && item.style_transfer;
    if (transferring) {
      const prompt = renderTemplate(item.prompt_type === "partial" ? t.stylePartial : t.styleFull, {
        persona,
        query: item.original_query,
        target_length: item.target_length,
        target_turns: item.target_turns,
      });
      add("style_transfer", "style_transfer", styleModel, [{ input: modelOf(styleModel).count(prompt) }]);
      if (style.meaning_check.enabled) {
        const judge = modelRef(config, style.meaning_check.model, style.model);
        const count = modelOf(judge).count;
        add("style_transfer", "judge_meaning", judge, [
          { input: count(t.judgeMeaning) + 2 * count(item.original_query) },
        ]);
      }
    }
    if (!stages.interaction_generation) continue;
    const assistant = assistantModelFor(config, config.experiment.seed, item.interaction_id);
    const query = transferring
      ? Math.min(outputOf(styleModel, "style_transfer"), ADAPTED_QUERY)
      : modelOf(assistant).count(item.original_query);
    const calls = conversation(item, query, persona, assistant, userModel);
    // In batch mode each call of a chain waits for the round before it: the first round holds the
    // system prompt and the style transfer, then the conversation's turns, one call a round.
    if (modelOf(assistant).batch) rounds = Math.max(rounds, calls + (formulating || transferring ? 1 : 0));
    if (noisy) {
      const turns = turnsOf(config, item);
      const texts =
        ((noise.apply_to.initial_query ? 1 : 0) + (noise.apply_to.follow_up_feedback ? turns - 1 : 0)) *
        noise.activation_probability;
      const model = modelRef(config, noise.model);
      const count = modelOf(model).count;
      const n = Math.round(texts);
      add("distractor", "extract_intent", model, repeat(n, { input: count(t.intentExtraction) + query }));
      add("distractor", "add_noise", model, repeat(n, { input: count(t.noiseGeneration) + query + 200 }));
    }
  }

  /** The calls of one conversation: each assistant turn resends the history, each user turn reads it. */
  /** Adds the calls of one conversation; returns how many there are. */
  function conversation(
    item: PlanItem,
    query: number,
    persona: string,
    assistant: ModelRef,
    user: ModelRef,
  ): number {
    const maxTurns = config.interaction_generation.max_turns;
    const turns = turnsOf(config, item);
    const reply = outputOf(assistant, "assistant_reply");
    const feedback = Math.min(outputOf(user, "simulate_user"), USER_MESSAGE);
    // Assistant: system prompt, then the conversation so far, ending with the user's message.
    const prompts: number[] = [];
    let history = systemPrompt + query;
    for (let k = 0; k < turns; k++) {
      prompts.push(history);
      history += reply + feedback;
    }
    const splits = cacheSplits(
      modelOf(assistant).cache,
      prompts,
      prompts.map((_, k) => prompts[k - 1] ?? 0),
      prompts.map((_, k) => 2 * k + 1),
    );
    add(
      "interaction",
      "assistant_reply",
      assistant,
      prompts.map((input, k) => ({ input, ...splits[k] })),
    );
    // User: the template with the persona, the whole conversation so far, and the latest reply again.
    const userCount = modelOf(user).count;
    const marker = "\u0000history\u0000";
    const rendered = renderTemplate(t.userFeedback, {
      persona,
      conversation_history: marker,
      assistant_response: "",
      current_turn: 1,
      target_turns: item.target_turns,
    });
    const cut = rendered.indexOf(marker);
    const lead = userCount(cut < 0 ? "" : rendered.slice(0, cut));
    const head = userCount(rendered.replace(marker, ""));
    const userCalls = turns - (turns >= maxTurns ? 1 : 0);
    const userPrompts: number[] = [];
    const userPrefixes: number[] = [];
    let seenHistory = query; // what the user has read so far, rendered
    for (let k = 1; k <= userCalls; k++) {
      const before = seenHistory;
      seenHistory += reply;
      userPrompts.push(head + seenHistory + reply);
      // Repeated from the previous user prompt: the template up to the history, and the history it held.
      userPrefixes.push(k === 1 ? 0 : lead + before - feedback);
      seenHistory += feedback;
    }
    const userSplits = cacheSplits(
      modelOf(user).cache,
      userPrompts,
      userPrefixes,
      userPrompts.map(() => 1),
    );
    add(
      "interaction",
      "simulate_user",
      user,
      userPrompts.map((input, k) => ({ input, ...userSplits[k] })),
    );
    return prompts.length + userPrompts.length;
  }

  const list = [...rows.values()].sort((a, b) =>
    a.stage === b.stage ? a.operation.localeCompare(b.operation) : a.stage.localeCompare(b.stage),
  );
  const total = list.reduce(
    (sum, r) => ({
      calls: sum.calls + r.calls,
      input_tokens: sum.input_tokens + r.input_tokens,
      cached_input_tokens: sum.cached_input_tokens + r.cached_input_tokens,
      cache_write_tokens: sum.cache_write_tokens + r.cache_write_tokens,
      output_tokens: sum.output_tokens + r.output_tokens,
      cost_usd: sum.cost_usd + r.cost_usd,
    }),
    noCalls(),
  );
  const notes = [
    "conversations are taken at their target turns and answers at typical lengths (an assistant reply 450 tokens, a user message 55); users who are satisfied earlier make fewer calls",
    "tokens are counted with the model's tokenizer (OpenAI models), else with o200k_base (Claude: ×1.2)",
  ];
  if (!args.prices.priced)
    notes.push("no prices configured (llm.prices): costs are not estimated (shown as -)");
  if (rounds > 0)
    notes.push(
      `batch mode: about ${rounds} rounds of batches (each waits for the provider, up to 24 h), priced at the batch price`,
    );
  return { items: items.length, batch_rounds: rounds, rows: list, total, priced: args.prices.priced, notes };
}

function noCalls(): PlanEstimate["total"] {
  return {
    calls: 0,
    input_tokens: 0,
    cached_input_tokens: 0,
    cache_write_tokens: 0,
    output_tokens: 0,
    cost_usd: 0,
  };
}

function outputOf(model: ModelRef, operation: Operation): number {
  return Math.min(model.params.maxTokens ?? Number.POSITIVE_INFINITY, TYPICAL_OUTPUT[operation]);
}

function turnsOf(config: Config, item: PlanItem): number {
  const { min_turns: minTurns, max_turns: maxTurns } = config.interaction_generation;
  return Math.min(maxTurns, Math.max(minTurns, item.target_turns));
}

function repeat(n: number, call: CallTokens): CallTokens[] {
  return Array.from({ length: Math.max(0, n) }, () => call);
}
