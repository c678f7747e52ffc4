import { findProtectedSpans, type ProtectedSpan } from "../../text/protected-spans.js";

/**
 * Slot values of a request, found by pattern with their exact place in the text: budgets, dates,
 * times, durations, quantities, lengths, audiences, formats, tones, places, environments, target
 * languages and quoted names. The offline semantic distractor removes, blurs or changes them; intent
 * extraction reports them.
 */

/** What a slot holds. */
export type SlotType =
  | "budget"
  | "date"
  | "time"
  | "duration"
  | "quantity"
  | "length"
  | "audience"
  | "format"
  | "tone"
  | "place"
  | "environment"
  | "language"
  | "quoted";

/** One slot: `[start, end)` of the text; `valueStart`/`valueEnd` bound the bare value inside it. */
export interface SlotSpan {
  type: SlotType;
  start: number;
  end: number;
  text: string;
  /** Where the value itself starts (after "for", "under", "by", …). */
  valueStart: number;
  valueEnd: number;
}

const MONTH =
  "(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)";
const WEEKDAY = "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?";
const NUM_WORD =
  "(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|a dozen|a couple of)";
const COUNTED =
  "(?:people|persons|guests|items|ideas|names|questions|examples|recipes|novels|books|tips|options|students|learners|employees|users|rows|files|emails|cups|servings|kids|friends|players|problems|steps|points|lessons|reasons|slides|photos|posts|tasks|meals|courses|places|stops)";

// The words that make a pattern worth running: one pass over the text's words sets these bits, and
// only the patterns whose bit is set run (most requests hold two or three kinds of slot).
const G_MONEY = 1;
const G_MONTH = 2;
const G_WEEKDAY = 4;
const G_RELDATE = 8;
const G_TIME = 16;
const G_DURATION = 32;
const G_LENGTH = 64;
const G_LENGTH_ADJ = 128;
const G_QUANTITY = 256;
const G_AUDIENCE = 512;
const G_FORMAT = 1024;
const G_TONE = 2048;
const G_ENV = 4096;
const G_LANG = 8192;
const G_QUOTE = 16384;

const GATE_WORDS: ReadonlyArray<readonly [number, string]> = [
  [G_MONEY, "dollar dollars euro euros pound pounds usd eur gbp bucks"],
  [
    G_MONTH,
    "january february march april may june july august september october november december jan feb mar apr jun jul aug sept sep oct nov dec",
  ],
  [
    G_WEEKDAY,
    "monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays fridays saturdays sundays",
  ],
  [G_RELDATE, "tomorrow tonight today week weekend month year end"],
  [G_TIME, "am pm"],
  [
    G_DURATION,
    "second seconds minute minutes min mins hour hours hr hrs day days week weeks month months year years",
  ],
  [
    G_LENGTH,
    "word words page pages paragraph paragraphs sentence sentences line lines character characters bullet",
  ],
  [G_LENGTH_ADJ, "short brief concise detailed depth page paragraph"],
  [
    G_QUANTITY,
    "people persons guests items ideas names questions examples recipes novels books tips options students learners employees users rows files emails cups servings kids friends players problems steps points lessons reasons slides photos posts tasks meals courses places stops",
  ],
  [
    G_AUDIENCE,
    "manager boss team client clients customer customers student students kid kids children child beginner beginners executive executives investor investors parent parents grandma grandmother grandpa audience reader readers recruiter recruiters landlord colleague colleagues coworker coworkers teacher class brother sister mom dad mother father wife husband partner friend friends neighbor neighbors neighbour neighbours seller employees staff old olds",
  ],
  [G_FORMAT, "table bullet bullets bulleted numbered checklist json csv markdown pdf spreadsheet outline"],
  [
    G_TONE,
    "formal informal casual professional friendly polite funny humorous persuasive warm serious playful",
  ],
  [
    G_ENV,
    "python javascript typescript excel windows linux macos mac ios android sql postgres mysql react django flask node java rust kotlin swift sheets notion wordpress shopify",
  ],
  [
    G_LANG,
    "spanish french german italian japanese chinese portuguese korean arabic hindi russian dutch english",
  ],
];
const G_PLACE = 32768;
// Not a pattern's gate: marks the place prepositions ("in Porto", "to Lisbon") in the word table.
const PREPOSITION = 1 << 30;
const PLACE_PREPOSITIONS = "in to near around from at visiting";

/** FNV-1a over lower-cased ASCII letters, one step. */
function hashStep(h: number, c: number): number {
  return Math.imul(h ^ (c | 32), 16777619);
}
const HASH_SEED = 2166136261 | 0;

