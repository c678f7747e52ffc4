import assert from "node:assert/strict";
import { test } from "node:test";
import { applyRuleNoise } from "../../src/noise/rule-noise.js";
import { createRng } from "../../src/rng/random.js";
import { spellerVocabulary } from "../../src/text/speller-vocabulary.js";
import { respell, respellWord } from "../../src/text/spelling.js";
import { WordRepairs } from "../../src/text/word-repairs.js";
import { WordSpanSet } from "../../src/text/word-span-set.js";
import { seedQueries } from "../offline/conversation-fixtures.js";

test("a letter typed twice or two letters swapped are repaired, in the word's case", () => {
  const cases: Array<[string, string]> = [
    ["tablee", "table"],
    ["bettween", "between"],
    ["plaayers", "players"],
    ["sohuld", "should"],
    ["lihgthouse", "lighthouse"],
    ["Sohuld", "Should"],
  ];
  for (const [typed, meant] of cases) assert.equal(respellWord(typed), meant, typed);
});

test("a listed misspelling, a bare contraction or a letter typed once too often is repaired", () => {
  const cases: Array<[string, string]> = [
    ["dangerious", "dangerous"],
    ["custoner", "customer"],
    ["srry", "sorry"],
    ["teh", "the"],
    ["isnt", "isn't"],
    ["thats", "that's"],
    ["Thats", "That's"],
    ["wouold", "would"],
    ["ive", "I've"],
  ];
  for (const [typed, meant] of cases) assert.equal(respellWord(typed), meant, typed);
});

test("known words, their inflections, names and acronyms are left as written", () => {
  for (const word of [
    "teams",
    "planned",
    "running",
    "desk",
    "miles",
    "cats",
    "iPhone",
    "SQL",
    "NASA",
    "Kotlin",
    "Godot",
    "a",
    "the",
    "its",
    "were",
    "HTML",
    "JSON",
  ])
    assert.equal(respellWord(word), word);
});

test("respell repairs only words: punctuation, numbers and placeholders stay byte-identical", () => {
  const masked = "What sohuld go into \uE100 for 8,000 users (pls)?";
  assert.equal(respell(masked), "What should go into \uE100 for 8,000 users (pls)?");
});

test("a neighbouring key, a letter left out and two words run together are repaired", () => {
  const cases: Array<[string, string]> = [
    ["pracrice", "practice"],
    ["budgwt", "budget"],
    ["dictionar", "dictionary"],
    ["mther", "mother"],
    ["kep", "keep"],
    ["weeknds", "weekends"],
    ["doesa", "does a"],
    ["thankyou", "thank you"],
    ["whative", "what I've"],
    ["halpme", "help me"],
    ["anndlook", "and look"],
    ["mye", "my"],
  ];
  for (const [typed, meant] of cases) assert.equal(respellWord(typed, false), meant, typed);
});

test("compounds, abbreviations and names the vocabulary lacks are not repaired into other words", () => {
  for (const word of ["webpack", "localhost", "payday", "signup", "redis", "aws", "usb", "eta", "Godot"])
    assert.equal(respellWord(word, false), word);
});

test("a shouted word is said back in lower case; an acronym stays one, also typed with a slip", () => {
  assert.equal(
    respell("Before signing a commercial LEASE for a retail space"),
    "Before signing a commercial lease for a retail space",
  );
  assert.equal(respell("LEASE terms first"), "Lease terms first");
  assert.equal(respell("the next step for SLQ after THAT"), "the next step for SQL after that");
  assert.equal(respell("is NASA or SQL or JSON right"), "is NASA or SQL or JSON right");
  assert.equal(respell("HHow do I start"), "How do I start");
});

test("a word typed apart is joined again; a possessive or contraction keeps its ending", () => {
  assert.equal(respell("how do i cont rol the mar ekting budget"), "how do i control the marketing budget");
  assert.equal(respell("waht's the sotck's price"), "what's the stock's price");
  assert.equal(respell("a part of it"), "a part of it");
});

/**
 * The slips the noise layer's typo rules (the simulated user's typing) make in the bundled seed
 * queries that the speller leaves as typed: a slip that happens to make another word ("form" for
 * "from") or a word of fewer than four letters is no slip a reader could tell, and not counted.
 */
