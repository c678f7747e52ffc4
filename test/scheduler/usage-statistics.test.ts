import assert from "node:assert/strict";
import { test } from "node:test";
import { type UsageRecord, UsageTracker } from "../../src/scheduler/usage.js";

function call(stage: string, model: string): UsageRecord {
  return {
    item_id: `${stage}-${model}`,
    stage,
    operation: stage,
    provider: "openai",
    model,
    input_tokens: 10,
    output_tokens: 5,
    cached_input_tokens: 0,
    cache_write_tokens: 0,
    latency_ms: 1,
    attempts: 1,
    cache_hit: false,
    cost_usd: 0,
    ok: true,
  };
}

test("usage statistics do not depend on the order in which stages and models were first counted", () => {
  const calls = [call("interaction", "gpt-b"), call("persona_generation", "gpt-a"), call("noise", "gpt-c")];
  const forward = new UsageTracker();
  const backward = new UsageTracker();
  for (const c of calls) forward.record(c);
  for (const c of [...calls].reverse()) backward.record(c);
  assert.equal(JSON.stringify(forward.statistics()), JSON.stringify(backward.statistics()));
  assert.deepEqual(Object.keys(forward.statistics().by_module), [
    "interaction",
    "noise",
    "persona_generation",
  ]);
  assert.deepEqual(Object.keys(forward.statistics().by_model), [
    "openai/gpt-a",
    "openai/gpt-b",
    "openai/gpt-c",
  ]);
});
