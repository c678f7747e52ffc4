import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng, type Rng } from "../../src/rng/random.js";
import { contentId } from "../../src/util/hash.js";
import { IdMap } from "../../src/util/id-map.js";

/** An id of one of the shapes a store meets, some of them near-misses of the packed form. */
function someId(rng: Rng, i: number): string {
  const hex = contentId("x", `id-${rng.int(50_000)}`).slice(2);
  switch (rng.int(8)) {
    case 0:
      return `persona_${hex}`;
    case 1:
      return `p${rng.int(300)}_${hex}`; // more prefixes than the map interns
    case 2:
      return `interaction_${hex.toUpperCase()}`; // not lowercase: another id than the lowercase one
    case 3:
      return `interaction_${hex.slice(1)}`; // 15 digits
    case 4:
      return `interaction-${hex}`; // no underscore
    case 5:
      return `sample_${i % 977}`; // an imported id
    case 6:
      return `_${hex}`; // empty prefix
    default:
      return `interaction_${hex}`;
  }
}

test("IdMap holds exactly what a Map holds: packed ids, other ids, 300 prefixes, through its growth", () => {
  const rng = createRng(1, "id-map", "test");
  const map = new IdMap();
  const model = new Map<string, number>();
  for (let i = 0; i < 200_000; i++) {
    const id = someId(rng, i);
    const value = rng.int(256);
    assert.equal(map.add(id, value), !model.has(id), id);
    if (!model.has(id)) model.set(id, value);
    if (i % 7 === 0) {
      const probe = someId(rng, i + 1);
      assert.equal(map.get(probe), model.get(probe), probe);
      assert.equal(map.has(probe), model.has(probe), probe);
    }
  }
  assert.equal(map.size, model.size);
  for (const [id, value] of model) assert.equal(map.get(id), value, id);
});

test("IdMap: an id differing from a held one in any single hex digit, or in its prefix, is not held", () => {
  const map = new IdMap();
  const id = "interaction_0123456789abcdef";
  assert.equal(map.add(id, 2), true);
  assert.equal(map.add(id, 5), false);
  assert.equal(map.get(id), 2, "a second add keeps the first value");
  for (let i = 12; i < id.length; i++) {
    const other = `${id.slice(0, i)}${id[i] === "0" ? "1" : "0"}${id.slice(i + 1)}`;
    assert.equal(map.has(other), false, other);
  }
  assert.equal(map.has("persona_0123456789abcdef"), false);
  assert.equal(map.has("interaction_0123456789ABCDEF"), false);
  assert.equal(map.get("never_0123456789abcdef"), undefined);
});
