import { isRegexSpace } from "../util/regex-space.js";

/** What a protected span holds. */
export type ProtectedKind = "url" | "email" | "number" | "code" | "quoted" | "path" | "mention";

/** A stretch of text that no rule may change: `[start, end)` in UTF-16 indices. */
export interface ProtectedSpan {
  start: number;
  end: number;
  kind: ProtectedKind;
}

// Every kind, in precedence order: at one position the first that matches wins, so code and quotes
// hold anything inside them and a URL holds its digits and slashes; spans never overlap. `chunk` marks
// the kinds that need a `. @ : / \\` inside the run of characters they start.
const FILE_EXT =
  "ts|tsx|js|jsx|mjs|cjs|py|rb|go|rs|java|kt|c|h|cpp|hpp|cs|php|swift|sh|bash|ps1|sql|json|ya?ml|toml|ini|cfg|env|xml|html?|css|scss|md|txt|csv|tsv|log|pdf|docx?|xlsx?|pptx?|png|jpe?g|gif|svg|webp|mp3|mp4|wav|mov|zip|tar|gz|ipynb|lock";
const TLD = "com|org|net|io|dev|ai|co|edu|gov|app|info|biz|me|us|uk|de|fr|jp|cn|ca|au|in";
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
    "(?<![\\w/.-])(?![\\d./-]+(?!\\w))(?:(?:[\\w.-]+/){2,}[\\w.-]+|(?:[\\w.-]+/)+[\\w-]+\\.[A-Za-z0-9]{1,8})(?![\\w/])",
    "chunk",
  ],
  ["path", `\\b[\\w-]+\\.(?:${FILE_EXT})\\b`, "chunk"],
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
// Indices into PATTERNS.
const FENCE = 0;
const INLINE_CODE = 1;
const DOUBLE_QUOTE = 2;
// 3–5: the curly quotes, matched without their patterns (see `SpanScanner.curly`).
const SINGLE_QUOTE = 6;
const URL = 7;
const EMAIL = 8;
const DOMAIN = 9;
const WINDOWS_PATH = 10;
const UNIX_PATH = 11;
const RELATIVE_PATH = 12;
const FILE_NAME = 13;
const MENTION = 14;
const DATE = 15;
const NUMBER = 16;

// One sticky pattern per kind, tried only at candidate positions and only when the character there can
// start it. Compiled once: a fresh RegExp per call costs microseconds, more than a whole scan. Their
// `lastIndex` is their only state, set before every use, and a scan finishes synchronously, so no
// result ever depends on an earlier call.
const STICKY: readonly RegExp[] = PATTERNS.map(([, source]) => new RegExp(source, "uy"));
const TLDS: ReadonlySet<string> = new Set(TLD.split("|"));
// The extensions with their optional letter spelled out (`ya?ml` → `yml`, `yaml`).
const FILE_EXTS: ReadonlySet<string> = new Set(
  FILE_EXT.split("|").flatMap((ext) => {
    const q = ext.indexOf("?");
    return q < 0 ? [ext] : [ext.slice(0, q - 1) + ext.slice(q + 1), ext.slice(0, q) + ext.slice(q + 1)];
  }),
);
const LONGEST_TLD = Math.max(...[...TLDS].map((w) => w.length));
const LONGEST_EXT = Math.max(...[...FILE_EXTS].map((w) => w.length));

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a);
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || isAsciiLetter(c);
}

/** `\w` (ASCII). */
function isWordCode(c: number): boolean {
  return isAlnum(c) || c === 95;
}

/** `[A-Za-z0-9-]`: a domain label. */
function isLabel(c: number): boolean {
  return isAlnum(c) || c === 45;
}

/** `[\w.%+~-]`: what the chunk kinds' run may hold before its `. @ : / \\`. */
function isChunkChar(c: number): boolean {
  return isWordCode(c) || c === 46 || c === 37 || c === 43 || c === 126 || c === 45;
}

/** `[a-zA-Z0-9+.-]`: a URL scheme. */
function isSchemeChar(c: number): boolean {
  return isAlnum(c) || c === 43 || c === 46 || c === 45;
}

