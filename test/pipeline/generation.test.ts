import assert from "node:assert/strict";
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { resolveConfig } from "../../src/config/load.js";
import type { Config } from "../../src/config/schema.js";
import { generationFingerprint, NOT_SHAPING_DATA } from "../../src/pipeline/generation.js";
import { dataPath } from "../../src/util/data-path.js";
import { tempDir } from "../helpers/paths.js";

const base = (): Config => resolveConfig({ providers: { local: { base_url: "http://127.0.0.1:9/v1" } } });

test("the same config gives the same fingerprint; its shape is gen_ + 12 hex digits", () => {
  const id = generationFingerprint(base());
  assert.match(id, /^gen_[0-9a-f]{12}$/);
  assert.equal(generationFingerprint(base()), id);
});

test("every key of the exclusion list leaves the fingerprint alone", () => {
  const id = generationFingerprint(base());
  const changes: Array<[string, (c: Config) => void]> = [
    ["--concurrency", (c) => (c.interaction_generation.max_workers = 3)],
    [
      "provider max_concurrency",
      (c) => ((c.providers.local as { max_concurrency?: number }).max_concurrency = 2),
    ],
    [
      "per-model concurrency",
      (c) => ((c.providers.local as { models?: unknown }).models = { m: { max_concurrency: 2 } }),
    ],
    ["provider key", (c) => ((c.providers.local as { api_key?: string }).api_key = "sk-other")],
    ["endpoint", (c) => ((c.providers.local as { base_url?: string }).base_url = "http://127.0.0.1:8/v1")],
    ["provider timeout", (c) => ((c.providers.local as { timeout_ms?: number }).timeout_ms = 5)],
    ["--no-cache", (c) => (c.llm.cache.enabled = false)],
    ["cache path", (c) => (c.llm.cache.path = "/elsewhere/cache.sqlite")],
    ["budget", (c) => (c.llm.budget_usd = 3)],
    ["prices", (c) => (c.llm.prices = { m: { input: 1, output: 2, batch_factor: 0.5 } })],
    ["batch mode", (c) => (c.llm.batch = { ...c.llm.batch, enabled: true })],
    ["output dirs", (c) => (c.paths.interactions.output_dir = "/x/interactions")],
    ["logs", (c) => (c.paths.logs.dir = "/x/logs")],
    ["persona count", (c) => (c.persona_generation.num_personas = 99)],
    ["export format", (c) => (c.training_data.output_format = "jsonl")],
    ["split", (c) => (c.training_data.split = { train: 0.5, validation: 0.25, test: 0.25 })],
    ["experiment name", (c) => (c.experiment.name = "other")],
    ["export stage", (c) => (c.experiment.stages.training_data_export = false)],
    ["export dedup", (c) => (c.training_data.dedup.remove = "near")],
    ["export score filter", (c) => (c.training_data.filter.min_score = 0.5)],
  ];
  for (const [what, change] of changes) {
    const config = base();
    change(config);
    assert.equal(generationFingerprint(config), id, what);
  }
  assert.ok(NOT_SHAPING_DATA.includes("interaction_generation.max_workers"));
});

test("what shapes data changes it — and so does a key nobody has listed yet", () => {
  const id = generationFingerprint(base());
  const changes: Array<[string, (c: Config) => void]> = [
    ["seed", (c) => (c.experiment.seed = 43)],
    ["provider", (c) => (c.api.provider = "local")],
    ["model", (c) => (c.api.model = "other")],
    ["temperature", (c) => (c.api.inference.temperature = 0.1)],
    [
      "pool weights",
      (c) =>
        (c.interaction_generation.assistant_model.model_pool = [
          { provider: "offline", model: "a", weight: 1 },
        ]),
    ],
    ["turns", (c) => (c.interaction_generation.max_turns = 6)],
    ["activation", (c) => (c.distractor.activation_probability = 1)],
    ["apply_to", (c) => (c.distractor.apply_to.initial_query = false)],
    ["noise mode", (c) => (c.distractor.use_semantic = false)],
    ["style transfer", (c) => (c.query_generation.style_transfer.prompt_type = "partial")],
    ["queries per persona", (c) => (c.query_generation.selection.queries_per_persona = 2)],
    ["incremental", (c) => (c.experiment.incremental = false)],
    [
      "distractor stage off in a run that converses",
      (c) => (c.experiment.stages.distractor_application = false),
    ],
    ["conversation judge", (c) => (c.judge.enabled = true)],
    ["a key added later", (c) => ((c.distractor as Record<string, unknown>).penalty = 0.5)],
  ];
  const seen = new Set([id]);
  for (const [what, change] of changes) {
    const config = base();
    change(config);
    const changed = generationFingerprint(config);
    assert.ok(!seen.has(changed), `${what} must change the fingerprint`);
    seen.add(changed);
  }
});

test("the distractor stage matters only to a run that makes conversations", () => {
  const queriesOnly = base();
  queriesOnly.experiment.stages.interaction_generation = false;
  const id = generationFingerprint(queriesOnly);
  queriesOnly.experiment.stages.distractor_application = false;
  assert.equal(generationFingerprint(queriesOnly), id);
});

test("input files count by content, not by path: a copy elsewhere keeps it, an edit changes it", (t) => {
  const dir = tempDir(t);
  const template = join(dir, "user.txt");
  const dataset = join(dir, "queries.jsonl");
  copyFileSync(dataPath("prompts", "user_feedback.txt"), template);
  writeFileSync(dataset, '{"query": "How do I bake bread?"}\n');
  const configured = () => {
    const config = base();
    config.interaction_generation.user_model.system_prompt_template = template;
    config.paths.query_datasets = [dataset];
    return config;
  };
  const bundled = base();
  bundled.paths.query_datasets = [dataset];
  assert.equal(generationFingerprint(configured()), generationFingerprint(bundled), "same content");
  const id = generationFingerprint(configured());
  writeFileSync(template, "{persona}\n{conversation_history}\n{assistant_response}\nBe terse.\n");
  const edited = generationFingerprint(configured());
  assert.notEqual(edited, id, "template edited");
  writeFileSync(dataset, '{"query": "How do I bake rye bread?"}\n');
  assert.notEqual(generationFingerprint(configured()), edited, "dataset edited");
});
