import type { Rng } from "../../rng/random.js";
import {
  ABBREVIATION_CONTEXT,
  ABBREVIATIONS,
  CONTRACTIONS,
  EXPANSIONS,
  HAVE_CONTRACTION_NEXT,
  JARGON,
} from "../../text/lexicon.js";
import { STOP_WORDS } from "../../text/text-words.js";

/**
 * Text rules of the offline style transfer. They work on *masked* text (see `protected-text.ts`):
 * every protected part is one private-use character, which no rule here matches as a word, so
 * numbers, code, quotes, URLs and emails pass through untouched.
 */

/** A word or a placeholder: what may follow a phrase for the phrase to be rewritten. */
const NEXT_TOKEN = "(?=\\s+[\\p{L}\\uE100-\\uF8FF])";

/** Verbs that open an imperative request ("Explain …", "Write …"). */
export const IMPERATIVE_VERBS: ReadonlySet<string> = new Set(
  (
    "explain write give suggest help create list describe summarize summarise draft compare recommend plan " +
    "tell show make translate outline find calculate rewrite review design build generate propose check " +
    "convert fix improve critique brainstorm put turn clean simplify integrate prove quiz teach walk set " +
    "organize organise sort estimate analyze analyse name pick choose edit proofread shorten format add " +
    "identify break"
  ).split(" "),
);

/** Words that may lose their capital at a sentence start without becoming a wrong proper noun. */
function isCommonStarter(word: string): boolean {
  const w = word.toLowerCase();
  return STOP_WORDS.has(w) || IMPERATIVE_VERBS.has(w) || /^(?:is|are|should|can|i'm|i've|i'd|i'll)$/.test(w);
}

/**
 * Sentences of a text: split after . ! ? (or a protected part that ends its own sentence, such as a
 * quote closing with a full stop) followed by space, not after a title or an abbreviation ("Mrs.
 * Patel", "e.g. a list"); joining with " " restores it.
 */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?\uF000-\uF8FF])(?<!\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|vs|etc|e\.g|i\.e)\.)\s+(?=\S)/u)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** The sentence that carries the request: the first imperative one, else the last question, else the last. */
export function requestIndex(sentences: readonly string[]): number {
  const imperative = sentences.findIndex((s) => IMPERATIVE_VERBS.has(firstWord(s)));
  if (imperative >= 0) return imperative;
  for (let i = sentences.length - 1; i >= 0; i--) if (sentences[i]?.endsWith("?")) return i;
  return sentences.length - 1;
}

