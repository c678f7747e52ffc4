import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { exportDataset, TrainingDataCollector, TrainingSample } from "../../src/index.js";
import { InteractionStorage } from "../../src/interaction/storage.js";
import { cli } from "../helpers/cli.js";
import { makeInteraction } from "../helpers/interactions.js";
import { tempDir } from "../helpers/paths.js";
import { CLOCK, jsonl, NOISY_CONFIG, sharedOfflineStore, storeSamples } from "./fixtures.js";

type Message = { role: string; content: string; metadata?: Record<string, unknown> };
type Sample = {
  sample_id: string;
  persona_features: Record<string, unknown>;
  original_query: string;
  prompt_trajectory: string[];
  full_conversation: Message[];
  noisy_initial_queries: Array<Record<string, unknown>>;
  noisy_trajectories: Array<Record<string, unknown> & { turn: number }>;
};

const shared = sharedOfflineStore(8);

/** The OpenAI chat fine-tuning rules, checked line by line. */
function assertOpenAiLine(line: Record<string, unknown>): void {
  assert.deepEqual(Object.keys(line), ["messages"], "no keys but messages");
  const messages = line.messages as Array<Record<string, unknown>>;
  assert.ok(Array.isArray(messages) && messages.length >= 2);
  let previous: unknown;
  for (const [i, m] of messages.entries()) {
    assert.deepEqual(Object.keys(m).sort(), ["content", "role"], "no keys but role and content");
    assert.ok(["system", "user", "assistant"].includes(m.role as string), `role ${String(m.role)}`);
    assert.equal(typeof m.content, "string");
    assert.ok((m.content as string).trim().length > 0, "non-empty content");
    if (m.role === "system") assert.equal(i, 0, "system only first");
    else assert.notEqual(m.role, previous, "user and assistant alternate");
    if (i === 0 || (i === 1 && messages[0]?.role === "system")) assert.notEqual(m.role, "assistant");
    previous = m.role;
  }
  assert.equal(messages.at(-1)?.role, "assistant", "ends with a target turn");
}

async function exportTo(
  dir: string,
  options: Parameters<typeof exportDataset>[2] = {},
  config: object = NOISY_CONFIG,
) {
  return exportDataset(storeSamples(shared.path, config), config, {
    outputDir: dir,
    clock: CLOCK,
    useTimestamp: false,
    split: true,
    ...options,
  });
}

test("openai: every line passes the chat fine-tuning rules, one per sample, split as the JSON export", async (t) => {
  const dir = tempDir(t);
  const result = await exportTo(dir, { formats: ["json", "openai", "sharegpt", "trajectories"] });
  assert.deepEqual(result.left_out, {});
  let lines = 0;
  for (const split of ["train", "validation", "test"] as const) {
    const samples = JSON.parse(readFileSync(join(dir, `${split}_samples.json`), "utf8")) as Sample[];
    const openai = jsonl(readFileSync(join(dir, `${split}_openai.jsonl`), "utf8"));
    assert.equal(openai.length, samples.length, split);
    for (const [i, line] of openai.entries()) {
      assertOpenAiLine(line);
      const sample = samples[i] as Sample;
      // Assistant targets, noisy user text: the conversation exactly as the assistant saw it.
      assert.deepEqual(
        (line.messages as Message[]).map((m) => [m.role, m.content]),
        sample.full_conversation.map((m) => [m.role, m.content]),
      );
    }
    lines += openai.length;
  }
  assert.equal(lines, result.statistics.total_samples);
  assert.equal(lines, 24);
});

test("openai: clean user text, and user-simulator targets with the persona as system message", async (t) => {
  const clean = tempDir(t);
  await exportTo(clean, { formats: ["json", "openai"], split: false, chat: { userText: "clean" } });
  const samples = JSON.parse(readFileSync(join(clean, "train_samples.json"), "utf8")) as Sample[];
  const lines = jsonl(readFileSync(join(clean, "train_openai.jsonl"), "utf8"));
  let differ = 0;
  for (const [i, line] of lines.entries()) {
    assertOpenAiLine(line);
    const conversation = (samples[i] as Sample).full_conversation;
    const users = (line.messages as Message[]).filter((m) => m.role === "user").map((m) => m.content);
    assert.deepEqual(
      users,
      conversation.filter((m) => m.role === "user").map((m) => m.metadata?.clean_version),
    );
    differ += conversation.filter((m) => m.role === "user" && m.content !== m.metadata?.clean_version).length;
  }
  assert.ok(differ > 0, "the store has noised prompts, so clean and noisy differ somewhere");

  const user = tempDir(t);
  await exportTo(user, { formats: ["openai"], split: false, chat: { target: "user" } });
  for (const [i, line] of jsonl(readFileSync(join(user, "train_openai.jsonl"), "utf8")).entries()) {
    assertOpenAiLine(line);
    const sample = samples[i] as Sample;
    const messages = line.messages as Message[];
    assert.equal(messages[0]?.role, "system");
    for (const [k, v] of Object.entries(sample.persona_features)) {
      if (v !== null) assert.ok(messages[0]?.content.includes(`- ${k}: ${String(v)}`), k);
    }
    assert.deepEqual(messages[1], { role: "user", content: sample.original_query });
    // The persona's turns are the targets; the conversation's last assistant reply has no target after it.
    assert.deepEqual(
      messages.filter((m) => m.role === "assistant").map((m) => m.content),
      sample.prompt_trajectory,
    );
    assert.deepEqual(
      messages
        .slice(2)
        .filter((m) => m.role === "user")
        .map((m) => m.content),
      sample.full_conversation
        .filter((m) => m.role === "assistant")
        .slice(0, -1)
        .map((m) => m.content),
    );
  }
});

