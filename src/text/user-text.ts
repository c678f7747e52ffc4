import { maskSpans, READING_SPANS } from "./protected-spans.js";
import { respell } from "./spelling.js";
import { keywordTokens } from "./tokenizer.js";
import type { WordRepairs } from "./word-repairs.js";

/**
 * A user message read once for the offline conversation generators: the protected parts (quotes,
 * numbers, code, URLs) become single placeholder characters, so keyword tests and phrase cutting work
 * on plain words and the parts come back byte-identical when a phrase is lifted into a reply.
 */
export interface UserText {
  /** The message with each protected part replaced by one private-use character. */
  masked: string;
  /** `masked`, lower-cased, for keyword tests. */
  lower: string;
  /** The protected parts, by placeholder index. */
  parts: string[];
  /** The words of `lower`, in order (protected parts excluded). */
  readonly words: string[];
}

/** Specific things a message mentions, each exactly as written. */
export interface Specifics {
  /** Numbers with their unit word when there is one: `8 weeks`, `$500`, `74°C`, `2.2.2`. */
  numbers: string[];
  /** Quoted text with its quotes: `"ImportError: …"`, `'Piranesi'`. */
  quotes: string[];
  /** Inline or fenced code. */
  code: string[];
  /** Capitalised names and acronyms that do not just start a sentence: `Flask`, `Lisbon`, `SQL`. */
  names: string[];
  /** The numbers that are durations (`8 weeks`, `5-day`, `30 minutes`). */
  durations: string[];
  /** The numbers that are amounts of money (`$500`, `€600 each`, `120 euros`). */
  money: string[];
}

// The words are cut on first use: a follow-up turn often needs only the masked text.
class ReadText implements UserText {
  private cut: string[] | undefined = undefined;
  constructor(
    readonly masked: string,
    readonly lower: string,
    readonly parts: string[],
  ) {}
  get words(): string[] {
    this.cut ??= keywordTokens(this.lower);
    return this.cut;
  }
}

/**
 * Reads a message into its masked form (see {@link UserText}). With `respelled`, the words outside the
 * protected parts have their typos repaired (text/spelling.ts): what the assistant says back never
 * repeats a slip of the user's, while quotes, code and numbers stay byte-identical.
 */
export function readUserText(text: string, respelled = false): UserText {
  const { masked, parts } = maskSpans(text, READING_SPANS);
  const read = respelled ? respell(masked) : masked;
  return new ReadText(read, read.toLowerCase(), parts);
}

/**
 * `readUserText(text)` and `readUserText(text, true)` from one masking; when the repairs change
 * nothing (most messages), the two are the same object. `repairs`: the run's word repairs so far
 * (see `respell`).
 */
export function readUserTextRespelled(
  text: string,
  repairs?: WordRepairs,
): { plain: UserText; respelled: UserText } {
  const { masked, parts } = maskSpans(text, READING_SPANS);
  const plain = new ReadText(masked, masked.toLowerCase(), parts);
  return { plain, respelled: respelledReading(plain, repairs) };
}

/**
 * `readUserText(text, true)` from `readUserText(text)`, without masking the message again: `plain`
 * itself when the repairs change nothing. `repairs`: as for {@link readUserTextRespelled}.
 */
export function respelledReading(plain: UserText, repairs?: WordRepairs): UserText {
  const read = respell(plain.masked, repairs);
  return read === plain.masked ? plain : new ReadText(read, read.toLowerCase(), plain.parts);
}

const PLACEHOLDER_BASE = 0xe100;
const PLACEHOLDERS = /[\uE100-\uF8FF]/g;

