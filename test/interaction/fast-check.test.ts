import assert from "node:assert/strict";
import { test } from "node:test";
import { fastInteraction } from "../../src/interaction/fast-check.js";
import { InteractionSchema } from "../../src/interaction/record.js";
import { makeInteraction } from "../helpers/interactions.js";

/** Whatever the fast check accepts, the schema accepts unchanged (no default needed). */
function agrees(value: unknown): boolean {
  const fast = fastInteraction(value);
  const parsed = InteractionSchema.safeParse(value);
  if (fast === undefined) return true;
  assert.ok(parsed.success, JSON.stringify(value).slice(0, 200));
  assert.deepEqual(parsed.data, value);
  return true;
}

test("complete records pass the fast check and match the schema's result exactly", () => {
  for (let i = 0; i < 50; i++) {
    const record = JSON.parse(JSON.stringify(makeInteraction(i, { turns: 1 + (i % 4), noisy: i % 2 === 0 })));
    assert.ok(fastInteraction(record), `record ${i}`);
    agrees(record);
  }
});

test("anything incomplete or malformed goes to the schema instead", () => {
  const base = () => JSON.parse(JSON.stringify(makeInteraction(1, { noisy: true })));
  // biome-ignore lint/suspicious/noExplicitAny: mutating arbitrary JSON
  const mutations: Array<(r: Record<string, any>) => void> = [
    (r) => delete r.persona_features, // needs the schema's default
    (r) => delete r.metadata,
    (r) => delete r.metadata.noisy_versions.followups,
    (r) => delete r.metadata.noisy_versions.initial_query.noisy_versions[0].applied_strategies,
    (r) => (r.num_turns = "2"),
    (r) => (r.num_turns = -1),
    (r) => (r.interaction_id = ""),
    (r) => (r.messages[0].role = "narrator"),
    (r) => (r.messages = "hello"),
    (r) => (r.metadata.termination_reason = "bored"),
    (r) => (r.metadata.assistant_model = { provider: 1 }),
    (r) => (r.persona_features.role = { nested: true }),
    (r) => (r.metadata.noisy_versions.followups[0].turn = 1.5),
  ];
  for (const [i, mutate] of mutations.entries()) {
    const record = base();
    mutate(record);
    assert.equal(fastInteraction(record), undefined, `mutation ${i}`);
  }
  assert.equal(fastInteraction(null), undefined);
  assert.equal(fastInteraction([]), undefined);
});
