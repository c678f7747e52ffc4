import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { loadConfig, parseConfigText } from "../../src/config/load.js";
import { ConfigError, type ConfigIssue } from "../../src/errors.js";
import { tempDir, UPSTREAM } from "../helpers/paths.js";

function problems(text: string, env: Record<string, string> = {}): ConfigIssue[] {
  try {
    parseConfigText(text, "/cfg/config.yaml", { env });
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    assert.equal(error.exitCode, 2);
    return error.issues.filter((i) => i.severity === "error");
  }
  assert.fail("expected a ConfigError");
}

test("no config file gives the offline defaults", () => {
  const { config, file, warnings } = loadConfig(undefined, { cwd: "/work/x", env: {} });
  assert.equal(file, undefined);
  assert.deepEqual(warnings, []);
  assert.equal(config.api.provider, "offline");
  assert.deepEqual(config.training_data.split, { train: 0.8, validation: 0.1, test: 0.1 });
  assert.equal(config.interaction_generation.min_turns, 2);
  assert.equal(config.interaction_generation.max_turns, 5);
  assert.equal(config.paths.interactions.output_dir, "/work/x/output/interactions");
  assert.equal(config.experiment.seed, 42);
  assert.equal(config.distractor.activation_probability, 0.25);
});

test("the original tool's complete config example loads, with its input files", (t) => {
  const dir = tempDir(t);
  const text = `
api:
  provider: "openai"
  api_key: "\${OPENAI_API_KEY}"
  model: "gpt-4o-mini"
  inference:
    temperature: 0.7
    max_completion_tokens: 2048
openrouter:
  api_key: "\${OPENROUTER_API_KEY}"
  base_url: "https://openrouter.ai/api/v1"
paths:
  persona_bank:
    persona: "${UPSTREAM}persona.yaml"
  sampling:
    config: "${UPSTREAM}sampling_config.yaml"
  persona_specs:
    output_dir: "output/personas"
    format: "json"
  queries:
    output_dir: "output/queries"
  interactions:
    output_dir: "output/interactions"
  training_data:
    output_dir: "output/training_data"
  logs:
    dir: "logs"
    level: "INFO"
persona_generation:
  num_personas: 100
  sampling_strategy: "random"
  feature_availability_rate: 0.7
  diversity:
    enabled: true
    min_hamming_distance: 3
    max_retries: 100
formulation:
  system_prompt_template: "${UPSTREAM}prompts/persona_to_system_prompt.txt"
  max_retries: 3
  retry_delay: 2
  validate_output: true
  min_prompt_length: 50
query_generation:
  selection:
    queries_per_persona: 5
  style_transfer:
    enabled: true
    transfer_probability: 0.5
    template: "${UPSTREAM}prompts/query_style_transfer.txt"
interaction_generation:
  min_turns: 2
  max_turns: 5
  max_workers: 10
  assistant_model:
    model_pool:
      - {provider: openai, model: gpt-4o-mini, weight: 0.2}
      - {provider: openai, model: gpt-4o, weight: 0.2}
      - {provider: openrouter, model: anthropic/claude-3.5-haiku, weight: 0.3}
      - {provider: openrouter, model: google/gemini-2.0-flash-exp, weight: 0.3}
  user_model:
    provider: "openai"
    model: "gpt-4o-mini"
    temperature: 0.8
    max_completion_tokens: 256
    system_prompt_template: "${UPSTREAM}prompts/user_feedback.txt"
    feedback_probability: 0.6
distractor:
  enabled: true
  use_semantic: true
  activation_probability: 0.25
  strategy_path: "${UPSTREAM}distractor_strategy.yaml"
  noise_strategies:
    - {name: typo, probability: 0.3, intensity: 0.1}
    - {name: word_swap, probability: 0.2, num_swaps: 2}
    - {name: word_insertion, probability: 0.2, insertion_rate: 0.05}
training_data:
  format:
    include_persona: true
    include_trajectory: true
    include_distractor_versions: true
  split:
    train: 0.8
    val: 0.1
    test: 0.1
experiment:
  seed: 42
  incremental: true
  batch_size: 50
  stages:
    persona_generation: true
    query_generation: true
    interaction_generation: true
    distractor_application: true
    training_data_export: true
`;
  const file = join(dir, "config.yaml");
  writeFileSync(file, text);
  const { config, warnings } = loadConfig(file, { env: { OPENAI_API_KEY: "sk-test" } });
  assert.equal(config.api.api_key, "sk-test");
  assert.equal(config.openrouter.api_key, undefined, "unset variable removes the key");
  assert.deepEqual(config.training_data.split, { train: 0.8, validation: 0.1, test: 0.1 }, "val is an alias");
  assert.equal(config.interaction_generation.assistant_model.model_pool?.length, 4);
  assert.equal(
    config.paths.interactions.output_dir,
    join(dir, "output/interactions"),
    "relative to the config file",
  );
  const warned = warnings.map((w) => w.path);
  assert.ok(warned.includes("openrouter.api_key"));
  assert.ok(warned.includes("formulation.retry_delay"));
  const unset = warnings.find((w) => w.path === "openrouter.api_key");
  assert.equal(unset?.line, 10);
});

