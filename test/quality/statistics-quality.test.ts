import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { TrainingDataCollector } from "../../src/training/collector.js";
import { TrainingDataExporter } from "../../src/training/exporter.js";
import type { TrainingSample } from "../../src/training/sample.js";
import { fixedClock } from "../../src/util/clock.js";
import { makeInteraction } from "../helpers/interactions.js";
import { tempDir } from "../helpers/paths.js";

const clock = fixedClock("2026-02-06T12:34:56Z");

/** A sample with the given user and assistant turns (one exchange per pair). */
function sample(
  n: number,
  user: string[],
  options: {
    personaId?: string;
    features?: Record<string, string>;
    domain?: string;
    original?: string;
    reason?: string;
    assistant?: string[];
  } = {},
): TrainingSample {
  const interaction = makeInteraction(n, {
    turns: user.length,
    ...(options.personaId ? { personaId: options.personaId } : {}),
    ...(options.reason ? { reason: options.reason } : {}),
  });
  interaction.messages = user.flatMap((content, t) => [
    { role: "user" as const, content },
    { role: "assistant" as const, content: options.assistant?.[t] ?? `reply ${n}.${t} here` },
  ]);
  interaction.initial_query = user[0]!;
  interaction.original_query = options.original ?? `original query number ${n}`;
  if (options.features) interaction.persona_features = options.features;
  if (options.domain)
    interaction.metadata = { ...interaction.metadata, style_transfer: { inferred_domain: options.domain } };
  return new TrainingDataCollector().interactionToTrainingSample(interaction);
}

test("distinct-1 and distinct-2 of user and assistant turns", () => {
  const stats = new TrainingDataExporter({}, { clock }).computeStatistics([
    sample(1, ["a b c"], { assistant: ["x y"] }),
    sample(2, ["A, b d!"], { assistant: ["x y"] }),
  ]);
  const { user, assistant } = stats.quality.overall.distinct;
  // Words a b c a b d: 4 distinct of 6; bigrams (a b) (b c) (a b) (b d): 3 of 4.
  assert.deepEqual(user, { words: 6, distinct_1: 0.6667, distinct_2: 0.75 });
  assert.deepEqual(assistant, { words: 4, distinct_1: 0.5, distinct_2: 0.5 });
});

test("exact and near duplicates of prompts and trajectories are counted, the first copy kept", () => {
  const long =
    "please help me plan a week of vegetarian dinners for two people on a small budget with leftovers for lunch";
  const stats = new TrainingDataExporter({}, { clock }).computeStatistics([
    sample(1, [long, "make it cheaper"]),
    sample(2, [long.toUpperCase(), "make it cheaper!"]),
    sample(3, [long.replace("two", "three"), "make it cheaper"]),
    sample(4, ["something else entirely", "and more"]),
  ]);
  const d = stats.quality.overall.duplicates;
  assert.deepEqual(d.trajectories, { exact: 1, near: 1, rate: 0.5, cross_split: 0, removed: 0 });
  assert.equal(d.prompts.exact, 1);
  assert.equal(d.prompts.near, 1);
  assert.equal(stats.total_samples, 4, "counted, not removed, by default");
});

test("training_data.dedup removes duplicates from the export and counts them", async (t) => {
  const dir = tempDir(t);
  const long = "how do I set up a python virtual environment on windows and install requirements from a file";
  const list = [
    sample(1, [long]),
    sample(2, [long]),
    sample(3, [long.replace("windows", "linux")]),
    sample(4, ["an unrelated question about bread"]),
  ];
  for (const [remove, kept] of [
    ["none", 4],
    ["exact", 3],
    ["near", 2],
  ] as const) {
    const exporter = new TrainingDataExporter(
      { training_data: { dedup: { remove } } },
      { clock, outputDir: dir },
    );
    const result = await exporter.exportAll(list, { split: false, useTimestamp: false });
    const written = JSON.parse(readFileSync(result.sample_files.train, "utf8")) as Array<{
      sample_id: string;
    }>;
    assert.equal(written.length, kept, remove);
    assert.equal(written[0]?.sample_id, list[0]?.sampleId, "the first copy is the one kept");
    assert.equal(result.statistics.total_samples, kept);
    assert.equal(result.statistics.quality.dedup.removed, 4 - kept);
    assert.equal(result.statistics.quality.overall.duplicates.trajectories.removed, 4 - kept);
    assert.equal(result.statistics.quality.overall.duplicates.trajectories.exact, 1, "counted always");
  }
});

