import { attachPhrase } from "./phrase-attach.js";
import type { RuleContext, RuleResult, RuleStrategy } from "./rule.js";
import { phraseList } from "./rule-params.js";

const NEGATIONS = [
  "don't make it too long",
  "nothing too fancy",
  "don't overcomplicate it",
  "not too formal",
  "no jargon please",
  "don't need anything fancy",
];
const NEGATION_START = /^(?:don't|do not|no|not|nothing|never|without)\b/i;

/**
 * Preferences from `Make it formal -> don't make it too casual` examples: the rewritten side, when it
 * is itself a negation, is a phrase that can be attached to any request.
 */
function fromExamples(params: Readonly<Record<string, unknown>> | undefined): string[] | undefined {
  const examples = params?.examples;
  if (!Array.isArray(examples)) return undefined;
  const out: string[] = [];
  for (const example of examples) {
    if (typeof example !== "string") continue;
    const arrow = example.indexOf("->");
    const rewritten = arrow >= 0 ? example.slice(arrow + 2).trim() : "";
    if (NEGATION_START.test(rewritten)) out.push(rewritten);
  }
  return out.length > 0 ? out : undefined;
}

/**
 * `negative_expression`: a preference said as a negation (`don't make it too long`, `nothing too
 * fancy`) after the request. Phrases come from `params.phrases` / `params.patterns`, or the
 * negations among `params.examples`, else a built-in list.
 */
export const negativeExpression: RuleStrategy = {
  name: "negative_expression",
  apply(text: string, ctx: RuleContext): RuleResult {
    const phrases = phraseList(ctx.params, ["phrases", "patterns"]) ?? fromExamples(ctx.params) ?? NEGATIONS;
    return attachPhrase(this.name, text, ctx, ctx.rng.pick(phrases), "suffix");
  },
};
