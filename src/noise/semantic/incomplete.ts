import { phrasesForRegister } from "../register-phrases.js";
import { DEFAULTS, isCasualPhrase, phrasesOf, vagueFor } from "./patterns.js";
import type { SlotSpan, SlotType } from "./slots.js";
import { type NoiseState, requestEnd, slotsOf, splice, strategyDef, upperFirst } from "./state.js";
import { leadingNumber, type ValueEdit, vagueBudget, vagueCount } from "./values.js";

/**
 * The `incomplete_info` layer offline: the goal stays clear, a detail goes missing, gets blurred,
 * points at a context the assistant cannot see, or is handed back as "whatever you think is best".
 * Each returns false when it found nothing to change (and then changed nothing).
 */

const REMOVABLE: ReadonlySet<SlotType> = new Set([
  "budget",
  "date",
  "time",
  "duration",
  "quantity",
  "length",
  "audience",
  "format",
  "tone",
  "place",
  "environment",
]);
const DANGLING = new Set([
  "for",
  "on",
  "by",
  "in",
  "at",
  "to",
  "from",
  "until",
  "before",
  "of",
  "with",
  "under",
  "within",
]);

/** Removes `[start, end)` and the space, comma or preposition that would be left dangling, as one edit. */
function removeRange(state: NoiseState, strategy: string, start: number, end: number): void {
  const text = state.text;
  let s = start;
  let e = end;
  // A preposition the slot leaves behind goes with it ("for" in "for 14-17 May" when only the date matched).
  const prev = /([A-Za-z]+)\s+$/.exec(text.slice(Math.max(0, s - 14), s));
  if (prev !== null && DANGLING.has((prev[1] ?? "").toLowerCase())) s -= prev[0].length;
  if (text[s - 1] === " ") s--;
  else if (text[e] === " ") e++;
  if (text[s - 1] === "," && (e >= text.length || /[,.?!;]/.test(text[e] ?? ""))) s--;
  let from = s;
  let after = "";
  // "an 8-week plan" without "8-week" is "a plan".
  const article = /(?:^|\s)(an?)$/i.exec(text.slice(Math.max(0, s - 4), s));
  const next = /^\s*([A-Za-z])/.exec(text.slice(e));
  if (article?.[1] !== undefined && next?.[1] !== undefined) {
    const wanted = /[aeiou]/i.test(next[1]) ? "an" : "a";
    if (article[1].toLowerCase() !== wanted) {
      from = s - article[1].length;
      after = article[1][0] === "A" ? upperFirst(wanted) : wanted;
    }
  }
  if (from === 0 && after === "") {
    // At the very start: drop the following spaces and keep the capital.
    while (text[e] === " ") e++;
    const first = text[e];
    if (first !== undefined && /[A-Z]/.test(text[0] ?? "")) {
      splice(state, strategy, 0, e + 1, first.toUpperCase());
      return;
    }
  }
  splice(state, strategy, from, e, after);
}

