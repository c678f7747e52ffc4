import assert from "node:assert/strict";
import { test } from "node:test";
import { stylizeQuery } from "../../../src/offline/style/stylize.js";
import { loadPersonaBank } from "../../../src/persona/bank.js";
import { createRng, type Rng } from "../../../src/rng/random.js";
import { BUNDLED_BANK, seedQueries } from "../fixtures.js";

// How an opener joins the request: after "hey," the request reads on in lower case, so a word that
// keeps its capital starts a sentence instead ("yo, Searching online…"), and a label prefix never
// stacks on another label ("Good afternoon, Time-sensitive: Correct my French: …").

const bank = loadPersonaBank(BUNDLED_BANK);

function persona(rng: Rng): Record<string, string> {
  const features: Record<string, string> = {};
  for (const dimension of bank.dimensions) features[dimension.name] = rng.pick(dimension.values);
  return features;
}

/** Each seed query with four persona rewrites of it. */
function rewrites(): Array<{ query: string; rewrite: string }> {
  const out: Array<{ query: string; rewrite: string }> = [];
  for (const q of seedQueries()) {
    for (let k = 0; k < 4; k++) {
      const rng = createRng(3, `${q.id}:${k}`, "opener");
      const rewrite = stylizeQuery({ query: q.query, features: persona(rng), promptType: "full" }, rng);
      out.push({ query: q.query, rewrite: rewrite.adapted_query });
    }
  }
  return out;
}

/** The labels with a colon in a text's first sentence ("Urgent:", "Correct my French:"). */
function labels(text: string): number {
  const first = /^[^.?!\n]*/.exec(text)?.[0] ?? "";
  return first.match(/(?<=^|[,:!]\s)[\p{L}\d'’ -]{2,32}:\s/gu)?.length ?? 0;
}

const REWRITES = rewrites();

test("a comma opener is followed by a lower-case word (or I), never by a capital", () => {
  const comma = REWRITES.map((r) => r.rewrite).filter((r) =>
    /^(?:hey|yo|ok so|hiya|hey so|Hey|Hey there|Hi|Hello|Good afternoon|Good morning), /.test(r),
  );
  assert.ok(comma.length > 100, `only ${comma.length} comma openers`);
  const capital = comma.filter((r) => /^[^,]+, (?!I\b|I['’])\p{Lu}/u.test(r));
  assert.deepEqual(capital, []);
});

test("no label with a colon stacks on another in the first sentence", () => {
  const stacked = REWRITES.filter((r) => labels(r.rewrite) >= 2 && labels(r.query) < 2);
  assert.deepEqual(stacked, []);
});

test("a sentence added after one that ends without a stop gets one ('… haha. Many thanks in advance.')", () => {
  const run = REWRITES.map((r) => r.rewrite).filter((r) =>
    /\b(?:haha|lol|here|today) (?:Many thanks|Thanks|Thank you)\b/.test(r),
  );
  assert.deepEqual(run, []);
});
