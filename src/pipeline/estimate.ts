import type { Config } from "../config/schema.js";
import { assistantModelFor } from "../llm/model-pool.js";
import { type ModelRef, modelRef } from "../llm/model-ref.js";
import { renderTemplate } from "../llm/template.js";
import { estimateTokens } from "../llm/types.js";
import { renderPersona } from "../persona/render-persona.js";
import type { UsageTracker } from "../scheduler/usage.js";
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
  output_tokens: number;
  cost_usd: number;
}

export interface PlanEstimate {
  items: number;
  rows: EstimateRow[];
  total: Omit<EstimateRow, "stage" | "operation" | "provider" | "model">;
  priced: boolean;
  notes: string[];
}

/** Typical answer lengths, in tokens, when the model's output limit says nothing better. */
const TYPICAL_OUTPUT = {
  formulate: 250,
  style_transfer: 90,
  judge_meaning: 40,
  assistant_reply: 450,
  simulate_user: 70,
  extract_intent: 90,
  add_noise: 80,
};

/**
 * `--dry-run`: the calls the plan will make, per stage and model, with token estimates (prompt sizes
 * from the real templates, answers from typical lengths capped by the configured limits) and cost when
 * prices are configured. Offline operations cost nothing and make no call.
 */
export function estimatePlan(args: {
  config: Config;
  inputs: RunInputs;
  plan: Plan;
  items: readonly PlanItem[];
  prices: UsageTracker;
}): PlanEstimate {
  const { config, inputs, plan, items } = args;
  const t = inputs.templates;
  const rows = new Map<string, EstimateRow>();
  const add = (
    stage: string,
    operation: keyof typeof TYPICAL_OUTPUT,
    model: ModelRef,
    calls: number,
    input: number,
  ) => {
    if (calls <= 0) return;
    const key = `${stage}|${operation}|${model.provider}|${model.model}`;
    const row = rows.get(key) ?? {
      stage,
      operation,
      provider: model.provider,
      model: model.model,
      calls: 0,
      input_tokens: 0,
      output_tokens: 0,
      cost_usd: 0,
    };
    const output =
      Math.min(model.params.maxTokens ?? Number.POSITIVE_INFINITY, TYPICAL_OUTPUT[operation]) * calls;
    row.calls += calls;
    row.input_tokens += input;
    row.output_tokens += output;
    row.cost_usd +=
      model.provider === "offline" ? 0 : args.prices.cost(model.provider, model.model, input, output);
    rows.set(key, row);
  };
  const personas = new Map(plan.personas.map((p) => [p.persona_id, p]));
  const stages = config.experiment.stages;
  const seen = new Set<string>();
  const style = config.query_generation.style_transfer;
  const noise = config.distractor;
  const noisy = stages.distractor_application && noise.enabled && noise.use_semantic;
  const { min_turns: minTurns, max_turns: maxTurns } = config.interaction_generation;
  for (const item of items) {
    const persona = renderPersona(personas.get(item.persona_id)?.features ?? {});
    if (stages.persona_generation && config.formulation.enabled && !seen.has(item.persona_id)) {
      seen.add(item.persona_id);
      add(
        "formulation",
        "formulate",
        modelRef(config, config.formulation.model),
        1,
        estimateTokens(renderTemplate(t.formulate, { persona })),
      );
    }
    if (stages.query_generation && item.style_transfer) {
      const prompt = renderTemplate(item.prompt_type === "partial" ? t.stylePartial : t.styleFull, {
        persona,
        query: item.original_query,
        target_length: item.target_length,
        target_turns: item.target_turns,
      });
      add("style_transfer", "style_transfer", modelRef(config, style.model), 1, estimateTokens(prompt));
      if (style.meaning_check.enabled)
        add(
          "style_transfer",
          "judge_meaning",
          modelRef(config, style.meaning_check.model, style.model),
          1,
          estimateTokens(t.judgeMeaning) + 2 * estimateTokens(item.original_query),
        );
    }
    if (!stages.interaction_generation) continue;
    const turns = Math.min(maxTurns, Math.max(minTurns, item.target_turns));
    const assistant = assistantModelFor(config, config.experiment.seed, item.interaction_id);
    const query = estimateTokens(item.original_query);
    let history = 250 + query; // system prompt + first message
    let userInput = 0;
    for (let k = 0; k < turns; k++) {
      add("interaction", "assistant_reply", assistant, 1, history);
      history += TYPICAL_OUTPUT.assistant_reply + TYPICAL_OUTPUT.simulate_user;
      if (k + 1 < maxTurns) userInput += estimateTokens(t.userFeedback) + estimateTokens(persona) + history;
    }
    add(
      "interaction",
      "simulate_user",
      modelRef(config, config.interaction_generation.user_model),
      turns - (turns >= maxTurns ? 1 : 0),
      userInput,
    );
    if (noisy) {
      const texts =
        ((noise.apply_to.initial_query ? 1 : 0) + (noise.apply_to.follow_up_feedback ? turns - 1 : 0)) *
        noise.activation_probability;
      const distractorModel = modelRef(config, noise.model);
      add(
        "distractor",
        "extract_intent",
        distractorModel,
        Math.round(texts),
        Math.round(texts * (estimateTokens(t.intentExtraction) + query)),
      );
      add(
        "distractor",
        "add_noise",
        distractorModel,
        Math.round(texts),
        Math.round(texts * (estimateTokens(t.noiseGeneration) + query + 200)),
      );
    }
  }
  const list = [...rows.values()].sort((a, b) =>
    a.stage === b.stage ? a.operation.localeCompare(b.operation) : a.stage.localeCompare(b.stage),
  );
  const total = list.reduce(
    (sum, r) => ({
      calls: sum.calls + r.calls,
      input_tokens: sum.input_tokens + r.input_tokens,
      output_tokens: sum.output_tokens + r.output_tokens,
      cost_usd: sum.cost_usd + r.cost_usd,
    }),
    { calls: 0, input_tokens: 0, output_tokens: 0, cost_usd: 0 },
  );
  const notes = [
    "conversation lengths are taken at their target turns; users who are satisfied earlier make fewer calls",
  ];
  if (!args.prices.priced) notes.push("no prices configured (llm.prices): costs are shown as 0");
  return { items: items.length, rows: list, total, priced: args.prices.priced, notes };
}
