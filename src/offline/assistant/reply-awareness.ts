import type { Rng } from "../../rng/random.js";
import { analyzeRequest } from "../../text/request-analysis.js";
import { readUserText, restore, toSecondPerson } from "../../text/user-text.js";
import { lexicon, scan, scanText } from "../../text/word-table.js";

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
  if ((hits & NOTES.bit.context) !== 0) {
    notes.push(
      formal
        ? "I do not have access to our earlier conversations, so I have assumed a standard format. Please tell me if it should differ."
        : "I can't see our earlier chats, so I went with a standard format. Tell me if last time was different.",
    );
  }
  if ((hits & NOTES.bit.delegation) !== 0) {
    notes.push(
      rng.pick([
        "Since you left the choice to me, I went with the most common option.",
        "You said it's up to me, so I picked the simplest option that works.",
      ]),
    );
  }
  const change = (hits & NOTES.bit.change) !== 0 ? CHANGE.exec(raw) : null;
  if (change !== null) {
    const phrase = change[1]?.trim();
    notes.push(
      phrase === undefined || phrase === ""
        ? "Noted the change of plan; I went with your second version."
        : `Noted the change: I went with your corrected version ("${phrase}").`,
    );
  }
  if ((hits & NOTES.bit.contradiction) !== 0) {
    notes.push(
      "Those two requirements pull in different directions, so I aimed for a balance: compact first, with the extra detail at the end.",
    );
  }
  const second = (hits & NOTES.bit.second) !== 0 ? SECOND.exec(raw) : null;
  if (second?.[1] !== undefined) {
    const text = readUserText(second[1]);
    const topic = restore(toSecondPerson(analyzeRequest(text).topic), text);
    notes.push(
      topic.length > 2 && topic.length <= 80
        ? `**On your other question** (${topic}): short answer, yes, it's doable. I can go into detail once the main part is settled.`
        : "**On your other question:** short answer, yes, it's doable. I can go into detail once the main part is settled.",
    );
  }
  return notes;
}
