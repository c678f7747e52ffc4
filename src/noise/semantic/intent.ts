import { headPhrase, type RequestAnalysis } from "../../text/request-analysis.js";
import { isStopWord } from "../../text/text-words.js";
import { restore, type UserText } from "../../text/user-text.js";
import { lexicon, scan } from "../../text/word-table.js";
import { isRegexSpace } from "../../util/regex-space.js";
import type { TextReadings } from "../text-readings.js";
import type { SlotSpan } from "./slots.js";

/** The offline reading of a request: intent, slot values (exact text) and a compressed request. */
export interface OfflineIntent {
  /** `verb_object` in snake_case: `write_email`, `debug_code`, `plan_trip`, `compare_options`. */
  intent: string;
  /** Slot values keyed by type (`budget`, `date`, `quantity`, `audience`, …; `_2` for a second one). */
  slots: Record<string, string>;
  /** The request without greetings, request frames and thanks. */
  compressed_text: string;
}

/** The intent, its analysis and the slot spans, for the noise strategies that need positions. */
export interface RequestReading {
  intent: string;
  /** The text with its protected parts masked. */
  user: UserText;
  analysis: RequestAnalysis;
  slots: SlotSpan[];
}

const VERBS: Readonly<Record<string, string>> = {
  explain: "explain",
  write: "write",
  compare: "compare",
  plan: "plan",
  list: "brainstorm",
  calculate: "calculate",
  summarize: "summarize",
  translate: "translate",
  recommend: "recommend",
  review: "review",
  yesno: "ask",
  general: "get",
};
const REVIEW_VERBS = new Set([
  "edit",
  "proofread",
  "rewrite",
  "shorten",
  "improve",
  "critique",
  "refactor",
  "polish",
  "rephrase",
]);
const DEFAULT_OBJECTS: Readonly<Record<string, string>> = {
  explain: "concept",
  write: "text",
  fix: "problem",
  compare: "options",
  plan: "plan",
  list: "ideas",
  calculate: "amount",
  summarize: "document",
  translate: "text",
  recommend: "options",
  review: "text",
  howto: "task",
  yesno: "question",
  general: "help",
};

// Deliverables and subjects with a name of their own, most specific first.
const OBJECTS = lexicon({
  cover_letter: "cover letter",
  blog_post: "blog post",
  business_plan: "business plan",
  email: "email|e-mail",
  letter: "letter",
  message: "message|text|dm",
  resume: "resume|cv",
  trip: "trip|itinerary|vacation|holiday|road trip",
  workout: "workout|training plan|routine|exercise",
  recipe: "recipe|meal|dinner|lunch|breakfast",
  budget: "budget",
  presentation: "presentation|slides|deck",
  speech: "speech|toast|eulogy",
  essay: "essay",
  story: "story|poem|song|lyrics",
  post: "post|tweet|caption",
  bio: "bio|biography|profile",
  pitch: "pitch|proposal",
  report: "report",
  article: "article|paper",
  schedule: "schedule|calendar|timetable",
  name: "name|names|title|slogan|tagline",
  logo: "logo",
  lesson: "lesson|class|course|curriculum",
  contract: "contract|lease|agreement",
  gift: "gift|present",
  description: "description",
});
const OBJECTS_ORDER = [
  "cover_letter",
  "blog_post",
  "business_plan",
  "email",
  "letter",
  "message",
  "resume",
  "trip",
  "workout",
  "recipe",
  "budget",
  "presentation",
  "speech",
  "essay",
  "story",
  "post",
  "bio",
  "pitch",
  "report",
  "article",
  "schedule",
  "name",
  "logo",
  "lesson",
  "contract",
  "gift",
  "description",
] as const;
const CODE_OBJECTS = lexicon({
  query: "sql|query|queries",
  regex: "regex",
  script: "script",
  function: "function",
  test: "test|tests",
  command: "command|git",
});
const CODE_OBJECTS_ORDER = ["query", "regex", "script", "function", "test", "command"] as const;

/** The snake_case intent of an analysed request (`lower` is the masked text lower-cased). */
function intentName(analysis: RequestAnalysis, words: readonly string[]): string {
  const kind = analysis.kind;
  let verb: string;
  if (kind === "fix") verb = analysis.coding ? "debug" : "fix";
  else if (kind === "howto") verb = cleanWord(analysis.verb) ?? "learn";
  else if (kind === "review")
    verb = analysis.verb !== undefined && REVIEW_VERBS.has(analysis.verb) ? analysis.verb : "review";
  else if (kind === "recommend" && (analysis.verb === "find" || analysis.verb === "suggest"))
    verb = analysis.verb;
  else verb = VERBS[kind] ?? "get";
  let object: string | undefined;
  if (kind === "howto") object = headNoun(analysis.topic);
  if (object === undefined && analysis.coding) {
    const hits = scan(words, CODE_OBJECTS);
    // The last listed wins: "a SQL query in a Python script" is about the script.
    for (const name of CODE_OBJECTS_ORDER) if ((hits & CODE_OBJECTS.bit[name]) !== 0) object = name;
    object ??= "code";
  }
  if (object === undefined && kind !== "compare") {
    const hits = scan(words, OBJECTS);
    object = OBJECTS_ORDER.find((name) => (hits & OBJECTS.bit[name]) !== 0);
  }
  if (object === undefined && (kind === "general" || kind === "recommend")) object = headNoun(analysis.topic);
  object ??= DEFAULT_OBJECTS[kind] ?? "request";
  return verb === object ? verb : `${verb}_${object}`;
}

function headNoun(topic: string): string | undefined {
  const head = headPhrase(topic);
  return cleanWord(head === undefined ? undefined : /([A-Za-z]+)\s*$/.exec(head)?.[1]?.toLowerCase());
}