// "I'm on Flask 2.2.2": after a form of "be" the slot is the predicate, and cannot just go.
const AFTER_BE = /(?:\b(?:am|is|are|was|were|be|been|being)|['’](?:m|re|s))\s*$/i;

/** True when the slot can leave the sentence without breaking it. */
function detachable(text: string, slot: SlotSpan): boolean {
  return !AFTER_BE.test(text.slice(Math.max(0, slot.start - 10), slot.start));
}

/** `missing_slots`: one or two concrete details removed (a number, a date, a budget, an audience …). */
export function missingSlots(state: NoiseState, name: string): boolean {
  const candidates = slotsOf(state).filter((s) => REMOVABLE.has(s.type) && detachable(state.text, s));
  if (candidates.length === 0) return false;
  const count = candidates.length >= 2 && state.rng.chance(0.35) ? 2 : 1;
  const chosen = state.rng.sample(candidates, count).sort((a, b) => b.start - a.start);
  // Right to left, so each removal leaves the positions of the ones still to do unchanged.
  for (const current of chosen) removeDetail(state, name, current);
  return true;
}

const VAGUE_KIND: Partial<Record<SlotType, string>> = {
  budget: "exact_price",
  date: "exact_time",
  time: "exact_time",
  duration: "exact_number",
  quantity: "exact_number",
  length: "exact_length",
  place: "exact_place",
};

/** `vague_slot_values`: a precise value replaced by a vague one from the strategy's `vague_patterns`. */
export function vagueSlotValues(state: NoiseState, name: string): boolean {
  const def = strategyDef(state, name);
  const candidates = slotsOf(state).filter(
    (s) =>
      VAGUE_KIND[s.type] !== undefined &&
      !(s.type === "length" && s.valueStart === s.start && !/\d|one|two|three|four|five/i.test(s.text)),
  );
  if (candidates.length === 0) return false;
  const nonPlace = candidates.filter((s) => s.type !== "place");
  const ordered = state.rng.shuffle(nonPlace.length > 0 ? nonPlace : candidates);
  for (const slot of ordered) {
    const kind = VAGUE_KIND[slot.type] as string;
    const phrases = vagueFor(def, kind, state.formal);
    if (phrases.length === 0) continue;
    const phrase = state.rng.pick(phrases);
    const edit = vagueEdit(state.text, slot, phrase);
    if (edit === undefined) continue;
    splice(state, name, edit.start, edit.end, edit.text);
    return true;
  }
  return false;
}

function vagueEdit(text: string, slot: SlotSpan, phrase: string): ValueEdit | undefined {
  switch (slot.type) {
    case "budget":
      return vagueBudget(text, slot, phrase);
    case "quantity":
    case "duration":
      return (
        vagueCount(slot, phrase) ??
        (slot.type === "duration" ? { start: slot.start, end: slot.end, text: "for a while" } : undefined)
      );
    default:
      return { start: slot.start, end: slot.end, text: phrase };
  }
}

// Context patterns that read as an adverbial and can stand where a format or tone was.
const ADVERBIAL = /^(?:like|the usual|same|as|in the same|my usual)\b/i;
// The details a reference or a delegation can stand for: what the request asks for (not a count in
// a question: "why does it return 3 rows" states a fact).
const REQUEST_DETAILS: ReadonlySet<SlotType> = new Set([...REMOVABLE].filter((t) => t !== "quantity"));
const STATED_PREFERENCE: ReadonlySet<SlotType> = new Set(["tone", "format", "length", "audience"]);

/** Detail slots of the current text that can leave it without breaking the sentence. */
function detachableDetails(state: NoiseState, types: ReadonlySet<SlotType>): SlotSpan[] {
  return slotsOf(state).filter((s) => types.has(s.type) && detachable(state.text, s));
}

/**
 * Removes one detail (a `quantity`'s number only, "five practice problems" → "practice problems").
 */
function removeDetail(state: NoiseState, name: string, slot: SlotSpan): void {
  const num = slot.type === "quantity" && slot.valueStart === slot.start ? leadingNumber(slot) : undefined;
  if (num !== undefined) removeRange(state, name, num.start, num.end);
  else removeRange(state, name, slot.start, slot.end);
}

/**
 * `context_dependency`: a detail replaced by a reference to shared context the assistant cannot see
 * ("as a table" → "same format as before"; "for 14-17 May" → gone, ", like last time" added). Not
 * applicable to a text without a detail to replace: the reference must stand for something.
 */
export function contextDependency(state: NoiseState, name: string): boolean {
  const patterns = phrasesOf(
    strategyDef(state, name),
    "patterns",
    DEFAULTS.context,
    state.formal,
    DEFAULTS.contextFormal,
  );
  const details = detachableDetails(state, REQUEST_DETAILS);
  if (patterns.length === 0 || details.length === 0) return false;
  const phrase = state.rng.pick(patterns);
  const inPlace = details.filter((s) => s.type === "format" || s.type === "tone" || s.type === "environment");
  if (ADVERBIAL.test(phrase) && inPlace.length > 0 && state.rng.chance(0.6)) {
    const slot = state.rng.pick(inPlace);
    splice(state, name, slot.start, slot.end, phrase);
    return true;
  }
  removeDetail(state, name, state.rng.pick(details));
  insertAtRequestEnd(state, name, phrase);
  return true;
}

/**
 * `unclear_priority`: a stated preference or detail dropped and the decision handed back ("whatever
 * you think is best"). Not applicable to a text that states nothing the assistant could decide.
 */
export function unclearPriority(state: NoiseState, name: string): boolean {
  const patterns = delegations(state, name);
  const preferences = detachableDetails(state, STATED_PREFERENCE);
  const details = preferences.length > 0 ? preferences : detachableDetails(state, REQUEST_DETAILS);
  if (patterns.length === 0 || details.length === 0) return false;
  const phrase = state.rng.pick(patterns);
  removeDetail(state, name, state.rng.pick(details));
  const end = requestEnd(state.text);
  if (end.punct.startsWith("?")) {
    const trimmed = state.text.trimEnd().length;
    const sentence = state.casual ? phrase : `${upperFirst(phrase)}.`;
    splice(state, name, trimmed, trimmed, ` ${sentence}`);
  } else {
    insertAtRequestEnd(state, name, phrase);
  }
  return true;
}

/**
 * The strategy file's delegation phrases that fit the persona's register (`phrasesForRegister`: the
 * file may file them under `casual` / `neutral` / `formal`), else the built-in ones.
 */
function delegations(state: NoiseState, name: string): string[] {
  const register = state.formal ? "formal" : state.casual ? "casual" : "neutral";
  const own = phrasesForRegister(strategyDef(state, name)?.patterns, register).filter(
    (p) => !state.formal || !isCasualPhrase(p),
  );
  if (own.length > 0) return own;
  return state.formal ? DEFAULTS.priorityFormal.slice() : DEFAULTS.priority.slice();
}

/** Inserts ", phrase" right before the request sentence's final punctuation. */
function insertAtRequestEnd(state: NoiseState, name: string, phrase: string): void {
  const { at } = requestEnd(state.text);
  const before = state.text.slice(0, at);
  const joiner = before === "" ? "" : /[,;:]\s*$/.test(before) ? " " : ", ";
  splice(state, name, at, at, before === "" ? upperFirst(phrase) : `${joiner}${phrase}`);
}
