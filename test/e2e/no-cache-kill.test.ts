// Issue 12, finding 6: finished work is durable whatever the flags. `--no-cache` means "do not reuse
// earlier runs' answers", not "do not keep this run's": after a kill -9 the same command repeats at
// most the calls that were in flight (+2%), and ends with the same data as an uninterrupted run.
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { tempDir } from "../helpers/paths.js";
import {
  canonicalBody,
  exportedSamples,
  latestExport,
  runArgs,
  runCli,
  spawnCli,
  startDeterministicFake,
  withoutTimestamps,
  writeConfig,
} from "./harness.js";

const PERSONAS = 12;
const EXPECTED = PERSONAS * 3;
/** providers.fake.max_concurrency in the harness's config: the most calls in flight at once. */
const MAX_CONCURRENCY = 16;

test("finding 6: kill -9 of a --no-cache run; the rerun repeats no more calls than were in flight (+2%)", async (t) => {
  const server = await startDeterministicFake({ latencyMs: 30 });
  t.after(() => server.close());
  const dir = tempDir(t, "personasynth-nocache-");
  const config = writeConfig(dir, server.url);
  const args = (out: string) => runArgs(config, String(PERSONAS), out, "--no-cache");

  const clean = await runCli(args(join(dir, "clean")));
  assert.equal(clean.code, 0, clean.stderr);
  const cleanRequests = server.requests.length;
  const cleanExport = latestExport(join(dir, "clean", "training_data"));
  server.reset();

  const out = join(dir, "out");
  const run = spawnCli(args(out));
  let inFlight = -1;
  while (server.requests.length < cleanRequests / 2) await new Promise((r) => setTimeout(r, 2));
  inFlight = server.stats().inFlight;
  run.child.kill("SIGKILL");
  const killed = await run.done;
  assert.equal(killed.signal, "SIGKILL");
  const beforeRerun = server.requests.length;

  const rerun = await runCli(args(out));
  assert.equal(rerun.code, 0, rerun.stderr);
  const total = server.requests.length;
  // Calls of the killed run that the rerun made again (a retry within one run is not a repeat).
  const killedBodies = new Set(server.requests.slice(0, beforeRerun).map((r) => canonicalBody(r.body)));
  const repeated = new Set(
    server.requests
      .slice(beforeRerun)
      .map((r) => canonicalBody(r.body))
      .filter((body) => killedBodies.has(body)),
  ).size;
  t.diagnostic(
    `clean run ${cleanRequests} calls; killed after ${beforeRerun} (${inFlight} in flight at the server); rerun ${total - beforeRerun}; repeated ${repeated}`,
  );
  // In flight as the client sees it: at most its call slots (the server's count misses answers sent
  // but not yet read).
  assert.ok(
    repeated <= MAX_CONCURRENCY + Math.ceil(0.02 * total),
    `${repeated} calls repeated > ${MAX_CONCURRENCY} in flight + 2% of ${total}`,
  );
  // The run's own answers were kept beside its plan while it was unfinished, and dropped once complete.
  const [plan] = readdirSync(join(out, "runs"));
  assert.equal(existsSync(join(out, "runs", plan as string, "responses.sqlite")), false);
  assert.equal(existsSync(join(out, "cache")), false, "the shared cache is not touched");
  const samples = exportedSamples(latestExport(join(out, "training_data")));
  assert.equal(samples.length, EXPECTED);
  const resumed = latestExport(join(out, "training_data"));
  for (const split of Object.keys(cleanExport))
    assert.equal(withoutTimestamps(resumed[split] ?? ""), withoutTimestamps(cleanExport[split] ?? ""));
});
