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
    system_prompts: text("personas", "prompts"),
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

/** 540 items: within the bundled bank's 548 queries, each used once. */
const RESUME_PERSONAS = 180;

/** The samples of an uninterrupted run with two workers (created_at aside). */
async function uninterrupted(t: { after(fn: () => void): void }): Promise<string> {
  const out = join(tempDir(t, "personasynth-workers-"), "out");
  const whole = await runCli(["run", "--personas", String(RESUME_PERSONAS), "--out", out, "--workers", "2"]);
  assert.equal(whole.code, 0, whole.stderr);
  return withoutTimestamps(Object.values(latestExport(join(out, "training_data"))).join("\n"));
}

/**
 * Starts a run (two workers unless told), sends `signal` once the store holds its first conversations (polled: the
 * run lasts about a second), runs the same command again, and checks the store and the samples.
 */
async function interruptAndResume(
  t: { after(fn: () => void): void; diagnostic(m: string): void },
  signal: NodeJS.Signals,
  workers = "2",
) {
  const expected = await uninterrupted(t);
  const out = join(tempDir(t, "personasynth-workers-"), "out");
  const args = ["run", "--personas", String(RESUME_PERSONAS), "--out", out, "--workers", workers];
  const first = spawnCli(args);
  let storedAtSignal = 0;
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      let lines = 0;
      try {
        lines = readStoreLines(join(out, "interactions")).length;
      } catch {
        lines = 1; // a line being written: the store has started
      }
      if (lines > 0) {
        storedAtSignal = lines;
        first.child.kill(signal);
        clearInterval(poll);
        resolve();
      }
    }, 5);
    first.done.then(() => {
      clearInterval(poll);
      resolve();
    });
  });
  const stopped = await first.done;
  t.diagnostic(
    `${signal} after ${storedAtSignal} stored conversations: code ${stopped.code}, signal ${stopped.signal}`,
  );
  if (signal === "SIGKILL")
    assert.equal(stopped.signal, "SIGKILL", "the first run was killed before it finished");
  else assert.equal(stopped.code, 130, `Ctrl-C exits 130: ${stopped.stderr}`);
  // Ctrl-C leaves every stored line whole. A SIGKILL may cut the write in progress (the kernel stops a
  // write of several pages between two of them) and leave a torn tail: the rerun below must cope, and
  // the checks after it hold either way (kill-resume.test.ts tolerates the same).
  if (signal !== "SIGKILL") readStoreLines(join(out, "interactions"));

  const again = await runCli(args);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /\(resumed\)/);
  const total = RESUME_PERSONAS * 3;
  const interactions = readStoreLines(join(out, "interactions"));
  assert.equal(interactions.length, total);
  assert.equal(new Set(interactions.map((r) => r.interaction_id)).size, total, "no duplicate ids");
  const queries = readStoreLines(join(out, "queries"), "queries");
  assert.equal(queries.length, total);
  assert.equal(new Set(queries.map((r) => r.query_id)).size, total, "no duplicate query records");
  const prompts = readStoreLines(join(out, "personas"), "prompts");
  assert.equal(new Set(prompts.map((r) => r.persona_id)).size, prompts.length, "no duplicate system prompts");
  assert.equal(prompts.length, RESUME_PERSONAS);
  const samples = latestExport(join(out, "training_data"));
  assert.equal(exportedSamples(samples).length, total);
  assert.equal(withoutTimestamps(Object.values(samples).join("\n")), expected);
}

test("an offline run in worker threads killed with SIGKILL resumes to exactly the samples of an uninterrupted run", async (t) => {
  await interruptAndResume(t, "SIGKILL");
});

test("an offline run in worker threads stopped with Ctrl-C exits 130 and resumes to exactly the same samples", async (t) => {
  await interruptAndResume(t, "SIGINT");
});

test("an offline run in one thread stopped with Ctrl-C exits 130 (not an internal error) and resumes to the same samples", async (t) => {
  await interruptAndResume(t, "SIGINT", "0");
});
