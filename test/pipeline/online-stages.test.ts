import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { InteractionStorage } from "../../src/interaction/storage.js";
import { EnhancedPersonaGenerationPipeline } from "../../src/pipeline/pipeline.js";
import { fixedClock } from "../../src/util/clock.js";
import { type FakeReply, type FakeRequest, startFakeLlmServer } from "../helpers/fake-llm-server.js";
import { ROOT, tempDir, UPSTREAM } from "../helpers/paths.js";

const clock = fixedClock("2026-05-06T07:08:09Z");

/** Which operation a request is, from its schema name or its prompt. */
function operationOf(req: FakeRequest): string {
  const schema = req.body.response_format?.json_schema?.name as string | undefined;
  if (schema) return schema;
  // The first message says which operation this is (repairs append to it).
  const messages = req.body.messages as Array<{ role: string; content: string }>;
  const first = messages[0];
  const text = first?.role === "user" ? first.content : "";
  if (/system prompt/i.test(text)) return "formulate";
  if (/(Noise layer|Strategies to Apply)/i.test(text)) return "add_noise";
  if (/intent/i.test(text) && /compressed_text/.test(text)) return "intent_extraction";
  if (/User Persona:|rewrite it as a NATURAL query/i.test(text)) return "style_transfer";
  if (/satisfied/.test(text) && /feedback/.test(text)) return "user_turn";
  return "assistant";
}

function scripted(overrides: Partial<Record<string, (req: FakeRequest, n: number) => FakeReply>> = {}) {
  const counts = new Map<string, number>();
  const requests: Array<{ op: string; req: FakeRequest }> = [];
  const reply = (req: FakeRequest): FakeReply => {
    const op = operationOf(req);
    const n = counts.get(op) ?? 0;
    counts.set(op, n + 1);
    requests.push({ op, req });
    const custom = overrides[op];
    if (custom) return custom(req, n);
    switch (op) {
      case "formulate":
        return {
          text: "Answer this user briefly and concretely, in plain words, with one example where it helps, and ask before assuming details they did not give.",
        };
      case "style_transfer":
        return {
          json: {
            adapted_query: "hey quick one: can u help me with this?",
            inferred_domain: "Coding",
            inferred_scenario: "no_such_scenario",
          },
        };
      case "meaning_judgement":
        return { json: { score: 0.95, reason: "same intent" } };
      case "user_turn":
        return { json: { satisfied: false, feedback: "ok but what about edge cases?" } };
      case "intent_extraction":
        return { json: { intent: "get_help", slots: { topic: "code" }, compressed_text: "help with code" } };
      case "add_noise":
        return {
          json: { noisy_text: "hey quik one can u help w this", applied_strategies: ["typo_misspelling"] },
        };
      default:
        return { text: `Here is an answer (${n}).` };
    }
  };
  return { reply, requests, counts };
}

function configFor(url: string, extra: Record<string, unknown> = {}) {
  return {
    api: { provider: "fake", model: "fake-model" },
    providers: {
      fake: { type: "openai-compatible", base_url: `${url}/v1`, api_key: "sk-test", max_concurrency: 4 },
    },
    query_generation: { selection: { queries_per_persona: 1 } },
    interaction_generation: { min_turns: 2, max_turns: 2 },
    distractor: { activation_probability: 1 },
    ...extra,
  };
}

