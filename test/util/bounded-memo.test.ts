import assert from "node:assert/strict";
import { test } from "node:test";
import { BoundedMemo } from "../../src/util/bounded-memo.js";

test("a bounded memo computes a key once while it is kept, and lets the key kept longest go first", () => {
  const computed: number[] = [];
  const memo = new BoundedMemo<number, { n: number }>(2);
  const compute = (n: number) => {
    computed.push(n);
    return { n };
  };
  const one = memo.get(1, compute);
  assert.equal(memo.get(1, compute), one);
  memo.get(2, compute);
  memo.get(3, compute); // full: 1 leaves, 2 and 3 stay
  assert.equal(memo.get(3, compute).n, 3);
  assert.notEqual(memo.get(1, compute), one); // computed again, equal
  assert.deepEqual(memo.get(1, compute), one);
  assert.deepEqual(computed, [1, 2, 3, 1]);
});
