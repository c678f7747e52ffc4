import type { Edit } from "./edits.js";

/** What a protected span holds. */
export type ProtectedKind = "url" | "email" | "number" | "code" | "quoted" | "path" | "mention";

/** A stretch of text that no rule may change: `[start, end)` in UTF-16 indices. */
export interface ProtectedSpan {
  start: number;
  end: number;
  kind: ProtectedKind;
}

// One alternation of every kind: at a position the earlier (more specific) kind wins, so code and
// quotes hold anything inside them and a URL holds its digits and slashes; spans never overlap.
const FILE_EXT =
  "ts|tsx|js|jsx|mjs|cjs|py|rb|go|rs|java|kt|c|h|cpp|hpp|cs|php|swift|sh|bash|ps1|sql|json|ya?ml|toml|ini|cfg|env|xml|html?|css|scss|md|txt|csv|tsv|log|pdf|docx?|xlsx?|pptx?|png|jpe?g|gif|svg|webp|mp3|mp4|wav|mov|zip|tar|gz|ipynb|lock";
const TLD = "com|org|net|io|dev|ai|co|edu|gov|app|info|biz|me|us|uk|de|fr|jp|cn|ca|au|in";
// `chunk` marks the kinds that need a `. @ : / \\` inside the run of characters they start: one
// lookahead checks that once for all of them instead of each scanning the word.
const PATTERNS: ReadonlyArray<readonly [ProtectedKind, string, "chunk"?]> = [
  ["code", "```[\\s\\S]*?(?:```|$(?![\\s\\S]))"],
  ["code", "`[^`\\n]+`"],
  ["quoted", '"[^"\\n]{1,300}"'],
  ["quoted", "“[^”\\n]{1,300}”"],
  ["quoted", "‘[^’\\n]{1,300}’"],
  ["quoted", "«[^»\\n]{1,300}»"],
  ["quoted", "(?<![\\p{L}\\p{N}'])'(?=\\S)[^'\\n]{0,299}?(?<=\\S)'(?![\\p{L}\\p{N}])"],
  ["url", "\\b(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\\.)[^\\s<>\"'`]*[^\\s<>\"'`.,;:!?)\\]}]", "chunk"],
  ["email", "\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+", "chunk"],
  [
    "url",
    `\\b[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.(?:${TLD})\\b(?:/[^\\s<>"'\`]*[^\\s<>"'\`.,;:!?)\\]}])?`,
    "chunk",
  ],
  ["path", "\\b[A-Za-z]:\\\\[^\\s\"'<>|]*[^\\s\"'<>|.,;:!?)]", "chunk"],
  ["path", "(?<![\\w/:.~-])(?:~|\\.{1,2})?/(?:[\\w.@-]+/)*[\\w@-][\\w.@-]*/?", "chunk"],
  [
    "path",
    `(?<![\\w/.-])(?![\\d./-]+(?!\\w))(?:(?:[\\w.-]+/){2,}[\\w.-]+|(?:[\\w.-]+/)+[\\w-]+\\.[A-Za-z0-9]{1,8})(?![\\w/])|\\b[\\w-]+\\.(?:${FILE_EXT})\\b`,
    "chunk",
  ],
  ["mention", "(?<![\\w@#])[@#][\\p{L}\\p{N}_]+"],
  [
    "number",
    "\\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\\.? \\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?\\b",
  ],
  [
    "number",
    "(?<![A-Za-z0-9_])(?:[$€£¥₹]\\s?)?[vV]?\\d+(?:[.,:/-]\\d+)*(?:\\s?%|\\s?(?:[aApP]\\.[mM]\\.|[aApP][mM])(?![A-Za-z])|(?:st|nd|rd|th|k|K|x|s|h|m|ms|kg|km|GB|MB|TB|px)\\b)?",
  ],
];

function combine(): string {
  const parts: string[] = [];
  let chunk: string[] = [];
  const flush = (): void => {
    if (chunk.length > 0) parts.push(`(?=[\\w.%+~-]*[.@:/\\\\])(?:${chunk.join("|")})`);
    chunk = [];
  };
  for (const [, source, needs] of PATTERNS) {
    if (needs === "chunk") chunk.push(`(${source})`);
    else {
      flush();
      parts.push(`(${source})`);
    }
  }
  flush();
  // No span starts inside a word.
  return `(?:(?<![A-Za-z0-9_])|(?![A-Za-z0-9_]))(?:${parts.join("|")})`;
}

// The combined pattern, one capture group per kind entry, tried only at candidate positions (sticky).
// Compiled once: a fresh RegExp per call costs ~4 µs, more than the whole scan. Its `lastIndex` is the
// only state, and `findProtectedSpans` sets it before every `exec` and finishes synchronously, so no
// result ever depends on an earlier call.
const COMBINED = new RegExp(combine(), "uy");

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a);
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigitOrCurrency(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 36 || c === 0x20ac || c === 0xa3 || c === 0xa5 || c === 0x20b9;
}

