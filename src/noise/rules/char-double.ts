import { editWordCharacters } from "./char-edit.js";
import type { RuleContext, RuleResult, RuleStrategy } from "./rule.js";

/** `char_double`: a key held too long, one letter (grapheme cluster) typed twice (`meeting` → `meetingg`). */
export const charDouble: RuleStrategy = {
  name: "char_double",
  apply(text: string, ctx: RuleContext): RuleResult {
    return editWordCharacters(text, ctx, this.name, 3, (chars, rng) => {
      const positions: number[] = [];
      for (let i = 0; i < chars.length; i++) {
        const c = chars[i] as string;
        if (c !== "'" && c !== "’") positions.push(i);
      }
      const at = rng.pick(positions);
      chars.splice(at, 0, chars[at] as string);
      return true;
    });
  },
};
