import assert from "node:assert/strict";
import { test } from "node:test";
import { DistinctCounter } from "../../src/quality/distinct-counter.js";
import { DEFAULT_NEAR_THRESHOLD, DuplicateIndex } from "../../src/quality/duplicate-index.js";
import { hash52 } from "../../src/quality/fast-hash.js";
import { jaccard } from "../../src/quality/minhash.js";
import { createRng } from "../../src/rng/random.js";

const rng = createRng(7, "dedup", "corpus");
const VOCABULARY = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}x`);

function text(words: number): string[] {
  return Array.from({ length: words }, () => rng.pick(VOCABULARY));
}

/** Replaces `k` words at positions at least two apart with fresh ones. */
function edit(words: readonly string[], k: number): string[] {
  const out = words.slice();
  const positions = rng.shuffle([...Array(Math.floor(out.length / 3)).keys()].map((i) => i * 3 + 1));
  for (const p of positions.slice(0, k)) out[p] = `fresh${rng.int(1e9)}`;
  return out;
}

test("planted exact and near duplicates of known Jaccard are found with precision and recall ≥ 0.95", (t) => {
  const base = Array.from({ length: 2000 }, () => text(60 + rng.int(40)));
  interface Doc {
    text: string;
    /** The earlier document it copies, when it is a planted duplicate (Jaccard ≥ the threshold). */
    copies?: number;
  }
  const docs: Doc[] = base.map((words) => ({ text: words.join(" ") }));
  let exactPlanted = 0;
  let nearPlanted = 0;
  let farPlanted = 0;
  for (let i = 0; i < 300; i++) {
    const of = rng.int(base.length);
    docs.push({ text: `  ${base[of]!.join("  ").toUpperCase()}!! `, copies: of });
    exactPlanted++;
  }
  for (let i = 0; i < 600; i++) {
    const of = rng.int(base.length);
    const near = i % 2 === 0;
    const size = base[of]!.length;
    const words = edit(base[of]!, near ? 1 + rng.int(2) : Math.ceil(0.12 * size) + rng.int(4));
    const similarity = jaccard(words.join(" "), base[of]!.join(" "));
    if (near) {
      assert.ok(similarity >= 0.87, `planted near duplicate at ${similarity}`);
      nearPlanted++;
      docs.push({ text: words.join(" "), copies: of });
    } else {
      assert.ok(similarity <= 0.65, `planted distinct text at ${similarity}`);
      farPlanted++;
      docs.push({ text: words.join(" ") });
    }
  }
  const order = rng.shuffle(docs.slice(base.length).map((_, i) => base.length + i));
  const index = new DuplicateIndex();
  assert.equal(DEFAULT_NEAR_THRESHOLD, 0.8);
  for (let i = 0; i < base.length; i++) assert.equal(index.add(docs[i]!.text).kind, "unique");
  let truePositive = 0;
  let flagged = 0;
  const kinds = { exact: 0, near: 0 };
  for (const d of order) {
    const verdict = index.add(docs[d]!.text);
    if (verdict.kind === "unique") continue;
    flagged++;
    kinds[verdict.kind]++;
    if (docs[d]!.copies === verdict.of) truePositive++;
  }
  const planted = exactPlanted + nearPlanted;
  const precision = truePositive / flagged;
  const recall = truePositive / planted;
  t.diagnostic(
    `precision ${precision.toFixed(4)}, recall ${recall.toFixed(4)} (${flagged} flagged of ${planted} planted)`,
  );
  assert.ok(precision >= 0.95, `precision ${precision} (${flagged} flagged)`);
  assert.ok(recall >= 0.95, `recall ${recall} (${planted} planted, ${farPlanted} distinct edits)`);
  assert.ok(kinds.exact >= exactPlanted, "case, spacing and punctuation never hide an exact copy");
});

test("the first copy is kept: later copies point at it, never at another copy", () => {
  const index = new DuplicateIndex();
  const words = text(50);
  assert.deepEqual(index.add(words.join(" ")), { kind: "unique" });
  assert.deepEqual(index.add(text(50).join(" ")), { kind: "unique" });
  assert.deepEqual(index.add(words.join(" ")), { kind: "exact", of: 0 });
  const near = index.add(edit(words, 1).join(" "));
  assert.equal(near.kind, "near");
  assert.equal(near.kind === "near" && near.of, 0);
  const nearer = index.add(edit(words, 1).join(" "));
  assert.equal(nearer.kind === "near" && nearer.of, 0);
  assert.equal(index.size, 5);
});

test("the threshold is configurable: a strict index misses what a loose one finds", () => {
  const words = text(60);
  const edited = edit(words, 5).join(" ");
  const similarity = jaccard(words.join(" "), edited);
  assert.ok(similarity > 0.6 && similarity < 0.8, `${similarity}`);
  const strict = new DuplicateIndex({ threshold: 0.95 });
  strict.add(words.join(" "));
  assert.equal(strict.add(edited).kind, "unique");
  const loose = new DuplicateIndex({ threshold: 0.5 });
  loose.add(words.join(" "));
  assert.equal(loose.add(edited).kind, "near");
});

test("distinct counts are exact up to 50,000 values and within 2% beyond, whatever the order", () => {
  const small = new DistinctCounter();
  for (let i = 0; i < 1000; i++) small.add(hash52(`w${i % 700}`));
  assert.equal(small.count, 700);
  const large = new DistinctCounter();
  const reversed = new DistinctCounter();
  for (let i = 0; i < 300_000; i++) large.add(hash52(`w${i % 200_000}`));
  for (let i = 299_999; i >= 0; i--) reversed.add(hash52(`w${i % 200_000}`));
  assert.ok(Math.abs(large.count / 200_000 - 1) < 0.02, `${large.count}`);
  assert.equal(reversed.count, large.count);
});

test("an index spilled to temporary files gives the same verdicts as one held in memory", () => {
  // Short texts over a small vocabulary: many texts share a band (more than the candidates checked
  // per band), plus exact and near copies; a tiny memory bound spills and merges runs many times.
  const local = createRng(11, "dedup", "spill");
  const texts: string[] = [];
  for (let i = 0; i < 6000; i++) {
    const roll = local.next();
    if (i > 0 && roll < 0.1) texts.push(texts[local.int(i)]!.toUpperCase());
    else if (i > 0 && roll < 0.3) texts.push(`${texts[local.int(i)]!} w${local.int(40)}`);
    else texts.push(Array.from({ length: 2 + local.int(8) }, () => `w${local.int(40)}`).join(" "));
  }
  const inMemory = new DuplicateIndex();
  const spilled = new DuplicateIndex({ inMemory: 16 });
  const expected = texts.map((t) => inMemory.add(t));
  const actual = texts.map((t) => spilled.add(t));
  spilled.close();
  assert.deepEqual(actual, expected);
  const kinds = new Set(expected.map((v) => v.kind));
  assert.deepEqual([...kinds].sort(), ["exact", "near", "unique"]);
});
