import { type ChatOptions, chatMessages } from "./chat.js";
import type { LineEncoder } from "./jsonl.js";

/**
 * `openai`: chat fine-tuning JSONL, `{"messages": [{"role", "content"}, …]}` per line and nothing
 * else (see {@link chatMessages} for the rules every line meets).
 */
export function openaiLine(options: ChatOptions): LineEncoder {
  return (sample) => {
    const chat = chatMessages(sample, options);
    return "skip" in chat ? chat : { record: { messages: chat.messages } };
  };
}
