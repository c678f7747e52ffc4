/**
 * An assistant reply read back into its parts: the list items, whether it holds code, a few numbers
 * and its size. Both sides of the offline conversation use it: the assistant to answer "explain step
 * 2", the simulated user to point at a bullet or a step of the reply it just got.
 */
export interface ReplyView {
  /** The list items, in order, markdown emphasis removed. */
  items: string[];
  /** The bold label of each item (`Phase 1, prepare`), or undefined. */
  labels: Array<string | undefined>;
  /** The items were numbered (steps) rather than bulleted. */
  numbered: boolean;
  /** The reply holds a fenced code block. */
  hasCode: boolean;
  /** The first line of code inside the first fence, if any. */
  firstCodeLine: string | undefined;
  /** Numbers mentioned outside code, as written (at most three). */
  numbers: string[];
  /** Length in characters. */
  length: number;
  /** The first sentence of the prose. */
  firstSentence: string;
}

const NUMBER =
  /(?:[$€£]\s?)?\b\d[\d,]*(?:\.\d+)?(?:\s?%|\s(?:days|weeks|months|minutes|hours|words|people|steps|points))?/g;

/** Where a list item's text starts in the line ("- ", "* ", "2. ", "3) ", "- [ ] "), or -1. */
function itemStart(line: string): { at: number; numbered: boolean } | undefined {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  const c = line.charCodeAt(i);
  let at = -1;
  let numbered = false;
  if ((c === 45 || c === 42 || c === 0x2022) && line.charCodeAt(i + 1) === 32) at = i + 2;
  else if (c >= 48 && c <= 57) {
    let j = i + 1;
    if (line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) j++;
    const d = line.charCodeAt(j);
    if ((d === 46 || d === 41) && line.charCodeAt(j + 1) === 32) {
      at = j + 2;
      numbered = true;
    }
  }
  if (at < 0) return undefined;
  if (line.startsWith("[ ] ", at) || line.startsWith("[x] ", at)) at += 4;
  return at < line.length ? { at, numbered } : undefined;
}

