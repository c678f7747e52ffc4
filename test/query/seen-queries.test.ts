import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { SeenQueries } from "../../src/query/seen-queries.js";

const sha1 = (text: string) => createHash("sha1").update(text).digest();

test("the duplicate index agrees with a plain Set over many keys, through its growth", () => {
  const seen = new SeenQueries();
  const texts = new Set<string>();
  for (let i = 0; i < 50_000; i++) {
    const text = `text ${i % 30_000}`; // 20,000 repeats
    const expected = texts.has(text) ? "text" : undefined;
    texts.add(text);
    assert.equal(seen.admit(sha1(text), `d:${i}`), expected);
  }
  assert.equal(seen.size, 30_000);
});

test("a repeated id is refused even with a new text, and refusing records nothing", () => {
  const seen = new SeenQueries();
  assert.equal(seen.admit(sha1("a"), "set:1"), undefined);
  assert.equal(seen.admit(sha1("b"), "set:1"), "id");
  assert.equal(seen.admit(sha1("b"), "set:2"), undefined); // "b" was not recorded by the refusal
  // hash ids: a different text whose digest shares the 48-bit id prefix is refused as a duplicate id.
  const digest = sha1("c");
  const id = `hash:${digest.toString("hex", 0, 6)}`;
  assert.equal(seen.admit(digest, id), undefined);
  const twin = Buffer.from(digest);
  twin[7] = (twin[7] ?? 0) ^ 0xff; // same first 6 bytes, different text digest
  assert.equal(seen.admit(twin, id), "id");
});
