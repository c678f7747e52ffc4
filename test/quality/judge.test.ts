import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { InteractionStorage } from "../../src/interaction/storage.js";
import { EnhancedPersonaGenerationPipeline } from "../../src/pipeline/pipeline.js";
import { heuristicJudge } from "../../src/quality/heuristic-judge.js";
import { JUDGE_CRITERIA } from "../../src/quality/judge-operation.js";
import { TrainingDataCollector } from "../../src/training/collector.js";
import { TrainingDataExporter } from "../../src/training/exporter.js";
import { fixedClock } from "../../src/util/clock.js";
import { type FakeRequest, startFakeLlmServer } from "../helpers/fake-llm-server.js";
import { makeInteraction } from "../helpers/interactions.js";
import { tempDir } from "../helpers/paths.js";

const clock = fixedClock("2026-05-06T07:08:09Z");

test("the offline judge scores a realistic conversation above a broken one, the same way every time", () => {
  const features = { role: "teacher", formality_level: "casual", query_length_pref: "short" };
  const good = {
    features,
    messages: [
      { role: "user" as const, content: "how do i grade essays faster without being unfair" },
      {
        role: "assistant" as const,
        content:
          "Grade essays faster with a short rubric: score structure, argument and evidence on a 1-4 scale, read each essay once, and write one comment per criterion. Batch similar essays so you stay fair.",
      },
      { role: "user" as const, content: "can the rubric work for short essays too" },
      {
        role: "assistant" as const,
        content:
          "Yes: for short essays keep the rubric but drop structure to a single yes/no check, so argument and evidence carry the grade.",
      },
    ],
    noise: [
      {
        clean: "how do i grade essays faster",
        noisy: "how do i grade esays faster",
        strategies: ["typo_misspelling"],
      },
    ],
  };
  const bad = {
    features,
    messages: [
      {
        role: "user" as const,
        content:
          "As a teacher I would like to kindly request your esteemed assistance regarding the matter of assessing written compositions in a more expeditious manner than I presently manage, if that would be possible for you.",
      },
      { role: "assistant" as const, content: "Sure." },
      { role: "user" as const, content: "thanks" },
      { role: "assistant" as const, content: "Sure." },
      { role: "user" as const, content: "thanks" },
      { role: "assistant" as const, content: "Sure." },
    ],
    noise: [{ clean: "grade 25 essays by Friday", noisy: "do the thing", strategies: ["missing_slots"] }],
  };
  const g = heuristicJudge(good);
  const b = heuristicJudge(bad);
  for (const c of JUDGE_CRITERIA) assert.ok(g[c] > b[c], `${c}: ${g[c]} > ${b[c]}`);
  for (const c of JUDGE_CRITERIA) assert.ok(g[c] >= 1 && g[c] <= 5 && b[c] >= 1 && b[c] <= 5);
  assert.deepEqual(heuristicJudge(good), g, "deterministic");
});

