import { type Operation, textOutput } from "../llm/operation.js";
import type { ChatMessage } from "../llm/types.js";

export interface AssistantInput {
  /** The persona's system prompt, when the assistant is given one. */
  systemPrompt: string | undefined;
  /** The conversation with native roles, ending with the user's (possibly noisy) message. */
  messages: ChatMessage[];
  model: string;
  /** Per-conversation memo for the offline engine (see offlineAssistantReply); never sent anywhere. */
  memo?: Map<string, unknown>;
}

/** Stage 4: the assistant under test answers the conversation so far. */
export const assistantOperation: Operation<AssistantInput, string> = {
  name: "assistant_reply",
  stage: "interaction",
  maxTokens: 1024,
  messages: ({ systemPrompt, messages }) =>
    systemPrompt ? [{ role: "system", content: systemPrompt }, ...messages] : messages,
  output: textOutput(),
  offline: async () => {
    const { offlineAssistantReply } = await import("../offline/assistant/assistant-reply.js");
    const { SystemCuesCache } = await import("../offline/assistant/system-cues-cache.js");
    const { WordRepairs } = await import("../text/word-repairs.js");
    // Loaded once per run (per LlmService): the run's conversations share their prompts' cues and
    // the repairs of their users' slips.
    const cuesCache = new SystemCuesCache();
    const repairs = new WordRepairs();
    return ({ systemPrompt, messages, model, memo }, rng) =>
      offlineAssistantReply(
        {
          messages: systemPrompt ? [{ role: "system", content: systemPrompt }, ...messages] : messages,
          model,
          memo,
          cuesCache,
          repairs,
        },
        rng,
      );
  },
};
