import assert from "node:assert/strict";
import { test } from "node:test";
import { respell, respellWord } from "../../src/text/spelling.js";

test("a letter typed twice or two letters swapped are repaired, in the word's case", () => {
  const cases: Array<[string, string]> = [
    ["tablee", "table"],
    ["bettween", "between"],
    ["plaayers", "players"],
    ["sohuld", "should"],
    ["lihgthouse", "lighthouse"],
    ["Sohuld", "Should"],
    ["TABLEE", "TABLE"],
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
    ["WONT", "WON'T"],
    ["wouold", "would"],
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
