import assert from "node:assert/strict";
import { test } from "node:test";
import { DataError, InterruptedError } from "../../src/errors.js";
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

test("an aborted signal stops new items as an interruption, even when no item sees the signal", async () => {
  const controller = new AbortController();
  const started: number[] = [];
  const committed: number[] = [];
  const result = await executeInOrder({
    items: Array.from({ length: 100 }, (_, i) => i),
    idOf: (i) => `item-${i}`,
    window: 4,
    signal: controller.signal,
    // Items ignore the signal (as the offline workers' items do); the fifth start aborts the run.
    run: async (i) => {
      started.push(i);
      if (i === 4) controller.abort();
      await sleep(1);
      return i;
    },
    commit: async (i) => {
      committed.push(i);
    },
  });
  assert.ok(result.stoppedBy instanceof InterruptedError, `stopped by ${String(result.stoppedBy)}`);
  assert.ok(started.length < 100, "no new item after the abort");
  assert.deepEqual(committed, started, "the items already open finish and are stored");
});
