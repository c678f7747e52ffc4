import assert from "node:assert/strict";
import { test } from "node:test";
import { stylizeQuery } from "../../../src/offline/style/stylize.js";
import { personaTraits } from "../../../src/offline/traits/persona-traits.js";
import { loadPersonaBank } from "../../../src/persona/bank.js";
import { createRng } from "../../../src/rng/random.js";
import { BUNDLED_BANK, seedQueries } from "../fixtures.js";

// A persona shows in how the request is put, never in a sentence saying who the user is ("For
// context, I'm an entry-level tradesperson"): people rarely introduce themselves to a model.

test("no rewrite introduces the user, at any target length: 0 of 2,000", () => {
  const bank = loadPersonaBank(BUNDLED_BANK);
  const queries = seedQueries();
  const rng = createRng(4, "personas", "test");
  const found: string[] = [];
  let described = 0;
  for (let i = 0; i < 2000; i++) {
    const features: Record<string, string> = {};
    for (const d of bank.dimensions) if (rng.chance(0.7)) features[d.name] = rng.pick(d.values);
    const who = personaTraits(features).selfDescription;
    if (who !== undefined) described++;
    const q = queries[i % queries.length] as { id: string; query: string };
    const out = stylizeQuery(
      { query: q.query, features, targetLength: (["medium", "long"] as const)[i % 2] },
      createRng(4, `${q.id}:${i}`, "style"),
    ).adapted_query;
    if (
      /\b(?:for context|by way of background|a bit of background|some context|fyi i'm|i should mention that i am)\b/i.test(
        out,
      )
    )
      found.push(out);
    else if (who !== undefined && new RegExp(`\\b(?:I'm|I am) ${who}`, "i").test(out)) found.push(out);
  }
  assert.ok(described > 1000, `only ${described} personas with a role to announce`);
  assert.deepEqual(found, []);
});