/**
 * The gate words by hash bucket, each with its bits. Scanning a text hashes each word as it reads it
 * (no string is built) and compares the letters only on a hash hit, so a collision never sets a bit.
 */
const BUCKETS = 1024;
const GATE_WORD_BUCKETS: ReadonlyArray<ReadonlyArray<readonly [string, number]> | undefined> = (() => {
  const bits = new Map<string, number>();
  const add = (word: string, bit: number): void => {
    bits.set(word, (bits.get(word) ?? 0) | bit);
  };
  for (const [bit, words] of GATE_WORDS) for (const w of words.split(" ")) add(w, bit);
  for (const w of PLACE_PREPOSITIONS.split(" ")) add(w, PREPOSITION);
  const table: Array<Array<readonly [string, number]> | undefined> = new Array(BUCKETS).fill(undefined);
  for (const [word, bit] of bits) {
    let h = HASH_SEED;
    for (let i = 0; i < word.length; i++) h = hashStep(h, word.charCodeAt(i));
    const bucket = table[h & (BUCKETS - 1)] ?? [];
    bucket.push([word, bit]);
    table[h & (BUCKETS - 1)] = bucket;
  }
  return table;
})();
const LONGEST_GATE_WORD = Math.max(
  ...GATE_WORD_BUCKETS.flatMap((bucket) => (bucket ?? []).map(([w]) => w.length)),
);

/** The bits of the word `text[start, end)` (ASCII letters, hashed to `hash`), compared without case. */
function wordBits(text: string, start: number, end: number, hash: number): number {
  const candidates = GATE_WORD_BUCKETS[hash & (BUCKETS - 1)];
  if (candidates === undefined) return 0;
  for (const [word, bits] of candidates) {
    if (word.length !== end - start) continue;
    let same = true;
    for (let i = 0; i < word.length && same; i++)
      same = (text.charCodeAt(start + i) | 32) === word.charCodeAt(i);
    if (same) return bits;
  }
  return 0;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** `\w` (ASCII). */
function isWordCode(c: number): boolean {
  return isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 95;
}

function gateBits(text: string): number {
  let bits = 0;
  let start = -1;
  let hash = HASH_SEED;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (isAsciiLetter(c)) {
      if (start < 0) {
        start = i;
        hash = HASH_SEED;
      }
      hash = hashStep(hash, c);
      continue;
    }
    if (start >= 0) {
      const word = i - start <= LONGEST_GATE_WORD ? wordBits(text, start, i, hash) : 0;
      bits |= word & ~PREPOSITION;
      if (c === 32 && (word & PREPOSITION) !== 0) {
        const next = text.charCodeAt(i + 1);
        if (next >= 65 && next <= 90) bits |= G_PLACE;
      }
      start = -1;
    }
    if (c === 36 || c === 0x20ac || c === 0xa3 || c === 0xa5 || c === 0x20b9) bits |= G_MONEY;
    else if (c === 34 || c === 39 || c === 0x201c) bits |= G_QUOTE;
    else if (c === 58 && i > 0) {
      const prev = text.charCodeAt(i - 1);
      if (prev >= 48 && prev <= 57) bits |= G_TIME;
    }
  }
  return bits;
}

