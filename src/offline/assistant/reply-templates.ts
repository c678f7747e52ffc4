import { z } from "zod";
import { REQUEST_KINDS, type RequestKind } from "../../text/request-analysis.js";
import { loadDataJson } from "../../util/data-json.js";

/**
 * The phrase pools of the offline assistant, from data/offline/assistant-replies.json (its `about`
 * lists the slots). Read once, when this module is first imported.
 */

const lines = z.array(z.string().min(1)).min(1);
const byKind = z.record(z.enum(REQUEST_KINDS), lines);

const Followup = z.object({
  continue_openers: lines,
  thanks: lines,
  thanks_formal: lines,
  giveup: lines,
  giveup_formal: lines,
  pushback: lines,
  pushback_closers: lines,
  step_openers: lines,
  sub_steps: lines,
  analogies: lines,
  clarify_context: lines,
  clarify_closers: lines,
  apply_openers: lines,
  apply_openers_plain: lines,
  apply_details: lines,
  adaptations: lines,
  next_openers: lines,
  next_steps: lines,
  constraint_openers: lines,
  constraint_openers_plain: lines,
  constraint_points: lines,
  constraint_notes: lines,
  deeper_points: lines,
  deeper_openers: lines,
  example_openers: lines,
  example_cases: lines,
  example_closers: lines,
  shorter_openers: lines,
});

const Notes = z.object({
  context: lines,
  context_formal: lines,
  delegation: lines,
  change_plain: lines,
  change: lines,
  contradiction: lines,
  second: lines,
  second_plain: lines,
});

const Replies = z.object({
  intro_noun: byKind,
  intro_action: lines,
  intro_plain: byKind,
  intro_whether: lines,
  items: byKind,
  elaborations: lines,
  jargon_points: lines,
  plain_points: lines,
  example_lines: lines,
  why_lines: lines,
  closings: byKind,
  qualities: lines,
  source_lines: lines,
  followup: Followup,
  notes: Notes,
});

const REPLIES = loadDataJson(Replies, "offline", "assistant-replies.json");

/** Openers by kind, for a topic that reads as a noun phrase ("about {T}"). */
export const INTRO_NOUN: Readonly<Record<RequestKind, readonly string[]>> = REPLIES.intro_noun;
/** Openers for a topic that is an action ("undo your last git commit"). */
export const INTRO_ACTION: readonly string[] = REPLIES.intro_action;
/** Openers that need no topic phrase. */
export const INTRO_PLAIN: Readonly<Record<RequestKind, readonly string[]>> = REPLIES.intro_plain;
/** Openers for a yes/no question whose topic is a clause ("whether {T}"). */
export const INTRO_WHETHER: readonly string[] = REPLIES.intro_whether;
/** Body points by kind. */
export const ITEMS: Readonly<Record<RequestKind, readonly string[]>> = REPLIES.items;
/** Extra sentences for long answers, appended to points. */
export const ELABORATIONS: readonly string[] = REPLIES.elaborations;
/** A technical aside for points, when jargon is welcome. */
export const JARGON_POINTS: readonly string[] = REPLIES.jargon_points;
/** The plain-language aside, when the user asked for plain words. */
export const PLAIN_POINTS: readonly string[] = REPLIES.plain_points;
/** Example lines, when examples are wanted. */
export const EXAMPLE_LINES: readonly string[] = REPLIES.example_lines;
/** "Why this works" lines, for long answers. */
export const WHY_LINES: readonly string[] = REPLIES.why_lines;
/** Closing offers by kind. */
export const CLOSINGS: Readonly<Record<RequestKind, readonly string[]>> = REPLIES.closings;
/** Qualities a comparison weighs. */
export const QUALITIES: readonly string[] = REPLIES.qualities;
/** Lines citing where to check, when sources are wanted. */
export const SOURCE_LINES: readonly string[] = REPLIES.source_lines;
/** The pools of the answers to follow-ups (see `reply-followup.ts`), each named for its use. */
export const FOLLOWUP: Readonly<Record<keyof z.infer<typeof Followup>, readonly string[]>> = REPLIES.followup;
/** The notes on messy input (see `reply-awareness.ts`); `{Q}` is the user's phrase they quote. */
export const NOTES: Readonly<Record<keyof z.infer<typeof Notes>, readonly string[]>> = REPLIES.notes;
