import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { InteractionStorage } from "../../src/interaction/storage.js";
import { EnhancedPersonaGenerationPipeline } from "../../src/pipeline/pipeline.js";
import { fixedClock } from "../../src/util/clock.js";
import { tempDir } from "../helpers/paths.js";

const clock = fixedClock("2026-03-04T05:06:07Z");

test("offline with no config: a complete dataset, the seed's result shape, every record labelled offline", async (t) => {
  const out = tempDir(t);
  const pipeline = new EnhancedPersonaGenerationPipeline(undefined, { out, clock, env: {} });
  const result = await pipeline.run({ numPersonas: 4 });
  assert.equal(result.personas.length, 4);
  assert.equal(result.training_data.total_samples, 12, "4 personas × 3 queries");
  assert.equal(result.summary.produced, 12);
  assert.equal(result.summary.failed, 0);
  assert.equal(result.summary.api_calls, 0);
  assert.deepEqual(Object.keys(result.training_data.sample_files), ["train", "validation", "test"]);
  const interactions = await new InteractionStorage(join(out, "interactions")).loadAll();
  assert.equal(interactions.length, 12);
  const { min_turns: min, max_turns: max } = pipeline.config.interaction_generation;
  for (const record of interactions) {
    const messages = record.messages as Array<{
      role: string;
      content: string;
      metadata: Record<string, unknown>;
    }>;
    assert.equal(messages.at(-1)?.role, "assistant", "never ends on an unanswered user message");
    const replies = messages.filter((m) => m.role === "assistant").length;
    assert.equal(record.num_turns, replies);
    assert.ok(replies >= min && replies <= max, `${replies} turns`);
    const meta = record.metadata as Record<string, { provider?: string } | string>;
    assert.equal((meta.assistant_model as { provider: string }).provider, "offline");
    assert.ok(["satisfied", "max_turns", "gave_up"].includes(meta.termination_reason as string));
    for (const m of messages) assert.ok(m.content.trim().length > 0);
  }
});

test("rerunning the same command resumes: nothing is redone and the export is byte-identical", async (t) => {
  const out = tempDir(t);
  const first = await new EnhancedPersonaGenerationPipeline(undefined, { out, clock, env: {} }).run({
    numPersonas: 3,
  });
  const files = Object.values(first.training_data.sample_files);
  const before = files.map((f) => readFileSync(f, "utf8"));
  const second = await new EnhancedPersonaGenerationPipeline(undefined, { out, clock, env: {} }).run({
    numPersonas: 3,
  });
  assert.equal(second.plan_id, first.plan_id);
  assert.equal(second.resumed, true);
  assert.equal(second.summary.produced, 0);
  assert.equal(second.summary.already_done, 9);
  assert.deepEqual(
    Object.values(second.training_data.sample_files).map((f) => readFileSync(f, "utf8")),
    before,
  );
});

test("the same seed gives byte-identical samples in a fresh directory; another seed gives other data", async (t) => {
  const run = async (seed: number) => {
    const out = tempDir(t);
    const result = await new EnhancedPersonaGenerationPipeline(
      { experiment: { seed } },
      { out, clock, env: {} },
    ).run({ numPersonas: 3 });
    return Object.values(result.training_data.sample_files)
      .map((f) => readFileSync(f, "utf8"))
      .join("\n");
  };
  const a = await run(7);
  assert.equal(await run(7), a);
  assert.notEqual(await run(8), a);
});

test("a second run with another seed adds new personas and never reuses a query", async (t) => {
  const out = tempDir(t);
  const a = await new EnhancedPersonaGenerationPipeline(
    { experiment: { seed: 1 } },
    { out, clock, env: {} },
  ).run({ numPersonas: 3 });
  const b = await new EnhancedPersonaGenerationPipeline(
    { experiment: { seed: 2 } },
    { out, clock, env: {} },
  ).run({ numPersonas: 3 });
  assert.notEqual(a.plan_id, b.plan_id);
  assert.equal(b.training_data.total_samples, 18, "the export covers the whole store");
  const interactions = await new InteractionStorage(join(out, "interactions")).loadAll();
  const queryIds = interactions.map((i) => (i.metadata as { query_id: string }).query_id);
  assert.equal(new Set(queryIds).size, 18);
});

test("--stage style switches: no style transfer keeps the seed text; no distractor gives no noise", async (t) => {
  const out = tempDir(t);
  const result = await new EnhancedPersonaGenerationPipeline(
    { query_generation: { style_transfer: { enabled: false } }, distractor: { enabled: false } },
    { out, clock, env: {} },
  ).run({ numPersonas: 2 });
  const stats = result.training_data.statistics;
  assert.equal(stats?.distractor_stats.samples_with_noise, 0);
  for (const record of await new InteractionStorage(join(out, "interactions")).loadAll()) {
    assert.equal(record.initial_query, record.original_query);
  }
});

test("dry run plans, estimates and writes nothing", async (t) => {
  const out = join(tempDir(t), "never");
  const result = await new EnhancedPersonaGenerationPipeline(undefined, { out, clock, env: {} }).run({
    numPersonas: 5,
    dryRun: true,
  });
  assert.equal(result.estimate?.items, 15);
  assert.ok((result.estimate?.rows.length ?? 0) >= 3);
  const { existsSync } = await import("node:fs");
  assert.equal(existsSync(out), false);
});
