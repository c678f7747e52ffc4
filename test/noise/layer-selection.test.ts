import assert from "node:assert/strict";
import { test } from "node:test";
import { chooseLayer, chooseStrategies, shouldActivate } from "../../src/noise/layer-selection.js";
import { LAYERS, type LayerName, loadStrategyFile } from "../../src/noise/strategy-config.js";
import { createRng } from "../../src/rng/random.js";
import { UPSTREAM } from "../helpers/paths.js";

const FILE = loadStrategyFile(`${UPSTREAM}distractor_strategy.yaml`);
const RUNS = 10_000;
const TOLERANCE = 0.02;

function pct(x: number): string {
  return `${(x * 100).toFixed(1).padStart(5)}%`;
}

test("over 10,000 draws, layer rates match layer_weights within 2 points", (t) => {
  const counts = new Map<LayerName, number>(LAYERS.map((l) => [l, 0]));
  for (let i = 0; i < RUNS; i++) {
    const layer = chooseLayer(FILE.layer_weights, createRng(11, `item-${i}`, "noise:layer"));
    counts.set(layer, (counts.get(layer) ?? 0) + 1);
  }
  t.diagnostic("layer                 configured  observed");
  for (const layer of LAYERS) {
    const observed = (counts.get(layer) ?? 0) / RUNS;
    const configured = FILE.layer_weights[layer];
    t.diagnostic(`${layer.padEnd(20)}  ${pct(configured)}     ${pct(observed)}`);
    assert.ok(Math.abs(observed - configured) <= TOLERANCE, `${layer}: ${observed} vs ${configured}`);
  }
});

test("over 10,000 draws per layer, strategies are drawn at their probabilities within 2 points", (t) => {
  t.diagnostic("layer / strategy                          configured  observed");
  for (const layer of LAYERS) {
    const strategies = FILE.strategies[layer];
    const names = Object.keys(strategies);
    const counts = new Map<string, number>(names.map((n) => [n, 0]));
    for (let i = 0; i < RUNS; i++) {
      const chosen = chooseStrategies(strategies, createRng(12, `item-${i}`, `noise:${layer}:strategies`));
      for (const name of chosen) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    for (const name of names) {
      const configured = strategies[name]?.probability ?? 0;
      const observed = (counts.get(name) ?? 0) / RUNS;
      t.diagnostic(`${`${layer} / ${name}`.padEnd(40)}  ${pct(configured)}     ${pct(observed)}`);
      assert.ok(Math.abs(observed - configured) <= TOLERANCE, `${name}: ${observed} vs ${configured}`);
    }
  }
});

test("over 10,000 draws, shouldActivate(0.25) fires 25 % of the time within 2 points", (t) => {
  let on = 0;
  for (let i = 0; i < RUNS; i++) if (shouldActivate(0.25, createRng(13, `item-${i}`, "noise:activate"))) on++;
  const observed = on / RUNS;
  t.diagnostic(`activation  configured ${pct(0.25)}  observed ${pct(observed)}`);
  assert.ok(Math.abs(observed - 0.25) <= TOLERANCE);
  assert.equal(shouldActivate(0, createRng(1, "a", "b")), false);
  assert.equal(shouldActivate(1, createRng(1, "a", "b")), true);
  assert.throws(() => shouldActivate(1.5, createRng(1, "a", "b")), RangeError);
});

test("mandatory strategies are always chosen; all-zero layers choose nothing; same seed, same choice", () => {
  const strategies = { a: { mandatory: true }, b: { probability: 0.5 }, c: { probability: 0 } };
  for (let i = 0; i < 200; i++) {
    const chosen = chooseStrategies(strategies, createRng(1, `x${i}`, "s"));
    assert.equal(chosen[0], "a");
    assert.ok(!chosen.includes("c"));
  }
  assert.deepEqual(chooseStrategies({ x: { probability: 0 } }, createRng(1, "x", "s")), []);
  assert.deepEqual(chooseStrategies({}, createRng(1, "x", "s")), []);
  const draw = () => chooseStrategies(FILE.strategies.surface_noise, createRng(5, "item", "s"));
  assert.deepEqual(draw(), draw());
  assert.equal(
    chooseLayer(FILE.layer_weights, createRng(5, "i", "l")),
    chooseLayer(FILE.layer_weights, createRng(5, "i", "l")),
  );
  assert.equal(
    chooseLayer({ surface_noise: 0, incomplete_info: 1, semantic_ambiguity: 0 }, createRng(1, "a", "b")),
    "incomplete_info",
  );
});
