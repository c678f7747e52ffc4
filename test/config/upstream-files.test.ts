import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ConfigError } from "../../src/errors.js";
import { loadStrategyFile } from "../../src/noise/strategy-config.js";
import { loadPersonaBank } from "../../src/persona/bank.js";
import { loadSamplingConfig } from "../../src/persona/sampling-config.js";
import { tempDir, UPSTREAM } from "../helpers/paths.js";

test("the original persona bank loads unchanged, values kept as written", () => {
  const bank = loadPersonaBank(`${UPSTREAM}persona.yaml`);
  assert.equal(bank.dimensions.length, 33);
  const age = bank.dimensions.find((d) => d.name === "age_band");
  assert.deepEqual(age?.values, ["u18", "18_24", "25_34", "35_44", "45_60", "60p"]);
  assert.equal(age?.is_constraint, true);
  assert.ok(bank.dimensions.some((d) => d.name === "query_length_pref"));
});

test("the original sampling config loads unchanged", () => {
  const sampling = loadSamplingConfig(`${UPSTREAM}sampling_config.yaml`);
  assert.equal(sampling.strategy, "random");
  assert.equal(sampling.random_sampling.min_features, 15);
  assert.equal(sampling.constraints.min_constraints, 5);
  assert.deepEqual(sampling.required_dimensions, ["query_length_pref"]);
  assert.equal(sampling.diversity.min_hamming_distance, 3);
});

test("the original distractor strategy file loads unchanged", () => {
  const file = loadStrategyFile(`${UPSTREAM}distractor_strategy.yaml`);
  assert.deepEqual(file.layer_weights, { surface_noise: 0.5, incomplete_info: 0.3, semantic_ambiguity: 0.2 });
  assert.equal(Object.keys(file.strategies.surface_noise).length, 9);
  assert.equal(Object.keys(file.strategies.incomplete_info).length, 4);
  assert.equal(Object.keys(file.strategies.semantic_ambiguity).length, 4);
  assert.ok((file.strategies.semantic_ambiguity.multi_intent?.connectors?.length ?? 0) > 0);
});

test("a bank with duplicates, empty values and an unknown type reports each with its line", (t) => {
  const dir = tempDir(t);
  const path = join(dir, "bank.yaml");
  writeFileSync(
    path,
    [
      "dimensions:",
      "  - name: role",
      "    values: [a, b, a]",
      "  - name: role",
      "    values: [x]",
      "  - name: tone",
      "    type: fuzzy",
      "    values: []",
    ].join("\n"),
  );
  assert.throws(
    () => loadPersonaBank(path),
    (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      const messages = e.issues.map((i) => `${i.line}: ${i.message}`);
      assert.ok(
        messages.some((m) => /^7: .*"categorical"/.test(m)),
        messages.join("\n"),
      );
      assert.ok(
        messages.some((m) => /^8: .*at least one value/.test(m)),
        messages.join("\n"),
      );
      return true;
    },
  );
  writeFileSync(
    path,
    "dimensions:\n  - name: role\n    values: [a, b, a]\n  - name: role\n    values: [x]\n",
  );
  assert.throws(
    () => loadPersonaBank(path),
    (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      const messages = e.issues.map((i) => `${i.line}: ${i.message}`);
      assert.ok(
        messages.some((m) => /^3: duplicate value "a"/.test(m)),
        messages.join("\n"),
      );
      assert.ok(
        messages.some((m) => /^4: duplicate dimension "role"/.test(m)),
        messages.join("\n"),
      );
      return true;
    },
  );
});

test("strategy weights that do not sum to 1 are an error", (t) => {
  const dir = tempDir(t);
  const path = join(dir, "s.yaml");
  writeFileSync(
    path,
    "layer_weights: {surface_noise: 0.5, incomplete_info: 0.5, semantic_ambiguity: 0.5}\nstrategies:\n  surface_noise: {a: {probability: 1}}\n  incomplete_info: {b: {probability: 1}}\n  semantic_ambiguity: {c: {mandatory: true}}\n",
  );
  assert.throws(() => loadStrategyFile(path), /1 problem/);
});
