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

// What a text must contain for an alternative of the pattern to match anywhere in it (see `features`).
const BACKTICK = 1 << 0;
const SQL = 1 << 1;
const DOUBLE_QUOTE = 1 << 2;
const CURLY_DOUBLE = 1 << 3;
const CURLY_SINGLE = 1 << 4;
const GUILLEMET = 1 << 5;
const APOSTROPHE = 1 << 6;
const URL = 1 << 7;
const AT = 1 << 8;
const HASH = 1 << 9;
const DOT_WORD = 1 << 10;
const SLASH = 1 << 11;
const DIGIT = 1 << 12;
const PLUS = 1 << 13;
const BRACE = 1 << 14;
const PAREN = 1 << 15;
const UNDERSCORE = 1 << 16;
const CAMEL = 1 << 17;

// Alternatives are tried left to right at each position, so the more specific kind wins and matches
// never overlap (a quote holds its digits, a URL holds its dots). `needs`: the features (any of them)
// without which the alternative cannot match.
const ALTERNATIVES: ReadonlyArray<{ source: string; needs: number }> = [
  { source: "```[\\s\\S]*?(?:```|$(?![\\s\\S]))", needs: BACKTICK },
  { source: "`[^`\\n]+`", needs: BACKTICK },
  // An inline SQL statement: from its upper-case keyword to the end of the sentence.
  {
    source:
      "\\b(?:SELECT|INSERT INTO|UPDATE|DELETE FROM|CREATE (?:TABLE|INDEX|VIEW)|ALTER TABLE|DROP TABLE|WITH)\\s+[A-Z*(][^\\n;]*?(?=\\.\\s|\\.$|;|\\n|$)",
    needs: SQL,
  },
  { source: '"[^"\\n]{1,400}"', needs: DOUBLE_QUOTE },
  { source: "“[^”\\n]{1,400}”", needs: CURLY_DOUBLE },
  { source: "‘[^’\\n]{1,400}’", needs: CURLY_SINGLE },
  { source: "«[^»\\n]{1,400}»", needs: GUILLEMET },
  { source: "(?<![\\p{L}\\p{N}'])'(?=\\S)[^'\\n]{0,399}?(?<=\\S)'(?![\\p{L}\\p{N}])", needs: APOSTROPHE },
  { source: "\\b(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\\.)[^\\s<>\"'`]*[^\\s<>\"'`.,;:!?)\\]}]", needs: URL },
  { source: "\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+", needs: AT },
  { source: "(?<![\\w@#])[@#][\\p{L}\\p{N}_]+", needs: AT | HASH },
  { source: "(?<![\\w.])[A-Za-z_][\\w-]*(?:\\.[A-Za-z_][\\w-]*)+(?:\\(\\))?(?![\\w.]*\\w)", needs: DOT_WORD },
  { source: "(?<![\\w/])(?:[\\w.-]+/)+[\\w-]+(?:\\.[\\w-]+)*", needs: SLASH },
  {
    source:
      "(?:[$€£¥₹]\\s?)?[\\p{L}\\p{N}_]*\\d[\\p{L}\\p{N}_+]*(?:[.,:/×x-]\\d[\\p{L}\\p{N}_+]*)*(?:\\s?%)?",
    needs: DIGIT,
  },
  { source: "\\b[\\p{L}_][\\p{L}\\p{N}_]*[+#]+(?:[\\p{L}\\p{N}_]+)?", needs: PLUS | HASH },
  // inline code without backticks: a brace block, a call such as parse_duration(s) or require()
  { source: "\\{[^{}\\n]*\\}", needs: BRACE },
  { source: "\\b[A-Za-z_][\\w.]*\\([^()\\n]{0,80}\\)", needs: PAREN },
  // snake_case and camelCase identifiers
  { source: "\\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\\b", needs: UNDERSCORE },
  { source: "\\b[a-z]+[A-Z][A-Za-z0-9]*\\b", needs: CAMEL },
];

// The reference pattern: every alternative, tried at every position.
const PATTERN = new RegExp(ALTERNATIVES.map((a) => `(?:${a.source})`).join("|"), "gu");

// A start between two ASCII word characters can only begin the number alternative (every other one
// starts with `\b`, a lookbehind on `\w` or a punctuation mark), and that alternative then matches one
// character earlier, where the scan has already been. So such starts are skipped, which spares the
// engine retrying the rest of each word at each letter. The one exception, a scan resuming mid-word
// right after a match that ended there (an email followed by `_`), is sent to the reference pattern.
const WORD_START_GUARD = "(?!(?<=[A-Za-z0-9_])[A-Za-z0-9_])";

const SQL_KEYWORD =
  /\b(?:SELECT|INSERT INTO|UPDATE|DELETE FROM|CREATE (?:TABLE|INDEX|VIEW)|ALTER TABLE|DROP TABLE|WITH)\s/;

