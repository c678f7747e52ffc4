import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { paraphrase } from "../../../src/offline/style/style-restructure.js";
import { abbreviate, contract, expand, rewordJargon, tidy } from "../../../src/offline/style/style-rules.js";
import { createRng } from "../../../src/rng/random.js";
import { REWRITE_SPANS, spanTexts, unmask } from "../../../src/text/protected-spans.js";
import { classifyQuery, inferDomain, inferScenario } from "../../../src/text/query-classifier.js";
import { seedQueries } from "../fixtures.js";

// The rules skip work they can prove changes nothing (absent phrases, already tidy text, alternatives
// that cannot match); these cases pin the results those shortcuts must keep.

describe("contract", () => {
  test("applies the table row by row, so an earlier row wins an overlap", () => {
    assert.equal(
      contract("What is not clear is what is wrong. I have tried it, I have a dog."),
      "What isn't clear is what's wrong. I've tried it, I have a dog.",
    );
    assert.equal(
      contract("We cannot do it and they have been there"),
      "We can't do it and they've been there",
    );
  });

  test("matches case-insensitively, the long s included, and leaves text without the phrases alone", () => {
    assert.equal(contract("ſhould not go, it Is Not."), "shouldn't go, it's Not.");
    assert.equal(contract("Nothing to shorten here."), "Nothing to shorten here.");
  });
});

describe("abbreviate", () => {
  test("uses text-speak only where the phrase may be abbreviated", () => {
    const rng = () => createRng(1, "abbreviate", "test");
    assert.equal(
      abbreviate("Thank you so much, you are great. Thanks in advance!", rng(), 1),
      "ty so much, u are great. thx in advance!",
    );
    assert.equal(abbreviate("That thanks my manager", rng(), 1), "That thanks my manager");
  });

  test("draws from the rng once per occurrence, and not at all without one", () => {
    const a = createRng(3, "abbreviate", "draws");
    const b = createRng(3, "abbreviate", "draws");
    abbreviate("Nothing here to shorten.", a, 0.5);
    assert.equal(a.next(), b.next());
    const c = createRng(4, "abbreviate", "draws");
    const d = createRng(4, "abbreviate", "draws");
    abbreviate("you and you and you", c, 0.5);
    d.next();
    d.next();
    d.next();
    assert.equal(c.next(), d.next());
  });
});

describe("rewordJargon", () => {
  test("acronyms are matched in their own case, words in any case", () => {
    const text = "Set up the GPU, not the gpu, and speed up the web address.";
    assert.equal(
      rewordJargon(text, "plain"),
      "Set up the Graphics card, not the gpu, and speed up the web address.",
    );
    assert.equal(rewordJargon(text, "expert"), "Configure the GPU, not the gpu, and optimize the URL.");
  });
});

describe("expand and tidy", () => {
  test("expand keeps possessives and inverted questions", () => {
    assert.equal(
      expand("I'm sure it's fine, but why isn't it? John's car."),
      "I am sure it is fine, but why isn't it? John's car.",
    );
    assert.equal(expand("No contractions at all."), "No contractions at all.");
  });

  test("tidy fixes spacing and doubled marks, and returns tidy text unchanged", () => {
    assert.equal(
      tidy("  , hello  world ,  ok ;. really?. yes!.. fine\tthen "),
      "hello world, ok. really? yes!.. fine then",
    );
    assert.equal(tidy("Already tidy: nothing to do here."), "Already tidy: nothing to do here.");
  });
});

describe("protected text", () => {
  test("a part right after an email that ends mid-word is still found", () => {
    assert.deepEqual(spanTexts("Mail ops@example.com_v2 or x@y.io today", REWRITE_SPANS), [
      "ops@example.com",
      "_v2",
      "x@y.io",
    ]);
  });

  test("identifiers, calls, versions and C++ are found in prose; e.g. is not", () => {
    assert.deepEqual(
      spanTexts("Use fooBar, snake_case and cfg.load() in v2.3 with C++ e.g. here", REWRITE_SPANS),
      ["fooBar", "snake_case", "cfg.load()", "v2.3", "C++"],
    );
    assert.deepEqual(spanTexts("plain words only, nothing to keep", REWRITE_SPANS), []);
  });

  test("unmasking with no parts leaves the text as it is", () => {
    assert.equal(unmask("a \uE100 b", []), "a \uE100 b");
  });
});

test("classifyQuery gives inferDomain's and inferScenario's answers", () => {
  for (const q of seedQueries())
    assert.deepEqual(classifyQuery(q.query), {
      domain: inferDomain(q.query),
      scenario: inferScenario(q.query),
    });
});

describe("paraphrase", () => {
  test("rewords whole phrases before their words, an article with its noun", () => {
    const rng = createRng(1, "paraphrase", "test");
    assert.equal(paraphrase("Write an email to my landlord.", rng, 1), "Write a message to my landlord.");
    assert.equal(paraphrase("Email me an example.", rng, 1), "Message me a sample.");
    // A word joined by a hyphen or an apostrophe is not a word of the table ("e-mail", "example's").
    assert.equal(
      paraphrase("An e-mail with the example's code", rng, 1),
      "An e-mail with the example's code",
    );
  });
});
