import { DataError } from "../errors.js";
import type { ProtectedSpan } from "../text/protected-spans.js";

/**
 * One recorded change made by a rule strategy. Edits are kept in the order they were applied, each
 * relative to the text as it was at that moment, so the clean text can always be rebuilt exactly.
 */
export interface Edit {
  /** The rule that made the change (e.g. `keyboard_typo`). */
  strategy: string;
  /** UTF-16 index, in the text right after this edit was applied, where `after` starts. */
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
