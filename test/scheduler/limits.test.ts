import assert from "node:assert/strict";
import { test } from "node:test";
import { CallSlots } from "../../src/scheduler/call-slots.js";
import { AdaptiveLimiter } from "../../src/scheduler/limiter.js";
import { RateBudget } from "../../src/scheduler/rate-budget.js";

const settledWithin = async (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), ms))]);

const oneEndpoint = (total: number, endpoint = total) =>
  new CallSlots({ total, endpoints: new Map([["http://e/v1", endpoint]]) });

test("the slots grant up to the limit, then queue by priority and arrival", async () => {
  const slots = oneEndpoint(2);
  const lane = slots.lane("http://e/v1", "m");
  const held = [await slots.acquire(lane), await slots.acquire(lane)];
  const order: string[] = [];
  const low = slots.acquire(lane, 0).then((p) => {
    order.push("low");
    return p;
  });
  const high = slots.acquire(lane, 5).then((p) => {
    order.push("high");
    return p;
  });
  const low2 = slots.acquire(lane, 0).then((p) => {
    order.push("low2");
    return p;
  });
  assert.equal(slots.load.waiting, 3);
  slots.release(held[0]!);
  slots.release(held[1]!);
  slots.release(await high);
  await Promise.all([low, high, low2]);
  assert.deepEqual(order, ["high", "low", "low2"]);
});

test("models on one endpoint share its slots; the run total caps every endpoint together", async () => {
  const slots = new CallSlots({
    total: 5,
    endpoints: new Map([
      ["http://a/v1", 4],
      ["http://b/v1", 4],
    ]),
  });
  const a1 = slots.lane("http://a/v1", "m1");
  const a2 = slots.lane("http://a/v1", "m2");
  const b = slots.lane("http://b/v1", "m1");
  const onA = [];
  for (let i = 0; i < 4; i++) onA.push(await slots.acquire(i % 2 === 0 ? a1 : a2));
  assert.equal(
    await settledWithin(slots.acquire(a2), 20),
    false,
    "endpoint a is full: 4 calls over 2 models",
  );
  const onB = await settledWithin(slots.acquire(b), 20);
  assert.equal(onB, true, "a call for another endpoint is not held back by the full one");
  assert.equal(await settledWithin(slots.acquire(b), 20), false, "the run total (5) is reached");
  assert.deepEqual(slots.load, { active: 5, waiting: 2, limit: 5 });
});

test("a model with slots of its own is limited by them within its endpoint, and its 429s lower only them", async () => {
  const slots = oneEndpoint(8);
  const own = slots.lane("http://e/v1", "small", 2);
  const shared = slots.lane("http://e/v1", "big");
  const mine = [await slots.acquire(own), await slots.acquire(own)];
  assert.equal(await settledWithin(slots.acquire(own), 20), false, "the model's own limit is 2");
  const others = [];
  for (let i = 0; i < 5; i++) others.push(await slots.acquire(shared));
  slots.onRateLimited(mine[1]!); // the model's own level: 2 in flight → 1
  assert.equal(own.adaptive.currentLimit, 1);
  assert.equal(shared.adaptive.currentLimit, 8, "the endpoint's limit is untouched");
  slots.onRateLimited(others[4]!); // 7 in flight on the endpoint when the 5th shared call started
  assert.equal(shared.adaptive.currentLimit, 6);
});

test("a 429 from a concurrency cap lowers the limit to just below it, and probing stays there", async () => {
  const limiter = new AdaptiveLimiter(32);
  const permits = [];
  for (let i = 0; i < 32; i++) permits.push(limiter.take());
  limiter.onRateLimited(permits[16]!); // the 17th call in flight was rejected: the server allows 16
  assert.equal(limiter.currentLimit, 16);
  limiter.onRateLimited(permits[31]!); // same congestion event: ignored
  assert.equal(limiter.currentLimit, 16);
  for (const _ of permits) limiter.give();
  for (let i = 0; i < 60; i++) limiter.onSuccess();
  assert.equal(limiter.currentLimit, 16, "above the cap a 429 showed, about +1 per four rounds");
  for (let i = 0; i < 10; i++) limiter.onSuccess();
  assert.equal(limiter.currentLimit, 17);
  const probe = [];
  for (let i = 0; i < 17; i++) probe.push(limiter.take());
  limiter.onRateLimited(probe[16]!);
  assert.equal(limiter.currentLimit, 16, "back to the cap, not below it");
  for (const _ of probe) limiter.give();
});

test("429s that keep coming right after a drop (a rate limit) cut the limit multiplicatively", async () => {
  const limiter = new AdaptiveLimiter(20);
  const first = limiter.take();
  for (let i = 0; i < 19; i++) limiter.take();
  limiter.onRateLimited(first); // sent at concurrency 1: min(20, 1) - 1 → 1... capped below at 1
  assert.equal(limiter.currentLimit, 1);
  const limiter2 = new AdaptiveLimiter(20);
  const p = [];
  for (let i = 0; i < 20; i++) p.push(limiter2.take());
  limiter2.onRateLimited(p[19]!);
  assert.equal(limiter2.currentLimit, 19);
  const next = { inFlightAtStart: 19, epoch: 1 };
  limiter2.onRateLimited(next);
  assert.equal(limiter2.currentLimit, 13, "19 × 0.7: rejected again at the level just set, within a round");
});

test("probing past a concurrency cap at the pace of additive increase never cuts below the cap", async () => {
  const limiter = new AdaptiveLimiter(32);
  const rejectSeventeenth = async () => {
    const held = [];
    for (let i = 0; i < 17; i++) held.push(limiter.take());
    limiter.onRateLimited(held[16]!); // the server allows 16
    for (const _ of held) limiter.give();
  };
  await rejectSeventeenth();
  for (let round = 0; round < 20; round++) {
    // Successes until the limit reaches 17 (fewer than 17 of them), then the 17th call is rejected.
    while (limiter.currentLimit < 17) limiter.onSuccess();
    await rejectSeventeenth();
    assert.equal(limiter.currentLimit, 16, `round ${round}: back to the cap, not 30% below it`);
  }
});

test("requests/min and tokens/min budgets block when spent and refill with time", async () => {
  let now = 0;
  const stop = new AbortController();
  const waiting = (p: Promise<void>) => p.catch(() => undefined);
  // The wait a budget sleeps with; the pending ones end when the test stops them.
  const stoppable = (ms: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, ms);
      stop.signal.addEventListener("abort", () => {
        clearTimeout(timer);
        reject(new Error("stopped"));
      });
    });
  const budget = new RateBudget(2, 1000, () => now);
  await budget.take(10);
  await budget.take(10);
  assert.equal(
    await settledWithin(waiting(budget.take(10, stoppable)), 40),
    false,
    "a third request in the same minute waits",
  );
  now += 60_000;
  assert.equal(await settledWithin(new RateBudget(2, 1000, () => now).take(10), 40), true);
  const tokens = new RateBudget(undefined, 100, () => now);
  await tokens.take(100);
  assert.equal(await settledWithin(waiting(tokens.take(50, stoppable)), 40), false, "tokens spent");
  tokens.correct(100, 20); // the call used 20, not the 100 charged: 80 come back
  assert.equal(await settledWithin(tokens.take(50), 40), true);
  assert.equal(new RateBudget(undefined, undefined, () => now).unlimited, true);
  stop.abort(); // the waits still pending end here
});