test("every stage against a real provider: requests, validation feedback and the records they produce", async (t) => {
  const script = scripted({
    formulate: (_req, n) => ({
      text:
        n === 0
          ? "Too short."
          : "Explain things step by step for this user, keep answers under 200 words, and always give one concrete example.",
    }),
    meaning_judgement: (_req, n) => ({
      json: { score: n === 0 ? 0.2 : 0.9, reason: n === 0 ? "lost the numbers" : "kept" },
    }),
  });
  const server = await startFakeLlmServer({ reply: script.reply });
  t.after(() => server.close());
  const out = tempDir(t);
  const config = configFor(server.url, {
    query_generation: {
      selection: { queries_per_persona: 1 },
      style_transfer: { meaning_check: { enabled: true, threshold: 0.7, max_retries: 1 } },
    },
  });
  const result = await new EnhancedPersonaGenerationPipeline(config, { out, clock, env: {} }).run({
    numPersonas: 1,
  });
  assert.equal(result.summary.produced, 1);
  assert.equal(result.summary.failed, 0);

  // Formulation: a too-short prompt is sent back with the reason, once per persona.
  const formulate = script.requests.filter((r) => r.op === "formulate");
  assert.equal(formulate.length, 2);
  const feedback = formulate[1]?.req.body.messages.at(-1).content as string;
  assert.match(feedback, /too short/);
  // Meaning check below the threshold: the style transfer is sampled again and judged again.
  assert.equal(script.counts.get("style_transfer"), 2);
  assert.equal(script.counts.get("meaning_judgement"), 2);

  const [record] = await new InteractionStorage(join(out, "interactions")).loadAll();
  const meta = record?.metadata as Record<string, unknown>;
  assert.equal(meta.system_prompt_used, true);
  assert.equal(record?.initial_query, "hey quick one: can u help me with this?");
  const style = meta.style_transfer as Record<string, unknown>;
  assert.equal(style.inferred_domain, "coding", "normalised to a bank value");
  assert.equal(style.inferred_scenario, "others", "unknown scenario → others");
  assert.equal(style.meaning_score, 0.9);
  assert.equal(style.meaning_flagged, false);
  // The seed query's own domain is kept beside the inferred one: the statistics match personas on it.
  const seed = readFileSync(join(ROOT, "data/seed_queries.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { domain: string; query: string })
    .find((row) => row.query === record?.original_query);
  assert.ok(seed, "the original query is a bundled seed query");
  assert.equal(meta.query_domain, seed.domain);
  // The assistant saw the persona's system prompt and the noisy initial query.
  const firstAssistant = script.requests.find((r) => r.op === "assistant")?.req.body.messages as Array<{
    role: string;
    content: string;
  }>;
  assert.equal(firstAssistant[0]?.role, "system");
  assert.match(firstAssistant[0]?.content ?? "", /step by step/);
  assert.equal(firstAssistant[1]?.content, "hey quik one can u help w this");
  const messages = record?.messages as Array<{
    role: string;
    content: string;
    metadata: Record<string, unknown>;
  }>;
  assert.equal(messages[0]?.metadata.clean_version, "hey quick one: can u help me with this?");
  assert.equal(messages[0]?.metadata.was_noised, true);
  assert.deepEqual(
    messages.map((m) => m.role),
    ["user", "assistant", "user", "assistant"],
  );
  // The noise prompt carries the chosen strategies' description, guidelines and examples from the file.
  const noisePrompt = script.requests.find((r) => r.op === "add_noise")?.req.body.messages[0]
    .content as string;
  assert.match(noisePrompt, /examples: /);
  assert.match(noisePrompt, /- [a-z_]+: \S/);
  // The query record (SPEC §3) is stored.
  const queries = readFileSync(join(out, "queries", "queries-000001.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.equal(queries.length, 1);
  for (const key of [
    "query_id",
    "original_query",
    "adapted_query",
    "was_style_transferred",
    "inferred_domain",
    "inferred_scenario",
    "target_length",
    "target_turns",
    "prompt_type",
    "source_dataset",
  ]) {
    assert.ok(key in queries[0], key);
  }
});

test("a persona whose system prompt always fails is recorded as such and the conversation still runs", async (t) => {
  const script = scripted({
    formulate: () => ({ text: "I'm sorry, but I cannot help with creating that." }),
  });
  const server = await startFakeLlmServer({ reply: script.reply });
  t.after(() => server.close());
  const out = tempDir(t);
  const result = await new EnhancedPersonaGenerationPipeline(
    configFor(server.url, { llm: { max_repair_attempts: 1 } }),
    { out, clock, env: {} },
  ).run({ numPersonas: 1 });
  assert.equal(result.summary.produced, 1);
  const [record] = await new InteractionStorage(join(out, "interactions")).loadAll();
  const meta = record?.metadata as Record<string, unknown>;
  assert.equal(meta.system_prompt_used, false);
  assert.match(String(meta.system_prompt_error), /refusal/);
  assert.equal(script.counts.get("formulate"), 2, "bounded retries");
});

test("the original tool's prompt templates work unchanged, their {{ }} escapes rendered as JSON braces", async (t) => {
  const script = scripted({
    add_noise: () => ({ text: "umm so like help me w code??" }),
  });
  const server = await startFakeLlmServer({ reply: script.reply });
  t.after(() => server.close());
  const out = tempDir(t);
  const p = `${UPSTREAM}prompts/`;
  const config = configFor(server.url, {
    formulation: { system_prompt_template: `${p}persona_to_system_prompt.txt` },
    query_generation: {
      selection: { queries_per_persona: 1 },
      style_transfer: {
        template: `${p}query_style_transfer.txt`,
        partial_template: `${p}query_style_transfer_partial.txt`,
      },
    },
    interaction_generation: {
      min_turns: 2,
      max_turns: 2,
      user_model: { system_prompt_template: `${p}user_feedback.txt` },
    },
    distractor: {
      activation_probability: 1,
      intent_extraction_template: `${p}intent_extraction.txt`,
      noise_generation_template: `${p}noise_generation.txt`,
    },
  });
  const result = await new EnhancedPersonaGenerationPipeline(config, { out, clock, env: {} }).run({
    numPersonas: 1,
  });
  assert.equal(result.summary.produced, 1, JSON.stringify(result.failures));
  const intent = script.requests.find((r) => r.op === "intent_extraction")?.req.body.messages[0]
    .content as string;
  assert.ok(
    intent.includes('{\n    "intent": "<core_intent_in_snake_case>"'),
    "Python-escaped braces become JSON",
  );
  assert.ok(!intent.includes("{{"));
  const style = script.requests.find((r) => r.op === "style_transfer")?.req.body.messages[0]
    .content as string;
  assert.match(style, /User Persona:\n- /);
  assert.match(style, /Target Length: (very_short|short|medium|long)/);
  assert.ok(!/\{(persona|query|target_length|target_turns)\}/.test(style), "every slot filled");
  const [record] = await new InteractionStorage(join(out, "interactions")).loadAll();
  assert.ok(record);
  const noisy = (record.messages as Array<{ content: string }>)[0]?.content;
  assert.equal(noisy, "umm so like help me w code??", "a plain-text noise answer is accepted");
});

test("`others` values are resolved by the model into concrete values, and the persona id follows", async (t) => {
  const script = scripted({ resolved_value: () => ({ json: { value: "veterinarian" } }) });
  const server = await startFakeLlmServer({ reply: script.reply });
  t.after(() => server.close());
  const dir = tempDir(t);
  const { writeFileSync } = await import("node:fs");
  writeFileSync(
    join(dir, "bank.yaml"),
    "dimensions:\n  - {name: role, is_constraint: true, values: [others]}\n  - {name: tone_pref, values: [casual, formal]}\n  - {name: domain, values: [health]}\n",
  );
  writeFileSync(
    join(dir, "sampling.yaml"),
    "random_sampling: {feature_availability_rate: 1, min_features: 3, max_features: 3}\ndiversity: {enabled: false}\nconstraints: {min_constraints: 1, max_constraints: 1}\n",
  );
  const config = configFor(server.url, {
    paths: {
      persona_bank: { persona: join(dir, "bank.yaml") },
      sampling: { config: join(dir, "sampling.yaml") },
    },
    persona_generation: { resolve_others: true },
    distractor: { enabled: false },
  });
  const result = await new EnhancedPersonaGenerationPipeline(config, {
    out: join(dir, "out"),
    clock,
    env: {},
  }).run({ numPersonas: 1 });
  assert.equal(result.personas[0]?.features.role, "veterinarian");
  assert.equal(script.counts.get("resolved_value"), 1);
  const [record] = await new InteractionStorage(join(dir, "out", "interactions")).loadAll();
  assert.ok(record);
  assert.equal((record.persona_features as Record<string, string>).role, "veterinarian");
  assert.equal(record?.persona_id, result.personas[0]?.persona_id);
});

test("the legacy paraphrase rule calls the model with the original distractor_noise.txt template", async (t) => {
  const script = scripted();
  const paraphrased: string[] = [];
  const server = await startFakeLlmServer({
    reply: (req) => {
      const first = req.body.messages[0]?.content as string;
      if (/Noise Type: paraphrase/.test(first)) {
        paraphrased.push(first);
        return { text: "pls help w this thing i asked" };
      }
      return script.reply(req);
    },
  });
  t.after(() => server.close());
  const out = tempDir(t);
  const config = configFor(server.url, {
    distractor: {
      use_semantic: false,
      activation_probability: 1,
      apply_to: { initial_query: true, follow_up_feedback: false },
      paraphrase_template: `${UPSTREAM}prompts/distractor_noise.txt`,
      noise_strategies: [{ name: "paraphrase", probability: 1 }],
    },
  });
  await new EnhancedPersonaGenerationPipeline(config, { out, clock, env: {} }).run({ numPersonas: 1 });
  assert.equal(paraphrased.length, 1);
  assert.match(paraphrased[0] ?? "", /Original Text:\n/);
  const [record] = await new InteractionStorage(join(out, "interactions")).loadAll();
  assert.ok(record);
  // biome-ignore lint/suspicious/noExplicitAny: a stored record, walked freely
  const version = (record.metadata as any).noisy_versions.initial_query.noisy_versions[0];
  assert.equal(version.noisy_text, "pls help w this thing i asked");
  assert.deepEqual(version.applied_strategies, ["paraphrase"]);
});

test("a persona's system prompt is formulated once, however many queries it has", async (t) => {
  const script = scripted();
  const server = await startFakeLlmServer({ reply: script.reply });
  t.after(() => server.close());
  const config = configFor(server.url, {
    query_generation: { selection: { queries_per_persona: 3 } },
    distractor: { enabled: false },
  });
  const result = await new EnhancedPersonaGenerationPipeline(config, { out: tempDir(t), clock, env: {} }).run(
    { numPersonas: 2 },
  );
  assert.equal(result.summary.produced, 6);
  assert.equal(script.counts.get("formulate"), 2);
});

test("noise for a formal user is sent back when it contains emoji", async () => {
  const { addNoiseOperation } = await import("../../src/noise/semantic/operations.js");
  const { loadStrategyFile } = await import("../../src/noise/strategy-config.js");
  const op = addNoiseOperation("{compressed_text}", loadStrategyFile(`${UPSTREAM}distractor_strategy.yaml`));
  const input = {
    text: "Please review the attached contract.",
    semantics: { intent: "review", slots: {}, compressed_text: "review contract" },
    layer: "surface_noise" as const,
    strategies: ["punctuation_format"],
    features: { formality_level: "very_formal" },
  };
  assert.match(
    op.check?.({ noisy_text: "pls review the contract 🙏", applied_strategies: [] }, input) ?? "",
    /no emoji|never uses emoji/,
  );
  assert.equal(
    op.check?.({ noisy_text: "pls review the contract", applied_strategies: [] }, input),
    undefined,
  );
  assert.equal(
    op.check?.(
      { noisy_text: "pls review 🙏", applied_strategies: [] },
      { ...input, features: { formality_level: "very_casual" } },
    ),
    undefined,
  );
});
