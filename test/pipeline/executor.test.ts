import assert from "node:assert/strict";
import { test } from "node:test";
import { DataError } from "../../src/errors.js";
import { executeInOrder } from "../../src/pipeline/executor.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("results are committed in item order, whatever order they finish in, while commits are slow", async () => {
  const items = Array.from({ length: 400 }, (_, i) => i);
  const committed: number[] = [];
  const result = await executeInOrder({
    items: [...items],
    idOf: (i) => `item-${i}`,
    window: 32,
    // Later items often finish first.
    run: async (i) => {
      await sleep((i * 7) % 5);
      return i * 10;
    },
    // Each commit waits like an fsync; items keep finishing meanwhile.
    commit: async (i, value) => {
      assert.equal(value, i * 10);
      committed.push(i);
      await sleep(2);
    },
  });
  assert.equal(result.done, 400);
  assert.deepEqual(result.failures, []);
  assert.deepEqual(committed, items);
});

test("a failed item is listed and skipped in the commit order; the others are committed in order", async () => {
  const committed: number[] = [];
  const result = await executeInOrder({
    items: [0, 1, 2, 3, 4],
    idOf: (i) => `item-${i}`,
    window: 2,
    run: async (i) => {
      await sleep(1);
      if (i === 2) throw new DataError("bad row");
      return i;
    },
    commit: async (i) => {
      committed.push(i);
    },
  });
  assert.deepEqual(committed, [0, 1, 3, 4]);
  assert.deepEqual(
    result.failures.map((f) => [f.item_id, f.code]),
    [["item-2", "DATA_INVALID"]],
  );
});
