import type { Rng } from "../../rng/random.js";
import { grammarPass } from "../../text/grammar.js";
import { viewReplyOnce } from "../../text/reply-view.js";
import { hashString, restore } from "../../text/user-text.js";
import type { WordRepairs } from "../../text/word-repairs.js";
import { memoEntry } from "../../util/memo-entry.js";
import { messageReadings } from "../message-readings.js";
import { keywordHits } from "./message-keywords.js";
import { awarenessNotes } from "./reply-awareness.js";
import { composeFresh } from "./reply-compose.js";
import {
  groundedFollowUp,
  type RequestFacts,
  replyContext,
  requestFacts,
  sayFresh,
} from "./reply-context.js";
import { type ReplyCues, systemCues, withMessageCues } from "./reply-cues.js";
import { composeFollowUp } from "./reply-followup.js";
import { FOLLOWUP } from "./reply-templates.js";
import { SaidMemory } from "./said-memory.js";
import type { SystemCuesCache } from "./system-cues-cache.js";

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
  /** The run's cache of system prompt cues (see SystemCuesCache). Optional; results are the same without it. */
  cuesCache?: SystemCuesCache | undefined;
  /** The run's repairs of the user's slips (see WordRepairs). Optional; results are the same without it. */
  repairs?: WordRepairs | undefined;
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
  return grammarPass(composeReply(input, rng));
}

function composeReply(input: OfflineAssistantInput, rng: Rng): string {
  let system = "";
  let first: string | undefined;
  let latest: string | undefined;
  let previousReply: string | undefined;
  const earlier: string[] = [];
  for (const m of input.messages) {
    if (m.role === "system") system = system === "" ? m.content : `${system}\n${m.content}`;
    else if (m.role === "user") {
      first ??= m.content;
      latest = m.content;
    } else {
      earlier.push(m.content);
      if (latest !== undefined) previousReply = m.content;
    }
  }
  if (latest === undefined || first === undefined || latest.trim() === "") {
    return "Hi! What would you like help with? Tell me a bit about what you're working on and I'll take it from there.";
  }
  // The last assistant message counts only when it answered an earlier user message.
  const lastIndex = lastUserIndex(input.messages);
  const answeredBefore =
    previousReply !== undefined && lastIndex > 0 && hasAssistantBefore(input.messages, lastIndex);
  const memo = input.memo;
  const state = memoState(memo);
  if (state.model !== input.model) {
    state.model = input.model;
    state.house = hashString(input.model);
  }
  const house = state.house;
  // Read with the user's typos repaired: everything said back (the topic, a constraint, a
  // correction) comes from this reading, never from the message as typed.
  const readings = messageReadings(memo);
  const latestText = readings.respelled(latest, input.repairs);
  const said = restore(latestText.masked, latestText);
  if (state.system !== system || state.cues === undefined) {
    state.system = system;
    state.cues = input.cuesCache?.cuesOf(system) ?? systemCues(system);
  }
  // The message's keywords, read once for its asks and for the notes on messy input.
  const hits = keywordHits(latestText.masked);
  const cues: ReplyCues = withMessageCues(state.cues, hits);
  const notes = awarenessNotes(said, hits, cues.register === "formal", rng);
  // The conversation's own earlier answers: what they said is not drawn again. The memory of them is
  // kept in the memo and grown by the last answer.
  const memory = SaidMemory.of(earlier, state.said);
  state.said = memory;

  if (answeredBefore && previousReply !== undefined) {
    if (state.first !== first || state.firstFacts === undefined) {
      state.first = first;
      const firstText = readings.respelled(first, input.repairs);
      state.firstFacts = requestFacts(firstText, readings.analysis(firstText));
    }
    const ctx = replyContext(state.firstFacts, cues, rng, house, memory);
    const view = viewReplyOnce(previousReply, memo);
    const answer = composeFollowUp(ctx, said, latestText, previousReply, view);
    if (answer !== undefined) return notes.length === 0 ? answer : `${answer}\n\n${notes.join("\n\n")}`;
    const opener = sayFresh(ctx, FOLLOWUP.continue_openers);
    const facts = groundedFollowUp(requestFacts(latestText, readings.analysis(latestText)), state.firstFacts);
    return `${opener} ${composeFresh(replyContext(facts, cues, rng, house, memory), said, notes)}`;
  }
  const facts = requestFacts(latestText, readings.analysis(latestText));
  // The first message is the request every later turn refers back to: keep what was read of it.
  if (latest === first) {
    state.first = first;
    state.firstFacts = facts;
  }
  return composeFresh(replyContext(facts, cues, rng, house, memory), said, notes);
}

// What the assistant keeps between the turns of one conversation (in `input.memo`): the system
// prompt's cues, the model's house style and the first message's facts, each with the text it was
// read from, so a different text is read afresh and a reply never depends on the memo.
interface AssistantMemo {
  system: string | undefined;
  cues: ReplyCues | undefined;
  model: string | undefined;
  house: number;
  first: string | undefined;
  firstFacts: RequestFacts | undefined;
  /** The sentences of the earlier assistant turns (see `SaidMemory.of`). */
  said: SaidMemory | undefined;
}

const MEMO_KEY = "offline:assistant";

function memoState(memo: Map<string, unknown> | undefined): AssistantMemo {
  return memoEntry<AssistantMemo>(memo, MEMO_KEY, () => ({
    system: undefined,
    cues: undefined,
    model: undefined,
    house: 0,
    first: undefined,
    firstFacts: undefined,
    said: undefined,
  }));
}

function lastUserIndex(messages: readonly OfflineChatMessage[]): number {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]?.role === "user") return i;
  return -1;
}

function hasAssistantBefore(messages: readonly OfflineChatMessage[], index: number): boolean {
  for (let i = index - 1; i >= 0; i--) if (messages[i]?.role === "assistant") return true;
  return false;
}
