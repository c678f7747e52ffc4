import { lexicon, scanText } from "../../text/word-table.js";

/**
 * What a follow-up message asks of the previous answer. The offline assistant reads it to answer in
 * context ("step 2 was …"); the patterns also match what real users type.
 */
export type FollowUpKind =
  | "giveup"
  | "thanks"
  | "pushback"
  | "clarify"
  | "step"
  | "shorter"
  | "reformat"
  | "example"
  | "deeper"
  | "apply"
  | "next"
  | "constraint"
  | "new";

/** A follow-up read: its kind, the item it points at (0-based) and the term it asks about. */
export interface FollowUp {
  kind: FollowUpKind;
  /** The list item of the previous answer it refers to, 0-based. */
  index: number | undefined;
  /** The word or phrase the user asks the meaning of, as they wrote it. */
  term: string | undefined;
}

// The user leaves without what they came for ("never mind, I'll figure it out", "this isn't
// helping"): a short close, not thanks for thanks. Never a question.
const GIVE_UP =
  /\b(?:forget it|never ?mind|nvm|nah|giving up|give up|not (?:really )?(?:helping|useful|getting me anywhere)|isn'?t (?:really |quite )?(?:helping|it\b|what i need|getting me anywhere)|doesn'?t really answer|look (?:elsewhere|for \S.* somewhere else|into it another way)|another (?:resource|way)|try (?:elsewhere|something else|another way)|(?:figure|sort|work) (?:it |\S.* )?out (?:myself|on my own|elsewhere)|(?:figure|sort) out \S.* (?:myself|on my own|elsewhere)|ask (?:a friend|someone|an expert)|leave it here|stop(?:ping)? here|can wait|going in circles|google it|watch a video|taking too long|skip it|done here)\b|^(?:done|stop)\.?$/;
const THANKS =
  /^(?:thanks|thank you|thx|ty|great|perfect|awesome|cool|got it|ok(?:ay)?|nice|that works|works)\b/;
