// Batch mode end to end: the same config realtime and with --batch gives the same samples (timestamps
// aside) with nearly every call served as a batch line; kill -9 while a batch is pending, rerun, and
// the rerun waits for that batch instead of submitting its lines again.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { tempDir } from "../helpers/paths.js";
import {
  exportedSamples,
  latestExport,
  runArgs,
  runCli,
  spawnCli,
  startDeterministicFake,
  withoutTimestamps,
  writeConfig,
} from "./harness.js";

const PERSONAS = "4";
const fastRounds = { poll_ms: 20, max_poll_ms: 80, quiet_ms: 60 };

function samplesOf(out: string): string {
  const samples = exportedSamples(latestExport(join(out, "training_data")));
  samples.sort((a, b) => String(a.sample_id).localeCompare(String(b.sample_id)));
  return withoutTimestamps(JSON.stringify(samples));
}

function usageRecords(out: string): Array<{ batch?: boolean; cache_hit: boolean; provider: string }> {
  const dir = join(out, "training_data");
  const file = readdirSync(dir).find((f) => f.startsWith("token_usage"));
  return JSON.parse(readFileSync(join(dir, file as string), "utf8")).records;
}

test("--batch: the realtime run's samples, ≥ 90% of calls as batch lines; kill -9 mid-batch re-attaches", async (t) => {
  const server = await startDeterministicFake({ batchLatencyMs: 30 });
  t.after(() => server.close());
  const dir = tempDir(t, "personasynth-e2e-");
  const config = writeConfig(dir, server.url, { llm: { batch: fastRounds } });
  const args = (out: string) => runArgs(config, PERSONAS, join(dir, out));

  const realtime = await runCli(args("realtime"));
  assert.equal(realtime.code, 0, realtime.stderr);
  const realtimeRequests = server.requests.length;
  const batched = await runCli([...args("batch"), "--batch"]);
  assert.equal(batched.code, 0, batched.stderr);
  assert.equal(server.requests.length, realtimeRequests, "no realtime request in batch mode");
  assert.equal(samplesOf(join(dir, "batch")), samplesOf(join(dir, "realtime")), "the same samples");
  const calls = usageRecords(join(dir, "batch")).filter((r) => !r.cache_hit && r.provider !== "offline");
  const lines = calls.filter((r) => r.batch === true).length;
  assert.ok(
    calls.length > 40 && lines / calls.length >= 0.9,
    `${lines} of ${calls.length} calls as batch lines`,
  );
  assert.equal(server.batchStats().repeatedLines, 0);

  // A slow provider: kill -9 while the second round's batch is pending, then run the same command.
  const slow = await startDeterministicFake({ batchLatencyMs: 500 });
  t.after(() => slow.close());
  const slowConfig = writeConfig(tempDir(t, "personasynth-e2e-"), slow.url, { llm: { batch: fastRounds } });
  const slowArgs = runArgs(slowConfig, PERSONAS, join(dir, "killed"), "--batch");
  const killed = spawnCli(slowArgs);
  while (slow.batchStats().batchesCreated < 2) await new Promise((r) => setTimeout(r, 10));
  killed.child.kill("SIGKILL");
  await killed.done;
  const before = slow.batchStats();
  const rerun = await runCli(slowArgs);
  assert.equal(rerun.code, 0, rerun.stderr);
  const after = slow.batchStats();
  assert.equal(after.repeatedLines, 0, "no line of the pending batch was submitted again");
  assert.ok(after.batchesCreated > before.batchesCreated, "the rerun went on with the next rounds");
  assert.equal(samplesOf(join(dir, "killed")), samplesOf(join(dir, "realtime")));
});
