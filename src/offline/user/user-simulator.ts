import type { PersonaFeatures } from "../../persona/persona.js";
import type { Rng } from "../../rng/random.js";
import { grammarPass } from "../../text/grammar.js";
import { findJargon, type JargonField, textField } from "../../text/jargon.js";
import { itemGist, type ReplyView, viewReplyOnce } from "../../text/reply-view.js";
import { fill } from "../../text/user-text.js";
import { memoEntry } from "../../util/memo-entry.js";
import { messageReadings } from "../message-readings.js";
import { curtSubject, requestSubject } from "../request-subject.js";
import { type PersonaTraits, personaTraits } from "../traits/persona-traits.js";
import { type LineFacts, plainForm, poolFacts, slotBits, usable } from "./user-line-facts.js";
import {
  CLOSINGS,
  CONSTRAINT_AREA,
  CONSTRAINTS,
  GIVE_UPS,
  MOVE_LINES,
  SPECIFIC_CLOSINGS,
  type UserMove,
} from "./user-lines.js";
import { type UserProfile, userProfile } from "./user-profile.js";
import { lowerFirst, type Mood, voice } from "./user-voice.js";

/** The simulated user's input: the persona, the conversation so far and the reply just received. */
export interface OfflineUserTurnInput {
  features: PersonaFeatures;
  /** The conversation so far as the user saw it (it may or may not end with `lastReply`). */
  history: ReadonlyArray<{ role: "user" | "assistant"; content: string }>;
  lastReply: string;
  /** Assistant replies so far, 1-based. */
  currentTurn: number;
  targetTurns: number;
  /** Below this many replies the conversation goes on: the user asks a real next question. */
  minTurns?: number | undefined;
  /**
   * The persona's traits when the caller already has them (read once per conversation): saves
   * re-reading the features on every turn. Must be `personaTraits(features)`.
   */
  traits?: PersonaTraits | undefined;
  /**
   * Per-conversation memo (the one the offline assistant gets): the persona's profile and the first
   * message are read once per conversation, and the reply is read once for both sides. Optional;
   * results are the same without it.
   */
  memo?: Map<string, unknown> | undefined;
}

/** `{satisfied, feedback}` as the user simulator operation returns it; `gave_up` only when true. */
export interface OfflineUserTurn {
  satisfied: boolean;
  feedback: string | null;
  gave_up?: boolean;
}

/** Chance of being satisfied early (before the target), by follow-up tendency. */
const EARLY = [0.7, 0.1, 0.05, 0.02];
const LONG_REPLY = 900;
const FORMAT_WORDS: Readonly<Record<string, string>> = {
  table: "a table",
  bullets: "bullet points",
  numbered_steps: "numbered steps",
  checklist: "a checklist",
  code_block: "code",
  paragraphs: "a short paragraph",
  outline: "an outline",
  pros_cons: "a pros and cons list",
  qa: "a Q&A",
};

/**
 * The simulated user's reaction to the latest reply. Before `targetTurns` the user explores: asks what
 * a term means, applies the answer to their situation, pushes back, asks for another layout or depth,
 * asks about a step, moves to the next part or adds a constraint they forgot, each move weighted by
 * the persona and pointing at something in the reply. At or after the target they wrap up: satisfied,
 * with a short closing in their voice (or none for a terse one-shot user). Impatient users may give up
 * (`gave_up: true`, a curt closing), more often when the answers are long and they are terse; one-shot
 * users are satisfied early. Register, formality, urgency, emoji, text-speak and length follow the
 * persona. A pure function of the input and `rng`.
 */