/** `[A-Za-z0-9._%+-]`: the local part of an email. */
function isEmailChar(c: number): boolean {
  return isAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
}

/** `[\w.@-]`: a path segment. */
function isSegmentChar(c: number): boolean {
  return isWordCode(c) || c === 46 || c === 64 || c === 45;
}

/** `[\w-]`: a file name before its extension. */
function isNameChar(c: number): boolean {
  return isWordCode(c) || c === 45;
}

/** `[.,;:!?)\]}]`: what a URL does not end with. */
function isUrlTrailer(c: number): boolean {
  return (
    c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 41 || c === 93 || c === 125
  );
}

/** `[\s<>"'\`]`: what a URL does not hold. */
function endsUrl(c: number): boolean {
  return isRegexSpace(c) || c === 60 || c === 62 || c === 34 || c === 39 || c === 96;
}

function isDigitOrCurrency(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 36 || c === 0x20ac || c === 0xa3 || c === 0xa5 || c === 0x20b9;
}

/** True when the word (`\\w+`) at `at` is one of `words`: a listed word that ends at a word boundary. */
function wordAt(text: string, at: number, words: ReadonlySet<string>, longest: number): boolean {
  let end = at;
  while (end - at <= longest && isWordCode(text.charCodeAt(end))) end++;
  return end > at && end - at <= longest && words.has(text.slice(at, end));
}

// Every span holds at least one trigger: a digit or currency sign, a backtick, an opening quote,
// `@ # / \`, a dot before a letter (domains, file names), or a `'` that is not inside a word. By ASCII
// code: 0 never, 1 always, 2 depends on the neighbour (the dot and the apostrophe).
const ASCII_TRIGGER: Readonly<Uint8Array> = (() => {
  const table = new Uint8Array(128);
  for (let c = 48; c <= 57; c++) table[c] = 1;
  for (const c of '`"@#/\\$') table[c.charCodeAt(0)] = 1;
  table[46] = 2;
  table[39] = 2;
  return table;
})();

function isTrigger(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) {
    const kind = ASCII_TRIGGER[c] as number;
    if (kind !== 2) return kind === 1;
    if (c === 46) return isAsciiLetter(text.charCodeAt(i + 1));
    const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
    return prev >= 128 || !isAlnum(prev);
  }
  return (
    c === 0x201c || c === 0x2018 || c === 0xab || c === 0x20ac || c === 0xa3 || c === 0xa5 || c === 0x20b9
  );
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

function chunkStart(text: string, i: number): number {
  let s = i;
  while (s > 0 && !isSpace(text.charCodeAt(s - 1))) s--;
  return s;
}

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

// Characters looked for ahead, remembered by `SpanScanner.next`.
const CLOSERS = ["”", "’", "»", "\n"] as const;
const NEWLINE = 3;

/**
 * One scan of one text. Tries the kinds at a position in precedence order. The kinds whose pattern
 * could read a long run and still fail are first checked here, exactly, from facts about the run that
 * are remembered while the scan moves through it (positions only ever grow): where a run of a class
 * ends, whether a chunk holds a separator, whether a dotted name reaches a top-level domain, where the
 * next closing quote is. Each character is so read a bounded number of times, whatever the text.
 */
class SpanScanner {
  /** The kind of the span `at` found. */
  kind: ProtectedKind = "number";
  private readonly n: number;
  private schemeFrom = -1;
  private schemeEnd = -1;
  private emailFrom = -1;
  private emailEnd = -1;
  private nameFrom = -1;
  private nameEnd = -1;
  private chunkFrom = -1;
  private chunkEnd = -1;
  private chunkLastDot = -1;
  private dottedFrom = -1;
  private dottedEnd = -1;
  private dottedLastTld = -1;
  private tailAt = -1;
  private tailOk = false;
  private mailAt = -1;
  private mailOk = false;
  private extAt = -1;
  private extOk = false;
  private failedFrom = -1;
  private failedTo = -1;
  private nextAt: number[] | undefined;
  private nextFrom: number[] | undefined;

