import assert from "node:assert/strict";
import { appendFileSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { InteractionStorage } from "../../src/interaction/storage.js";
import { cli } from "../helpers/cli.js";
import { makeInteraction } from "../helpers/interactions.js";
import { tempDir } from "../helpers/paths.js";

async function storeWith(dir: string, count: number): Promise<string> {
  const store = join(dir, "interactions");
  const storage = new InteractionStorage(store);
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      storage.save(makeInteraction(i, { noisy: i % 3 === 0, personaId: `persona_${i}` })),
    ),
  );
  await storage.close();
  return store;
}

test("export writes split files and statistics for the whole store", async (t) => {
  const dir = tempDir(t);
  const store = await storeWith(dir, 60);
  const out = join(dir, "out");
  const { code, stdout, stderr } = await cli([
    "export",
    "--store",
    store,
    "--out",
    out,
    "--split",
    "--no-timestamp",
  ]);
  assert.equal(code, 0, stderr);
  assert.match(stdout, /exported 60 samples from 60 personas/);
  assert.deepEqual(readdirSync(out).sort(), [
    "latest.json",
    "statistics.json",
    "test_samples.json",
    "train_samples.json",
    "validation_samples.json",
  ]);
  const total = ["train", "validation", "test"]
    .map((s) => (JSON.parse(readFileSync(join(out, `${s}_samples.json`), "utf8")) as unknown[]).length)
    .reduce((a, b) => a + b, 0);
  assert.equal(total, 60);
  const stats = JSON.parse(readFileSync(join(out, "statistics.json"), "utf8"));
  assert.equal(stats.total_samples, 60);
  assert.equal(stats.distractor_stats.samples_with_noise, 20);
});

test("export --format jsonl --no-split writes one JSONL file", async (t) => {
  const dir = tempDir(t);
  const store = await storeWith(dir, 5);
  const out = join(dir, "out");
  const { code } = await cli([
    "export",
    "--store",
    store,
    "--out",
    out,
    "--no-split",
    "--format",
    "jsonl",
    "--no-timestamp",
  ]);
  assert.equal(code, 0);
  assert.equal(readFileSync(join(out, "train_samples.jsonl"), "utf8").trimEnd().split("\n").length, 5);
});

test("stats prints a summary, or JSON with --json", async (t) => {
  const dir = tempDir(t);
  const store = await storeWith(dir, 9);
  const text = await cli(["stats", "--store", store]);
  assert.equal(text.code, 0);
  assert.match(text.stdout, /samples\s+9/);
  assert.match(text.stdout, /noisy prompts\s+6 \(33\.3% of prompts\)/);
  assert.match(text.stdout, /roles \(personas\)\s+designer 3, engineer 3, student 3/);
  assert.match(text.stdout, /duplicate trajectories \(exact \/ near\)\s+0 \/ 0/);
  const json = await cli(["stats", "--store", store, "--json"]);
  assert.equal(JSON.parse(json.stdout).total_samples, 9);
});

test("a corrupt store line is one clear error with file:line, exit 1, and no output written", async (t) => {
  const dir = tempDir(t);
  const store = await storeWith(dir, 3);
  appendFileSync(join(store, "interactions-000001.jsonl"), "garbage\n{}\n");
  const out = join(dir, "out");
  const { code, stderr } = await cli(["export", "--store", store, "--out", out, "--no-timestamp"]);
  assert.equal(code, 1);
  assert.match(stderr, /^error: .*interactions-000001\.jsonl:4: line is not valid JSON/m);
  assert.equal(stderr.trim().split("\n").length, 1);
  assert.deepEqual(readdirSync(out), [], "nothing half-written");
});

test("a missing store is exit 1 with a hint", async (t) => {
  const { code, stderr } = await cli(["stats", "--store", join(tempDir(t), "none")]);
  assert.equal(code, 1);
  assert.match(stderr, /no interactions store here .*personasynth run/);
});
