import assert from "node:assert/strict";
import { test } from "node:test";
import { DataError } from "../../src/errors.js";
import { TrainingDataCollector } from "../../src/training/collector.js";
import { TrainingSample } from "../../src/training/sample.js";
import { makeInteraction } from "../helpers/interactions.js";
import { originalInteraction } from "../helpers/original-interactions.js";

test("an interaction becomes a sample: trajectory = user messages in order, num_turns = assistant replies", () => {
  const collector = new TrainingDataCollector();
  const interaction = makeInteraction(5, { turns: 3, noisy: true });
  const sample = collector.interactionToTrainingSample(interaction);
  assert.equal(sample.sampleId, "sample_0000000000000005");
  assert.equal(sample.personaId, interaction.persona_id);
  assert.deepEqual(sample.promptTrajectory, [
    "hey can u help me with task 5",
    "folow-up 1 for task 5",
    "follow-up 2 for task 5",
  ]);
  assert.equal(sample.numTurns, 3);
  assert.equal(sample.fullConversation?.length, 6);
  assert.deepEqual(sample.noisyInitialQueries, [
    {
      noisy_text: "hey can u hlep me with task 5",
      noise_type: "surface_noise",
      applied_strategies: ["typo_misspelling"],
      layer: "surface_noise",
    },
  ]);
  assert.deepEqual(sample.noisyTrajectories, [
    {
      turn: 1,
      noisy_text: "folow-up 1 for task 5",
      noise_type: "surface_noise",
      applied_strategies: ["char_drop"],
    },
  ]);
  assert.equal(sample.metadata?.interaction_id, interaction.interaction_id);
  assert.equal(sample.metadata?.termination_reason, "satisfied");
  assert.equal(sample.metadata?.noisy_versions, undefined, "noise lives in the sample's own fields");
});

test("skipped noise produces empty noisy lists", () => {
  const sample = new TrainingDataCollector().interactionToTrainingSample(makeInteraction(1));
  assert.deepEqual(sample.noisyInitialQueries, []);
  assert.deepEqual(sample.noisyTrajectories, []);
  assert.equal(sample.hasNoise, false);
});

test("training_data.format.include_* flags leave fields out of the sample", () => {
  const collector = new TrainingDataCollector({
    training_data: {
      format: {
        include_persona: false,
        include_trajectory: false,
        include_full_conversation: false,
        include_distractor_versions: false,
        include_metadata: false,
      },
    },
  });
  const dict = collector.interactionToTrainingSample(makeInteraction(2, { noisy: true })).toDict();
  assert.deepEqual(Object.keys(dict), [
    "sample_id",
    "persona_id",
    "original_query",
    "initial_query",
    "num_turns",
  ]);
});

test("collectFromInteractions converts many; a malformed record throws, or is reported with onSkip", () => {
  const collector = new TrainingDataCollector();
  const good = [makeInteraction(1), makeInteraction(2)];
  assert.equal(collector.collectFromInteractions(good).length, 2);
  const bad = { interaction_id: "interaction_bad", persona_id: "p", messages: "nope" };
  const noReply = { ...makeInteraction(3), messages: [{ role: "user", content: "hi" }] };
  assert.throws(() => collector.collectFromInteractions([...good, bad]), DataError);
  const skipped: string[] = [];
  const samples = collector.collectFromInteractions([...good, bad, noReply], {
    onSkip: (id, reason) => skipped.push(`${id}: ${reason}`),
  });
  assert.equal(samples.length, 2);
  assert.equal(skipped.length, 2);
  assert.match(skipped[0] ?? "", /interaction_bad: .*messages/);
  assert.match(skipped[1] ?? "", /no assistant reply/);
});

test("collectStream yields the same samples as the array form", async () => {
  const collector = new TrainingDataCollector();
  const interactions = Array.from({ length: 20 }, (_, i) => makeInteraction(i));
  const streamed = [];
  for await (const s of collector.collectStream(interactions)) streamed.push(s.toDict());
  assert.deepEqual(
    streamed,
    collector.collectFromInteractions(interactions).map((s) => s.toDict()),
  );
});

test("the original tool's Interaction dicts: null noisy_versions, semantic_noise, query_id and assistant_model mean none", () => {
  const collector = new TrainingDataCollector();
  const plain = originalInteraction(1, "none");
  const legacy = originalInteraction(2, "legacy");
  const samples = collector.collectFromInteractions([plain, legacy]);
  assert.equal(samples.length, 2);
  const [a, b] = samples;
  assert.deepEqual(a?.noisyInitialQueries, []);
  assert.deepEqual(a?.noisyTrajectories, []);
  assert.equal(a?.numTurns, 2);
  assert.equal(a?.metadata?.query_id, null);
  assert.equal(a?.metadata?.assistant_model, null);
  // Legacy (rule-based) noise wrote no applied_strategies: read as none applied, intensity kept.
  assert.deepEqual(b?.noisyTrajectories, [
    {
      turn: 1,
      noisy_text: "can i make dish 2 day before??",
      noise_type: "typo",
      applied_strategies: [],
      noise_intensity: 0.3,
    },
  ]);
});

test("the system prompt and the semantic noise extraction are exported only when asked for", () => {
  const interaction = makeInteraction(4, { noisy: true });
  const semantic = { initial_query: { intent: "get help", slots: { task: "4" } }, followups: [] };
  interaction.metadata = {
    ...interaction.metadata,
    system_prompt: "Serve a casual engineer.",
    semantic_noise: semantic,
  };
  const plain = new TrainingDataCollector().interactionToTrainingSample(interaction).toDict();
  assert.equal(plain.system_prompt, undefined);
  assert.equal(plain.semantic_noise, undefined);
  assert.equal(plain.metadata?.system_prompt, undefined, "never repeated in the metadata");
  assert.equal(plain.metadata?.semantic_noise, undefined);
  const full = new TrainingDataCollector({
    training_data: { format: { include_system_prompt: true, include_semantic_noise: true } },
  })
    .interactionToTrainingSample(interaction)
    .toDict();
  assert.equal(full.system_prompt, "Serve a casual engineer.");
  assert.deepEqual(full.semantic_noise, semantic);
  assert.deepEqual(Object.keys(full).slice(0, 4), [
    "sample_id",
    "persona_id",
    "persona_features",
    "system_prompt",
  ]);
  assert.deepEqual(TrainingSample.fromDict(full).toDict(), full, "a round trip keeps both");
});
