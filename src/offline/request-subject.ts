import { headPhrase } from "../text/request-analysis.js";
import { namesOf, restore } from "../text/user-text.js";
import { MessageReadings } from "./message-readings.js";
import { gerund } from "./style/style-rules.js";

/**
 * What the conversation is about, as the user names it in a follow-up ("the fundraising letter",
 * "tempering chocolate at home", "my Flask app"): a short phrase cut from the first message, first
 * person kept. Follow-ups that name it read as part of this conversation rather than as a stock line,
 * and two conversations about different things never send the same follow-up. `readings`: the
 * conversation's, when the message may have been read already.
 */
export function requestSubject(
  firstMessage: string,
  readings: MessageReadings = new MessageReadings(),
): string | undefined {
  const text = readings.plain(firstMessage);
  const analysis = readings.analysis(text);
  const topic = analysis.topic.trim();
  let phrase: string | undefined;
  if (analysis.topicShape === "action" && analysis.verb !== undefined) {
    // "reduce lower back pain from sitting …" → "reducing lower back pain".
    const rest = topic.replace(/^[A-Za-z]+\s*/, "");
    const object = cutAtClause(rest, 4);
    if (object !== undefined && object !== "") phrase = `${gerund(analysis.verb)} ${object}`;
  } else if (
    analysis.topicShape === "noun" &&
    !WEAK_START.test(topic) &&
    namesAThing(text.masked, topic, analysis.verb !== undefined)
  ) {
    phrase = cutAtClause(topic, 7);
  }
  if (phrase === undefined || wordCount(phrase) < 2) {
    // Else the first object noun phrase of the topic or of any sentence ("hiring a contractor").
    const head = firstObjectHead([topic, ...text.masked.split(/(?<=[.?!])\s+/)], text.masked);
    if (head !== undefined) phrase = cutAtClause(head, 5);
  }
  if (
    phrase === undefined ||
    wordCount(phrase) < 2 ||
    /[\uE100-\uF8FF]{2}/u.test(phrase) ||
    /\b(?:own|one|ones|self|way|thing|things)$/i.test(phrase) ||
    STOCK_SUBJECT.test(phrase)
  ) {
    // Else what the message starts with ("My son …" → "my son"), else a name it mentions ("Flask").
    const owner = (OWNER_PHRASE.exec(text.masked.trim()) ?? OWNER_WORD.exec(text.masked.trim()))?.[0];
    if (owner !== undefined) return restore(owner[0]!.toLowerCase() + owner.slice(1), text);
    return namesOf(text.masked).find((n) => /^[A-Z][\w'-]{2,}$/.test(n));
  }
  // Lower-cased unless it starts with a name ("Flask", "SQL").
  const restored = restore(phrase, text).replace(/[\s,;:]+$/, "");
  if (restored.length > 60) return undefined;
  return /^[A-Z][a-z]/.test(restored) && COMMON_START.test(restored)
    ? restored[0]!.toLowerCase() + restored.slice(1)
    : restored;
}

// Cut before the first clause-like word after the head: "a fundraising letter for local businesses
// that …" → "a fundraising letter for local businesses".
const CLAUSE =
  /^(?:that|which|who|whether|because|so|when|if|while|and|but|or|without|using|with|for|from|in|on|at|to|by|about|into|after|before)$/i;
// The question word before a noun topic that names a thing ("What are the early signs of burnout"),
// not a clause ("Why is the sky blue": the topic would be "the sky blue").
const NAMING_LEAD = /\b(?:what(?:'s|’s| is| are)|which|explain|about)\s+$/i;
const WEAK_START = /^(?:the )?(?:difference|pros|best|most|main|some|differences)\b/i;
const COMMON_START = /^(?:The|A|An|My|Our|This|These|Some)\b/;

// "My homemade pasta dough keeps cracking" → "my homemade pasta dough": up to three words before a
// verb; else the one word after the possessive.
const OWNER_PHRASE =
  /^(?:my|our)\s+(?:[\w\uE100-\uF8FF'-]+\s+){0,2}?[\w\uE100-\uF8FF'-]+(?=\s+(?:is|are|was|were|has|have|had|keeps?|started|crash(?:es|ed)?|drains?|doesn't|won't|isn't|got|gets|wants?|needs?|thinks?|says?|earns?|shows?|dropped|drops|hurts?|takes?|costs?|makes?|uses?|runs?|and|but)\b)/iu;
const OWNER_WORD = /^(?:my|our)\s+(?:[a-z][a-z-]{2,}\b|[\uE100-\uF8FF][a-z-]*)/iu;

// What the style transfer's own sentences talk about ("references for the key claims", "plan this out
// properly", "on my phone"): never what the request is about.
const STOCK_SUBJECT =
  /^(?:this|it|that)\b|\b(?:key claims|an answer|follow-ups?|follow-up questions|the details|the reasoning|my phone|sources|examples?|edge cases|the why|a reference|the answer|plain language|simple words|key points|a decision|my options|an exam|work task|beginner mistakes|common mistakes|common pitfalls|the obvious things|a textbook answer|the first time|a starting point|the right track|the advice|generic lists|trade-offs|every possible option|a rough idea|a solid approach|the plan right)\b/i;

/**
 * True when a phrase is one the style transfer's own sentences talk about ("the key claims", "the
 * usual beginner mistakes", "my options"): never what a request is about.
 */
export function isStockSubject(phrase: string): boolean {
  return STOCK_SUBJECT.test(phrase);
}

// Words after which a noun phrase is an object ("hiring a contractor"), not the subject of a clause
// ("is the sky blue", "but the script works fine").
const OBJECT_LEAD =
  /\b(?:for|with|to|of|about|on|in|at|from|into|after|before|without|have|has|need|want|use|using|buy|get|make|hire|hiring|keep|find|choose|pick|start|tell|support|write|give|plan|create|improve|review|critique|fix)\s+$/i;

/** The first head noun phrase of `texts` (in order) of two words or more that is an object. */
function firstObjectHead(texts: readonly string[], masked: string): string | undefined {
  for (const t of texts) {
    const head = headPhrase(t);
    if (head !== undefined && wordCount(head) >= 2 && isObject(masked, head)) return head;
  }
  return undefined;
}

function isObject(masked: string, head: string): boolean {
  const at = masked.indexOf(head);
  return at >= 0 && OBJECT_LEAD.test(masked.slice(0, at));
}

/** True when the noun topic follows a naming question or an imperative, as a whole phrase. */
function namesAThing(masked: string, topic: string, imperative: boolean): boolean {
  const at = masked.indexOf(topic);
  if (at < 0) return false;
  const before = masked.slice(0, at);
  return (
    NAMING_LEAD.test(before) ||
    (imperative && /^\s*(?:please\s+)?[A-Za-z]+\s+(?:me\s+|us\s+)?$/i.test(before))
  );
}

/**
 * The phrase up to its first clause word (at most `maxWords` words), or undefined when it runs longer
 * without one: a phrase is only cut where a reader would cut it, never mid noun phrase.
 */
function cutAtClause(phrase: string, maxWords: number): string | undefined {
  const words = phrase
    .replace(/,/g, " ,")
    .split(/\s+/)
    .filter((w) => w !== "");
  const kept: string[] = [];
  for (const w of words) {
    if (w === "," || (kept.length >= 2 && CLAUSE.test(w))) return kept.join(" ");
    if (kept.length >= maxWords) return undefined;
    kept.push(w);
  }
  return kept.join(" ");
}

function wordCount(phrase: string): number {
  return phrase.split(/\s+/).filter((w) => w !== "").length;
}

/**
 * The subject as a curt writer names it: no determiner, at most two words ("strength routine",
 * "tempering chocolate", "my son" keeps its possessive only when one word would be left).
 */
export function curtSubject(subject: string): string {
  const words = subject.split(/\s+/).filter((w) => w !== "");
  if (words.length <= 2) return subject;
  const rest = /^(?:a|an|the|this|these|some)$/i.test(words[0]!) ? words.slice(1) : words;
  if (/ing$/i.test(rest[0] ?? "")) return rest.slice(0, 2).join(" ");
  return rest.slice(-2).join(" ");
}
