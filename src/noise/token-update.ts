import { type Token, tokenize } from "../text/tokenizer.js";
import type { Edit } from "./edits.js";

function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

interface Window {
  /** `[start, end)` in the old text: whole whitespace-delimited chunks around the edits. */
  start: number;
  end: number;
  /** How much the edits inside change the length. */
  delta: number;
}

/**
 * Windows of the old text that the edits touch, widened to whole chunks: from the start of the
 * whitespace before the chunk where an edit starts to the end of the chunk where it ends. Token
 * boundaries there never depend on the changed text (whitespace always separates tokens, and a chunk
 * handed to the segmenter takes the whitespace before it along). Undefined when the edits do not run
 * left to right without overlapping, as `applyReplacements` records them.
 */
function windowsOf(old: string, edits: readonly Edit[]): Window[] | undefined {
  const windows: Window[] = [];
  let delta = 0;
  let lastNewEnd = 0;
  for (const edit of edits) {
    if (edit.position < lastNewEnd) return undefined;
    const oldStart = edit.position - delta;
    const oldEnd = oldStart + edit.before.length;
    let start = oldStart;
    while (start > 0 && !isAsciiSpace(old.charCodeAt(start - 1))) start--;
    while (start > 0 && isAsciiSpace(old.charCodeAt(start - 1))) start--;
    let end = oldEnd;
    while (end < old.length && !isAsciiSpace(old.charCodeAt(end))) end++;
    const change = edit.after.length - edit.before.length;
    const last = windows[windows.length - 1];
    if (last !== undefined && start <= last.end) {
      last.end = Math.max(last.end, end);
      last.delta += change;
    } else {
      windows.push({ start, end, delta: change });
    }
    delta += change;
    lastNewEnd = edit.position + edit.after.length;
  }
  return windows;
}

/**
 * The tokens of the text after `edits`, from the tokens of the text before them: only the chunks the
 * edits touch are tokenised again, the other tokens are moved. Equal to `tokenize(newText)`; falls
 * back to it when the edits are not in application order. Old tokens that stay in place are reused,
 * moved ones are copies: the old array and its tokens are left as they were (a caller may share them).
 */
export function updateTokens(
  oldText: string,
  oldTokens: Token[],
  newText: string,
  edits: readonly Edit[],
): Token[] {
  if (edits.length === 0) return oldTokens;
  const windows = windowsOf(oldText, edits);
  if (windows === undefined) return tokenize(newText);
  const out: Token[] = [];
  let i = 0;
  let shift = 0;
  for (const w of windows) {
    // Old tokens before the window keep their text and move by the edits before them.
    while (i < oldTokens.length && (oldTokens[i] as Token).end <= w.start)
      out.push(moved(oldTokens[i++] as Token, shift));
    const first = oldTokens[i];
    if (first !== undefined && first.start !== w.start) return tokenize(newText);
    while (i < oldTokens.length && (oldTokens[i] as Token).end <= w.end) i++;
    if (i > 0 && (oldTokens[i - 1] as Token).end !== w.end && w.end !== w.start) return tokenize(newText);
    const from = w.start + shift;
    const to = w.end + shift + w.delta;
    // Whitespace at the new window's end would join the whitespace after it: tokenise everything.
    if (to > from && to < newText.length && isAsciiSpace(newText.charCodeAt(to - 1)))
      return tokenize(newText);
    for (const t of tokenize(newText.slice(from, to))) {
      t.start += from;
      t.end += from;
      out.push(t);
    }
    shift += w.delta;
  }
  while (i < oldTokens.length) out.push(moved(oldTokens[i++] as Token, shift));
  return out;
}

/** `token` moved by `shift` code units: a new token, so the old list stays as it was (it may be shared). */
function moved(token: Token, shift: number): Token {
  return shift === 0 ? token : { ...token, start: token.start + shift, end: token.end + shift };
}
