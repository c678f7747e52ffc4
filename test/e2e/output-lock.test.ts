// Issue 12, finding 5: one lock per output directory, independent of the cache. A second run on the
// same --out is refused at once with one line naming the holder; the store ends exactly as one run
// makes it. A lock left by a killed run is taken over.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { tempDir } from "../helpers/paths.js";
import {
  deterministicReply,
  errorLines,
  exportedSamples,
  latestExport,
  readStoreLines,
  repeatedRequests,
  runArgs,
  runCli,
  spawnCli,
  startDeterministicFake,
  withoutTimestamps,
  writeConfig,
} from "./harness.js";

const PERSONAS = 6;
const EXPECTED = PERSONAS * 3;

for (const cacheFlags of [["--no-cache"], []]) {
  const label = cacheFlags.length ? "--no-cache" : "with the cache";
  test(`finding 5: two runs on one --out (${label}): the second is refused at once, the store is exact`, async (t) => {
    // Answers wait behind a gate while the second run tries the directory: the first is surely running.
    let open = (): void => undefined;
    let gate: Promise<void> = Promise.resolve();
    const server = await startDeterministicFake({
      latencyMs: 5,
      reply: async (req) => {
        await gate;
        return deterministicReply(req);
      },
    });
    t.after(() => server.close());
    const dir = tempDir(t, "personasynth-lock-");
    const config = writeConfig(dir, server.url);
    const args = (out: string) => runArgs(config, String(PERSONAS), out, ...cacheFlags);

    const reference = join(dir, "reference");
    assert.equal((await runCli(args(reference))).code, 0);
    const referenceExport = latestExport(join(reference, "training_data"));
    server.reset();

    const out = join(dir, "out");
    gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const first = spawnCli(args(out));
    // Wait until the first run is calling the model, then start the second.
    while (server.requests.length < 5) await new Promise((r) => setTimeout(r, 10));
    // "At once": as fast as the CLI starts and reads its config (no waiting for the holder).
    const startup = await runCli(["validate"]);
    // A second run that is not refused would wait behind the gate: open it after a while so such a
    // run fails the assertions below instead of hanging the test. Generous: on a loaded machine the
    // second run took over 10 s to reach the lock, and the first must still be holding it then.
    const opening = setTimeout(open, 120_000);
    const second = await runCli(args(out));
    clearTimeout(opening);
    open();
    const firstDone = await first.done;
    assert.equal(firstDone.code, 0, firstDone.stderr);
    assert.equal(second.code, 1, `the second run must be refused:\n${second.stderr}`);
    const lines = errorLines(second.stderr);
    assert.equal(lines.length, 1, second.stderr);
    assert.match(lines[0] as string, new RegExp(`pid ${first.child.pid}`));
    assert.match(lines[0] as string, new RegExp(hostname()));
    // The first run is held at the gate until after this point, so a refusal at all proves the second did
    // not wait for it to finish; the bound only catches a waiting-with-timeout refusal, and is loose
    // enough for a loaded CI machine (a CLI start took 10 s there, the refusal 13.7 s).
    assert.ok(
      second.ms < startup.ms * 2 + 5000,
      `refused at once (${Math.round(second.ms)} ms; the CLI starts in ${Math.round(startup.ms)} ms)`,
    );
    assert.doesNotMatch(second.stdout, /requested/, "the second run did nothing");

    const records = readStoreLines(join(out, "interactions"));
    assert.equal(records.length, EXPECTED);
    assert.equal(new Set(records.map((r) => r.interaction_id)).size, EXPECTED);
    assert.equal(repeatedRequests(server.requests), 0, "no call made twice");
    const samples = exportedSamples(latestExport(join(out, "training_data")));
    assert.equal(samples.length, EXPECTED);
    const exported = latestExport(join(out, "training_data"));
    for (const split of Object.keys(referenceExport))
      assert.equal(withoutTimestamps(exported[split] ?? ""), withoutTimestamps(referenceExport[split] ?? ""));
    assert.equal(existsSync(join(out, "personasynth.lock")), false, "the lock is released at the end");
  });
}

test("a lock left by a process that no longer runs is taken over", async (t) => {
  const dir = tempDir(t, "personasynth-lock-");
  const out = join(dir, "out");
  mkdirSync(out, { recursive: true });
  // A pid that is not running: a finished child's.
  const gone = spawnCli(["--version"]);
  await gone.done;
  writeFileSync(
    join(out, "personasynth.lock"),
    JSON.stringify({ pid: gone.child.pid, host: hostname(), started_at: "2026-01-01T00:00:00.000Z" }),
  );
  const run = await runCli(["run", "--personas", "2", "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, new RegExp(`stale lock.*pid ${gone.child.pid}`));
  assert.equal(existsSync(join(out, "personasynth.lock")), false);
  assert.equal(readStoreLines(join(out, "interactions")).length, 6);
});
