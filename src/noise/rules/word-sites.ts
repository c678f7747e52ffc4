import type { Rng } from "../../rng/random.js";
import { isFree, type ProtectedSpan } from "../../text/protected-spans.js";
import { type Token, tokenize } from "../../text/tokenizer.js";
import type { RuleContext } from "./rule.js";

/** The text's tokens: the context's when they cover this text, else freshly tokenised. */
export function tokensOf(text: string, ctx: RuleContext): readonly Token[] {
  const tokens = ctx.tokens;
  if (
    tokens !== undefined &&
    (tokens.length === 0 ? 0 : (tokens[tokens.length - 1] as Token).end) === text.length
  ) {
    return tokens;
  }
  return tokenize(text);
}

/** Latin words outside every protected span: the words rules may change. */
export function editableWords(tokens: readonly Token[], spans: readonly ProtectedSpan[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    if (t.latin && (spans.length === 0 || isFree(t.start, t.end, spans))) out.push(t);
  }
  return out;
}

/** True when a token may be changed: a Latin word outside every protected span. */
export function isEditableWord(token: Token | undefined, spans: readonly ProtectedSpan[]): token is Token {
  return token?.latin === true && (spans.length === 0 || isFree(token.start, token.end, spans));
}

/** How many sites to change: `intensity × count × rate`, at least one when intensity > 0, at most `count`. */
export function scaledCount(intensity: number, count: number, rate: number): number {
  if (count === 0 || intensity <= 0) return 0;
  return Math.min(count, Math.max(1, Math.round(intensity * count * rate)));
}

/** `k` distinct items chosen uniformly, returned in their original order. */
export function chooseK<T>(rng: Rng, items: readonly T[], k: number): T[] {
  const n = items.length;
  if (k >= n) return items.slice();
  if (k <= 0) return [];
  if (k === 1) return [items[rng.int(n)] as T];
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const tmp = idx[i] as number;
    idx[i] = idx[j] as number;
    idx[j] = tmp;
  }
  const picked = idx.slice(0, k).sort((a, b) => a - b);
  return picked.map((i) => items[i] as T);
}

/** Each item independently with probability `p`; one uniformly when none was drawn (and p > 0). */
export function chooseEach<T>(rng: Rng, items: readonly T[], p: number): T[] {
  if (items.length === 0 || p <= 0) return [];
  const out: T[] = [];
  for (const item of items) if (rng.chance(p)) out.push(item);
  if (out.length === 0) out.push(items[rng.int(items.length)] as T);
  return out;
}
