import { lexicon, scanText } from "../../text/word-table.js";

/**
 * The keyword lists the offline assistant looks for in a system prompt and in the latest user
 * message, scanned together: one pass over a message's words answers both the asks that shape the
 * reply (reply-cues.ts) and the signs of messy input it notes (reply-awareness.ts).
 */
export const KEYWORDS = lexicon({
  // The shape of the reply (reply-cues.ts), phrased the way system prompts say things (the
  // project's own offline prompts and LLM-written ones): "keep answers concise", "they appreciate
  // detailed, thorough answers", "avoid jargon entirely", "treat them as an expert", "present
  // procedures as numbered steps", …; the explicit asks of a message ("shorter", "as a table").
  short:
    "concise|terse|succinct|to the point|short as possible|a line or two|short paragraph|brief answers|brief replies|be brief|keep it brief|keep answers brief|keep answers short|keep replies short|short answers|no fluff|economy of words|fast and decisive|quick to scan|compact|tl dr|tldr|one liner|one-liner",
  long: "detailed|thorough|thoroughly|thoroughness|in depth|in-depth|comprehensive|exhaustive|every angle|elaborate|extensive|deep dive|deep-dive|more depth|take the space",
  numbered: "step by step|step-by-step|numbered|plain steps|in steps",
  bullets: "bullet*",
  table: "table|tables",
  noTable: "avoid tables|no tables|without tables",
  paragraphs:
    "paragraphs rather|flowing paragraphs|connected prose|prose|narrative|rather than lists|no lists|no list",
  checklist: "checklist|checklists",
  examples: "example|examples",
  noExamples:
    "no examples|without examples|skip examples|skip worked examples|avoid examples|no example|leave out examples",
  codeYes:
    "code block|code blocks|code snippet|code snippets|code sample|code samples|code example|code examples|runnable|snippet|snippets|show the code|show code|with code|include code|when code helps|when you show code",
  codeNo: "no code|without code|avoid code|not code|skip the code|pseudocode",
  formal:
    "formal|formally|professional|polished|businesslike|official correspondence|courteous and measured|stay courteous",
  notFormal: "not formal|not too formal|never formal|avoid formal|too formal|rather than businesslike",
  neutralRegister: "neither stiff nor chatty|neutral level of formality",
  informal:
    "informal|casual|easygoing|relaxed and chatty|very relaxed|chatty|conversational|friend would text|slang welcome|playful",
  plain:
    "beginner|beginners|novice|plain language|in plain words|avoid jargon|avoiding jargon|no jargon|without jargon|jargon entirely|non-technical|nontechnical|everyday words|no technical background|technical vocabulary to a minimum|new to technology|simple terms|simple words|simple language|layperson|eli5",
  technical:
    "expert|experts|advanced|technically confident|precise terminology|precise technical language|technical depth|jargon is fine|assume expertise|assume knowledge|skip the basics|advanced details|explain fundamentals|comfortable with technical detail|power user|specialist",
  citations: "source|sources|cite|citation|citations|references|further reading",
  noCitations: "no sources|without sources|no citations|without citations",
  answerFirst:
    "summary first|tl dr|tldr|bottom line first|lead with the answer|lead with the conclusion|answer first|direct answer|answer in the first line|put the answer first",
  askShort:
    "shorter|too long|tl dr|tldr|short version|just give|just tell|just the|bottom line|in one line|in one sentence|quick answer|quickly answer|keep it short|keep it brief|briefly",
  askLong:
    "more detail|in detail|detailed|elaborate|expand|go deeper|deep dive|explain more|walk me through|thorough",
  askCode: "the command|the code|the script|the snippet|show me code|show me the code",
  askPlain: "simpler|in simple terms|dumb it down|not technical|plain english|plain language|eli5",
  // Any word of FENCE below: only then are the words read one by one for the language.
  fence: "python|javascript|typescript|golang|rust|java|sql|bash|ruby|php|kotlin|swift|c++|c#",
  // Messy input (reply-awareness.ts): a reference to a conversation the assistant cannot see, a
  // decision handed back, a change of mind, two requirements that pull apart, a second request.
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

/** A list of {@link KEYWORDS}. */
export type Keyword = keyof typeof KEYWORDS.bit;

/** The lists of {@link KEYWORDS} a text holds, as bits (test with `hits & KEYWORDS.bit.name`). */
export function keywordHits(text: string): number {
  return scanText(text, KEYWORDS);
}
