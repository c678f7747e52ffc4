/**
 * Protected content for the offline text generators: the parts of a request that a rewrite must keep
 * byte-identical (code, inline SQL, quoted text, URLs, emails, numbers and digit-bearing tokens such
 * as `Q3` or `v2.2.2`, dotted, snake_case and camelCase identifiers, paths, `C++`/`N+1`, @mentions
 * and #hashtags). Style rules work on a masked
 * copy in which every protected span is one private-use character, so no rule can touch it.
 */

/** One protected stretch: `[start, end)` in UTF-16 indices of the original text. */
export interface ProtectedPart {
  start: number;
  end: number;
  text: string;
}

// Alternatives are tried left to right at each position, so the more specific kind wins and matches
// never overlap (a quote holds its digits, a URL holds its dots).
const PATTERN = new RegExp(
  [
    "```[\\s\\S]*?(?:```|$(?![\\s\\S]))",
    "`[^`\\n]+`",
    // An inline SQL statement: from its upper-case keyword to the end of the sentence.
    "\\b(?:SELECT|INSERT INTO|UPDATE|DELETE FROM|CREATE (?:TABLE|INDEX|VIEW)|ALTER TABLE|DROP TABLE|WITH)\\s+[A-Z*(][^\\n;]*?(?=\\.\\s|\\.$|;|\\n|$)",
    '"[^"\\n]{1,400}"',
    "“[^”\\n]{1,400}”",
    "‘[^’\\n]{1,400}’",
    "«[^»\\n]{1,400}»",
    "(?<![\\p{L}\\p{N}'])'(?=\\S)[^'\\n]{0,399}?(?<=\\S)'(?![\\p{L}\\p{N}])",
    "\\b(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\\.)[^\\s<>\"'`]*[^\\s<>\"'`.,;:!?)\\]}]",
    "\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+",
    "(?<![\\w@#])[@#][\\p{L}\\p{N}_]+",
    "(?<![\\w.])[A-Za-z_][\\w-]*(?:\\.[A-Za-z_][\\w-]*)+(?:\\(\\))?(?![\\w.]*\\w)",
    "(?<![\\w/])(?:[\\w.-]+/)+[\\w-]+(?:\\.[\\w-]+)*",
    "(?:[$€£¥₹]\\s?)?[\\p{L}\\p{N}_]*\\d[\\p{L}\\p{N}_+]*(?:[.,:/×x-]\\d[\\p{L}\\p{N}_+]*)*(?:\\s?%)?",
    "\\b[\\p{L}_][\\p{L}\\p{N}_]*[+#]+(?:[\\p{L}\\p{N}_]+)?",
    // inline code without backticks: a brace block, a call such as parse_duration(s) or require()
    "\\{[^{}\\n]*\\}",
    "\\b[A-Za-z_][\\w.]*\\([^()\\n]{0,80}\\)",
    // snake_case and camelCase identifiers
    "\\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\\b",
    "\\b[a-z]+[A-Z][A-Za-z0-9]*\\b",
  ]
    .map((source) => `(?:${source})`)
    .join("|"),
  "gu",
);

// Dotted words that are ordinary prose, not identifiers.
const PROSE_DOTTED = /^(?:e\.g|i\.e|etc|vs|a\.m|p\.m|u\.s|u\.k|mr|mrs|dr|st)\.?$/i;

/** The protected parts of `text`, in order, non-overlapping. */
export function findProtected(text: string): ProtectedPart[] {
  const parts: ProtectedPart[] = [];
  for (const match of text.matchAll(PATTERN)) {
    const value = match[0];
    if (value.length === 0 || PROSE_DOTTED.test(value)) continue;
    parts.push({ start: match.index, end: match.index + value.length, text: value });
  }
  return parts;
}

// Placeholders are private-use characters: one range for parts inside a sentence and one for parts
// that end their sentence (a quote that closes with its own full stop), so that sentence splitting
// still sees the boundary.
const INNER_BASE = 0xe100;
const FINAL_BASE = 0xf000;
const RANGE_SIZE = 0x900;

/** Matches one placeholder character. */
export const PLACEHOLDER = /[\uE100-\uF8FF]/;

/** Matches a placeholder whose protected part ends its sentence. */
export const FINAL_PLACEHOLDER = /[\uF000-\uF8FF]/;

/** A text with its protected parts replaced by placeholders, and the way back. */
export interface MaskedText {
  /** The text with each protected part replaced by one private-use character. */
  masked: string;
  /** The protected parts, in order of appearance. */
  parts: string[];
}

/** Replaces every protected part with a single private-use character (see {@link unmask}). */
export function mask(text: string): MaskedText {
  const parts: string[] = [];
  let masked = "";
  let last = 0;
  for (const part of findProtected(text)) {
    if (parts.length >= RANGE_SIZE) break;
    const final = /[.!?]["'”’»`]$/.test(part.text);
    masked +=
      text.slice(last, part.start) + String.fromCharCode((final ? FINAL_BASE : INNER_BASE) + parts.length);
    parts.push(part.text);
    last = part.end;
  }
  return { masked: masked + text.slice(last), parts };
}

/** Puts the protected parts back in place of their placeholders. */
export function unmask(masked: string, parts: readonly string[]): string {
  return masked.replace(/[\uE100-\uF8FF]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return parts[code - (code >= FINAL_BASE ? FINAL_BASE : INNER_BASE)] ?? ch;
  });
}
