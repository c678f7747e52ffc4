import { buildLexicon } from "./lexicon-match.js";
import { applyLexicon } from "./lexicon-rule.js";
import type { RuleContext, RuleResult, RuleStrategy } from "./rule.js";
import { isFormalPersona } from "./rule-params.js";

const TEXT_SPEAK = buildLexicon({
  you: "u",
  your: "ur",
  "you're": "ur",
  yours: "urs",
  are: "r",
  please: ["pls", "plz"],
  thanks: "thx",
  "thank you": ["ty", "thx"],
  because: ["bc", "cuz"],
  with: "w/",
  without: "w/o",
  probably: ["prob", "prolly"],
  tomorrow: "tmrw",
  tonight: "tonite",
  people: "ppl",
  message: "msg",
  messages: "msgs",
  information: "info",
  about: "abt",
  something: "smth",
  before: "b4",
  really: "rly",
  okay: "ok",
  though: "tho",
  through: "thru",
  definitely: "def",
  minutes: "mins",
  seconds: "secs",
  picture: "pic",
  pictures: "pics",
  favorite: "fav",
  document: "doc",
  documents: "docs",
  application: "app",
  homework: "hw",
  weekend: "wknd",
  seriously: "srsly",
  "going to": "gonna",
  "want to": "wanna",
  "got to": "gotta",
  "kind of": "kinda",
  "don't know": "dunno",
  "i don't know": "idk",
  "right now": "rn",
  "to be honest": "tbh",
  "by the way": "btw",
  "as soon as possible": "asap",
  "in my opinion": "imo",
  "for your information": "fyi",
  "let me know": "lmk",
  "at the moment": "atm",
  "oh my god": "omg",
});

/**
 * `abbreviation`: text-speak (`you` → `u`, `please` → `pls`, `because` → `bc`, `with` → `w/`, `by the
 * way` → `btw`), each with probability 0.3 + 0.7 × intensity, at least one. Held back for a persona
 * whose `formality_level` is formal.
 */
export const abbreviation: RuleStrategy = {
  name: "abbreviation",
  apply(text: string, ctx: RuleContext): RuleResult {
    if (isFormalPersona(ctx.persona)) return { text, edits: [] };
    return applyLexicon(this.name, text, ctx, TEXT_SPEAK, 0.3 + 0.7 * ctx.intensity);
  },
};
