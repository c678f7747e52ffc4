/**
 * What each caller protects, as data for the one scanner of protected-spans.ts. A profile is an
 * ordered list of kinds: at one position the first kind that matches wins, the leftmost span wins,
 * spans never overlap. Each kind is a regular expression (no capture groups) and the features a text
 * must have for it to match anywhere (see `textFeatures`), so a text is scanned only for the kinds
 * it could hold.
 *
 * - {@link RULE_NOISE_SPANS}: what the noise strategies must leave byte-identical: code, quotes,
 *   URLs and bare domains, emails, paths and file names, mentions, dates and numbers.
 * - {@link REWRITE_SPANS}: what a style rewrite must keep: the same, plus inline SQL and identifiers
 *   (dotted, snake_case, camelCase, calls, brace blocks, `C++`); prose such as `e.g.` is read past.
 * - {@link READING_SPANS}: what the offline conversation repeats exactly and never reads as words:
 *   code, quotes, numbers with the word they are glued to (`Q3`, `v2.2.2`, `48kHz`), URLs, emails.
 */

/** What a protected span holds. */
export type ProtectedKind =
  | "url"
  | "email"
  | "number"
  | "code"
  | "quoted"
  | "path"
  | "mention"
  | "identifier";

// Features: what a text must contain for a kind to match anywhere in it.
export const BACKTICK = 1 << 0;
export const SQL = 1 << 1;
export const DOUBLE_QUOTE = 1 << 2;
export const CURLY_DOUBLE = 1 << 3;
export const CURLY_SINGLE = 1 << 4;
export const GUILLEMET = 1 << 5;
export const APOSTROPHE = 1 << 6;
/** `://` or `www.` */
export const URL = 1 << 7;
export const AT = 1 << 8;
export const HASH = 1 << 9;
/** A dot before an ASCII letter or `_`. */
export const DOT_WORD = 1 << 10;
export const SLASH = 1 << 11;
export const DIGIT = 1 << 12;
export const PLUS = 1 << 13;
export const BRACE = 1 << 14;
export const PAREN = 1 << 15;
export const UNDERSCORE = 1 << 16;
/** A lower-case ASCII letter followed by an upper-case one. */
export const CAMEL = 1 << 17;
/** A letter, `:` and `\` (a Windows drive). */
export const DRIVE = 1 << 18;

/** One kind of protected text: its label, its pattern and the features (any of them) it needs. */
export interface SpanKind {
  readonly kind: ProtectedKind;
  readonly source: string;
  readonly needs: number;
}

/** A caller's kinds, in precedence order, and how the scan treats word starts and prose. */
export interface SpanProfile {
  readonly name: string;
  readonly kinds: readonly SpanKind[];
  /**
   * True when the kinds never start between two ASCII word characters except one (numbers) that
   * then matches one character earlier: the scan may skip such starts (see protected-spans.ts).
   */
  readonly skipsWordInsides: boolean;
  /** Matches the scan reads past without protecting them (prose such as `e.g.`). */
  readonly prose?: RegExp;
  /** Whether masking marks a part that ends its sentence (a quote closing with its full stop). */
  readonly marksSentenceEnds: boolean;
}

const k = (kind: ProtectedKind, source: string, needs: number): SpanKind => ({ kind, source, needs });

const FENCE = k("code", "```[\\s\\S]*?(?:```|$(?![\\s\\S]))", BACKTICK);
const INLINE_CODE = k("code", "`[^`\\n]+`", BACKTICK);
const quotes = (max: number): SpanKind[] => [
  k("quoted", `"[^"\\n]{1,${max}}"`, DOUBLE_QUOTE),
  k("quoted", `“[^”\\n]{1,${max}}”`, CURLY_DOUBLE),
  k("quoted", `‘[^’\\n]{1,${max}}’`, CURLY_SINGLE),
  k("quoted", `«[^»\\n]{1,${max}}»`, GUILLEMET),
];
const SINGLE_QUOTED = (max: number): SpanKind =>
  k("quoted", `(?<![\\p{L}\\p{N}'])'(?=\\S)[^'\\n]{0,${max - 1}}?(?<=\\S)'(?![\\p{L}\\p{N}])`, APOSTROPHE);
