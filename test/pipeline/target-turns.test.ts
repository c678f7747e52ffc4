import assert from "node:assert/strict";
import { test } from "node:test";
import { targetTurnsFor } from "../../src/pipeline/target-turns.js";
import { createRng } from "../../src/rng/random.js";

// Issue 14: `target_turns` ignored `follow_up_tendency` (a one-shot user was planned 5-turn
// conversations as often as an exhaustive one).

function mean(tendency: string | undefined, min = 2, max = 5): number {
  const rng = createRng(3, "target-turns", tendency ?? "none");
  const features = tendency === undefined ? {} : { follow_up_tendency: tendency };
  let sum = 0;
  for (let i = 0; i < 2000; i++) {
    const n = targetTurnsFor(features, min, max, rng);
    assert.ok(n >= min && n <= max, `${n} outside ${min}..${max}`);
    sum += n;
  }
  return sum / 2000;
}

test("planned conversation length rises with the persona's follow-up tendency, in both banks' spellings", () => {
  const bundled = ["one_shot", "occasional", "iterative", "exhaustive"].map((t) => mean(t));
  const upstream = ["one_shot", "occasional_followup", "iterative", "deep_dive"].map((t) => mean(t));
  for (const means of [bundled, upstream]) {
    for (let i = 1; i < means.length; i++) assert.ok(means[i]! > means[i - 1]!, means.join(" "));
    assert.ok(means[3]! - means[0]! >= 1.5, means.join(" "));
  }
});

test("without a known tendency the whole min..max range is used, and a one-turn range stays one value", () => {
  const m = mean(undefined);
  assert.ok(m > 3.2 && m < 3.8, String(m));
  assert.equal(mean("exhaustive", 3, 3), 3);
});
