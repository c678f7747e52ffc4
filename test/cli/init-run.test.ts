import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { cli } from "../helpers/cli.js";
import { tempDir } from "../helpers/paths.js";

test("init writes a working, commented config and the bundled files; validate passes; a second init refuses", async (t) => {
  const dir = tempDir(t);
  const init = await cli(["init", dir]);
  assert.equal(init.code, 0, init.stderr);
  assert.ok(existsSync(join(dir, "config.yaml")));
  for (const file of [
    "persona_bank.yaml",
    "sampling_config.yaml",
    "seed_queries.jsonl",
    "distractor_strategy.yaml",
  ]) {
    assert.ok(existsSync(join(dir, "input", file)), file);
  }
  assert.ok(readdirSync(join(dir, "input", "prompts")).length >= 7);
  const validate = await cli(["validate", "--config", join(dir, "config.yaml")]);
  assert.equal(validate.code, 0, validate.stdout);
  assert.match(validate.stdout, /persona bank\s+PASS/);
  const again = await cli(["init", dir]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /already exists .*--force/);
});

test("run --dry-run on the init config prints the plan table and writes nothing", async (t) => {
  const dir = tempDir(t);
  await cli(["init", dir]);
  const out = join(dir, "dry");
  const dry = await cli([
    "run",
    "--config",
    join(dir, "config.yaml"),
    "--personas",
    "4",
    "--dry-run",
    "--out",
    out,
  ]);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /dry run of plan_[0-9a-f]+: 4 personas, 12 items, 12 to run/);
  assert.match(dry.stdout, /interaction\s+assistant_reply\s+offline\/offline-v1/);
  assert.equal(existsSync(out), false);
});

test("run offline through the CLI: summary, files, and a rerun that resumes", async (t) => {
  const out = tempDir(t);
  const first = await cli(["run", "--personas", "2", "--out", out, "--seed", "5"]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /requested 6, produced 6, failed 0/);
  assert.match(first.stdout, /exported 6 samples/);
  const second = await cli(["run", "--personas", "2", "--out", out, "--seed", "5"]);
  assert.equal(second.code, 0);
  assert.match(second.stdout, /\(resumed\): requested 6, produced 0 \(\+6 from before\)/);
  const bad = await cli(["run", "--personas", "zero", "--out", out]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--personas must be a positive integer/);
  const stage = await cli(["run", "--stage", "nonsense", "--out", out]);
  assert.equal(stage.code, 2);
});

test("run --threads sets the offline engine's threads; --workers, its old name, still works with a warning", async (t) => {
  const threads = await cli(["run", "--personas", "2", "--out", tempDir(t), "--threads", "0"]);
  assert.equal(threads.code, 0, threads.stderr);
  assert.doesNotMatch(threads.stderr, /deprecated/);
  const workers = await cli(["run", "--personas", "2", "--out", tempDir(t), "--workers", "0"]);
  assert.equal(workers.code, 0, workers.stderr);
  assert.match(workers.stderr, /warning: --workers is deprecated: use --threads/);
  for (const run of [threads, workers]) assert.match(run.stdout, /requested 6, produced 6, failed 0/);
  const bad = await cli(["run", "--personas", "2", "--out", tempDir(t), "--threads", "-1"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--threads must be a whole number from 0 to 64/);
});