test("persona contradictions, persona × domain match and coverage, query reuse, histograms", () => {
  const stats = new TrainingDataExporter({}, { clock }).computeStatistics([
    sample(1, ["q one"], {
      personaId: "p1",
      features: { age_band: "under_18", seniority: "director", role: "student", domain: "coding" },
      domain: "coding",
    }),
    sample(2, ["q two", "more"], {
      personaId: "p1",
      features: { age_band: "under_18", seniority: "director", role: "student", domain: "coding" },
      domain: "math",
      original: "original query number 1",
      reason: "max_turns",
    }),
    sample(3, ["q three"], {
      personaId: "p2",
      features: { role: "teacher", domain: "math" },
      domain: "math",
    }),
  ]);
  const q = stats.quality.overall;
  assert.equal(q.persona_contradictions, 1, "one persona (counted once) breaks a rule of the bundled bank");
  assert.deepEqual(q.persona_domain, {
    samples: 3,
    matching: 2,
    match_rate: 0.6667,
    cells: 3,
    coverage: 0.75,
  });
  assert.deepEqual(q.query_reuse, { reused: 1, rate: 0.3333 });
  assert.deepEqual(q.turns_histogram, { 1: 2, 2: 1 });
  assert.equal(q.user_length_histogram["1-5"], 4);
  assert.equal(q.assistant_length_histogram["1-5"], 4);
  assert.deepEqual(q.termination_reasons, { satisfied: 2, max_turns: 1 });
  const splits = stats.quality.by_split;
  assert.equal(splits.train.samples + splits.validation.samples + splits.test.samples, 3);
});

test("a duplicate whose kept copy is in another split is counted as crossing splits", () => {
  const text = "write a cover letter for a junior data analyst job at a logistics company in Berlin";
  const list = Array.from({ length: 12 }, (_, i) =>
    sample(i, [i < 2 ? text : `different request ${i}`], { personaId: `p${i}` }),
  );
  const stats = new TrainingDataExporter({}, { clock }).computeStatistics(list);
  // The first three personas land in three different splits.
  const q = stats.quality;
  const crossing =
    q.by_split.train.duplicates.trajectories.cross_split +
    q.by_split.validation.duplicates.trajectories.cross_split +
    q.by_split.test.duplicates.trajectories.cross_split;
  assert.equal(q.overall.duplicates.trajectories.exact, 1);
  assert.equal(crossing, 1);
});

test("persona × domain match: the seed query's own domain is preferred to the style step's guess", () => {
  const labelled = (n: number, seedDomain: string | undefined, inferred: string) => {
    const s = sample(n, [`query ${n}`], { features: { role: "teacher", domain: "math" }, domain: inferred });
    if (seedDomain) s.metadata = { ...s.metadata, query_domain: seedDomain };
    return s;
  };
  const stats = new TrainingDataExporter({}, { clock }).computeStatistics([
    labelled(1, "math", "coding"), // the style step guessed a neighbour: still a match
    labelled(2, "cooking", "math"), // guessed the persona's domain: not a match
    labelled(3, undefined, "math"), // an older record without the seed's label: the guess counts
  ]);
  const { samples, matching } = stats.quality.overall.persona_domain;
  assert.deepEqual({ samples, matching }, { samples: 3, matching: 2 });
});
