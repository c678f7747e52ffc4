import { attachPhrase } from "./phrase-attach.js";
import type { RuleContext, RuleResult, RuleStrategy } from "./rule.js";
import { phraseList } from "./rule-params.js";

const FRAGMENTS = [
  "on mobile rn",
  "quick question",
  "before i forget",
  "sorry in advance",
  "at work rn",
  "typing fast",
];

/**
 * `real_life_fragments`: a brief slice of the writer's situation (`quick question`, `on mobile rn`)
 * before or after the request. Phrases come from `params.fragments` / `params.phrases`, else a
 * built-in list.
 */
export const realLifeFragments: RuleStrategy = {
  name: "real_life_fragments",
  apply(text: string, ctx: RuleContext): RuleResult {
    const phrases = phraseList(ctx.params, ["phrases", "fragments"]) ?? FRAGMENTS;
    const phrase = ctx.rng.pick(phrases);
    return attachPhrase(this.name, text, ctx, phrase, ctx.rng.chance(0.5) ? "prefix" : "suffix");
  },
};
