import { type ChatMessage, type ChatOptions, chatMessages } from "./chat.js";
import type { LineEncoder } from "./jsonl.js";

const FROM: Record<ChatMessage["role"], "system" | "human" | "gpt"> = {
  system: "system",
  user: "human",
  assistant: "gpt",
};

/**
 * `sharegpt`: `{"conversations": [{"from": "system"|"human"|"gpt", "value"}, …]}` per line — the
 * messages of the `openai` format under ShareGPT's names, so human and gpt alternate.
 */
export function sharegptLine(options: ChatOptions): LineEncoder {
  return (sample) => {
    const chat = chatMessages(sample, options);
    if ("skip" in chat) return chat;
    return {
      record: { conversations: chat.messages.map((m) => ({ from: FROM[m.role], value: m.content })) },
    };
  };
}
