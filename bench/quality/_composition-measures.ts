// Composition artefacts of a generated message, each defined from the text alone (and, where a slot
// was filled from the user's request, from that request), independently of the engine code that
// writes them: an empty list item, a sentence said twice in one reply, a quoted fragment cut open, a
// number cut from its noun, a count word before a mass noun, a capital after a comma opener, two
// openers stacked before the subject.

const LIST_MARKER = /^\s*(?:\d{1,2}[.)]|[-*•])(?:\s+\[[ x]\])?(?=\s|$)/;
const NO_WORD = /^[\s\p{P}\p{S}]*$/u;

/** True when a reply holds a list item, a labelled line or a table cell with no word in it. */
export function hasEmptyItem(reply: string): boolean {
  let inCode = false;
  let tableRow = 0;
  for (const line of reply.split("\n")) {
    if (line.startsWith("```")) inCode = !inCode;
    if (inCode) continue;
    const marker = LIST_MARKER.exec(line);
    const body = (marker === null ? line : line.slice(marker[0].length)).trim();
    if (marker !== null && NO_WORD.test(body.replace(/\*\*[^*]*\*\*/, (l) => (/\w/.test(l) ? "x" : ""))))
      return true;
    if (/^\*\*[^*]+:\*\*\s*[\p{P}\s]*$/u.test(body) && body !== line.trim()) return true;
    if (line.startsWith("|")) {
      tableRow++;
      // The header row may leave its first cell blank (a house style); the rule row holds dashes.
      const cells = line.split("|").slice(1, -1);
      if (tableRow === 2) continue;
      const checked = tableRow === 1 ? cells.slice(1) : cells;
      if (checked.some((c) => NO_WORD.test(c))) return true;
    } else tableRow = 0;
  }
  return false;
}

