import type { Config } from "../config/schema.js";
import type { LlmService } from "../llm/llm-service.js";
import type { ModelRef } from "../llm/model-ref.js";
import type { Operation } from "../llm/operation.js";
import type { ChatMessage } from "../llm/types.js";
import type { Distractor, NoiseOutcome, SemanticNoiseResult } from "../noise/distractor.js";
import type { PersonaFeatures } from "../persona/persona.js";
import type { AssistantInput } from "./assistant-operation.js";
import type { InteractionInput, Message, TerminationReason } from "./record.js";
import type { UserTurnInput, UserTurnOutput } from "./user-simulator-operation.js";

/** What one conversation needs: who, which query (already style-transferred), how long. */
export interface ConversationPlan {
  interactionId: string;
  personaId: string;
  features: PersonaFeatures;
  queryId: string;
  originalQuery: string;
  initialQuery: string;
  targetTurns: number;
}

export interface ConversationDeps {
  config: Config;
  llm: LlmService;
  assistant: ModelRef;
  userModel: ModelRef;
  userOp: Operation<UserTurnInput, UserTurnOutput>;
  assistantOp: Operation<AssistantInput, string>;
  distractor: Distractor | undefined;
}

export interface ConversationOptions {
  systemPrompt: string | undefined;
  signal?: AbortSignal | undefined;
  /** Called after every call so the scheduler can favour conversations with more work left. */
  priority?: (remainingCalls: number) => number;
  /** Extra metadata for the record (style transfer details, created_at, …). */
  metadata?: Record<string, unknown>;
}

/**
 * Stage 4: runs one conversation. The assistant (fixed for the conversation) gets native chat
 * messages with the noisy user texts; the simulated user reads the clean history. `min_turns` and
 * `max_turns` hold, the conversation always ends on an assistant reply, and the record says why it
 * ended. Failures propagate (the pipeline records the item as failed).
 */
