import { DataError } from "../errors.js";
import type { ProtectedSpan } from "../text/protected-spans.js";

/**
 * One recorded change made by a noise strategy. Edits are kept in the order they were applied, each
 * relative to the text as it was at that moment, so the clean text can always be rebuilt exactly.
 *
 * While noise is made, `position` is a UTF-16 index (what JavaScript strings index by). The records
 * the tool stores and exports index by Unicode code point instead (what Python's `str` and most
 * other languages index by): see {@link toCodePointEdits} and {@link applyCodePointEdits}.
 */
export interface Edit {
  /**
   * The strategy that made the change, in the vocabulary of the record's `applied_strategies`: a
   * semantic strategy (`typo_misspelling`) in semantic noise, a rule (`keyboard_typo`) in rule noise.
   */
  strategy: string;
  /** The rule that made the change, when it is not `strategy` itself (`misspelling` for `typo_misspelling`). */
  rule?: string;
  /** Index, in the text right after the edits before this one, where `before` starts and `after` goes. */
  position: number;
  /** The text that was replaced (empty for an insertion). */
  before: string;
  /** The text put in its place (empty for a deletion). */
  after: string;
}

/**
 * Applies one edit to the text it was recorded against. Text before `position` is unchanged by an
 * edit, so `before` starts at `position` in the text the edit applies to.
 */
export function applyEdit(text: string, edit: Edit): string {
  if (!text.startsWith(edit.before, edit.position)) {
    throw new DataError(
      `edit by "${edit.strategy}" at ${edit.position} does not match the text (expected ${JSON.stringify(edit.before)})`,
    );
  }
  return text.slice(0, edit.position) + edit.after + text.slice(edit.position + edit.before.length);
}

/** Applies a list of edits in order: `applyEdits(clean, edits)` rebuilds the noisy text. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const edit of edits) out = applyEdit(out, edit);
  return out;
}

/** Undoes one edit on the text right after it was applied. */
export function undoEdit(text: string, edit: Edit): string {
  if (!text.startsWith(edit.after, edit.position)) {
    throw new DataError(
      `edit by "${edit.strategy}" at ${edit.position} does not match the noisy text (expected ${JSON.stringify(edit.after)})`,
    );
  }
  return text.slice(0, edit.position) + edit.before + text.slice(edit.position + edit.after.length);
}

/**
 * Rebuilds the clean text from the noisy text and every edit that produced it, undoing the edits in
 * reverse order. Throws a {@link DataError} when an edit does not match (the list is not this text's).
 */
export function replayToClean(noisy: string, edits: readonly Edit[]): string {
  let text = noisy;
  for (let i = edits.length - 1; i >= 0; i--) text = undoEdit(text, edits[i] as Edit);
  return text;
}

/**
 * Moves spans through edits that do not touch them, giving the spans' places in the edited text.
 * Edits come in application order, each relative to the text at its time (see {@link Edit}).
 */
export function shiftSpans(spans: readonly ProtectedSpan[], edits: readonly Edit[]): ProtectedSpan[] {
  if (edits.length === 0 || spans.length === 0) return spans.slice();
  const out = spans.map((s) => ({ ...s }));
  for (const edit of edits) {
    const delta = edit.after.length - edit.before.length;
    if (delta === 0) continue;
    const editEnd = edit.position + edit.before.length;
    for (const span of out) {
      if (span.start >= editEnd && span.start >= edit.position) {
        span.start += delta;
        span.end += delta;
      }
    }
  }
  return out;
}

/**
 * The same edits indexed by code point, as records store them: replaying them on the clean text with
 * code-point indexing (Python's `s[:p] + after + s[p + len(before):]`) rebuilds the noisy text.
 */
export function toCodePointEdits(clean: string, edits: readonly Edit[]): Edit[] {
  let text = clean;
  return edits.map((edit) => {
    const position = codePointCount(text, edit.position);
    text = applyEdit(text, edit);
    return { ...edit, position };
  });
}

/** Applies code-point edits (as stored) in order: the noisy text from the clean one. */
export function applyCodePointEdits(clean: string, edits: readonly Edit[]): string {
  let points = Array.from(clean);
  for (const edit of edits) {
    const before = Array.from(edit.before);
    if (points.slice(edit.position, edit.position + before.length).join("") !== edit.before) {
      throw new DataError(
        `edit by "${edit.strategy}" at code point ${edit.position} does not match the text (expected ${JSON.stringify(edit.before)})`,
      );
    }
    points = [
      ...points.slice(0, edit.position),
      ...Array.from(edit.after),
      ...points.slice(edit.position + before.length),
    ];
  }
  return points.join("");
}

/** Stored (code-point) edits back to UTF-16 ones, for code that indexes JavaScript strings. */
export function toUtf16Edits(clean: string, edits: readonly Edit[]): Edit[] {
  let text = clean;
  return edits.map((edit) => {
    const position = utf16Index(text, edit.position);
    const out = { ...edit, position };
    text = applyEdit(text, out);
    return out;
  });
}

/** Code points in `text.slice(0, end)`. */
function codePointCount(text: string, end: number): number {
  let count = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff || i === 0 || (text.charCodeAt(i - 1) & 0xfc00) !== 0xd800) count++;
  }
  return count;
}

/** The UTF-16 index of code point number `point` (the text's length past its end). */
function utf16Index(text: string, point: number): number {
  let i = 0;
  for (let p = 0; p < point && i < text.length; p++) i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  return i;
}
