import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import type { LibraryEvent } from "../../src/events.js";
import { EnhancedPersonaGenerationPipeline } from "../../src/pipeline/pipeline.js";
import { fixedClock } from "../../src/util/clock.js";
import { cli } from "../helpers/cli.js";
import { type FakeRequest, startFakeLlmServer } from "../helpers/fake-llm-server.js";
import { layOutOriginalRepo } from "../helpers/original-layout.js";
import { tempDir } from "../helpers/paths.js";

const clock = fixedClock("2026-05-06T07:08:09Z");
const OPENROUTER_POOL = [
  "anthropic/claude-haiku-4.5",
  "anthropic/claude-sonnet-4.5",
  "x-ai/grok-4.1-fast",
  "mistralai/ministral-8b-2512",
  "google/gemini-3-flash-preview",
  "meta-llama/llama-3.1-405b-instruct",
];

const schemaOf = (req: FakeRequest) => req.body.response_format?.json_schema?.name as string | undefined;

test("the original config.yaml runs against a local server: penalties and per-model settings reach the request bodies", async (t) => {
  const server = await startFakeLlmServer();
  t.after(() => server.close());
  const dir = tempDir(t);
  // The one value changed: OpenRouter's endpoint, still given as the full chat/completions URL, is the
  // local server (a config value wins over the environment, as it should).
  const config = layOutOriginalRepo(dir, (text) =>
    text.replace("https://openrouter.ai/api/v1/chat/completions", `${server.url}/api/v1/chat/completions`),
  );
  const result = await cli(["run", "--config", config, "--personas", "2"], {
    env: {
      OPENAI_API_KEY: "sk-fake-openai",
      OPENROUTER_API_KEY: "sk-fake-openrouter",
      OPENAI_BASE_URL: `${server.url}/v1`,
    },
  });
  assert.equal(result.code, 0, result.stdout + result.stderr);
  // 2 personas × queries_per_persona 5.
  assert.match(result.stdout, /requested 10, produced 10, failed 0/);
  assert.match(result.stdout, /exported 10 samples/);

  const requests = server.requests;
  const openrouter = requests.filter((r) => r.path === "/api/v1/chat/completions");
  const openai = requests.filter((r) => r.path === "/v1/chat/completions");
  assert.equal(openrouter.length + openai.length, requests.length, "no request elsewhere");
  assert.ok(openrouter.length > 0 && openai.length > 0, `${openrouter.length} / ${openai.length}`);
  for (const req of requests) {
    // api.inference: both penalties (0.0 in that file) are sent with every request.
    assert.equal(req.body.frequency_penalty, 0, JSON.stringify(req.body).slice(0, 200));
    assert.equal(req.body.presence_penalty, 0);
  }
  // OpenRouter: only the pool's models, with their own inference settings.
  for (const req of openrouter) {
    assert.ok(OPENROUTER_POOL.includes(req.body.model), req.body.model);
    assert.equal(req.headers.authorization, "Bearer sk-fake-openrouter");
    assert.equal(req.body.temperature, 0.7);
    assert.equal(req.body.max_tokens, 1024);
  }
  // OpenAI: the gpt-4o-mini assistant with its pool settings; the user model with its own; the other
  // steps with api.inference (top_p 0.9, 2048 tokens).
  const assistant = openai.filter((r) => r.body.model === "gpt-4o-mini");
  for (const req of assistant) {
    assert.equal(req.body.temperature, 0.7);
    assert.equal(req.body.max_completion_tokens, 1024);
  }
  const user = openai.filter((r) => schemaOf(r) === "user_turn");
  assert.ok(user.length > 0);
  for (const req of user) {
    assert.equal(req.body.model, "gpt-5.2");
    assert.equal(req.body.temperature, 0.8);
    assert.equal(req.body.max_completion_tokens, 256);
  }
  const style = openai.filter((r) => schemaOf(r) === "style_transfer");
  assert.ok(style.length > 0);
  for (const req of style) {
    assert.equal(req.body.top_p, 0.9);
    assert.equal(req.body.max_completion_tokens, 2048);
  }
  // Both of its style-transfer templates are used (its partial one for about half the queries).
  const partial = style.filter((r) => /SELECT RELEVANT DIMENSIONS ONLY/.test(r.body.messages[0].content));
  assert.ok(partial.length > 0 && partial.length < style.length, `${partial.length} of ${style.length}`);
  // experiment.output_format: json → one JSON array per file.
  const files = readdirSync(join(dir, "output", "training_data"));
  assert.ok(
    files.some((f) => /^train_samples_.*\.json$/.test(f)),
    files.join(", "),
  );
});

function onlineConfig(url: string, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    api: { provider: "fake", model: "fake-model" },
    providers: {
      fake: { type: "openai-compatible", base_url: `${url}/v1`, api_key: "sk-test" },
      claude: { type: "anthropic", base_url: url, api_key: "sk-test" },
    },
    query_generation: { selection: { queries_per_persona: 2 } },
    interaction_generation: { min_turns: 1, max_turns: 2 },
    ...extra,
  };
}