/** The feature bits of `text`: which alternatives could match somewhere in it. */
function features(text: string): number {
  let found = 0;
  let prev = 0;
  let upperRun = 0;
  let sqlCandidate = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) {
      upperRun = 0;
    } else if (c >= 0x41 && c <= 0x5a) {
      if (prev >= 0x61 && prev <= 0x7a) found |= CAMEL;
      if (++upperRun >= 4) sqlCandidate = true;
    } else {
      upperRun = 0;
      if (c >= 0x30 && c <= 0x39) found |= DIGIT;
      else if (c === 0x2e) {
        const next = text.charCodeAt(i + 1);
        if ((next >= 0x61 && next <= 0x7a) || (next >= 0x41 && next <= 0x5a) || next === 0x5f)
          found |= DOT_WORD;
      } else if (c === 0x27) found |= APOSTROPHE;
      else if (c === 0x22) found |= DOUBLE_QUOTE;
      else if (c === 0x2f) found |= SLASH;
      else if (c === 0x28) found |= PAREN;
      else if (c === 0x5f) found |= UNDERSCORE;
      else if (c === 0x60) found |= BACKTICK;
      else if (c === 0x40) found |= AT;
      else if (c === 0x23) found |= HASH;
      else if (c === 0x2b) found |= PLUS;
      else if (c === 0x7b) found |= BRACE;
      else if (c === 0x201c) found |= CURLY_DOUBLE;
      else if (c === 0x2018) found |= CURLY_SINGLE;
      else if (c === 0xab) found |= GUILLEMET;
    }
    prev = c;
  }
  if (text.includes("://") || text.includes("www.")) found |= URL;
  if (sqlCandidate && SQL_KEYWORD.test(text)) found |= SQL;
  return found;
}

// A lazily-built cache of pure data: for each combination of alternatives a text can need, the guarded
// pattern of just those (an alternative that cannot match anywhere never changes the result, and a
// short alternation is much faster). Few combinations occur in practice; past the cap, texts use the
// guarded pattern of every alternative.
const SUBSET_PATTERNS = new Map<number, RegExp>();
const SUBSET_PATTERN_LIMIT = 512;
const ALL_ALTERNATIVES = (1 << ALTERNATIVES.length) - 1;

function guardedPattern(subset: number): RegExp {
  const sources = ALTERNATIVES.filter((_, i) => subset & (1 << i)).map((a) => `(?:${a.source})`);
  return new RegExp(sources.length === 0 ? "(?!)" : `${WORD_START_GUARD}(?:${sources.join("|")})`, "gu");
}

function patternFor(text: string): RegExp {
  const found = features(text);
  let subset = 0;
  ALTERNATIVES.forEach((a, i) => {
    if (found & a.needs) subset |= 1 << i;
  });
  let pattern = SUBSET_PATTERNS.get(subset);
  if (pattern === undefined) {
    if (SUBSET_PATTERNS.size >= SUBSET_PATTERN_LIMIT) subset = ALL_ALTERNATIVES;
    pattern = SUBSET_PATTERNS.get(subset) ?? guardedPattern(subset);
    SUBSET_PATTERNS.set(subset, pattern);
  }
  return pattern;
}

const isAsciiWordChar = (c: number): boolean =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;

// Dotted words that are ordinary prose, not identifiers.
const PROSE_DOTTED = /^(?:e\.g|i\.e|etc|vs|a\.m|p\.m|u\.s|u\.k|mr|mrs|dr|st)\.?$/i;

/** The protected parts of `text`, in order, non-overlapping. */
export function findProtected(text: string): ProtectedPart[] {
  const parts: ProtectedPart[] = [];
  let endsMidWord = false;
  // `replace` with a global pattern visits every match and leaves no state behind; the alternatives
  // have no capture groups, so the callback's second argument is the match's offset.
  text.replace(patternFor(text), (value: string, start: number) => {
    const end = start + value.length;
    if (isAsciiWordChar(text.charCodeAt(end - 1)) && isAsciiWordChar(text.charCodeAt(end)))
      endsMidWord = true;
    if (value.length > 0 && !PROSE_DOTTED.test(value)) parts.push({ start, end, text: value });
    return value;
  });
  return endsMidWord ? findProtectedSlowly(text) : parts;
}

/** {@link findProtected} by the reference pattern, trying every alternative at every position. */
function findProtectedSlowly(text: string): ProtectedPart[] {
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
  // With no parts, every placeholder-range character would stay as it is.
  if (parts.length === 0) return masked;
  return masked.replace(/[\uE100-\uF8FF]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return parts[code - (code >= FINAL_BASE ? FINAL_BASE : INNER_BASE)] ?? ch;
  });
}
