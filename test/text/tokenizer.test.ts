import assert from "node:assert/strict";
import { test } from "node:test";
import { graphemes } from "../../src/text/characters.js";
import {
  contentWords,
  cueTokens,
  keywordTokens,
  tokenize,
  wordCount,
  wordSpans,
} from "../../src/text/tokenizer.js";

function covers(text: string): void {
  const tokens = tokenize(text);
  assert.equal(tokens.map((t) => t.text).join(""), text);
  let at = 0;
  for (const t of tokens) {
    assert.equal(t.start, at);
    assert.equal(text.slice(t.start, t.end), t.text);
    at = t.end;
  }
}

test("ASCII text splits into words, spaces and punctuation, keeping contractions whole", () => {
  const tokens = tokenize("Don't stop, it's 3.14 now!");
  assert.deepEqual(
    tokens.map((t) => [t.kind, t.text]),
    [
      ["word", "Don't"],
      ["space", " "],
      ["word", "stop"],
      ["punct", ","],
      ["space", " "],
      ["word", "it's"],
      ["space", " "],
      ["word", "3.14"],
      ["space", " "],
      ["word", "now"],
      ["punct", "!"],
    ],
  );
  assert.deepEqual(
    tokens.filter((t) => t.latin).map((t) => t.text),
    ["Don't", "stop", "it's", "now"],
  );
  covers("Don't stop, it's 3.14 now!");
});

test("emoji sequences, flags and skin tones stay whole tokens", () => {
  const text = "nice 👩‍💻 work 👍🏽🇫🇷!";
  covers(text);
  const punct = tokenize(text)
    .filter((t) => t.kind === "punct")
    .map((t) => t.text);
  assert.deepEqual(punct, ["👩‍💻", "👍🏽", "🇫🇷", "!"]);
});

test("CJK, Arabic and Hebrew words are words but not Latin; accented Latin words are Latin", () => {
  const text = "数据分析 مرحبا שלום café naïve";
  covers(text);
  const words = tokenize(text).filter((t) => t.kind === "word");
  assert.deepEqual(
    words.filter((t) => t.latin).map((t) => t.text),
    ["café", "naïve"],
  );
  assert.ok(words.some((t) => t.text === "مرحبا" && !t.latin));
  assert.ok(words.some((t) => t.text === "שלום" && !t.latin));
  assert.ok(words.some((t) => /数/.test(t.text) && !t.latin));
});

test("graphemes keep combining accents and emoji together", () => {
  assert.deepEqual(graphemes("nai\u0308ve"), ["n", "a", "i\u0308", "v", "e"]);
  assert.deepEqual(graphemes("a👩‍💻b"), ["a", "👩‍💻", "b"]);
  assert.deepEqual(graphemes("word"), ["w", "o", "r", "d"]);
});

test("curly apostrophes join contractions; accented words stay on the fast path and are Latin", () => {
  const tokens = tokenize("I don’t like the café’s crème brûlée…");
  assert.deepEqual(
    tokens.filter((t) => t.kind === "word").map((t) => [t.text, t.latin]),
    [
      ["I", true],
      ["don’t", true],
      ["like", true],
      ["the", true],
      ["café’s", true],
      ["crème", true],
      ["brûlée", true],
    ],
  );
});

test("token edges are grapheme boundaries even where word and grapheme rules disagree", () => {
  const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });
  const tricky = [
    "🇷\uFE0E🇫🇷 flag",
    "keycap 1\uFE0F\u20E3 and tag 🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
    "line\r\nbreak",
    "\u0600\u0661\u0662 arabic number sign",
    "e\u0301 \u0301alone ZWJ\u200Dx 👨‍👩‍👧 ❤️ ©️ ☺︎",
  ];
  for (const text of tricky) {
    covers(text);
    const boundaries = new Set([text.length]);
    for (const seg of segmenter.segment(text)) boundaries.add(seg.index);
    for (const t of tokenize(text)) {
      assert.ok(
        boundaries.has(t.start) && boundaries.has(t.end),
        `${JSON.stringify(t.text)} in ${JSON.stringify(text)}`,
      );
    }
    assert.deepEqual(
      graphemes(text),
      [...segmenter.segment(text)].map((s) => s.segment),
    );
  }
});

// The other readings of the same scanner: what differs is which characters make a word and which
// join two parts of one.
const SAMPLE = "Don't use C++ or node.js for 'walk-in' v2.1 w/o $5 (50%) — é ß über_alles #tag";

test("keywordTokens: letters, digits, ' + # as words; hyphens, dots and slashes separate; quotes trimmed", () => {
  assert.deepEqual(keywordTokens(SAMPLE.toLowerCase()), [
    "don't",
    "use",
    "c++",
    "or",
    "node",
    "js",
    "for",
    "walk",
    "in",
    "v2",
    "1",
    "w",
    "o",
    "5",
    "50",
    "é",
    "ß",
    "über",
    "alles",
    "#tag",
  ]);
  assert.deepEqual(keywordTokens("it’s ''quoted''"), ["it's", "'quoted'"]);
});

test("contentWords: any script, inner ' . / - kept, + and # trailing, lower-cased", () => {
  assert.deepEqual(contentWords(SAMPLE), [
    "don't",
    "use",
    "c++",
    "or",
    "node.js",
    "for",
    "walk-in",
    "v2.1",
    "w/o",
    "5",
    "50",
    "é",
    "ß",
    "über",
    "alles",
    "tag",
  ]);
  assert.deepEqual(contentWords("Привет мир 中文 𝐀𝐁-x"), ["привет", "мир", "中文", "𝐀𝐁-x"]);
});

test("cueTokens: a–z, 0–9 and é, joined by ' . / + # - before a word character, + or #; $ and % alone", () => {
  assert.deepEqual(cueTokens(SAMPLE.toLowerCase().replace(/’/g, "'")), [
    "don't",
    "use",
    "c++",
    "or",
    "node.js",
    "for",
    "walk-in",
    "v2.1",
    "w/o",
    "$",
    "5",
    "50",
    "%",
    "é",
    "ber",
    "alles",
    "tag",
  ]);
  assert.deepEqual(cueTokens("a.++ b-#c x+"), ["a.++", "b-#c", "x+"]);
});

test("wordSpans: where the words are, inner apostrophes and hyphens joining; wordCount: hyphens apart", () => {
  const text = "A follow-up on don’t-stop: 3 km, naïve café!";
  const spans = wordSpans(text);
  const words = [];
  for (let i = 0; i < spans.length; i += 2) words.push(text.slice(spans[i], spans[i + 1]));
  assert.deepEqual(words, ["A", "follow-up", "on", "don’t-stop", "3", "km", "naïve", "café"]);
  assert.equal(wordCount(text), 10);
  assert.equal(wordCount(""), 0);
});