const SCHEME_URL = k(
  "url",
  "\\b(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\\.)[^\\s<>\"'`]*[^\\s<>\"'`.,;:!?)\\]}]",
  URL,
);
const EMAIL = k("email", "\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+", AT);
const MENTION = k("mention", "(?<![\\w@#])[@#][\\p{L}\\p{N}_]+", AT | HASH);

const FILE_EXT =
  "ts|tsx|js|jsx|mjs|cjs|py|rb|go|rs|java|kt|c|h|cpp|hpp|cs|php|swift|sh|bash|ps1|sql|json|ya?ml|toml|ini|cfg|env|xml|html?|css|scss|md|txt|csv|tsv|log|pdf|docx?|xlsx?|pptx?|png|jpe?g|gif|svg|webp|mp3|mp4|wav|mov|zip|tar|gz|ipynb|lock";
const TLD = "com|org|net|io|dev|ai|co|edu|gov|app|info|biz|me|us|uk|de|fr|jp|cn|ca|au|in";

/** The noise strategies' spans. */
export const RULE_NOISE_SPANS: SpanProfile = {
  name: "rule noise",
  skipsWordInsides: true,
  marksSentenceEnds: false,
  kinds: [
    FENCE,
    INLINE_CODE,
    ...quotes(300),
    SINGLE_QUOTED(300),
    SCHEME_URL,
    EMAIL,
    k(
      "url",
      `\\b[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.(?:${TLD})\\b(?:/[^\\s<>"'\`]*[^\\s<>"'\`.,;:!?)\\]}])?`,
      DOT_WORD,
    ),
    k("path", "\\b[A-Za-z]:\\\\[^\\s\"'<>|]*[^\\s\"'<>|.,;:!?)]", DRIVE),
    k("path", "(?<![\\w/:.~-])(?:~|\\.{1,2})?/(?:[\\w.@-]+/)*[\\w@-][\\w.@-]*/?", SLASH),
    k(
      "path",
      "(?<![\\w/.-])(?![\\d./-]+(?!\\w))(?:(?:[\\w.-]+/){2,}[\\w.-]+|(?:[\\w.-]+/)+[\\w-]+\\.[A-Za-z0-9]{1,8})(?![\\w/])",
      SLASH,
    ),
    k("path", `\\b[\\w-]+\\.(?:${FILE_EXT})\\b`, DOT_WORD),
    MENTION,
    k(
      "number",
      "\\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\\.? \\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?\\b",
      DIGIT,
    ),
    k(
      "number",
      "(?<![A-Za-z0-9_])(?:[$€£¥₹]\\s?)?[vV]?\\d+(?:[.,:/-]\\d+)*(?:\\s?%|\\s?(?:[aApP]\\.[mM]\\.|[aApP][mM])(?![A-Za-z])|(?:st|nd|rd|th|k|K|x|s|h|m|ms|kg|km|GB|MB|TB|px)\\b)?",
      DIGIT,
    ),
  ],
};

