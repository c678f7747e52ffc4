import { abbreviation } from "./rules/abbreviation.js";
import { casing } from "./rules/casing.js";
import { charDouble } from "./rules/char-double.js";
import { charDrop } from "./rules/char-drop.js";
import { charSwap } from "./rules/char-swap.js";
import { contraction } from "./rules/contraction.js";
import { emoji } from "./rules/emoji.js";
import { emotionalAttitude } from "./rules/emotional-attitude.js";
import { filler } from "./rules/filler.js";
import { keyboardTypo } from "./rules/keyboard-typo.js";
import { misspelling } from "./rules/misspelling.js";
import { negativeExpression } from "./rules/negative-expression.js";
import { punctuation } from "./rules/punctuation.js";
import { realLifeFragments } from "./rules/real-life-fragments.js";
import type { RuleStrategy } from "./rules/rule.js";
import { synonym } from "./rules/synonym.js";
import { truncation } from "./rules/truncation.js";
import { wordDeletion } from "./rules/word-deletion.js";
import { wordInsertion } from "./rules/word-insertion.js";
import { wordSegmentation } from "./rules/word-segmentation.js";
import { wordSwap } from "./rules/word-swap.js";

/**
 * Every rule strategy, in the fixed order {@link applyRuleNoise} applies them: first the cut and the
 * whole-word rewrites (they need intact words), then phrases and fillers, then character-level typos,
 * and last casing, punctuation and emoji (they must see the final words).
 */
export const RULE_STRATEGIES: readonly RuleStrategy[] = [
  truncation,
  synonym,
  contraction,
  abbreviation,
  wordDeletion,
  wordInsertion,
  wordSwap,
  emotionalAttitude,
  negativeExpression,
  realLifeFragments,
  filler,
  misspelling,
  keyboardTypo,
  charSwap,
  charDrop,
  charDouble,
  wordSegmentation,
  casing,
  punctuation,
  emoji,
];

/** Rule names, in application order. */
export const RULE_NAMES: readonly string[] = RULE_STRATEGIES.map((r) => r.name);

/** The original tool's rule names that map to a rule here. `paraphrase` is an LLM operation. */
export const LEGACY_RULE_NAMES: Readonly<Record<string, string>> = {
  typo: "keyboard_typo",
  synonym_replacement: "synonym",
};

/** Names accepted by `applyRuleNoise` that are LLM operations: skipped offline, with no edit. */
export const LLM_ONLY_RULES: ReadonlySet<string> = new Set(["paraphrase"]);

const ORDER: ReadonlyMap<string, number> = new Map(RULE_NAMES.map((name, i) => [name, i]));
const BY_NAME: ReadonlyMap<string, RuleStrategy> = new Map(RULE_STRATEGIES.map((r) => [r.name, r]));

/** The rule for a name (legacy names included), or undefined. */
export function ruleByName(name: string): RuleStrategy | undefined {
  return BY_NAME.get(LEGACY_RULE_NAMES[name] ?? name);
}

/** The position of a rule in the fixed application order. */
export function ruleOrder(name: string): number {
  return ORDER.get(LEGACY_RULE_NAMES[name] ?? name) ?? RULE_NAMES.length;
}
