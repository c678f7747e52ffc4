// The limits distributed workers share (scheduler/call-gate.ts in Redis): several gates stand for
// several processes; the Redis is real.
import assert from "node:assert/strict";
import { test } from "node:test";
import { closeRedis, connectRedis, redisTarget } from "../../src/distributed/redis-connection.js";
import { RedisGate } from "../../src/distributed/redis-gate.js";
import { loadRedisModules } from "../../src/distributed/redis-modules.js";
import { InterruptedError, PersonasynthError } from "../../src/errors.js";
import { ignoreEvents } from "../../src/events.js";
import { closedPort } from "../e2e/harness.js";
import { testRedis, uniqueQueue } from "../helpers/redis.js";

type TestContext = Parameters<typeof testRedis>[0];

/** `count` gates on one queue, as `count` processes would have. */
async function gates(t: TestContext, count: number, leaseMs?: number): Promise<RedisGate[]> {
  const url = await testRedis(t);
  const modules = await loadRedisModules();
  const base = `personasynth:${uniqueQueue("gate")}`;
  const out: RedisGate[] = [];
  for (let i = 0; i < count; i++) {
    const redis = await connectRedis(modules, redisTarget(url), ignoreEvents, `gate ${i}`);
    const gate = await RedisGate.open(redis, { base, events: ignoreEvents, ...(leaseMs ? { leaseMs } : {}) });
    out.push(gate);
    t.after(async () => {
      await gate.close();
      await closeRedis(redis);
    });
  }
  return out;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const level = (limit: number) => ({ levels: [{ key: "http://endpoint/v1", limit }] });

test("an endpoint's declared limit holds across processes: never more calls in flight than the limit, all served", async (t) => {
  const [a, b] = (await gates(t, 2)) as [RedisGate, RedisGate];
  let inFlight = 0;
  let peak = 0;
  const call = async (gate: RedisGate) => {
    const pass = await gate.enter(level(3), 10, undefined);
    inFlight++;
    peak = Math.max(peak, inFlight);
    await sleep(15);
    inFlight--;
    pass.leave(10);
  };
  await Promise.all(Array.from({ length: 16 }, (_, i) => call(i % 2 === 0 ? a : b)));
  assert.equal(peak, 3, "the limit is reached, never passed");
  assert.equal(inFlight, 0);
});

test("a process that dies holding slots: its leases expire and the others go on", async (t) => {
  const [dead, alive] = (await gates(t, 2, 300)) as [RedisGate, RedisGate];
  await dead.enter(level(2), 0, undefined);
  await dead.enter(level(2), 0, undefined);
  await dead.close(); // stops renewing, as a killed process does; its two leases stay in Redis
  const started = performance.now();
  const pass = await alive.enter(level(2), 0, undefined);
  const waited = performance.now() - started;
  pass.leave(0);
  assert.ok(
    waited >= 150,
    `entered after ${Math.round(waited)} ms, before the dead process's leases expired`,
  );
});

test("a declared requests-per-minute budget is shared: what one process spent, another waits for", async (t) => {
  const [a, b] = (await gates(t, 2)) as [RedisGate, RedisGate];
  const rate = { levels: [], rate: { key: "fake/model", rpm: 2, tpm: undefined } };
  (await a.enter(rate, 100, undefined)).leave(100);
  (await a.enter(rate, 100, undefined)).leave(100);
  const stop = new AbortController();
  const third = b.enter(rate, 100, stop.signal);
  const state = await Promise.race([third.then(() => "entered"), sleep(400).then(() => "waiting")]);
  assert.equal(state, "waiting", "the third request of the minute went through");
  stop.abort();
  await assert.rejects(third, InterruptedError);
});

test("a call interrupted while waiting for a slot gives nothing away: the next one gets it", async (t) => {
  const [a, b] = (await gates(t, 2)) as [RedisGate, RedisGate];
  const held = await a.enter(level(1), 0, undefined);
  const stop = new AbortController();
  const interrupted = b.enter(level(1), 0, stop.signal);
  const next = b.enter(level(1), 0, undefined);
  await sleep(50);
  stop.abort();
  await assert.rejects(interrupted, InterruptedError);
  held.leave(0);
  (await next).leave(0);
});

test("Redis unreachable or a bad URL: one line naming the server and the fix", async () => {
  const modules = await loadRedisModules();
  const port = await closedPort();
  const error = await connectRedis(
    modules,
    redisTarget(`redis://user:secret@127.0.0.1:${port}`),
    ignoreEvents,
    "test",
  ).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof PersonasynthError, String(error));
  assert.equal(error.code, "BACKEND");
  assert.match(error.describe(), new RegExp(`cannot reach Redis at redis://127\\.0\\.0\\.1:${port}`));
  assert.doesNotMatch(error.describe(), /secret/, "the password is never shown");
  assert.match(error.describe(), /start it/);
  assert.throws(() => redisTarget("http://localhost:6379"), /must be a redis:\/\/ or rediss:\/\/ URL/);
  assert.throws(() => redisTarget("not a url"), /is not a URL/);
});