/** A style rewrite's spans. */
export const REWRITE_SPANS: SpanProfile = {
  name: "rewrite",
  skipsWordInsides: true,
  marksSentenceEnds: true,
  prose: /^(?:e\.g|i\.e|etc|vs|a\.m|p\.m|u\.s|u\.k|mr|mrs|dr|st)\.?$/i,
  kinds: [
    FENCE,
    INLINE_CODE,
    // An inline SQL statement: from its upper-case keyword to the end of the sentence.
    k(
      "code",
      "\\b(?:SELECT|INSERT INTO|UPDATE|DELETE FROM|CREATE (?:TABLE|INDEX|VIEW)|ALTER TABLE|DROP TABLE|WITH)\\s+[A-Z*(][^\\n;]*?(?=\\.\\s|\\.$|;|\\n|$)",
      SQL,
    ),
    ...quotes(400),
    SINGLE_QUOTED(400),
    SCHEME_URL,
    EMAIL,
    MENTION,
    k("identifier", "(?<![\\w.])[A-Za-z_][\\w-]*(?:\\.[A-Za-z_][\\w-]*)+(?:\\(\\))?(?![\\w.]*\\w)", DOT_WORD),
    k("path", "(?<![\\w/])(?:[\\w.-]+/)+[\\w-]+(?:\\.[\\w-]+)*", SLASH),
    k(
      "number",
      "(?:[$€£¥₹]\\s?)?[\\p{L}\\p{N}_]*\\d[\\p{L}\\p{N}_+]*(?:[.,:/×x-]\\d[\\p{L}\\p{N}_+]*)*(?:\\s?%)?",
      DIGIT,
    ),
    k("identifier", "\\b[\\p{L}_][\\p{L}\\p{N}_]*[+#]+(?:[\\p{L}\\p{N}_]+)?", PLUS | HASH),
    // Inline code without backticks: a brace block, a call such as parse_duration(s) or require().
    k("code", "\\{[^{}\\n]*\\}", BRACE),
    k("code", "\\b[A-Za-z_][\\w.]*\\([^()\\n]{0,80}\\)", PAREN),
    k("identifier", "\\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\\b", UNDERSCORE),
    k("identifier", "\\b[a-z]+[A-Z][A-Za-z0-9]*\\b", CAMEL),
  ],
};

// A word character for the conversation's reading: ASCII letters, digits, `_` and everything from
// U+00C0 up (accented letters, other scripts, symbols, emoji).
const W = "[0-9A-Za-z_\\u00C0-\\uFFFF\\u{10000}-\\u{10FFFF}]";
const SPACE = "[ \\t\\n\\r]";
// W without the digits, and what an email's local part may hold.
const LETTER = "[A-Za-z_\\u00C0-\\uFFFF\\u{10000}-\\u{10FFFF}]";
const LOCAL = "[A-Za-z_\\u00C0-\\uFFFF\\u{10000}-\\u{10FFFF}.%+-]";
const W_OR_LOCAL = "[0-9A-Za-z_\\u00C0-\\uFFFF\\u{10000}-\\u{10FFFF}.%+-]";

/** The offline conversation's spans. */
export const READING_SPANS: SpanProfile = {
  name: "reading",
  skipsWordInsides: false,
  marksSentenceEnds: false,
  kinds: [
    FENCE,
    INLINE_CODE,
    ...quotes(399),
    // A closing apostrophe-quote follows a non-space and is not inside a word ("kid's").
    k(
      "quoted",
      `(?<!${W})'(?!${SPACE})(?:[^'\\n]|'(?=${W})|(?<=${SPACE})'(?!${W})){1,399}?(?<!${SPACE})'(?!${W})`,
      APOSTROPHE,
    ),
    // A URL runs to the next space, without the sentence punctuation at its end.
    k("url", `(?:https?://|www(?=\\.))[^ \\t\\n\\r]*?(?=[.,;:!?)\\]]*(?:${SPACE}|$))`, URL),
    // A number with the word it is glued to (not past a currency sign that starts a number itself),
    // and a currency sign before it.
    k("number", `(?:[$€£¥₹] ?|(?<!${W}))(?:(?![€₹] ?\\d)${W})*?\\d(?:${W}|\\+|[.,:/-]\\d)*%?`, DIGIT),
    // An email whose local part holds no number and no `www.` (those are read first, as a number or
    // a URL, and the email is then not read at all).
    k("email", `(?<!${W_OR_LOCAL})(?:(?!www\\.)${LOCAL})*${LETTER}@${W}(?:${W}|[.-](?=${W}))*`, AT),
  ],
};