const PATTERNS: ReadonlyArray<readonly [SlotType, RegExp, number]> = [
  [
    "budget",
    /(?:\b(?:under|below|less than|no more than|at most|up to|max(?:imum)?|about|around|roughly|within|budget of)\s+)?(?:[$€£¥₹]\s?\d[\d,]*(?:\.\d+)?(?:\s?[kKmM]\b)?|\b\d[\d,]*(?:\.\d+)?\s?(?:dollars|euros?|pounds|usd|eur|gbp|bucks)\b)(?:\s+(?:a|per)\s+(?:night|month|week|day|year|person|head))?(?:\s+each)?/gi,
    G_MONEY,
  ],
  [
    "date",
    new RegExp(
      `\\b(?:(?:by|on|before|until|from|starting|effective|due|for)\\s+)?(?:\\d{1,2}(?:st|nd|rd|th)?(?:\\s?[-–]\\s?\\d{1,2})?\\s+${MONTH}\\b|${MONTH}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\b)(?:,?\\s+\\d{4})?`,
      "gi",
    ),
    G_MONTH,
  ],
  ["date", new RegExp(`\\b(?:(?:by|on|before|until|this|next|last|for)\\s+)?${WEEKDAY}\\b`, "gi"), G_WEEKDAY],
  [
    "date",
    /\b(?:(?:by|before|until)\s+)?(?:tomorrow|tonight|today|this (?:week|weekend|month|year)|next (?:week|weekend|month|year)|end of (?:the )?(?:day|week|month|year))\b/gi,
    G_RELDATE,
  ],
  ["date", new RegExp(`\\b(?:in|by|until|before|during)\\s+${MONTH}\\b`, "gi"), G_MONTH],
  [
    "time",
    /\b(?:(?:at|by|before|around|until)\s+)?\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)(?![a-z])/gi,
    G_TIME,
  ],
  ["time", /\b(?:at|by|before|around|until)\s+\d{1,2}:\d{2}\b/gi, G_TIME],
  [
    "duration",
    new RegExp(
      `\\b(?:(?:for|in|over|within|about|around)\\s+)?(?:\\d+(?:\\.\\d+)?|${NUM_WORD}|a)[\\s-](?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)(?:\\s+(?:a|per)\\s+(?:day|week|night|month))?\\b(?!-old)`,
      "gi",
    ),
    G_DURATION,
  ],
  [
    "length",
    new RegExp(
      `\\b(?:(?:under|about|around|at most|no more than|max(?:imum)?|exactly|roughly|less than)\\s+)?(?:\\d[\\d,]*|${NUM_WORD})[\\s-](?:words?|pages?|paragraphs?|sentences?|lines?|characters?|bullet points?)\\b`,
      "gi",
    ),
    G_LENGTH,
  ],
  ["length", /\b(?:short|brief|concise|detailed|in-depth|one-page|one-paragraph)\b/gi, G_LENGTH_ADJ],
  [
    "quantity",
    new RegExp(`\\b(?:for\\s+)?(?:\\d[\\d,]*|${NUM_WORD})\\s+(?:[a-z-]+\\s+){0,2}?${COUNTED}\\b`, "gi"),
    G_QUANTITY,
  ],
  [
    "audience",
    /\b(?:for|to)\s+(?:(?:my|our|a|an|the|your|some)\s+)?(?:[a-z-]+\s+){0,2}(?:manager|boss|team|clients?|customers?|students?|kids?|children|child|beginners?|executives?|investors?|parents?|grandma|grandmother|grandpa|audience|readers?|recruiters?|landlord|colleagues?|coworkers?|teacher|class|brother|sister|mom|dad|mother|father|wife|husband|partner|friends?|neighbou?rs?|seller|employees|staff|\d+-year-olds?)\b/gi,
    G_AUDIENCE,
  ],
  [
    "format",
    /\b(?:(?:as|in|into)\s+(?:a\s+|an\s+)?)?(?:table|bullet points|bullets|bulleted list|numbered list|checklist|json|csv|markdown|pdf|spreadsheet|outline)\b/gi,
    G_FORMAT,
  ],
  [
    "tone",
    /\b(?:in\s+an?\s+)?(?:formal|informal|casual|professional|friendly|polite|funny|humorous|persuasive|warm|serious|playful)(?:\s+(?:tone|way|style))?\b/gi,
    G_TONE,
  ],
  [
    "environment",
    /\b(?:in|on|with|using)\s+(?:python|javascript|typescript|excel|windows|linux|macos|mac|ios|android|sql|postgres|mysql|react|django|flask|node(?:\.js)?|java|rust|kotlin|swift|google sheets|notion|wordpress|shopify)(?:\s+\d+(?:\.\d+)*)?\b/gi,
    G_ENV,
  ],
  [
    "language",
    /\b(?:into|to|in)\s+(?:spanish|french|german|italian|japanese|chinese|portuguese|korean|arabic|hindi|russian|dutch|english)\b/gi,
    G_LANG,
  ],
  [
    "quoted",
    /"[^"\n]{1,300}"|“[^”\n]{1,300}”|(?<![\p{L}\p{N}'])'(?=\S)[^'\n]{1,120}?(?<=\S)'(?![\p{L}\p{N}])/gu,
    G_QUOTE,
  ],
];

// Capitalised words after a place preposition that are not places.
const NOT_PLACES = new Set(
  "I Python JavaScript TypeScript Excel Windows Linux Mac MacOS iOS Android SQL Java React Django Flask Node Rust Go Kotlin Swift English Spanish French German Italian Japanese Chinese Portuguese Korean Arabic Hindi Russian Dutch January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday Google Sheets Notion WordPress Shopify The A An My Our".split(
    " ",
  ),
);
const PLACE = /\b(?:in|to|near|around|from|at|visiting)\s+([A-Z][a-zà-ÿ]+(?:\s+[A-Z][a-zà-ÿ]+){0,2})/g;
const VALUE_LEAD =
  /^(?:(?:under|below|less than|no more than|at most|up to|max(?:imum)?|about|around|roughly|within|budget of|by|on|before|until|from|starting|effective|due|this|next|last|at|for|in|over|to|into|as|with|using|exactly|during)\s+)+(?:(?:a|an|my|our|the|your|some)\s+)?/i;

