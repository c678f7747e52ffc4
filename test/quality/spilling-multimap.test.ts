import assert from "node:assert/strict";
import { test } from "node:test";
import { BloomFilter } from "../../src/quality/bloom-filter.js";
import { ExactTable } from "../../src/quality/exact-table.js";
import { hash52 } from "../../src/quality/fast-hash.js";
import { RecordFile } from "../../src/quality/record-file.js";
import { SpillingMultimap } from "../../src/quality/spilling-multimap.js";
import { createRng } from "../../src/rng/random.js";

test("a spilling multimap returns the first values of a key in order, as a Map of arrays would", () => {
  const rng = createRng(3, "multimap", "reference");
  // Few distinct keys (many values each, spread over many runs) and large ones near 2^52.
  const keyOf = (i: number) => (i % 3 === 0 ? rng.int(50) : 2 ** 52 - 1 - rng.int(5000));
  for (const inMemory of [1, 7, 64, 100_000]) {
    const map = new SpillingMultimap({ inMemory });
    const reference = new Map<number, number[]>();
    for (let value = 0; value < 5000; value++) {
      const key = keyOf(value);
      map.add(key, value);
      reference.set(key, [...(reference.get(key) ?? []), value]);
      if (value % 997 !== 0) continue;
      for (const [k, values] of reference) {
        for (const limit of [1, 8, 1000]) assert.deepEqual(map.valuesOf(k, limit), values.slice(0, limit));
      }
    }
    assert.equal(map.size, 5000);
    for (const [k, values] of reference) assert.deepEqual(map.valuesOf(k, 10_000), values);
    assert.deepEqual(map.valuesOf(51, 8), []);
    assert.deepEqual(map.valuesOf(2 ** 52 - 6000, 8), []);
    map.close();
  }
});

test("an exact table keeps the first item of each hash, spilled or not", () => {
  const small = new ExactTable({ inMemory: 3 });
  const large = new ExactTable();
  const first = new Map<number, number>();
  for (let item = 0; item < 3000; item++) {
    const hash = hash52(`text ${item % 1200}`);
    const expected = first.get(hash);
    if (expected === undefined) first.set(hash, item);
    assert.equal(small.firstOf(hash, item), expected);
    assert.equal(large.firstOf(hash, item), expected);
  }
  small.close();
});

test("a record file reads back every record, from memory or from its file", () => {
  const records = new RecordFile(5, { inMemory: 4 });
  for (let i = 0; i < 1000; i++) records.append(Uint8Array.of(i & 255, i >> 8, 7, 8, 9, 99));
  assert.equal(records.size, 1000);
  const into = new Uint8Array(5);
  for (const i of [0, 3, 4, 500, 995, 996, 999]) {
    records.read(i, into);
    assert.deepEqual([...into], [i & 255, i >> 8, 7, 8, 9]);
  }
  records.close();
});

test("a Bloom filter never misses a key it holds and passes about 2.5% of the others", () => {
  const bloom = new BloomFilter(20_000);
  for (let i = 0; i < 20_000; i++) bloom.add(hash52(`in ${i}`));
  for (let i = 0; i < 20_000; i++) assert.ok(bloom.mayHave(hash52(`in ${i}`)));
  let passed = 0;
  for (let i = 0; i < 100_000; i++) if (bloom.mayHave(hash52(`out ${i}`))) passed++;
  assert.ok(passed / 100_000 < 0.035, `false positive rate ${passed / 100_000}`);
});
