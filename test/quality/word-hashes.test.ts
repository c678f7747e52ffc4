import assert from "node:assert/strict";
import { test } from "node:test";
import { hash32, hash52 } from "../../src/quality/fast-hash.js";
import { normalizeText, wordsOf } from "../../src/quality/text-units.js";
import { LOW_SEED, wordHashes } from "../../src/quality/word-hashes.js";
import { createRng } from "../../src/rng/random.js";

/** What `wordHashes` must equal: the hashes of the word strings `wordsOf` cuts. */
function expected(text: string) {
  const words = wordsOf(text);
  return {
    high: Uint32Array.from(words, (w) => hash32(w)),
    low: Uint32Array.from(words, (w) => hash32(w, LOW_SEED)),
    joined: hash52(normalizeText(text)),
  };
}

const CASES = [
  "",
  "   ",
  "Hello, World!",
  "don't stop-believing; it's 42 o'clock",
  "'quoted' words'' and ''doubled'' it''s",
  "rock'n'roll x' 'y a'b'c",
  "trailing apostrophe'",
  "UPPER lower MiXeD 123abc ABC123",
  "tabs\tand\nnew lines\r\n",
  "café naïve ﬁle", // not ASCII: the string path
  "curly don’t", // not ASCII
  "emoji 🙂 inside",
  "x",
];

test("wordHashes equals hashing the words wordsOf cuts, ASCII or not", () => {
  for (const text of CASES) assert.deepEqual(wordHashes(text), expected(text), JSON.stringify(text));
});

test("wordHashes equals the string path on random ASCII text", () => {
  const rng = createRng(11, "word-hashes", "ascii");
  const alphabet = "abcXYZ09 '-.,!?\n\t\"";
  for (let i = 0; i < 2000; i++) {
    let text = "";
    const length = rng.int(40);
    for (let k = 0; k < length; k++) text += alphabet[rng.int(alphabet.length)];
    assert.deepEqual(wordHashes(text), expected(text), JSON.stringify(text));
  }
});
