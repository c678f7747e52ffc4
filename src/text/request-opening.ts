import type { RequestKind } from "./request-analysis.js";

/**
 * Where a request starts: the sentence of a message that carries it, and that sentence's opening
 * cut off — a greeting, thanks, a hedge, a conjunction left from an earlier turn ("thanks! and what
 * should I avoid?"), a request frame ("could you", "any tips on how to") — down to the request verb,
 * one word ("explain") or a phrase ("walk me through", "weigh up", "come up with").
 */

// Leading pleasantries, hedges and request frames, cut before the main verb is read. Not "well" or
// "right": they start requests too ("well-being", "right now").
const GREETING =
  /(?:hi|hey|hello|hiya|yo|ok|okay|so|um|hmm|and|also|oh|but|btw|thanks|thank you|thx|quick question|quick q|quick one|one more thing|random q|(?:ok )?fun one|please|pls|plz|kindly)\b[\s,.!:-]*/;
const HEDGE =
  /(?:sorry if this is|maybe|this might be|not sure if this is) (?:a (?:silly|dumb|stupid|basic) question|obvious),? (?:but )?/;
const FRAME =
  /(?:can|could|would|will) (?:you|u) (?:please |pls |kindly )?(?:help me (?:to )?)?|would you mind |i(?:'d| would) like to (?:know|understand|learn)(?: about)? |i(?:'d| would) like (?:you )?to |i (?:need|want) (?:you )?to |i(?:'m| am) (?:trying|looking|hoping) to |help me (?:to )?|let's |please /;
// An emoji before the request ("unfair. 😬 How to balance …") is no part of it.
const LEAD = new RegExp(
  `^(?:\\s|[,.!:;-]|\\p{Extended_Pictographic}|\\uFE0F)*(?:${GREETING.source}|${HEDGE.source})*(?:${FRAME.source})?`,
  "iu",
);

// Request verbs of more than one word, as the style transfer's rewrites and people phrase them.
const PHRASAL: ReadonlyArray<readonly [RegExp, string, RequestKind]> = [
  [/^help me understand\s+/i, "explain", "explain"],
  [/^(?:break|boil) (?:down )?/i, "explain", "explain"],
  [/^(?:put together|come up with|sketch out)\s+/i, "write", "write"],
  [/^(?:map|lay) out\s+/i, "plan", "plan"],
  [/^(?:run through|jot down)\s+/i, "list", "list"],
  [/^(?:take a look at|go over)\s+/i, "review", "review"],
  [/^(?:point me to|track down)\s+/i, "recommend", "recommend"],
  [/^work out\s+/i, "calculate", "calculate"],
];

// The first word of each of PHRASAL's verbs: most sentences open with none and skip the phrase tests.
const PHRASAL_FIRST: ReadonlySet<string> = new Set(
  "help break boil put come sketch map lay run jot take go point track work".split(" "),
);

const IMPERATIVE: Readonly<Record<string, RequestKind>> = {
  weigh: "compare",
  unpack: "explain",
  understand: "explain",
  rework: "review",
  explain: "explain",
  describe: "explain",
  tell: "explain",
  teach: "explain",
  define: "explain",
  clarify: "explain",
  analyze: "explain",
  analyse: "explain",
  write: "write",
  draft: "write",
  compose: "write",
  create: "write",
  generate: "write",
  make: "write",
  build: "write",
  implement: "write",
  design: "write",
  code: "write",
  fix: "fix",
  debug: "fix",
  troubleshoot: "fix",
  solve: "fix",
  repair: "fix",
  diagnose: "fix",
  compare: "compare",
  contrast: "compare",
  plan: "plan",
  schedule: "plan",
  organize: "plan",
  organise: "plan",
  outline: "plan",
  map: "plan",
  list: "list",
  brainstorm: "list",
  give: "list",
  name: "list",
  suggest: "recommend",
  recommend: "recommend",
  find: "recommend",
  pick: "recommend",
  choose: "recommend",
  calculate: "calculate",
  compute: "calculate",
  convert: "calculate",
  estimate: "calculate",
  summarize: "summarize",
  summarise: "summarize",
  condense: "summarize",
  translate: "translate",
  review: "review",
  critique: "review",
  improve: "review",
  proofread: "review",
  edit: "review",
  rewrite: "review",
  rephrase: "review",
  shorten: "review",
  polish: "review",
  refactor: "review",
  optimize: "review",
  optimise: "review",
  check: "review",
  propose: "recommend",
  set: "write",
  show: "explain",
  walk: "explain",
  prepare: "plan",
};

/** The request verb a sentence opens with and what follows it. */
export interface RequestOpening {
  /** The sentence after its lead-in (greeting, hedge, "could you"). */
  body: string;
  /** The request verb (`write`, `explain` for "walk me through"), lower case, if the body opens with one. */
  verb: string | undefined;
  /** What the verb asks for. */
  kind: RequestKind | undefined;
  /** The body after the verb and its particle ("weigh up the options" → "the options"). */
  object: string;
}

/** The sentence's opening (see {@link RequestOpening}). */
export function requestOpening(sentence: string): RequestOpening {
  const lead = LEAD.exec(sentence);
  const body = lead === null ? sentence : sentence.slice(lead[0].length);
  const firstWord = /^[A-Za-z]+/.exec(body)?.[0]?.toLowerCase();
  if (firstWord !== undefined && PHRASAL_FIRST.has(firstWord)) {
    for (const [phrase, verb, kind] of PHRASAL) {
      const m = phrase.exec(body);
      if (m !== null) return { body, verb, kind, object: body.slice(m[0].length) };
    }
  }
  const kind = firstWord === undefined ? undefined : IMPERATIVE[firstWord];
  if (kind === undefined) return { body, verb: undefined, kind, object: body };
  const object = body.replace(/^[A-Za-z]+\s+(?:(?:me|us)\s+)?(?:(?:up|out|through|over|down)\s+)?/, "");
  return { body, verb: firstWord, kind, object };
}

// A sentence that only greets, thanks or hopes ("Hi!", "Hope your day's going well!", "thanks!"):
// never the request, whatever follows.
const PLEASANTRY =
  /^(?:(?:hi|hey|hello|hiya|yo|hey there|good (?:morning|afternoon|evening|day)|greetings|dear [^,.!?]+|thanks|thank you|thx|ty|cheers|great|perfect|awesome|cool|nice|ok|okay|got it|love it|this is great)\b[^?]{0,16}|(?:i )?hope (?:you|your|all|this|everything|things|the)\b[^?]*|sorry to bother you\b[^?]*)$/i;

// "I'm trying to …", "I want to …" after any greeting: what the user is after, stated.
const GOAL = new RegExp(
  `^(?:\\W|${GREETING.source}|${HEDGE.source})*(?:i(?:'m| am) (?:trying|looking|hoping) to|i (?:want|need) to)\\b`,
  "i",
);

/** True when a sentence only greets, thanks or hopes ("Hi!", "Hope your day's going well!"). */
export function isPleasantry(sentence: string): boolean {
  return PLEASANTRY.test(sentence.trim().replace(/[.!\s]+$/, ""));
}

/**
 * The sentence that carries the request: the first question or imperative, else the first sentence
 * that is more than a pleasantry, else the first sentence.
 */
export function requestSentence(masked: string): string {
  const trimmed = masked.trim();
  let start = 0;
  let first: string | undefined;
  let firstReal: string | undefined;
  const n = trimmed.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? trimmed.charCodeAt(i) : -1;
    // . ? ! and a line break end a sentence, and so does the end of the text.
    if (c !== 46 && c !== 63 && c !== 33 && c !== 10 && c !== -1) continue;
    // A dot inside a word ("e.g.", "v2") does not end a sentence.
    if (c === 46 && i + 1 < n) {
      const next = trimmed.charCodeAt(i + 1);
      if (next !== 32 && next !== 10) continue;
    }
    const sentence = trimmed.slice(start, i + 1).trim();
    start = i + 1;
    if (sentence.length < 3) continue;
    first ??= sentence;
    if (c !== 63 && isPleasantry(sentence)) continue;
    firstReal ??= sentence;
    // "I'm trying to weigh up my options": the user's goal, not yet the request.
    if (c === 63 || (requestOpening(sentence).kind !== undefined && !GOAL.test(sentence))) return sentence;
  }
  return firstReal ?? first ?? trimmed;
}
