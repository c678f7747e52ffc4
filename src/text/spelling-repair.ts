import { KEY_NEIGHBOURS } from "./keyboard.js";

/**
 * The repairs behind text/spelling.ts: the known word a slip was meant to be. They undo exactly the
 * slips people make and the noise layer's typo rules produce (noise/rules): a letter typed twice
 * (`char_double`: "tablee"), two neighbours swapped (`char_swap`: "sohuld"), a neighbouring key hit
 * (`keyboard_typo`: "hwlp"), a letter typed once too often ("wouold") or left out (`char_drop`:
 * "sotware"), and two words run together (`word_segmentation`: "doesa", "thankyou"), also with a
 * letter typed twice in one of them ("anndlook"). A repair must lead to a word the vocabulary knows
 * from a typed word it does not; when several do, the one most common in the package's own text wins.
 */

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/** Uses in the package's own text that make a word common (see `nearestWord`, text/spelling.ts). */
export const COMMON = 5;

const SUFFIXES: ReadonlyArray<readonly [string, string]> = [
  ["ies", "y"],
  ["es", ""],
  ["s", ""],
  ["ed", ""],
  ["ed", "e"],
  ["ing", ""],
  ["ing", "e"],
];

// The consonants English doubles before -ed and -ing ("planned", "running", "quizzed").
const DOUBLING = "bdfglmnprtz";

/** Words of one or two letters, which the vocabulary (three letters and more) leaves out. */
export const SHORT_WORDS: ReadonlySet<string> = new Set(
  "a i an am as at be by do go he if in is it me my no of oh ok on or so to up us we".split(" "),
);

/** True when the word or its stem under a regular suffix ("teams" → "team") is known. */
export function known(word: string, counts: ReadonlyMap<string, number>): boolean {
  if (counts.has(word)) return true;
  // Every suffix ends in -s, -d or -g: most candidate repairs need no more than the lookup above.
  const last = word.charCodeAt(word.length - 1);
  if (last !== 115 && last !== 100 && last !== 103) return false;
  for (const [suffix, back] of SUFFIXES) {
    if (word.length > suffix.length + 2 && word.endsWith(suffix)) {
      const stem = word.slice(0, -suffix.length);
      // "doess" is no plural of "does", nor "gamees" of "game": -es follows a hissing sound or -o.
      if (suffix === "s" ? /(?:[sxz]|[cs]h)$/.test(stem) : suffix === "es" && !/(?:[sxzo]|[cs]h)$/.test(stem))
        continue;
      if (counts.has(stem + back)) return true;
      // "planned", "running": the doubled consonant of the stem (not "interviewwing").
      if (
        suffix.length >= 2 &&
        back === "" &&
        stem.at(-1) === stem.at(-2) &&
        DOUBLING.includes(stem.at(-1) as string) &&
        counts.has(stem.slice(0, -1))
      )
        return true;
    }
  }
  return false;
}

/** How often the package's text uses the word, or else the stem of it `known` found. */
function uses(word: string, counts: ReadonlyMap<string, number>): number {
  const n = counts.get(word);
  if (n !== undefined) return n;
  for (const [suffix, back] of SUFFIXES) {
    if (word.endsWith(suffix)) {
      const stem = counts.get(word.slice(0, -suffix.length) + back);
      if (stem !== undefined) return stem;
    }
  }
  return 0;
}

/** A candidate repair chooser: keeps the one most common in the package's text, the first on a tie. */
class Best {
  word: string | undefined = undefined;
  private count = -1;
  constructor(private readonly counts: ReadonlyMap<string, number>) {}
  /**
   * Considers `w`, a repair only when it is known and used `least` times (with `stems`, counting
   * the uses of its stem for an inflected form).
   */
  offer(w: string, least = 0, stems = false): void {
    if (w.length < 3 || w === this.word || !known(w, this.counts)) return;
    const n = stems ? uses(w, this.counts) : (this.counts.get(w) ?? 0);
    if (n < least) return;
    if (n > this.count) {
      this.word = w;
      this.count = n;
    }
  }
}

/**
 * The known word one slip from an unknown lower-case `word` (see the module comment), or undefined.
 * The slips are tried from the most telling (a doubled letter) to the least; within one kind the
 * repair most common in the package's text wins. `slips: "order"` tries only a doubled letter and
 * two letters swapped.
 */