  constructor(private readonly text: string) {
    this.n = text.length;
  }

  /** The end of the span that starts at exactly `p` (its kind in `kind`), or -1. */
  at(p: number): number {
    const text = this.text;
    const c = text.charCodeAt(p);
    // No span starts inside a word.
    if (p > 0 && isWordCode(c) && isWordCode(text.charCodeAt(p - 1))) return -1;
    switch (c) {
      case 96: // ``` … ``` always matches; else `…` on one line
        return this.sticky(text.startsWith("```", p) ? FENCE : INLINE_CODE, p);
      case 34:
        return this.sticky(DOUBLE_QUOTE, p);
      case 0x201c:
        return this.curly(p, 0);
      case 0x2018:
        return this.curly(p, 1);
      case 0xab:
        return this.curly(p, 2);
      case 39:
        return this.sticky(SINGLE_QUOTE, p);
    }
    if ((isChunkChar(c) || c === 47) && this.hasSeparator(p, c)) {
      const letter = isAsciiLetter(c);
      let end = -1;
      if (letter && this.urlMatches(p)) end = this.sticky(URL, p);
      if (end < 0 && isEmailChar(c) && this.emailMatches(p)) end = this.sticky(EMAIL, p);
      if (end < 0 && isLabel(c) && this.domainMatches(p)) end = this.sticky(DOMAIN, p);
      if (end < 0 && letter && text.charCodeAt(p + 1) === 58 && text.charCodeAt(p + 2) === 92)
        end = this.sticky(WINDOWS_PATH, p);
      if (end < 0 && (c === 47 || c === 126 || c === 46) && this.unixPathMatches(p, c))
        end = this.sticky(UNIX_PATH, p);
      if (end < 0 && (isWordCode(c) || c === 46 || c === 45) && !isPathChar(text.charCodeAt(p - 1)))
        end = this.sticky(RELATIVE_PATH, p);
      if (end < 0 && isNameChar(c) && this.fileNameMatches(p)) end = this.sticky(FILE_NAME, p);
      if (end >= 0) return end;
    }
    if (c === 64 || c === 35) return this.sticky(MENTION, p);
    if (c === 74 || c === 70 || c === 77 || c === 65 || c === 83 || c === 79 || c === 78 || c === 68) {
      const end = this.sticky(DATE, p);
      if (end >= 0) return end;
    }
    if (isDigitOrCurrency(c) || c === 118 || c === 86) return this.sticky(NUMBER, p);
    return -1;
  }

  private sticky(index: number, p: number): number {
    const pattern = STICKY[index] as RegExp;
    pattern.lastIndex = p;
    if (!pattern.test(this.text)) return -1;
    this.kind = (PATTERNS[index] as readonly [ProtectedKind, string, string?])[0];
    return pattern.lastIndex;
  }

  /** Where the run of `[a-zA-Z0-9+.-]` that holds `p` ends. */
  private schemeRun(p: number): number {
    if (this.schemeFrom <= p && p < this.schemeEnd) return this.schemeEnd;
    let i = p;
    while (i < this.n && isSchemeChar(this.text.charCodeAt(i))) i++;
    this.schemeFrom = p;
    this.schemeEnd = i;
    return i;
  }

  /** Where the run of `[A-Za-z0-9._%+-]` that holds `p` ends. */
  private emailRun(p: number): number {
    if (this.emailFrom <= p && p < this.emailEnd) return this.emailEnd;
    let i = p;
    while (i < this.n && isEmailChar(this.text.charCodeAt(i))) i++;
    this.emailFrom = p;
    this.emailEnd = i;
    return i;
  }

  /** Where the run of `[\w-]` that holds `p` ends. */
  private nameRun(p: number): number {
    if (this.nameFrom <= p && p < this.nameEnd) return this.nameEnd;
    let i = p;
    while (i < this.n && isNameChar(this.text.charCodeAt(i))) i++;
    this.nameFrom = p;
    this.nameEnd = i;
    return i;
  }

