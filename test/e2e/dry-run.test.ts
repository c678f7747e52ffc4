// Issue 6: `--dry-run` plans and estimates without a single call or file; a real run's output is clean.
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { tempDir } from "../helpers/paths.js";
import { runArgs, runCli, startDeterministicFake, writeConfig } from "./harness.js";

test("--dry-run prints the plan table; the server receives zero requests and nothing is written", async (t) => {
  const server = await startDeterministicFake();
  t.after(() => server.close());
  const dir = tempDir(t, "personasynth-e2e-");
  const out = join(dir, "out");
  const config = writeConfig(dir, server.url, {
    llm: { prices: { "fake-model": { input: 1, output: 2 } } },
  });
  const result = await runCli(runArgs(config, 5, out, "--dry-run"));
  assert.equal(result.code, 0, result.stderr);
  assert.match(
    result.stdout,
    /dry run of plan_\w+: 5 personas, 15 items, 15 to run \(nothing was called or written\)/,
  );
  assert.match(
    result.stdout,
    /^STAGE\s+OPERATION\s+MODEL\s+CALLS\s+IN TOKENS\s+CACHED IN\s+OUT TOKENS\s+COST$/m,
  );
  for (const operation of ["formulate", "style_transfer", "assistant_reply", "simulate_user"]) {
    assert.match(
      result.stdout,
      new RegExp(`^\\S+\\s+${operation}\\s+fake/fake-model\\s+\\d+`, "m"),
      operation,
    );
  }
  assert.match(
    result.stdout,
    /^total\s+\d+\s+\S+\s+\S+\s+\S+\s+\$\d+(\.\d+)?$/m,
    "priced: the total has a cost",
  );
  assert.equal(server.requests.length, 0, "a dry run makes no call");
  assert.equal(existsSync(out), false, "a dry run writes nothing");
  assert.deepEqual(readdirSync(dir), ["config.yaml"]);
});

test("a real run ends with the requested / produced / failed summary and the exported files", async (t) => {
  const server = await startDeterministicFake();
  t.after(() => server.close());
  const dir = tempDir(t, "personasynth-e2e-");
  const out = join(dir, "out");
  const result = await runCli(runArgs(writeConfig(dir, server.url), 4, out));
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /requested 12, produced 12, failed 0/);
  assert.match(
    result.stdout,
    new RegExp(`exported 12 samples \\(the whole store\\) to ${out}/training_data:`),
  );
  for (const split of ["train", "validation", "test"]) {
    assert.match(result.stdout, new RegExp(`^  ${split} +\\d+ samples$`, "m"));
    assert.match(result.stdout, new RegExp(`^  json .*${split}_samples_\\d{8}_\\d{6}\\.json`, "m"));
  }
});

test("a real run prints no Node.js warnings", {}, async (t) => {
  const server = await startDeterministicFake({ latencyMs: 20 });
  t.after(() => server.close());
  const dir = tempDir(t, "personasynth-e2e-");
  const result = await runCli(runArgs(writeConfig(dir, server.url), 6, join(dir, "out")));
  assert.equal(result.code, 0, result.stderr);
  assert.doesNotMatch(result.stderr, /Warning/);
});
