import assert from "node:assert/strict";
import { test } from "node:test";
import { resolveConfig } from "../../src/config/load.js";
import { LlmService } from "../../src/llm/llm-service.js";
import { modelRef } from "../../src/llm/model-ref.js";
import { DEFAULT_REFUSAL_PHRASES, formulateOperation } from "../../src/persona/formulate-operation.js";
import type { PlannedPersona } from "../../src/pipeline/plan.js";
import { SystemPrompts } from "../../src/pipeline/system-prompts.js";
import { UsageTracker } from "../../src/scheduler/usage.js";

function setUp(itemPersonas: string[]) {
  const config = resolveConfig({});
  const usage = new UsageTracker();
  const llm = new LlmService({ config, env: {}, runSeed: 7, usage });
  const saved: Array<Record<string, unknown>> = [];
  const prompts = new SystemPrompts(
    "gen_000000000000",
    { save: async (record) => saved.push(record) },
    new Map(),
    llm,
    formulateOperation({
      template: "Write a system prompt for {persona}",
      validate: true,
      minLength: 20,
      refusalPhrases: DEFAULT_REFUSAL_PHRASES,
    }),
    modelRef(config),
    itemPersonas,
  );
  return { prompts, saved, calls: () => usage.totals().calls };
}

const persona = (id: string): PlannedPersona => ({
  persona_id: id,
  features: { role: "teacher", tone_pref: "friendly" },
  metadata: {},
});

test("a persona's prompt is formulated once for all of its items and let go after the last one", async () => {
  const { prompts, saved, calls } = setUp(["p1", "p1", "p2"]);
  const first = await prompts.get(persona("p1"));
  assert.ok(first.system_prompt && first.system_prompt.length > 20);
  prompts.release("p1");
  // The second item of p1 starts after the first has finished: same prompt, no new call.
  assert.deepEqual(await prompts.get(persona("p1")), first);
  assert.equal(calls(), 1);
  assert.equal(saved.length, 1);
  prompts.release("p1");
  // Every planned item of p1 is done: nothing of it is kept (asking again formulates again).
  await prompts.get(persona("p1"));
  assert.equal(calls(), 2);
  await prompts.get(persona("p2"));
  assert.equal(calls(), 3);
});
