import assert from "node:assert/strict";
import { test } from "node:test";
import { readUserText, specificsOf, toSecondPerson } from "../../src/text/user-text.js";

test("toSecondPerson turns the user's first person into the second, contractions included", () => {
  const cases: Array<[string, string]> = [
    ["I'm organising a run for my club", "you're organising a run for your club"],
    ["i'm stuck", "you're stuck"],
    ["I've got a plan", "you've got a plan"],
    ["we're moving our office", "you're moving your office"],
    ["the US office", "the US office"],
  ];
  for (const [said, back] of cases) assert.equal(toSecondPerson(said), back, said);
});

test("a capitalised word that opens a run-on sentence is not a name", () => {
  const names = specificsOf(
    readUserText("ok would that work for me? quick pls However you think works best"),
  ).names;
  assert.deepEqual(names, []);
  assert.deepEqual(specificsOf(readUserText("Is Flask or Django better for this?")).names, [
    "Flask",
    "Django",
  ]);
});

test("a number's unit is a word after it, never a preposition", () => {
  assert.deepEqual(specificsOf(readUserText("the jacket costs $120 after a 25% discount")).numbers, [
    "$120",
    "25% discount",
  ]);
});
