import type { Config } from "../config/schema.js";
import { type ConversationDeps, runConversation } from "../interaction/conversation.js";
import type { InteractionInput } from "../interaction/record.js";
import type { RecordSink } from "../interaction/storage.js";
import type { LlmService } from "../llm/llm-service.js";
import type { ModelRef } from "../llm/model-ref.js";
import type { Operation } from "../llm/operation.js";
import { type JudgeInput, type JudgeScores, judgeInputOf, judgeRecord } from "../quality/judge-operation.js";
import type { JudgeMeaningInput, JudgeMeaningOutput } from "../query/judge-meaning-operation.js";
import type { StyleTransferInput, StyleTransferOutput } from "../query/style-transfer-operation.js";
import type { Clock } from "../util/clock.js";
import type { PlanItem, PlannedPersona } from "./plan.js";
import type { SystemPrompts } from "./system-prompts.js";

/** The SPEC §3 query record, stored per item in the queries store. */
export interface QueryRecord {
  query_id: string;
  item_id: string;
  generation: string;
  persona_id: string;
  original_query: string;
  adapted_query: string;
  was_style_transferred: boolean;
  inferred_domain: string;
  inferred_scenario: string;
  target_length: string;
  target_turns: number;
  prompt_type: string;
  source_dataset: string;
  meaning_score?: number;
  meaning_flagged?: boolean;
  meaning_reason?: string;
}

/** What is wrong with a stored query record, or undefined (a wrong one is quarantined and redone). */
export function queryRecordProblem(record: Record<string, unknown>): string | undefined {
  for (const key of ["query_id", "item_id", "original_query", "adapted_query"] as const)
    if (typeof record[key] !== "string") return `query record: "${key}" is not a string`;
  if (typeof record.was_style_transferred !== "boolean")
    return 'query record: "was_style_transferred" is not a boolean';
  if (!Number.isInteger(record.target_turns)) return 'query record: "target_turns" is not an integer';
  return undefined;
}

export interface ItemDeps {
  config: Config;
  generation: string;
  llm: LlmService;
  clock: Clock;
  personas: ReadonlyMap<string, PlannedPersona>;
  systemPrompts: SystemPrompts | undefined;
  styleTransfer: Operation<StyleTransferInput, StyleTransferOutput>;
  judge: Operation<JudgeMeaningInput, JudgeMeaningOutput>;
  styleModel: ModelRef;
  judgeModel: ModelRef;
  queryStore: RecordSink;
  storedQueries: ReadonlyMap<string, QueryRecord>;
  conversation: (item: PlanItem) => ConversationDeps;
  domains: ReadonlySet<string>;
  scenarios: ReadonlySet<string>;
  /** Whether to run conversations (experiment.stages.interaction_generation). */
  converse: boolean;
  /** The quality judge (`judge.enabled`): scores each finished conversation, stored in `metadata.judge`. */
  conversationJudge?: { op: Operation<JudgeInput, JudgeScores>; model: ModelRef } | undefined;
}

/** What a run reports of each conversation it stored (`PipelineResult.interactions`). */
export interface InteractionSummary {
  interaction_id: string;
  persona_id: string;
  num_turns: number;
  termination_reason: string;
}

export function interactionSummary(record: InteractionInput): InteractionSummary {
  return {
    interaction_id: record.interaction_id,
    persona_id: record.persona_id,
    num_turns: record.num_turns,
    termination_reason: String(record.metadata?.termination_reason ?? ""),
  };
}

/**
 * Executes one work item: the persona's system prompt (shared), the style transfer with its meaning
 * check (stored as the query record), then the conversation. A pure function of the item, the
 * providers and the seed: items run in any order and a rerun replays finished calls from the cache.
 */
export async function executeItem(
  item: PlanItem,
  deps: ItemDeps,
  options: { signal?: AbortSignal | undefined; priority: (remaining: number) => number },
): Promise<InteractionInput | undefined> {
  try {
    return await runItem(item, deps, options);
  } finally {
    deps.systemPrompts?.release(item.persona_id);
  }
}