// When two slots overlap, the earlier type in this list wins (then the longer one).
const PRIORITY: readonly SlotType[] = [
  "quoted",
  "budget",
  "date",
  "time",
  "length",
  "duration",
  "quantity",
  "audience",
  "environment",
  "language",
  "format",
  "tone",
  "place",
];

const RANK: Readonly<Record<SlotType, number>> = Object.fromEntries(PRIORITY.map((t, i) => [t, i])) as Record<
  SlotType,
  number
>;

/** The slots of a text, sorted and non-overlapping. */
export function findSlots(text: string): SlotSpan[] {
  return findSlotsAndSpans(text).slots;
}

/**
 * The slots of a text, and its protected spans when any slot had to be checked against them (else
 * undefined: no pattern matched). The patterns are global and module-level: `lastIndex` is reset before
 * each search and every search runs to its end synchronously, so no call sees another's state.
 */
export function findSlotsAndSpans(text: string): { slots: SlotSpan[]; spans: ProtectedSpan[] | undefined } {
  const found: SlotSpan[] = [];
  const bits = gateBits(text);
  for (const [type, pattern, gate] of PATTERNS) {
    if ((bits & gate) === 0) continue;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      add(found, type, m.index, m[0], text);
      if (m[0] === "") pattern.lastIndex++;
    }
  }
  if ((bits & G_PLACE) !== 0) {
    PLACE.lastIndex = 0;
    for (let m = PLACE.exec(text); m !== null; m = PLACE.exec(text)) {
      const name = m[1] ?? "";
      const space = name.indexOf(" ");
      const first = space < 0 ? name : name.slice(0, space);
      if (NOT_PLACES.has(first) || NOT_PLACES.has(name)) continue;
      add(found, "place", m.index, m[0], text);
    }
  }
  if (found.length === 0) return { slots: found, spans: undefined };
  found.sort(
    (a, b) => RANK[a.type] - RANK[b.type] || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: SlotSpan[] = [];
  const spans = findProtectedSpans(text);
  for (const slot of found) {
    if (!respectsSpans(slot, spans)) continue;
    if (kept.every((k) => k.end <= slot.start || slot.end <= k.start)) kept.push(slot);
  }
  return { slots: kept.sort((a, b) => a.start - b.start), spans };
}

/**
 * A slot may hold whole numbers (a budget is "$500"), and a quoted slot is its quote; but no slot
 * reaches into a URL, an email, code, a path or a quotation, and none cuts a number in two.
 */
function respectsSpans(slot: SlotSpan, spans: readonly ProtectedSpan[]): boolean {
  for (const span of spans) {
    if (span.end <= slot.start || slot.end <= span.start) continue;
    if (
      span.kind === "quoted" &&
      slot.type === "quoted" &&
      span.start === slot.start &&
      span.end === slot.end
    )
      continue;
    if (span.kind === "number" && span.start >= slot.start && span.end <= slot.end) continue;
    return false;
  }
  return true;
}

function add(out: SlotSpan[], type: SlotType, index: number, raw: string, text: string): void {
  // Patterns may grab trailing spaces; a slot never starts or ends with one.
  const trimmed = raw.trimEnd();
  if (trimmed.length === 0) return;
  const start = index + (trimmed.length - trimmed.trimStart().length);
  const value = trimmed.trimStart();
  const lead = type === "quoted" ? null : VALUE_LEAD.exec(value);
  const valueStart = start + (lead === null ? 0 : lead[0].length);
  const end = start + value.length;
  if (valueStart >= end) return;
  // A slot must cover whole words of the text.
  if (isWordCode(text.charCodeAt(start - 1)) || isWordCode(text.charCodeAt(end))) return;
  out.push({ type, start, end, text: value, valueStart, valueEnd: end });
}

/** Moves slots through one splice of `[start, end)` replaced by `length` characters; overlapped slots are dropped. */
export function shiftSlots(
  slots: readonly SlotSpan[],
  start: number,
  end: number,
  length: number,
): SlotSpan[] {
  const delta = length - (end - start);
  const out: SlotSpan[] = [];
  for (const s of slots) {
    if (s.end <= start) out.push(s);
    else if (s.start >= end) {
      out.push({
        ...s,
        start: s.start + delta,
        end: s.end + delta,
        valueStart: s.valueStart + delta,
        valueEnd: s.valueEnd + delta,
      });
    }
  }
  return out;
}