function leftAsTyped(
  rule: string,
  params?: Record<string, unknown>,
  only?: (query: string) => ReadonlySet<string>,
): { slips: number; left: string[] } {
  const counts = spellerVocabulary().counts;
  const words = (s: string) => s.match(/[A-Za-z]+/g) ?? [];
  let slips = 0;
  const left: string[] = [];
  seedQueries().forEach((query, i) => {
    const noisy = applyRuleNoise(query, {
      strategies: [{ name: rule, intensity: 0.5, params }],
      rng: createRng(3, `q${i}`, rule),
    }).noisy_text;
    const had = new Set(words(query));
    const counted = only?.(query);
    const repaired = new Set(words(respell(noisy)));
    for (const w of words(noisy)) {
      if (had.has(w) || w.length < 4 || counts.has(w.toLowerCase()) || /[A-Z]/.test(w.slice(1))) continue;
      if (counted !== undefined && !counted.has(w)) continue;
      slips++;
      if (repaired.has(w)) left.push(w);
    }
  });
  return { slips, left };
}

test("the slips of every typo rule of the noise layer are repaired: at most 3% left as typed", () => {
  for (const rule of ["misspelling", "keyboard_typo", "char_double", "char_drop", "char_swap"]) {
    const { slips, left } = leftAsTyped(rule);
    assert.ok(slips > 300, `${rule}: only ${slips} slips`);
    assert.ok(left.length <= 0.03 * slips, `${rule}: ${left.length} of ${slips} left: ${left.join(" ")}`);
  }
  // A word typed apart; two run together when one of them is a small function word ("doesa").
  const split = leftAsTyped("word_segmentation", { mode: "split" });
  assert.ok(split.left.length <= 0.03 * split.slips, `split: ${split.left.join(" ")}`);
  // Run together: the lower-case slips made of two of the query's words, one of them a small
  // function word (a name run into its neighbour, "Madridto", stays: a name is never cut).
  const small = new Set("a the to of in on for and you me my it i what how".split(" "));
  const joined = leftAsTyped("word_segmentation", { mode: "join" }, (query) => {
    const ws = query.match(/[a-z]+/gi) ?? [];
    return new Set(
      ws.slice(1).flatMap((b, k) => {
        const a = ws[k] as string;
        return a === a.toLowerCase() && (small.has(a) || small.has(b)) ? [`${a}${b}`] : [];
      }),
    );
  });
  assert.ok(joined.slips > 100, `only ${joined.slips} joins`);
  assert.ok(joined.left.length <= 0.03 * joined.slips, `join: ${joined.left.join(" ")}`);
});

test("a run's word repairs answer as respellWord does, for every message read after them", () => {
  const repairs = new WordRepairs();
  const rules = ["misspelling", "keyboard_typo", "char_double", "word_segmentation"];
  let repaired = 0;
  // Twice over: the second pass is answered from the repairs the first one kept.
  for (let pass = 0; pass < 2; pass++) {
    seedQueries().forEach((query, i) => {
      const rule = rules[i % rules.length] as string;
      const noisy = applyRuleNoise(query, {
        strategies: [{ name: rule, intensity: 0.5 }],
        rng: createRng(5, `q${i}`, rule),
      }).noisy_text;
      const alone = respell(noisy);
      assert.equal(respell(noisy, repairs), alone, noisy);
      if (alone !== noisy) repaired++;
    });
  }
  assert.ok(repaired > 100, `only ${repaired} messages repaired`);
});

test("a run's repairs join two pieces typed apart as respell alone does, again from what they kept", () => {
  const repairs = new WordRepairs();
  const texts = [
    "Take cont rol of the budget",
    "could u help",
    "Take cont rol of the budget",
    "could u help",
  ];
  for (const text of texts) assert.equal(respell(text, repairs), respell(text), text);
  assert.equal(respell(texts[0] as string, repairs), "Take control of the budget");
});

test("a word span set finds a text's letters lower-cased in place, and only whole words", () => {
  const set = new WordSpanSet(["lease", "terms", "sql"]);
  const text = "LEASE Terms:sqll, Sql lea";
  assert.equal(set.hasLetters(text, 0, 5), true);
  assert.equal(set.hasLetters(text, 6, 11), true);
  assert.equal(set.hasLetters(text, 12, 15), true, "a piece of a longer word, asked as a span");
  assert.equal(set.hasLetters(text, 12, 16), false);
  assert.equal(set.hasLetters(text, 18, 21), true);
  assert.equal(set.hasLetters(text, 22, 25), false);
  assert.equal(set.hasLetters(text, 0, 3), false);
  // Every word of the speller's vocabulary is found, and its neighbours one letter off are not.
  const counts = spellerVocabulary().counts;
  const words = spellerVocabulary().words;
  for (const w of [...counts.keys()].slice(0, 2000)) {
    assert.equal(words.hasLetters(w.toUpperCase(), 0, w.length), true, w);
    const off = `${w}q`;
    assert.equal(words.hasLetters(off, 0, off.length), counts.has(off), off);
  }
});
