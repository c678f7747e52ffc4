import { type PersonaTraits, personaTraits } from "../../offline/traits/persona-traits.js";
import type { PersonaFeatures } from "../../persona/persona.js";
import { Rng } from "../../rng/random.js";
import type { Edit } from "../edits.js";
import { applyRuleNoise, type RuleSpec, surfaceStrategyRules } from "../rule-noise.js";
import type { LayerName, StrategyFile } from "../strategy-config.js";
import { TextReadings } from "../text-readings.js";
import { applySemanticStrategy } from "./dispatch.js";
import { compress, type OfflineIntent, readRequest, slotRecord, topicText } from "./intent.js";
import { isCasualPhrase } from "./patterns.js";
import { type NoiseState, strategyDef } from "./state.js";

export type { OfflineIntent };

/**
 * Heuristic intent extraction: a `verb_object` intent (`write_email`, `debug_code`, `plan_trip`,
 * `compare_options`, …), the slot values with their exact text (numbers with units, dates and times,
 * money, quantities, quoted names, format, length, tone and audience words, the topic), and the
 * request without pleasantries. `readings`: where the text may already have been read (the noise
 * step of the same text reads it again).
 */
export function offlineExtractIntent(text: string, readings = new TextReadings()): OfflineIntent {
  const reading = readRequest(text, readings);
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
  /** The strategies drawn for this text (unknown names are skipped, never claimed). */
  strategies: readonly string[];
  /**
   * Every strategy of the layer, in the strategy file's order (default: the drawn ones). Each is
   * tried at its turn, drawn or not, to know whether it could apply to the text.
   */
  layerStrategies?: readonly string[] | undefined;
  strategyFile: StrategyFile;
  /** The persona: a formal one gets no emoji and no text-speak. */
  features?: PersonaFeatures | undefined;
  /** The persona's traits when the caller already has them (saves re-reading `features`). */
  traits?: PersonaTraits | undefined;
  /**
   * When a drawn strategy cannot apply, apply instead one of the layer's strategies that was not
   * drawn and can (chosen by probability); recorded in `replacements`. Off by default: rates stay
   * the configured ones.
   */
  replaceInapplicable?: boolean | undefined;
  /** Where the text may already have been read (by the intent extraction of the same text). */
  readings?: TextReadings | undefined;
}

/**
 * The noisy text, the strategies that changed it (in order), the layer's strategies that could not
 * apply to the text at their turn (drawn or not), and every edit (see `replayToClean`), each labelled
 * with the strategy that made it (and its rule, for a surface strategy).
 */
export interface OfflineSemanticNoiseResult {
  noisy_text: string;
  applied_strategies: string[];
  not_applicable?: string[];
  replacements?: Array<{ drawn: string; applied: string }>;
  edits?: Edit[];
}

const TEXT_SPEAK_RULES = new Set(["emoji", "abbreviation"]);

/**
 * The offline path of the three-layer semantic distractor. `incomplete_info` and `semantic_ambiguity`
 * strategies are templates over the request's slots and sentences (missing_slots, vague_slot_values,
 * context_dependency, unclear_priority; multi_intent, intent_ambiguity, self_contradiction,
 * mind_changing), using the strategy file's own phrase lists when it has them; `surface_noise`
 * strategies run their rule recipes (`surfaceStrategyRules` → `applyRuleNoise`).
 *
 * Labels say what was done. The layer's strategies are tried one by one in the file's order, each on
 * a copy of the text as it is at its turn: one that changes nothing is not applicable (recorded,
 * drawn or not); a drawn one that can apply is applied (its copy kept). So a strategy's rate given
 * applicability is the rate it was drawn at, and `applied_strategies` lists exactly the strategies
 * whose edits are in the text. When nothing applied the text is unchanged (the caller records no
 * noise). Protected spans (numbers, URLs, code, quotes, emails) change only where a strategy is about
 * that slot. Formal personas get no emoji and no text-speak.
 */
