import { intentAmbiguity, mindChanging, multiIntent, selfContradiction } from "./ambiguity.js";
import { contextDependency, missingSlots, unclearPriority, vagueSlotValues } from "./incomplete.js";
import type { NoiseState } from "./state.js";

type Apply = (state: NoiseState, name: string) => boolean;

/** The template implementation of each `incomplete_info` and `semantic_ambiguity` strategy. */
const STRATEGIES: Readonly<Record<string, Apply>> = {
  missing_slots: missingSlots,
  vague_slot_values: vagueSlotValues,
  context_dependency: contextDependency,
  unclear_priority: unclearPriority,
  multi_intent: multiIntent,
  intent_ambiguity: intentAmbiguity,
  self_contradiction: selfContradiction,
  mind_changing: mindChanging,
};

/** The strategy names with an offline template implementation. */
export const SEMANTIC_STRATEGY_NAMES: readonly string[] = Object.keys(STRATEGIES);

/** Applies one semantic strategy by name; false when the name is unknown or nothing could change. */
export function applySemanticStrategy(state: NoiseState, name: string): boolean {
  const apply = STRATEGIES[name];
  if (apply === undefined) return false;
  const before = state.text;
  return apply(state, name) && state.text !== before;
}