export function offlineUserTurn(input: OfflineUserTurnInput, rng: Rng): OfflineUserTurn {
  const state = memoState(input.memo);
  if (state.features !== input.features || state.traits !== input.traits || state.profile === undefined) {
    state.features = input.features;
    state.traits = input.traits;
    state.profile = userProfile(input.traits ?? personaTraits(input.features));
  }
  const p = state.profile;
  const view = viewReplyOnce(input.lastReply, input.memo);
  const atTarget = input.currentTurn >= input.targetTurns;
  // Below min_turns the conversation goes on whatever the user says: a thank-you or a "never mind"
  // there would be followed by more questions, so the user asks the next real one instead.
  const mayEnd = input.currentTurn >= (input.minTurns ?? 0);
  const giveUp = mayEnd ? giveUpChance(p, view, input.currentTurn) : 0;
  if (giveUp > 0 && rng.chance(atTarget ? giveUp / 2 : giveUp)) {
    // The give-up line is stored as the last user turn: it names what is given up on, as a person does.
    const subject = subjectOf(input, state, p);
    const slots = subject === undefined ? {} : { T: subject };
    const sent = plainsOf(earlierOf(input, state));
    return {
      satisfied: false,
      feedback: line(GIVE_UPS[p.register], p, rng, slots, "annoyed", false, sent),
      gave_up: true,
    };
  }
  // Right after complaining the user is not satisfied yet: the record would end on the complaint
  // (a closing is not stored). They move on with a question that accepts the corrected answer.
  const complained = complainedLast(input.history);
  const mayBeSatisfied = mayEnd && !complained;
  const exhaustivePush =
    atTarget && input.currentTurn === input.targetTurns && p.followUp >= 3 && rng.chance(0.1);
  if (mayBeSatisfied && ((atTarget && !exhaustivePush) || rng.chance(EARLY[p.followUp] ?? 0.1))) {
    return { satisfied: true, feedback: closing(p, view, rng) };
  }
  return { satisfied: false, feedback: explore(p, view, input, state, complained, rng) };
}

// What the simulated user keeps between the turns of one conversation (in `input.memo`), each with
// what it was read from: a different persona or first message is read afresh.
interface UserMemo {
  features: PersonaFeatures | undefined;
  traits: PersonaTraits | undefined;
  profile: UserProfile | undefined;
  firstUser: string | undefined;
  /** The field of the first message (when the reply holds no code). */
  firstField: JargonField | undefined;
  /** What the first message is about, as the user names it later (`{T}`). */
  subject: string | undefined;
  /** The user's messages so far, each read once (see {@link earlierOf}). */
  sent: Map<string, SentMessage>;
}

const MEMO_KEY = "offline:user";

function memoState(memo: Map<string, unknown> | undefined): UserMemo {
  return memoEntry<UserMemo>(memo, MEMO_KEY, () => ({
    features: undefined,
    traits: undefined,
    profile: undefined,
    firstUser: undefined,
    firstField: undefined,
    subject: undefined,
    sent: new Map(),
  }));
}

