import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { BudgetExceededError, ProviderError } from "../../src/errors.js";
import { modelRef } from "../../src/llm/model-ref.js";
import { exportTokenUsage } from "../../src/scheduler/usage-export.js";
import { fixedClock } from "../../src/util/clock.js";
import { type FakeFault, startFakeLlmServer } from "../helpers/fake-llm-server.js";
import { serviceFor } from "../helpers/llm.js";
import { tempDir } from "../helpers/paths.js";
import { echoOp, verdictOp } from "./ops.js";

async function withServer(
  t: { after(fn: () => Promise<void> | void): void },
  options: Parameters<typeof startFakeLlmServer>[0] = {},
) {
  const server = await startFakeLlmServer(options);
  t.after(() => server.close());
  return server;
}

test("transient failures are retried until success, each attempt counted once", async (t) => {
  const faults: Record<number, FakeFault> = {
    0: { kind: "status", status: 503 },
    1: { kind: "reset" },
    2: { kind: "truncated" },
  };
  const server = await withServer(t, { script: (req) => faults[req.index] });
  const { service, usage, config } = serviceFor(server.url);
  t.after(() => service.close());
  const result = await service.run(echoOp, { text: "hello" }, { model: modelRef(config), itemId: "item-1" });
  assert.match(result.output, /hello/);
  assert.equal(server.stats().received, 4);
  const totals = usage.totals();
  assert.equal(totals.calls, 1);
  assert.equal(totals.attempts, 4);
  assert.equal(totals.failures, 0);
});

test("Retry-After is honoured before the next attempt", async (t) => {
  const server = await withServer(t, {
    script: (req) => (req.index === 0 ? { kind: "status", status: 429, retryAfterMs: 400 } : undefined),
  });
  const { service, config } = serviceFor(server.url);
  t.after(() => service.close());
  const start = performance.now();
  await service.run(echoOp, { text: "x" }, { model: modelRef(config), itemId: "i" });
  assert.ok(performance.now() - start >= 390, "waited at least the advertised delay");
  assert.equal(server.stats().received, 2);
});

test("a request the provider rejects (400) and a bad key (401) are not retried", async (t) => {
  const server = await withServer(t, {
    script: (req) => (req.index === 0 ? { kind: "status", status: 400 } : undefined),
  });
  const { service, config } = serviceFor(server.url);
  t.after(() => service.close());
  await assert.rejects(
    service.run(echoOp, { text: "x" }, { model: modelRef(config), itemId: "i" }),
    (e: unknown) => e instanceof ProviderError && e.code === "PROVIDER",
  );
  assert.equal(server.stats().received, 1);

  const guarded = await withServer(t, { requireKey: "sk-right" });
  const wrong = serviceFor(guarded.url, { key: "sk-wrong-key-123" });
  t.after(() => wrong.service.close());
  await assert.rejects(
    wrong.service.run(echoOp, { text: "x" }, { model: modelRef(wrong.config), itemId: "i" }),
    (e: unknown) => e instanceof ProviderError && e.code === "PROVIDER_AUTH" && e.exitCode === 2,
  );
  assert.equal(guarded.stats().received, 1);
});

test("attempts are bounded: persistent 500s end in one clear error with a hint", async (t) => {
  const server = await withServer(t, { script: () => ({ kind: "status", status: 500 }) });
  const { service, usage, config } = serviceFor(server.url, { llm: { max_attempts: 3 } });
  t.after(() => service.close());
  await assert.rejects(
    service.run(echoOp, { text: "x" }, { model: modelRef(config), itemId: "i" }),
    (e: unknown) =>
      e instanceof ProviderError &&
      /gave up after 3 attempts: HTTP 500/.test(e.message) &&
      typeof e.hint === "string",
  );
  assert.equal(server.stats().received, 3);
  assert.equal(usage.totals().failures, 1);
});

test("a hanging call is cancelled by the per-call timeout and retried", async (t) => {
  const server = await withServer(t, { script: (req) => (req.index === 0 ? { kind: "hang" } : undefined) });
  const { service, config } = serviceFor(server.url, { llm: { timeout_ms: 300 } });
  t.after(() => service.close());
  const start = performance.now();
  const result = await service.run(echoOp, { text: "x" }, { model: modelRef(config), itemId: "i" });
  assert.match(result.output, /x/);
  assert.ok(performance.now() - start < 3000);
  assert.equal(server.stats().received, 2);
});

test("a call hung before the model's latency was known is cancelled once it is, not at the hard timeout", async (t) => {
  // The first request hangs; the 20 after it answer at once, which makes the adaptive bound known.
  const server = await withServer(t, { script: (req) => (req.index === 0 ? { kind: "hang" } : undefined) });
  const { service, config } = serviceFor(server.url, { llm: { timeout_ms: 60_000 } });
  t.after(() => service.close());
  const model = modelRef(config);
  const hung = service.run(echoOp, { text: "first" }, { model, itemId: "hung" });
  // Sent once the first request is surely on the wire.
  await new Promise((resolve) => setTimeout(resolve, 50));
  for (let i = 0; i < 20; i++) await service.run(echoOp, { text: `q${i}` }, { model, itemId: `i${i}` });
  const start = performance.now();
  const result = await hung;
  assert.match(result.output, /first/);
  // The hard timeout is a minute away; the adaptive bound (≥ 250 ms) cancels it within seconds.
  assert.ok(performance.now() - start < 10_000);
  assert.equal(server.stats().received, 22);
});