/** The label of an item: `**Label:** text` or `Label: text` (short, capitalised, before a colon). */
function labelOf(body: string): string | undefined {
  if (body.startsWith("**")) {
    const close = body.indexOf("**", 2);
    if (close > 3 && close <= 64) return body.slice(2, close).replace(/:$/, "");
    return undefined;
  }
  const c = body.charCodeAt(0);
  if (!(c >= 65 && c <= 90)) return undefined;
  const colon = body.indexOf(": ");
  if (colon < 3 || colon > 42) return undefined;
  const head = body.slice(0, colon);
  return /[.?!;"`]/.test(head) ? undefined : head;
}

/** Reads a reply (any assistant's, not only the offline one's). */
export function viewReply(reply: string): ReplyView {
  const items: string[] = [];
  const labels: Array<string | undefined> = [];
  const numbers: string[] = [];
  let numbered = false;
  let inCode = false;
  let hasCode = false;
  let firstCodeLine: string | undefined;
  let firstSentence = "";
  let start = 0;
  while (start <= reply.length) {
    let end = reply.indexOf("\n", start);
    if (end < 0) end = reply.length;
    const line = reply.slice(start, end);
    start = end + 1;
    if (line.startsWith("```")) {
      inCode = !inCode;
      hasCode = true;
      continue;
    }
    if (inCode) {
      if (firstCodeLine === undefined && line.trim() !== "" && !/^\s*(?:#|\/\/|--)/.test(line))
        firstCodeLine = line.trim();
      continue;
    }
    const item = itemStart(line);
    if (item !== undefined) {
      if (items.length === 0) numbered = item.numbered;
      const raw = line.slice(item.at);
      labels.push(labelOf(raw));
      items.push(/[*_`]/.test(raw) ? raw.replace(/\*\*|__|`/g, "").trim() : raw.trim());
    } else if (firstSentence === "" && line.trim() !== "" && !line.startsWith("|") && !line.startsWith(">")) {
      const t = line.trim();
      const stop = t.search(/[.!?:](?:\s|$)/);
      firstSentence = (stop < 0 ? t : t.slice(0, stop + 1)).replace(/\*\*/g, "");
    }
    if (numbers.length < 3 && /\d/.test(line)) {
      const skip = item?.numbered === true ? item.at : 0;
      for (const n of line.slice(skip).matchAll(NUMBER)) {
        if (numbers.length >= 3) break;
        numbers.push(n[0].replace(/[.,]$/, ""));
      }
    }
  }
  return { items, labels, numbered, hasCode, firstCodeLine, numbers, length: reply.length, firstSentence };
}

/** A short way to name an item: its label, or its first few words (never a quote, nor a cut one). */
export function itemGist(view: ReplyView, index: number, maxWords = 6): string | undefined {
  const label = view.labels[index]
    ?.replace(/[.:]+$/, "")
    .replace(/\s*["“”]\s*/g, " ")
    .trim();
  const item = view.items[index];
  // A label that only numbers or frames the item ("Phase 1", "Your detail"), or a lone joining word
  // ("Unless"), says nothing of it.
  if (
    label !== undefined &&
    label !== "" &&
    (item === undefined || (!FRAME_LABEL.test(label) && !STARTS_PART.has(label.toLowerCase())))
  )
    return label;
  if (item === undefined) return undefined;
  const body = label === undefined ? item : item.slice(item.indexOf(":") + 1).trim();
  // The first clause, up to a quote: a quote is the user's words, not the item's, and the words
  // before it are whole only if a cut makes them so.
  const clause = body.split(/[,;:.!?(]|\s*["“”]/, 1)[0]?.trim() ?? body;
  const whole = !/["“”]/.test(body.slice(clause.length, clause.length + 3));
  const words = clause.split(/\s+/).filter((w) => w !== "");
  if (words.length > maxWords + 1) return shortened(words, maxWords, whole);
  if (whole) return words.length > 0 ? clause : undefined;
  return cutAt(words, words.length) ?? shortened(words, words.length - 1, false);
}

/**
 * A long clause said short and whole: cut before a word that opens a new part of it (a preposition,
 * a conjunction, a relative or "to"), the latest such cut within `maxWords` that leaves a whole
 * phrase (see `cutAt`); else the first such cut after it, or the clause itself when short enough
 * (`whole`: it ends where the sentence does, not at a quote). Undefined when nothing is whole.
 */
function shortened(words: readonly string[], maxWords: number, whole: boolean): string | undefined {
  for (let end = Math.min(maxWords, words.length - 1); end >= 2; end--) {
    if (!STARTS_PART.has((words[end] as string).toLowerCase())) continue;
    const phrase = cutAt(words, end);
    if (phrase !== undefined) return phrase;
  }
  const longest = maxWords + 5;
  for (let end = maxWords + 1; end < Math.min(words.length, longest); end++) {
    if (!STARTS_PART.has((words[end] as string).toLowerCase())) continue;
    const phrase = cutAt(words, end);
    if (phrase !== undefined) return phrase;
  }
  if (words.length > longest) return undefined;
  return whole ? words.join(" ") : cutAt(words, words.length);
}

/**
 * The first `end` words, trailing function words dropped, when they make a whole phrase: two words
 * or more, not ending on a word that needs more ("about", "been", "could", "more") nor on a clause
 * just opened ("look at how people"). A preposition may end a clause that a wh-word opened ("where
 * you're starting from").
 */
function cutAt(words: readonly string[], end: number): string | undefined {
  const phrase = words.slice(0, end).join(" ").replace(GIST_TAIL, "");
  const said = phrase.toLowerCase().split(" ");
  const last = said[said.length - 1] as string;
  const opener = said[said.length - 2];
  if (said.length < 2 || DANGLING.has(last) || (opener !== undefined && OPENS_CLAUSE.has(opener)))
    return undefined;
  if (STARTS_PART.has(last) && !said.slice(0, -1).some((w) => OPENS_CLAUSE.has(w))) return undefined;
  return phrase;
}

// Words that need another after them: auxiliaries, comparatives.
const DANGLING = new Set("be been being could would should can will may might must more less".split(" "));
// Words that open a new part of a clause: a gist may end right before one.
const STARTS_PART = new Set(
  "and or but so to of in on at for with from by into onto about over under after before until unless that which who whom whose when where while because since if whether what how without within through across against like via as".split(
    " ",
  ),
);
// Words after which one more word is a clause just opened ("what success", "how people").
const OPENS_CLAUSE = new Set("what how where which who whose whether if when while that".split(" "));

const FRAME_LABEL =
  /^(?:(?:phase|stage|step|point|part|tip|option|idea|note|week|day)\s*\d*|your (?:case|detail|numbers?|situation)|for you|in short|simply(?: put)?|plainly|example|note)$/i;

const GIST_TAIL =
  /(?:\s+(?:a|an|the|to|of|in|on|for|with|and|or|but|who|that|which|when|if|is|are|has|have|it|you|your|so|as|at|by|from|what|how))+$/i;

// The memo entry holding the latest reply's view: the simulated user reads the reply it just got,
// and the assistant reads the same reply again as "the previous answer" on the next turn.
const VIEW_KEY = "offline:reply-view";

/**
 * {@link viewReply}, read once per reply text when a per-conversation memo is given (the simulated
 * user and the assistant then share one reading of each reply). Same result without the memo.
 */
export function viewReplyOnce(reply: string, memo: Map<string, unknown> | undefined): ReplyView {
  if (memo === undefined) return viewReply(reply);
  const hit = memo.get(VIEW_KEY) as { text: string; view: ReplyView } | undefined;
  if (hit !== undefined && hit.text === reply) return hit.view;
  const view = viewReply(reply);
  memo.set(VIEW_KEY, { text: reply, view });
  return view;
}
