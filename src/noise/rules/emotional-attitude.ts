import { attachPhrase } from "./phrase-attach.js";
import type { RuleContext, RuleResult, RuleStrategy } from "./rule.js";
import { phraseList } from "./rule-params.js";

const ATTITUDES = [
  "kind of urgent",
  "need this soon",
  "would appreciate it",
  "thanks in advance",
  "pretty stressed about this",
  "no rush though",
  "really need help here",
];

/**
 * `emotional_attitude`: a subtle emotional marker (`kind of urgent`, `would appreciate it`), mostly at
 * the end. Phrases come from `params.attitudes` / `params.phrases` (the strategy file's
 * `urgent: need this soon, kind of urgent` lines), else a built-in list.
 */
export const emotionalAttitude: RuleStrategy = {
  name: "emotional_attitude",
  apply(text: string, ctx: RuleContext): RuleResult {
    const phrases = phraseList(ctx.params, ["phrases", "attitudes"]) ?? ATTITUDES;
    const phrase = ctx.rng.pick(phrases);
    return attachPhrase(this.name, text, ctx, phrase, ctx.rng.chance(0.8) ? "suffix" : "prefix");
  },
};
