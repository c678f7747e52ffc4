import { renderPersona } from "../persona/render-persona.js";
import type { TrainingSample } from "../training/sample.js";

/** A message of the chat formats: exactly a role and a non-empty content. */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** How the chat formats (`openai`, `sharegpt`) turn a conversation into training messages. */
export interface ChatOptions {
  /**
   * Whose turns are the targets. `assistant`: the conversation as it happened. `user`: for training
   * user simulators — the persona is the system message, the seed query the first user message, the
   * persona's turns are the assistant messages and the assistant's replies the user messages.
   */
  target: "assistant" | "user";
  /** `noisy`: the user text the assistant saw; `clean`: the text before noise was injected. */
  userText: "noisy" | "clean";
}

/** The default chat options: assistant targets, the user text as the assistant saw it. */
export const DEFAULT_CHAT_OPTIONS: ChatOptions = { target: "assistant", userText: "noisy" };

/**
 * The messages of a sample for chat fine-tuning, or why it cannot have any. The result alternates
 * user and assistant after an optional system message and ends with a target turn. With assistant
 * targets the system message is the persona's system prompt when the sample carries one
 * (`system_prompt`).
 */
export function chatMessages(
  sample: TrainingSample,
  options: ChatOptions,
): { messages: ChatMessage[] } | { skip: string } {
  const conversation = sample.fullConversation;
  if (!conversation) return { skip: "the sample has no full_conversation" };
  const turns: ChatMessage[] = [];
  for (const message of conversation) {
    if (message.role === "system") continue;
    const clean = message.metadata?.clean_version;
    const content =
      message.role === "user" && options.userText === "clean" && typeof clean === "string"
        ? clean
        : message.content;
    turns.push({ role: message.role, content });
  }
  const messages =
    options.target === "assistant" ? assistantTargets(sample, turns) : userTargets(sample, turns);
  if ("skip" in messages) return messages;
  return checked(messages.messages);
}

function assistantTargets(sample: TrainingSample, turns: ChatMessage[]): { messages: ChatMessage[] } {
  while (turns.length > 0 && turns.at(-1)?.role !== "assistant") turns.pop();
  const systemPrompt = sample.toDict().system_prompt;
  const system: ChatMessage[] =
    typeof systemPrompt === "string" && systemPrompt.trim() !== ""
      ? [{ role: "system", content: systemPrompt }]
      : [];
  return { messages: [...system, ...turns] };
}

function userTargets(
  sample: TrainingSample,
  turns: ChatMessage[],
): { messages: ChatMessage[] } | { skip: string } {
  if (!sample.personaFeatures) return { skip: "the sample has no persona_features" };
  const swapped = turns.map(
    (m): ChatMessage => ({ role: m.role === "user" ? "assistant" : "user", content: m.content }),
  );
  while (swapped.length > 0 && swapped.at(-1)?.role !== "assistant") swapped.pop();
  return {
    messages: [
      { role: "system", content: personaSystemMessage(sample.personaFeatures) },
      { role: "user", content: sample.originalQuery },
      ...swapped,
    ],
  };
}

/** The system message of a user simulator: who it plays. */
export function personaSystemMessage(features: Readonly<Record<string, unknown>>): string {
  return `You are a user talking to an AI assistant. Stay in character as this persona:\n${renderPersona(features)}\nThe first message tells you what you want help with; write only your own messages.`;
}

/** Enforces the chat fine-tuning rules, so no line that a trainer would reject is written. */
function checked(messages: ChatMessage[]): { messages: ChatMessage[] } | { skip: string } {
  let previous: ChatMessage["role"] | undefined;
  for (const [i, message] of messages.entries()) {
    if (message.content.trim() === "") return { skip: `message ${i} (${message.role}) is empty` };
    if (message.role === "system" && i !== 0) return { skip: "a system message after the first" };
    if (message.role !== "system" && message.role === previous)
      return { skip: `two ${message.role} messages in a row at message ${i}` };
    previous = message.role;
  }
  if (!messages.some((m) => m.role === "user") || messages.at(-1)?.role !== "assistant") {
    return { skip: "no user turn followed by a target turn" };
  }
  return { messages };
}
