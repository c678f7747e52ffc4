// Batch mode through the service: OpenAI's Batch API and Anthropic's Message Batches on the fake
// server; one model per OpenAI batch file, rounds, per-line errors retried, batch price, re-attach.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { modelRef } from "../../src/llm/model-ref.js";
import { startFakeLlmServer } from "../helpers/fake-llm-server.js";
import { serviceFor } from "../helpers/llm.js";
import { tempDir } from "../helpers/paths.js";
import { echoOp, verdictOp } from "./ops.js";

const fast = { enabled: true, poll_ms: 10, max_poll_ms: 40, quiet_ms: 20 };
const prices = { "fake-model": { input: 2, output: 8 }, "claude-fake": { input: 2, output: 8 } };

test("OpenAI batch: every ready call in one round, one batch per model; lines billed at the batch price", async (t) => {
  const server = await startFakeLlmServer();
  t.after(() => server.close());
  const { service, usage, config } = serviceFor(server.url, { llm: { batch: fast, prices } });
  t.after(() => service.close());
  const refs = [modelRef(config), { ...modelRef(config), model: "other-model" }];
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      service.run(echoOp, { text: `q${i}` }, { model: refs[i % 2]!, itemId: `i${i}` }),
    ),
  );
  assert.equal(results.length, 20);
  assert.match(results[3]!.output, /q3/, "each caller gets its own line's answer");
  assert.equal(server.requests.length, 0, "no realtime request");
  assert.deepEqual(server.batchStats(), {
    batchesCreated: 2,
    batchLines: 20,
    repeatedLines: 0,
    batchesCancelled: 0,
  });
  assert.equal(service.scheduler.batchProgress?.round, 1);
  const records = usage.records();
  assert.ok(records.every((r) => r.batch === true));
  const r = records.find((x) => x.model === "fake-model") ?? records[0]!;
  assert.ok(Math.abs(r.cost_usd - (r.input_tokens * 2 + r.output_tokens * 8) / 2e6) < 1e-12, "half price");
});

test("Anthropic batch: models mixed in one batch; structured answers via the forced tool", async (t) => {
  const server = await startFakeLlmServer();
  t.after(() => server.close());
  const { service, config } = serviceFor(server.url, { llm: { batch: fast } });
  t.after(() => service.close());
  const user = modelRef(config, config.interaction_generation.user_model);
  const results = await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      service.run(
        verdictOp,
        { text: `v${i}` },
        { model: i % 2 ? user : { ...user, model: "claude-2" }, itemId: `v${i}` },
      ),
    ),
  );
  assert.ok(results.every((r) => typeof r.output.satisfied === "boolean"));
  assert.equal(server.batchStats().batchesCreated, 1);
});

test("a failed line is sent again in a later round; answers to repeated requests are shared", async (t) => {
  const server = await startFakeLlmServer({
    batchLineFault: (_id, before) => (before === 0 ? 500 : undefined),
  });
  t.after(() => server.close());
  const { service, usage, config } = serviceFor(server.url, { llm: { batch: fast } });
  t.after(() => service.close());
  const ctx = { model: modelRef(config), itemId: "same" };
  const [a, b] = await Promise.all([
    service.run(echoOp, { text: "x" }, ctx),
    service.run(echoOp, { text: "x" }, ctx),
  ]);
  assert.equal(a.output, b.output);
  assert.deepEqual(server.batchStats(), {
    batchesCreated: 2,
    batchLines: 2,
    repeatedLines: 1,
    batchesCancelled: 0,
  });
  assert.deepEqual(
    usage.records().map((r) => r.attempts),
    [2, 2],
  );
});

test("a rerun re-attaches to a batch still running instead of submitting it again; cancel stops one", async (t) => {
  const server = await startFakeLlmServer({ batchLatencyMs: 300 });
  t.after(() => server.close());
  const batchJournal = join(tempDir(t), "batches.jsonl");
  const created = async (n: number) => {
    while (server.batchStats().batchesCreated < n) await new Promise((r) => setTimeout(r, 5));
  };
  const first = serviceFor(server.url, { llm: { batch: fast }, batchJournal });
  const stop = new AbortController();
  const ctx = { model: modelRef(first.config), itemId: "r" };
  const lost = first.service.run(echoOp, { text: "long" }, { ...ctx, signal: stop.signal });
  await created(1);
  stop.abort(); // the run ends (Ctrl-C) with its batch still running at the provider
  await assert.rejects(lost, /interrupted/i);
  await first.service.close();

  const second = serviceFor(server.url, { llm: { batch: fast }, batchJournal });
  t.after(() => second.service.close());
  const result = await second.service.run(echoOp, { text: "long" }, ctx);
  assert.match(result.output, /long/);
  assert.equal(server.batchStats().batchesCreated, 1, "the rerun waited for the first run's batch");

  const third = serviceFor(server.url, { llm: { batch: fast }, batchJournal });
  void third.service.run(echoOp, { text: "never" }, ctx).catch(() => undefined);
  await created(2);
  await third.service.close({ cancelBatches: true });
  assert.equal(server.batchStats().batchesCancelled, 1);
});
