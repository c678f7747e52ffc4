/**
 * Which kinds of slot a text may hold, found in one pass over its words, so that only those slot
 * patterns run (most requests hold two or three kinds of slot). Each word is hashed as it is read (no
 * string is built) and looked up in a table of the gate words; the letters are compared only on a hash
 * hit, so a collision never sets a bit. Apart from slots.ts, which says what a slot is: this is a
 * prefilter, and must let through every text a pattern matches (a pattern's gate words are the words
 * it needs).
 */

// The kinds of slot a pattern needs a word for: a pattern runs only when its bit is set.
export const G_MONEY = 1;
export const G_MONTH = 2;
export const G_WEEKDAY = 4;
export const G_RELDATE = 8;
export const G_TIME = 16;
export const G_DURATION = 32;
export const G_LENGTH = 64;
export const G_LENGTH_ADJ = 128;
export const G_QUANTITY = 256;
export const G_AUDIENCE = 512;
export const G_FORMAT = 1024;
export const G_TONE = 2048;
export const G_ENV = 4096;
export const G_LANG = 8192;
export const G_QUOTE = 16384;
/** A capitalised word after a place preposition ("in Porto"): the place search runs. */
export const G_PLACE = 32768;

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

/**
 * The kinds of slot `text` may hold, as G_* bits: the bit of every gate word among its words, the
 * money sign, quote or "digit:" that some patterns need, and G_PLACE for a capitalised word after a
 * place preposition.
 */
export function gateBits(text: string): number {
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