test("sharegpt alternates human and gpt after an optional system turn and ends with gpt", async (t) => {
  const dir = tempDir(t);
  await exportTo(dir, { formats: ["json", "sharegpt"], split: false });
  const samples = JSON.parse(readFileSync(join(dir, "train_samples.json"), "utf8")) as Sample[];
  const rows = jsonl(readFileSync(join(dir, "train_sharegpt.jsonl"), "utf8"));
  assert.equal(rows.length, samples.length);
  for (const [i, row] of rows.entries()) {
    assert.deepEqual(Object.keys(row), ["conversations"]);
    const turns = row.conversations as Array<{ from: string; value: string }>;
    const body = turns[0]?.from === "system" ? turns.slice(1) : turns;
    assert.ok(body.length >= 2);
    body.forEach((turn, k) => {
      assert.deepEqual(Object.keys(turn), ["from", "value"]);
      assert.equal(turn.from, k % 2 === 0 ? "human" : "gpt", `turn ${k}`);
      assert.ok(turn.value.trim().length > 0);
    });
    assert.equal(body.at(-1)?.from, "gpt");
    assert.deepEqual(
      body.map((turn) => turn.value),
      (samples[i] as Sample).full_conversation.map((m) => m.content),
    );
  }
});

test("trajectories: one row per sample, each user turn with its clean text and its noisy versions", async (t) => {
  const dir = tempDir(t);
  await exportTo(dir, { formats: ["json", "trajectories"], split: false });
  const samples = JSON.parse(readFileSync(join(dir, "train_samples.json"), "utf8")) as Sample[];
  const rows = jsonl(readFileSync(join(dir, "train_trajectories.jsonl"), "utf8"));
  assert.equal(rows.length, samples.length);
  let noisyFollowups = 0;
  for (const [i, row] of rows.entries()) {
    const sample = samples[i] as Sample;
    assert.equal(row.sample_id, sample.sample_id);
    const turns = row.turns as Array<{
      turn: number;
      prompt: string;
      clean: string;
      noisy_versions: unknown[];
    }>;
    assert.deepEqual(
      turns.map((turn) => turn.prompt),
      sample.prompt_trajectory,
    );
    const users = sample.full_conversation.filter((m) => m.role === "user");
    turns.forEach((turn, k) => {
      assert.equal(turn.turn, k);
      assert.equal(turn.clean, users[k]?.metadata?.clean_version);
    });
    assert.deepEqual(turns[0]?.noisy_versions, sample.noisy_initial_queries);
    for (const { turn, ...version } of sample.noisy_trajectories) {
      assert.ok(turn > 0);
      assert.deepEqual(turns[turn]?.noisy_versions, [version]);
      noisyFollowups++;
    }
  }
  assert.ok(noisyFollowups > 0, "follow-ups were noised, so alignment by turn was exercised");
});

test("chat formats without the conversation in the samples: one config error naming the key", async (t) => {
  const config = { ...NOISY_CONFIG, training_data: { format: { include_full_conversation: false } } };
  await assert.rejects(
    exportTo(tempDir(t), { formats: ["openai"] }, config),
    (error: Error & { where?: string }) => {
      assert.match(error.message, /openai need the conversation/);
      assert.equal(error.where, "training_data.format.include_full_conversation");
      return true;
    },
  );
});

test("a conversation a chat format cannot represent is left out of that format only, counted, and named", async (t) => {
  const dir = tempDir(t);
  const storeDir = join(dir, "interactions");
  const storage = new InteractionStorage(storeDir);
  const bad = makeInteraction(1);
  bad.messages[1] = { ...bad.messages[1], role: "assistant", content: "  " };
  await storage.save(bad);
  await storage.save(makeInteraction(2));
  await storage.close();
  const out = join(dir, "out");
  const { code, stdout, stderr } = await cli([
    "export",
    "--store",
    storeDir,
    "--out",
    out,
    "--no-split",
    "--no-timestamp",
    "--format",
    "jsonl,openai",
  ]);
  assert.equal(code, 0, stderr);
  assert.match(
    stderr,
    /warning: openai: 1 samples left out \(first: sample_0+1: message 1 \(assistant\) is empty\)/,
  );
  assert.match(stdout, /openai\s+train_openai\.jsonl\s+\(1 samples left out\)/);
  assert.equal(jsonl(readFileSync(join(out, "train_samples.jsonl"), "utf8")).length, 2);
  assert.equal(jsonl(readFileSync(join(out, "train_openai.jsonl"), "utf8")).length, 1);
});

test("the system message of assistant targets is the sample's system_prompt when it carries one", async (t) => {
  const dir = tempDir(t);
  const samples = [1, 2].map((n) => {
    const sample = new TrainingDataCollector().interactionToTrainingSample(makeInteraction(n));
    return n === 1
      ? TrainingSample.fromDict({ ...sample.toDict(), system_prompt: "You help engineers." })
      : sample;
  });
  await exportDataset(samples, undefined, {
    outputDir: dir,
    formats: ["openai"],
    split: false,
    useTimestamp: false,
  });
  const lines = jsonl(readFileSync(join(dir, "train_openai.jsonl"), "utf8"));
  const firsts = lines.map((line) => (line.messages as Message[])[0]);
  assert.deepEqual(firsts[0], { role: "system", content: "You help engineers." });
  assert.equal(firsts[1]?.role, "user");
  for (const line of lines) assertOpenAiLine(line);
});
