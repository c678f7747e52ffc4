import assert from "node:assert/strict";
import { test } from "node:test";
import { stylizeQuery } from "../../../src/offline/style/stylize.js";
import { createRng } from "../../../src/rng/random.js";
import { meaningOverlap } from "../../../src/text/meaning-overlap.js";
import { keptMeaning, keptShareFor, PERSONAS, seedQueries, VARIED_QUERY_IDS } from "../fixtures.js";

/**
 * The issue's "done when": 20 varied seed queries × 5 contrasting personas. Each persona's rewrites
 * differ from the others', measurable style differences hold across the set, and no rewrite loses
 * the request's content.
 */

const queries = seedQueries().filter((q) => VARIED_QUERY_IDS.includes(q.id));
const names = Object.keys(PERSONAS);
const adapted = new Map<string, string[]>(); // persona → rewrites, in query order
for (const name of names) {
  adapted.set(
    name,
    queries.map(
      (q) =>
        stylizeQuery(
          { query: q.query, features: PERSONAS[name] ?? {}, promptType: "full" },
          createRng(2024, `${q.id}|${name}`, "style_transfer"),
        ).adapted_query,
    ),
  );
}
const textsOf = (name: string): string[] => adapted.get(name) ?? [];

// Measures on the text outside quotes and code, so a quoted "isn't" does not count as the user's own.
const withoutQuoted = (text: string): string => text.replace(/"[^"]*"|'[^']*'|`[^`]*`/g, " ");
const words = (text: string): number => text.split(/\s+/).filter((w) => w !== "").length;
const rate = (texts: string[], test: (text: string) => boolean): number =>
  texts.filter(test).length / texts.length;
const CONTRACTION =
  /\b\w+n['’]t\b|\b\w+['’](?:m|re|ve|ll|d)\b|\b(?:it|that|what|there|here|let|who|how|where)['’]s\b/i;
const POLITE =
  /\b(?:please|pls|plz|thank|thanks|thx|ty|would you mind|would you kindly|appreciate|grateful|kindly)\b/i;
const EMOJI = /\p{Extended_Pictographic}/u;
const startsLower = (text: string): boolean => /^\p{Ll}/u.test(text);

const metrics = names.map((name) => {
  const texts = textsOf(name);
  return {
    name,
    avgWords: texts.reduce((sum, t) => sum + words(t), 0) / texts.length,
    lowercaseStart: rate(texts, startsLower),
    contractions: rate(texts, (t) => CONTRACTION.test(withoutQuoted(t))),
    politeness: rate(texts, (t) => POLITE.test(withoutQuoted(t))),
    emoji: rate(texts, (t) => EMOJI.test(t)),
  };
});
const metric = (name: string) => {
  const m = metrics.find((x) => x.name === name);
  assert.ok(m, name);
  return m;
};

test("the fixture has 20 queries and 5 personas", () => {
  assert.equal(queries.length, 20);
  assert.equal(names.length, 5);
});

test("for every query the five personas' rewrites are pairwise different", () => {
  queries.forEach((q, i) => {
    const texts = names.map((name) => textsOf(name)[i]);
    assert.equal(new Set(texts).size, names.length, `${q.id}: ${JSON.stringify(texts, null, 2)}`);
  });
});

test("style differences are measurable across the 20 queries", (t) => {
  const pct = (x: number): string => `${Math.round(x * 100)}%`.padStart(5);
  t.diagnostic("persona            avg words  lowercase  contractions  politeness  emoji");
  for (const m of metrics)
    t.diagnostic(
      `${m.name.padEnd(18)} ${m.avgWords.toFixed(1).padStart(9)}  ${pct(m.lowercaseStart)}      ${pct(m.contractions)}         ${pct(m.politeness)}     ${pct(m.emoji)}`,
    );

  assert.ok(metric("formal_lawyer").avgWords > metric("rushed_expert").avgWords, "long > very_short");
  assert.ok(metric("formal_lawyer").avgWords > metric("neutral_marketer").avgWords, "long > medium");
  assert.ok(metric("neutral_marketer").avgWords > metric("rushed_expert").avgWords, "medium > very_short");
  assert.ok(metric("casual_teen").lowercaseStart > metric("formal_lawyer").lowercaseStart, "lowercase");
  assert.ok(metric("casual_teen").lowercaseStart >= 0.8);
  assert.equal(metric("formal_lawyer").lowercaseStart, 0);
  assert.ok(metric("casual_teen").contractions > metric("formal_lawyer").contractions, "contractions");
  assert.equal(metric("formal_lawyer").contractions, 0, "a very formal writer expands contractions");
  assert.ok(metric("polite_retiree").politeness > metric("rushed_expert").politeness, "politeness");
  assert.ok(metric("polite_retiree").politeness >= 0.9);
  assert.ok(metric("casual_teen").emoji >= 0.5, "the emoji persona uses emoji");
  for (const name of names.filter((n) => n !== "casual_teen"))
    assert.equal(metric(name).emoji, 0, `${name} uses no emoji`);
});

// A short target keeps the sentence that asks and may drop the side details (the template's "ultra
// brief, single question"); a medium or long one keeps the whole request.
test("every rewrite keeps the request's content (meaning overlap ≥ 0.8; 0.7 of the ask when very short)", () => {
  for (const name of names) {
    const target = String(PERSONAS[name]?.query_length_pref ?? "medium");
    queries.forEach((q, i) => {
      const text = textsOf(name)[i] ?? "";
      const { score, missing } = meaningOverlap(keptMeaning(q.query, target), text);
      assert.ok(
        score >= keptShareFor(target),
        `${name} ${q.id}: ${score.toFixed(2)} missing ${missing.join(", ")}\n${text}`,
      );
    });
  }
});

test("numbers, quoted text and code come through byte-identical", () => {
  const protectedRe = /"[^"]+"|(?<![\p{L}])'[^']+'(?![\p{L}])|`[^`]+`|[$£€]?\d+(?:[.,:]\d+)*%?/gu;
  let checked = 0;
  for (const name of names) {
    queries.forEach((q, i) => {
      const text = textsOf(name)[i] ?? "";
      for (const piece of q.query.match(protectedRe) ?? []) {
        checked++;
        assert.ok(text.includes(piece), `${name} ${q.id} lost ${JSON.stringify(piece)}\n${text}`);
      }
    });
  }
  assert.ok(checked > 100, `only ${checked} protected pieces checked`);
});
