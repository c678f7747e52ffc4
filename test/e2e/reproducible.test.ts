// Issue 12, finding 10: reproducible builds of a dataset. With SOURCE_DATE_EPOCH set, every timestamp
// in records, exports and file names is that instant, and two runs with the same seed and config in two
// directories give byte-identical training_data/ files.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { cli } from "../helpers/cli.js";
import { tempDir } from "../helpers/paths.js";
import { runArgs, startDeterministicFake, writeConfig } from "./harness.js";

const EPOCH = "1767225600"; // 2026-01-01T00:00:00Z

test("finding 10: SOURCE_DATE_EPOCH → byte-identical training_data/ files from two runs in two directories", async (t) => {
  const dir = tempDir(t);
  const outs = [join(dir, "a"), join(dir, "b")];
  for (const [i, out] of outs.entries()) {
    // A second apart at least, so the wall clock would show in any timestamp that ignores the epoch.
    if (i > 0) await new Promise((r) => setTimeout(r, 1100));
    const run = await cli(["run", "--personas", "5", "--out", out], { env: { SOURCE_DATE_EPOCH: EPOCH } });
    assert.equal(run.code, 0, run.stderr);
  }
  const [a, b] = outs.map((out) => join(out, "training_data")) as [string, string];
  const names = readdirSync(a).sort();
  assert.deepEqual(readdirSync(b).sort(), names, "the same file names");
  assert.ok(names.includes("statistics_20260101_000000.json"), names.join(", "));
  assert.ok(names.some((n) => n.startsWith("token_usage_")));
  for (const name of names)
    assert.ok(readFileSync(join(a, name)).equals(readFileSync(join(b, name))), `${name} differs`);
  const train = readFileSync(join(a, "train_samples_20260101_000000.json"), "utf8");
  assert.match(train, /"created_at": "2026-01-01T00:00:00.000Z"/);
  assert.deepEqual(readdirSync(join(outs[0] as string, "logs")), ["run_20260101_000000.log"]);
});

test("SOURCE_DATE_EPOCH, against a provider: samples and statistics byte-identical (token usage records measured latencies)", async (t) => {
  const server = await startDeterministicFake({ latencyMs: 2, latencyJitterMs: 8 });
  t.after(() => server.close());
  const dir = tempDir(t);
  const config = writeConfig(dir, server.url);
  const outs = [join(dir, "a"), join(dir, "b")];
  for (const out of outs) {
    const run = await cli(runArgs(config, 4, out), {
      env: { SOURCE_DATE_EPOCH: EPOCH },
    });
    assert.equal(run.code, 0, run.stderr);
  }
  const [a, b] = outs.map((out) => join(out, "training_data")) as [string, string];
  const names = readdirSync(a).sort();
  assert.deepEqual(readdirSync(b).sort(), names);
  const data = names.filter((n) => !n.startsWith("token_usage_"));
  for (const split of ["train", "validation", "test"])
    assert.ok(data.includes(`${split}_samples_20260101_000000.json`), data.join(", "));
  for (const name of data)
    assert.ok(readFileSync(join(a, name)).equals(readFileSync(join(b, name))), `${name} differs`);
});

test("SOURCE_DATE_EPOCH that is not a whole number of seconds is a usage error", async (t) => {
  const run = await cli(["run", "--personas", "1", "--out", join(tempDir(t), "out")], {
    env: { SOURCE_DATE_EPOCH: "yesterday" },
  });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /SOURCE_DATE_EPOCH/);
});