// Keyword lists of each kind, tested together in one pass over the message's words.
const KINDS = lexicon({
  pushback:
    "wrong|not right|incorrect|doesn't work|doesnt work|didn't work|didnt work|not what i|that's not|thats not|are you sure|you missed|you forgot|you skipped|nope|makes no sense|doesn't make sense|still fails|still broken|still not|that won't",
  clarifyGate: "mean|means|define|familiar|heard|what's|whats|what is|stand for",
  shorter:
    "shorter|too long|tl dr|tldr|short version|just give|just tell|just the|bottom line|in one line|in one sentence|too much|skip the",
  reformat: "table|bullet|bullets|bullet points|numbered|checklist|as a list|in steps|one line each",
  example: "example|examples|show me|sample|demo|concrete",
  deeper:
    "more detail|elaborate|expand|go deeper|in depth|explain more|why does|why is|why would|why do|why should|walk me through|how come|the reasoning|less obvious|edge cases|edge case|corner cases|the fundamentals|the basics|basics i know|i know all that|i know that already",
  apply:
    "my case|my situation|my team|my company|my job|my work|my class|my kid|my kids|my family|my setup|my project|my business|my client|my clients|in my|for my|for our|as a|as an|i'm a|i'm an|im a|i am a|i am an|i work|we're a|we're an|would this work|does this work|does this apply|does this still work|does this still apply|for someone like me|apply to|applies to|apply for|tailor this|tailor it|look like for|work for a|work for an|change for a|change for an|change for someone|different for a|different for an|differ for a|differ for an",
  next: "next|then what|after that|what now|done with|now what|once that|once this|once it|moving on|what else|did that|done that|i did it|that's done|what's after|whats after|what is after|what comes after|comes after",
  constraint:
    "forgot to mention|should have mentioned|should've mentioned|change your advice|change ur advice|does that change|it's just me|just me|i forgot|also need|only have|can't use|cant use|has to|have to|must|without|budget|no more than|at most|under|limit|deadline|by monday|by tuesday|by wednesday|by thursday|by friday|by tomorrow|by tonight",
});
type KindList = keyof typeof KINDS.bit;
const CLARIFY_PATTERNS: readonly RegExp[] = [
  /\bwhat (?:does|do|is|'s)\s+(?:an?\s+|the\s+)?["'“‘]?([^"'”’?]{2,40}?)["'”’]?\s+(?:mean|means|stand for)\b/i,
  /\bwhat (?:do )?(?:you|u) mean (?:by|re|with|about)\s+["'“‘]?([^"'”’?.!,]{2,40})/i,
  /\bexplain what\s+["'“‘]?([^"'”’?.!,]{2,40}?)["'”’]?\s+means?\b/i,
  /\bwhat(?:'s| is)\s+(?:an?\s+|the\s+)?["'“‘]?([A-Za-z][\w -]{1,30}?)["'”’]?\s*\?/i,
  /\b(?:define|never heard of|not familiar with)\s+["'“‘]?([A-Za-z][\w -]{1,30}?)["'”’]?(?:[?.!,]|$)/i,
];
const STEP = /\b(?:step|point|item|bullet|number|option|idea|phase|tip|#)\s*(\d{1,2})\b/;
const ORDINAL =
  /\b(first|second|third|fourth|fifth|sixth|last)\s+(?:step|point|one|bullet|item|option|idea|phase|part|tip)\b/;
const ORDINALS: Readonly<Record<string, number>> = {
  first: 0,
  second: 1,
  third: 2,
  fourth: 3,
  fifth: 4,
  sixth: 5,
};

/** Reads a follow-up message; `lower` is it lower-cased, `raw` as written (for the term's case). */
export function readFollowUp(lower: string, raw: string, itemCount: number): FollowUp {
  const trimmed = lower.trim();
  const index = referencedIndex(lower, itemCount);
  // The words of `raw`, lower-cased: `lower` itself.
  const hits = scanText(raw, KINDS);
  if (GIVE_UP.test(trimmed) && !trimmed.includes("?")) return { kind: "giveup", index, term: undefined };
  if (THANKS.test(trimmed) && trimmed.length < 60 && !trimmed.includes("?") && !/\bbut\b/.test(trimmed)) {
    return { kind: "thanks", index, term: undefined };
  }
  if (on(hits, "pushback")) return { kind: "pushback", index, term: undefined };
  if (on(hits, "clarifyGate")) {
    for (const pattern of CLARIFY_PATTERNS) {
      const term = pattern
        .exec(raw)?.[1]
        ?.trim()
        .replace(/^(?:the\s+)?(?:term|word|phrase)\s+/i, "");
      if (term !== undefined && term.length >= 2 && !NOT_A_TERM.test(term))
        return { kind: "clarify", index, term };
    }
  }
  if (on(hits, "shorter")) return { kind: "shorter", index, term: undefined };
  if (on(hits, "reformat")) return { kind: "reformat", index, term: undefined };
  if (on(hits, "example")) return { kind: "example", index, term: undefined };
  // "Once step 1 is done, what's next?": past that step, not into it.
  if (index !== undefined && !(on(hits, "next") && /\b(?:next|after)\b/.test(lower)))
    return { kind: "step", index, term: undefined };
  if (on(hits, "deeper")) return { kind: "deeper", index, term: undefined };
  if (on(hits, "next")) return { kind: "next", index, term: undefined };
  if (on(hits, "apply")) return { kind: "apply", index, term: undefined };
  if (on(hits, "constraint")) return { kind: "constraint", index, term: undefined };
  return { kind: "new", index, term: undefined };
}

function on(hits: number, list: KindList): boolean {
  return (hits & KINDS.bit[list]) !== 0;
}

const NOT_A_TERM =
  /^(?:that|this|it|you|u|i|we|they|he|she|next|the next step)$|^(?:the )?(?:next|after)\b|^(?:step|point|item|bullet|number|option|phase|tip)\s*\d/i;

function referencedIndex(lower: string, itemCount: number): number | undefined {
  if (itemCount === 0) return undefined;
  const step = STEP.exec(lower);
  if (step !== null) {
    const n = Number(step[1]) - 1;
    return n >= 0 && n < itemCount ? n : undefined;
  }
  const ordinal = ORDINAL.exec(lower);
  if (ordinal !== null) {
    const word = ordinal[1] ?? "";
    const n = word === "last" ? itemCount - 1 : (ORDINALS[word] ?? -1);
    return n >= 0 && n < itemCount ? n : undefined;
  }
  return undefined;
}
