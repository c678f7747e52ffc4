import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { loadConfig, parseConfigText } from "../../src/config/load.js";
import { ConfigError } from "../../src/errors.js";
import { assistantModelFor } from "../../src/llm/model-pool.js";
import { modelRef } from "../../src/llm/model-ref.js";
import { resolveProvider } from "../../src/llm/providers.js";
import { cli } from "../helpers/cli.js";
import { layOutOriginalRepo } from "../helpers/original-layout.js";
import { tempDir, UPSTREAM } from "../helpers/paths.js";

const ORIGINAL = join(UPSTREAM, "config.yaml");
const originalText = () => readFileSync(ORIGINAL, "utf8");

test("the original tool's config.yaml, read where it lies: every key is accepted, only its input/ files are missing", () => {
  assert.throws(
    () => loadConfig(ORIGINAL, { env: {} }),
    (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      const errors = e.issues.filter((i) => i.severity === "error");
      // Its paths point at the original repository's input/ folder, which is not among the fixtures.
      assert.deepEqual(
        errors.map((i) => i.path),
        [
          "paths.persona_bank.persona",
          "paths.sampling.config",
          "distractor.strategy_path",
          "paths.query_datasets[0]",
        ],
        errors.map((i) => i.message).join("\n"),
      );
      for (const error of errors) assert.match(error.message, /^file not found: .*\/input\//);
      return true;
    },
  );
});

test("validate: the original config.yaml, unchanged, in the original repository's layout passes (exit 0)", async (t) => {
  const dir = tempDir(t);
  const config = layOutOriginalRepo(dir);
  assert.equal(readFileSync(config, "utf8"), originalText(), "the config is byte for byte the original");
  // validate makes every check a run makes, the providers' keys included: the user has set theirs.
  const keys = { OPENAI_API_KEY: "sk-user", OPENROUTER_API_KEY: "sk-user" };
  const result = await cli(["validate", "--config", config], { env: keys });
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /config is valid/);
  const warned = [...result.stdout.matchAll(/^WARN \S+ ([\w.[\]]+): accepted but has no effect/gm)].map(
    (m) => m[1],
  );
  assert.deepEqual(warned.sort(), [
    "distractor.noise_strategies",
    "experiment.batch_size",
    "experiment.save_intermediate",
    "formulation.max_retries",
    "formulation.retry_delay",
    "interaction_generation.max_retries",
    "interaction_generation.retry_delay",
    "interaction_generation.user_model.feedback_probability",
    "paths.logs.level",
    "paths.persona_specs.format",
  ]);
  const problems = result.stdout.split("\n").filter((line) => /^(WARN|FAIL) /.test(line));
  assert.doesNotMatch(
    problems.join("\n"),
    /penalty|endpoint|max_queries|inference|output_format|distractor\.llm/,
  );
});

test("the original keys with a meaning are honoured", (t) => {
  const dir = tempDir(t);
  const { config } = loadConfig(layOutOriginalRepo(dir), { env: {} });

  // openrouter.endpoint, given as the full chat/completions URL, is the OpenRouter base URL.
  assert.equal(resolveProvider(config, "openrouter", {}).baseUrl, "https://openrouter.ai/api/v1");
  // api.inference: penalties and top_p are the defaults of every step.
  assert.deepEqual(modelRef(config).params, {
    temperature: 0.7,
    maxTokens: 2048,
    topP: 0.9,
    frequencyPenalty: 0,
    presencePenalty: 0,
  });
  // model_pool[].inference: each assistant model's own temperature and token limit.
  const drawn = new Map<string, ReturnType<typeof assistantModelFor>>();
  for (let i = 0; drawn.size < 8 && i < 2000; i++) {
    const ref = assistantModelFor(config, 42, `interaction_${i}`);
    drawn.set(ref.model, ref);
  }
  assert.equal(drawn.size, 8, "every pool entry is drawn");
  for (const ref of drawn.values()) {
    assert.equal(ref.params.maxTokens, 1024, ref.model);
    assert.equal(ref.params.temperature, 0.7, ref.model);
    assert.equal(ref.params.frequencyPenalty, 0, ref.model);
  }
  assert.equal(drawn.get("x-ai/grok-4.1-fast")?.provider, "openrouter");
  assert.equal(config.query_generation.max_queries, null);
  // style_transfer.partial_template: the original used it for half the queries.
  assert.equal(config.query_generation.style_transfer.prompt_type, "mixed");
  assert.equal(config.training_data.output_format, "json");
});

