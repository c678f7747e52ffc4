import { findProtectedSpans, type ProtectedSpan } from "../text/protected-spans.js";
import { type Token, tokenize } from "../text/tokenizer.js";
import { computedOnce } from "../util/computed-once.js";

/**
 * The protected spans and tokens of texts, each text read once: the offline semantic distractor tries
 * every strategy of a layer on the same text (and a surface strategy twice), and each try runs rule
 * noise, which starts from the text's spans and tokens. Made per call, never kept; what it hands out
 * is never changed by its users (rule noise copies spans and tokens before moving them).
 */
export class TextReadings {
  private readonly spans = new Map<string, ProtectedSpan[]>();
  private readonly tokens = new Map<string, Token[]>();

  /** `findProtectedSpans(text)` (the rule-noise profile). */
  spansOf(text: string): ProtectedSpan[] {
    return computedOnce(this.spans, text, (t) => findProtectedSpans(t));
  }

  /** `tokenize(text)`. */
  tokensOf(text: string): Token[] {
    return computedOnce(this.tokens, text, tokenize);
  }
}