/** Puts the protected parts back into a phrase cut from `masked`. */
export function restore(phrase: string, text: UserText): string {
  if (text.parts.length === 0) return phrase;
  return phrase.replace(PLACEHOLDERS, (ch) => text.parts[ch.charCodeAt(0) - PLACEHOLDER_BASE] ?? ch);
}
const UNIT_AFTER = /^[ -]?([A-Za-z°][A-Za-z]{1,11}(?:-[A-Za-z]{1,10})*)\b/;
const DURATION = /\d[ -](?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\b(?!-old)/i;
const MONEY = /^[$€£¥₹]|\d[ -](?:dollars?|euros?|pounds?|usd|eur|gbp|bucks)\b/i;
const NOT_UNITS = new Set(
  "and or but the a an of in on at to for with from by is are was were i me my it its this that than then so as if when after before per off each every over under about around plus less more".split(
    " ",
  ),
);
// Capitalised words that open a sentence (or a run-on where the full stop went missing), not names.
const SENTENCE_WORDS = new Set(
  "I I'm I've I'd I'll OK Ok Hi Hey Hello Thanks Please Also Btw Oh However Actually Anyway Honestly Basically Maybe Sorry Otherwise Still Then So But And Yes No Sure Great Cool Perfect Quick Ideally Whatever".split(
    " ",
  ),
);

/** Numbers, quotes, code and names of a message, each as written (protected parts byte-identical). */
export function specificsOf(text: UserText): Specifics {
  const numbers: string[] = [];
  const quotes: string[] = [];
  const code: string[] = [];
  const durations: string[] = [];
  const money: string[] = [];
  const { masked, parts } = text;
  for (let i = 0; i < masked.length; i++) {
    const c = masked.charCodeAt(i);
    if (c < PLACEHOLDER_BASE || c > 0xf8ff) continue;
    const part = parts[c - PLACEHOLDER_BASE];
    if (part === undefined) continue;
    const first = part.charCodeAt(0);
    if (first === 96) code.push(part);
    else if (first === 34 || first === 39 || first === 0x201c || first === 0x2018 || first === 0xab)
      quotes.push(part);
    else if (/[\d$€£¥₹]/.test(part[0] ?? "") && part.length <= 24) {
      const unit = UNIT_AFTER.exec(masked.slice(i + 1, i + 24));
      const word = unit?.[1];
      // A number inside a compound ("ISBN-10") is named with its word.
      let prefix = "";
      if (masked[i - 1] === "-") {
        const before = /[A-Za-z][\w]*-$/.exec(masked.slice(Math.max(0, i - 16), i));
        if (before !== null) prefix = before[0];
      }
      // "iPhone 12", "Node 20", "Windows 10": a version belongs to the name before it.
      const name = prefix === "" ? nameBefore(masked, i) : undefined;
      const value =
        name !== undefined
          ? `${name} ${part}`
          : `${prefix}${part}${word !== undefined && !NOT_UNITS.has(word.toLowerCase()) ? (unit?.[0] ?? "") : ""}`;
      numbers.push(value);
      if (DURATION.test(value)) durations.push(value);
      else if (MONEY.test(value)) money.push(value);
    }
  }
  return { numbers, quotes, code, names: namesOf(masked), durations, money };
}

/** A product or proper name right before position `i` (`iPhone`, `Node`), not a sentence's first word. */
function nameBefore(masked: string, i: number): string | undefined {
  if (masked[i - 1] !== " ") return undefined;
  const m = /([A-Za-z][A-Za-z.+#]*)$/.exec(masked.slice(Math.max(0, i - 25), i - 1));
  const word = m?.[1];
  if (word === undefined || SENTENCE_WORDS.has(word)) return undefined;
  const start = i - 1 - word.length;
  if (/[a-z][A-Z]/.test(word)) return word;
  if (/^[A-Z]/.test(word) && !startsSentence(masked, start)) return word;
  return undefined;
}

/** The names of a masked message (see {@link Specifics.names}), without its other specifics. */
export function namesOf(masked: string): string[] {
  const names: string[] = [];
  let current = "";
  let currentEnd = -1;
  let i = 0;
  const n = masked.length;
  while (i < n) {
    const c = masked.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) {
      i++;
      continue;
    }
    const at = i;
    let upper = 0;
    let letters = 0;
    while (i < n) {
      const d = masked.charCodeAt(i);
      if (d >= 65 && d <= 90) {
        upper++;
        letters++;
      } else if (d >= 97 && d <= 122) letters++;
      else if (!((d >= 48 && d <= 57) || d === 95 || d === 43 || d === 35 || d === 39 || d === 45)) break;
      i++;
    }
    const capital = c >= 65 && c <= 90;
    if (!capital) {
      if (current !== "") names.push(current);
      current = "";
      continue;
    }
    const word = masked.slice(at, i);
    const acronym = word.length >= 2 && upper === letters;
    if (!SENTENCE_WORDS.has(word) && (acronym || !startsSentence(masked, at))) {
      if (current !== "" && at === currentEnd + 1 && masked[currentEnd] === " ") current += ` ${word}`;
      else {
        if (current !== "") names.push(current);
        current = word;
      }
      currentEnd = i;
    } else if (current !== "") {
      names.push(current);
      current = "";
    }
  }
  if (current !== "") names.push(current);
  // A lone capital ("°C", "Plan B") is not a name worth repeating.
  return names.length === 0 ? names : names.filter((name) => name.length > 1);
}

function startsSentence(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text[i] === " " || text[i] === '"' || text[i] === "(")) i--;
  return (
    i < 0 || text[i] === "." || text[i] === "?" || text[i] === "!" || text[i] === "\n" || text[i] === ":"
  );
}

const FIRST_PERSON: Readonly<Record<string, string>> = {
  i: "you",
  me: "you",
  my: "your",
  mine: "yours",
  myself: "yourself",
  "i'm": "you're",
  "i've": "you've",
  "i'd": "you'd",
  "i'll": "you'll",
  am: "are",
  we: "you",
  our: "your",
  ours: "yours",
  us: "you",
  "we're": "you're",
  "we've": "you've",
  ourselves: "yourselves",
};
// Contractions before the bare words: "I" alone would match the start of "I'm" ("you'm").
const FIRST_PERSON_WORD =
  /\b(?:I['’]m|I['’]ve|I['’]d|I['’]ll|we['’]re|we['’]ve|I|me|my|mine|myself|am|we|our|ours|us|ourselves)\b/gi;

/**
 * The user's words as the assistant says them back: `my last git commit` → `your last git commit`.
 * Works on masked text, so quoted text keeps its own pronouns.
 */
export function toSecondPerson(phrase: string): string {
  return phrase.replace(FIRST_PERSON_WORD, (word) => {
    const key = word.toLowerCase().replace("’", "'");
    // "US" the country, "AM" the time: only the lower-case forms are pronouns.
    if ((key === "us" || key === "am") && word !== key) return word;
    return FIRST_PERSON[key] ?? word;
  });
}

/** The first character upper-cased. */
export function capitalize(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}

/** A small, stable hash of a string (FNV-1a), for choices that follow a name rather than the rng. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Fills `{T}`-style slots of a template from a record of one-letter keys. */
export function fill(template: string, slots: Readonly<Record<string, string>>): string {
  let at = template.indexOf("{");
  if (at < 0) return template;
  let out = "";
  let last = 0;
  while (at >= 0) {
    if (template[at + 2] === "}") {
      const value = slots[template[at + 1] as string];
      if (value !== undefined) {
        out += template.slice(last, at) + value;
        last = at + 3;
      }
    }
    at = template.indexOf("{", at + 1);
  }
  return out + template.slice(last);
}
