import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { meaningOverlap } from "../../src/text/meaning-overlap.js";

describe("meaningOverlap", () => {
  test("identical text keeps everything", () => {
    const text = "Plan a 4-day itinerary in Kyoto for two people.";
    assert.deepEqual(meaningOverlap(text, text), { score: 1, missing: [] });
  });

  test("case, punctuation, stop words and courtesy do not count", () => {
    const r = meaningOverlap("How do I bake sourdough bread?", "hey so how would i bake sourdough bread pls");
    assert.equal(r.score, 1);
  });

  test("light stemming: plurals, -ing and -ed meet", () => {
    assert.equal(meaningOverlap("baking cakes for parties", "baked a cake for a party").score, 1);
    assert.equal(meaningOverlap("the invoices are listed", "listing each invoice").score, 1);
  });

  test("a dropped content word is reported and lowers the score", () => {
    const r = meaningOverlap("Plan a trip to Kyoto in November", "Plan a trip in November");
    assert.deepEqual(r.missing, ["kyoto"]);
    assert.equal(r.score, 3 / 4); // plan, trip, kyoto, november
  });

  test("numbers must survive exactly", () => {
    const r = meaningOverlap("Raise £8,000 by 30 November", "Raise £8,500 by 30 November");
    assert.deepEqual(r.missing, ["£8,000"]);
    assert.ok(r.score < 1);
    assert.equal(meaningOverlap("costs 12.5%", "costs 12.5 %").missing[0], "12.5%");
  });

  test("quoted text and code must survive exactly", () => {
    assert.deepEqual(
      meaningOverlap('What does "hold harmless" mean?', "What does hold harmless mean?").missing,
      ['"hold harmless"'],
    );
    assert.deepEqual(meaningOverlap("Run `npm ci` first", "run `npm ci` first pls"), {
      score: 1,
      missing: [],
    });
    assert.deepEqual(meaningOverlap("Run `npm ci` first", "run npm ci first").missing, ["`npm ci`"]);
  });

  test("single typos, text-speak and the jargon table are forgiven", () => {
    assert.equal(
      meaningOverlap(
        "Is the difference statistically significant?",
        "is the diffrence statisticaly significant",
      ).score,
      1,
    );
    assert.equal(meaningOverlap("gifts for people at work", "gifts for ppl at work").score, 1);
    assert.equal(meaningOverlap("improve our search engine optimization", "improve our SEO").score, 1);
    assert.equal(meaningOverlap("how do I speed up my laptop", "how to optimize my laptop").score, 1);
  });

  test("typo tolerance does not accept different words", () => {
    assert.deepEqual(meaningOverlap("my cat", "my car").missing, ["cat"]);
    assert.deepEqual(meaningOverlap("a budget plan", "a fudget plan").missing, ["budget"]);
  });

  test("empty inputs", () => {
    assert.deepEqual(meaningOverlap("", "anything"), { score: 1, missing: [] });
    assert.deepEqual(meaningOverlap("the of and", ""), { score: 1, missing: [] });
    const r = meaningOverlap("Kyoto temples", "");
    assert.equal(r.score, 0);
    assert.deepEqual(r.missing, ["kyoto", "temples"]);
  });

  test("extra words in the rewrite do not lower the score", () => {
    assert.equal(
      meaningOverlap(
        "Explain recursion",
        "For context, I'm a senior engineer. Explain recursion, with examples.",
      ).score,
      1,
    );
  });
});
