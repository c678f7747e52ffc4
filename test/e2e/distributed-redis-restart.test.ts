// Issue 18: Redis restarted (empty: it keeps nothing on disk) in the middle of a distributed run. The
// workers and the coordinator reconnect, the jobs Redis lost are enqueued again, and the run ends
// with exactly the planned samples, each once, the in-process run's files.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { tempDir } from "../helpers/paths.js";
import { startRedisServer, uniqueQueue } from "../helpers/redis.js";
import {
  afterRequests,
  assertSameAsReference,
  coordinatorArgs,
  EXPECTED,
  FROZEN_CLOCK,
  reference,
  startWorker,
} from "./distributed-harness.js";
import { spawnCli } from "./harness.js";

test("Redis killed and restarted empty mid-run: everyone reconnects, lost jobs are enqueued again, the run completes", async (t) => {
  const ref = await reference(t);
  // A server of this test's own: the suite's shared one must not be restarted under other tests.
  const redis = await startRedisServer();
  t.after(() => redis.stop());
  const queue = uniqueQueue("restart");
  const dir = tempDir(t, "personasynth-dist-");
  const out = join(dir, "out");
  const workers = [];
  for (const name of ["w1", "w2"])
    workers.push(await startWorker(t, { url: redis.url, queue, config: ref.config, name, dir }));
  ref.server.reset();
  const coordinator = spawnCli(coordinatorArgs(ref.config, redis.url, queue, out), FROZEN_CLOCK);
  await afterRequests(ref.server, Math.round(ref.summary.api * 0.4));
  await redis.kill();
  await new Promise((resolve) => setTimeout(resolve, 500));
  await redis.restart();

  const result = await coordinator.done;
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, new RegExp(`produced ${EXPECTED}, failed 0`));
  assert.match(result.stderr, /lost the connection to Redis/);
  assert.match(result.stderr, /reconnected to Redis/);
  assert.match(result.stderr, /enqueueing them again/);
  assertSameAsReference(out, ref);
  for (const worker of workers) worker.child.kill("SIGTERM");
  for (const worker of workers) {
    const ended = await worker.done;
    assert.equal(ended.code, 0, ended.stderr);
    assert.match(ended.stderr, /reconnected to Redis/);
  }
});
