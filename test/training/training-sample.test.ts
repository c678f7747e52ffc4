import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { DataError } from "../../src/errors.js";
import { TrainingSample } from "../../src/training/sample.js";
import { UPSTREAM } from "../helpers/paths.js";

const upstream = JSON.parse(readFileSync(`${UPSTREAM}test_samples.json`, "utf8")) as Array<
  Record<string, unknown>
>;

test("every sample written by the Python tool reads through fromDict and keeps every field through toDict", () => {
  assert.equal(upstream.length, 15);
  for (const original of upstream) {
    const sample = TrainingSample.fromDict(original);
    const dict = sample.toDict();
    for (const [key, value] of Object.entries(original))
      assert.deepEqual(dict[key], value, `${key} of ${original.sample_id}`);
    assert.equal(sample.numTurns, original.num_turns);
    assert.deepEqual(sample.promptTrajectory, original.prompt_trajectory);
    // A second round trip is the identity.
    assert.deepEqual(TrainingSample.fromDict(dict).toDict(), dict);
  }
});

test("upstream noisy versions come out in the seed's list shape, skipped ones left out", () => {
  let noisyInitial = 0;
  let noisyFollowups = 0;
  for (const original of upstream) {
    const sample = TrainingSample.fromDict(original);
    for (const item of sample.noisyInitialQueries ?? []) {
      assert.equal(typeof item.noisy_text, "string");
      assert.notEqual(item.noise_type, "skipped");
      assert.ok(Array.isArray(item.applied_strategies));
      noisyInitial++;
    }
    for (const item of sample.noisyTrajectories ?? []) {
      assert.ok(Number.isInteger(item.turn) && item.turn >= 1);
      assert.ok((sample.promptTrajectory?.length ?? 0) > item.turn);
      noisyFollowups++;
    }
  }
  // The fixture holds 8 non-skipped noisy versions in all (5 surface, 2 ambiguity, 1 incomplete).
  assert.equal(noisyInitial + noisyFollowups, 8);
  assert.ok(noisyInitial > 0 && noisyFollowups > 0);
});

test("persona features keep upstream values exactly, including YAML-coerced numbers", () => {
  const second = TrainingSample.fromDict(upstream[1]);
  assert.equal(second.personaFeatures?.age_band, 2534);
});

test("a sample of ours round-trips losslessly, including extra keys and absent optional fields", () => {
  const dict = {
    sample_id: "sample_0001",
    persona_id: "persona_a",
    original_query: "Help me write Python code",
    initial_query: "hey can u help me with python",
    prompt_trajectory: ["hey can u help me with python", "make it handle errors"],
    num_turns: 2,
    noisy_initial_queries: [
      {
        noisy_text: "hey help me writ python",
        noise_type: "surface_noise",
        applied_strategies: ["typo_misspelling"],
        layer: "surface_noise",
        edits: [{ strategy: "char_drop", position: 13, before: "write", after: "writ" }],
      },
    ],
    noisy_trajectories: [
      {
        turn: 1,
        noisy_text: "make it handel errors",
        noise_type: "surface_noise",
        applied_strategies: ["misspelling"],
      },
    ],
    metadata: { interaction_id: "interaction_0001", distractor_applied: true },
    dataset_version: 3,
  };
  const sample = TrainingSample.fromDict(dict);
  assert.equal(sample.personaFeatures, undefined);
  assert.equal(sample.fullConversation, undefined);
  assert.deepEqual(sample.toDict(), dict);
  assert.deepEqual(Object.keys(sample.toDict()), Object.keys(dict));
  assert.equal(sample.hasNoise, true);
});

test("fromDict rejects a malformed sample with the offending key", () => {
  assert.throws(
    () =>
      TrainingSample.fromDict(
        { sample_id: "s", persona_id: "p", original_query: "q", initial_query: "q", num_turns: "two" },
        "file.json:3",
      ),
    (e: unknown) => e instanceof DataError && /num_turns/.test(e.message) && e.where === "file.json:3",
  );
  assert.throws(() => TrainingSample.fromDict(null), DataError);
});
