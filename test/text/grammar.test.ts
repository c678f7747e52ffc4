import assert from "node:assert/strict";
import { test } from "node:test";
import { grammarPass } from "../../src/text/grammar.js";

test("the grammar pass removes what a template join leaves", () => {
  assert.equal(grammarPass("the trade-off is less less maintenance"), "the trade-off is less maintenance");
  assert.equal(
    grammarPass("Say you're working with about about opening."),
    "Say you're working with about opening.",
  );
  assert.equal(grammarPass("It does n't matter."), "It doesn't matter.");
  assert.equal(grammarPass("We've a plan, and I've the numbers."), "We have a plan, and I have the numbers.");
});

test("doubles English allows, and the user's own quoted text, are kept byte-identical", () => {
  assert.equal(
    grammarPass("He said that that was fine; we had had enough."),
    "He said that that was fine; we had had enough.",
  );
  const quoted = 'Revised: "it gives us more time to prepare the the presentation" (your words).';
  assert.equal(grammarPass(quoted), quoted);
  const code = "Run `echo echo` first.";
  assert.equal(grammarPass(code), code);
});