/**
 * Every span holds at least one of these characters: a digit or currency sign, a backtick, an opening
 * quote, `@ # / \`, a dot before a letter (domains, file names), or a `'` that is not inside a word.
 */
function isTrigger(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) {
    if (c >= 48 && c <= 57) return true;
    switch (c) {
      case 96: // `
      case 34: // "
      case 64: // @
      case 35: // #
      case 47: // /
      case 92: // \
      case 36: // $
        return true;
      case 46: {
        const next = text.charCodeAt(i + 1);
        return (next >= 65 && next <= 90) || (next >= 97 && next <= 122);
      }
      case 39: {
        const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
        return prev >= 128 || !isAlnum(prev);
      }
      default:
        return false;
    }
  }
  return (
    c === 0x201c || c === 0x2018 || c === 0xab || c === 0x20ac || c === 0xa3 || c === 0xa5 || c === 0x20b9
  );
}

function isWordCode(c: number): boolean {
  return isAlnum(c) || c === 95;
}

const MONTH_PREFIXES = new Set([
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
]);

/**
 * Where the chunk before position `i` starts when a span could start there and reach `i`: a month
 * name (`March 3rd`) or a lone currency sign (`$ 20`), optionally after one opening bracket.
 */
function previousChunkStart(text: string, i: number): number | undefined {
  let end = i;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  if (end === 0 || end === i) return undefined;
  let start = chunkStart(text, end - 1);
  const c = text.charCodeAt(start);
  if ((c === 40 || c === 91) && start + 1 < end) start++;
  if (MONTH_PREFIXES.has(text.slice(start, start + 3))) return start;
  return end - start === 1 && isDigitOrCurrency(text.charCodeAt(start)) ? start : undefined;
}

/** Tries the pattern at exactly `p`; records the span and returns true when one starts there. */
function tryAt(text: string, p: number, spans: ProtectedSpan[]): boolean {
  COMBINED.lastIndex = p;
  const match = COMBINED.exec(text);
  if (match === null) return false;
  let kind: ProtectedKind = "number";
  for (let g = 1; g < match.length; g++) {
    if (match[g] !== undefined) {
      kind = (PATTERNS[g - 1] as readonly [ProtectedKind, string, string?])[0];
      break;
    }
  }
  spans.push({ start: p, end: p + match[0].length, kind });
  return true;
}

function chunkStart(text: string, i: number): number {
  let s = i;
  while (s > 0 && !isSpace(text.charCodeAt(s - 1))) s--;
  return s;
}

/**
 * Finds the spans that rules must leave byte-identical: URLs and bare domains, emails, numbers (with
 * currency, percent, decimals and thousands, dates, times, versions), inline and fenced code, quoted
 * strings, file paths, @mentions and #hashtags. Sorted and non-overlapping: the leftmost span wins,
 * and at one position the first kind in the pattern list (code, quotes, URLs, emails, paths, …).
 */
export function findProtectedSpans(text: string): ProtectedSpan[] {
  const spans: ProtectedSpan[] = [];
  // Positions before `covered` are tested already or inside a span found.
  let covered = 0;
  for (let t = 0; t < text.length; t++) {
    if (t < covered || !isTrigger(text, t)) continue;
    // A span holding this trigger starts between the start of its whitespace-delimited chunk and the
    // trigger, at a word start or a non-word character (no pattern starts inside a word). A number at
    // a chunk start may also belong to a span from the chunk before (`March 3`, `$ 20`).
    const from = chunkStart(text, t);
    let found = false;
    if (from === t && from > 0 && isDigitOrCurrency(text.charCodeAt(t))) {
      const before = previousChunkStart(text, t);
      if (before !== undefined && before >= covered) found = tryAt(text, before, spans);
    }
    for (let p = Math.max(from, covered); !found && p <= t; p++) {
      if (p === from || !isWordCode(text.charCodeAt(p - 1)) || !isWordCode(text.charCodeAt(p))) {
        found = tryAt(text, p, spans);
      }
    }
    if (found) covered = (spans[spans.length - 1] as ProtectedSpan).end;
    else covered = t + 1;
  }
  return spans;
}

/** True when `[start, end)` overlaps no span. */
export function isFree(start: number, end: number, spans: readonly ProtectedSpan[]): boolean {
  for (const span of spans) {
    if (span.start < end && start < span.end) return false;
  }
  return true;
}

/** True when an insertion at `position` would not land strictly inside a span. */
export function canInsertAt(position: number, spans: readonly ProtectedSpan[]): boolean {
  for (const span of spans) {
    if (span.start < position && position < span.end) return false;
  }
  return true;
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
