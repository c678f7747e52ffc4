import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "../../src/errors.js";
import { samplePersonas } from "../../src/persona/sampler.js";
import type { SamplingConfig } from "../../src/persona/sampling-config.js";
import { samplingVariant, upstreamBank, upstreamSampling } from "./fixtures.js";

function issuesOf(sampling: SamplingConfig, extra: Partial<Parameters<typeof samplePersonas>[0]> = {}) {
  try {
    samplePersonas({ bank: upstreamBank, sampling, count: 1, runSeed: 1, ...extra });
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    assert.equal(error.code, "CONFIG_INVALID");
    return error.issues.map((i) => `${i.path}: ${i.message}`);
  }
  assert.fail("expected a ConfigError");
}

test("every unknown dimension is reported at once, with its key path", () => {
  const issues = issuesOf(
    samplingVariant({
      required_dimensions: ["query_length_pref", "shoe_size"],
      diversity: { priority_dimensions: ["tone"] },
      stratified_sampling: { stratify_by: ["nope"] },
      coverage: { dimensions: ["role", "colour"] },
      custom_rules: [
        {
          condition: { dimension: "roll", values: ["student"] },
          action: { dimension: "domain", preferred_values: ["educaton"] },
        },
      ],
    }),
  );
  assert.deepEqual(issues, [
    'required_dimensions[1]: unknown dimension "shoe_size" (not in the persona bank)',
    'diversity.priority_dimensions[0]: unknown dimension "tone" (not in the persona bank)',
    'stratified_sampling.stratify_by[0]: unknown dimension "nope" (not in the persona bank)',
    'coverage.dimensions[1]: unknown dimension "colour" (not in the persona bank)',
    'custom_rules[0].condition.dimension: unknown dimension "roll" (not in the persona bank)',
    'custom_rules[0].action.preferred_values[0]: "educaton" is not a value of "domain"',
  ]);
});

test("bounds this bank cannot meet are reported", () => {
  const issues = issuesOf(
    samplingVariant({
      random_sampling: { min_features: 40, max_features: 45 },
      constraints: { require_constraint: true, min_constraints: 17, max_constraints: 20 },
    }),
  );
  assert.deepEqual(issues, [
    "random_sampling.min_features: min_features (40) exceeds the 33 dimensions of the persona bank",
    "constraints.min_constraints: min_constraints (17) exceeds the 16 constraint dimensions of the persona bank",
  ]);
  assert.deepEqual(issuesOf(samplingVariant({ random_sampling: { min_features: 10, max_features: 4 } })), [
    "random_sampling.min_features: min_features (10) exceeds max_features (4)",
    "constraints.min_constraints: min_constraints (5) exceeds random_sampling.max_features (4)",
  ]);
  // 17 non-constraint dimensions: 33 features need 16 constraints, more than max_constraints allows.
  const [combined] = issuesOf(
    samplingVariant({
      random_sampling: { min_features: 33, max_features: 33 },
      constraints: { min_constraints: 0, max_constraints: 10 },
    }),
  );
  assert.match(
    combined ?? "",
    /^constraints: no persona can have 33–33 features with 1–10 constraint dimensions/,
  );
});

test("required and strategy dimensions must fit max_features", () => {
  const issues = issuesOf(
    samplingVariant({
      random_sampling: { min_features: 2, max_features: 3 },
      constraints: { min_constraints: 1, max_constraints: 3 },
      strategy: "coverage",
      coverage: { dimensions: ["role", "industry", "seniority"] },
    }),
  );
  assert.deepEqual(issues, [
    "required_dimensions: 4 dimensions must be in every persona but max_features is 3",
    "required_dimensions: 4 constraint dimensions must be in every persona but max_constraints is 3",
  ]);
});

test("strategies need their dimensions; overrides are checked under their own name", () => {
  assert.deepEqual(issuesOf(upstreamSampling, { overrides: { strategy: "coverage" } }), [
    "coverage.dimensions: the coverage strategy needs at least 2 dimensions",
  ]);
  assert.deepEqual(issuesOf(upstreamSampling, { overrides: { strategy: "stratified" } }), [
    "stratified_sampling.stratify_by: the stratified strategy needs at least 1 dimension",
  ]);
  assert.deepEqual(
    issuesOf(upstreamSampling, { overrides: { feature_availability_rate: 2, max_attempts: 0 }, count: -1 }),
    [
      "count: must be a non-negative integer, got -1",
      "overrides.feature_availability_rate: must be between 0 and 1",
      "overrides.max_attempts: must be a positive integer",
    ],
  );
});

test("the upstream files pass, and count 0 samples nothing", () => {
  const { personas, report } = samplePersonas({
    bank: upstreamBank,
    sampling: upstreamSampling,
    count: 0,
    runSeed: 1,
  });
  assert.deepEqual(personas, []);
  assert.equal(report.min_distance_observed, null);
});
