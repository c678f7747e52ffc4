import type { Rng } from "../../rng/random.js";
import type { SlotSpan } from "./slots.js";

/**
 * Slot values rewritten: blurred into a vague phrase (vague_slot_values) or changed into a different
 * concrete value (mind_changing). Each function returns the replacement for a range of the slot.
 */

/** A replacement of `[start, end)` of the text by `text`. */
export interface ValueEdit {
  start: number;
  end: number;
  text: string;
}

const NUMBER_WORDS = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
];
const LEADING_NUMBER = new RegExp(
  `^(?:for\\s+)?((?:a dozen|a couple of|${NUMBER_WORDS.join("|")}|fifteen|twenty|thirty)\\b|\\d[\\d,]*(?:\\.\\d+)?)`,
  "i",
);
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** The number at the start of a quantity or duration slot's value: its range in the text. */
export function leadingNumber(slot: SlotSpan): ValueEdit | undefined {
  const value = slot.text.slice(slot.valueStart - slot.start);
  const m = LEADING_NUMBER.exec(value);
  if (m === null || m[1] === undefined) return undefined;
  const start = slot.valueStart + m[0].length - m[1].length;
  return { start, end: start + m[1].length, text: m[1] };
}

/** The vague form of a quantity or duration: the number replaced ("a few days"), or undefined. */
export function vagueCount(slot: SlotSpan, phrase: string): ValueEdit | undefined {
  const num = leadingNumber(slot);
  if (num === undefined) return undefined;
  const after = slot.text.slice(num.end - slot.start);
  if (after.startsWith("-")) {
    // Adjectival "5-day", "300-word": the whole compound becomes an adjective.
    const unit = /^-([a-z]+)/i.exec(after)?.[1] ?? "";
    const n = Number(num.text.replace(/,/g, ""));
    const big =
      Number.isFinite(n) && n >= (unit.startsWith("word") ? 1000 : unit.startsWith("page") ? 5 : 10);
    const text = /^(?:day|week|month|hour|year)/.test(unit) ? `multi-${unit}` : big ? "fairly long" : "short";
    return { start: num.start, end: num.end + unit.length + 1, text };
  }
  const needsOf = /\b(?:handful|bunch|couple|lot|number|dozen)$/.test(phrase);
  return { start: num.start, end: num.end, text: needsOf ? `${phrase} of` : phrase.replace(/ of$/, "") };
}

/** The vague form of a budget: "a reasonable budget", "that's on the cheaper side", "a decent amount". */
export function vagueBudget(text: string, slot: SlotSpan, phrase: string): ValueEdit {
  const before = text.slice(Math.max(0, slot.start - 12), slot.start);
  const budgetOf = /\bbudget of\s+$/i.exec(before);
  if (budgetOf !== null)
    return { start: slot.start - budgetOf[0].length, end: slot.end, text: `${phrase} budget` };
  if (/^budget of\b/i.test(slot.text)) return { start: slot.start, end: slot.end, text: `${phrase} budget` };
  if (slot.valueStart > slot.start) return { start: slot.start, end: slot.end, text: `that's ${phrase}` };
  return { start: slot.start, end: slot.end, text: "a reasonable amount" };
}

function bumpNumber(raw: string, rng: Rng): string {
  const n = Number(raw.replace(/,/g, ""));
  if (!Number.isFinite(n)) return raw;
  let next: number;
  if (n <= 3) next = n + 1 + rng.int(2);
  else if (n < 10) next = n + 2 + rng.int(3);
  else {
    const scaled = n * (rng.chance(0.5) ? 1.5 : 0.5);
    const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(scaled)) - 1);
    next = Math.max(1, Math.round(scaled / magnitude) * magnitude);
  }
  if (next === n) next = n + 1;
  return raw.includes(",") ? next.toLocaleString("en-US") : String(next);
}

/** A different concrete value for a slot (mind_changing), as the new wording of the whole value. */
export function changedValue(slot: SlotSpan, rng: Rng): string | undefined {
  const value = slot.text.slice(slot.valueStart - slot.start);
  const lower = value.toLowerCase();
  switch (slot.type) {
    case "date": {
      for (let m = 0; m < 12; m++) {
        const month = (MONTHS[m] as string).toLowerCase();
        const at = lower.indexOf(month);
        if (at >= 0)
          return value.slice(0, at) + (MONTHS[(m + 1) % 12] as string) + value.slice(at + month.length);
      }
      for (const day of WEEKDAYS) {
        if (lower.includes(day.toLowerCase())) {
          const other = WEEKDAYS[(WEEKDAYS.indexOf(day) + 1 + rng.int(3)) % 7] as string;
          return other;
        }
      }
      if (lower.includes("tomorrow")) return "Friday";
      if (lower.includes("today") || lower.includes("tonight")) return "tomorrow";
      if (lower.includes("next week")) return "the week after";
      if (lower.includes("weekend")) return "Monday";
      return "next week";
    }
    case "time": {
      const m = /(\d{1,2})/.exec(value);
      if (m === null) return undefined;
      const h = ((Number(m[1]) + 1 + rng.int(2) - 1) % 12) + 1;
      return value.replace(m[1] as string, String(h));
    }
    case "budget":
    case "quantity":
    case "duration":
    case "length": {
      const digits = /\d[\d,]*(?:\.\d+)?/.exec(value);
      if (digits !== null) return value.replace(digits[0], bumpNumber(digits[0], rng));
      const word = NUMBER_WORDS.indexOf(/^[a-z]+/.exec(lower)?.[0] ?? "");
      if (word > 0) return value.replace(/^\w+/, NUMBER_WORDS[Math.min(12, word + 2)] as string);
      if (/^(?:short|brief|concise)$/i.test(value)) return "more detailed";
      if (/^(?:detailed|in-depth)$/i.test(value)) return "shorter";
      return undefined;
    }
    case "format":
      if (/table|spreadsheet/.test(lower)) return "bullet points";
      if (/bullet|list|outline/.test(lower)) return "a table";
      if (/checklist/.test(lower)) return "a numbered list";
      if (/pdf/.test(lower)) return "a Word doc";
      if (/json/.test(lower)) return "CSV";
      return "JSON";
    case "tone":
      if (/formal|professional|serious/.test(lower) && !/informal/.test(lower)) return "more casual";
      if (/polite/.test(lower)) return "more direct";
      return "more formal";
    case "language":
      return /spanish/.test(lower) ? "French" : "Spanish";
    case "audience": {
      const options = ["the whole team", "my boss", "beginners", "the client"].filter(
        (o) => !lower.includes(o),
      );
      return rng.pick(options);
    }
    default:
      return undefined;
  }
}