  /** The first `CLOSERS[which]` at or after `from`, or -1. */
  private next(which: number, from: number): number {
    this.nextAt ??= [-2, -2, -2, -2];
    this.nextFrom ??= [0, 0, 0, 0];
    const found = this.nextAt[which] as number;
    if (found >= from || (found === -1 && (this.nextFrom[which] as number) <= from)) return found;
    const at = this.text.indexOf(CLOSERS[which] as string, from);
    this.nextAt[which] = at;
    this.nextFrom[which] = from;
    return at;
  }

  /** `“[^”\n]{1,300}”` (and the same for ‘’ and «»), without reading past the closing quote. */
  private curly(p: number, which: number): number {
    const close = this.next(which, p + 1);
    if (close < p + 2 || close > p + 301) return -1;
    const newline = this.next(NEWLINE, p + 1);
    if (newline >= 0 && newline < close) return -1;
    this.kind = "quoted";
    return close + 1;
  }

  /** `(?=[\w.%+~-]*[.@:/\\])`: the run of `[\w.%+~-]` from `p` holds a dot or is followed by `@ : / \`. */
  private hasSeparator(p: number, c: number): boolean {
    if (!isChunkChar(c)) return c === 64 || c === 58 || c === 47 || c === 92;
    if (!(this.chunkFrom <= p && p < this.chunkEnd)) {
      let i = p;
      let dot = -1;
      for (; i < this.n; i++) {
        const d = this.text.charCodeAt(i);
        if (!isChunkChar(d)) break;
        if (d === 46) dot = i;
      }
      this.chunkFrom = p;
      this.chunkEnd = i;
      this.chunkLastDot = dot;
    }
    if (this.chunkLastDot >= p) return true;
    const e = this.text.charCodeAt(this.chunkEnd);
    return e === 64 || e === 58 || e === 47 || e === 92;
  }

  /** The URL pattern matches at `p`: a scheme and `://`, or `www.`, then a character it may end with. */
  private urlMatches(p: number): boolean {
    const end = this.schemeRun(p);
    if (this.text.startsWith("://", end) && this.urlTail(end + 3)) return true;
    return this.text.startsWith("www.", p) && this.urlTail(p + 4);
  }

  /** `[^\s<>"'\`]*[^\s<>"'\`.,;:!?)\]}]` matches at `q`. */
  private urlTail(q: number): boolean {
    if (q !== this.tailAt) {
      let ok = false;
      for (let i = q; i < this.n; i++) {
        const d = this.text.charCodeAt(i);
        if (endsUrl(d)) break;
        if (!isUrlTrailer(d)) {
          ok = true;
          break;
        }
      }
      this.tailAt = q;
      this.tailOk = ok;
    }
    return this.tailOk;
  }

  /** The email pattern matches at `p`: its run of local-part characters ends at `@` and a dotted domain. */
  private emailMatches(p: number): boolean {
    const at = this.emailRun(p);
    if (this.text.charCodeAt(at) !== 64) return false;
    if (at !== this.mailAt) {
      let i = at + 1;
      while (i < this.n && isLabel(this.text.charCodeAt(i))) i++;
      this.mailAt = at;
      this.mailOk = i > at + 1 && this.text.charCodeAt(i) === 46 && isLabel(this.text.charCodeAt(i + 1));
    }
    return this.mailOk;
  }

  /** The domain pattern matches at `p`: the dotted name from `p` holds a `.tld` ending at a word boundary. */
  private domainMatches(p: number): boolean {
    if (!(this.dottedFrom <= p && p < this.dottedEnd)) {
      let i = p;
      let tld = -1;
      for (;;) {
        while (i < this.n && isLabel(this.text.charCodeAt(i))) i++;
        if (this.text.charCodeAt(i) !== 46 || !isLabel(this.text.charCodeAt(i + 1))) break;
        if (wordAt(this.text, i + 1, TLDS, LONGEST_TLD)) tld = i;
        i++;
      }
      this.dottedFrom = p;
      this.dottedEnd = i;
      this.dottedLastTld = tld;
    }
    return this.dottedLastTld > p;
  }

