import { findProtectedSpans, type ProtectedSpan } from "../../text/protected-spans.js";
import {
  G_AUDIENCE,
  G_DURATION,
  G_ENV,
  G_FORMAT,
  G_LANG,
  G_LENGTH,
  G_LENGTH_ADJ,
  G_MONEY,
  G_MONTH,
  G_PLACE,
  G_QUANTITY,
  G_QUOTE,
  G_RELDATE,
  G_TIME,
  G_TONE,
  G_WEEKDAY,
  gateBits,
} from "./slot-gate.js";

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

/** `\w` (ASCII). */
function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

// Each pattern with the gate bit (slot-gate.ts) that must be set for it to run.
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