// What the complaining moves (pushback, too_long, doubt_number) say, in any register or voice.
const COMPLAINT =
  /\b(?:not right|wrong|not what i asked|(?:don't|do not) think|are you sure|(?:doesn't|does not|didn't|did not|won't|will not) (?:match|help|work)|not quite it|skips the actual|tried .{1,80} already|an error in|not sure .{1,40}(?:correct|right)|too long|tl;dr|(?:that's|that is) a lot|cut that down|boil it down|a bit long|seems off|source\?|where's .{1,30} from|where does .{1,40} come from|sounds high|double-check)/i;

/** True when the user's last message complained about the answer. */
function complainedLast(history: OfflineUserTurnInput["history"]): boolean {
  for (let i = history.length - 1; i >= 0; i--) {
    const m = history[i];
    if (m?.role === "user") return i > 0 && COMPLAINT.test(m.content);
  }
  return false;
}

function giveUpChance(p: UserProfile, view: ReplyView, turn: number): number {
  if (p.giveUp === 0) return 0;
  let chance = p.giveUp;
  if (p.hatesLongAnswers && view.length > LONG_REPLY) chance += 0.06;
  return Math.min(0.3, chance * (1 + 0.25 * Math.max(0, turn - 1)));
}

function closing(p: UserProfile, view: ReplyView, rng: Rng): string | null {
  if (p.terse && (p.followUp === 0 || p.register === "curt") && rng.chance(0.6)) return null;
  if (view.items.length > 0 && rng.chance(0.25)) {
    const slots = { N: itemName(view, rng.int(Math.min(view.items.length, 4))) };
    return line(SPECIFIC_CLOSINGS[p.register], p, rng, slots, "thanks", false);
  }
  return line(CLOSINGS[p.register], p, rng, {}, "thanks", false);
}

function itemName(view: ReplyView, index: number): string {
  return `${view.numbered ? "step" : "point"} ${index + 1}`;
}

/**
 * A line of the pool whose slots all have values, never one with a slot left showing ("{N}"), and not
 * one this user already sent in the conversation (`sent`, their messages in {@link plainForm}): the
 * per-conversation no-repeat memory is the history itself. Lines naming what the conversation is
 * about (`{T}`) are preferred when there is such a name, else lines pointing at something in the reply
 * (`{I}`, `{J}`, `{K}`): they tie the message to this conversation.
 * Moves are drawn only when their pool has a usable line; `next` and the closings have lines without
 * slots.
 */
function draftLine(
  pool: readonly string[],
  rng: Rng,
  slots: Readonly<Record<string, string>>,
  sent: readonly string[] = [],
): string {
  const have = slotBits(slots);
  const usableLines = poolFacts(pool).filter((line) => usable(line, have, slots));
  const fresh = usableLines.filter((line) => !sentBefore(line, sent));
  const open = fresh.length > 0 ? fresh : usableLines;
  const grounded = open.filter((line) => line.grounded);
  const pointed = open.filter((line) => line.pointed);
  const choice = grounded.length > 0 ? grounded : pointed.length > 0 ? pointed : open;
  // The slots come from the conversation ("an rundown" from a style-transferred request): the same
  // grammar pass as the assistant's replies.
  return grammarPass(fill(rng.pick(choice).template, slots));
}

/**
 * True when an earlier message (in {@link plainForm}) holds the line's longest fixed wording (8
 * characters or more), compared in a form the voice does not change (case, contractions, text-speak).
 */
function sentBefore(line: LineFacts, sent: readonly string[]): boolean {
  if (sent.length === 0) return false;
  const longest = line.fixedWording;
  return longest.length >= 8 && sent.some((m) => m.includes(longest));
}

const COURTESY_START = /^(?:thanks|thank you|that's (?:helpful|useful)|that makes sense|apologies|sorry)\b/i;

function line(
  pool: readonly string[],
  p: UserProfile,
  rng: Rng,
  slots: Readonly<Record<string, string>>,
  mood: Mood,
  acknowledge: boolean,
  sent: readonly string[] = [],
): string {
  const draft = draftLine(pool, rng, slots, sent);
  return voice(draft, p, rng, {
    mood,
    acknowledge: acknowledge && !COURTESY_START.test(draft),
    urgent: mood !== "thanks",
  });
}

interface Candidate {
  move: UserMove;
  weight: number;
}

function explore(
  p: UserProfile,
  view: ReplyView,
  input: OfflineUserTurnInput,
  state: UserMemo,
  complainedBefore: boolean,
  rng: Rng,
): string {
  const slots: Record<string, string> = {};
  const n = view.items.length;
  if (n > 0) {
    const at = rng.int(Math.min(n, 5));
    slots.N = itemName(view, at);
    // Quoted, the way people point at a bit of an answer: the "check the result" part.
    const gist = itemGist(view, at, 5)
      ?.replace(/["“”\uE100-\uF8FF]/g, "")
      .trim();
    if (gist !== undefined && gist.length > 2) slots.I = `"${lowerFirst(gist)}"`;
  }
  if (p.who !== undefined) slots.W = p.who;
  else if (p.circumstance !== undefined) slots.W = `someone ${p.circumstance}`;
  const term = p.novice || rng.chance(0.3) ? findJargon(input.lastReply) : undefined;
  if (term !== undefined) slots.J = term;
  const firstUser = input.history.find((m) => m.role === "user")?.content ?? "";
  // Only a number the assistant brought in is worth doubting, not one the user gave.
  const ownNumber = view.numbers.find((k) => !firstUser.includes(k) && /\d{2,}|[%$€£]|\d\s\w/.test(k));
  if (ownNumber !== undefined) slots.K = ownNumber;
  slots.G = view.hasCode ? "the command" : n > 0 ? "the key steps" : "the answer";
  const read = earlierOf(input, state);
  const earlier = read.map((m) => m.lower);
  const sent = plainsOf(read);
  const subject = subjectOf(input, state, p);
  if (subject !== undefined) slots.T = subject;
  const area =
    CONSTRAINT_AREA[view.hasCode ? "coding" : (state.firstField ?? "general")] ??
    CONSTRAINT_AREA[p.domain ?? ""] ??
    "general";
  slots.C = rng.pick(CONSTRAINTS[area] ?? (CONSTRAINTS.general as readonly string[]));
  const format = p.format === undefined ? undefined : FORMAT_WORDS[p.format];
  if (format !== undefined && !formatMatches(p.format, view)) slots.F = format;

  const long = view.length > LONG_REPLY;
  const mentioned = earlier.some((m) => /\b(?:forgot|should have mentioned|btw)\b/.test(m));
  const candidates: Candidate[] = [
    { move: "clarify", weight: slots.J === undefined ? 0 : p.novice ? 4 : 0.3 },
    { move: "clarify_step", weight: p.novice && slots.N !== undefined ? 1.2 : 0 },
    { move: "apply", weight: slots.W !== undefined ? 1.4 : 0 },
    { move: "pushback", weight: p.critical ? 2.2 : p.expert ? 0.9 : 0.25 },
    { move: "too_long", weight: long && (p.terse || p.urgency >= 2) ? 2.5 : 0 },
    { move: "skip_basics", weight: p.expert ? 1.5 : 0 },
    { move: "doubt_number", weight: slots.K !== undefined && (p.critical || p.expert) ? 0.8 : 0 },
    { move: "format", weight: slots.F !== undefined ? 1.8 : 0 },
    { move: "shorter", weight: p.answerLength <= 1 && long ? 1.2 : 0 },
    { move: "deeper", weight: p.wantsWhy || p.answerLength >= 3 ? 1.6 : 0.5 },
    { move: "example", weight: p.wantsExamples ? 1.5 : 0.4 },
    { move: "step", weight: slots.N !== undefined ? 1.1 : 0 },
    { move: "next", weight: 0.5 + 0.35 * p.followUp },
    { move: "constraint", weight: mentioned ? 0.15 : 0.8 },
  ];
  // Having just complained, the user takes the corrected answer forward rather than complain again;
  // and the last question before wrapping up is not a complaint, or the conversation would end on one.
  const complained = complainedBefore || input.currentTurn + 1 >= input.targetTurns;
  const have = slotBits(slots);
  const weights = candidates.map((c) =>
    (complained && moodOf(c.move) === "annoyed") ||
    !poolFacts(MOVE_LINES[c.move][p.register]).some((line) => usable(line, have, slots))
      ? 0
      : c.weight,
  );
  for (let attempt = 0; attempt < 3; attempt++) {
    const chosen = candidates[rng.weightedIndex(weights)] as Candidate;
    const draft = draftLine(MOVE_LINES[chosen.move][p.register], rng, slots, sent);
    // The same ask twice in a row reads like a bot: pick another move.
    const probe = draft.slice(0, 24).toLowerCase();
    if (!earlier.some((m) => m.includes(probe))) {
      const text = voice(draft, p, rng, {
        mood: moodOf(chosen.move),
        acknowledge: !COURTESY_START.test(draft),
        urgent: true,
      });
      if (text !== firstUser) return text;
    }
    weights[candidates.indexOf(chosen)] = 0;
    if (!weights.some((w) => w > 0)) break;
  }
  return line(MOVE_LINES.next[p.register], p, rng, slots, "question", false, sent);
}

/** One of the user's earlier messages as a new line is compared with it. */
interface SentMessage {
  /** Lower-cased (what a new line must not repeat). */
  lower: string;
  /** In {@link plainForm}. */
  plain: string;
}

/**
 * The user's earlier messages, each read once per conversation (`state.sent`): a turn compares every
 * line of a pool with all of them.
 */
function earlierOf(input: OfflineUserTurnInput, state: UserMemo): SentMessage[] {
  const out: SentMessage[] = [];
  for (const m of input.history) {
    if (m.role !== "user") continue;
    let read = state.sent.get(m.content);
    if (read === undefined) {
      const lower = m.content.toLowerCase();
      read = { lower, plain: plainForm(lower) };
      state.sent.set(m.content, read);
    }
    out.push(read);
  }
  return out;
}

function plainsOf(read: readonly SentMessage[]): string[] {
  return read.map((m) => m.plain);
}

/** What the conversation is about as this user names it (`{T}`), read once per first message. */
function subjectOf(input: OfflineUserTurnInput, state: UserMemo, p: UserProfile): string | undefined {
  const firstUser = input.history.find((m) => m.role === "user")?.content ?? "";
  if (state.firstUser !== firstUser || state.firstField === undefined) {
    state.firstUser = firstUser;
    state.firstField = textField(firstUser, false);
    state.subject = requestSubject(firstUser, messageReadings(input.memo));
  }
  if (state.subject === undefined) return undefined;
  return p.register === "curt" ? curtSubject(state.subject) : state.subject;
}

function moodOf(move: UserMove): Mood {
  switch (move) {
    case "pushback":
    case "too_long":
    case "doubt_number":
    case "shorter":
      return "annoyed";
    case "constraint":
      return "urgent";
    default:
      return "question";
  }
}

function formatMatches(format: UserProfile["format"], view: ReplyView): boolean {
  switch (format) {
    case "numbered_steps":
      return view.numbered;
    case "bullets":
      return view.items.length > 0 && !view.numbered;
    case "code_block":
      return view.hasCode;
    case "paragraphs":
      return view.items.length === 0;
    default:
      return false;
  }
}
