import { phrasesForRegister, registerOf } from "../register-phrases.js";
import { attachPhrase } from "./phrase-attach.js";
import type { RuleContext, RuleResult, RuleStrategy } from "./rule.js";
import { phraseList } from "./rule-params.js";

/**
 * Preferences said as what the user does not want, by register (see `phrasesForRegister`): a
 * casual writer says "nothing too fancy", a formal one "please avoid unnecessary jargon".
 */
const NEGATIONS = [
  {
    casual: [
      "don't make it too long",
      "nothing too fancy",
      "don't overcomplicate it",
      "no jargon pls",
      "nothing too wordy",
      "don't go overboard",
      "no fluff",
      "not a whole essay",
      "nothing too nerdy",
      "don't make it boring",
      "no crazy stuff",
      "don't need anything fancy",
    ],
  },
  {
    neutral: [
      "not too formal",
      "no jargon please",
      "nothing too technical",
      "not too basic either",
      "don't leave out the details",
      "no need for an introduction",
      "not too long please",
      "nothing too complicated",
      "don't skip the steps",
      "not too salesy",
      "no filler",
    ],
  },
  {
    formal: [
      "please avoid unnecessary jargon",
      "it should not be overly long",
      "please do not oversimplify",
      "it should not read as informal",
      "please avoid excessive detail",
      "there is no need for a lengthy introduction",
      "it should not be too promotional",
      "please do not omit the key details",
      "nothing overly technical, please",
    ],
  },
];
const NEGATION_START = /^(?:don't|do not|no|not|nothing|never|without)\b/i;

/**
 * Preferences from `Make it formal -> don't make it too casual` examples: the rewritten side, when it
 * is itself a negation, is a phrase that can be attached to any request.
 */
function fromExamples(params: Readonly<Record<string, unknown>> | undefined): string[] {
  const examples = params?.examples;
  if (!Array.isArray(examples)) return [];
  const out: string[] = [];
  for (const example of examples) {
    if (typeof example !== "string") continue;
    const arrow = example.indexOf("->");
    const rewritten = arrow >= 0 ? example.slice(arrow + 2).trim() : "";
    if (NEGATION_START.test(rewritten)) out.push(rewritten);
  }
  return out;
}

/**
 * `negative_expression`: a preference said as a negation (`don't make it too long`, `nothing too
 * fancy`) after the request, in the persona's register. Phrases come from `params.phrases` /
 * `params.patterns` (register labels honoured), else the built-in list plus the negations among
 * `params.examples` (the strategy file's own).
 */
export const negativeExpression: RuleStrategy = {
  name: "negative_expression",
  apply(text: string, ctx: RuleContext): RuleResult {
    const register = registerOf(ctx.persona);
    const own = phrasesForRegister(ctx.params?.patterns, register);
    const phrases =
      own.length > 0
        ? own
        : (phraseList(ctx.params, ["phrases"]) ?? [
            ...phrasesForRegister(NEGATIONS, register),
            ...(register === "formal" ? [] : fromExamples(ctx.params)),
          ]);
    return attachPhrase(this.name, text, ctx, ctx.rng.pick(phrases), "suffix");
  },
};
