import { type PlainReadings, plainReadings } from "../text/plain-readings.js";
import { findProtectedSpans, type ProtectedSpan } from "../text/protected-spans.js";
import type { RequestAnalysis } from "../text/request-analysis.js";
import { type Token, tokenize } from "../text/tokenizer.js";
import type { UserText } from "../text/user-text.js";
import { computedOnce } from "../util/computed-once.js";
import { memoEntry } from "../util/memo-entry.js";
import { findSlots, type SlotSpan } from "./semantic/slots.js";

/** A request as the semantic strategies read it: its user-text reading and its analysis. */
export interface RequestRead {
  user: UserText;
  analysis: RequestAnalysis;
}

/**
 * The readings of texts, each text read once: the offline semantic distractor extracts the intent
 * of the clean text, then tries every strategy of a layer on it (and a surface strategy twice), each
 * try on a copy of the state that would read the same text again: rule noise starts from its spans
 * and tokens, the semantic strategies from its slots and its request analysis. Kept in the memo the
 * distractor hands both operations (the conversation's, see {@link noiseReadings}); the plain reading
 * and request analysis of a clean message are the conversation's `PlainReadings`, which the simulated
 * user reads the first message from. What it hands out is never changed by its users (rule noise
 * copies spans and tokens before moving them, slots are handed out as a fresh array).
 */
export class TextReadings {
  constructor(private readonly plain: PlainReadings = plainReadings(undefined)) {}

  private readonly spans = new Map<string, ProtectedSpan[]>();
  private readonly tokens = new Map<string, Token[]>();
  private readonly slots = new Map<string, SlotSpan[]>();
  private readonly requests = new Map<string, RequestRead>();

  /** `findProtectedSpans(text)` (the rule-noise profile). */
  spansOf(text: string): ProtectedSpan[] {
    return computedOnce(this.spans, text, (t) => findProtectedSpans(t));
  }

  /** `tokenize(text)`. */
  tokensOf(text: string): Token[] {
    return computedOnce(this.tokens, text, tokenize);
  }

  /** `findSlots(text)`, as an array of the caller's own (the slot spans themselves are shared). */
  slotsOf(text: string): SlotSpan[] {
    return computedOnce(this.slots, text, findSlots).slice();
  }

  /** `readUserText(text)` and `analyzeRequest` of it. */
  requestOf(text: string): RequestRead {
    return computedOnce(this.requests, text, (t) => {
      const user = this.plain.plain(t);
      return { user, analysis: this.plain.analysis(user) };
    });
  }
}

const MEMO_KEY = "noise:readings";

/**
 * The {@link TextReadings} of the noise operations' `memo` (a fresh, unkept one without a memo): the
 * distractor hands the intent extraction and the noise step of one text the same memo, the
 * conversation's when it has one.
 */
export function noiseReadings(memo: Map<string, unknown> | undefined): TextReadings {
  return memoEntry(memo, MEMO_KEY, () => new TextReadings(plainReadings(memo)));
}
