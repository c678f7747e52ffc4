import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "../../src/errors.js";
import { replayToClean } from "../../src/noise/edits.js";
import { applyRuleNoise, type RuleSpec, surfaceStrategyRules } from "../../src/noise/rule-noise.js";
import { RULE_NAMES } from "../../src/noise/rule-registry.js";
import { loadStrategyFile } from "../../src/noise/strategy-config.js";
import { createRng } from "../../src/rng/random.js";
import { UPSTREAM } from "../helpers/paths.js";

const CLEAN =
  "Hello, can you help me write a short email to my manager? I do not want it to be too formal, thanks in advance.";

test("each strategy applies with its probability, in the fixed order, with every edit recorded", () => {
  const strategies: RuleSpec[] = [
    { name: "punctuation", intensity: 0.5 },
    { name: "contraction", intensity: 1 },
    { name: "keyboard_typo", intensity: 0.5 },
    { name: "emoji", probability: 0 },
  ];
  const result = applyRuleNoise(CLEAN, { strategies, rng: createRng(1, "item", "noise") });
  assert.deepEqual(result.applied_strategies, ["contraction", "keyboard_typo", "punctuation"]);
  assert.match(result.noisy_text, /\bdon'?t\b/);
  assert.doesNotMatch(result.noisy_text, /\p{Extended_Pictographic}/u);
  assert.equal(replayToClean(result.noisy_text, result.edits), CLEAN);
  assert.deepEqual([...new Set(result.edits.map((e) => e.strategy))], result.applied_strategies);
});

test("the same seed gives the same output; another seed gives another", () => {
  const strategies: RuleSpec[] = [{ name: "keyboard_typo" }, { name: "filler" }, { name: "casing" }];
  const run = (seed: number) => applyRuleNoise(CLEAN, { strategies, rng: createRng(seed, "item", "noise") });
  assert.deepEqual(run(42), run(42));
  const outputs = new Set([1, 2, 3, 4, 5, 6].map((s) => run(s).noisy_text));
  assert.ok(outputs.size > 1);
});

test("legacy names map to rules, with their legacy settings; paraphrase is skipped", () => {
  const strategies: RuleSpec[] = [
    { name: "typo", intensity: 0.5 },
    { name: "word_swap", num_swaps: 2 },
    { name: "word_deletion", deletion_rate: 0.3 },
    { name: "word_insertion", insertion_rate: 0.3 },
    { name: "synonym_replacement" },
    { name: "paraphrase" },
  ];
  const clean =
    "I would like to purchase a new laptop for my daughter, and I require assistance to choose one.";
  const result = applyRuleNoise(clean, { strategies, rng: createRng(3, "legacy", "noise") });
  assert.deepEqual(result.applied_strategies, [
    "synonym",
    "word_deletion",
    "word_insertion",
    "word_swap",
    "keyboard_typo",
  ]);
  assert.equal(result.edits.filter((e) => e.strategy === "word_swap").length, 2);
  assert.ok(!result.applied_strategies.includes("paraphrase"));
  assert.equal(replayToClean(result.noisy_text, result.edits), clean);
});

test("an unknown rule name is a configuration error", () => {
  assert.throws(
    () => applyRuleNoise(CLEAN, { strategies: [{ name: "shout" }], rng: createRng(1, "x", "y") }),
    ConfigError,
  );
});

test("formal personas get no text-speak and no emoji", () => {
  const strategies: RuleSpec[] = [{ name: "abbreviation", intensity: 1 }, { name: "emoji" }];
  const result = applyRuleNoise(CLEAN, {
    strategies,
    rng: createRng(1, "formal", "noise"),
    persona: { formality_level: "highly_formal" },
  });
  assert.deepEqual(result.applied_strategies, []);
  assert.equal(result.noisy_text, CLEAN);
});

test("every surface_noise strategy of the strategy file has an offline recipe that changes the text", () => {
  const file = loadStrategyFile(`${UPSTREAM}distractor_strategy.yaml`);
  const clean =
    "Hello, I need assistance with writing a report about our sales. I am not sure where to begin.";
  for (const [name, strategy] of Object.entries(file.strategies.surface_noise)) {
    const recipe = surfaceStrategyRules(name, strategy);
    assert.ok(recipe !== undefined && recipe.length > 0, name);
    for (const spec of recipe) assert.ok(RULE_NAMES.includes(spec.name), spec.name);
    let changed = 0;
    for (let seed = 0; seed < 10; seed++) {
      const result = applyRuleNoise(clean, { strategies: recipe, rng: createRng(seed, name, "noise") });
      assert.equal(replayToClean(result.noisy_text, result.edits), clean);
      if (result.noisy_text !== clean) changed++;
    }
    assert.ok(changed >= 8, `${name} changed ${changed}/10`);
  }
  assert.equal(surfaceStrategyRules("missing_slots"), undefined);
});

test("colloquial_speech contracts, abbreviates and lowercases; real_life_fragments uses the file's fragments", () => {
  const file = loadStrategyFile(`${UPSTREAM}distractor_strategy.yaml`);
  const colloquial = surfaceStrategyRules("colloquial_speech") ?? [];
  assert.deepEqual(
    colloquial.map((s) => s.name),
    ["contraction", "abbreviation", "casing"],
  );
  const fragments = surfaceStrategyRules(
    "real_life_fragments",
    file.strategies.surface_noise.real_life_fragments,
  );
  assert.deepEqual(fragments?.[0]?.params, {
    fragments: ["on mobile", "quick question", "before i forget"],
    examples: file.strategies.surface_noise.real_life_fragments?.examples,
  });
  const typo = surfaceStrategyRules("typo_misspelling") ?? [];
  assert.equal(typo[0]?.fallback, "keyboard_typo");
});

test("typo_misspelling falls back to a keyboard typo when no word has a known misspelling", () => {
  const result = applyRuleNoise("Zyxqk blorfing", {
    strategies: surfaceStrategyRules("typo_misspelling") ?? [],
    rng: createRng(1, "fallback", "noise"),
  });
  assert.deepEqual(result.applied_strategies, ["keyboard_typo"]);
});
