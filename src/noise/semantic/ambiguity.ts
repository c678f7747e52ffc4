import { fill } from "../../text/user-text.js";
import { hasAny, wordTable } from "../../text/word-table.js";
import {
  ambiguousTemplates,
  contradictionsOf,
  DEFAULTS,
  type LabelledPhrase,
  phrasesOf,
} from "./patterns.js";
import type { SlotType } from "./slots.js";
import {
  appendClause,
  type NoiseState,
  requestOf,
  slotsOf,
  splice,
  strategyDef,
  upperFirst,
} from "./state.js";
import { changedValue } from "./values.js";

/**
 * The `semantic_ambiguity` layer offline: a second request tacked on, a verb that fits two tasks, two
 * requirements that pull apart, a change of mind half-way. Each returns false when it could not apply.
 */

// A plausible second request, by subject area (the request's own field first, then its kind).
const SECOND_REQUESTS: Readonly<Record<string, readonly string[]>> = {
  coding: [
    "how do I write a test for it?",
    "is there a faster way to do this?",
    "what's the best way to document it?",
  ],
  coding_fix: [
    "how do I stop this from happening again?",
    "could this break anything else?",
    "should I report it as a bug?",
  ],
  travel: ["what should I pack?", "any tips for getting around?", "is it worth getting travel insurance?"],
  writing: [
    "can you suggest a subject line too?",
    "can you make a shorter version as well?",
    "what's a good title for it?",
  ],
  plan: ["what should I pack?", "any tips for keeping costs down?", "how do I keep track of it all?"],
  finance: ["should I talk to an advisor about this?", "how does this affect my taxes?"],
  health: ["how much water should I drink?", "is it ok to do this every day?"],
  legal: ["do I need a lawyer for this?", "how long does this usually take?"],
  data: ["how should I visualise the result?", "which tool would you use for this?"],
  business: ["how do I measure whether it's working?", "what would this cost, roughly?"],
  general: [
    "what's the most common mistake people make with this?",
    "can you make me a short checklist too?",
    "is there a good book on this?",
    "how long will it take, roughly?",
  ],
};

const TRAVEL = wordTable(
  "hotel|hotels|flight|flights|trip|travel*|itinerary|vacation|holiday|visit*|airbnb|hostel",
);

function secondRequest(state: NoiseState): string {
  const { analysis, user } = requestOf(state);
  const field = analysis.field;
  const key =
    field === "coding" && analysis.kind === "fix"
      ? "coding_fix"
      : hasAny(user.words, TRAVEL)
        ? "travel"
        : field !== "general"
          ? field
          : analysis.kind === "write" || analysis.kind === "review"
            ? "writing"
            : analysis.kind === "plan"
              ? "plan"
              : "general";
  return state.rng.pick(SECOND_REQUESTS[key] ?? (SECOND_REQUESTS.general as readonly string[]));
}

