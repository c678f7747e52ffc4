import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng } from "../src/rng/random.js";

test("rng is deterministic", () => {
  assert.equal(createRng(1, "a", "b").next(), createRng(1, "a", "b").next());
});
