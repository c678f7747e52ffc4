import assert from "node:assert/strict";
import { test } from "node:test";
import type { LibraryEvent } from "../../src/events.js";
import { samplePersonas } from "../../src/persona/sampler.js";
import { samplingVariant, upstreamBank, valuesByDimension } from "./fixtures.js";

const values = valuesByDimension(upstreamBank);
const sizeOf = (name: string) => values.get(name)?.size ?? 0;

function cellCounts(personas: { features: Record<string, string> }[], dims: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of personas) {
    const key = dims.map((d) => p.features[d]).join("|");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

test("stratified: the least-used cell comes first, so a full cycle uses every cell equally", () => {
  const dims = ["multi_intent_rate", "risk_posture", "citation_pref"]; // 3 × 3 × 3 = 27 cells
  const sampling = samplingVariant({ strategy: "stratified", stratified_sampling: { stratify_by: dims } });
  const { personas } = samplePersonas({ bank: upstreamBank, sampling, count: 54, runSeed: 3 });
  assert.equal(personas.length, 54);
  for (const p of personas) for (const d of dims) assert.ok(d in p.features, `${d} is always present`);
  const counts = cellCounts(personas, dims);
  assert.equal(counts.size, 27);
  assert.deepEqual(new Set(counts.values()), new Set([2]));
  // After any prefix the spread is at most 1.
  for (const n of [1, 10, 27, 40]) {
    const c = [...cellCounts(personas.slice(0, n), dims).values()];
    const min = c.length < 27 ? 0 : Math.min(...c);
    assert.ok(Math.max(...c) - min <= 1, `after ${n}: ${min}..${Math.max(...c)}`);
  }
  for (const p of personas) assert.equal(p.metadata.strategy, "stratified");
});

test("stratified: usage counts include the existing personas", () => {
  const dims = ["multi_intent_rate", "risk_posture"];
  const sampling = samplingVariant({ strategy: "stratified", stratified_sampling: { stratify_by: dims } });
  const first = samplePersonas({ bank: upstreamBank, sampling, count: 5, runSeed: 8 });
  const second = samplePersonas({
    bank: upstreamBank,
    sampling,
    count: 13,
    runSeed: 8,
    existing: first.personas.map((p) => p.features),
  });
  const counts = [...cellCounts([...first.personas, ...second.personas], dims).values()];
  assert.equal(counts.length, 9);
  assert.deepEqual(new Set(counts), new Set([2]), "5 + 13 = 18 personas: every one of 9 cells twice");
});

test("custom: a rule sets the action dimension to a preferred value at ≈ boost_probability", () => {
  const condition = { dimension: "tech_proficiency", values: ["advanced", "expert"] };
  const rate = (boost: number) => {
    const sampling = samplingVariant({
      strategy: "custom",
      custom_rules: [
        {
          condition,
          action: { dimension: "code_preference", preferred_values: ["python"], boost_probability: boost },
        },
      ],
    });
    const { personas } = samplePersonas({ bank: upstreamBank, sampling, count: 3000, runSeed: 11 });
    for (const p of personas) {
      assert.equal(p.metadata.feature_count, 15, "rules keep the count bounds");
      assert.ok("query_length_pref" in p.features);
    }
    const matching = personas.filter((p) => condition.values.includes(p.features.tech_proficiency ?? ""));
    const hits = matching.filter((p) => p.features.code_preference === "python").length;
    return { rate: hits / matching.length, n: matching.length };
  };
  const baseline = rate(0);
  const boosted = rate(0.6);
  // Without the rule, python appears by chance (the dimension kept and the value drawn uniformly).
  const expected = 0.6 + 0.4 * baseline.rate;
  assert.ok(boosted.n > 300, `${boosted.n} personas match the condition`);
  assert.ok(
    Math.abs(boosted.rate - expected) < 0.07,
    `measured ${boosted.rate.toFixed(3)}, expected ≈ ${expected.toFixed(3)} (baseline ${baseline.rate.toFixed(3)})`,
  );
  assert.ok(baseline.rate < 0.1);
});

test("custom: a certain rule always fires", () => {
  const sampling = samplingVariant({
    strategy: "custom",
    custom_rules: [
      {
        condition: { dimension: "query_length_pref", values: ["very_short"] },
        action: { dimension: "length_pref", preferred_values: ["terse", "brief"], boost_probability: 1 },
      },
    ],
  });
  const { personas } = samplePersonas({ bank: upstreamBank, sampling, count: 200, runSeed: 2 });
  const matching = personas.filter((p) => p.features.query_length_pref === "very_short");
  assert.ok(matching.length > 20);
  for (const p of matching) assert.ok(["terse", "brief"].includes(p.features.length_pref ?? ""));
});

/** Every value pair of every two of `dims` that some persona holds. */
function coveredPairs(personas: { features: Record<string, string> }[], dims: string[]): Set<string> {
  const pairs = new Set<string>();
  for (const p of personas) {
    for (let a = 0; a < dims.length; a++) {
      for (let b = a + 1; b < dims.length; b++) {
        const va = p.features[dims[a]!];
        const vb = p.features[dims[b]!];
        if (va !== undefined && vb !== undefined) pairs.add(`${a}=${va}|${b}=${vb}`);
      }
    }
  }
  return pairs;
}

const coverageDims = ["role", "industry", "seniority", "age_band"]; // 20, 16, 9, 6 values
const pairsTotal = (dims: string[]) => {
  let n = 0;
  for (let a = 0; a < dims.length; a++)
    for (let b = a + 1; b < dims.length; b++) n += sizeOf(dims[a]!) * sizeOf(dims[b]!);
  return n;
};

test("coverage: 4 dimensions of the upstream bank, every value pair covered in few personas", (t) => {
  const sampling = samplingVariant({ strategy: "coverage", coverage: { dimensions: coverageDims } });
  const { personas, report } = samplePersonas({ bank: upstreamBank, sampling, count: 400, runSeed: 1 });
  const coverage = report.coverage;
  assert.ok(coverage);
  const total = pairsTotal(coverageDims);
  assert.equal(coverage.pairs_total, total);
  assert.equal(coverage.pairs_covered, total);
  assert.equal(coverage.ratio, 1);
  const lowerBound = 20 * 16; // product of the two largest value counts
  t.diagnostic(
    `coverage of ${coverageDims.join(", ")}: ${total} pairs in ${coverage.personas_needed} personas (lower bound ${lowerBound})`,
  );
  assert.equal(coverage.personas_needed, 320);
  assert.ok(coverage.personas_needed >= lowerBound);
  assert.ok(coverage.personas_needed <= lowerBound * 1.15, "within 15% of the theoretical minimum");
  // Checked from the personas themselves: the first personas_needed personas cover every pair.
  assert.equal(coveredPairs(personas.slice(0, coverage.personas_needed), coverageDims).size, total);
  assert.ok(coveredPairs(personas.slice(0, coverage.personas_needed - 1), coverageDims).size < total);
  // Then it goes on as random: 400 personas produced, all with the usual bounds.
  assert.equal(personas.length, 400);
  for (const p of personas) {
    assert.equal(p.metadata.feature_count, 15);
    assert.ok("query_length_pref" in p.features);
  }
  assert.ok(personas.slice(320).some((p) => coverageDims.some((d) => !(d in p.features))));
});

test("coverage: the greedy stays close to the minimum across seeds and dimension sets", (t) => {
  // [dimensions, product of the two largest value counts, allowed ratio]. With equal value counts
  // the lower bound is far from reachable (the best known covering of 5 × 4 values has 16 rows).
  for (const [dims, lowerBound, ratio] of [
    [["tone_pref", "scenario", "learning_style", "multi_intent_rate", "risk_posture"], 12 * 9, 1.25],
    [["specialization", "domain", "role"], 45 * 26, 1.25],
    [
      ["tech_proficiency", "ai_familiarity", "follow_up_tendency", "time_sensitivity", "error_tolerance"],
      16,
      1.5,
    ],
  ] as const) {
    for (const runSeed of [1, 2]) {
      const sampling = samplingVariant({ strategy: "coverage", coverage: { dimensions: [...dims] } });
      const { report } = samplePersonas({
        bank: upstreamBank,
        sampling,
        count: lowerBound * 2,
        runSeed,
        overrides: { min_hamming_distance: 0 },
      });
      const needed = report.coverage?.personas_needed ?? 0;
      t.diagnostic(`${dims.join(", ")} (seed ${runSeed}): ${needed} personas, lower bound ${lowerBound}`);
      assert.equal(report.coverage?.ratio, 1);
      assert.ok(needed >= lowerBound && needed <= lowerBound * ratio, `${needed} vs ${lowerBound}`);
    }
  }
});

test("coverage: too few personas report the coverage reached and how many are needed", () => {
  const events: LibraryEvent[] = [];
  const sampling = samplingVariant({ strategy: "coverage", coverage: { dimensions: coverageDims } });
  const { personas, report } = samplePersonas({
    bank: upstreamBank,
    sampling,
    count: 50,
    runSeed: 1,
    events: (e) => events.push(e),
  });
  assert.equal(personas.length, 50);
  const coverage = report.coverage;
  assert.ok(coverage);
  assert.equal(coverage.pairs_covered, coveredPairs(personas, coverageDims).size);
  assert.ok(coverage.ratio > 0 && coverage.ratio < 1);
  assert.ok(coverage.personas_needed >= 320);
  assert.ok(events.some((e) => e.type === "warning" && e.message.includes("coverage")));
});

test("coverage: a rerun with the stored personas covers only the missing pairs", () => {
  const sampling = samplingVariant({ strategy: "coverage", coverage: { dimensions: coverageDims } });
  const first = samplePersonas({ bank: upstreamBank, sampling, count: 200, runSeed: 4 });
  const second = samplePersonas({
    bank: upstreamBank,
    sampling,
    count: 200,
    runSeed: 4,
    existing: first.personas.map((p) => p.features),
  });
  const all = [...first.personas, ...second.personas];
  assert.equal(coveredPairs(all, coverageDims).size, pairsTotal(coverageDims));
  assert.equal(second.report.coverage?.ratio, 1);
  const needed = second.report.coverage?.personas_needed ?? 0;
  assert.ok(needed > 0 && needed < 200, `${needed} more personas`);
  assert.ok(200 + needed <= 320 * 1.15);
});

test("every strategy is deterministic and keeps the upstream bounds", () => {
  const constraintDims = new Set(upstreamBank.dimensions.filter((d) => d.is_constraint).map((d) => d.name));
  const variants = {
    stratified: samplingVariant({
      strategy: "stratified",
      stratified_sampling: { stratify_by: ["scenario", "length_pref"] },
    }),
    custom: samplingVariant({
      strategy: "custom",
      custom_rules: [
        {
          condition: { dimension: "role", values: ["engineer", "data"] },
          action: {
            dimension: "code_preference",
            preferred_values: ["python", "sql"],
            boost_probability: 0.9,
          },
        },
        {
          condition: { dimension: "scenario", values: ["in_a_rush"] },
          action: { dimension: "time_sensitivity", preferred_values: ["urgent"] },
        },
      ],
    }),
    coverage: samplingVariant({
      strategy: "coverage",
      coverage: { dimensions: ["tone_pref", "risk_posture", "age_band"] },
    }),
  };
  for (const [name, sampling] of Object.entries(variants)) {
    for (let seed = 0; seed < 20; seed++) {
      const run = () => samplePersonas({ bank: upstreamBank, sampling, count: 20, runSeed: seed });
      const { personas } = run();
      assert.deepEqual(run().personas, personas, `${name} seed ${seed} is deterministic`);
      for (const p of personas) {
        assert.equal(p.metadata.strategy, name);
        assert.equal(Object.keys(p.features).length, 15);
        assert.ok("query_length_pref" in p.features);
        const constraints = Object.keys(p.features).filter((n) => constraintDims.has(n)).length;
        assert.ok(constraints >= 5 && constraints <= 20);
        for (const [dim, value] of Object.entries(p.features)) assert.ok(values.get(dim)?.has(value));
      }
    }
  }
});