function formalQuestion(text: string): string {
  return text
    .replace(/^can you\b/i, "could you")
    .replace(/\bwhat's\b/gi, "what is")
    .replace(/\bit's\b/gi, "it is")
    .replace(/\bok\b/gi, "acceptable");
}

/** `multi_intent`: a second, related request joined with one of the strategy's connectors. */
export function multiIntent(state: NoiseState, name: string): boolean {
  const connectors = phrasesOf(
    strategyDef(state, name),
    "connectors",
    DEFAULTS.connectors,
    state.formal,
    DEFAULTS.connectorsFormal,
  );
  if (connectors.length === 0) return false;
  const connector = state.rng.pick(connectors).replace(/[,:]+$/, "");
  let second = secondRequest(state);
  if (/\balso\b/i.test(connector)) second = second.replace(/ (?:too|as well)\?$/, "?");
  if (state.formal) second = formalQuestion(second);
  const trimmedEnd = state.text.trimEnd().length;
  const body = state.text.slice(0, trimmedEnd);
  let addition: string;
  if (/[.?!]["”')]?$/.test(body)) {
    const lead = state.casual ? connector.toLowerCase() : upperFirst(connector);
    addition = ` ${lead}, ${second}`;
  } else {
    addition = `, ${connector.toLowerCase()} ${second}`;
  }
  splice(state, name, trimmedEnd, trimmedEnd, addition);
  return true;
}

const TASK_VERBS = new Set(
  "explain describe write draft compose create generate make build implement design fix debug solve repair compare plan schedule organize organise outline list brainstorm give suggest recommend find pick choose calculate compute convert estimate summarize summarise translate review critique improve proofread edit rewrite rephrase shorten polish refactor optimize optimise check analyze analyse tell teach".split(
    " ",
  ),
);
const IMPERATIVE_LEAD =
  /^((?:(?:hi|hey|hello|ok|okay|so|please|pls)[\s,!.]+)*(?:(?:can|could|would|will) (?:you|u) (?:please |pls )?(?:help me (?:to )?)?|please |help me (?:to )?|i need (?:you )?to |i want (?:you )?to |i(?:'d| would) like (?:you )?to )?)([A-Za-z]+)\b/i;
const HOW_LEAD = /^how (?:do|can|should|would|could) (?:i|we) [a-z]+\b/i;
const WHAT_LEAD = /^(?:what(?:'s| is| are)|whats)(?=\s+(?:the|a|an|my|your|our|this|these|some)\b)/i;

/** `intent_ambiguity`: the request's verb swapped for one that fits several tasks ("look at", "sort out"). */
export function intentAmbiguity(state: NoiseState, name: string): boolean {
  const templates = ambiguousTemplates(strategyDef(state, name));
  const template = state.rng.pick(templates);
  // "look at {O}" can replace a verb in place; "make {O} work" needs an object of its own.
  const trailing = template.endsWith("{O}") ? template.slice(0, -3).trim() : undefined;
  const verbPhrase = trailing ?? `${fill(template, { O: "this" })}:`;
  const ask = state.formal ? "could you" : "can you";
  for (const start of sentenceStarts(state.text)) {
    const rest = state.text.slice(start);
    const imperative = IMPERATIVE_LEAD.exec(rest);
    const verb = imperative?.[2];
    if (imperative !== null && verb !== undefined && TASK_VERBS.has(verb.toLowerCase())) {
      const at = start + (imperative[1]?.length ?? 0);
      const replacement = (imperative[1] ?? "") === "" ? matchCase(verb, verbPhrase) : verbPhrase;
      // "Find me a hotel": the "me" goes with the verb.
      const object = /^\s+(?:me|us)\b/i.exec(rest.slice(imperative[0].length));
      splice(state, name, at, at + verb.length + (object?.[0].length ?? 0), replacement);
      return true;
    }
    const lead = HOW_LEAD.exec(rest) ?? WHAT_LEAD.exec(rest);
    if (lead !== null) {
      splice(state, name, start, start + lead[0].length, matchCase(lead[0], `${ask} ${verbPhrase}`));
      return true;
    }
  }
  const prefix = `${upperFirst(ask)} ${fill(template, { O: "this" })}? `;
  // The first character whole (an emoji is two UTF-16 units): never half of it.
  const point = state.text.codePointAt(0);
  const first = point === undefined ? "" : String.fromCodePoint(point);
  const lowered = /^[A-Z][a-z]/.test(state.text) && !/^I\b/.test(state.text) ? first.toLowerCase() : first;
  splice(state, name, 0, first.length, `${prefix}${lowered}`);
  return true;
}

function matchCase(original: string, replacement: string): string {
  return /^[A-Z]/.test(original) ? upperFirst(replacement) : replacement;
}

/** Where sentences start (at most three), skipping whitespace. */
function sentenceStarts(text: string): number[] {
  const starts: number[] = [];
  let i = 0;
  while (i < text.length && /\s/.test(text[i] ?? "")) i++;
  starts.push(i);
  for (let j = i; j < text.length && starts.length < 3; j++) {
    if (/[.?!]/.test(text[j] ?? "") && text[j + 1] === " ") {
      let k = j + 1;
      while (k < text.length && text[k] === " ") k++;
      if (k < text.length) starts.push(k);
    }
  }
  return starts;
}

// Which contradictions fit which requests.
const RELEVANT: Readonly<Record<string, (state: NoiseState) => number>> = {
  length: (s) =>
    hasSlot(s, "length") || ["write", "explain", "summarize", "review"].includes(requestOf(s).analysis.kind)
      ? 3
      : 1,
  tone: (s) => (hasSlot(s, "tone") || requestOf(s).analysis.kind === "write" ? 3 : 0.5),
  formality: (s) => (hasSlot(s, "tone") || requestOf(s).analysis.kind === "write" ? 3 : 0.5),
  budget: (s) => (hasSlot(s, "budget") || requestOf(s).analysis.kind === "recommend" ? 3 : 0.3),
  time: (s) => (hasSlot(s, "date") || hasSlot(s, "time") ? 3 : 1),
  speed_quality: () => 1,
  scope: (s) => (["explain", "howto", "plan"].includes(requestOf(s).analysis.kind) ? 2 : 1),
  simplicity_completeness: (s) =>
    ["explain", "howto", "write"].includes(requestOf(s).analysis.kind) ? 2 : 1,
};

function hasSlot(state: NoiseState, type: SlotType): boolean {
  return slotsOf(state).some((s) => s.type === type);
}

/** `self_contradiction`: a constraint that conflicts with another ("keep it short but cover everything"). */
export function selfContradiction(state: NoiseState, name: string): boolean {
  const options = contradictionsOf(strategyDef(state, name), state.formal);
  if (options.length === 0) return false;
  const weights = options.map((o: LabelledPhrase) => RELEVANT[o.label ?? ""]?.(state) ?? 1);
  const chosen = options[state.rng.weightedIndex(weights)] as LabelledPhrase;
  appendClause(state, name, chosen.phrase);
  return true;
}

const CHANGEABLE: readonly SlotType[] = [
  "quantity",
  "length",
  "duration",
  "budget",
  "date",
  "time",
  "format",
  "tone",
  "language",
  "audience",
];
const GENERIC_CHANGES: Readonly<Record<string, readonly string[]>> = {
  write: ["make it more casual", "make it shorter", "make it more formal"],
  explain: ["just give me the short version", "go into more detail"],
  plan: ["make it a checklist instead", "make it a bit less ambitious"],
  list: ["just give me the top three", "make it a longer list"],
  general: ["keep it short", "make it a list instead", "go into more detail"],
};

/** `mind_changing`: a self-correction that changes one slot value, both versions left in the text. */
export function mindChanging(state: NoiseState, name: string): boolean {
  const markers = phrasesOf(
    strategyDef(state, name),
    "patterns",
    DEFAULTS.corrections,
    state.formal,
    DEFAULTS.correctionsFormal,
  );
  if (markers.length === 0) return false;
  const marker = state.rng.pick(markers).replace(/[,:]+$/, "");
  const slots = state.rng.shuffle(slotsOf(state).filter((s) => CHANGEABLE.includes(s.type)));
  for (const slot of slots) {
    const next = changedValue(slot, state.rng);
    if (next === undefined) continue;
    const old = slot.text.slice(slot.valueStart - slot.start);
    if (next.toLowerCase() === old.toLowerCase()) continue;
    const forms = state.formal
      ? [`${marker}, please make it ${next} rather than ${old}`, `${marker}, ${next} instead of ${old}`]
      : [`${marker}, make it ${next}`, `${marker}, ${next} instead`, `${marker}, ${next} not ${old}`];
    appendClause(state, name, state.rng.pick(forms));
    return true;
  }
  const kind = requestOf(state).analysis.kind;
  const generic = GENERIC_CHANGES[kind] ?? (GENERIC_CHANGES.general as readonly string[]);
  appendClause(state, name, `${marker}, ${state.rng.pick(generic)}`);
  return true;
}
