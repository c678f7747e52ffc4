// The dry run's token estimate against the measured tokens of the same run on the fake server, whose
// usage is counted with OpenAI's tokenizer and whose answers have the typical lengths the estimate
// assumes: what is left to check is the estimate's own model of the run (prompts rendered from the
// templates, histories growing turn by turn, calls per conversation), within ±15%.
import assert from "node:assert/strict";
import { test } from "node:test";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { EnhancedPersonaGenerationPipeline } from "../../src/pipeline/pipeline.js";
import { startFakeLlmServer } from "../helpers/fake-llm-server.js";
import { tempDir } from "../helpers/paths.js";
import { typicalReply } from "../helpers/typical-replies.js";

test("the dry run's token estimate is within ±15% of the tokens the same run uses", async (t) => {
  const server = await startFakeLlmServer({ reply: typicalReply, countTokens });
  t.after(() => server.close());
  const config = {
    api: { provider: "fake", model: "gpt-4o-mini" },
    providers: { fake: { base_url: `${server.url}/v1`, api_key: "sk-test" } },
    distractor: { enabled: false },
    interaction_generation: { min_turns: 2, max_turns: 5 },
    training_data: { split_on_export: false },
  };
  const out = tempDir(t);
  const dry = await new EnhancedPersonaGenerationPipeline(config, { out, env: {} }).run({
    numPersonas: 8,
    dryRun: true,
  });
  const run = await new EnhancedPersonaGenerationPipeline(config, { out, env: {} }).run({ numPersonas: 8 });
  const estimate = dry.estimate?.total;
  assert.ok(estimate);
  assert.equal(run.summary.api_calls, estimate.calls, "the calls the estimate counted");
  for (const [what, estimated, measured] of [
    ["input", estimate.input_tokens, run.summary.input_tokens],
    ["output", estimate.output_tokens, run.summary.output_tokens],
  ] as const) {
    const error = estimated / measured - 1;
    t.diagnostic(`${what} tokens: estimated ${estimated}, used ${measured} (${(error * 100).toFixed(1)}%)`);
    assert.ok(
      Math.abs(error) <= 0.15,
      `${what}: estimated ${estimated}, used ${measured} (${(error * 100).toFixed(1)}%)`,
    );
  }
});

test("in batch mode the dry run counts rounds and prices every call at the batch price", async (t) => {
  const config = (batch: boolean) => ({
    api: { provider: "fake", model: "gpt-4o-mini" },
    providers: { fake: { base_url: "http://127.0.0.1:9/v1", api_key: "sk-test" } },
    interaction_generation: { min_turns: 2, max_turns: 5 },
    llm: { batch, prices: { "gpt-4o-mini": { input: 0.15, cached_input: 0.075, output: 0.6 } } },
  });
  const out = tempDir(t);
  const estimate = async (batch: boolean) =>
    (
      await new EnhancedPersonaGenerationPipeline(config(batch), { out, env: {} }).run({
        numPersonas: 4,
        dryRun: true,
      })
    ).estimate;
  const [realtime, batched] = [await estimate(false), await estimate(true)];
  assert.ok(realtime && batched);
  assert.equal(realtime.batch_rounds, 0);
  // The longest conversation: 5 assistant turns and 4 user turns after the first round.
  assert.ok(batched.batch_rounds >= 6 && batched.batch_rounds <= 10, `${batched.batch_rounds} rounds`);
  assert.ok(Math.abs(batched.total.cost_usd - realtime.total.cost_usd / 2) < 1e-9, "half the realtime cost");
  assert.ok(batched.notes.some((n) => /batch mode: about \d+ rounds/.test(n)));
});
