// Issue 18: the same run on several worker processes through BullMQ on a real Redis, against the
// local fake LLM server. A worker SIGKILLed mid-run, a coordinator SIGKILLed mid-run: the run ends
// with exactly the planned samples, each stored once, the same files as the in-process run.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { QueueEvents } from "bullmq";
import type { FakeLlmServer } from "../helpers/fake-llm-server.js";
import { tempDir } from "../helpers/paths.js";
import { testRedis, uniqueQueue } from "../helpers/redis.js";
import {
  type CliChild,
  type CliResult,
  exportedSamples,
  latestExport,
  readStoreLines,
  runCli,
  spawnCli,
  startDeterministicFake,
  withoutTimestamps,
  writeConfig,
} from "./harness.js";

const PERSONAS = 12;
const EXPECTED = PERSONAS * 3;
/** Per call: long enough that a kill lands while workers hold items, short enough for a quick test. */
const LATENCY_MS = 40;

type TestContext = Parameters<typeof tempDir>[0];

interface Reference {
  server: FakeLlmServer;
  config: string;
  export: Record<string, string>;
  summary: { api: number; tokensIn: string };
}

/** The in-process run every distributed run is compared with (same config, seed and answers). */
async function reference(t: TestContext): Promise<Reference> {
  const server = await startDeterministicFake({ latencyMs: LATENCY_MS });
  t.after(() => server.close());
  const dir = tempDir(t, "personasynth-dist-");
  const config = writeConfig(dir, server.url);
  const out = join(dir, "reference");
  const result = await runCli(["run", "--config", config, "--personas", String(PERSONAS), "--out", out]);
  assert.equal(result.code, 0, result.stderr);
  return { server, config, export: latestExport(join(out, "training_data")), summary: summaryOf(result) };
}

/** The calls line of a run's summary: `calls N (api A, cached C), tokens X in / Y out`. */
function summaryOf(result: CliResult): { api: number; tokensIn: string } {
  const m = /calls \d+ \(api (\d+), cached \d+\), tokens (\S+) in/.exec(result.stdout);
  assert.ok(m, `no calls line in:\n${result.stdout}`);
  return { api: Number(m[1]), tokensIn: m[2] as string };
}

/** Starts a worker and waits until it takes items. */
async function startWorker(
  t: TestContext,
  args: { url: string; queue: string; config: string; name: string; dir: string },
): Promise<CliChild> {
  const worker = spawnCli([
    "worker",
    "--redis-url",
    args.url,
    "--queue",
    args.queue,
    "--config",
    args.config,
    "--concurrency",
    "3",
    "--name",
    args.name,
    "--out",
    join(args.dir, args.name),
    "--lock-duration",
    "2000",
  ]);
  t.after(() => {
    worker.child.kill("SIGKILL");
  });
  let stderr = "";
  await new Promise<void>((resolve, reject) => {
    worker.child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes("taking items")) resolve();
    });
    worker.done.then((r) => reject(new Error(`worker ${args.name} ended: ${r.stderr}`)), reject);
  });
  return worker;
}

function coordinatorArgs(config: string, url: string, queue: string, out: string): string[] {
  return [
    "run",
    "--backend",
    "redis",
    "--redis-url",
    url,
    "--queue",
    queue,
    "--config",
    config,
    "--personas",
    String(PERSONAS),
    "--out",
    out,
  ];
}

/** Resolves once the fake server has received `count` more requests. */
function afterRequests(server: FakeLlmServer, count: number): Promise<void> {
  const target = server.requests.length + count;
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (server.requests.length >= target) {
        clearInterval(poll);
        resolve();
      }
    }, 5);
  });
}

/** Exactly the planned samples, each once, every store line whole and unique, the reference's files. */
function assertSameAsReference(out: string, ref: Reference): void {
  const files = latestExport(join(out, "training_data"));
  const samples = exportedSamples(files);
  assert.equal(samples.length, EXPECTED);
  assert.equal(new Set(samples.map((s) => s.sample_id)).size, EXPECTED, "duplicate sample ids");
  const stored = readStoreLines(join(out, "interactions"));
  assert.equal(stored.length, EXPECTED, "each interaction stored exactly once");
  assert.equal(new Set(stored.map((r) => r.interaction_id)).size, EXPECTED);
  const queries = readStoreLines(join(out, "queries"), "queries");
  assert.equal(new Set(queries.map((r) => r.query_id)).size, queries.length, "a query record stored twice");
  assert.deepEqual(Object.keys(files).sort(), Object.keys(ref.export).sort());
  for (const split of Object.keys(ref.export))
    assert.equal(
      withoutTimestamps(files[split] ?? ""),
      withoutTimestamps(ref.export[split] ?? ""),
      `${split} split differs from the in-process run`,
    );
}

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
  const coordinator = spawnCli(coordinatorArgs(ref.config, url, queue, out));
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
  const again = await runCli(["run", "--config", ref.config, "--personas", String(PERSONAS), "--out", out]);
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
  const first = spawnCli(coordinatorArgs(ref.config, url, queue, out));
  await afterRequests(ref.server, Math.round(ref.summary.api * 0.4));
  first.child.kill("SIGKILL");
  assert.equal((await first.done).signal, "SIGKILL");

  const rerun = await runCli(coordinatorArgs(ref.config, url, queue, out));
  assert.equal(rerun.code, 0, rerun.stderr);
  assert.match(rerun.stdout, /\(resumed\)/);
  assertSameAsReference(out, ref);
  for (const worker of workers) worker.child.kill("SIGTERM");
  for (const worker of workers) assert.equal((await worker.done).code, 0);
});
