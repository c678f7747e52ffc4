import { buildLexicon } from "./lexicon-match.js";
import { applyLexicon } from "./lexicon-rule.js";
import type { RuleContext, RuleResult, RuleStrategy } from "./rule.js";

const CONTRACTIONS = buildLexicon({
  "do not": "don't",
  "does not": "doesn't",
  "did not": "didn't",
  "is not": "isn't",
  "are not": "aren't",
  "was not": "wasn't",
  "were not": "weren't",
  "have not": "haven't",
  "has not": "hasn't",
  "had not": "hadn't",
  "will not": "won't",
  "would not": "wouldn't",
  "should not": "shouldn't",
  "could not": "couldn't",
  "can not": "can't",
  cannot: "can't",
  "must not": "mustn't",
  "i am": "i'm",
  "you are": "you're",
  "we are": "we're",
  "they are": "they're",
  "it is": "it's",
  "that is": "that's",
  "there is": "there's",
  "what is": "what's",
  "where is": "where's",
  "who is": "who's",
  "how is": "how's",
  "here is": "here's",
  "let us": "let's",
  "i will": "i'll",
  "you will": "you'll",
  "we will": "we'll",
  "they will": "they'll",
  "it will": "it'll",
  "i would": "i'd",
  "you would": "you'd",
  "i have": "i've",
  "you have": "you've",
  "we have": "we've",
  "they have": "they've",
});

/**
 * `contraction`: spoken contractions (`do not` → `don't`, `I am` → `I'm`), each with probability
 * 0.5 + 0.5 × intensity, at least one.
 */
export const contraction: RuleStrategy = {
  name: "contraction",
  apply(text: string, ctx: RuleContext): RuleResult {
    return applyLexicon(this.name, text, ctx, CONTRACTIONS, 0.5 + 0.5 * ctx.intensity);
  },
};
