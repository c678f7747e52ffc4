import { ConfigError } from "../errors.js";
import type { Rng } from "../rng/random.js";
import { findProtectedSpans, type ProtectedSpan } from "../text/protected-spans.js";
import { type Token, tokenize } from "../text/tokenizer.js";
import type { Edit } from "./edits.js";
import { shiftSpans } from "./edits.js";
import { LLM_ONLY_RULES, RULE_NAMES, ruleByName, ruleOrder } from "./rule-registry.js";
import type { RuleContext, RuleStrategy } from "./rules/rule.js";
import type { RuleSpec } from "./surface-recipes.js";
import type { TextReadings } from "./text-readings.js";
import { updateTokens } from "./token-update.js";

export { type RuleSpec, surfaceStrategyRules } from "./surface-recipes.js";

/** Intensity of a rule whose spec gives none. */
export const DEFAULT_INTENSITY = 0.5;

/** Options of {@link applyRuleNoise}. */
export interface RuleNoiseOptions {
  strategies: readonly RuleSpec[];
  rng: Rng;
  persona?: Readonly<Record<string, unknown>> | undefined;
  /** Where the text's spans and tokens may already have been read (see TextReadings). */
  readings?: TextReadings | undefined;
}

/** The noisy text, the rules that changed something (in order), and every edit (see `replayToClean`). */
export interface RuleNoiseResult {
  noisy_text: string;
  applied_strategies: string[];
  edits: Edit[];
  /**
   * The rules that could not change the text at their turn, drawn or not (`typo` on a text without a
   * word to misspell): a rule's rate is applied / (texts − not applicable), which is its probability.
   */
  not_applicable: string[];
  /** The highest intensity among the rules that applied (0 when none did). */
  intensity: number;
}

interface Planned {
  spec: RuleSpec;
  rule: RuleStrategy | undefined;
  order: number;
  index: number;
}

function resolve(name: string): RuleStrategy | undefined {
  if (LLM_ONLY_RULES.has(name)) return undefined;
  const rule = ruleByName(name);
  if (rule === undefined) {
    throw new ConfigError(`unknown noise rule "${name}"`, [], {
      hint: `use one of ${RULE_NAMES.join(", ")} (or typo, synonym_replacement, paraphrase)`,
    });
  }
  return rule;
}

function paramsOf(spec: RuleSpec): Readonly<Record<string, unknown>> | undefined {
  if (spec.num_swaps === undefined && spec.deletion_rate === undefined && spec.insertion_rate === undefined) {
    return spec.params;
  }
  const params: Record<string, unknown> = {};
  if (spec.num_swaps !== undefined) params.num_swaps = spec.num_swaps;
  if (spec.deletion_rate !== undefined) params.deletion_rate = spec.deletion_rate;
  if (spec.insertion_rate !== undefined) params.insertion_rate = spec.insertion_rate;
  return { ...params, ...spec.params };
}

/**
 * Applies rule-based noise: each rule drawn with its probability (from `rng`), in the fixed rule
 * order whatever the order of `strategies`, every change recorded. Every rule is tried at its turn,
 * drawn or not, so the result also says which rules could not apply to the text (a drawn rule that
 * can apply always does: its rate given applicability is its probability). Protected spans of the
 * input are found once and carried through each rule's edits, so no rule changes them. `paraphrase`
 * needs an LLM and is skipped here; an unknown name is a {@link ConfigError}.
 */
export function applyRuleNoise(text: string, options: RuleNoiseOptions): RuleNoiseResult {
  const planned: Planned[] = [];
  let sorted = true;
  for (let index = 0; index < options.strategies.length; index++) {
    const spec = options.strategies[index] as RuleSpec;
    const rule = resolve(spec.name);
    if (spec.fallback !== undefined) resolve(spec.fallback);
    const order = rule === undefined ? -1 : ruleOrder(rule.name);
    const last = planned[planned.length - 1];
    if (last !== undefined && last.order > order) sorted = false;
    planned.push({ spec, rule, order, index });
  }
  if (!sorted) planned.sort((a, b) => a.order - b.order || a.index - b.index);

  let current = text;
  let spans: ProtectedSpan[] = options.readings?.spansOf(text) ?? findProtectedSpans(text);
  // Tokens of `current`: shared by consecutive rules, and updated around each rule's edits.
  let tokens: Token[] | undefined;
  const edits: Edit[] = [];
  const applied: string[] = [];
  const notApplicable: string[] = [];
  let intensity = 0;
  for (const { spec, rule } of planned) {
    if (rule === undefined) continue;
    const drawn = options.rng.chance(spec.probability ?? 1);
    tokens ??= options.readings?.tokensOf(current) ?? tokenize(current);
    // One object shape for every rule: optional fields are present, possibly undefined.
    const ctx: RuleContext = {
      rng: options.rng,
      intensity: Math.min(1, Math.max(0, spec.intensity ?? DEFAULT_INTENSITY)),
      protectedSpans: spans,
      params: paramsOf(spec),
      persona: options.persona,
      tokens,
    };
    let used = rule;
    let result = rule.apply(current, ctx);
    if (result.edits.length === 0 && spec.fallback !== undefined) {
      used = resolve(spec.fallback) ?? rule;
      result = used.apply(current, ctx);
    }
    if (result.edits.length === 0) {
      notApplicable.push(rule.name);
      continue;
    }
    if (!drawn) continue;
    spans = shiftSpans(spans, result.edits);
    tokens = updateTokens(current, tokens, result.text, result.edits);
    current = result.text;
    for (const edit of result.edits) edits.push(edit);
    applied.push(used.name);
    intensity = Math.max(intensity, ctx.intensity);
  }
  return {
    noisy_text: current,
    applied_strategies: applied,
    edits,
    not_applicable: notApplicable,
    intensity,
  };
}
