import assert from "node:assert/strict";
import { test } from "node:test";
import { dictionaryLines } from "../../../src/text/cspell-dictionary.js";
import { runConversation, seedQueries } from "../conversation-fixtures.js";

// Issue 14: follow-ups ignored `typing_accuracy`. A careless typist now skips capitals and full stops
// more often than a careful one; misspellings stay out of the clean text (the distractor adds them,
// recorded as edits).

const queries = seedQueries().filter((_, i) => i % 4 === 0);
const known = new Set(dictionaryLines().map((l) => (l.split("->")[0] ?? "").trim().toLowerCase()));

function followUps(typing: string): string[] {
  const features = { typing_accuracy: typing, formality_level: "casual", follow_up_tendency: "iterative" };
  return queries.flatMap((q, i) =>
    runConversation(features, q, `${typing}:${i}`, 5)
      .turns.filter((t) => !t.satisfied && !t.gaveUp && t.feedback !== null)
      .map((t) => t.feedback as string),
  );
}

test("a careless typist's follow-ups start lower-case far more often than a meticulous one's, with no misspellings", () => {
  const lower = (xs: string[]) => xs.filter((x) => /^\p{Ll}/u.test(x)).length / xs.length;
  const meticulous = followUps("meticulous");
  const careless = followUps("frequent_typos");
  assert.ok(meticulous.length > 100 && careless.length > 100);
  assert.ok(lower(careless) >= lower(meticulous) + 0.3, `${lower(careless)} vs ${lower(meticulous)}`);
  for (const f of careless) {
    const typos = (f.toLowerCase().match(/[a-z']+/g) ?? []).filter((w) => known.has(w));
    assert.deepEqual(typos, [], f);
  }
});
