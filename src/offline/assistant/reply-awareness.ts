import type { Rng } from "../../rng/random.js";
import { analyzeRequest } from "../../text/request-analysis.js";
import { readUserText, restore, toSecondPerson } from "../../text/user-text.js";
import { KEYWORDS } from "./message-keywords.js";
import { compile, render } from "./phrase-expand.js";
import { NOTES as LINES } from "./reply-templates.js";

/**
 * Short notes a careful assistant adds when a message is messy in the ways the distractor makes it
 * messy: a reference to a past conversation it cannot see, a decision handed back, a change of mind,
 * two requirements that pull apart, a second request tacked on. Each is one cheap test.
 */

const CHANGE =
  /\b(?:actually wait|scratch that|on second thought|wait no|no actually|or actually|hmm actually|never mind that)\b[,\s—–-]*([^.?!\n]{2,60})?/i;
const SECOND =
  /(?:^|[\s,.;!?])(?:oh and(?: also)?|btw|by the way|one more thing|while you'?re at it|and separately|almost forgot|also,)\s+(.{4,})$/i;

/** One line of a notes pool, its alternations drawn and `{Q}` filled with `quoted`. */
function note(pool: readonly string[], rng: Rng, quoted?: string): string {
  return render(compile(rng.pick(pool)), rng, quoted === undefined ? {} : { Q: quoted });
}

/**
 * The notes that fit a message: `raw` as written, `hits` the `keywordHits` of its masked form
 * (protected parts replaced, see `readUserText`).
 */
export function awarenessNotes(raw: string, hits: number, formal: boolean, rng: Rng): string[] {
  const notes: string[] = [];
  if (hits === 0) return notes;
  if ((hits & KEYWORDS.bit.context) !== 0)
    notes.push(note(formal ? LINES.context_formal : LINES.context, rng));
  if ((hits & KEYWORDS.bit.delegation) !== 0) notes.push(note(LINES.delegation, rng));
  const change = (hits & KEYWORDS.bit.change) !== 0 ? CHANGE.exec(raw) : null;
  if (change !== null) {
    const phrase = change[1]?.trim();
    notes.push(
      phrase === undefined || phrase === "" ? note(LINES.change_plain, rng) : note(LINES.change, rng, phrase),
    );
  }
  if ((hits & KEYWORDS.bit.contradiction) !== 0) notes.push(note(LINES.contradiction, rng));
  const second = (hits & KEYWORDS.bit.second) !== 0 ? SECOND.exec(raw) : null;
  if (second?.[1] !== undefined) {
    const text = readUserText(second[1]);
    const topic = restore(toSecondPerson(analyzeRequest(text).topic), text);
    notes.push(
      topic.length > 2 && topic.length <= 80 ? note(LINES.second, rng, topic) : note(LINES.second_plain, rng),
    );
  }
  return notes;
}
