/**
 * What a follow-up message asks of the previous answer. The offline assistant reads it to answer in
 * context ("step 2 was …"); the patterns also match what real users type.
 */
export type FollowUpKind =
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

const THANKS =
  /^(?:thanks|thank you|thx|ty|great|perfect|awesome|cool|got it|ok(?:ay)?|nice|that works|works)\b/;
const PUSHBACK =
  /\b(?:wrong|not right|incorrect|doesn'?t work|didn'?t work|not what i|that'?s not|are you sure|you missed|you forgot|you skipped|nope|makes no sense|doesn'?t make sense|still (?:fails|broken|not)|that won'?t)\b/;
const CLARIFY_PATTERNS: readonly RegExp[] = [
  /\bwhat (?:does|do|is|'s)\s+(?:an?\s+|the\s+)?["'“‘]?([^"'”’?]{2,40}?)["'”’]?\s+(?:mean|means|stand for)\b/i,
  /\bwhat do you mean by\s+["'“‘]?([^"'”’?.!,]{2,40})/i,
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
const SHORTER =
  /\b(?:shorter|too long|tl;?dr|short version|just (?:give|tell|the)|bottom line|in one (?:line|sentence)|too much|skip the)\b/;
const REFORMAT =
  /\b(?:as a table|in a table|table|bullet(?: points)?|numbered|checklist|as a list|in steps|one line each)\b/;
const EXAMPLE = /\b(?:example|show me|sample|demo|concrete)\b/;
const DEEPER =
  /\b(?:more detail|elaborate|expand|go deeper|in depth|explain more|why (?:does|is|would|do|should)|walk me through|how come|the reasoning)\b/;
const APPLY =
  /\b(?:my (?:case|situation|team|company|job|work|class|kids?|family|setup|project|business|clients?)|in my|for (?:my|our) |as an? |i'?m an? |i am an? |i work|we'?re an? |would this work|does this (?:still )?(?:apply|work)|for someone like me)\b/;
const NEXT =
  /\b(?:next|then what|after that|what now|done with|now what|once (?:that|this|it)|moving on|what else)\b/;
const CONSTRAINT =
  /\b(?:forgot to mention|i forgot|also need|only have|can'?t use|has to|have to|must|without|budget|no more than|at most|under|limit|deadline|by (?:monday|tuesday|wednesday|thursday|friday|tomorrow|tonight))\b/;

/** Reads a follow-up message; `lower` is it lower-cased, `raw` as written (for the term's case). */
export function readFollowUp(lower: string, raw: string, itemCount: number): FollowUp {
  const trimmed = lower.trim();
  const index = referencedIndex(lower, itemCount);
  if (THANKS.test(trimmed) && trimmed.length < 60 && !trimmed.includes("?") && !/\bbut\b/.test(trimmed)) {
    return { kind: "thanks", index, term: undefined };
  }
  if (PUSHBACK.test(lower)) return { kind: "pushback", index, term: undefined };
  for (const pattern of CLARIFY_PATTERNS) {
    const m = pattern.exec(raw);
    const term = m?.[1]?.trim();
    if (
      term !== undefined &&
      term.length >= 2 &&
      !/^(?:that|this|it|next|the next step)$|^(?:step|point|item|bullet|number|option|phase|tip)\s*\d/i.test(
        term,
      )
    ) {
      return { kind: "clarify", index, term };
    }
  }
  if (SHORTER.test(lower)) return { kind: "shorter", index, term: undefined };
  if (REFORMAT.test(lower)) return { kind: "reformat", index, term: undefined };
  if (EXAMPLE.test(lower)) return { kind: "example", index, term: undefined };
  if (index !== undefined || DEEPER.test(lower))
    return { kind: index !== undefined ? "step" : "deeper", index, term: undefined };
  if (NEXT.test(lower)) return { kind: "next", index, term: undefined };
  if (APPLY.test(lower)) return { kind: "apply", index, term: undefined };
  if (CONSTRAINT.test(lower)) return { kind: "constraint", index, term: undefined };
  return { kind: "new", index, term: undefined };
}

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
