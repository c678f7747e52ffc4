import assert from "node:assert/strict";
import { test } from "node:test";
import { fitArticles, grammarPass } from "../../src/text/grammar.js";

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

test("an article that does not fit the sound of the next word is corrected", () => {
  assert.equal(grammarPass("Here is a answer and an useful tip."), "Here is an answer and a useful tip.");
  assert.equal(grammarPass("A easier way is an simple test."), "An easier way is a simple test.");
  assert.equal(grammarPass("Here is an eulogy and an one-off."), "Here is a eulogy and a one-off.");
  assert.equal(
    grammarPass("a user, a one-off, a European trip, an hour, an honest view, an uninstall"),
    "a user, a one-off, a European trip, an hour, an honest view, an uninstall",
  );
  // A letter, a name or an acronym is read by its letters; quoted text stays as written.
  assert.equal(grammarPass("option a or b, an LLC, a URL"), "option a or b, an LLC, a URL");
  assert.equal(grammarPass('You wrote "a apple a day".'), 'You wrote "a apple a day".');
});

test("the article step alone fits a/an in masked text and leaves protected parts and names alone", () => {
  assert.equal(fitArticles("Could you give an rundown of \uE100?"), "Could you give a rundown of \uE100?");
  assert.equal(
    fitArticles("Should we ask a attorney? An useful tip"),
    "Should we ask an attorney? A useful tip",
  );
  // A placeholder (a protected part) and a capitalised name are read by their letters: left alone.
  assert.equal(fitArticles("a \uE100 and an API and a SQL query"), "a \uE100 and an API and a SQL query");
  assert.equal(fitArticles("an hour, a user, a one-off"), "an hour, a user, a one-off");
});

test("a capital 'A' or 'An' inside a sentence is a name or a letter, not an article", () => {
  const text =
    "We want to see Hanoi and Hoi An without rushing, so plan A is out. An hour? A useful tip: An user";
  assert.equal(
    grammarPass(text),
    "We want to see Hanoi and Hoi An without rushing, so plan A is out. An hour? A useful tip: A user",
  );
  assert.equal(
    fitArticles("see Hoi An without rushing. An rundown"),
    "see Hoi An without rushing. A rundown",
  );
});

test("the grammar pass finds a seam wherever it sits: at either end, in any case, beside any character", () => {
  // The pass skips a text after one look at its spaces; each seam must still be found there.
  assert.equal(grammarPass("Less less"), "Less");
  assert.equal(grammarPass("x, LESS less."), "x, LESS.");
  assert.equal(grammarPass("(it it)"), "(it)");
  assert.equal(grammarPass("does n't"), "doesn't");
  assert.equal(grammarPass("WE'VE A plan"), "WE have A plan");
  assert.equal(grammarPass("a answer"), "an answer");
  assert.equal(grammarPass("(an useful)"), "(a useful)");
  assert.equal(grammarPass("é an useful"), "é a useful");
  // Not seams: a word run on into the next, a digit or underscore before the doubled word.
  for (const kept of [
    "less lesson",
    "lessless",
    "1less less",
    "_it it",
    "data analysis",
    "an hour",
    "plan a",
  ])
    assert.equal(grammarPass(kept), kept);
});
