import assert from "node:assert/strict";
import { test } from "node:test";
import { HashSet } from "../../src/util/hash-set.js";

test("a hash set holds what was added and nothing else; adding twice keeps one", () => {
  const set = new HashSet();
  assert.equal(set.has(17), false);
  set.add(17);
  set.add(17);
  set.add(0x9e3779b9);
  assert.equal(set.has(17), true);
  assert.equal(set.has(0x9e3779b9), true);
  assert.equal(set.has(18), false);
  assert.equal(set.has(0x9e3779b8), false);
});

test("0 and negative keys are keys like any other; a key and its unsigned form are the same key", () => {
  const set = new HashSet();
  assert.equal(set.has(0), false);
  set.add(0);
  assert.equal(set.has(0), true);
  set.add(-1);
  set.add(-2147483648);
  assert.equal(set.has(-1), true);
  assert.equal(set.has(0xffffffff), true); // -1 >>> 0
  assert.equal(set.has(0x80000000), true); // -2^31 >>> 0
  assert.equal(set.has(-2), false);
  set.add(0xfffffffe);
  assert.equal(set.has(-2), true);
  // 2^32 is 0 as a 32-bit key: present only because 0 is.
  assert.equal(set.has(2 ** 32), true);
  const other = new HashSet();
  assert.equal(other.has(2 ** 32), false);
  other.add(2 ** 32);
  assert.equal(other.has(0), true);
});

test("keys that fall on the same slot, or wrap past the table's end, are all found", () => {
  const set = new HashSet();
  // The same low bits: one slot in a table of 64, and still few slots after it grows.
  const sameSlot = Array.from({ length: 40 }, (_, k) => k * 4096 + 5);
  // The last slot's low bits: probes wrap to the start.
  const lastSlot = Array.from({ length: 20 }, (_, k) => k * 64 + 63);
  for (const key of [...sameSlot, ...lastSlot]) set.add(key);
  for (const key of [...sameSlot, ...lastSlot]) assert.equal(set.has(key), true, `${key}`);
  for (let k = 40; k < 80; k++) assert.equal(set.has(k * 4096 + 5), false, `${k * 4096 + 5}`);
  for (let k = 20; k < 40; k++) assert.equal(set.has(k * 64 + 63), false, `${k * 64 + 63}`);
});

test("a hash set grows past its first table and keeps every key through each growth", () => {
  const set = new HashSet();
  const keys: number[] = [];
  let x = 0x12345678;
  for (let i = 0; i < 20_000; i++) {
    // xorshift32: keys spread over the whole 32-bit range, negative ones included.
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    keys.push(x | 0);
  }
  const reference = new Set<number>();
  for (const [i, key] of keys.entries()) {
    if (i % 2 === 0) {
      set.add(key);
      reference.add(key);
    }
  }
  for (const key of keys) assert.equal(set.has(key), reference.has(key), `${key}`);
});

test("a cleared hash set is empty, 0 included, and fills again", () => {
  const set = new HashSet();
  for (let k = -100; k <= 100; k++) set.add(k);
  set.clear();
  for (let k = -100; k <= 100; k++) assert.equal(set.has(k), false, `${k}`);
  set.add(42);
  assert.equal(set.has(42), true);
  assert.equal(set.has(0), false);
});