export function nearestWord(
  word: string,
  counts: ReadonlyMap<string, number>,
  slips: "all" | "order" = "all",
): string | undefined {
  const best = new Best(counts);
  for (let i = 1; i < word.length; i++)
    if (word[i] === word[i - 1]) best.offer(word.slice(0, i) + word.slice(i + 1));
  if (best.word !== undefined) return best.word;
  if (slips === "order") {
    for (let i = 0; i < word.length - 1; i++)
      best.offer(word.slice(0, i) + (word[i + 1] as string) + (word[i] as string) + word.slice(i + 2));
    return best.word;
  }
  // A three-letter word is as often an abbreviation the vocabulary lacks ("aws", "usb", "uni") as
  // a slip: only a letter left out inside a common word is put back ("wat" → "what", "kep" → "keep").
  if (word.length === 3) {
    if (word.endsWith("s")) return undefined;
    for (let i = 1; i < 3; i++)
      for (const c of LETTERS) best.offer(word.slice(0, i) + c + word.slice(i), COMMON);
    return best.word;
  }
  for (let i = 0; i < word.length - 1; i++)
    best.offer(word.slice(0, i) + (word[i + 1] as string) + (word[i] as string) + word.slice(i + 2));
  if (best.word !== undefined) return best.word;
  // A neighbouring key, never the first letter (the noise layer's keyboard typo keeps it too), into
  // a word the package's text uses, a common one for a short word: every short word and many rare
  // ones are a key away from another ("redis" from "redos").
  {
    const least = word.length >= 5 ? 1 : COMMON;
    for (let i = 1; i < word.length; i++) {
      for (const c of KEY_NEIGHBOURS[word[i] as string] ?? "")
        best.offer(word.slice(0, i) + c + word.slice(i + 1), least);
    }
    if (best.word !== undefined) return best.word;
  }
  // A letter typed once too often anywhere but first ("wouold"), in a word long enough to tell.
  if (word.length >= 6) {
    for (let i = 1; i < word.length; i++) {
      if (word[i] !== word[i - 1]) best.offer(word.slice(0, i) + word.slice(i + 1));
    }
    if (best.word !== undefined) return best.word;
  }
  // A letter left out ("sotware"), never the first. Into a word the package's text uses when the
  // typed word is short or inflected: put back anywhere into those it turns words the vocabulary
  // lacks into rare others ("miles" → "mailes", "grapes" → "graspes", "camping" → "clamping").
  {
    const least = word.length >= 6 && !/(?:s|ed|ing)$/.test(word) ? 0 : 1;
    for (let i = 1; i <= word.length; i++)
      for (const c of LETTERS)
        if (i < word.length || c !== "s") best.offer(word.slice(0, i) + c + word.slice(i), least, true);
  }
  return best.word;
}

/**
 * Two words run together ("doesa" → "does a", "thankyou" → "thank you"), one of them maybe typed with
 * a letter twice ("anndlook" → "and look") or misspelt ("halpme" → "help me"). One part must be a
 * small function word: two content words run together are as often a compound the vocabulary lacks
 * ("webpack", "localhost", "payday") as a slip. Undefined when no cut gives two words.
 */
export function splitRunTogether(
  word: string,
  counts: ReadonlyMap<string, number>,
  fix: (part: string) => string | undefined,
): string | undefined {
  for (let cut = 1; cut < word.length; cut++) {
    const left = asPart(word.slice(0, cut), counts, fix);
    const right = left === undefined ? undefined : asPart(word.slice(cut), counts, fix);
    if (left === undefined || right === undefined) continue;
    if (FUNCTION_WORDS.has(left) || (FUNCTION_WORDS.has(right) && !WORD_ENDINGS.has(right)))
      return `${left} ${right}`;
  }
  return undefined;
}

// The small words a run-together slip is told by ("what" in "whative", "a" in "doesa"); not "up" or
// "out", which end compounds ("signup", "logout").
const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  "a an the to of in on at for with from into about and or but not no is are was were be been has had have it its me my you your i we us our they their them he she his her how what why when which that this there than then do does did can could would should will so if as by go just more most very also since because between own all any some".split(
    " ",
  ),
);
// Function words that also end many words and names ("redis", "alias"): no sign of a slip at the end.
const WORD_ENDINGS: ReadonlySet<string> = new Set("is as us so do be by if go".split(" "));

/** The part as a word: itself, itself with a doubled letter undone, or its listed fix. */
function asPart(
  part: string,
  counts: ReadonlyMap<string, number>,
  fix: (part: string) => string | undefined,
): string | undefined {
  if (part.length < 3) return SHORT_WORDS.has(part) ? part : undefined;
  if (counts.has(part)) return part;
  for (let i = 1; i < part.length; i++) {
    if (part[i] !== part[i - 1]) continue;
    const w = part.slice(0, i) + part.slice(i + 1);
    if (w.length >= 3 ? counts.has(w) : SHORT_WORDS.has(w)) return w;
  }
  return fix(part);
}