  /** The Unix path pattern matches at `p`: not after a path character, `/`, `~/`, `./` or `../`, then a segment. */
  private unixPathMatches(p: number, c: number): boolean {
    const prev = this.text.charCodeAt(p - 1);
    if (isPathChar(prev) || prev === 58 || prev === 126) return false;
    let slash = p;
    if (c === 126) slash = p + 1;
    else if (c === 46) slash = this.text.charCodeAt(p + 1) === 46 ? p + 2 : p + 1;
    if (this.text.charCodeAt(slash) !== 47) return false;
    return this.segments(slash + 1);
  }

  /**
   * `(?:[\w.@-]+/)*[\w@-]` matches at `q`: some segment starts with `[\w@-]`, after segments that start
   * with a dot. A chain that failed is remembered, so no segment start in it is read again.
   */
  private segments(q: number): boolean {
    if (this.failedFrom <= q && q <= this.failedTo) return false;
    let s = q;
    for (;;) {
      const c = this.text.charCodeAt(s);
      if (isWordCode(c) || c === 64 || c === 45) return true;
      if (c !== 46) break;
      let e = s + 1;
      while (e < this.n && isSegmentChar(this.text.charCodeAt(e))) e++;
      if (this.text.charCodeAt(e) !== 47) break;
      s = e + 1;
    }
    this.failedFrom = q;
    this.failedTo = s;
    return false;
  }

  /** The file name pattern matches at `p`: its run of `[\w-]` ends at a dot and a known extension. */
  private fileNameMatches(p: number): boolean {
    const dot = this.nameRun(p);
    if (this.text.charCodeAt(dot) !== 46) return false;
    if (dot !== this.extAt) {
      this.extAt = dot;
      this.extOk = wordAt(this.text, dot + 1, FILE_EXTS, LONGEST_EXT);
    }
    return this.extOk;
  }
}

/** `[\w/.-]`: a character a relative path may not follow. */
function isPathChar(c: number): boolean {
  return isWordCode(c) || c === 47 || c === 46 || c === 45;
}

/**
 * Finds the spans that rules must leave byte-identical: URLs and bare domains, emails, numbers (with
 * currency, percent, decimals and thousands, dates, times, versions), inline and fenced code, quoted
 * strings, file paths, @mentions and #hashtags. Sorted and non-overlapping: the leftmost span wins,
 * and at one position the first kind in the pattern list (code, quotes, URLs, emails, paths, …).
 * Linear in the length of the text.
 */
export function findProtectedSpans(text: string): ProtectedSpan[] {
  const spans: ProtectedSpan[] = [];
  const n = text.length;
  let scanner: SpanScanner | undefined;
  // Positions before `covered` are tested already or inside a span found.
  let covered = 0;
  // The start of the whitespace-delimited chunk holding position `read`.
  let chunk = 0;
  let read = 0;
  for (let t = 0; t < n; t++) {
    if (t < covered) t = covered;
    if (t >= n || !isTrigger(text, t)) continue;
    for (; read < t; read++) if (isSpace(text.charCodeAt(read))) chunk = read + 1;
    scanner ??= new SpanScanner(text);
    // A span holding this trigger starts between the start of its whitespace-delimited chunk and the
    // trigger, at a word start or a non-word character (no pattern starts inside a word). A number at
    // a chunk start may also belong to a span from the chunk before (`March 3`, `$ 20`).
    let start = -1;
    let end = -1;
    if (chunk === t && t > 0 && isDigitOrCurrency(text.charCodeAt(t))) {
      const before = previousChunkStart(text, t);
      if (before !== undefined && before >= covered) {
        end = scanner.at(before);
        start = before;
      }
    }
    for (let p = Math.max(chunk, covered); end < 0 && p <= t; p++) {
      end = scanner.at(p);
      start = p;
    }
    if (end >= 0) {
      spans.push({ start, end, kind: scanner.kind });
      covered = end;
    } else covered = t + 1;
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
