import type { Rng } from "../../rng/random.js";
import { awarenessNotes } from "./conversation/reply-awareness.js";
import { composeFresh } from "./conversation/reply-compose.js";
import { replyContext } from "./conversation/reply-context.js";
import { type ReplyCues, systemCues, withMessageCues } from "./conversation/reply-cues.js";
import { composeFollowUp } from "./conversation/reply-followup.js";
import { viewReply } from "./conversation/reply-view.js";
import { hashString, readUserText } from "./conversation/user-text.js";

/** One chat message as the assistant sees it. */
export interface OfflineChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** The offline assistant's input: the whole conversation (system prompt optional) and the model name. */
export interface OfflineAssistantInput {
  messages: readonly OfflineChatMessage[];
  /** The pool model this reply stands in for; each name writes in a slightly different house style. */
  model: string;
  /**
   * Per-conversation memo: what depends only on the system prompt and the first message is read once
   * per conversation instead of at every turn. Optional; results are the same without it.
   */
  memo?: Map<string, unknown> | undefined;
}

/**
 * A template-based assistant answer to the latest user message: a short opener, two to six points
 * (numbered steps for how-tos, fixes and plans; a code block for coding requests; a draft for writing
 * requests; a table for comparisons when asked), and a closing offer. Its length, layout and register
 * follow the system prompt's cues ("concise", "step-by-step", "examples", "formal", "beginner", …) and
 * any explicit ask in the message ("shorter", "as a table"). It repeats the user's numbers, names and
 * quoted text exactly, answers follow-ups in the context of the previous answer ("step 2 was …"), and
 * notices messy input (a second request, a change of mind, a reference it cannot see). Clearly
 * synthetic but coherent; never empty; a pure function of the messages, the model name and `rng`.
 */
export function offlineAssistantReply(input: OfflineAssistantInput, rng: Rng): string {
  let system = "";
  let first: string | undefined;
  let latest: string | undefined;
  let previousReply: string | undefined;
  for (const m of input.messages) {
    if (m.role === "system") system = system === "" ? m.content : `${system}\n${m.content}`;
    else if (m.role === "user") {
      first ??= m.content;
      latest = m.content;
    } else if (latest !== undefined) previousReply = m.content;
  }
  if (latest === undefined || first === undefined || latest.trim() === "") {
    return "Hi! What would you like help with? Tell me a bit about what you're working on and I'll take it from there.";
  }
  // The last assistant message counts only when it answered an earlier user message.
  const lastIndex = lastUserIndex(input.messages);
  const answeredBefore =
    previousReply !== undefined && lastIndex > 0 && hasAssistantBefore(input.messages, lastIndex);
  const house = hashString(input.model);
  const latestText = readUserText(latest);
  const memo = input.memo;
  const once = <T>(key: string, make: () => T): T => {
    if (!memo) return make();
    if (!memo.has(key)) memo.set(key, make());
    return memo.get(key) as T;
  };
  const cues: ReplyCues = withMessageCues(
    once(`cues:${system}`, () => systemCues(system)),
    latestText.words,
  );
  const notes = awarenessNotes(latest, latestText.words, cues.register === "formal", rng);

  if (answeredBefore && previousReply !== undefined) {
    const ctx = replyContext(
      once(`first:${first}`, () => readUserText(first)),
      cues,
      rng,
      house,
    );
    const answer = composeFollowUp(ctx, latest, latestText, previousReply, viewReply(previousReply));
    if (answer !== undefined) return notes.length === 0 ? answer : `${answer}\n\n${notes.join("\n\n")}`;
    const opener = rng.pick([
      "Building on the previous answer:",
      "Sure, continuing from there.",
      "Good follow-up.",
    ]);
    return `${opener} ${composeFresh(replyContext(latestText, cues, rng, house), latest, notes)}`;
  }
  return composeFresh(replyContext(latestText, cues, rng, house), latest, notes);
}

function lastUserIndex(messages: readonly OfflineChatMessage[]): number {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]?.role === "user") return i;
  return -1;
}

function hasAssistantBefore(messages: readonly OfflineChatMessage[], index: number): boolean {
  for (let i = index - 1; i >= 0; i--) if (messages[i]?.role === "assistant") return true;
  return false;
}
