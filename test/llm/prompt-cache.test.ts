// Prompt caching: a conversation's turns resend a byte-stable prefix; cached input tokens are read from
// both APIs' usage, stored per call, priced at `cached_input` (and Anthropic's writes at `cache_write`).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { modelRef } from "../../src/llm/model-ref.js";
import { type Operation, textOutput } from "../../src/llm/operation.js";
import type { ChatMessage } from "../../src/llm/types.js";
import { exportTokenUsage } from "../../src/scheduler/usage-export.js";
import { fixedClock } from "../../src/util/clock.js";
import { startFakeLlmServer } from "../helpers/fake-llm-server.js";
import { serviceFor } from "../helpers/llm.js";
import { tempDir } from "../helpers/paths.js";

/** One turn of a conversation: a long system prompt, then the history. */
const turnOp: Operation<{ history: ChatMessage[] }, string> = {
  name: "assistant_reply",
  stage: "interaction",
  messages: ({ history }) => [{ role: "system", content: SYSTEM }, ...history],
  output: textOutput(),
  offline: async () => () => "offline",
};
const SYSTEM = `You are a patient assistant. ${"Answer with care and cite your sources. ".repeat(120)}`;
const prices = {
  "fake-model": { input: 2, cached_input: 0.5, output: 8 },
  "claude-fake": { input: 3, cached_input: 0.3, cache_write: 3.75, output: 15 },
};

async function converse(provider: "fake" | "fakeanthropic", turns: number, url: string) {
  const { service, usage, config } = serviceFor(url, { llm: { prices } });
  const model =
    provider === "fake" ? modelRef(config) : modelRef(config, config.interaction_generation.user_model);
  const history: ChatMessage[] = [{ role: "user", content: "Plan my week of meals, please." }];
  for (let turn = 0; turn < turns; turn++) {
    const reply = await service.run(
      turnOp,
      { history: history.slice() },
      { model, itemId: "c1", sampleIndex: turn },
    );
    history.push({ role: "assistant", content: `${reply.output} ${"Here is more detail. ".repeat(40)}` });
    history.push({ role: "user", content: `Thanks, and turn ${turn + 1}?` });
  }
  await service.close();
  return usage;
}

test("OpenAI: the next turn's prompt starts with this one's; its cached tokens are counted and priced", async (t) => {
  const server = await startFakeLlmServer({ promptCache: true });
  t.after(() => server.close());
  const usage = await converse("fake", 3, server.url);
  const bodies = server.requests.map((r) => JSON.stringify(r.body.messages));
  for (let i = 1; i < bodies.length; i++)
    assert.ok(
      bodies[i]!.startsWith(bodies[i - 1]!.slice(0, -1)),
      `turn ${i} resends turn ${i - 1} byte for byte`,
    );
  const records = usage.records();
  assert.equal(records[0]?.cached_input_tokens, 0, "nothing cached on the first turn");
  for (const r of records.slice(1)) {
    assert.ok(
      r.cached_input_tokens >= 1024,
      `turn reads its prefix from the cache: ${r.cached_input_tokens}`,
    );
    const expected =
      ((r.input_tokens - r.cached_input_tokens) * 2 + r.cached_input_tokens * 0.5 + r.output_tokens * 8) /
      1e6;
    assert.ok(Math.abs(r.cost_usd - expected) < 1e-12, "cached input at the cached_input price");
  }
  const totals = usage.totals();
  assert.equal(
    totals.cached_input_tokens,
    records.reduce((n, r) => n + r.cached_input_tokens, 0),
  );
  const exported = JSON.parse(
    readFileSync(
      await exportTokenUsage(usage, tempDir(t), { clock: fixedClock("2026-01-01T00:00:00Z") }),
      "utf8",
    ),
  );
  assert.equal(exported.statistics.summary.cached_input_tokens, totals.cached_input_tokens);
  assert.equal(exported.records[1].cached_input_tokens, records[1]?.cached_input_tokens);
});

test("Anthropic: cache_control breakpoints on the system prompt and the history; writes and reads priced", async (t) => {
  const server = await startFakeLlmServer({ promptCache: true });
  t.after(() => server.close());
  const usage = await converse("fakeanthropic", 3, server.url);
  const first = server.requests[0]?.body;
  assert.deepEqual(
    first.system.at(-1).cache_control,
    { type: "ephemeral" },
    "the system prompt ends in a breakpoint",
  );
  assert.equal(typeof first.messages[0].content, "string", "a lone first message is not marked");
  const second = server.requests[1]?.body;
  assert.deepEqual(second.messages.at(-1).content.at(-1).cache_control, { type: "ephemeral" });
  assert.equal(
    second.messages.filter((m: { content: unknown }) => Array.isArray(m.content)).length,
    1,
    "one history breakpoint",
  );
  const [one, two, three] = usage.records();
  assert.ok(one && two && three);
  assert.ok(
    one.cache_write_tokens >= 1024 && one.cached_input_tokens === 0,
    "turn 1 writes the system prompt",
  );
  assert.ok(two.cached_input_tokens >= one.cache_write_tokens, "turn 2 reads it");
  assert.ok(two.cache_write_tokens > 0, "and writes its history");
  assert.ok(three.cached_input_tokens > two.cached_input_tokens, "turn 3 reads turn 2's prefix");
  for (const r of [one, two, three]) {
    const plain = r.input_tokens - r.cached_input_tokens - r.cache_write_tokens;
    const expected =
      (plain * 3 + r.cached_input_tokens * 0.3 + r.cache_write_tokens * 3.75 + r.output_tokens * 15) / 1e6;
    assert.ok(Math.abs(r.cost_usd - expected) < 1e-12, `priced: ${r.cost_usd} vs ${expected}`);
  }
});

test("cache_control can be switched off per provider", async (t) => {
  const server = await startFakeLlmServer({ promptCache: true });
  t.after(() => server.close());
  const { service, config } = serviceFor(server.url, {
    provider: { cache_control: { system: false, history: false } },
  });
  t.after(() => service.close());
  await service.run(
    turnOp,
    {
      history: [
        { role: "user", content: "a" },
        { role: "assistant", content: "b" },
        { role: "user", content: "c" },
      ],
    },
    { model: modelRef(config, config.interaction_generation.user_model), itemId: "x" },
  );
  const body = server.requests[0]?.body;
  assert.equal(typeof body.system, "string");
  assert.ok(body.messages.every((m: { content: unknown }) => typeof m.content === "string"));
});
