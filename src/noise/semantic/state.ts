import type { Rng } from "../../rng/random.js";
import { findProtectedSpans, isFree } from "../../text/protected-spans.js";
import type { Edit } from "../edits.js";
import type { LayerName, Strategy, StrategyFile } from "../strategy-config.js";
import type { RequestRead, TextReadings } from "../text-readings.js";
import { type SlotSpan, shiftSlots } from "./slots.js";

/**
 * The text being made noisy by the offline semantic strategies, with every change recorded as an
 * {@link Edit} (so `replayToClean` rebuilds the clean text) and the slot spans kept in step.
 */
export interface NoiseState {
  text: string;
  edits: Edit[];
  /** The clean text. */
  clean: string;
  /** Slots of the current text, once asked for (see {@link slotsOf}). */
  slotCache: SlotSpan[] | undefined;
  /** The spans, tokens, slots and request analysis of the texts the strategies start from, shared by every try. */
  readings: TextReadings;
  rng: Rng;
  /** Formal persona: no text-speak, no emoji, full sentences. */
  formal: boolean;
  /** Casual persona: lower-case joins, no final periods added. */
  casual: boolean;
  layer: LayerName;
  strategyFile: StrategyFile;
}

/** Replaces `[start, end)` of the current text with `after`, recording the edit. */
export function splice(state: NoiseState, strategy: string, start: number, end: number, after: string): void {
  const before = state.text.slice(start, end);
  if (before === after) return;
  state.text = state.text.slice(0, start) + after + state.text.slice(end);
  state.edits.push({ strategy, position: start, before, after });
  if (state.slotCache !== undefined) state.slotCache = shiftSlots(state.slotCache, start, end, after.length);
}

/**
 * The slots of the current text, found on first use and then kept in step with every splice (a slot
 * a splice touched is gone). Strategies that need no slot never pay for finding them.
 */
export function slotsOf(state: NoiseState): SlotSpan[] {
  state.slotCache ??= state.readings.slotsOf(state.text);
  return state.slotCache;
}

/** The request analysis (kind, topic, words) of the clean text, read once for every try. */
export function requestOf(state: NoiseState): RequestRead {
  return state.readings.requestOf(state.clean);
}

/** The strategy's definition in the strategy file: in the given layer first, else in any layer. */
export function strategyDef(state: NoiseState, name: string): Strategy | undefined {
  const layers = state.strategyFile.strategies;
  return (
    layers[state.layer][name] ??
    layers.incomplete_info[name] ??
    layers.semantic_ambiguity[name] ??
    layers.surface_noise[name]
  );
}

/**
 * Where a trailing phrase goes in the request sentence: right before its final punctuation (the first
 * question, else the first sentence), outside protected spans; the trimmed end of the text otherwise.
 */
export function requestEnd(text: string): { at: number; punct: string } {
  const spans = findProtectedSpans(text);
  let firstEnd = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== "." && c !== "?" && c !== "!") continue;
    const next = text[i + 1];
    if (next !== undefined && next !== " " && next !== "\n") continue;
    if (!isFree(i, i + 1, spans)) continue;
    // Back up over a run of punctuation ("??", "?!").
    let at = i;
    while (at > 0 && /[.?!]/.test(text[at - 1] ?? "")) at--;
    if (c === "?") return { at, punct: text.slice(at, i + 1) };
    if (firstEnd < 0) firstEnd = at;
  }
  if (firstEnd >= 0) return { at: firstEnd, punct: text[firstEnd] ?? "." };
  return { at: text.trimEnd().length, punct: "" };
}

/** True when `text` ends a sentence. */
function endsSentence(text: string): boolean {
  return /[.?!]["”')]?\s*$/.test(text);
}

/** The first letter upper-cased. */
export function upperFirst(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}

/**
 * Appends a clause at the end of the text: as its own sentence after a full stop or question mark
 * (capitalised unless the persona writes casually), else after a comma.
 */
export function appendClause(state: NoiseState, strategy: string, clause: string): void {
  const trimmedEnd = state.text.trimEnd().length;
  const body = state.text.slice(0, trimmedEnd);
  let addition: string;
  if (body === "") addition = upperFirst(clause);
  else if (endsSentence(body)) {
    const sentence = state.casual ? clause : upperFirst(clause);
    addition = ` ${sentence}${state.casual || /[.?!]$/.test(clause) ? "" : "."}`;
  } else addition = `, ${clause}`;
  splice(state, strategy, trimmedEnd, trimmedEnd, addition);
}