/** The first word of a sentence, lower-cased ("" when it starts with no letter). */
export function firstWord(sentence: string): string {
  return /^[A-Za-z']+/.exec(sentence)?.[0].toLowerCase() ?? "";
}

/** The sentence without its final . ! or ?. */
export function withoutFinalMark(sentence: string): string {
  return sentence.replace(/[.!?]+$/, "");
}

/** The first letter upper-cased. */
export function capitalize(text: string): string {
  return text.replace(/^(\s*)(\p{Ll})/u, (_m, space: string, ch: string) => space + ch.toUpperCase());
}

/** The first word lower-cased when it is a common sentence starter (never a likely proper noun). */
export function lowerFirstWord(text: string): string {
  return text.replace(/^(\s*)([A-Z][a-z']*)\b/, (m, space: string, word: string) =>
    word !== "I" && !word.startsWith("I'") && isCommonStarter(word) ? space + word.toLowerCase() : m,
  );
}

/** The text with every regular-expression character escaped. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** Replaces keeping the matched text's leading capital. */
export function matchCase(matched: string, replacement: string): string {
  return /^[A-Z]/.test(matched) && !/^[A-Z]{2,}/.test(replacement)
    ? replacement.charAt(0).toUpperCase() + replacement.slice(1)
    : replacement;
}

/**
 * One row of a rewrite table, compiled once. `needle` is text every match contains (lower-cased when
 * the pattern ignores case, see {@link searchable}), so a row whose needle is absent is skipped
 * without running its pattern: the rows still apply one after another, in table order, as before.
 */
interface TableRule {
  needle: string;
  ignoreCase: boolean;
  pattern: RegExp;
  replacement: string;
}

function tableRule(phrase: string, pattern: string, flags: string, replacement: string): TableRule {
  const ignoreCase = flags.includes("i");
  return {
    needle: ignoreCase ? phrase.toLowerCase() : phrase,
    ignoreCase,
    pattern: new RegExp(pattern, flags),
    replacement,
  };
}

/**
 * A rewrite table: its rows, and a scan that finds in one pass which case-insensitive rows' needles
 * occur in a searchable text (far cheaper than a substring search per row). The scan tries the
 * needles longest first at every position, so where several start at one place it reports the
 * longest, and `closure` gives every row whose needle is a prefix of the one reported: the rows found
 * are exactly those whose needle occurs.
 */
interface RuleTable {
  rules: readonly TableRule[];
  scan: RegExp | undefined;
  /** Needle → bit mask of the rows whose needle is a prefix of it (row i is bit i). */
  closure: ReadonlyMap<string, number>;
}

const MAX_SCANNED_ROWS = 31;

function ruleTable(rules: readonly TableRule[]): RuleTable {
  const scanned = rules.length <= MAX_SCANNED_ROWS ? rules.filter((r) => r.ignoreCase) : [];
  const needles = [...new Set(scanned.map((r) => r.needle))].sort((a, b) => b.length - a.length);
  const closure = new Map<string, number>();
  for (const needle of needles) {
    let bits = 0;
    rules.forEach((r, i) => {
      if (r.ignoreCase && needle.startsWith(r.needle)) bits |= 1 << i;
    });
    closure.set(needle, bits);
  }
  const scan =
    needles.length > 0 ? new RegExp(`(?=(${needles.map(escapeRegex).join("|")}))`, "g") : undefined;
  return { rules, scan, closure };
}

/**
 * `text` as a case-insensitive pattern sees it, for substring tests: lower case, and the long s
 * folded to `s` (the one character besides A–Z that such a pattern matches to an ASCII letter and
 * that lower-casing leaves alone; the Kelvin sign already lower-cases to `k`).
 */
function searchable(text: string): string {
  const lower = text.toLowerCase();
  return lower.includes("ſ") ? lower.replace(/ſ/g, "s") : lower;
}

/** The rows of `table` (bit i for row i) whose case-insensitive needle occurs in `folded`. */
function rowsPresent(table: RuleTable, folded: string): number {
  let bits = 0;
  // `replace` with a global pattern visits every match and leaves no state behind.
  if (table.scan !== undefined)
    folded.replace(table.scan, (_m, needle: string) => {
      bits |= table.closure.get(needle) ?? 0;
      return "";
    });
  return bits;
}

/** Applies the rows of `table` in order; `rewrite` gives each match's replacement. */
function applyTable(
  text: string,
  table: RuleTable,
  rewrite: (matched: string, rule: TableRule) => string,
): string {
  let out = text;
  let present: number | undefined;
  table.rules.forEach((rule, i) => {
    if (rule.ignoreCase) {
      if (table.scan !== undefined) {
        present ??= rowsPresent(table, searchable(out));
        if ((present & (1 << i)) === 0) return;
      } else if (!searchable(out).includes(rule.needle)) return;
    } else if (!out.includes(rule.needle)) return;
    const next = out.replace(rule.pattern, (m) => rewrite(m, rule));
    if (next !== out) {
      out = next;
      present = undefined;
    }
  });
  return out;
}

const CONTRACTION_RULES = ruleTable(
  CONTRACTIONS.map(([long, short]) =>
    tableRule(
      long,
      `(?<![\\p{L}'’])${escapeRegex(long)}${long === "cannot" ? "" : NEXT_TOKEN}`,
      "giu",
      short,
    ),
  ),
);
const HAVE = /\b(I|we|they|you) have(?=\s+(\w+))/gi;

/** Contracts "I am", "do not", "what is" … ("I have" only before a participle: "I've tried"). */
export function contract(text: string): string {
  const out = applyTable(text, CONTRACTION_RULES, (m, rule) => matchCase(m, rule.replacement));
  if (!searchable(out).includes(" have")) return out;
  return out.replace(HAVE, (m, who: string, next: string) =>
    HAVE_CONTRACTION_NEXT.has(next.toLowerCase()) ? `${who}'ve` : m,
  );
}

/** Expands contractions for formal writers ("don't" → "do not"); possessives stay. */
export function expand(text: string): string {
  if (!text.includes("'") && !text.includes("’")) return text;
  return text.replace(/\b([A-Za-z]+)['’](m|re|s|ve|ll|d|t)\b/g, (m, _w, _s, offset: number, all: string) => {
    const full = EXPANSIONS[m.toLowerCase().replace("’", "'")];
    if (full === undefined) return m;
    // "Why isn't it …?" and "Isn't it …?" would need the word order changed: keep those.
    if (
      /n['’]t$/i.test(m) &&
      /(?:^|[.!?]\s+|\b(?:why|how|what|where|when|who|which)\s+)$/i.test(all.slice(0, offset))
    )
      return m;
    return matchCase(m, full);
  });
}

const ABBREVIATION_RULES = ruleTable(
  ABBREVIATIONS.map(([phrase, short]) =>
    tableRule(
      phrase,
      `(?<![\\p{L}'’])${escapeRegex(phrase)}(?![\\p{L}'’])${ABBREVIATION_CONTEXT[phrase] ?? ""}`,
      "giu",
      short,
    ),
  ),
);

/** Text-speak abbreviations ("you" → "u", "please" → "pls"), each occurrence with probability `p`. */
export function abbreviate(text: string, rng: Rng, p: number): string {
  return applyTable(text, ABBREVIATION_RULES, (m, rule) => (rng.chance(p) ? rule.replacement : m));
}

/**
 * Lower-cases sentence starts and the pronoun "I". `all`: every capitalized sentence-initial word
 * (how very casual writers type); `common`: only words that cannot be proper nouns.
 */
export function lowercaseStarts(text: string, mode: "all" | "common"): string {
  let out = text.replace(
    /(^|(?<!\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr))[.!?:]\s+|\n)([A-Z][a-z']*)(?=[\s,.!?:;]|$)/g,
    (m, lead: string, word: string) => {
      if (mode === "all" || isCommonStarter(word)) return lead + word.toLowerCase();
      return m;
    },
  );
  if (mode === "all") out = out.replace(/\bI(?=\b|['’])/g, "i");
  return out;
}

function jargonRules(towards: "expert" | "plain"): RuleTable {
  const rules = JARGON.filter((entry) => entry.direction === "both" || entry.direction === towards).map(
    (entry) => {
      const [from, to] = towards === "expert" ? [entry.plain, entry.expert] : [entry.expert, entry.plain];
      return tableRule(
        from,
        `(?<![\\p{L}'’-])${escapeRegex(from)}(?![\\p{L}'’-])`,
        /[a-z]/.test(from) ? "giu" : "gu",
        to,
      );
    },
  );
  return ruleTable(rules);
}

const JARGON_RULES: Readonly<Record<"expert" | "plain", RuleTable>> = {
  expert: jargonRules("expert"),
  plain: jargonRules("plain"),
};

/** Plain wording → jargon (`expert`) or jargon → plain wording (`plain`) through the small table. */
export function rewordJargon(text: string, towards: "expert" | "plain"): string {
  return applyTable(text, JARGON_RULES[towards], (m, rule) => matchCase(m, rule.replacement));
}

/**
 * Removes greetings, thanks, request wrappers and filler; `very_short` also turns "How do I" into
 * "how to" and, unless `keepArticles`, drops articles (telegraphic style).
 */
export function trimRequest(text: string, level: "very_short" | "short", keepArticles = false): string {
  const kept: string[] = [];
  for (let sentence of splitSentences(text)) {
    if (
      /^(?:thanks|thank you|thx|cheers|many thanks|any help (?:is|would be) (?:much |greatly )?appreciated)\b[^.!?]*[.!?]*$/i.test(
        sentence,
      )
    )
      continue;
    sentence = sentence.replace(
      /^(?:hi|hello|hey|good (?:morning|afternoon|evening))(?: there)?[,!.]?(?:\s+|$)/i,
      "",
    );
    const wrapped =
      /^(?:please,?\s+)?(?:(?:can|could|would|will) you(?: please)?|please|i was wondering if you could|i'd like you to|i would like you to)\s+/i;
    if (wrapped.test(sentence)) {
      sentence = capitalize(sentence.replace(wrapped, "")).replace(/\?$/, ".");
    }
    sentence = sentence.replace(
      /\b(?:really|just|actually|genuinely|truly|basically|honestly|quite|very),?\s+(?=[\p{L}\uE100-\uF8FF])/giu,
      "",
    );
    sentence = sentence.replace(/,?\s*please\b/gi, "");
    if (level === "very_short") {
      sentence = sentence
        .replace(/^how (?:do|can|should) (?:i|we) /i, "how to ")
        .replace(
          /^what(?:'s| is) the (best|easiest|right|fastest|quickest|simplest|cheapest) way to /i,
          "$1 way to ",
        );
    }
    if (level === "very_short" && !keepArticles) {
      sentence = sentence
        // "twice a week", "8 hours a day" keep their article.
        .replace(
          /(?<![\p{L}'’])(?:the|a|an)\s+(?=[\p{L}\uE100-\uF8FF])/gu,
          (m, offset: number, all: string) =>
            /(?:hours?|times?|once|twice|days?|weeks?|months?|years?|per|[\uE100-\uF8FF])\s+$/u.test(
              all.slice(0, offset),
            )
              ? m
              : "",
        )
        .replace(/^(?:The|A|An)\s+(?=[\p{L}\uE100-\uF8FF])/u, "");
    }
    if (sentence.trim() !== "") kept.push(sentence.trim());
  }
  return kept.join(" ");
}

/** The request's verb in -ing form ("write" → "writing", "plan" → "planning"). */
export function gerund(verb: string): string {
  const v = verb.toLowerCase();
  if (v.endsWith("ie")) return `${v.slice(0, -2)}ying`;
  if (v.endsWith("e") && !v.endsWith("ee")) return `${v.slice(0, -1)}ing`;
  if (/^[^aeiou]*[aeiou][^aeiouwxy]$/.test(v)) return `${v}${v.slice(-1)}ing`;
  return `${v}ing`;
}

// Something for the first four passes of `tidy` to change: a tab or doubled space, a space before a
// mark, a comma, semicolon or colon before a mark, or "!." / "?.". Without one they leave the text as it is.
const UNTIDY = /\t|[ \t] |[ ,;:][,.;:!?]|[!?]\./;

/** Puts the pieces of a rewrite together: single spaces, no space before punctuation, no doubled marks. */
export function tidy(text: string): string {
  const spaced = UNTIDY.test(text)
    ? text
        .replace(/[ \t]+/g, " ")
        .replace(/ +([,.;:!?])/g, "$1")
        .replace(/([,;:])(?=[,.;:!?])/g, "")
        .replace(/(?<!\.)([!?])\.(?!\.)/g, "$1")
    : text;
  return spaced.replace(/^[\s,;:]+/, "").trim();
}