test("openrouter.endpoint may also be the base URL; a pool entry's direct keys win over its inference block", () => {
  const { config } = parseConfigText(
    [
      "openrouter: { endpoint: 'http://127.0.0.1:9/api/v1/' }",
      "interaction_generation:",
      "  assistant_model:",
      "    model_pool:",
      "      - { provider: openai, model: m, weight: 1, temperature: 0.2, inference: { temperature: 0.9, presence_penalty: -0.5 } }",
    ].join("\n"),
    "/tmp/config.yaml",
    { env: {} },
  );
  assert.equal(resolveProvider(config, "openrouter", {}).baseUrl, "http://127.0.0.1:9/api/v1");
  const ref = assistantModelFor(config, 1, "interaction_1");
  assert.equal(ref.params.temperature, 0.2);
  assert.equal(ref.params.presencePenalty, -0.5);
});

test("experiment.output_format picks the export format; it must agree with training_data.output_format", () => {
  const jsonl = parseConfigText("experiment: { output_format: jsonl }", "/tmp/c.yaml", { env: {} });
  assert.equal(jsonl.config.training_data.output_format, "jsonl");
  const both = parseConfigText(
    "experiment: { output_format: jsonl }\ntraining_data: { output_format: jsonl }",
    "/tmp/c.yaml",
    { env: {} },
  );
  assert.equal(both.config.training_data.output_format, "jsonl");
  assert.throws(
    () =>
      parseConfigText(
        "experiment: { output_format: jsonl }\ntraining_data: { output_format: json }",
        "/tmp/c.yaml",
        { env: {} },
      ),
    (e: unknown) =>
      e instanceof ConfigError &&
      e.issues.some((i) =>
        /experiment\.output_format \(jsonl\) and training_data\.output_format \(json\) disagree/.test(
          i.message,
        ),
      ),
  );
});

test("unknown keys beside the original ones stay errors, with a did-you-mean", () => {
  assert.throws(
    () =>
      parseConfigText(
        "openrouter: { endpont: 'https://openrouter.ai/api/v1' }\nquery_generation: { max_query: 3 }\napi: { inference: { frequency_penality: 0.1 } }",
        "/tmp/c.yaml",
        { env: {} },
      ),
    (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      const text = e.issues.map((i) => `${i.path}: ${i.message}`).join("\n");
      assert.match(text, /openrouter\.endpont: unknown key "endpont" \(did you mean "endpoint"\?\)/);
      assert.match(
        text,
        /query_generation\.max_query: unknown key "max_query" \(did you mean "max_queries"\?\)/,
      );
      assert.match(text, /frequency_penality: unknown key .*did you mean "frequency_penalty"/);
      return true;
    },
  );
});

test("distractor.llm: a warning when nothing uses it, none when it is switched off or used", () => {
  const warnings = (yaml: string) =>
    parseConfigText(yaml, "/tmp/c.yaml", { env: {} }).warnings.map((w) => `${w.path}: ${w.message}`);
  assert.match(
    warnings("distractor: { llm: { provider: openai, model: gpt-4o-mini } }").join("\n"),
    /distractor\.llm: accepted but has no effect here: it configures the LLM `paraphrase` strategy/,
  );
  assert.deepEqual(warnings("distractor: { llm: { enabled: false, model: gpt-4o-mini } }"), []);
  assert.deepEqual(
    warnings(
      "distractor: { use_semantic: false, noise_strategies: [{ name: paraphrase }], llm: { model: gpt-4o-mini } }",
    ),
    [],
  );
});