test("every problem is reported at once, each with key path and line:column", () => {
  const issues = problems(
    [
      "api:", //                                   1
      "  provder: openai", //                      2 unknown key
      "interaction_generation:", //                3
      "  min_turns: 6", //                         4
      "  max_turns: 4", //                         5 min > max
      "  max_workers: many", //                    6 wrong type
      "  assistant_model:", //                     7
      "    model_pool:", //                        8 weights 0.7
      "      - {provider: openai, model: a, weight: 0.5}",
      "      - {provider: nowhere, model: b, weight: 0.2}", // 10 unknown provider
      "training_data:", //                          11
      "  split: {train: 0.7, validation: 0.1, test: 0.1}", // 12 sums to 0.9
      "paths:", //                                  13
      "  persona_bank: {persona: missing.yaml}", // 14 missing file
    ].join("\n"),
  );
  const byPath = new Map(issues.map((i) => [i.path, i]));
  const expect = (path: string, line: number, pattern: RegExp) => {
    const issue = byPath.get(path);
    assert.ok(issue, `no issue for ${path}; got ${[...byPath.keys()].join(", ")}`);
    assert.equal(issue.line, line, `${path} line`);
    assert.ok(issue.column !== undefined && issue.column > 0);
    assert.match(issue.message, pattern);
    assert.equal(issue.file, "/cfg/config.yaml");
  };
  expect("api.provder", 2, /unknown key "provder" \(did you mean "provider"\?\)/);
  expect("interaction_generation.min_turns", 4, /must not exceed max_turns/);
  expect("interaction_generation.max_workers", 6, /expected number, got string "many"/);
  expect("interaction_generation.assistant_model.model_pool", 8, /sum to 1 \(they sum to 0.7\)/);
  expect("interaction_generation.assistant_model.model_pool[1].provider", 10, /unknown provider "nowhere"/);
  expect("training_data.split", 12, /must sum to 1/);
  expect("paths.persona_bank.persona", 14, /file not found: \/cfg\/missing.yaml/);
  assert.equal(issues.length, 7);
});

test("${VAR} and ${VAR:-default} interpolate with the variable's type", () => {
  const { config, warnings } = parseConfigText(
    "api:\n  provider: ${PROVIDER:-offline}\n  model: m-${SUFFIX}\nexperiment:\n  seed: ${SEED:-7}\ninteraction_generation:\n  max_workers: ${WORKERS}\n",
    "/cfg/c.yaml",
    { env: { SUFFIX: "large", WORKERS: "12" } },
  );
  assert.equal(config.api.provider, "offline");
  assert.equal(config.api.model, "m-large");
  assert.equal(config.experiment.seed, 7);
  assert.equal(config.interaction_generation.max_workers, 12);
  assert.deepEqual(warnings, []);
});

test("an unset variable inside a string is reported and left empty", () => {
  const { config, warnings } = parseConfigText("api:\n  model: gpt-${VERSION}\n", "/c.yaml", { env: {} });
  assert.equal(config.api.model, "gpt-");
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]?.message ?? "", /VERSION is not set/);
});

test("malformed YAML and duplicate keys are errors with their line", () => {
  const syntax = problems("api:\n  provider: [openai\n");
  assert.ok(syntax.length >= 1);
  assert.match(syntax[0]?.message ?? "", /invalid YAML/);
  const dup = problems("api:\n  provider: openai\n  provider: offline\n");
  assert.equal(dup[0]?.line, 3);
  assert.match(dup[0]?.message ?? "", /unique|duplicate/i);
});

test("a top level that is not a mapping is rejected", () => {
  const issues = problems("- just\n- a list\n");
  assert.match(issues[0]?.message ?? "", /expected a mapping, got a list/);
});

test("a missing or directory config path is a config error naming the path", (t) => {
  const dir = tempDir(t);
  assert.throws(
    () => loadConfig(join(dir, "nope.yaml")),
    (e: unknown) =>
      e instanceof ConfigError && e.describe().includes("nope.yaml") && /not found/.test(e.message),
  );
  assert.throws(
    () => loadConfig(dir),
    (e: unknown) => e instanceof ConfigError && /directory/.test(e.message),
  );
});

test("an empty file is the defaults", (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, "c.yaml"), "# nothing yet\n");
  assert.equal(loadConfig(join(dir, "c.yaml")).config.api.provider, "offline");
});

test("values keep YAML 1.2 strings: 25_34 is not the number 2534", () => {
  const { config } = parseConfigText("experiment:\n  name: 25_34\n", "/c.yaml", { env: {} });
  assert.equal(config.experiment.name, "25_34");
});
