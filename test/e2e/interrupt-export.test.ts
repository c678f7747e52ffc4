// Ctrl-C while an export is being written: exit 130, and the export leaves nothing behind — no
// temporary file, no file of the unfinished export — whether it is `export` or the export stage of
// `run`. Before, `export` was ended mid-write (its .tmp files stayed) and `run` ignored the signal
// during its export and exited 0.
import assert from "node:assert/strict";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { cli } from "../helpers/cli.js";
import { tempDir } from "../helpers/paths.js";
import { type CliChild, oneErrorLine, spawnCli } from "./harness.js";

const PERSONAS = "400";

/** An offline store big enough that exporting it takes a while (1,200 conversations). */
async function bigStore(t: { after(fn: () => void): void }) {
  const dir = tempDir(t, "personasynth-e2e-");
  const config = join(dir, "config.yaml");
  writeFileSync(config, "query_generation:\n  allow_reuse: true\n");
  const out = join(dir, "out");
  const stages = "personas,queries,interactions,distractor";
  const run = await cli(["run", "--config", config, "--personas", PERSONAS, "--out", out, "--stage", stages]);
  assert.equal(run.code, 0, run.stderr);
  return { dir, config, out };
}

/** Sends SIGINT once the export has opened its temporary files in `dir`. */
async function interruptWhileWriting(run: CliChild, dir: string) {
  const ended = run.done.then(() => true);
  for (;;) {
    if (existsSync(dir) && readdirSync(dir).some((name) => name.endsWith(".tmp"))) break;
    if (await Promise.race([ended, new Promise((resolve) => setTimeout(() => resolve(false), 5))])) {
      assert.fail(`the command ended before its export was interrupted: ${(await run.done).stderr}`);
    }
  }
  run.child.kill("SIGINT");
  return run.done;
}

test("Ctrl-C during `export`: exit 130, one line, no temporary or partial file; the rerun exports", async (t) => {
  const { dir, out } = await bigStore(t);
  const exportDir = join(dir, "exported");
  const args = ["export", "--store", out, "--out", exportDir, "--format", "json,parquet,jsonl"];
  const interrupted = await interruptWhileWriting(spawnCli(args), exportDir);
  assert.equal(interrupted.code, 130, interrupted.stderr);
  assert.match(oneErrorLine(interrupted), /^error: interrupted: the export was not written/);
  assert.deepEqual(readdirSync(exportDir), []);
  const again = await cli(args);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /exported 1200 samples/);
  assert.ok(readdirSync(exportDir).includes("latest.json"));
});

test("Ctrl-C during the export stage of `run`: exit 130 instead of carrying on, and no file of that export", async (t) => {
  const { config, out } = await bigStore(t);
  const trainingData = join(out, "training_data");
  const args = ["run", "--config", config, "--personas", PERSONAS, "--out", out, "--stage", "export"];
  const interrupted = await interruptWhileWriting(spawnCli(args), trainingData);
  assert.equal(interrupted.code, 130, interrupted.stderr);
  assert.match(oneErrorLine(interrupted), /^error: interrupted/);
  assert.doesNotMatch(interrupted.stdout, /exported/);
  // Not even the token usage file written before the samples: the export is all or nothing.
  assert.deepEqual(readdirSync(trainingData), []);
  const again = await cli(args);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /exported 1200 samples/);
});