test("penalties reach OpenAI-compatible bodies and are dropped for Anthropic with one warning", async (t) => {
  const server = await startFakeLlmServer();
  t.after(() => server.close());
  const events: LibraryEvent[] = [];
  const config = onlineConfig(server.url, {
    api: {
      provider: "fake",
      model: "fake-model",
      inference: { frequency_penalty: 0.4, presence_penalty: -0.3 },
    },
    interaction_generation: {
      min_turns: 1,
      max_turns: 2,
      assistant_model: {
        model_pool: [
          { provider: "fake", model: "pooled", weight: 0.5, inference: { presence_penalty: 0.6 } },
          { provider: "claude", model: "claude-x", weight: 0.5 },
        ],
      },
    },
  });
  const result = await new EnhancedPersonaGenerationPipeline(config, {
    out: tempDir(t),
    clock,
    env: {},
    events: (e) => events.push(e),
  }).run({ numPersonas: 6 }); // 12 conversations, each drawing its pool model from its id: both are drawn
  assert.equal(result.summary.failed, 0);

  const anthropic = server.requests.filter((r) => r.api === "anthropic");
  const pooled = server.requests.filter((r) => r.api === "openai" && r.body.model === "pooled");
  const others = server.requests.filter((r) => r.api === "openai" && r.body.model !== "pooled");
  assert.ok(anthropic.length > 0 && pooled.length > 0 && others.length > 0);
  for (const req of anthropic) {
    assert.equal(req.body.model, "claude-x");
    assert.ok(!("frequency_penalty" in req.body) && !("presence_penalty" in req.body));
  }
  for (const req of pooled) {
    assert.equal(req.body.presence_penalty, 0.6);
    assert.equal(req.body.frequency_penalty, 0.4);
  }
  for (const req of others) {
    assert.equal(req.body.presence_penalty, -0.3);
    assert.equal(req.body.frequency_penalty, 0.4);
  }
  const dropped = events.filter((e) => e.type === "warning" && /not sent to provider/.test(e.message));
  assert.equal(dropped.length, 1, `${anthropic.length} Anthropic calls, one warning`);
  assert.match(
    (dropped[0] as { message: string }).message,
    /^frequency_penalty, presence_penalty not sent to provider "claude": the anthropic API has no such parameter$/,
  );
});

test("distractor.llm is the model and template of the LLM paraphrase; enabled: false turns it off", async (t) => {
  const server = await startFakeLlmServer({ reply: () => ({ text: "a paraphrased request" }) });
  t.after(() => server.close());
  const dir = tempDir(t);
  const template = join(dir, "noise.txt");
  writeFileSync(template, "PARAPHRASE ({noise_type}): {text}");
  const configWith = (llm: Record<string, unknown>) => ({
    distractor: {
      use_semantic: false,
      activation_probability: 1,
      apply_to: { initial_query: true, follow_up_feedback: false },
      noise_strategies: [{ name: "paraphrase", probability: 1 }],
      llm: { provider: "fake", model: "para-model", temperature: 0.3, max_tokens: 99, template, ...llm },
    },
    providers: { fake: { type: "openai-compatible", base_url: `${server.url}/v1`, api_key: "sk-test" } },
    query_generation: { selection: { queries_per_persona: 1 } },
  });
  const run = (config: Record<string, unknown>) =>
    new EnhancedPersonaGenerationPipeline(config, {
      out: join(dir, String(server.requests.length)),
      clock,
      env: {},
    }).run({
      numPersonas: 2,
    });

  await run(configWith({}));
  assert.equal(server.requests.length, 2, "one paraphrase per conversation, nothing else online");
  for (const req of server.requests) {
    assert.equal(req.body.model, "para-model");
    assert.equal(req.body.temperature, 0.3);
    assert.equal(req.body.max_tokens, 99);
    assert.match(req.body.messages[0].content, /^PARAPHRASE \(paraphrase\): /);
  }
  server.reset();
  await run(configWith({ enabled: false }));
  assert.equal(server.requests.length, 0);
});

test("query_generation.max_queries caps the seed queries loaded (null or 0: all)", async (t) => {
  const dir = tempDir(t);
  const loaded = async (maxQueries: number | null) => {
    const out = join(dir, String(maxQueries));
    await new EnhancedPersonaGenerationPipeline(
      { query_generation: { max_queries: maxQueries, selection: { queries_per_persona: 1 } } },
      { out, clock, env: {} },
    ).run({ numPersonas: 1 });
    const [planDir] = readdirSync(join(out, "runs"));
    const plan = JSON.parse(readFileSync(join(out, "runs", planDir as string, "plan.json"), "utf8"));
    return plan.queries.loaded as number;
  };
  assert.equal(await loaded(5), 5);
  assert.equal(await loaded(0), 548);
  assert.equal(await loaded(null), 548);
});

test("experiment.output_format: jsonl writes JSONL sample files", async (t) => {
  const out = tempDir(t);
  const result = await new EnhancedPersonaGenerationPipeline(
    { experiment: { output_format: "jsonl" }, query_generation: { selection: { queries_per_persona: 1 } } },
    { out, clock, env: {} },
  ).run({ numPersonas: 2 });
  const files = Object.values(result.training_data.sample_files);
  assert.ok(files.length > 0);
  for (const file of files) assert.match(file, /\.jsonl$/);
  const first = readFileSync(files[0] as string, "utf8").split("\n")[0] as string;
  assert.ok(JSON.parse(first).sample_id);
});
