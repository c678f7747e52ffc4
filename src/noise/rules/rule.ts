import type { Rng } from "../../rng/random.js";
import type { ProtectedSpan } from "../../text/protected-spans.js";
import type { Token } from "../../text/tokenizer.js";
import type { Edit } from "../edits.js";

/** What a rule strategy gets besides the text. */
export interface RuleContext {
  /** The only source of randomness: a rule is a pure function of its text and this stream. */
  rng: Rng;
  /** How much noise, 0 (none) to 1 (heavy). Each rule maps it to its own rate. */
  intensity: number;
  /** Spans of the text the rule must leave byte-identical (see `findProtectedSpans`). */
  protectedSpans: readonly ProtectedSpan[];
  /** Rule-specific settings (`num_swaps`, `deletion_rate`, `mode`, phrase lists, …). */
  params?: Readonly<Record<string, unknown>> | undefined;
  /** The persona's features; some rules hold back for formal personas. */
  persona?: Readonly<Record<string, unknown>> | undefined;
  /**
   * The tokens of exactly this text, when the caller already has them (`applyRuleNoise` keeps them
   * across rules, updating them around each rule's edits); rules tokenise the text themselves otherwise.
   */
  tokens?: readonly Token[] | undefined;
}

/** The text after the rule, and every change it made, in order (see {@link Edit}). */
export interface RuleResult {
  text: string;
  edits: Edit[];
}

/** One rule-based (no LLM) noise strategy. */
export interface RuleStrategy {
  /** The stable name recorded in `applied_strategies` and in every edit. */
  readonly name: string;
  /** Returns the noisy text and its edits; the text unchanged and no edits when nothing applies. */
  apply(text: string, ctx: RuleContext): RuleResult;
}