export function offlineSemanticNoise(input: OfflineSemanticNoiseInput, rng: Rng): OfflineSemanticNoiseResult {
  const traits = input.traits ?? (input.features === undefined ? undefined : personaTraits(input.features));
  const formal = traits !== undefined && traits.formality >= 3;
  const casual = traits !== undefined && traits.casualness >= 0.6;
  let state: NoiseState = {
    text: input.text,
    edits: [],
    clean: input.text,
    slotCache: undefined,
    readings: input.readings ?? new TextReadings(),
    rng,
    formal,
    casual,
    layer: input.layer,
    strategyFile: input.strategyFile,
  };
  const persona = personaFor(input.features, formal);
  const drawn = new Set(input.strategies);
  const applied: string[] = [];
  const notApplicable: string[] = [];
  const replacements: Array<{ drawn: string; applied: string }> = [];
  const tried = new Set<string>();
  for (const name of input.layerStrategies ?? input.strategies) {
    if (tried.has(name)) continue;
    tried.add(name);
    const after = input.text.trim() === "" ? undefined : tryStrategy(state, name, persona, drawn.has(name));
    if (after === undefined) notApplicable.push(name);
    else if (drawn.has(name)) {
      state = after;
      applied.push(name);
    }
  }
  if (input.replaceInapplicable) {
    for (const name of [...drawn].filter((n) => notApplicable.includes(n))) {
      const pool = [...tried].filter(
        (n) => !drawn.has(n) && !applied.includes(n) && !notApplicable.includes(n),
      );
      const weights = pool.map((n) => strategyDef(state, n)?.probability ?? 0);
      if (!weights.some((w) => w > 0)) break;
      const pick = pool[state.rng.weightedIndex(weights)]!;
      const after = tryStrategy(state, pick, persona, true);
      if (after === undefined) continue;
      state = after;
      applied.push(pick);
      replacements.push({ drawn: name, applied: pick });
    }
  }
  return {
    noisy_text: state.text,
    applied_strategies: applied,
    not_applicable: notApplicable,
    ...(replacements.length > 0 ? { replacements } : {}),
    edits: state.edits,
  };
}

/**
 * The state after applying one strategy to a copy of `state` (with its own random stream forked
 * from the state's), or undefined when the strategy cannot change the text. A surface strategy whose
 * recipe, drawn rule by rule, changed nothing is tried again with every rule of the recipe, so a
 * strategy that can apply does. `keep`: whether the caller keeps the state (a strategy not drawn is
 * tried only to know whether it could apply: its rule edits are not labelled then, the one part of a
 * surface try that costs without drawing from the random stream).
 */
function tryStrategy(
  state: NoiseState,
  name: string,
  persona: Readonly<Record<string, unknown>> | undefined,
  keep: boolean,
): NoiseState | undefined {
  const recipe = surfaceStrategyRules(name, state.strategyFile.strategies.surface_noise[name]);
  const copy: NoiseState = {
    ...state,
    // A semantic strategy splices the copy (its edits go on the copy's list); a surface one's are
    // added below, only when the state is kept.
    edits: recipe === undefined || keep ? state.edits.slice() : state.edits,
    slotCache: state.slotCache?.slice(),
    rng: fork(state.rng),
  };
  if (recipe === undefined) return applySemanticStrategy(copy, name) ? copy : undefined;
  const specs = recipe
    .filter((spec) => !(state.formal && TEXT_SPEAK_RULES.has(spec.name)))
    .map((spec) => (state.formal ? formalSpec(spec) : spec));
  if (specs.length === 0) return undefined;
  const readings = state.readings;
  let result = applyRuleNoise(copy.text, { strategies: specs, rng: copy.rng, persona, readings });
  if (result.edits.length === 0)
    result = applyRuleNoise(copy.text, {
      strategies: specs.map((spec) => ({ ...spec, probability: 1 })),
      rng: copy.rng,
      persona,
      readings,
    });
  if (result.edits.length === 0) return undefined;
  copy.text = result.noisy_text;
  copy.slotCache = undefined;
  if (keep)
    for (const edit of result.edits) copy.edits.push({ ...edit, strategy: name, rule: edit.strategy });
  return copy;
}

/** An independent stream drawn from `rng`: each strategy's try has its own. */
function fork(rng: Rng): Rng {
  return new Rng(Uint32Array.of(rng.nextUint32(), rng.nextUint32(), rng.nextUint32(), rng.nextUint32()));
}

function personaFor(
  features: PersonaFeatures | undefined,
  formal: boolean,
): Readonly<Record<string, unknown>> | undefined {
  // The rules hold emoji and text-speak back for `formality_level: formal`; say so whatever the spelling.
  // Already spelt so: the features themselves, whose traits are computed once per persona (a copy's
  // would be computed again for every text).
  if (formal)
    return features?.formality_level === "formal" ? features : { ...features, formality_level: "formal" };
  return features;
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
  for (const key of ["fragments", "attitudes", "phrases", "patterns"]) {
    if (Array.isArray(cleaned[key]) && (cleaned[key] as unknown[]).length === 0) delete cleaned[key];
  }
  return { ...spec, params: cleaned };
}