/** A sentence, list item or cell as compared: lower case, emphasis, labels and end punctuation gone. */
function unitKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/\*\*|__|`/g, "")
    .replace(/[.!?;:,\s]+$/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The sentences, list items (label apart) and table cells of a reply, code left out. */
function replyUnits(reply: string): string[] {
  const out: string[] = [];
  const prose = reply.replace(/```[\s\S]*?```/g, "\n");
  for (const raw of prose.split("\n")) {
    if (raw.trim().startsWith("|")) {
      for (const cell of raw.split("|").slice(1, -1)) out.push(cell);
      continue;
    }
    const line = raw.replace(LIST_MARKER, "").replace(/^\s*>\s*/, "");
    // A bold label ("**Short answer:**") stands apart from what it labels.
    for (const part of line.split(/\*\*[^*]{1,60}?:\*\*|(?<=[.!?:])\s+/)) out.push(part);
  }
  return out.map(unitKey).filter((u) => u.split(" ").length >= 4);
}

/** True when one sentence, item or cell of four words or more occurs twice in the reply. */
export function repeatsWithin(reply: string): boolean {
  const seen = new Set<string>();
  for (const unit of replyUnits(reply)) {
    if (seen.has(unit)) return true;
    seen.add(unit);
  }
  return false;
}

// Words a phrase cannot end on (it would continue): articles, possessives, prepositions,
// conjunctions, subordinators, relatives, modal and "be" auxiliaries, subject pronouns, "than"
// ("why" ends "… and why"; "you" and "it" end a phrase as objects; "did", "has" may be main verbs).
const OPEN_END = new Set(
  "a an the my your our their his her its this that these those some any each every no to of in on at for with from by about into onto than then and or but nor so as if when while because unless until before after whether what how where which who whom whose is are was were be been am can could would should will shall may might must i we they he she not more against through via like".split(
    " ",
  ),
);
const PREPOSITION = /^(?:to|of|in|on|at|for|with|from|by|about|into|onto|against|through|via|like)$/;
// Words that open a clause: one word after them is a clause cut open ("what success", "how people");
// not "why" ("why care") nor "than" ("more than once"); a past tense after it is a whole clause
// ("what worked").
const CLAUSE_OPENER = new Set(
  "what how where which who whom whose whether if when while because unless until that".split(" "),
);

/**
 * The quoted fragments of a text (2 to 10 words inside straight or curly double quotes) that are cut
 * open: they end on a word a phrase cannot end on, or one word after a clause opener. Quotes the
 * `source` (the user's request) already holds are the user's own and not counted.
 */
export function cutQuotes(text: string, source = ""): string[] {
  const out: string[] = [];
  // Code quotes strings, not phrases.
  const prose = text.replace(/```[\s\S]*?```/g, "");
  for (const m of prose.matchAll(/["“]([^"“”\n]{1,80})["”]/g)) {
    const quote = m[1] ?? "";
    const ws = quote
      .toLowerCase()
      .replace(/[.,;:!?…]+$/, "")
      .split(/\s+/)
      .filter((w) => w !== "");
    if (ws.length === 0 || ws.length > 10 || source.includes(quote)) continue;
    const last = ws[ws.length - 1] as string;
    const before = ws[ws.length - 2];
    // "to begin with" ends on a preposition and is whole; "you" and "it" end a phrase as objects.
    if (/\bto (?:begin|start) with$/.test(ws.join(" "))) continue;
    // A preposition may end a clause a wh-word opened ("where you're starting from").
    const stranded =
      (PREPOSITION.test(last) && ws.slice(0, -1).some((w) => CLAUSE_OPENER.has(w))) ||
      // "done it before": an adverb after the object.
      (/^(?:before|after)$/.test(last) && /^(?:it|this|that|them)$/.test(before ?? ""));
    if (
      (OPEN_END.has(last) && !stranded) ||
      (ws.length === 1 && /^(?:you|it)$/.test(last)) ||
      (before !== undefined && CLAUSE_OPENER.has(before) && !/ed$/.test(last))
    )
      out.push(quote);
  }
  return out;
}

const STOP_AFTER_NUMBER = new Set(
  "and or but nor yet the a an of in on at to for with from by is are was were be been being will would can could should may might must do does did has have had who which whose i me my it its this that than then so as if when after before per off each every over under about around plus less more into while since ago no not always never just only still across between among within without like via".split(
    " ",
  ),
);
const ARTICLE = /^(?:a|an|the|my|your|his|her|our|their)$/;
const NUMBER_PHRASE = /(?<![\w.,$€£-])(\d[\d.,]*(?:[a-z]{1,3})?(?:-[a-z]+)*)((?:[ -][a-z]+){0,4})/g;

/**
 * The numbers of the `source` request that name a thing with the words after them ("20 essential
 * Portuguese phrases", "10-year-old daughter"): number → those words (up to the first stop word, at
 * most three: the noun is among them).
 */
function numberPhrases(source: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of source.matchAll(NUMBER_PHRASE)) {
    const tail: string[] = [];
    const ws = (m[2] ?? "").trim().split(/[ -]+/);
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i] as string;
      if (w === "" || STOP_AFTER_NUMBER.has(w) || tail.length === 3) break;
      // A word right before an article is a verb ("my 14-year-old wants a phone"), not the noun.
      if (ARTICLE.test(ws[i + 1] ?? "")) break;
      tail.push(w);
    }
    if (tail.length > 0 && !out.has(m[1] as string)) out.set(m[1] as string, tail);
  }
  return out;
}

/**
 * The places a text says a number of the request cut short of the noun the request gave it: "Build
 * around 0," for "0 errors", "20 essential matters" for "20 essential Portuguese phrases", "the
 * 10-year-old;" for "my 10-year-old daughter": where the phrase ends (punctuation, or the template's
 * verb), the number alone or with a modifier but not its noun. A number followed by the request's
 * full phrase, or by words that carry on the sentence, is not counted; nor is a cut that some
 * wording of the request (`sources`) does not make.
 */
export function cutNumbers(text: string, ...sources: string[]): string[] {
  let out = cutNumbersOf(text, sources[0] ?? "");
  // Cut against every wording of the request (the seed and the user's rewrite of it).
  for (const source of sources.slice(1)) {
    if (out.length === 0) break;
    const also = new Set(cutNumbersOf(text, source));
    out = out.filter((cut) => also.has(cut));
  }
  return out;
}

function cutNumbersOf(text: string, source: string): string[] {
  const phrases = numberPhrases(source);
  if (phrases.size === 0) return [];
  const out: string[] = [];
  // Code is not prose; a version after a name ("Windows 10", "APA 7th") or an item ("point 3") is
  // a name, not a count.
  const prose = text.replace(/```[\s\S]*?```/g, "");
  for (const m of prose.matchAll(
    /(?<![\w.,$€£-])(?<!\b(?:[A-Z][\w.+#]*|point|step|item|phase|stage|part|option) )(\d[\d.,]*(?:[a-z]{1,3})?(?:-[a-z]+)*)/g,
  )) {
    const number = m[1] as string;
    const tail = phrases.get(number.replace(/[.,]$/, ""));
    if (tail === undefined) continue;
    const after = prose.slice((m.index ?? 0) + number.length);
    let k = 0;
    let rest = after;
    for (; k < tail.length; k++) {
      const next = new RegExp(`^[ -]${tail[k]}\\b`).exec(rest);
      if (next === null) break;
      rest = rest.slice(next[0].length);
    }
    if (k === tail.length || !SLOT_END.test(rest)) continue;
    // Cut: the number alone where the request gave it a noun, or with a modifier and no noun.
    const said = after.slice(0, after.length - rest.length);
    const lastSaid = said.trim().split(" ").pop() ?? "";
    if (k === 0 || MODIFIER.test(lastSaid)) out.push(`${number}${said}`);
  }
  return out;
}

// Where a slot's noun phrase ends: punctuation, or the verb the template goes on with.
const SLOT_END = /^\s*(?:[;,.:!?)]|$|(?:is|matters|tips|goes|shapes|narrows|still|changes|decides)\b)/;
// A word that modifies a noun rather than naming one: a compound, an adjective ending, a size word.
const MODIFIER =
  /^(?:\w+-[\w-]*[^\Ws]|\w+(?:al|ive|ous|ful|ic|able|ible|less)|young|old|new|big|small|large|first|second|last|next|million|billion|thousand|hundred)$/;

const NOT_MASS = new Set(
  "people children men women feet teeth mice data media criteria more extra other others hundred thousand million dozen of times".split(
    " ",
  ),
);

/** "a couple of slack", "a few margin in": a count word not followed by a plural within two words. */
export function countBeforeMass(text: string): string[] {
  const out: string[] = [];
  // "a few key points": an adjective before the plural is fine, so the next two words are read.
  for (const m of text.matchAll(/\b(?:a couple of|a few|several)\s+([a-z]+)(?:[ -]([a-z]+))?/gi)) {
    const plural = (w: string | undefined) =>
      w !== undefined && (w.toLowerCase().endsWith("s") || NOT_MASS.has(w.toLowerCase()));
    if (!plural(m[1]) && !plural(m[2])) out.push(m[0]);
  }
  return out;
}

const I_FORMS = /^I(?:'m|'ve|'d|'ll|’m|’ve|’d|’ll)?$/;

/**
 * A message opening with a word or two and a comma, then a capitalised word that is not a name
 * (`lowercaseWords`: the words the run writes in lower case mid-sentence): "yo, Searching online…".
 */
export function capitalAfterCommaOpener(text: string, lowercaseWords: ReadonlySet<string>): boolean {
  const m = /^\s*[\p{L}'’]+(?: [\p{L}'’]+){0,2}, ([A-Z][\p{L}'’-]*)/u.exec(text);
  const word = m?.[1];
  return word !== undefined && !I_FORMS.test(word) && lowercaseWords.has(word.toLowerCase());
}

/** The words a text writes in lower case (for {@link capitalAfterCommaOpener}'s name test). */
export function lowercaseWordsOf(text: string, into: Set<string>): void {
  for (const m of text.matchAll(/(?<=\s)[a-z][a-z'’-]*/g)) into.add(m[0]);
}

/**
 * Two labels stacked before the subject in the first sentence: an urgency label, then the subject's
 * own colon ("Good afternoon, Time-sensitive: Correct my French: …", "Urgent: two-year-old rescue
 * dog: what …").
 */
export function stackedOpeners(text: string): boolean {
  const first = /^[^.?!\n]*/.exec(text)?.[0] ?? "";
  return (first.match(/(?<=^|[,:]\s)[\p{L}' -]{2,24}:\s/gu)?.length ?? 0) >= 2;
}

const MEASURE_UNIT =
  /^(?:seconds|minutes|hours|days|weeks|months|years|dollars|euros|pounds|miles|kilometres|kilometers|metres|meters|kilos|grams|litres|liters)$/;
const SINGULAR_VERB = /^ (?:is|was|has|matters|tips|goes|shapes|narrows|changes|decides)\b/;

/**
 * The places a text makes a plural number phrase of the request ("20 essential Portuguese phrases")
 * the subject of a singular verb ("… phrases matters here").
 */
export function pluralWithSingularVerb(text: string, source: string): string[] {
  const out: string[] = [];
  for (const [number, tail] of numberPhrases(source)) {
    const last = tail[tail.length - 1] as string;
    // An amount of time or money reads as one quantity ("5 years is a long time").
    if (!/[^s]s$/.test(last) || MEASURE_UNIT.test(last)) continue;
    const phrase = `${number} ${tail.join(" ")}`;
    for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1))
      if (SINGULAR_VERB.test(text.slice(at + phrase.length))) out.push(phrase);
  }
  return out;
}

/** Idioms broken by a word swapped for its synonym: "how usually", "more typically than not". */
export function brokenIdioms(text: string): string[] {
  return [...text.matchAll(/\b(?:how|too|as|more) (?:usually|typically|generally)(?= than not| as|\b)/gi)]
    .map((m) => m[0])
    .filter((m) => !/^as /i.test(m) || /as (?:usually|typically|generally) as/i.test(text));
}

/**
 * A reply's opening line that says back a fragment of the request as its topic: a request word or a
 * capitalised common word after "on", "for", "approach" ("These are my picks for Best way to set up
 * …", "This is how I'd approach Need 150-word bio …"), a closing "please" or "asap", an opinion
 * frame or a bare pointer after "whether" ("whether you think …", "whether something").
 */
export function fragmentTopicOpener(reply: string, lowercaseWords: ReadonlySet<string>): boolean {
  const first = reply.split("\n", 1)[0] ?? "";
  for (const m of first.matchAll(/\b(?:on|for|approach|of|to|about|with|whether) (\p{Lu}\p{Ll}+)\b/gu))
    if (lowercaseWords.has((m[1] as string).toLowerCase())) return true;
  return (
    /\b(?:please|pls|asap|rly|tbh)[.:!]?$/i.test(first) ||
    /\bwhether (?:you (?:think|reckon)|something\b|that \w+:)/i.test(first)
  );
}
