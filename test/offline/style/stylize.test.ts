import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { stylizeQuery, TRANSFORM_GROUP } from "../../../src/offline/style/stylize.js";
import { loadPersonaBank, type PersonaBank } from "../../../src/persona/bank.js";
import type { PersonaFeatures } from "../../../src/persona/persona.js";
import { createRng, type Rng } from "../../../src/rng/random.js";
import { dictionaryLines } from "../../../src/text/cspell-dictionary.js";
import { meaningOverlap } from "../../../src/text/meaning-overlap.js";
import { REWRITE_SPANS, spanTexts } from "../../../src/text/protected-spans.js";
import {
  BUNDLED_BANK,
  keptMeaning,
  keptShareFor,
  PERSONAS,
  seedQueries,
  UPSTREAM_BANK,
} from "../fixtures.js";

const queries = seedQueries();
const banks: PersonaBank[] = [loadPersonaBank(BUNDLED_BANK), loadPersonaBank(UPSTREAM_BANK)];

function randomPersona(bank: PersonaBank, rng: Rng): PersonaFeatures {
  const features: Record<string, string> = {};
  for (const dimension of rng.sample(bank.dimensions, rng.intBetween(4, 16)))
    features[dimension.name] = rng.pick(dimension.values);
  return features;
}

describe("stylizeQuery", () => {
  test("the same rng seed gives the same output, field for field", () => {
    for (const q of queries.slice(0, 40)) {
      for (const [name, features] of Object.entries(PERSONAS)) {
        for (const promptType of ["full", "partial"] as const) {
          const run = () =>
            stylizeQuery({ query: q.query, features, promptType }, createRng(9, `${q.id}:${name}`, "style"));
          assert.deepEqual(run(), run());
        }
      }
    }
  });

  test("different seeds vary the wording for the same persona and query", () => {
    const q = queries[0]?.query ?? "";
    const outputs = new Set(
      Array.from(
        { length: 12 },
        (_, i) =>
          stylizeQuery({ query: q, features: PERSONAS.casual_teen ?? {} }, createRng(i, "q", "style"))
            .adapted_query,
      ),
    );
    assert.ok(outputs.size >= 4, `only ${outputs.size} distinct rewrites`);
  });

  test("partial mode shows at most 4 groups of traits, and fewer changes than full mode", () => {
    let fullChanges = 0;
    let partialChanges = 0;
    for (const q of queries.filter((_, i) => i % 11 === 0)) {
      for (const [name, features] of Object.entries(PERSONAS)) {
        const rng = () => createRng(5, `${q.id}:${name}`, "style");
        const partial = stylizeQuery({ query: q.query, features, promptType: "partial" }, rng());
        const full = stylizeQuery({ query: q.query, features, promptType: "full" }, rng());
        const groups = new Set(partial.applied.map((a) => TRANSFORM_GROUP[a]));
        assert.ok(!groups.has(undefined), `unknown transformation in ${partial.applied.join(",")}`);
        assert.ok(groups.size <= 4, `${name} ${q.id}: ${[...groups].join(",")}`);
        assert.ok(partial.applied.length > 0, `${name} ${q.id}: nothing applied`);
        fullChanges += full.applied.length;
        partialChanges += partial.applied.length;
      }
    }
    assert.ok(partialChanges < fullChanges, `partial ${partialChanges} vs full ${fullChanges}`);
  });

  test("the target length overrides the persona's own preference", () => {
    let longer = 0;
    const sample = queries.filter((_, i) => i % 9 === 0);
    for (const q of sample) {
      const run = (targetLength: "very_short" | "long") =>
        stylizeQuery(
          { query: q.query, features: PERSONAS.neutral_marketer ?? {}, targetLength },
          createRng(1, q.id, "style"),
        ).adapted_query.split(/\s+/).length;
      if (run("long") > run("very_short")) longer++;
    }
    assert.equal(longer, sample.length);
  });

  // The request is put another way ("explain the difference" may become "how do … differ"), so the
  // words that must stay are what it is about; the meaning check credits the reworded request verb.
  test("very short rewrites drop filler but keep what the request is about", () => {
    const query = "Hi! Could you please explain the difference between a Roth IRA and a 401(k)? Thanks!";
    for (let seed = 0; seed < 10; seed++) {
      const out = stylizeQuery(
        { query, features: { formality_level: "neutral" }, targetLength: "very_short" },
        createRng(seed, "x", "style"),
      );
      assert.doesNotMatch(out.adapted_query, /\b(?:hi|please|thanks|could you)\b/i, out.adapted_query);
      for (const word of ["roth", "ira", "401(k)"])
        assert.ok(out.adapted_query.toLowerCase().includes(word), `${word}: ${out.adapted_query}`);
      assert.ok(meaningOverlap(query, out.adapted_query).score >= 0.8, out.adapted_query);
      assert.ok(out.adapted_query.length < query.length);
    }
  });

  test("code, URLs, emails, numbers and quotes survive byte-identical for any persona", () => {
    const tricky = [
      "Why does `git rebase -i HEAD~3` fail on https://example.com/team/repo.git? Email me at dev.ops@example.com, I'm on v2.3.1.",
      'My test prints "expected 3 but got 4" and then ```\nassert add(1, 2) == 3\n``` fails. What is wrong with the function?',
      "Can you please check whether 12.5% of $1,499.99 is really $187.50? I think it's off by a few cents.",
      "The config at ./config/app.yaml sets max_retries to 5 but the logs in /var/log/app.log show 'retry 6 of 5'.",
    ];
    const rng = createRng(77, "personas", "stylize-protected");
    for (let i = 0; i < 60; i++) {
      const features = randomPersona(banks[i % 2] as PersonaBank, rng);
      for (const query of tricky) {
        const out = stylizeQuery({ query, features, promptType: i % 3 === 0 ? "partial" : "full" }, rng);
        for (const part of spanTexts(query, REWRITE_SPANS))
          assert.ok(out.adapted_query.includes(part), `lost ${JSON.stringify(part)}:\n${out.adapted_query}`);
        assert.doesNotMatch(out.adapted_query, /[\uE000-\uF8FF]/u, "a placeholder leaked");
      }
    }
  });

  test("random personas from both banks never lose the request's content", () => {
    const rng = createRng(11, "random-personas", "stylize");
    let checked = 0;
    for (let i = 0; i < 400; i++) {
      const features = randomPersona(banks[i % 2] as PersonaBank, rng);
      const q = rng.pick(queries);
      const targetLength = rng.pick(["very_short", "short", "medium", "long"] as const);
      const out = stylizeQuery(
        { query: q.query, features, targetLength, promptType: rng.chance(0.5) ? "full" : "partial" },
        rng,
      );
      const { score, missing } = meaningOverlap(keptMeaning(q.query, targetLength), out.adapted_query);
      assert.ok(
        score >= keptShareFor(targetLength),
        `${q.id} ${JSON.stringify(features)}\n${out.adapted_query}\nmissing ${missing}`,
      );
      assert.notEqual(out.adapted_query.trim(), "");
      checked++;
    }
    assert.equal(checked, 400);
  });

  test("politeness turns an imperative into a request and leaves questions as questions", () => {
    const polite: PersonaFeatures = {
      politeness: "very_polite",
      formality_level: "neutral",
      query_length_pref: "medium",
    };
    for (let seed = 0; seed < 20; seed++) {
      const imperative = stylizeQuery(
        { query: "Write a haiku about autumn rain.", features: polite },
        createRng(seed, "imperative", "style"),
      ).adapted_query;
      // No bare imperative left: the request is asked for (a frame or a courtesy wrapper), politely.
      assert.doesNotMatch(imperative, /(?:^|[.!?]\s+)write\b/i, imperative);
      assert.match(imperative, /haiku about autumn rain/i, imperative);
      assert.match(
        imperative,
        /please|kindly|thank|appreciat|grateful|would you|could you|I'd like/i,
        imperative,
      );
      const question = stylizeQuery(
        { query: "Do I need static stretching before a run?", features: polite },
        createRng(seed, "question", "style"),
      ).adapted_query;
      assert.match(question, /static stretching before a run[^.!]*\?/i, question);
      assert.match(question, /thank|appreciat|grateful/i, question);
    }
  });

  test("an empty request stays empty", () => {
    const out = stylizeQuery({ query: "   ", features: PERSONAS.casual_teen ?? {} }, createRng(1, "e", "s"));
    assert.deepEqual(out, {
      adapted_query: "",
      inferred_domain: "others",
      inferred_scenario: "others",
      applied: [],
    });
  });

  test("the clean rewrite never has typos, even for a sloppy typist (typos are the distractor's job)", () => {
    const sloppy: PersonaFeatures = { typing_accuracy: "frequent_typos", formality_level: "very_casual" };
    const known = new Set(dictionaryLines().map((line) => (line.split("->")[0] ?? "").trim().toLowerCase()));
    for (const q of queries.slice(0, 120)) {
      const out = stylizeQuery({ query: q.query, features: sloppy }, createRng(4, q.id, "style"));
      const had = new Set(q.query.toLowerCase().match(/[a-z']+/g) ?? []);
      const added = (out.adapted_query.toLowerCase().match(/[a-z']+/g) ?? []).filter(
        (w) => known.has(w) && !had.has(w),
      );
      assert.deepEqual(added, [], out.adapted_query);
      assert.ok(!out.applied.includes("typos"));
    }
  });

  test("emoji appear only for personas that have them", () => {
    const clean: PersonaFeatures = {
      typing_accuracy: "meticulous",
      emoji_use: "never",
      formality_level: "very_casual",
    };
    for (const q of queries.slice(0, 60)) {
      const out = stylizeQuery({ query: q.query, features: clean }, createRng(3, q.id, "style"));
      assert.ok(!out.applied.includes("typos") && !out.applied.includes("emoji"), out.adapted_query);
      assert.doesNotMatch(out.adapted_query, /\p{Extended_Pictographic}/u);
    }
  });
});
