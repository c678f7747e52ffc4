// Issue 18: the same run on several worker processes through BullMQ on a real Redis, against the
// local fake LLM server. A worker SIGKILLed mid-run, a coordinator SIGKILLed mid-run: the run ends
// with exactly the planned samples, each stored once, the same files as the in-process run.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { QueueEvents } from "bullmq";
import { tempDir } from "../helpers/paths.js";
import { testRedis, uniqueQueue } from "../helpers/redis.js";
import {
  afterRequests,
  assertSameAsReference,
  coordinatorArgs,
  EXPECTED,
  FROZEN_CLOCK,
  PERSONAS,
  reference,
  startWorker,
  summaryOf,
} from "./distributed-harness.js";
import { runArgs, runCli, spawnCli } from "./harness.js";

test("a coordinator and three workers, one SIGKILLed mid-run: exactly N samples, none twice, the in-process run's files; usage summed, cache complete", async (t) => {
  const ref = await reference(t);
  const url = await testRedis(t);
  const queue = uniqueQueue("kill-worker");
  const dir = tempDir(t, "personasynth-dist-");
  const out = join(dir, "out");
  // Stalled jobs (a worker died holding them), as BullMQ reports them.
  const events = new QueueEvents(queue, { connection: { url }, prefix: "personasynth" });
  t.after(() => events.close());
  const stalled = new Set<string>();
  events.on("stalled", ({ jobId }) => stalled.add(jobId));
  await events.waitUntilReady();

  const workers = [];
  for (const name of ["w1", "w2", "w3"])
    workers.push(await startWorker(t, { url, queue, config: ref.config, name, dir }));
  ref.server.reset();
  const coordinator = spawnCli(coordinatorArgs(ref.config, url, queue, out), FROZEN_CLOCK);
  await afterRequests(ref.server, Math.round(ref.summary.api * 0.3));
  workers[0]?.child.kill("SIGKILL");
  const killed = await workers[0]?.done;
  assert.equal(killed?.signal, "SIGKILL");

  const result = await coordinator.done;
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, new RegExp(`produced ${EXPECTED}, failed 0`));
  assert.ok(stalled.size >= 1, "the killed worker held no job: it was not killed mid-item");
  t.diagnostic(`jobs recovered from the killed worker: ${stalled.size}`);
  assertSameAsReference(out, ref);

  // Usage over all workers: the calls of the stored items, as many as the in-process run made.
  const summary = summaryOf(result);
  assert.deepEqual(summary, ref.summary, "usage summed over the workers differs from the in-process run's");

  // The surviving workers stop cleanly on SIGTERM.
  for (const worker of workers.slice(1)) worker.child.kill("SIGTERM");
  for (const worker of workers.slice(1)) {
    const ended = await worker.done;
    assert.equal(ended.code, 0, ended.stderr);
    assert.match(ended.stdout, /worker w\d: \d+ items/);
  }

  // The coordinator's cache holds every answer the workers used: the same run made again here,
  // from the cache alone, sends nothing to the server and gives the same files.
  rmSync(join(out, "interactions"), { recursive: true });
  const before = ref.server.requests.length;
  const again = await runCli(runArgs(ref.config, String(PERSONAS), out), FROZEN_CLOCK);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(ref.server.requests.length - before, 0, "answers missing from the coordinator's cache");
  assertSameAsReference(out, ref);
});

test("the coordinator SIGKILLed mid-run: the workers go on, the same command resumes to the in-process run's files", async (t) => {
  const ref = await reference(t);
  const url = await testRedis(t);
  const queue = uniqueQueue("kill-coordinator");
  const dir = tempDir(t, "personasynth-dist-");
  const out = join(dir, "out");
  const workers = [];
  for (const name of ["w1", "w2"])
    workers.push(await startWorker(t, { url, queue, config: ref.config, name, dir }));
  ref.server.reset();
  const first = spawnCli(coordinatorArgs(ref.config, url, queue, out), FROZEN_CLOCK);
  await afterRequests(ref.server, Math.round(ref.summary.api * 0.4));
  first.child.kill("SIGKILL");
  assert.equal((await first.done).signal, "SIGKILL");

  const rerun = await runCli(coordinatorArgs(ref.config, url, queue, out), FROZEN_CLOCK);
  assert.equal(rerun.code, 0, rerun.stderr);
  assert.match(rerun.stdout, /\(resumed\)/);
  assertSameAsReference(out, ref);
  for (const worker of workers) worker.child.kill("SIGTERM");
  for (const worker of workers) assert.equal((await worker.done).code, 0);
});
