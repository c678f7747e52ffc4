// Offline runs in worker threads (`--workers N`): the same records, byte for byte, as in one thread;
// the same call counts (a persona split over two batches is formulated once); resumable after kill -9.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { tempDir } from "../helpers/paths.js";
import {
  exportedSamples,
  latestExport,
  readStoreLines,
  runCli,
  spawnCli,
  withoutTimestamps,
} from "./harness.js";

/** 40 personas × 3 queries: 120 items, four batches of 32 (a persona's three items straddle batches). */
const PERSONAS = 40;
const EXPECTED = PERSONAS * 3;

function stores(out: string): Record<string, string> {
  const text = (dir: string, prefix: string) =>
    withoutTimestamps(
      readStoreLines(join(out, dir), prefix)
        .map((r) => JSON.stringify(r))
        .join("\n"),
    );
  return {
    interactions: text("interactions", "interactions"),
    queries: text("queries", "queries"),
    system_prompts: text("personas", "system_prompts"),
    personas: text("personas", "personas"),
  };
}

test("--workers 0 / 1 / 3 give byte-identical stores and samples (created_at aside) and the same call count", async (t) => {
  const runs: Array<{ label: string; samples: string; stores: Record<string, string>; calls: string }> = [];
  for (const workers of ["0", "1", "3"]) {
    const out = join(tempDir(t, "personasynth-workers-"), "out");
    const result = await runCli(["run", "--personas", String(PERSONAS), "--out", out, "--workers", workers]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`produced ${EXPECTED}, failed 0`));
    if (workers !== "0") assert.match(result.stderr, new RegExp(`in ${workers} offline worker threads`));
    const calls = /calls (\d+)/.exec(result.stdout)?.[1] ?? "";
    runs.push({
      label: `--workers ${workers}`,
      samples: withoutTimestamps(Object.values(latestExport(join(out, "training_data"))).join("\n")),
      stores: stores(out),
      calls,
    });
  }
  const [reference, ...others] = runs;
  assert.ok(reference);
  assert.equal(
    (reference.stores.system_prompts ?? "").split("\n").length,
    PERSONAS,
    "one system prompt per persona",
  );
  assert.ok(Number(reference.calls) > EXPECTED);
  for (const run of others) {
    assert.equal(run.samples, reference.samples, `${run.label}: samples differ`);
    for (const [store, text] of Object.entries(reference.stores))
      assert.equal(run.stores[store], text, `${run.label}: the ${store} store differs (content or order)`);
    assert.equal(run.calls, reference.calls, `${run.label}: another number of offline calls`);
  }
});

test("an offline run in worker threads killed with SIGKILL resumes to exactly the samples of an uninterrupted run", async (t) => {
  const personas = 180; // 540 items: within the bundled bank's 548 queries, each used once
  const reference = join(tempDir(t, "personasynth-workers-"), "out");
  const whole = await runCli(["run", "--personas", String(personas), "--out", reference, "--workers", "2"]);
  assert.equal(whole.code, 0, whole.stderr);
  const expected = withoutTimestamps(
    Object.values(latestExport(join(reference, "training_data"))).join("\n"),
  );

  const out = join(tempDir(t, "personasynth-workers-"), "out");
  const args = ["run", "--personas", String(personas), "--out", out, "--workers", "2"];
  const first = spawnCli(args);
  // Killed once the store has some but not all conversations (polled; the run lasts about a second).
  let storedAtKill = 0;
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      let lines = 0;
      try {
        lines = readStoreLines(join(out, "interactions")).length;
      } catch {
        lines = 1; // a line being written: the store has started
      }
      if (lines > 0) {
        storedAtKill = lines;
        first.child.kill("SIGKILL");
        clearInterval(poll);
        resolve();
      }
    }, 5);
    first.done.then(() => {
      clearInterval(poll);
      resolve();
    });
  });
  const killed = await first.done;
  t.diagnostic(`killed with ${killed.signal} after ${storedAtKill} stored conversations`);
  assert.equal(killed.signal, "SIGKILL", "the first run was killed before it finished");

  const again = await runCli(args);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /\(resumed\)/);
  const interactions = readStoreLines(join(out, "interactions"));
  assert.equal(interactions.length, personas * 3);
  assert.equal(new Set(interactions.map((r) => r.interaction_id)).size, personas * 3, "no duplicate ids");
  const queries = readStoreLines(join(out, "queries"), "queries");
  assert.equal(new Set(queries.map((r) => r.query_id)).size, queries.length, "no duplicate query records");
  assert.equal(queries.length, personas * 3);
  const samples = latestExport(join(out, "training_data"));
  assert.equal(exportedSamples(samples).length, personas * 3);
  assert.equal(withoutTimestamps(Object.values(samples).join("\n")), expected);
});
