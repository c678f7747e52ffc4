import assert from "node:assert/strict";
import { test } from "node:test";
import { AdaptiveLimiter } from "../../src/scheduler/limiter.js";
import { RateBudget } from "../../src/scheduler/rate-budget.js";

const settledWithin = async (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), ms))]);

test("the limiter grants up to its limit, then queues by priority and arrival", async () => {
  const limiter = new AdaptiveLimiter(2);
  await limiter.acquire();
  await limiter.acquire();
  const order: string[] = [];
  const low = limiter.acquire(0).then(() => order.push("low"));
  const high = limiter.acquire(5).then(() => order.push("high"));
  const low2 = limiter.acquire(0).then(() => order.push("low2"));
  assert.equal(limiter.waiting, 3);
  limiter.release();
  limiter.release();
  limiter.release();
  await Promise.all([low, high, low2]);
  assert.deepEqual(order, ["high", "low", "low2"]);
});

test("a 429 from a concurrency cap lowers the limit to just below it, and probing stays there", async () => {
  const limiter = new AdaptiveLimiter(32);
  const permits = [];
  for (let i = 0; i < 32; i++) permits.push(await limiter.acquire());
  limiter.onRateLimited(permits[16]!); // the 17th call in flight was rejected: the server allows 16
  assert.equal(limiter.currentLimit, 16);
  limiter.onRateLimited(permits[31]!); // same congestion event: ignored
  assert.equal(limiter.currentLimit, 16);
  for (const _ of permits) limiter.release();
  for (let i = 0; i < 60; i++) limiter.onSuccess();
  assert.equal(limiter.currentLimit, 16, "above the cap a 429 showed, about +1 per four rounds");
  for (let i = 0; i < 10; i++) limiter.onSuccess();
  assert.equal(limiter.currentLimit, 17);
  const probe = [];
  for (let i = 0; i < 17; i++) probe.push(await limiter.acquire());
  limiter.onRateLimited(probe[16]!);
  assert.equal(limiter.currentLimit, 16, "back to the cap, not below it");
  for (const _ of probe) limiter.release();
});

test("429s that keep coming right after a drop (a rate limit) cut the limit multiplicatively", async () => {
  const limiter = new AdaptiveLimiter(20);
  const first = await limiter.acquire();
  for (let i = 0; i < 19; i++) await limiter.acquire();
  limiter.onRateLimited(first); // sent at concurrency 1: min(20, 1) - 1 → 1... capped below at 1
  assert.equal(limiter.currentLimit, 1);
  const limiter2 = new AdaptiveLimiter(20);
  const p = [];
  for (let i = 0; i < 20; i++) p.push(await limiter2.acquire());
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
    for (let i = 0; i < 17; i++) held.push(await limiter.acquire());
    limiter.onRateLimited(held[16]!); // the server allows 16
    for (const _ of held) limiter.release();
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