function cleanWord(word: string | undefined): string | undefined {
  if (word === undefined || !/^[a-z]{2,20}$/.test(word) || isStopWord(word)) return undefined;
  return word;
}

const GREETING =
  /^\s*(?:(?:hi|hey|hello|yo|hiya)(?:\s+there)?|good (?:morning|afternoon|evening)|ok(?:ay)?|so|um+|well|quick question)\s*[,!.:-]*\s+/i;
const FRAME =
  /^(?:(?:can|could|would|will) (?:you|u)(?: please| pls| kindly)?(?: help me(?: to)?)?|would you mind|i was wondering if you could|i(?:'d| would) (?:really )?like (?:you )?to|i (?:need|want) you to|please|pls|kindly|help me(?: to)?)\s+/i;
const REQUEST_QUESTION = /^([^.?!"“'`]*)\?/;

// The closing thanks `[\s,.;!-]*(?:(?:thanks|thank you|thx|ty|cheers)(?: (?:so much|a lot|in advance|very
// much))?|(?:much )?appreciated|appreciate it)[\s.!]*$` and the closing `[\s,]*(?:if possible|if you
// can|please|pls)` before `[.?!]*$`, case-insensitive: found from the end of the text, so a long text
// (or a long run of dots) costs one pass rather than a regular-expression attempt at every position.
const THANKS_PHRASES: readonly string[] = [
  ...["thanks", "thank you", "thx", "ty", "cheers"].flatMap((t) => [
    t,
    ...["so much", "a lot", "in advance", "very much"].map((m) => `${t} ${m}`),
  ]),
  "appreciated",
  "much appreciated",
  "appreciate it",
].sort((a, b) => b.length - a.length);
const TAIL_PHRASES: readonly string[] = ["if possible", "if you can", "please", "pls"];

/** True when `text[end - phrase.length, end)` is `phrase` (lower case), ASCII letters compared without case. */
function endsWithPhrase(text: string, end: number, phrase: string): boolean {
  const start = end - phrase.length;
  if (start < 0) return false;
  for (let i = 0; i < phrase.length; i++) {
    let c = text.charCodeAt(start + i);
    if (c >= 65 && c <= 90) c |= 32;
    if (c !== phrase.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Where a closing phrase starts, with the separators before it: the text ends with one of `phrases`
 * (longest first) and then only characters `trailing` accepts; the separators `leading` accepts are
 * taken along. -1 when the text does not end so.
 */
function closingStart(
  text: string,
  phrases: readonly string[],
  leading: (c: number) => boolean,
  trailing: (c: number) => boolean,
): number {
  let end = text.length;
  while (end > 0 && trailing(text.charCodeAt(end - 1))) end--;
  for (const phrase of phrases) {
    if (!endsWithPhrase(text, end, phrase)) continue;
    let start = end - phrase.length;
    while (start > 0 && leading(text.charCodeAt(start - 1))) start--;
    return start;
  }
  return -1;
}

/** `[\s,.;!-]` */
function thanksLead(c: number): boolean {
  return isRegexSpace(c) || c === 44 || c === 46 || c === 59 || c === 33 || c === 45;
}

/** `[\s.!]` */
function thanksTrail(c: number): boolean {
  return isRegexSpace(c) || c === 46 || c === 33;
}

/** `[\s,]` */
function tailLead(c: number): boolean {
  return isRegexSpace(c) || c === 44;
}

/** `[.?!]` */
function tailTrail(c: number): boolean {
  return c === 46 || c === 63 || c === 33;
}

/** `[.?!)"”'\`]` */
function isClosingMark(c: number): boolean {
  return c === 46 || c === 63 || c === 33 || c === 41 || c === 34 || c === 0x201d || c === 39 || c === 96;
}

/** The request without greetings, "can you please" frames and thanks; protected text untouched. */
export function compress(text: string): string {
  let out = text.trim();
  out = out.replace(GREETING, "");
  const framed = FRAME.exec(out);
  if (framed !== null) {
    out = out.slice(framed[0].length);
    // "Can you write …?" is a request, not a question: end its first sentence with a period.
    out = out.replace(REQUEST_QUESTION, "$1.");
  }
  const thanks = closingStart(out, THANKS_PHRASES, thanksLead, thanksTrail);
  if (thanks >= 0) out = out.slice(0, thanks);
  const tail = closingStart(out, TAIL_PHRASES, tailLead, tailTrail);
  if (tail >= 0) out = out.slice(0, tail) + out.slice(tail).replace(/^[\s,]*[a-z ]+/i, "");
  out = out.trim();
  if (out === "") return text.trim();
  if (!isClosingMark(out.charCodeAt(out.length - 1))) out += ".";
  return out[0]!.toUpperCase() + out.slice(1);
}

/** Reads a request for the semantic distractor (through `readings`, which may have read it already). */
export function readRequest(text: string, readings: TextReadings): RequestReading {
  const { user, analysis } = readings.requestOf(text);
  return { intent: intentName(analysis, user.words), user, analysis, slots: readings.slotsOf(text) };
}

/** The slots as the `extract_intent` operation reports them: type → exact text. */
export function slotRecord(slots: readonly SlotSpan[], topic: string | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  if (topic !== undefined) record.topic = topic;
  for (const slot of slots) {
    let key: string = slot.type;
    for (let n = 2; record[key] !== undefined; n++) key = `${slot.type}_${n}`;
    record[key] = slot.text;
  }
  return record;
}

/** The topic as an exact piece of the text, or undefined when the analysis reshaped it. */
export function topicText(reading: RequestReading, text: string): string | undefined {
  const topic = restore(reading.analysis.topic, reading.user);
  return topic.includes(" ") && text.includes(topic) ? topic : undefined;
}
