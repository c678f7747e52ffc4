// The concurrency model: --concurrency / max_workers is the run's total of calls in flight; each
// endpoint (base URL) has a limit shared by its models; a model may have slots of its own.
import assert from "node:assert/strict";
import { test } from "node:test";
import { resolveConfig } from "../../src/config/load.js";
import { LlmService } from "../../src/llm/llm-service.js";
import { modelRef } from "../../src/llm/model-ref.js";
import { resolveUsedProviders } from "../../src/llm/providers.js";
import { concurrencyPlan } from "../../src/scheduler/concurrency-plan.js";
import { UsageTracker } from "../../src/scheduler/usage.js";
import { startFakeLlmServer } from "../helpers/fake-llm-server.js";
import { echoOp } from "../llm/ops.js";

function planOf(raw: Record<string, unknown>) {
  const config = resolveConfig(raw);
  return concurrencyPlan(config, resolveUsedProviders(config, {}));
}

test("limits: 32 per endpoint by default, the run total is their sum unless max_workers sets it", () => {
  const two = {
    api: { provider: "a", model: "m" },
    providers: { a: { base_url: "http://a:1/v1" }, b: { base_url: "http://b:1/v1" } },
    interaction_generation: { user_model: { provider: "b", model: "u" } },
  };
  assert.deepEqual(planOf(two), {
    total: 64,
    endpoints: new Map([
      ["http://a:1/v1", 32],
      ["http://b:1/v1", 32],
    ]),
  });
  const capped = planOf({
    ...two,
    interaction_generation: { ...two.interaction_generation, max_workers: 10 },
  });
  assert.equal(capped.total, 10);
  assert.equal(capped.endpoints.get("http://a:1/v1"), 10, "an undeclared endpoint may use the whole total");
  const declared = planOf({
    ...two,
    providers: { a: { base_url: "http://a:1/v1", max_concurrency: 8 }, b: { base_url: "http://b:1/v1" } },
  });
  assert.equal(declared.total, 40);
  assert.equal(declared.endpoints.get("http://a:1/v1"), 8);
});

test("providers with one base URL are one endpoint: the smallest declared limit holds", () => {
  const plan = planOf({
    api: { provider: "a", model: "m" },
    providers: {
      a: { base_url: "http://HOST:1/v1/", max_concurrency: 16 },
      b: { base_url: "http://host:1/v1", max_concurrency: 12 },
      c: { base_url: "http://host:1/v1" },
    },
    interaction_generation: {
      user_model: { provider: "b", model: "u" },
      assistant_model: { model_pool: [{ provider: "c", model: "x", weight: 1 }] },
    },
  });
  assert.deepEqual(plan, { total: 12, endpoints: new Map([["http://host:1/v1", 12]]) });
});

/** Counts requests in flight across servers, as the servers see them. */
function inFlightCounter() {
  let open = 0;
  let max = 0;
  return {
    arrive: () => {
      open++;
      max = Math.max(max, open);
      return undefined;
    },
    leave: () => {
      open--;
    },
    get max() {
      return max;
    },
  };
}

test("four models on one endpoint share its slots: at its limit, no call is ever rejected", async (t) => {
  const counter = inFlightCounter();
  const server = await startFakeLlmServer({
    maxConcurrent: 8,
    latencyMs: 15,
    script: counter.arrive,
    reply: (req) => {
      counter.leave();
      return { text: `answer ${req.index}` };
    },
  });
  t.after(() => server.close());
  const config = resolveConfig({
    api: { provider: "fake", model: "m0" },
    providers: { fake: { base_url: `${server.url}/v1`, api_key: "k", max_concurrency: 8 } },
  });
  const service = new LlmService({ config, env: {}, runSeed: 1, usage: new UsageTracker() });
  t.after(() => service.close());
  const base = modelRef(config);
  await Promise.all(
    Array.from({ length: 96 }, (_, i) =>
      service.run(echoOp, { text: `c${i}` }, { model: { ...base, model: `m${i % 4}` }, itemId: `c${i}` }),
    ),
  );
  assert.equal(server.stats().rejectedByCap, 0, "never more than the endpoint's 8 slots");
  assert.equal(server.stats().maxInFlight, 8, "and the slots were used");
});

test("the run total holds across endpoints; a model with its own limit stays within it", async (t) => {
  const counter = inFlightCounter();
  const own = inFlightCounter();
  const options = (mine?: ReturnType<typeof inFlightCounter>) => ({
    latencyMs: 15,
    script: (req: { body: { model?: string } | undefined }) => {
      if (mine && req.body?.model === "small") mine.arrive();
      return counter.arrive();
    },
    reply: (req: { index: number; body: { model?: string } | undefined }) => {
      if (mine && req.body?.model === "small") mine.leave();
      counter.leave();
      return { text: `answer ${req.index}` };
    },
  });
  const a = await startFakeLlmServer(options(own));
  const b = await startFakeLlmServer(options());
  t.after(() => Promise.all([a.close(), b.close()]));
  const config = resolveConfig({
    api: { provider: "a", model: "big" },
    providers: {
      a: { base_url: `${a.url}/v1`, api_key: "k", models: { small: { max_concurrency: 2 } } },
      b: { base_url: `${b.url}/v1`, api_key: "k" },
    },
    interaction_generation: { max_workers: 6, user_model: { provider: "b", model: "u" } },
  });
  const service = new LlmService({ config, env: {}, runSeed: 1, usage: new UsageTracker() });
  t.after(() => service.close());
  const refs = [
    modelRef(config),
    { ...modelRef(config), model: "small" },
    modelRef(config, config.interaction_generation.user_model),
  ];
  await Promise.all(
    Array.from({ length: 90 }, (_, i) =>
      service.run(echoOp, { text: `c${i}` }, { model: refs[i % 3]!, itemId: `c${i}` }),
    ),
  );
  assert.equal(counter.max, 6, "6 calls in flight at most over both endpoints, and 6 reached");
  assert.equal(own.max, 2, "the model with 2 slots of its own");
});
