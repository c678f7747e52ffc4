import assert from "node:assert/strict";
import { test } from "node:test";
import { parseConfigValue } from "../../src/config/load.js";
import { PersonasynthError } from "../../src/errors.js";
import { OfflinePool } from "../../src/pipeline/offline-pool.js";
import type { PlanItem } from "../../src/pipeline/plan.js";
import { UsageTracker } from "../../src/scheduler/usage.js";
import { fixedClock } from "../../src/util/clock.js";

const persona = { persona_id: "persona_a", features: { role: "engineer" }, metadata: {} };

function item(index: number): PlanItem {
  return {
    index,
    item_id: `item_${index}`,
    interaction_id: `interaction_${index}`,
    persona_id: persona.persona_id,
    query_id: `q:${index}`,
    original_query: "How do I fix a slow SQL query?",
    source_dataset: "q",
    target_turns: 2,
    target_length: "short",
    style_transfer: true,
    prompt_type: "full",
  };
}

test("a worker thread that dies fails every item it held with one clear error, and later items at once", async (t) => {
  const { config } = parseConfigValue({}, undefined, process.cwd());
  // No run inputs: the worker's first batch throws outside any item, and the thread ends.
  const pool = new OfflinePool(
    1,
    { config, generation: "gen_000000000000", inputs: null, runSeed: 42 },
    {
      personas: new Map([[persona.persona_id, persona]]),
      systemPrompts: undefined,
      storedQueries: new Map(),
      clock: fixedClock("2026-01-01T00:00:00Z"),
      usage: new UsageTracker(),
    },
  );
  t.after(() => pool.close());
  const outcomes = await Promise.allSettled([pool.run(item(0)), pool.run(item(1))]);
  for (const outcome of outcomes) {
    assert.equal(outcome.status, "rejected");
    const error = (outcome as PromiseRejectedResult).reason;
    assert.ok(error instanceof PersonasynthError);
    assert.equal(error.code, "INTERNAL");
    assert.match(error.message, /an offline worker thread failed/);
    assert.match(error.describe(), /rerun the same command/);
  }
  await assert.rejects(pool.run(item(2)), /an offline worker thread failed/);
});