test("structured output that breaks the schema is sent back with the error, then accepted", async (t) => {
  let n = 0;
  const server = await withServer(t, {
    reply: () =>
      n++ === 0
        ? { text: '{"satisfied": "maybe"}' }
        : { json: { satisfied: false, feedback: "needs an example" } },
  });
  const { service, config } = serviceFor(server.url);
  t.after(() => service.close());
  const result = await service.run(verdictOp, { text: "answer" }, { model: modelRef(config), itemId: "i" });
  assert.deepEqual(result.output, { satisfied: false, feedback: "needs an example" });
  assert.equal(server.requests.length, 2);
  const second = server.requests[1]?.body.messages as Array<{ role: string; content: string }>;
  assert.equal(second.at(-2)?.role, "assistant");
  assert.match(second.at(-1)?.content ?? "", /does not match the schema \(satisfied/);
  assert.equal(server.requests[0]?.body.response_format?.type, "json_schema");
});

test("output that never validates fails after the bounded number of repairs", async (t) => {
  const server = await withServer(t, { reply: () => ({ text: "not json at all" }) });
  const { service, config } = serviceFor(server.url, { llm: { max_repair_attempts: 1 } });
  t.after(() => service.close());
  await assert.rejects(
    service.run(verdictOp, { text: "a" }, { model: modelRef(config), itemId: "i" }),
    /rejected after 2 tries: the reply is not a JSON object/,
  );
  assert.equal(server.requests.length, 2);
});

test("the Anthropic adapter works through the service too (structured, via a forced tool)", async (t) => {
  const server = await withServer(t);
  const { service, config } = serviceFor(server.url);
  t.after(() => service.close());
  const result = await service.run(
    verdictOp,
    { text: "a" },
    { model: modelRef(config, config.interaction_generation.user_model), itemId: "i" },
  );
  assert.equal(typeof result.output.satisfied, "boolean");
  assert.equal(server.requests[0]?.api, "anthropic");
  assert.equal(server.requests[0]?.body.tool_choice?.name, "verdict");
});

test("the cache replays a finished call for free; sample index and errors are respected", async (t) => {
  const dir = tempDir(t);
  const server = await withServer(t, {
    script: (req) => (req.index === 2 ? { kind: "status", status: 400 } : undefined),
  });
  const cachePath = join(dir, "cache.sqlite");
  const first = serviceFor(server.url, { cachePath });
  const ctx = { model: modelRef(first.config), itemId: "i" };
  const a = await first.service.run(echoOp, { text: "same" }, ctx);
  const b = await first.service.run(echoOp, { text: "same" }, ctx);
  assert.equal(b.cacheHit, true);
  assert.equal(b.output, a.output);
  assert.equal(server.stats().received, 1);
  const c = await first.service.run(echoOp, { text: "same" }, { ...ctx, sampleIndex: 1 });
  assert.equal(c.cacheHit, false, "a different sample index is a different request");
  await assert.rejects(first.service.run(echoOp, { text: "fails" }, ctx));
  await first.service.close();
  first.cache?.close();

  const second = serviceFor(server.url, { cachePath });
  t.after(() => second.service.close());
  const replay = await second.service.run(echoOp, { text: "same" }, ctx);
  assert.equal(replay.cacheHit, true);
  assert.equal(replay.output, a.output);
  assert.equal(second.usage.totals().cost_usd, 0);
  const retried = await second.service.run(echoOp, { text: "fails" }, ctx);
  assert.equal(retried.cacheHit, false, "the error was not cached");
  second.cache?.close();
});

test("the API key never reaches the cache, usage records, usage export or error messages", async (t) => {
  const dir = tempDir(t);
  const secret = "sk-SUPER-SECRET-4242";
  let n = 0;
  const server = await withServer(t, {
    script: () =>
      n++ === 1
        ? { kind: "status", status: 400, body: JSON.stringify({ error: { message: `bad key ${secret}` } }) }
        : undefined,
  });
  const cachePath = join(dir, "cache.sqlite");
  const { service, usage, config, cache } = serviceFor(server.url, { cachePath, key: secret });
  const ctx = { model: modelRef(config), itemId: "i" };
  await service.run(echoOp, { text: "ok" }, ctx);
  const error = await service.run(echoOp, { text: "boom" }, ctx).catch((e: unknown) => e);
  assert.ok(error instanceof ProviderError);
  assert.ok(!error.message.includes(secret) && !error.describe().includes(secret), error.message);
  assert.match(error.message, /\[redacted\]/);
  await service.close();
  cache?.close();
  const file = await exportTokenUsage(usage, dir, { clock: fixedClock("2026-01-01T00:00:00Z") });
  for (const path of [cachePath, `${cachePath}-wal`, `${cachePath}-journal.jsonl`, file]) {
    let bytes = "";
    try {
      bytes = readFileSync(path).toString("latin1");
    } catch {
      continue;
    }
    assert.ok(!bytes.includes(secret), `${path} contains the key`);
  }
  assert.ok(!JSON.stringify(usage.records()).includes(secret));
  assert.equal(server.requests[0]?.headers.authorization, `Bearer ${secret}`, "the key was used on the wire");
});

test("token usage export has summary, by_module, by_model and every record", async (t) => {
  const dir = tempDir(t);
  const server = await withServer(t);
  const { service, usage, config } = serviceFor(server.url, {
    llm: { prices: { "fake-model": { input: 1, output: 2 } } },
  });
  t.after(() => service.close());
  for (let i = 0; i < 3; i++)
    await service.run(echoOp, { text: `q${i}` }, { model: modelRef(config), itemId: `i${i}` });
  const path = await exportTokenUsage(usage, dir, { clock: fixedClock("2026-01-02T03:04:05Z") });
  assert.match(path, /token_usage_20260102_030405\.json$/);
  const data = JSON.parse(readFileSync(path, "utf8"));
  assert.equal(data.exported_at, "2026-01-02T03:04:05.000Z");
  assert.equal(data.statistics.summary.calls, 3);
  assert.equal(data.statistics.by_module.test.calls, 3);
  assert.equal(data.statistics.by_model["fake/fake-model"].calls, 3);
  assert.equal(data.records.length, 3);
  const r = data.records[0];
  assert.ok(
    r.input_tokens > 0 && r.output_tokens > 0 && r.cost_usd > 0 && r.attempts === 1 && r.cache_hit === false,
  );
  assert.equal(r.cost_usd, (r.input_tokens * 1 + r.output_tokens * 2) / 1e6);
});

test("a budget cap stops new calls cleanly once reached", async (t) => {
  const server = await withServer(t);
  const { service, config } = serviceFor(server.url, {
    llm: { prices: { "fake-model": { input: 1000, output: 1000 } }, budget_usd: 0.001 },
  });
  t.after(() => service.close());
  await service.run(echoOp, { text: "first" }, { model: modelRef(config), itemId: "a" });
  await assert.rejects(
    service.run(echoOp, { text: "second" }, { model: modelRef(config), itemId: "b" }),
    (e: unknown) => e instanceof BudgetExceededError && /budget of \$0.001 reached/.test(e.message),
  );
  assert.equal(server.stats().received, 1);
});

test("with the endpoint capped below the requested concurrency every call still succeeds", async (t) => {
  const server = await withServer(t, { maxConcurrent: 4, latencyMs: 20, retryAfterOnCapMs: 20 });
  const { service, config } = serviceFor(server.url, {
    provider: { max_concurrency: 12 },
    llm: { max_attempts: 8 },
  });
  t.after(() => service.close());
  const results = await Promise.all(
    Array.from({ length: 60 }, (_, i) =>
      service.run(echoOp, { text: `c${i}` }, { model: modelRef(config), itemId: `c${i}` }),
    ),
  );
  assert.equal(results.length, 60);
  assert.ok(server.stats().maxInFlight <= 4);
  assert.ok(server.stats().rejectedByCap > 0, "the cap was hit at first");
});

test("prepareOffline loads offline implementations only for a run with an offline step, once", async () => {
  let loads = 0;
  const counted = {
    ...echoOp,
    offline: async () => {
      loads++;
      return ({ text }: { text: string }) => `counted: ${text}`;
    },
  };
  // Every step on real providers: nothing of the offline engine is loaded.
  const online = serviceFor("http://127.0.0.1:9").service;
  await online.prepareOffline([counted]);
  assert.equal(loads, 0);
  await online.close();
  // A step on the offline engine: loaded ahead, and the calls then never load again.
  const { service } = serviceFor("http://127.0.0.1:9", {
    steps: { formulation: { model: { provider: "offline" } } },
  });
  await service.prepareOffline([counted, undefined]);
  assert.equal(loads, 1);
  const ctx = { model: { provider: "offline", model: "offline-v1", params: {} }, itemId: "i" };
  assert.equal((await service.run(counted, { text: "a" }, ctx)).output, "counted: a");
  assert.equal((await service.run(counted, { text: "b" }, ctx)).output, "counted: b");
  assert.equal(loads, 1);
  await service.close();
});

test("offline operations run without any provider call and are labelled offline", async () => {
  const { service, usage } = serviceFor("http://127.0.0.1:9");
  const result = await service.run(
    echoOp,
    { text: "hi" },
    { model: { provider: "offline", model: "offline-v1", params: {} }, itemId: "i" },
  );
  assert.equal(result.output, "offline: hi");
  assert.equal(result.provider, "offline");
  assert.equal(usage.totals().api_calls, 0);
  await service.close();
});