export async function runConversation(
  plan: ConversationPlan,
  deps: ConversationDeps,
  options: ConversationOptions,
): Promise<InteractionInput> {
  const { min_turns: minTurns, max_turns: maxTurns } = deps.config.interaction_generation;
  const targetTurns = Math.min(maxTurns, Math.max(minTurns, plan.targetTurns));
  const itemId = plan.interactionId;
  const chat: ChatMessage[] = [];
  const memo = new Map<string, unknown>(); // the offline engine's per-conversation memo
  const cleanHistory: Array<{ role: "user" | "assistant"; content: string }> = [];
  const messages: Message[] = [];
  const followups: Array<{
    turn: number;
    clean_feedback: string;
    noisy_versions: NoiseOutcome["version"][];
    used_version: string;
  }> = [];
  const semanticFollowups: SemanticNoiseResult[] = [];
  let inputTokens = 0;
  let outputTokens = 0;
  let calls = 0;
  let noiseApplied = false;
  const tally = (r: { inputTokens: number; outputTokens: number }) => {
    inputTokens += r.inputTokens;
    outputTokens += r.outputTokens;
    calls++;
  };
  const ctx = (sampleIndex: number, remaining: number, model: ModelRef) => ({
    model,
    itemId,
    sampleIndex,
    ...(options.priority ? { priority: options.priority(remaining) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });

  const noise = async (
    clean: string,
    turn: number,
    kind: "initial_query" | "follow_up_feedback",
  ): Promise<NoiseOutcome | undefined> => {
    if (!deps.distractor?.appliesTo(kind)) return undefined;
    const outcome = await deps.distractor.apply(clean, plan.features, itemId, turn, options.signal, memo);
    noiseApplied ||= outcome.applied;
    return outcome;
  };

  const addUser = (clean: string, outcome: NoiseOutcome | undefined, turn: number) => {
    const content = outcome?.text ?? clean;
    chat.push({ role: "user", content });
    cleanHistory.push({ role: "user", content: clean });
    messages.push({
      role: "user",
      content,
      metadata: {
        turn,
        ...(turn === 0 ? { is_initial: true } : { is_followup: true }),
        clean_version: clean,
        was_noised: content !== clean,
      },
    });
  };

  const initialNoise = await noise(plan.initialQuery, 0, "initial_query");
  addUser(plan.initialQuery, initialNoise, 0);

  let reason: TerminationReason = "max_turns";
  // Set when the user gave up: their give-up line was sent and this reply answers it, the last one.
  let answeringGiveUp = false;
  for (let turn = 0; ; turn++) {
    const remaining = 2 * (targetTurns - turn);
    const reply = await deps.llm.run(
      deps.assistantOp,
      { systemPrompt: options.systemPrompt, messages: chat.slice(), model: deps.assistant.model, memo },
      ctx(turn, remaining, deps.assistant),
    );
    tally(reply);
    chat.push({ role: "assistant", content: reply.output });
    cleanHistory.push({ role: "assistant", content: reply.output });
    messages.push({
      role: "assistant",
      content: reply.output,
      metadata: { turn, model: reply.model, provider: reply.provider },
    });
    if (answeringGiveUp) break;
    const done = turn + 1;
    if (done >= maxTurns) {
      reason = "max_turns";
      break;
    }
    const verdict = await askUser(
      plan,
      deps,
      cleanHistory,
      reply.output,
      done,
      targetTurns,
      memo,
      (i) => ctx(1000 + turn * 10 + i, remaining - 1, deps.userModel),
      tally,
    );
    const feedback = verdict.feedback?.trim() ?? "";
    if (verdict.gave_up && done >= minTurns) {
      reason = "gave_up";
      // The label is only true when the record shows it: the give-up line is the last user turn,
      // and the assistant's answer to it ends the conversation (never an unanswered user message).
      if (feedback === "") break;
      answeringGiveUp = true;
    } else if (verdict.satisfied && done >= minTurns) {
      reason = "satisfied";
      break;
    }
    // Below min_turns a satisfied or departing user still sends the next message.
    const outcome = await noise(feedback, done, "follow_up_feedback");
    addUser(feedback, outcome, done);
    followups.push({
      turn: done,
      clean_feedback: feedback,
      noisy_versions: outcome ? [outcome.version] : [],
      used_version: outcome?.text ?? feedback,
    });
    if (outcome)
      semanticFollowups.push({ ...outcome.semantic, metadata: { ...outcome.semantic.metadata, turn: done } });
  }

  const numTurns = messages.filter((m) => m.role === "assistant").length;
  return {
    interaction_id: plan.interactionId,
    persona_id: plan.personaId,
    persona_features: plan.features,
    original_query: plan.originalQuery,
    initial_query: plan.initialQuery,
    messages,
    num_turns: numTurns,
    metadata: {
      query_id: plan.queryId,
      termination_reason: reason,
      target_turns: targetTurns,
      assistant_model: {
        provider: messages.find((m) => m.role === "assistant")?.metadata?.provider as string,
        model: deps.assistant.model,
      },
      system_prompt_used: options.systemPrompt !== undefined,
      total_messages: messages.length,
      conversation_ended: true,
      distractor_applied: noiseApplied,
      distractor_type: deps.distractor
        ? deps.config.distractor.use_semantic
          ? "semantic"
          : "rule_based"
        : "none",
      noisy_versions: {
        initial_query: {
          clean_query: plan.initialQuery,
          noisy_versions: initialNoise ? [initialNoise.version] : [],
        },
        followups,
      },
      ...(initialNoise || semanticFollowups.length > 0
        ? {
            semantic_noise: {
              ...(initialNoise ? { initial_query: initialNoise.semantic } : {}),
              followups: semanticFollowups,
            },
          }
        : {}),
      usage: { calls, input_tokens: inputTokens, output_tokens: outputTokens },
      ...options.metadata,
    },
  } as InteractionInput;
}

/**
 * Asks the simulated user for a verdict. A user who is satisfied below `min_turns` with nothing to
 * say is asked again (another sample), so every follow-up is the user's own words.
 */
async function askUser(
  plan: ConversationPlan,
  deps: ConversationDeps,
  history: Array<{ role: "user" | "assistant"; content: string }>,
  lastReply: string,
  currentTurn: number,
  targetTurns: number,
  memo: Map<string, unknown>,
  ctx: (attempt: number) => Parameters<LlmService["run"]>[2],
  tally: (r: { inputTokens: number; outputTokens: number }) => void,
): Promise<UserTurnOutput> {
  const minTurns = deps.config.interaction_generation.min_turns;
  let verdict: UserTurnOutput | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const input: UserTurnInput = {
      features: plan.features,
      history: history.slice(),
      lastReply,
      currentTurn,
      minTurns,
      memo,
      // Asking again below min_turns: tell the user the conversation is planned to go on.
      targetTurns: attempt === 0 ? targetTurns : Math.max(targetTurns, minTurns + attempt),
    };
    const result = await deps.llm.run(deps.userOp, input, ctx(attempt));
    tally(result);
    verdict = result.output;
    if (currentTurn >= minTurns || verdict.feedback?.trim()) return verdict;
  }
  return { ...(verdict ?? { satisfied: false }), feedback: "Can you go into a bit more detail on that?" };
}