test("judge.enabled: scores stored with each interaction, exported, summarised; filter.min_score drops and counts", async (t) => {
  const out = tempDir(t);
  const config = {
    judge: { enabled: true },
    query_generation: { selection: { queries_per_persona: 2 } },
    training_data: { split_on_export: false },
  };
  const result = await new EnhancedPersonaGenerationPipeline(config, { out, clock, env: {} }).run({
    numPersonas: 6,
  });
  const records = await new InteractionStorage(join(out, "interactions")).loadAll();
  assert.equal(records.length, 12);
  const scores: number[] = [];
  for (const record of records) {
    const judge = (record.metadata as Record<string, Record<string, unknown>>).judge!;
    for (const c of JUDGE_CRITERIA) assert.ok(typeof judge[c] === "number", c);
    assert.equal(judge.provider, "offline");
    assert.ok(typeof judge.score === "number" && judge.score >= 0 && judge.score <= 1);
    scores.push(judge.score as number);
  }
  const stats = result.training_data.statistics!;
  assert.equal(stats.quality.judge.scored, 12);
  assert.equal(stats.quality.judge.unscored, 0);
  assert.equal(stats.quality.judge.filtered, 0);
  const exported = JSON.parse(readFileSync(result.training_data.sample_files.train!, "utf8")) as Array<{
    metadata: { judge?: { score: number } };
  }>;
  assert.deepEqual(
    exported.map((s) => s.metadata.judge?.score),
    scores,
    "exported with the sample",
  );

  // A second run with the same seed judges identically (the offline judge is deterministic).
  const again = tempDir(t);
  await new EnhancedPersonaGenerationPipeline(config, { out: again, clock, env: {} }).run({ numPersonas: 6 });
  const second = await new InteractionStorage(join(again, "interactions")).loadAll();
  assert.deepEqual(
    second.map((r) => (r.metadata as Record<string, unknown>).judge),
    records.map((r) => (r.metadata as Record<string, unknown>).judge),
  );

  // The filter: a threshold between the scores drops those below it, counted, never silently.
  const sorted = [...scores].sort((a, b) => a - b);
  const threshold = sorted[Math.floor(sorted.length / 2)]!;
  const below = scores.filter((s) => s < threshold).length;
  assert.ok(below > 0 && below < 12, `${below} below ${threshold}`);
  const samples = new TrainingDataCollector().collectFromInteractions(records);
  const filtered = await new TrainingDataExporter(
    { training_data: { filter: { min_score: threshold } } },
    { clock, outputDir: tempDir(t) },
  ).exportAll(samples, { split: false, useTimestamp: false });
  const kept = JSON.parse(readFileSync(filtered.sample_files.train, "utf8")) as unknown[];
  assert.equal(kept.length, 12 - below);
  assert.equal(filtered.statistics.total_samples, 12 - below);
  assert.equal(filtered.statistics.quality.judge.filtered, below);
  assert.equal(filtered.statistics.quality.judge.min_score, threshold);
});

test("samples without a score are kept by the filter and counted as unscored", () => {
  const samples = new TrainingDataCollector().collectFromInteractions([
    makeInteraction(1),
    makeInteraction(2),
  ]);
  const stats = new TrainingDataExporter(
    { training_data: { filter: { min_score: 0.9 } } },
    { clock },
  ).computeStatistics(samples);
  assert.equal(stats.total_samples, 2);
  assert.equal(stats.quality.judge.unscored, 2);
  assert.equal(stats.quality.judge.filtered, 0);
});

test("a configured model judges through the provider: a structured rubric request, its scores stored", async (t) => {
  const judged: FakeRequest[] = [];
  const server = await startFakeLlmServer({
    // Only the judge runs on this provider (every other step is offline).
    reply: (req) => {
      judged.push(req);
      assert.equal(req.body.response_format?.json_schema?.name, "conversation_judgement");
      return {
        json: {
          persona_fidelity: 4,
          user_realism: 3,
          assistant_helpfulness: 5,
          noise_plausibility: 4,
          rationale: "the follow-up repeats itself",
        },
      };
    },
  });
  t.after(() => server.close());
  const out = tempDir(t);
  const config = {
    providers: {
      judgehost: {
        type: "openai-compatible",
        base_url: `${server.url}/v1`,
        api_key: "sk-test",
        max_concurrency: 2,
      },
    },
    judge: { enabled: true, model: { provider: "judgehost", model: "judge-model" } },
    query_generation: { selection: { queries_per_persona: 1 } },
  };
  await new EnhancedPersonaGenerationPipeline(config, { out, clock, env: {} }).run({ numPersonas: 2 });
  const records = await new InteractionStorage(join(out, "interactions")).loadAll();
  assert.equal(judged.length, 2, "one judge call per conversation");
  const prompt = (judged[0]!.body.messages as Array<{ content: string }>)[0]!.content;
  assert.match(prompt, /persona_fidelity/);
  assert.match(prompt, /USER: /, "the conversation is in the prompt");
  for (const record of records) {
    assert.deepEqual((record.metadata as Record<string, unknown>).judge, {
      persona_fidelity: 4,
      user_realism: 3,
      assistant_helpfulness: 5,
      noise_plausibility: 4,
      rationale: "the follow-up repeats itself",
      score: 0.75,
      provider: "judgehost",
      model: "judge-model",
    });
  }
});
