import { type PersonaTraits, personaTraits } from "../../offline/traits/persona-traits.js";
import type { PersonaFeatures } from "../../persona/persona.js";
import type { Rng } from "../../rng/random.js";
import type { Edit } from "../edits.js";
import { applyRuleNoise, type RuleSpec, surfaceStrategyRules } from "../rule-noise.js";
import type { LayerName, StrategyFile } from "../strategy-config.js";
import { applySemanticStrategy } from "./dispatch.js";
import { compress, type OfflineIntent, readRequest, slotRecord, topicText } from "./intent.js";
import { isCasualPhrase, phrasesOf } from "./patterns.js";
import type { NoiseState } from "./state.js";

export type { OfflineIntent };

/**
 * Heuristic intent extraction: a `verb_object` intent (`write_email`, `debug_code`, `plan_trip`,
 * `compare_options`, …), the slot values with their exact text (numbers with units, dates and times,
 * money, quantities, quoted names, format, length, tone and audience words, the topic), and the
 * request without pleasantries.
 */
export function offlineExtractIntent(text: string): OfflineIntent {
  const reading = readRequest(text);
  return {
    intent: reading.intent,
    slots: slotRecord(reading.slots, topicText(reading, text)),
    compressed_text: compress(text),
  };
}

/** What the offline semantic distractor gets. */
export interface OfflineSemanticNoiseInput {
  text: string;
  layer: LayerName;
  /** Strategy names, as chosen for the layer (unknown names are skipped, never claimed). */
  strategies: readonly string[];
  strategyFile: StrategyFile;
  /** The persona: a formal one gets no emoji and no text-speak. */
  features?: PersonaFeatures | undefined;
  /** The persona's traits when the caller already has them (saves re-reading `features`). */
  traits?: PersonaTraits | undefined;
}

/** The noisy text, the strategies that changed it (in order), and every edit (see `replayToClean`). */
export interface OfflineSemanticNoiseResult {
  noisy_text: string;
  applied_strategies: string[];
  edits?: Edit[];
}

const FALLBACK = "real_life_fragments";
const FORMAL_FRAGMENTS = ["A quick question", "Before I forget", "If you have a moment", "One question"];
const TEXT_SPEAK_RULES = new Set(["emoji", "abbreviation"]);

/**
 * The offline path of the three-layer semantic distractor. `incomplete_info` and `semantic_ambiguity`
 * strategies are templates over the request's slots and sentences (missing_slots, vague_slot_values,
 * context_dependency, unclear_priority; multi_intent, intent_ambiguity, self_contradiction,
 * mind_changing), using the strategy file's own phrase lists when it has them; `surface_noise`
 * strategies run their rule recipes (`surfaceStrategyRules` → `applyRuleNoise`). Every change is an
 * edit, so the clean text can be rebuilt. Protected spans (numbers, URLs, code, quotes, emails) change
 * only where a strategy is about that slot. The result always differs from the input and lists only
 * the strategies that changed something; when none could, a surface recipe (`real_life_fragments`)
 * is applied and listed instead. Formal personas get no emoji and no text-speak.
 */
export function offlineSemanticNoise(input: OfflineSemanticNoiseInput, rng: Rng): OfflineSemanticNoiseResult {
  const traits = input.traits ?? (input.features === undefined ? undefined : personaTraits(input.features));
  const formal = traits !== undefined && traits.formality >= 3;
  const casual = traits !== undefined && traits.casualness >= 0.6;
  const state: NoiseState = {
    text: input.text,
    edits: [],
    clean: input.text,
    slotCache: undefined,
    requestCache: undefined,
    rng,
    formal,
    casual,
    layer: input.layer,
    strategyFile: input.strategyFile,
  };
  const applied: string[] = [];
  const surface: string[] = [];
  const seen = new Set<string>();
  for (const name of input.strategies) {
    if (seen.has(name)) continue;
    seen.add(name);
    if (surfaceStrategyRules(name) !== undefined) surface.push(name);
    else if (input.text.trim() !== "" && applySemanticStrategy(state, name)) applied.push(name);
  }
  const persona = personaFor(input.features, formal);
  if (surface.length > 0) {
    for (const name of runSurface(state, surface, persona)) applied.push(name);
  }
  if (applied.length === 0 || state.text === input.text) {
    fallback(state, persona);
    if (!applied.includes(FALLBACK)) applied.push(FALLBACK);
  }
  return { noisy_text: state.text, applied_strategies: applied, edits: state.edits };
}

function personaFor(
  features: PersonaFeatures | undefined,
  formal: boolean,
): Readonly<Record<string, unknown>> | undefined {
  // The rules hold emoji and text-speak back for `formality_level: formal`; say so whatever the spelling.
  if (formal) return { ...features, formality_level: "formal" };
  return features;
}

/** Runs the surface strategies' rule recipes in one pass; returns the strategies whose rules changed something. */
function runSurface(
  state: NoiseState,
  names: readonly string[],
  persona: Readonly<Record<string, unknown>> | undefined,
): string[] {
  const owner = new Map<string, string>();
  const specs: RuleSpec[] = [];
  for (const name of names) {
    const recipe = surfaceStrategyRules(name, state.strategyFile.strategies.surface_noise[name]) ?? [];
    for (const spec of recipe) {
      if (state.formal && TEXT_SPEAK_RULES.has(spec.name)) continue;
      const usable = state.formal ? formalSpec(spec) : spec;
      specs.push(usable);
      owner.set(spec.name, name);
      if (spec.fallback !== undefined) owner.set(spec.fallback, name);
    }
  }
  if (specs.length === 0) return [];
  const result = applyRuleNoise(state.text, { strategies: specs, rng: state.rng, persona });
  if (result.edits.length === 0) return [];
  state.text = result.noisy_text;
  for (const edit of result.edits) state.edits.push(edit);
  const applied: string[] = [];
  for (const rule of result.applied_strategies) {
    const name = owner.get(rule);
    if (name !== undefined && !applied.includes(name)) applied.push(name);
  }
  return names.filter((n) => applied.includes(n));
}

/** A rule spec with its phrase lists cleared of text-speak, for a formal persona. */
function formalSpec(spec: RuleSpec): RuleSpec {
  const params = spec.params;
  if (params === undefined) return spec;
  const cleaned: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    cleaned[key] = Array.isArray(value)
      ? value.filter((v) => typeof v !== "string" || !isCasualPhrase(v))
      : value;
  }
  for (const key of ["fragments", "attitudes", "phrases"]) {
    if (Array.isArray(cleaned[key]) && (cleaned[key] as unknown[]).length === 0) delete cleaned[key];
  }
  return { ...spec, params: cleaned };
}

/** The guaranteed change: a real-life fragment before or after the request. */
function fallback(state: NoiseState, persona: Readonly<Record<string, unknown>> | undefined): void {
  const def = state.strategyFile.strategies.surface_noise[FALLBACK];
  const fragments = phrasesOf(
    def,
    "fragments",
    ["quick question", "before I forget", "on my phone"],
    state.formal,
    FORMAL_FRAGMENTS,
  );
  if (state.text.trim() === "") {
    const phrase = state.rng.pick(fragments);
    state.edits.push({ strategy: FALLBACK, position: 0, before: state.text, after: phrase });
    state.text = phrase;
    return;
  }
  const result = applyRuleNoise(state.text, {
    strategies: [{ name: FALLBACK, intensity: 1, params: { fragments } }],
    rng: state.rng,
    persona,
  });
  state.text = result.noisy_text;
  for (const edit of result.edits) state.edits.push(edit);
}
