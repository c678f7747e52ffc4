import type { Strategy } from "./strategy-config.js";

/**
 * One rule to apply, as `applyRuleNoise` takes it and as `distractor.noise_strategies` in config.yaml
 * holds it (the legacy `num_swaps`, `deletion_rate`, `insertion_rate` keys included).
 */
export interface RuleSpec {
  /** A rule name, or a legacy name (`typo`, `synonym_replacement`, `paraphrase`). */
  name: string;
  /** Chance of applying the rule (default 1). */
  probability?: number | undefined;
  /** 0..1 (default 0.5). */
  intensity?: number | undefined;
  params?: Readonly<Record<string, unknown>> | undefined;
  /** Legacy `word_swap` setting, same as `params.num_swaps`. */
  num_swaps?: number | undefined;
  /** Legacy `word_deletion` setting, same as `params.deletion_rate`. */
  deletion_rate?: number | undefined;
  /** Legacy `word_insertion` setting, same as `params.insertion_rate`. */
  insertion_rate?: number | undefined;
  /** A rule to apply instead when this one was drawn but found nothing to change. */
  fallback?: string | undefined;
}

/** The strategy-file lists that template rules read as phrase sources. */
const LIST_KEYS = ["attitudes", "fragments", "patterns", "examples"] as const;

function listsOf(strategy: Strategy | undefined): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  if (strategy === undefined) return params;
  for (const key of LIST_KEYS) {
    const value = strategy[key];
    if (Array.isArray(value) && value.length > 0) params[key] = value;
  }
  return params;
}

/**
 * The rule recipe that implements a semantic `surface_noise` strategy offline, or undefined for a
 * strategy that has none (the other layers' strategies need an LLM or the offline engine's templates).
 * Give the strategy's own definition from the strategy file to use its phrase lists.
 */
export function surfaceStrategyRules(strategyName: string, strategy?: Strategy): RuleSpec[] | undefined {
  switch (strategyName) {
    case "colloquial_speech":
      return [
        { name: "contraction", intensity: 0.8 },
        { name: "abbreviation", probability: 0.6, intensity: 0.4 },
        { name: "casing", probability: 0.7, intensity: 0.6 },
      ];
    case "incomplete_sentence":
      return [{ name: "truncation", intensity: 0.5 }];
    case "typo_misspelling":
      return [{ name: "misspelling", intensity: 0.3, fallback: "keyboard_typo" }];
    case "word_segmentation":
      return [
        { name: "word_segmentation", intensity: 0.3 },
        { name: "char_double", probability: 0.5, intensity: 0.2 },
      ];
    case "punctuation_format":
      return [
        { name: "punctuation", intensity: 0.6 },
        { name: "emoji", probability: 0.4, intensity: 0.5 },
      ];
    case "synonym_rewrite":
      return [{ name: "synonym", intensity: 0.6 }];
    case "emotional_attitude":
    case "negative_expression":
    case "real_life_fragments":
      return [{ name: strategyName, intensity: 0.5, params: listsOf(strategy) }];
    default:
      return undefined;
  }
}
