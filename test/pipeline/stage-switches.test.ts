import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { InteractionStorage } from "../../src/interaction/storage.js";
import { EnhancedPersonaGenerationPipeline } from "../../src/pipeline/pipeline.js";
import { fixedClock } from "../../src/util/clock.js";
import { startFakeLlmServer } from "../helpers/fake-llm-server.js";
import { tempDir } from "../helpers/paths.js";

const clock = fixedClock("2026-07-08T09:10:11Z");

async function interactionsOf(config: Record<string, unknown>, out: string, personas = 3) {
  await new EnhancedPersonaGenerationPipeline(config, { out, clock, env: {} }).run({ numPersonas: personas });
  return (await new InteractionStorage(join(out, "interactions")).loadAll()) as Array<{
    messages: Array<{ role: string; metadata: Record<string, unknown> }>;
    initial_query: string;
    original_query: string;
    // biome-ignore lint/suspicious/noExplicitAny: stored records are arbitrary JSON that the test walks freely
    metadata: Record<string, any>;
  }>;
}

test("rule-based noise (use_semantic: false) applies the configured rules and records every edit", async (t) => {
  const records = await interactionsOf(
    {
      distractor: {
        use_semantic: false,
        activation_probability: 1,
        noise_strategies: [
          { name: "typo", probability: 1, intensity: 0.3 },
          { name: "word_swap", probability: 1, num_swaps: 1 },
        ],
      },
    },
    tempDir(t),
  );
  let versions = 0;
  for (const r of records) {
    const initial = r.metadata.noisy_versions.initial_query.noisy_versions as Array<Record<string, unknown>>;
    for (const v of initial) {
      versions++;
      assert.equal(v.noise_type, "rule_based");
      assert.ok((v.applied_strategies as string[]).length > 0);
      assert.ok(Array.isArray(v.edits) && (v.edits as unknown[]).length > 0);
    }
    assert.equal(r.metadata.distractor_type, "rule_based");
  }
  assert.ok(versions >= records.length - 1, "nearly every initial query is noised at activation 1");
});

test("apply_to decides which user texts are noised; activation 0 noises none", async (t) => {
  const onlyFollowups = await interactionsOf(
    {
      distractor: { activation_probability: 1, apply_to: { initial_query: false, follow_up_feedback: true } },
    },
    tempDir(t),
  );
  for (const r of onlyFollowups) {
    assert.deepEqual(r.metadata.noisy_versions.initial_query.noisy_versions, []);
    assert.equal(r.messages[0]?.metadata.was_noised, false);
    for (const f of r.metadata.noisy_versions.followups) assert.equal(f.noisy_versions.length, 1);
  }
  const never = await interactionsOf({ distractor: { activation_probability: 0 } }, tempDir(t));
  for (const r of never) {
    assert.equal(r.metadata.distractor_applied, false);
    for (const m of r.messages.filter((m) => m.role === "user")) assert.equal(m.metadata.was_noised, false);
  }
});

test("transfer_probability 0 keeps every seed query as written", async (t) => {
  const records = await interactionsOf(
    { query_generation: { style_transfer: { transfer_probability: 0 } }, distractor: { enabled: false } },
    tempDir(t),
  );
  for (const r of records) {
    assert.equal(r.initial_query, r.original_query);
    assert.equal(r.metadata.style_transfer.was_style_transferred, false);
  }
});

test("when intent extraction keeps failing, the noise step falls back to the heuristic intent", async (t) => {
  const server = await startFakeLlmServer({
    reply: (req) => {
      const schema = req.body.response_format?.json_schema?.name;
      if (schema === "intent_extraction") return { text: "sorry, no idea" };
      if (schema === "user_turn") return { json: { satisfied: true, feedback: "thanks" } };
      if (schema === "style_transfer")
        return {
          json: {
            adapted_query: "help me plan a trip to Oslo for 3 days",
            inferred_domain: "travel",
            inferred_scenario: "planning",
          },
        };
      const first = req.body.messages[0]?.content as string;
      if (/Noise layer/.test(first))
        return {
          json: {
            noisy_text: "help me plan a trip to oslo for like 3 days",
            applied_strategies: ["colloquial_speech"],
          },
        };
      return {
        text: "A long enough answer that works as a system prompt or as a reply, whichever is asked for here.",
      };
    },
  });
  t.after(() => server.close());
  const records = await interactionsOf(
    {
      api: { provider: "fake", model: "m" },
      providers: { fake: { base_url: `${server.url}/v1`, api_key: "k" } },
      llm: { max_repair_attempts: 0, max_attempts: 1 },
      query_generation: { selection: { queries_per_persona: 1 } },
      interaction_generation: { min_turns: 1, max_turns: 1 },
      distractor: { activation_probability: 1, apply_to: { initial_query: true, follow_up_feedback: false } },
    },
    tempDir(t),
    1,
  );
  const semantic = records[0]?.metadata.semantic_noise.initial_query;
  assert.equal(semantic.metadata.intent_fallback, "heuristic");
  assert.equal(typeof semantic.extracted_semantics.intent, "string");
  assert.equal(records[0]?.messages[0]?.metadata.was_noised, true);
});
