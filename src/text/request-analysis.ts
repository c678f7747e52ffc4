import { isRegexSpace } from "../util/regex-space.js";
import { FIELD_LISTS, fieldFromHits, type JargonField } from "./jargon.js";
import { requestOpening, requestSentence } from "./request-opening.js";
import { keywordTokens } from "./tokenizer.js";
import type { UserText } from "./user-text.js";
import { findIn, hasAny, lexicon, scanText, wordTable } from "./word-table.js";

/** What a request asks for, as the offline generators tell it apart. */
export const REQUEST_KINDS = [
  "explain",
  "write",
  "fix",
  "compare",
  "plan",
  "list",
  "calculate",
  "summarize",
  "translate",
  "recommend",
  "review",
  "howto",
  "yesno",
  "general",
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** One request read into its kind and the words that name what it is about (all on masked text). */
export interface RequestAnalysis {
  kind: RequestKind;
  /** The request's own main verb when it has one (`write`, `undo`, `plan`), lower-case. */
  verb: string | undefined;
  /** What the request is about, cut from the message (masked, first person kept). */
  topic: string;
  /** `topic` is a verb phrase (`undo my last git commit`) rather than a noun phrase. */
  topicIsAction: boolean;
  /**
   * How the topic reads: `action` (a verb phrase), `noun` (a noun phrase that fits "about …"), or
   * `clause` (anything else: "you need static stretching before a run").
   */
  topicShape: "action" | "noun" | "clause";
  /** The request is about code, commands or data queries. */
  coding: boolean;
  /** The programming language named or implied (fence name: `python`, `bash`, `sql`, …). */
  language: string | undefined;
  /** The subject area, for picking fitting terms (`coding` for coding requests). */
  field: JargonField;
}

// The request kinds, tested in this order when the request does not open with a known verb.
const KIND_ORDER: readonly RequestKind[] = [
  "translate",
  "summarize",
  "compare",
  "fix",
  "calculate",
  "plan",
  "list",
  "recommend",
  "review",
  "howto",
  "explain",
];

// Every keyword list of a request, scanned in one pass over its words.
const LEX = lexicon({
  ...FIELD_LISTS,
  translate:
    "translate|translation of|how do you say|how do i say|into spanish|into french|into german|into italian|into japanese|into chinese|into portuguese|into english",
  summarize: "summar*|tl dr|tldr|sum up|sum it up|sum this up|gist|recap",
  compare: "difference between|differences between|vs|versus|compar*|pros and cons",
  fix: "fix|error|errors|bug|bugs|crash*|broken|fail*|exception|traceback|not working|doesn't work|didn't work|won't work|won't start|doesn't start|won't compile|doesn't compile|won't load|doesn't load|won't open|doesn't open|won't turn|stuck|wrong with|going on|hurt|hurts|hurting|leak*|yellow*",
  calculate:
    "calculate|percent of|percentage of|convert|compound interest|monthly payment|how much will|how much would|how much do|how much does|how much is|how much should|how much money|how much time|how many calories|how many grams|how many cups|how many hours|how many days|how many weeks|how many months|how many years|how many people",
  plan: "plan|schedule|itinerary|roadmap|routine|timeline|program|prepare for|get ready for|from not",
  list: "ideas|brainstorm|tips|ways to|list of|name for|names for|questions about|examples of|some strategies|good strategies|effective strategies|some ways|some tips|good ideas|some ideas|some options|my options|good games|good books|good podcasts|some resources|some exercises|best strategies",
  recommend:
    "recommend|suggest|best|which should|should i buy|should i get|should i choose|should i use|should i pick|should i go|worth it|substitute for|good substitute|alternative to|alternatives to|replacement for",
  review:
    "feedback on|improve this|make this more|make this less|make it more|make it less|make this sound|make it sound|proofread|critique",
  howto:
    "how do i|how do we|how can i|how can we|how should i|how should we|how would i|how would we|how to|best way to|steps to",
  explain:
    "what is|what are|what was|what does|what do|what's|whats|why|how does|how do|how did|how is|how are|meaning of|tell me about|understand",
  choice: "should i|better to|should we",
  code: "code|function|python|javascript|typescript|node|java|sql|bash|shell|regex|api|compile*|git|npm|pip|docker|django|flask|react|rust|golang|method|database|json|csv|html|css|kotlin|swift|dataframe|pandas|linux|terminal|command|query|queries|bug|stack trace|stacktrace|endpoint|deploy*|server|repo|commit|excel formula|vba|loop|variable|ruby|php|c++|c#",
});

// "should I buy X or Y", "better to rent or buy": a choice between two things.
const CHOICE = wordTable("should i|better to|should we");

const YES_NO = /^(?:is|are|can|should|does|do|will|would|could|am|was|did|has|have|isn't|aren't)\b/i;

// Word → [priority, fence language]: the lowest priority named wins ("TypeScript" over "node").
const LANGUAGES: ReadonlyMap<string, readonly [number, string]> = new Map(
  (
    [
      ["typescript ts", "typescript"],
      ["javascript node react js", "javascript"],
      ["python django flask pandas dataframe pip", "python"],
      ["sql postgres postgresql mysql sqlite query queries", "sql"],
      ["rust cargo", "rust"],
      ["golang", "go"],
      ["java spring", "java"],
      ["bash shell terminal command git cron linux docker", "bash"],
      ["ruby rails", "ruby"],
      ["php", "php"],
      ["kotlin", "kotlin"],
      ["swift", "swift"],
      ["c#", "csharp"],
    ] as const
  ).flatMap(([spellings, fence], priority) =>
    spellings.split(" ").map((w) => [w, [priority, fence] as const] as const),
  ),
);

function languageOf(words: readonly string[]): string | undefined {
  let best: readonly [number, string] | undefined;
  for (const w of words) {
    const lang = LANGUAGES.get(w);
    if (lang !== undefined && (best === undefined || lang[0] < best[0])) best = lang;
  }
  return best?.[1];
}

function choiceWithOr(words: readonly string[]): boolean {
  const at = findIn(words, CHOICE);
  if (at < 0) return false;
  for (let i = at + 2; i < Math.min(words.length, at + 14); i++) if (words[i] === "or") return true;
  return false;
}

// Where the topic phrase stops: the end of a sentence or a clause that starts a new thought.
const CLAUSE_END =
  /[.?!;:\n]|,\s*(?:and|but|so|with|which|because|then|or|also|plus|oh)\b|\s(?:but|because|so that|and how|and what|and why|and is|and can|and should)\s|\s[-–—]\s/;
const ABLE = /^(?:am|are) (?:i|we) (?:able|allowed) to\s+$/;
const QUESTION_LEAD =
  /^(?:(?:am|are) (?:i|we) (?:able|allowed) to|how (?:do|can|should|would|could|did) (?:i|we|you)|how to|what(?:'s| is| are| was| were| does| do)?|whats|which(?: of)?|why (?:do|does|did|is|are|would|should|can't|won't|doesn't|don't)?|when (?:should|do|does|is|can) (?:i|we)?|where (?:can|do|should) (?:i|we)|which|who|is there|are there|is it|is|are|can|should|does|do|could|would|will)\s+/i;
// "any tips on how to …", "pointers for …", "some advice about …": an ask for advice on what follows.
const ADVICE_FRAME =
  /^(?:any |some )?(?:pointers|tips|tricks|advice|ideas|suggestions|guidance)(?: (?:on|for|about|with|to))?(?: how to)?\s+/i;
// After "what": a modal and a person ("should I", "would you advise me to") before the action.
const WHAT_TO =
  /^(?:(?:should|can|could|do|must|would) (?:i|we)|(?:would|do|can) you (?:advise|suggest|recommend)(?: (?:me|us))?(?: to)?)\s+/i;
const TRAILING_FILLER = new Set(
  "and or but the a an of to for with by in on at from that this my your is are be it as so some any".split(
    " ",
  ),
);

/** Drops trailing function words and commas ("a plan for the" → "a plan"). */
function trimTrailingFiller(phrase: string): string {
  let end = phrase.length;
  for (;;) {
    while (end > 0 && (phrase[end - 1] === " " || phrase[end - 1] === ",")) end--;
    const space = phrase.lastIndexOf(" ", end - 1);
    if (space < 0) break;
    if (!TRAILING_FILLER.has(phrase.slice(space + 1, end).toLowerCase())) break;
    end = space;
  }
  return phrase.slice(0, end).trim();
}
const MAX_TOPIC_WORDS = 14;
// Words that start a phrase of their own, where a topic too long to keep whole is cut.
const RELATIVE: ReadonlySet<string> = new Set("who which that whose where when while because".split(" "));
const PHRASE_START: ReadonlySet<string> = new Set(
  "for with to of in on at by about from into without so and or but".split(" "),
);
// The predicate that ends a yes/no question about a thing ("… really needed", "… worth it").
const PREDICATE_END =
  /\s+(?:(?:really|actually|still|even|always|ever|truly)\s+)?(?:needed|necessary|required|worth it|worthwhile|worth the (?:money|cost|effort|price)|safe|okay|ok|normal|possible|true|enough|a good idea|a bad idea|bad|good|better|legal|allowed)$/i;

/** True when `text` has more than `max` whitespace-separated words. */
function moreWordsThan(text: string, max: number): boolean {
  // `max + 1` words need at least `2 * max + 1` characters.
  if (text.length <= 2 * max) return false;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isRegexSpace(text.charCodeAt(i));
    if (!space && !inWord && ++words > max) return true;
    inWord = !space;
  }
  return false;
}
const MODAL_CLAUSE = /^(.+?)\s+(?:should|can|could|do|would|must)\s+(?:i|we|you|one)\s+(.+)$/i;
const MODALS = new Set(["should", "can", "could", "do", "would", "must"]);
const AUX = new Set([
  "should",
  "can",
  "could",
  "do",
  "does",
  "did",
  "would",
  "will",
  "must",
  "is",
  "are",
  "was",
]);
const PRONOUNS = new Set(["i", "we", "you", "they", "he", "she", "it", "one"]);

// Verbs that make a phrase a clause ("your response time has grown …"), not a noun phrase.
const FINITE = new Set(
  "is are was were has have had does did doesn't don't isn't aren't wasn't won't can't keeps kept seems became grew grown went".split(
    " ",
  ),
);

function hasFiniteVerb(words: readonly string[]): boolean {
  for (let i = 1; i < words.length; i++) if (FINITE.has(words[i] as string)) return true;
  return false;
}

/** Index of the first `modal pronoun` pair ("should you") in the words, or -1. */
function pronounAfterModal(words: readonly string[], modals: ReadonlySet<string>): number {
  for (let i = 0; i + 1 < words.length; i++) {
    if (modals.has(words[i] as string) && PRONOUNS.has(words[i + 1] as string)) return i;
  }
  return -1;
}
const FUNCTION_WORDS = new Set(
  "a an the my your our this that these those of to in on for with and or but is are be it you i we what which how why".split(
    " ",
  ),
);

function contentWords(words: readonly string[]): number {
  let n = 0;
  for (const w of words) if (w.length > 1 && !FUNCTION_WORDS.has(w)) n++;
  return n;
}
const MAKE_BETTER =
  /^(?:this|it|my|the|our)\b.*\b(?:more|less|shorter|longer|better|clearer|simpler|sound)\b/i;
const PLAN_NOUNS = wordTable(
  "trip|itinerary|schedule|routine|plan|program|roadmap|timeline|curriculum|syllabus",
);

function keepsDoing(words: readonly string[]): boolean {
  for (let i = 0; i + 1 < words.length; i++) {
    if ((words[i] === "keeps" || words[i] === "keep") && (words[i + 1] as string).endsWith("ing"))
      return true;
  }
  return false;
}
const NOT_NOUN_START =
  /^(?:i|you|we|they|he|she|it|should|could|would|can|will|do|does|did|is|are|was|were|be|been|if|in|at|on|when|where|what|why|how|which|who|whether|to|for|from|with|by|about|more|less|this to)\b/i;

/** Reads the kind, topic and coding cues of one request. */
export function analyzeRequest(text: UserText): RequestAnalysis {
  const sentence = requestSentence(text.masked);
  const opening = requestOpening(sentence);
  const body = opening.body;
  let kind = opening.kind;
  let verb = opening.verb;
  // One pass over the masked text; its words are cut only when a test below needs them.
  const hits = scanText(text.masked, LEX);
  if (kind === undefined) {
    for (const k of KIND_ORDER) {
      const bit = LEX.bit[k as keyof typeof LEX.bit];
      if (
        (hits & bit) !== 0 ||
        (k === "compare" && (hits & LEX.bit.choice) !== 0 && choiceWithOr(text.words)) ||
        (k === "fix" && text.lower.includes("keep") && keepsDoing(text.words))
      ) {
        kind = k;
        break;
      }
    }
  }
  const yesNo = YES_NO.test(body) && sentence.includes("?");
  if (kind === undefined || (kind === "explain" && yesNo)) kind = yesNo ? "yesno" : (kind ?? "general");
  let { topic, isAction, actionVerb } = topicOf(
    body,
    verb === undefined ? undefined : opening.object,
    kind === "yesno",
  );
  verb ??= actionVerb;
  const topicWords = keywordTokens(topic.toLowerCase());
  if (verb === "make" && MAKE_BETTER.test(topic)) kind = "review";
  else if ((kind === "recommend" || kind === "write" || kind === "list") && hasAny(topicWords, PLAN_NOUNS))
    kind = "plan";
  const coding = (hits & LEX.bit.code) !== 0;
  // "Convert this bash loop to PowerShell": code to write, not a sum.
  if (coding && kind === "calculate" && verb === "convert") kind = "write";
  const language = coding ? languageOf(text.words) : undefined;
  let finalWords = topicWords;
  // "side effects should we watch for" reads as "the side effects to watch for".
  const modalAt = isAction ? -1 : pronounAfterModal(topicWords, MODALS);
  if (modalAt > 0 && modalAt <= 4 && !NOT_NOUN_START.test(topic)) {
    const modal = MODAL_CLAUSE.exec(topic);
    if (modal !== null) {
      topic = `the ${modal[1]} to ${modal[2]}`;
      finalWords = keywordTokens(topic.toLowerCase());
    }
  }
  const topicShape = isAction
    ? "action"
    : NOT_NOUN_START.test(topic) ||
        pronounAfterModal(finalWords, AUX) >= 0 ||
        hasFiniteVerb(finalWords) ||
        contentWords(finalWords) < 2
      ? "clause"
      : "noun";
  const field = coding ? "coding" : fieldFromHits(hits, LEX.bit);
  return { kind, verb, topic, topicIsAction: isAction, topicShape, coding, language, field };
}

/** The topic of the request's body; `object`: what follows its request verb, when it opens with one. */
function topicOf(
  body: string,
  object: string | undefined,
  yesNo: boolean,
): { topic: string; isAction: boolean; actionVerb: string | undefined } {
  let rest = object ?? body;
  let isAction = false;
  let actionVerb: string | undefined;
  if (object === undefined) {
    const advice = ADVICE_FRAME.exec(rest);
    const q = advice === null ? QUESTION_LEAD.exec(rest) : null;
    if (advice !== null) {
      // "any tips on how to pick shows": the action; "any advice on the best way to …": the phrase.
      rest = rest.slice(advice[0].length);
      isAction = /\bto\s+$/i.test(advice[0]);
      if (isAction) actionVerb = /^[A-Za-z]+/.exec(rest)?.[0]?.toLowerCase();
    } else if (q !== null) {
      const lead = q[0].toLowerCase();
      rest = rest.slice(q[0].length);
      if (/^how (?:do|can|should|would|could|did) |^how to /.test(lead)) {
        isAction = true;
        actionVerb = /^[A-Za-z]+/.exec(rest)?.[0]?.toLowerCase();
      } else if (ABLE.test(lead)) {
        // "Am I able to use …": "I can use …", as "Can I use …" reads.
        rest = `${/\bwe\b/.test(lead) ? "we" : "I"} can ${rest}`;
      } else if (lead.startsWith("what")) {
        // "what should I avoid", "what would you advise me to ask": "what to avoid", "what to ask".
        const asked = WHAT_TO.exec(rest);
        if (asked !== null) rest = `what to ${rest.slice(asked[0].length)}`;
      }
    } else {
      // "I need to …", "I want …": the action after the frame.
      const frame =
        /^(?:i|we)\s+(?:need|want|have|would like|'d like|'m trying|am trying)\s+(?:to\s+)?/i.exec(rest);
      if (frame !== null) {
        rest = rest.slice(frame[0].length);
        isAction = /to\s+$/i.test(frame[0]);
        if (isAction) actionVerb = /^[A-Za-z]+/.exec(rest)?.[0]?.toLowerCase();
      }
    }
  }
  const end = CLAUSE_END.exec(rest);
  let topic = end === null ? rest : rest.slice(0, end.index);
  if (moreWordsThan(topic, MAX_TOPIC_WORDS)) {
    const words = topic.split(/\s+/).filter((w) => w !== "");
    // Cut where a phrase ends: before a relative clause ("… bard who used to be"), else before the
    // last preposition of the first words, never inside "… for somebody who".
    const at = (from: number, set: ReadonlySet<string>, step: number): number => {
      for (let i = from; i > 4 && i <= MAX_TOPIC_WORDS; i += step)
        if (set.has((words[i] as string).toLowerCase())) return i;
      return -1;
    };
    const relative = at(5, RELATIVE, 1);
    const phrase = relative > 0 ? relative : at(MAX_TOPIC_WORDS, PHRASE_START, -1);
    topic = words.slice(0, phrase > 0 ? phrase : MAX_TOPIC_WORDS).join(" ");
  }
  // "Is antivirus software on a Mac really needed?": the thing, not the predicate.
  if (yesNo) topic = topic.replace(PREDICATE_END, "");
  topic = trimTrailingFiller(topic);
  if (topic === "")
    topic = body
      .replace(/[.?!\s]+$/, "")
      .split(/\s+/)
      .slice(0, 8)
      .join(" ");
  return { topic, isAction, actionVerb };
}

/**
 * The noun at the head of a phrase, with its determiner: `your last git commit`, `a Python function`;
 * undefined when there is no clear one (`a day`, `the difference`).
 */
export function headPhrase(topic: string): string | undefined {
  const m =
    /\b(?:a|an|the|my|your|our|this|these|those|his|her|their)\s+((?:[\w\uE100-\uF8FF'-]+\s+){0,3}?[\w\uE100-\uF8FF'-]+?)(?=\s+(?:that|which|who|to|for|with|in|on|at|from|of|by|and|or|but|so|when|if|about|into|between|is|are|was|were|has|have|had|keeps?|crash\w*|fails?|won't|can't|doesn't|didn't|isn't|aren't|wasn't|connects?|works?|stops?|starts?|seems?|looks?|needs?|turns?|comes?|goes?|takes?|makes?|wants?|costs?|hurts?|drains?|leaks?|shows?)\b|[,.?!]|$)/i.exec(
      topic.replace(/,\s+(?=[a-z])/g, " "),
    );
  if (m === null) return undefined;
  const last = /[\w'-]+$/.exec(m[0])?.[0]?.toLowerCase();
  return last === undefined || WEAK_HEADS.has(last) ? undefined : m[0];
}

const WEAK_HEADS = new Set(
  "day week month year lot bit time way thing things one point same first difference differences trade-offs tradeoffs trade-off pros cons best most few couple".split(
    " ",
  ),
);
