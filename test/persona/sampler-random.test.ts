import assert from "node:assert/strict";
import { test } from "node:test";
import type { LibraryEvent } from "../../src/events.js";
import { weightedHammingDistance } from "../../src/persona/diversity.js";
import { personaIdFor } from "../../src/persona/persona.js";
import { samplePersonas } from "../../src/persona/sampler.js";
import { upstreamBank, upstreamSampling, valuesByDimension } from "./fixtures.js";

const constraintDims = new Set(upstreamBank.dimensions.filter((d) => d.is_constraint).map((d) => d.name));
const values = valuesByDimension(upstreamBank);

test("upstream bank and config: every persona of 200 seeds × 20 meets every bound", () => {
  let relaxed = 0;
  let total = 0;
  for (let seed = 0; seed < 200; seed++) {
    const { personas, report } = samplePersonas({
      bank: upstreamBank,
      sampling: upstreamSampling,
      count: 20,
      runSeed: seed,
    });
    assert.equal(personas.length, 20);
    assert.equal(report.produced, 20);
    for (const p of personas) {
      const names = Object.keys(p.features);
      assert.equal(names.length, 15, "min_features = max_features = 15");
      assert.equal(p.metadata.feature_count, 15);
      assert.ok("query_length_pref" in p.features, "required dimension present");
      const constraints = names.filter((n) => constraintDims.has(n)).length;
      assert.ok(constraints >= 5 && constraints <= 20, `constraint count ${constraints}`);
      assert.equal(p.metadata.constraint_count, constraints);
      for (const [name, value] of Object.entries(p.features)) {
        assert.ok(values.get(name)?.has(value), `${name}=${value} belongs to its dimension`);
      }
      assert.equal(p.persona_id, personaIdFor(p.features));
      assert.equal(p.metadata.strategy, "random");
      if (p.metadata.diversity_relaxed) relaxed++;
      total++;
    }
    for (let i = 0; i < personas.length; i++) {
      for (let j = 0; j < i; j++) {
        const a = personas[i]!;
        const b = personas[j]!;
        const d = weightedHammingDistance(a.features, b.features);
        if (!a.metadata.diversity_relaxed)
          assert.ok(d >= 3, `seed ${seed}: distance ${d} between ${i} and ${j}`);
        assert.notEqual(a.persona_id, b.persona_id);
      }
    }
    if (report.min_distance_observed !== null) assert.ok(report.min_distance_observed >= 3);
  }
  assert.ok(relaxed / total < 0.01, `relaxed ${relaxed} of ${total}`);
});

test("the same seed gives the same personas in the same order; another seed different ones", () => {
  const run = (runSeed: number | string) =>
    samplePersonas({ bank: upstreamBank, sampling: upstreamSampling, count: 30, runSeed });
  const a = run(42);
  assert.deepEqual(run(42), a);
  const b = run(43);
  assert.notDeepEqual(
    b.personas.map((p) => p.persona_id),
    a.personas.map((p) => p.persona_id),
  );
  assert.equal(
    a.personas.filter((p) => b.personas.some((q) => q.persona_id === p.persona_id)).length,
    0,
    "no persona shared between two seeds",
  );
  assert.deepEqual(run("42"), a, "a string seed hashes like the number");
});

test("new personas keep their distance from the existing ones (and from each other)", () => {
  const first = samplePersonas({ bank: upstreamBank, sampling: upstreamSampling, count: 50, runSeed: 5 });
  const existing = first.personas.map((p) => p.features);
  const second = samplePersonas({
    bank: upstreamBank,
    sampling: upstreamSampling,
    count: 50,
    runSeed: 5,
    existing,
  });
  assert.equal(second.personas.length, 50);
  const firstIds = new Set(first.personas.map((p) => p.persona_id));
  for (const p of second.personas) {
    assert.ok(!firstIds.has(p.persona_id), "no persona repeated from the first run");
    if (p.metadata.diversity_relaxed) continue;
    for (const q of existing) assert.ok(weightedHammingDistance(p.features, q) >= 3);
  }
  // The rerun continues the streams (persona:50…), it does not replay the first run's.
  const together = samplePersonas({ bank: upstreamBank, sampling: upstreamSampling, count: 100, runSeed: 5 });
  assert.deepEqual(together.personas.slice(0, 50), first.personas);
});

test("a too-close candidate is redrawn, and after max_attempts the best one is accepted with a warning", () => {
  const events: LibraryEvent[] = [];
  // Distance 31 is out of reach for 15-feature personas of 33 dimensions that share query_length_pref.
  const { personas, report } = samplePersonas({
    bank: upstreamBank,
    sampling: upstreamSampling,
    count: 5,
    runSeed: 1,
    overrides: { min_hamming_distance: 31, max_attempts: 4 },
    events: (e) => events.push(e),
  });
  assert.equal(personas.length, 5);
  assert.equal(personas[0]?.metadata.diversity_relaxed, false, "the first persona has nothing to be near");
  assert.equal(personas[0]?.metadata.attempts, 1);
  for (const p of personas.slice(1)) {
    assert.equal(p.metadata.diversity_relaxed, true);
    assert.equal(p.metadata.attempts, 4);
  }
  assert.equal(report.relaxed, 4);
  assert.equal(report.attempts_total, 1 + 4 * 4);
  assert.equal(events.filter((e) => e.type === "warning").length, 4);
  assert.ok(report.min_distance_observed !== null && report.min_distance_observed < 31);
});

test("priority dimensions weigh priority_weight in the distance", () => {
  const a = { x: "1", y: "1", z: "1" };
  const b = { x: "2", y: "2" };
  assert.equal(weightedHammingDistance(a, b), 2, "z is not shared: it does not count");
  assert.equal(weightedHammingDistance(a, b, { priorityDimensions: ["x"], priorityWeight: 3 }), 4);
  assert.equal(weightedHammingDistance(a, a, { priorityDimensions: ["x"], priorityWeight: 3 }), 0);
});

test("feature_availability_rate can be overridden; bounds still hold", () => {
  const { personas } = samplePersonas({
    bank: upstreamBank,
    sampling: upstreamSampling,
    count: 20,
    runSeed: 9,
    overrides: { feature_availability_rate: 0 },
  });
  for (const p of personas) assert.equal(p.metadata.feature_count, 15);
});