async function runItem(
  item: PlanItem,
  deps: ItemDeps,
  options: { signal?: AbortSignal | undefined; priority: (remaining: number) => number },
): Promise<InteractionInput | undefined> {
  const persona = deps.personas.get(item.persona_id);
  if (!persona) throw new Error(`plan item ${item.item_id} names an unknown persona ${item.persona_id}`);
  const promptPromise = deps.systemPrompts?.get(persona, options.signal);
  // Awaited below; if the query step throws first, its rejection must not go unhandled.
  promptPromise?.catch(() => undefined);
  const query = deps.storedQueries.get(item.item_id) ?? (await adaptQuery(item, persona, deps, options));
  if (!deps.converse) {
    await promptPromise;
    return undefined;
  }
  const systemPrompt = promptPromise ? await promptPromise : undefined;
  const useSystemPrompt = deps.config.interaction_generation.assistant_model.use_system_prompt;
  const record = await runConversation(
    {
      interactionId: item.interaction_id,
      personaId: item.persona_id,
      features: persona.features,
      queryId: item.query_id,
      originalQuery: item.original_query,
      initialQuery: query.adapted_query,
      targetTurns: item.target_turns,
    },
    deps.conversation(item),
    {
      systemPrompt: useSystemPrompt ? (systemPrompt?.system_prompt ?? undefined) : undefined,
      signal: options.signal,
      priority: options.priority,
      metadata: {
        item_id: item.item_id,
        generation: deps.generation,
        source_dataset: item.source_dataset,
        // The seed query's own domain: what the statistics match personas against (see queryDomainOf).
        ...(item.query_domain === undefined ? {} : { query_domain: item.query_domain }),
        style_transfer: {
          was_style_transferred: query.was_style_transferred,
          prompt_type: query.prompt_type,
          target_length: query.target_length,
          inferred_domain: query.inferred_domain,
          inferred_scenario: query.inferred_scenario,
          ...(query.meaning_score === undefined
            ? {}
            : { meaning_score: query.meaning_score, meaning_flagged: query.meaning_flagged ?? false }),
        },
        ...(systemPrompt && systemPrompt.system_prompt === null
          ? { system_prompt_error: systemPrompt.reason }
          : {}),
        // Kept with the conversation it shaped; exported with `format.include_system_prompt`.
        ...(useSystemPrompt && systemPrompt?.system_prompt
          ? { system_prompt: systemPrompt.system_prompt }
          : {}),
        created_at: deps.clock.now().toISOString(),
      },
    },
  );
  if (!deps.conversationJudge) return record;
  const { op, model } = deps.conversationJudge;
  const judged = await deps.llm.run(op, judgeInputOf(record), {
    model,
    itemId: item.item_id,
    priority: options.priority(1),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return {
    ...record,
    metadata: { ...record.metadata, judge: judgeRecord(judged.output, judged.provider, judged.model) },
  };
}

async function adaptQuery(
  item: PlanItem,
  persona: PlannedPersona,
  deps: ItemDeps,
  options: { signal?: AbortSignal | undefined; priority: (remaining: number) => number },
): Promise<QueryRecord> {
  const base = {
    query_id: item.query_id,
    item_id: item.item_id,
    generation: deps.generation,
    persona_id: item.persona_id,
    original_query: item.original_query,
    target_length: item.target_length,
    target_turns: item.target_turns,
    prompt_type: item.prompt_type,
    source_dataset: item.source_dataset,
  };
  let record: QueryRecord;
  if (!item.style_transfer) {
    record = {
      ...base,
      adapted_query: item.original_query,
      was_style_transferred: false,
      inferred_domain: known(deps.domains, item.query_domain),
      inferred_scenario: "others",
    };
  } else {
    const check = deps.config.query_generation.style_transfer.meaning_check;
    const ctx = (sampleIndex: number, model: ModelRef) => ({
      model,
      itemId: item.item_id,
      sampleIndex,
      priority: options.priority(2 * item.target_turns + 1),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    let best: { out: StyleTransferOutput; score?: number; reason?: string } | undefined;
    const tries = check.enabled ? check.max_retries + 1 : 1;
    for (let attempt = 0; attempt < tries; attempt++) {
      const input: StyleTransferInput = {
        features: persona.features,
        query: item.original_query,
        targetLength: item.target_length,
        targetTurns: item.target_turns,
        promptType: item.prompt_type,
      };
      const out = (await deps.llm.run(deps.styleTransfer, input, ctx(attempt, deps.styleModel))).output;
      if (!check.enabled) {
        best = { out };
        break;
      }
      const verdict = (
        await deps.llm.run(
          deps.judge,
          { original: item.original_query, adapted: out.adapted_query },
          ctx(attempt, deps.judgeModel),
        )
      ).output;
      if (!best || (best.score ?? 0) < verdict.score)
        best = { out, score: verdict.score, reason: verdict.reason };
      if (verdict.score >= check.threshold) break;
    }
    const chosen = best as { out: StyleTransferOutput; score?: number; reason?: string };
    record = {
      ...base,
      adapted_query: chosen.out.adapted_query,
      was_style_transferred: true,
      inferred_domain: known(deps.domains, chosen.out.inferred_domain),
      inferred_scenario: known(deps.scenarios, chosen.out.inferred_scenario),
      ...(chosen.score === undefined
        ? {}
        : {
            meaning_score: chosen.score,
            meaning_flagged: chosen.score < check.threshold,
            meaning_reason: chosen.reason ?? "",
          }),
    };
  }
  await deps.queryStore.save(record as unknown as Record<string, unknown>);
  return record;
}

/** A value of the bank, or `others`. */
function known(values: ReadonlySet<string>, value: string | undefined): string {
  if (value === undefined) return "others";
  const normalised = value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  return values.has(normalised) ? normalised : "others";
}
