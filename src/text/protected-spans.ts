/**
 * The one protected-span scanner: the stretches of a text that must come through a rewrite, a noise
 * strategy or a reading byte-identical (code, quotes, URLs, emails, paths, numbers, …). What each
 * caller protects is a profile of span-kinds.ts; the scan is the same for all: the leftmost span
 * wins, at one position the first kind of the profile that matches, spans never overlap.
 */
import {
  APOSTROPHE,
  AT,
  BACKTICK,
  BRACE,
  CAMEL,
  CURLY_DOUBLE,
  CURLY_SINGLE,
  DIGIT,
  DOT_WORD,
  DOUBLE_QUOTE,
  DRIVE,
  GUILLEMET,
  HASH,
  PAREN,
  PLUS,
  type ProtectedKind,
  RULE_NOISE_SPANS,
  SLASH,
  type SpanProfile,
  SQL,
  UNDERSCORE,
  URL,
} from "./span-kinds.js";

export { READING_SPANS, REWRITE_SPANS, RULE_NOISE_SPANS } from "./span-kinds.js";
export type { ProtectedKind, SpanProfile };

/** A stretch of text that no rule may change: `[start, end)` in UTF-16 indices. */
export interface ProtectedSpan {
  start: number;
  end: number;
  kind: ProtectedKind;
}

const SQL_KEYWORD =
  /\b(?:SELECT|INSERT INTO|UPDATE|DELETE FROM|CREATE (?:TABLE|INDEX|VIEW)|ALTER TABLE|DROP TABLE|WITH)\s/;

/** The features of `text` (span-kinds.ts): which kinds could match somewhere in it. One pass. */
function textFeatures(text: string): number {
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
      else if (c === 0x5c) found |= DRIVE;
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

/** A profile's kinds compiled into one alternation, one capture group per kind. */
interface Compiled {
  readonly pattern: RegExp;
  readonly kinds: readonly ProtectedKind[];
}

// A start between two ASCII word characters can only begin a number that then matches one character
// earlier, where the scan has already been (profiles with `skipsWordInsides`): such starts are skipped,
// which spares the engine retrying the rest of each word at each letter.
const WORD_START_GUARD = "(?!(?<=[A-Za-z0-9_])[A-Za-z0-9_])";
const EVERY_KIND = -1;

// Lazily built caches of pure data, one per profile: for each combination of kinds a text can need,
// the alternation of just those (a kind that cannot match anywhere never changes the result, and a
// short alternation is much faster). Few combinations occur in practice; past the cap, texts use the
// alternation of every kind. A pattern's `lastIndex` is set before every use and a scan finishes
// synchronously, so no result depends on an earlier call.
const COMPILED = new Map<SpanProfile, Map<number, Compiled>>();
const COMPILED_LIMIT = 512;

function compile(profile: SpanProfile, subset: number, guarded: boolean): Compiled {
  const chosen = profile.kinds.filter((_, i) => subset & (1 << i));
  const body = chosen.map((kind) => `(${kind.source})`).join("|");
  const source = chosen.length === 0 ? "(?!)" : guarded ? `${WORD_START_GUARD}(?:${body})` : body;
  return { pattern: new RegExp(source, "gu"), kinds: chosen.map((kind) => kind.kind) };
}

function compiledFor(profile: SpanProfile, text: string): Compiled {
  let cache = COMPILED.get(profile);
  if (cache === undefined) {
    cache = new Map();
    COMPILED.set(profile, cache);
  }
  const found = textFeatures(text);
  let subset = 0;
  profile.kinds.forEach((kind, i) => {
    if (found & kind.needs) subset |= 1 << i;
  });
  let compiled = cache.get(subset);
  if (compiled === undefined) {
    if (cache.size >= COMPILED_LIMIT) subset = (1 << profile.kinds.length) - 1;
    compiled = cache.get(subset) ?? compile(profile, subset, profile.skipsWordInsides);
    cache.set(subset, compiled);
  }
  return compiled;
}

function referenceFor(profile: SpanProfile): Compiled {
  const cache = COMPILED.get(profile) as Map<number, Compiled>;
  let compiled = cache.get(EVERY_KIND);
  if (compiled === undefined) {
    compiled = compile(profile, EVERY_KIND, false);
    cache.set(EVERY_KIND, compiled);
  }
  return compiled;
}

const isAsciiWordChar = (c: number): boolean =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;

function scan(text: string, profile: SpanProfile, compiled: Compiled, spans: ProtectedSpan[]): boolean {
  const { pattern, kinds } = compiled;
  let endsMidWord = false;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const value = m[0];
    const start = m.index;
    const end = start + value.length;
    if (value.length === 0) {
      pattern.lastIndex++;
      continue;
    }
    if (isAsciiWordChar(text.charCodeAt(end - 1)) && isAsciiWordChar(text.charCodeAt(end)))
      endsMidWord = true;
    if (profile.prose?.test(value)) continue;
    let group = 1;
    while (m[group] === undefined) group++;
    spans.push({ start, end, kind: kinds[group - 1] as ProtectedKind });
  }
  return endsMidWord;
}

/**
 * The protected spans of `text` for a caller's profile (default: the noise strategies'), in order,
 * non-overlapping. A scan that skips word insides and resumes mid-word right after a match that ended
 * there (an email followed by `_`) is redone without skipping, so skipping never changes a result.
 */
export function findProtectedSpans(text: string, profile: SpanProfile = RULE_NOISE_SPANS): ProtectedSpan[] {
  const spans: ProtectedSpan[] = [];
  const endsMidWord = scan(text, profile, compiledFor(profile, text), spans);
  if (!endsMidWord || !profile.skipsWordInsides) return spans;
  const slow: ProtectedSpan[] = [];
  scan(text, profile, referenceFor(profile), slow);
  return slow;
}

/** The texts of the protected spans of `text` for `profile`, in order. */
export function spanTexts(text: string, profile: SpanProfile): string[] {
  return findProtectedSpans(text, profile).map((span) => text.slice(span.start, span.end));
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

// Placeholders are private-use characters: U+E100 + index for a part, or, for profiles that mark
// sentence ends, U+F000 + index for a part that ends its sentence (a quote that closes with its own
// full stop), so that sentence splitting still sees the boundary.
const INNER_BASE = 0xe100;
const FINAL_BASE = 0xf000;
const LAST_PLACEHOLDER = 0xf8ff;

/** A text with its protected parts replaced by placeholders, and the way back. */
export interface MaskedText {
  /** The text with each protected part replaced by one private-use character. */
  masked: string;
  /** The protected parts, in order of appearance. */
  parts: string[];
}

/**
 * Replaces every protected part (by `profile`) with a single private-use character, so that no rule
 * or keyword test can touch it (see {@link unmask}). Parts past the last placeholder stay as text.
 */
export function maskSpans(text: string, profile: SpanProfile): MaskedText {
  const limit = (profile.marksSentenceEnds ? FINAL_BASE : LAST_PLACEHOLDER + 1) - INNER_BASE;
  const parts: string[] = [];
  let masked = "";
  let last = 0;
  for (const span of findProtectedSpans(text, profile)) {
    if (parts.length >= limit) break;
    const part = text.slice(span.start, span.end);
    const final = profile.marksSentenceEnds && /[.!?]["'”’»`]$/.test(part);
    masked +=
      text.slice(last, span.start) + String.fromCharCode((final ? FINAL_BASE : INNER_BASE) + parts.length);
    parts.push(part);
    last = span.end;
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
