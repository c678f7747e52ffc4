import assert from "node:assert/strict";
import { test } from "node:test";
import { LAYERS, type LayerName } from "../../src/noise/strategy-config.js";
import {
  BUNDLED_STRATEGIES as BUNDLED,
  offlineDistractor,
  noiseRecords as records,
} from "./distractor-helpers.js";

// The issue's rate table: 10,000 prompts through the offline Distractor per layer (the layer forced
// through layer_weights), each strategy's applied rate given that it could apply to the text,
// within 2 points of its configured probability. Counted from the records alone.
const PROMPTS = 10_000;
const TOLERANCE = 0.02;

function pct(x: number): string {
  return `${(100 * x).toFixed(1).padStart(5)}%`;
}

test("10,000 prompts per layer: each strategy applied at its configured rate given applicability (±2 points)", async (t) => {
  t.diagnostic("layer / strategy                        configured  applicable  applied");
  for (const layer of LAYERS) {
    const weights = Object.fromEntries(LAYERS.map((l) => [l, l === layer ? 1 : 0])) as Record<
      LayerName,
      number
    >;
    const file = { ...BUNDLED, layer_weights: weights };
    const distractor = offlineDistractor({ distractor: { activation_probability: 1 } }, file);
    const all = await records(distractor, PROMPTS);
    for (const { v } of all) {
      // The layer is a label only when one of its strategies applied; else the record says skipped.
      if (v.noise_type === "skipped") {
        assert.equal(v.layer, undefined);
        assert.equal(v.chosen_layer, layer);
        assert.deepEqual(v.applied_strategies, []);
      } else {
        assert.equal(v.layer, layer);
        assert.equal(v.noise_intensity, LAYERS.indexOf(layer) + 1);
        assert.ok(v.applied_strategies.length > 0);
      }
    }
    for (const [name, strategy] of Object.entries(BUNDLED.strategies[layer])) {
      const applicable = all.filter(({ v }) => !(v.skipped_strategies ?? []).includes(name));
      const applied = applicable.filter(({ v }) => v.applied_strategies.includes(name)).length;
      const rate = applied / applicable.length;
      const configured = strategy.mandatory ? 1 : (strategy.probability ?? 0);
      t.diagnostic(
        `${`${layer} / ${name}`.padEnd(40)}  ${pct(configured)}     ${pct(applicable.length / PROMPTS)}     ${pct(rate)}`,
      );
      assert.ok(applicable.length >= 1000, `${name} applicable to only ${applicable.length} prompts`);
      assert.ok(Math.abs(rate - configured) <= TOLERANCE, `${name}: ${rate} vs ${configured}`);
    }
  }
});

test("10,000 prompts with rule noise: each rule applied at its probability given applicability (±2 points)", async (t) => {
  const rules = [
    { name: "misspelling", probability: 0.3, intensity: 0.2 },
    { name: "word_swap", probability: 0.2, intensity: 0.1 },
    { name: "filler", probability: 0.4, intensity: 0.3 },
    { name: "punctuation", probability: 0.5 },
  ];
  const distractor = offlineDistractor({
    distractor: { activation_probability: 1, use_semantic: false, noise_strategies: rules },
  });
  const all = await records(distractor, PROMPTS);
  t.diagnostic("rule            configured  applicable  applied");
  for (const rule of rules) {
    const applicable = all.filter(({ v }) => !(v.skipped_strategies ?? []).includes(rule.name));
    const applied = applicable.filter(({ v }) => v.applied_strategies.includes(rule.name)).length;
    const rate = applied / applicable.length;
    t.diagnostic(
      `${rule.name.padEnd(16)}  ${pct(rule.probability)}     ${pct(applicable.length / PROMPTS)}     ${pct(rate)}`,
    );
    assert.ok(applicable.length >= 1000);
    assert.ok(Math.abs(rate - rule.probability) <= TOLERANCE, `${rule.name}: ${rate}`);
  }
  for (const { v } of all.filter(({ v }) => v.noise_type !== "skipped")) {
    const intensities = rules
      .filter((r) => v.applied_strategies.includes(r.name))
      .map((r) => r.intensity ?? 0.5);
    assert.equal(v.noise_intensity, Math.max(...intensities));
  }
});

test("distractor.replace_inapplicable: a drawn strategy that cannot apply is replaced by one that can, recorded", async () => {
  const weights = { surface_noise: 1, incomplete_info: 0, semantic_ambiguity: 0 };
  const distractor = offlineDistractor(
    { distractor: { activation_probability: 1, replace_inapplicable: true } },
    { ...BUNDLED, layer_weights: weights },
  );
  const all = await records(distractor, 600);
  const replaced = all.filter(({ v }) => v.replacements !== undefined);
  assert.ok(replaced.length >= 20, `${replaced.length} replacements`);
  for (const { v } of replaced) {
    for (const r of v.replacements as Array<{ drawn: string; applied: string }>) {
      assert.ok(v.skipped_strategies?.includes(r.drawn), `${r.drawn} was not applicable`);
      assert.ok(v.applied_strategies.includes(r.applied));
      assert.ok(!v.applied_strategies.includes(r.drawn));
    }
  }
});
