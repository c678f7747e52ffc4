import assert from "node:assert/strict";
import { test } from "node:test";
import { deriveSeed } from "../../src/rng/derive-seed.js";
import { createRng } from "../../src/rng/random.js";

test("the same (seed, id, purpose) gives the same stream", () => {
  const a = createRng(42, "persona:1", "features");
  const b = createRng(42, "persona:1", "features");
  const xs = Array.from({ length: 100 }, () => a.next());
  const ys = Array.from({ length: 100 }, () => b.next());
  assert.deepEqual(xs, ys);
});

test("any change of seed, id or purpose gives an unrelated stream", () => {
  const base = createRng(42, "x", "p").nextUint32();
  assert.notEqual(createRng(43, "x", "p").nextUint32(), base);
  assert.notEqual(createRng(42, "y", "p").nextUint32(), base);
  assert.notEqual(createRng(42, "x", "q").nextUint32(), base);
  // Separators keep ("ab","c") and ("a","bc") apart.
  assert.notDeepEqual(deriveSeed(1, "ab", "c"), deriveSeed(1, "a", "bc"));
});

test("a string seed and a number seed are both accepted", () => {
  assert.equal(createRng("42", "x", "p").next(), createRng(42, "x", "p").next());
});

test("next() is uniform in [0, 1) and int(n) covers [0, n)", () => {
  const rng = createRng(7, "uniform", "test");
  const buckets = new Array(10).fill(0);
  for (let i = 0; i < 100_000; i++) {
    const x = rng.next();
    assert.ok(x >= 0 && x < 1);
    buckets[Math.floor(x * 10)]++;
  }
  for (const count of buckets) assert.ok(Math.abs(count - 10_000) < 500, `bucket ${count}`);
  const seen = new Set<number>();
  for (let i = 0; i < 1000; i++) seen.add(rng.int(6));
  assert.deepEqual([...seen].sort(), [0, 1, 2, 3, 4, 5]);
});

test("weighted choice follows the weights and never picks a zero weight", () => {
  const rng = createRng(1, "w", "test");
  const counts = [0, 0, 0];
  for (let i = 0; i < 30_000; i++) counts[rng.weightedIndex([0.2, 0, 0.8])]!++;
  assert.equal(counts[1], 0);
  assert.ok(Math.abs(counts[0]! / 30_000 - 0.2) < 0.015);
  assert.throws(() => rng.weightedIndex([0, 0]), RangeError);
});

test("shuffle is a permutation and sample returns distinct items", () => {
  const rng = createRng(3, "s", "test");
  const items = Array.from({ length: 50 }, (_, i) => i);
  const shuffled = rng.shuffle(items);
  assert.deepEqual(
    [...shuffled].sort((a, b) => a - b),
    items,
  );
  assert.notDeepEqual(shuffled, items);
  const picked = rng.sample(items, 10);
  assert.equal(new Set(picked).size, 10);
  assert.equal(rng.sample(items, 99).length, 50);
});

test("derived seeds are pinned: every stream of every saved plan and store depends on them", () => {
  const cases: Array<[number | string, string, string, number[]]> = [
    [42, "persona:1", "features", [610419607, 394057335, 2568725271, 3282236240]],
    ["run-7", "item_b99a8726beaec63c", "noise:2:layer", [3666648267, 974481451, 2953483600, 544466003]],
    [0, "", "", [1231933475, 3278396636, 913182138, 2955329778]],
    [1, "caf\u00e9 \ud83d\ude00", "\u0000", [2812761843, 3564561018, 1910587570, 2957562194]],
  ];
  for (const [seed, id, purpose, expected] of cases) {
    assert.deepEqual([...deriveSeed(seed, id, purpose)], expected, `${seed} ${id} ${purpose}`);
  }
});
