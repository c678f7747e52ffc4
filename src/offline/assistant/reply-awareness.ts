import type { Rng } from "../../rng/random.js";
import { analyzeRequest } from "../../text/request-analysis.js";
import { readUserText, restore, toSecondPerson } from "../../text/user-text.js";
import { lexicon, scan, scanText } from "../../text/word-table.js";
import { compile, render } from "./phrase-expand.js";
import { NOTES as LINES } from "./reply-templates.js";

/**
 * Short notes a careful assistant adds when a message is messy in the ways the distractor makes it
 * messy: a reference to a past conversation it cannot see, a decision handed back, a change of mind,
 * two requirements that pull apart, a second request tacked on. Each is one cheap test.
 */

const NOTES = lexicon({
  context:
    "like last time|the usual|same format|same as before|same way|same as last time|as discussed|as we discussed|the one i sent|the one i mentioned|you know the one|my usual|you know what i mean",
  delegation:
    "whatever you think|up to you|you decide|surprise me|whichever makes|dealer's choice|dealers choice|i trust your judgment|i trust your judgement|whatever works",
  change:
    "actually wait|scratch that|on second thought|wait no|no actually|or actually|hmm actually|never mind that",
  contradiction:
    "short but|brief but|cheap but|no rush but|professional but|simple but|quickly but|just the basics",
  second: "oh and|btw|by the way|one more thing|while you're at it|and separately|almost forgot|also",
});
const CHANGE =
  /\b(?:actually wait|scratch that|on second thought|wait no|no actually|or actually|hmm actually|never mind that)\b[,\s—–-]*([^.?!\n]{2,60})?/i;
const SECOND =
  /(?:^|[\s,.;!?])(?:oh and(?: also)?|btw|by the way|one more thing|while you'?re at it|and separately|almost forgot|also,)\s+(.{4,})$/i;

/** One line of a notes pool, its alternations drawn and `{Q}` filled with `quoted`. */
function note(pool: readonly string[], rng: Rng, quoted?: string): string {
  return render(compile(rng.pick(pool)), rng, quoted === undefined ? {} : { Q: quoted });
}

/**
 * The notes that fit a message: `raw` as written, `words` its masked form (protected parts replaced,
 * see `readUserText`) or that form's lower-case words.
 */
export function awarenessNotes(
  raw: string,
  words: string | readonly string[],
  formal: boolean,
  rng: Rng,
): string[] {
  const notes: string[] = [];
  const hits = typeof words === "string" ? scanText(words, NOTES) : scan(words, NOTES);
  if (hits === 0) return notes;
  if ((hits & NOTES.bit.context) !== 0) notes.push(note(formal ? LINES.context_formal : LINES.context, rng));
  if ((hits & NOTES.bit.delegation) !== 0) notes.push(note(LINES.delegation, rng));
  const change = (hits & NOTES.bit.change) !== 0 ? CHANGE.exec(raw) : null;
  if (change !== null) {
    const phrase = change[1]?.trim();
    notes.push(
      phrase === undefined || phrase === "" ? note(LINES.change_plain, rng) : note(LINES.change, rng, phrase),
    );
  }
  if ((hits & NOTES.bit.contradiction) !== 0) notes.push(note(LINES.contradiction, rng));
  const second = (hits & NOTES.bit.second) !== 0 ? SECOND.exec(raw) : null;
  if (second?.[1] !== undefined) {
    const text = readUserText(second[1]);
    const topic = restore(toSecondPerson(analyzeRequest(text).topic), text);
    notes.push(
      topic.length > 2 && topic.length <= 80 ? note(LINES.second, rng, topic) : note(LINES.second_plain, rng),
    );
  }
  return notes;
}
